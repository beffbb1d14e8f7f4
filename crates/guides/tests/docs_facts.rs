//! The generated Oneflow and Webflow pages carry every fact of the reference pages:
//! section headings, step titles, the UI labels the user clicks or looks for, the
//! warning, the limits and the form fields, in both flavours.

mod docs_support;

use connectspec_guides::sentences::format_sentence;
use docs_support::{catalogue, method, page, pages};

/// How a fact appears in each flavour's source.
struct Shape {
    path: &'static str,
    heading: fn(&str) -> String,
    step: fn(&str) -> String,
    label: fn(&str) -> String,
}

const MDX: fn(&'static str) -> Shape = |path| Shape {
    path,
    heading: |t| format!("<h2>{t}</h2>"),
    step: |t| format!("<Step title=\"{t}\">"),
    label: |t| format!("<strong>{t}</strong>"),
};

const MD: fn(&'static str) -> Shape = |path| Shape {
    path,
    heading: |t| format!("\n## {t}\n"),
    step: |t| format!(": {t}\n"),
    label: |t| format!("**{t}**"),
};

struct Facts {
    provider: &'static str,
    method: &'static str,
    headings: &'static [&'static str],
    steps: &'static [&'static str],
    labels: &'static [&'static str],
    fields: &'static [&'static str],
    warning: Option<&'static [&'static str]>,
}

const ONEFLOW: Facts = Facts {
    provider: "oneflow",
    method: "api_token",
    headings: &[
        "Enable the Custom Integration",
        "Generate your Oneflow API token",
        "Find your user email",
        "Linking the Account from the Hub",
    ],
    steps: &[
        "Sign in to Oneflow",
        "Enable the integration",
        "Open the Custom Integration",
        "Generate a new token",
        "Copy the API token",
        "Navigate to the Hub",
        "Fill out the fields",
        "Connect",
    ],
    labels: &[
        "Marketplace",
        "Workflow",
        "Custom Integration",
        "Enable",
        "Admin",
        "Integrations",
        "API Tokens",
        "Generate a new token",
        "Confirm",
        "Connect",
    ],
    fields: &["API Token", "User Email"],
    warning: None,
};

const WEBFLOW: Facts = Facts {
    provider: "webflow",
    method: "site_token",
    headings: &[
        "Generating a Site API Token",
        "Linking the Account from the Hub",
    ],
    steps: &[
        "Open Site Settings",
        "Navigate to Apps & Integrations",
        "Generate API Token",
        "Copy the token",
        "Navigate to the Hub",
        "Fill out the fields",
        "Connect",
    ],
    labels: &[
        "Site",
        "Site Settings",
        "Apps & Integrations",
        "API access",
        "Generate API token",
        "Token name",
        "Permissions",
        "Edit and read access",
        "Authorized user",
        "Read-only access",
        "Generate token",
        "Connect",
    ],
    fields: &["Site Token"],
    warning: Some(&["Custom Code endpoints", "OAuth 2.0"]),
};

fn assert_facts(facts: &Facts, shape: &Shape, text: &str) {
    let cat = catalogue();
    let (_, m) = method(&cat, facts.provider, facts.method);
    let miss = |what: &str, needle: String| {
        assert!(
            text.contains(&needle),
            "{}: {what} `{needle}` missing",
            shape.path
        )
    };
    for h in facts.headings {
        miss("section heading", (shape.heading)(h));
    }
    for s in facts.steps {
        miss("step title", (shape.step)(s));
    }
    for l in facts.labels {
        miss("UI label", (shape.label)(l));
    }
    // The limits, from the spec's structured data (one source with the validators).
    for limit in &m.limits {
        miss(
            "limit",
            connectspec_guides::sentences::limit_sentence(m, limit),
        );
    }
    // Field hints referenced by the guide.
    for f in m.fields.iter().filter_map(|f| f.hint.as_deref()) {
        if text.contains("Format:") {
            miss("format hint", format_sentence(f));
        }
    }
    // The form fields, by label, in form order, in the closing section.
    let closing = &text[text
        .find("Linking the Account from the Hub")
        .expect("closing section")..];
    let mut at = 0;
    for f in facts.fields {
        let needle = (shape.label)(f);
        let pos = closing[at..]
            .find(&needle)
            .unwrap_or_else(|| panic!("{}: field `{f}` missing or out of order", shape.path));
        at += pos + needle.len();
    }
    match facts.warning {
        Some(words) => {
            let start = text
                .find(if shape.path.ends_with(".mdx") {
                    "<Warning>"
                } else {
                    "> **Warning:**"
                })
                .expect("warning");
            let warning = &text[start..start + text[start..].find('\n').unwrap()];
            for w in words {
                assert!(
                    warning.contains(w),
                    "{}: warning lacks `{w}`: {warning}",
                    shape.path
                );
            }
        }
        None => assert!(
            !text.contains("Warning"),
            "{}: unexpected warning",
            shape.path
        ),
    }
}

#[test]
fn oneflow_pages_carry_every_reference_fact() {
    let pages = pages();
    for shape in [MDX("oneflow/api-token.mdx"), MD("oneflow/api-token.md")] {
        assert_facts(&ONEFLOW, &shape, page(&pages, shape.path));
    }
    let mdx = page(&pages, "oneflow/api-token.mdx");
    assert!(mdx.contains("<li>Format: 40 characters: letters, digits and hyphens.</li>"));
    assert!(mdx.contains("<li>The API Token is displayed only once, when it is generated.</li>"));
}

#[test]
fn webflow_pages_carry_every_reference_fact() {
    let pages = pages();
    for shape in [MDX("webflow/site-token.mdx"), MD("webflow/site-token.md")] {
        assert_facts(&WEBFLOW, &shape, page(&pages, shape.path));
    }
    let md = page(&pages, "webflow/site-token.md");
    for fact in [
        "At most 5 Site Tokens can exist per site.",
        "The Site Token expires after 365 consecutive days without use.",
    ] {
        assert!(
            md.contains(&format!("- {fact}\n")),
            "limit `{fact}` is not a list item"
        );
    }
}

/// The headings, step titles and UI labels of the hand-made reference pages, one per line,
/// as `reference_facts/<page>.txt` holds them (extracted from `shared/reference`).
fn reference_facts(text: &str) -> Vec<String> {
    let tag = |open: &str, close: &str| -> Vec<String> {
        text.split(open)
            .skip(1)
            .map(|s| s[..s.find(close).unwrap()].to_owned())
            .collect()
    };
    let mut wanted = tag("<h2>", "</h2>");
    wanted.extend(
        tag("<Step title=\"", "\"")
            .into_iter()
            .map(|t| format!("<Step title=\"{t}\"")),
    );
    wanted.extend(
        tag("<strong>", "</strong>")
            .into_iter()
            .map(|t| format!("<strong>{t}</strong>")),
    );
    wanted.retain(|w| !w.contains("StackOne"));
    wanted
}

/// Every `<h2>`, `<Step title>` and `<strong>` label of the hand-made reference pages
/// appears in the generated MDX page. The facts are checked in beside this test, so the
/// test always compares something; where the reference pages themselves are beside the
/// repository (`shared/reference`, as in the workplace and CI), the checked-in facts must
/// be exactly what they hold.
#[test]
fn generated_pages_cover_the_reference_pages() {
    let shared = docs_support::root().join("../shared/reference");
    let facts_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference_facts");
    let refs = [
        ("oneflow-api-token", "oneflow/api-token.mdx"),
        ("webflow-site-token", "webflow/site-token.mdx"),
    ];
    let pages = pages();
    for (reference, generated) in refs {
        let facts_file = facts_dir.join(format!("{reference}.txt"));
        let checked_in = std::fs::read_to_string(&facts_file)
            .unwrap_or_else(|e| panic!("{}: {e}", facts_file.display()));
        let wanted: Vec<String> = checked_in.lines().map(str::to_owned).collect();
        assert!(wanted.len() > 15, "{reference}: too few facts");
        let source = shared.join(format!("{reference}.stackone-hub.txt"));
        if let Ok(text) = std::fs::read_to_string(&source) {
            assert_eq!(
                wanted,
                reference_facts(&text),
                "{} no longer holds the facts of {}: extract them again",
                facts_file.display(),
                source.display()
            );
        }
        let ours = page(&pages, generated);
        // The Markdown h2 of the reference's closing section is an <h2> in ours.
        let missing: Vec<&String> = wanted
            .iter()
            .filter(|w| !ours.contains(w.as_str()) && !ours.contains(&format!("<h2>{w}</h2>")))
            .collect();
        assert!(
            missing.is_empty(),
            "{generated} lacks reference facts: {missing:?}"
        );
    }
}
