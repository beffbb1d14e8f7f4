//! Generation behaviour: located template errors, strict variables, overrides by file
//! name, nothing written on a spec error, byte-identical output, removal of pages
//! whose spec is gone.

mod docs_support;

use std::path::Path;

use connectspec_guides::{DocsError, Options, generate, render_catalogue};
use docs_support::{catalogue, derived_spec, pages};

fn with_templates(dir: &Path) -> Options {
    Options {
        templates: Some(dir.to_owned()),
        ..Options::default()
    }
}

fn template_error(dir: &Path) -> connectspec_guides::TemplateError {
    match render_catalogue(&catalogue(), &with_templates(dir)) {
        Err(DocsError::Template(t)) => t,
        other => panic!("expected a template error, got {other:?}"),
    }
}

#[test]
fn missing_variable_fails_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.md.jinja");
    std::fs::write(&file, "# {{ page.title }}\n\n{{ page.subtitle }}\n").unwrap();
    let t = template_error(dir.path());
    assert_eq!(t.file, file);
    assert_eq!(t.line, Some(3));
    let shown = DocsError::Template(t).to_string();
    assert!(shown.contains(&format!("{}:3:", file.display())), "{shown}");
    assert!(shown.contains("`page.subtitle` is undefined"), "{shown}");
    assert!(
        shown.contains("{{ page.subtitle }}"),
        "the template line is shown: {shown}"
    );
    assert!(
        shown.contains("while rendering airtable/") || shown.contains("while rendering "),
        "{shown}"
    );
    assert!(shown.contains("no pages were written"), "{shown}");
}

#[test]
fn syntax_error_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.mdx.jinja"),
        "---\ntitle: x\n---\n{% for p in providers %}\n{{ p.name }\n{% endfor %}\n",
    )
    .unwrap();
    let t = template_error(dir.path());
    assert!(t.file.ends_with("index.mdx.jinja"));
    assert_eq!(t.line, Some(5));
    assert!(t.message.contains("syntax error"), "{}", t.message);
}

#[test]
fn printing_an_absent_value_fails() {
    let dir = tempfile::tempdir().unwrap();
    // Oneflow has no warning: printing it unguarded is a template bug, not an empty string.
    std::fs::write(
        dir.path().join("page.md.jinja"),
        "# {{ page.title }}\n{{ warning }}\n",
    )
    .unwrap();
    let t = template_error(dir.path());
    assert_eq!(t.line, Some(2));
    assert!(t.message.contains("absent"), "{}", t.message);
}

#[test]
fn errors_in_default_templates_name_the_repository_file() {
    let dir = tempfile::tempdir().unwrap();
    // An override that includes a default template by name still reports the failing file.
    std::fs::write(
        dir.path().join("page.md.jinja"),
        "{% include \"bad.md.jinja\" %}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.md.jinja"), "ok\n{{ nope }}\n").unwrap();
    let t = template_error(dir.path());
    assert!(t.file.ends_with("bad.md.jinja"), "{:?}", t.file);
    assert_eq!(t.line, Some(2));
}

#[test]
fn template_names_must_say_their_flavour() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.jinja"), "x").unwrap();
    let t = template_error(dir.path());
    assert!(t.message.contains(".mdx.jinja"), "{}", t.message);
}

#[test]
fn override_replaces_one_template_by_name_and_still_escapes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.mdx.jinja"),
        "{{ provider.name }} <{{ \"{x} <y>\" }}>\n",
    )
    .unwrap();
    let pages = render_catalogue(&catalogue(), &with_templates(dir.path())).unwrap();
    let mdx = docs_support::page(&pages, "webflow/site-token.mdx");
    assert_eq!(mdx, "Webflow <\\{x\\} \\<y\\>>\n");
    // The other templates are the defaults.
    assert_eq!(
        docs_support::page(&pages, "webflow/site-token.md"),
        docs_support::page(&docs_support::pages(), "webflow/site-token.md")
    );
}

#[test]
fn spec_error_writes_nothing() {
    let specs = tempfile::tempdir().unwrap();
    derived_spec(specs.path(), "webflow", "webflow", &[]);
    derived_spec(
        specs.path(),
        "oneflow",
        "oneflow",
        &[("label: API Token\n", "label: API Token\n    bogus: 1\n")],
    );
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("providers");
    let e = generate(specs.path(), &target, &Options::default()).unwrap_err();
    assert!(matches!(e, DocsError::Spec(_)), "{e}");
    assert!(e.to_string().contains("oneflow.yaml"), "{e}");
    assert!(!target.exists(), "nothing may be written");
}

#[test]
fn output_is_byte_identical_and_removed_specs_lose_their_pages() {
    let specs = tempfile::tempdir().unwrap();
    for id in ["oneflow", "webflow"] {
        derived_spec(specs.path(), id, id, &[]);
    }
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("providers");
    std::fs::create_dir_all(target.join("webflow")).unwrap();
    std::fs::write(target.join("webflow/notes.md"), "hand-written, not ours").unwrap();

    let first = generate(specs.path(), &target, &Options::default()).unwrap();
    assert_eq!((first.pages, first.providers), (6, 2));
    let line = first.to_string();
    assert!(
        line.starts_with("rendered 6 pages for 2 providers in ") && line.ends_with(" ms"),
        "{line}"
    );
    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        for sub in ["", "oneflow", "webflow"] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for e in entries.flatten().filter(|e| e.path().is_file()) {
                files.push((
                    format!("{sub}/{}", e.file_name().to_string_lossy()),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
        files.sort();
        files
    };
    let before = snapshot(&target);
    let second = generate(specs.path(), &target, &Options::default()).unwrap();
    assert!(
        second.report.written.is_empty(),
        "a second run rewrites nothing: {:?}",
        second.report.written
    );
    assert_eq!(snapshot(&target), before, "byte-identical");

    std::fs::remove_file(specs.path().join("webflow.yaml")).unwrap();
    let third = generate(specs.path(), &target, &Options::default()).unwrap();
    assert_eq!(
        third.report.removed,
        ["webflow/site-token.md", "webflow/site-token.mdx"]
    );
    assert!(!target.join("webflow/site-token.mdx").exists());
    assert_eq!(
        std::fs::read_to_string(target.join("webflow/notes.md")).unwrap(),
        "hand-written, not ours"
    );
    assert!(
        !std::fs::read_to_string(target.join("index.md"))
            .unwrap()
            .contains("Webflow")
    );
    assert!(
        std::fs::read_dir(&target)
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with("tmp~"))
    );
}

#[test]
fn rendering_is_deterministic_in_memory() {
    assert_eq!(pages(), pages());
}
