//! Every generated `.md` page is plain CommonMark: it parses with pulldown-cmark into
//! the expected headings and lists, and holds no raw HTML.

mod docs_support;

use docs_support::{catalogue, page, pages};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Headings (level, text), list count and whether any HTML occurs.
struct Outline {
    headings: Vec<(HeadingLevel, String)>,
    lists: usize,
    items: Vec<String>,
    html: Vec<String>,
}

fn outline(text: &str) -> Outline {
    let mut o = Outline {
        headings: Vec::new(),
        lists: 0,
        items: Vec::new(),
        html: Vec::new(),
    };
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut item: Vec<String> = Vec::new();
    for ev in Parser::new(text) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => o.headings.push(heading.take().unwrap()),
            Event::Start(Tag::List(_)) => o.lists += 1,
            Event::Start(Tag::Item) => item.push(String::new()),
            Event::End(TagEnd::Item) => o.items.push(item.pop().unwrap()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = &mut heading {
                    h.push_str(&t);
                }
                if let Some(i) = item.last_mut() {
                    i.push_str(&t);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => o.html.push(h.to_string()),
            _ => {}
        }
    }
    o
}

#[test]
fn every_markdown_page_is_commonmark_without_html() {
    let cat = catalogue();
    let pages = pages();
    let mut checked = 0;
    for spec in cat.iter() {
        for m in &spec.auth_methods {
            let path = format!("{}/{}.md", spec.id, m.slug());
            let o = outline(page(&pages, &path));
            assert!(o.html.is_empty(), "{path}: raw HTML {:?}", o.html);
            let h1: Vec<&String> = o
                .headings
                .iter()
                .filter(|h| h.0 == HeadingLevel::H1)
                .map(|h| &h.1)
                .collect();
            assert_eq!(
                h1,
                [&format!("Connect {} with {}", spec.name, m.label)],
                "{path}: one h1, the title"
            );
            let h2: Vec<&str> = o
                .headings
                .iter()
                .filter(|h| h.0 == HeadingLevel::H2)
                .map(|h| h.1.as_str())
                .collect();
            // A method with actions opens with its scope selector.
            let mut want: Vec<&str> = Vec::new();
            if !m.actions.is_empty() {
                want.push("What the integration will do");
            }
            want.extend(m.guide.sections.iter().map(|s| s.title.as_str()));
            want.push("Linking the Account from the Hub");
            assert_eq!(
                h2, want,
                "{path}: one h2 per section, then the closing section"
            );
            let steps = o
                .headings
                .iter()
                .filter(|h| h.0 == HeadingLevel::H3)
                .count();
            let want_steps: usize = m
                .guide
                .sections
                .iter()
                .map(|s| s.steps.len())
                .sum::<usize>()
                // The Hub steps; an OAuth method without end-user fields (its client the
                // integrator's) has none to fill.
                + if hub_only(m) { 2 } else { 3 };
            assert_eq!(steps, want_steps, "{path}: one h3 per step");
            for f in &m.fields {
                let mut label = if f.optional {
                    format!("{} (Optional)", f.label)
                } else {
                    f.label.clone()
                };
                // A choice with a default names the option it takes.
                if let Some(o) = f
                    .default
                    .as_deref()
                    .and_then(|d| f.options.iter().find(|o| o.value == d))
                {
                    label = format!("{label} (Default: {})", o.label);
                }
                // A key field says how the key is given.
                if let Some(k) = &f.private_key {
                    label = format!(
                        "{label}: {}",
                        if k.container == connectspec_lang::KeyContainer::Json {
                            "paste the contents of the JSON key file, or choose the file"
                        } else {
                            "paste the PEM private key, or choose its file"
                        }
                    );
                }
                assert!(
                    o.items.contains(&label),
                    "{path}: field `{label}` not listed"
                );
            }
            assert!(
                o.lists >= if hub_only(m) { 1 } else { 2 },
                "{path}: lists expected"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2);

    let index = outline(page(&pages, "index.md"));
    assert!(index.html.is_empty());
    // One h2 per category that has providers, one h3 per provider under it.
    let level = |l: HeadingLevel| index.headings.iter().filter(|h| h.0 == l).count();
    let mut primaries: Vec<&str> = cat
        .iter()
        .map(|p| p.categories.first().map_or("", String::as_str))
        .collect();
    primaries.sort_unstable();
    primaries.dedup();
    assert_eq!(level(HeadingLevel::H2), primaries.len());
    assert_eq!(level(HeadingLevel::H3), cat.specs.len());
}

/// Whether the end user fills in nothing: an OAuth method without end-user fields whose
/// client is the integrator's (an end user who brings an app enters its credentials).
fn hub_only(m: &connectspec_lang::AuthMethod) -> bool {
    m.is_oauth()
        && m.fields.is_empty()
        && m.oauth.as_ref().is_some_and(|o| {
            matches!(
                o.client,
                connectspec_lang::ClientOwner::Integrator | connectspec_lang::ClientOwner::Dynamic
            )
        })
}

/// The items of the first list after the h2 titled `title`, as text.
fn items_under(text: &str, title: &str) -> Vec<String> {
    let mut in_heading = false;
    let mut heading = String::new();
    let mut after = false;
    let mut depth = 0usize;
    let mut items: Vec<String> = Vec::new();
    for ev in Parser::new(text) {
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if depth == 0 && !items.is_empty() {
                    break;
                }
                after = heading == title;
            }
            Event::Start(Tag::List(_)) if after => depth += 1,
            Event::End(TagEnd::List(_)) if after => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Start(Tag::Item) if after && depth == 1 => items.push(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if in_heading {
                    heading.push_str(&t);
                } else if after && depth > 0 {
                    items.last_mut().unwrap().push_str(&t);
                }
            }
            _ => {}
        }
    }
    items
}

#[test]
fn markdown_action_lists_have_an_item_per_action_and_headings_stand_apart() {
    let cat = catalogue();
    let pages = pages();
    let mut with_actions = 0;
    for p in pages.iter().filter(|p| p.path.ends_with(".md")) {
        // A heading line always follows a blank line: renderers that do not let a
        // heading interrupt a list item would otherwise swallow it.
        let lines: Vec<&str> = p.contents.lines().collect();
        for (i, l) in lines.iter().enumerate().skip(1) {
            if l.starts_with('#') {
                assert!(
                    lines[i - 1].is_empty(),
                    "{}:{}: heading `{l}` without a blank line before it",
                    p.path,
                    i + 1
                );
            }
        }
    }
    for spec in cat.iter() {
        for m in spec.auth_methods.iter().filter(|m| !m.actions.is_empty()) {
            let path = format!("{}/{}.md", spec.id, m.slug());
            let items = items_under(page(&pages, &path), "What the integration will do");
            let want: Vec<String> = m
                .actions
                .iter()
                .map(|a| format!("{}: {}", a.label, a.scopes.join(", ")))
                .collect();
            assert_eq!(items, want, "{path}: one list item per action");
            with_actions += 1;
        }
    }
    assert!(with_actions >= 3, "the catalogue has methods with actions");
}

#[test]
fn oneflow_markdown_structure() {
    let pages = pages();
    let o = outline(page(&pages, "oneflow/api-token.md"));
    let h3: Vec<&str> = o
        .headings
        .iter()
        .filter(|h| h.0 == HeadingLevel::H3)
        .map(|h| h.1.as_str())
        .collect();
    assert_eq!(
        h3,
        [
            "Step 1: Sign in to Oneflow",
            "Step 2: Enable the integration",
            "Step 1: Open the Custom Integration",
            "Step 2: Generate a new token",
            "Step 3: Copy the API token",
            "Step 1: Navigate to the Hub",
            "Step 2: Fill out the fields",
            "Step 3: Connect",
        ]
    );
    assert!(
        o.items
            .iter()
            .any(|i| i == "Format: 40 characters: letters, digits and hyphens.")
    );
    assert!(o.items.iter().any(|i| i == "Click Generate a new token."));
}

/// A format hint is inline text: its `code` is code on the page (and a code node in the
/// form's guide), not escaped backticks.
#[test]
fn format_hints_keep_their_code() {
    let pages = pages();
    let md = page(&pages, "sentry/personal-token.md");
    assert!(
        md.contains("Format: `sntryu_` followed by 64 hexadecimal characters."),
        "{md}"
    );
    let mdx = page(&pages, "sentry/personal-token.mdx");
    assert!(mdx.contains("<li>Format: <code>"), "{mdx}");
    let cat = catalogue();
    let m = cat
        .provider("sentry")
        .and_then(|p| p.method("auth_token"))
        .expect("sentry auth_token");
    let guide = connectspec_guides::guide::method_guide(m, None).unwrap();
    let has_code = guide
        .sections
        .iter()
        .flat_map(|s| s.steps.iter().flat_map(|st| &st.bullets).chain(&s.bullets))
        .flatten()
        .any(|n| matches!(n, connectspec_guides::guide::Node::Code(c) if c == "sntryu_"));
    assert!(has_code, "the form's guide has the hint's code node");
}
