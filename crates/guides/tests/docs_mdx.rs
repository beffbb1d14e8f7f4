//! Every generated `.mdx` page compiles and runs with the real MDX compiler
//! (`@mdx-js/mdx`, pinned by tests/mdx/package-lock.json) with the page components
//! (`Steps`, `Step`, `Warning`) provided; what the compiled pages say is checked too.
//!
//! Needs `node` and `npm`; `npm ci` installs the compiler when tests/mdx/node_modules
//! is missing.

mod docs_support;

use std::path::Path;
use std::process::Command;

use docs_support::{catalogue, derived_spec, root, write_all};
use serde_json::Value;

/// The compiler's folder, its pinned packages installed.
fn mdx_dir() -> std::path::PathBuf {
    connectspec_tests::npm::ensure(
        &root().join("tests/mdx"),
        &["node_modules/@mdx-js/mdx"],
        "the MDX page check",
    )
}

/// Compiles every `.mdx` under `dir`; the per-page reports and whether all passed.
fn compile(dir: &Path) -> (Vec<Value>, bool) {
    let out = Command::new("node")
        .arg("compile.mjs")
        .arg(dir)
        .current_dir(mdx_dir())
        .output()
        .expect("node must be installed to check the MDX pages");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.is_empty(),
        "compile.mjs printed nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (reports, out.status.success())
}

fn report<'a>(reports: &'a [Value], suffix: &str) -> &'a Value {
    reports
        .iter()
        .find(|r| r["file"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no report for {suffix}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_generated_mdx_page_compiles() {
    let out = tempfile::tempdir().unwrap();
    let pages = docs_support::pages();
    write_all(out.path(), &pages);
    let (reports, ok) = compile(out.path());
    let failures: Vec<&Value> = reports.iter().filter(|r| r["ok"] != true).collect();
    assert!(
        ok && failures.is_empty(),
        "MDX compile failures: {failures:#?}"
    );
    assert_eq!(
        reports.len(),
        pages.iter().filter(|p| p.path.ends_with(".mdx")).count()
    );

    // What the compiled pages say, decoded by MDX itself.
    let cat = catalogue();
    for (id, method, slug) in [
        ("oneflow", "api_token", "api-token"),
        ("webflow", "site_token", "site-token"),
    ] {
        let (_, m) = docs_support::method(&cat, id, method);
        let r = report(&reports, &format!("{id}/{slug}.mdx"));
        // A method with actions opens with its scope selector.
        let mut h2: Vec<String> = Vec::new();
        if !m.actions.is_empty() {
            h2.push("What the integration will do".into());
        }
        h2.extend(m.guide.sections.iter().map(|s| s.title.clone()));
        h2.push("Linking the Account from the Hub".into());
        assert_eq!(strings(&r["h2"]), h2);
        let mut steps: Vec<String> = m
            .guide
            .sections
            .iter()
            .flat_map(|s| &s.steps)
            .map(|s| s.title.clone())
            .collect();
        steps.push("Navigate to the Hub".into());
        // An OAuth method without end-user fields has no fields to fill in.
        if !(m.is_oauth() && m.fields.is_empty()) {
            steps.push("Fill out the fields".into());
        }
        steps.push("Connect".into());
        assert_eq!(strings(&r["steps"]), steps);
        for link in r["links"].as_array().unwrap() {
            let external = link["href"].as_str().unwrap().starts_with("https://");
            assert_eq!(link["target"] == "_blank", external, "{link}");
            assert_eq!(link["rel"] == "noopener noreferrer", external, "{link}");
        }
        assert!(
            r["links"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["target"] == "_blank"),
            "{id}: an external link"
        );
    }
    let webflow = report(&reports, "webflow/site-token.mdx");
    assert_eq!(strings(&webflow["warnings"]).len(), 1);
    assert!(strings(&webflow["steps"]).contains(&"Navigate to Apps & Integrations".to_owned()));
}

/// Text full of MDX and Markdown syntax comes out literally: the engine's escaping works
/// in text, in attributes and in inline markup.
#[test]
fn hostile_text_is_escaped_for_mdx() {
    let specs = tempfile::tempdir().unwrap();
    derived_spec(
        specs.path(),
        "webflow",
        "tricky",
        &[
            ("name: Webflow", "name: \"Web{flow} <i>\""),
            (
                "- title: Open Site Settings",
                "- title: 'Open \"Site\" {Settings} & <x> AT&amp;T'",
            ),
            (
                "text: The token settings are in the Apps & Integrations part of Site Settings.",
                "text: \"Type {curly} and `{code}` then 1 < 2 > 0, AT&amp;T, snake_case_name, back\\\\slash, **{bold}** and [a {link}](https://example.com/a?b=1&c=2).\"",
            ),
        ],
    );
    let cat = connectspec_lang::load_dir(specs.path()).unwrap_or_else(|d| panic!("{d}"));
    let pages = connectspec_guides::render_catalogue(&cat, &connectspec_guides::Options::default())
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    write_all(out.path(), &pages);
    let (reports, ok) = compile(out.path());
    assert!(ok, "{reports:#?}");
    let r = report(&reports, "tricky/site-token.mdx");
    assert!(
        strings(&r["steps"]).contains(&"Open \"Site\" {Settings} & <x> AT&amp;T".to_owned()),
        "{:?}",
        r["steps"]
    );
    let text = r["text"].as_str().unwrap();
    for literal in [
        "Type {curly} and {code} then 1 < 2 > 0, AT&amp;T, snake_case_name, back\\slash, {bold} and a {link}.",
        "If Web{flow} <i> asks you to sign in",
    ] {
        assert!(
            text.contains(literal),
            "`{literal}` not in compiled text: {text}"
        );
    }
    assert!(
        r["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["href"] == "https://example.com/a?b=1&c=2" && l["text"] == "a {link}")
    );

    // The same text survives Markdown literally too.
    let md = docs_support::page(&pages, "tricky/site-token.md");
    let mut plain = String::new();
    for ev in pulldown_cmark::Parser::new(md) {
        match ev {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => plain.push_str(&t),
            pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                panic!("raw HTML in Markdown: {h}")
            }
            _ => {}
        }
    }
    assert!(plain.contains("Type {curly} and {code} then 1 < 2 > 0, AT&amp;T, snake_case_name, back\\slash, {bold} and a {link}."), "{plain}");
    assert!(
        plain.contains("Step 1: Open \"Site\" {Settings} & <x> AT&amp;T"),
        "{plain}"
    );
}

/// The harness itself fails on a component the page does not get.
#[test]
fn undeclared_component_fails_the_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.mdx"), "# Hi\n\n<Tabs>x</Tabs>\n").unwrap();
    let (reports, ok) = compile(dir.path());
    assert!(!ok);
    assert!(
        reports[0]["error"].as_str().unwrap().contains("Tabs"),
        "{reports:?}"
    );
}

/// The pages of every locale compile: every page gen-docs writes for a locale (each spec
/// complete there, its alternates in the front matter, the engine's words from the
/// locale's catalogue), so each catalogue's sentences are compiled in every page shape.
#[test]
fn every_locale_mdx_page_compiles() {
    let cat = catalogue();
    let tr = connectspec_lang::translate::load(&root().join("specs"), &cat);
    assert!(tr.diagnostics.is_empty(), "{}", tr.diagnostics);
    let pages: Vec<_> = connectspec_guides::render_all(
        &cat,
        &tr.translations,
        &connectspec_guides::Options::default(),
    )
    .unwrap()
    .into_iter()
    .filter(|p| {
        p.path.ends_with(".mdx")
            && p.path
                .split_once('/')
                .is_some_and(|(first, _)| connectspec_lang::translate::locale(first).is_some())
    })
    .collect();
    for locale in connectspec_lang::translate::LOCALES {
        assert!(
            pages
                .iter()
                .any(|p| p.path.starts_with(&format!("{}/", locale.code))),
            "no page in {}",
            locale.code
        );
    }
    let out = tempfile::tempdir().unwrap();
    write_all(out.path(), &pages);
    let (reports, ok) = compile(out.path());
    let failures: Vec<&Value> = reports.iter().filter(|r| r["ok"] != true).collect();
    assert!(
        ok && failures.is_empty(),
        "MDX compile failures: {failures:#?}"
    );
    assert_eq!(reports.len(), pages.len());
    let r = report(&reports, "/ja/webflow/site-token.mdx");
    let h2 = strings(&r["h2"]);
    assert!(
        h2.contains(&"サイト API トークンを生成する".to_owned()),
        "{h2:?}"
    );
    // The engine's own heading, in the locale's words.
    assert!(
        h2.contains(&"Hub からアカウントを連携する".to_owned()),
        "{h2:?}"
    );
    let r = report(&reports, "/fr/github/oauth-app-setup.mdx");
    let h2 = strings(&r["h2"]);
    assert!(
        h2.contains(&"Enregistrer l'application OAuth".to_owned()),
        "{h2:?}"
    );
}
