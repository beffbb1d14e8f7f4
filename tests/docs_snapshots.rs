//! The pages' golden is `docs/providers/` itself (checked in, kept fresh by `cargo
//! xtask check`, which names `cargo xtask gen-docs`). This file holds what that
//! directory cannot show: a Webflow page rendered for a chosen scope set, which differs
//! from the full page exactly where scopes apply.

mod docs_support;

use connectspec_docs::{Options, parse_scopes, render_catalogue};
use docs_support::{catalogue, page, pages};

fn scoped(scopes: &str) -> Vec<connectspec_docs::Page> {
    let opts = Options {
        scopes: Some(parse_scopes(scopes)),
        ..Options::default()
    };
    render_catalogue(&catalogue(), &opts).unwrap()
}

#[test]
fn scope_filtered_webflow_page_lists_only_the_chosen_scopes() {
    let full = pages();
    let full_mdx = page(&full, "webflow/site-token.mdx");
    let some = scoped("cms:write, authorized_user:read");
    let mdx = page(&some, "webflow/site-token.mdx");
    insta::assert_snapshot!("webflow_site_token_cms_write_mdx", mdx);

    // The scoped step stays, keeps its scope attribute, but displays only the chosen scopes.
    assert!(mdx.contains("<Step title=\"Generate API Token\">"));
    assert!(mdx.contains("data-guide-display-scopes-list=\"cms:write authorized_user:read\""));
    assert!(
        mdx.contains("<li>CMS: edit and read</li>")
            && mdx.contains("<li>Authorized user: read-only</li>")
    );
    assert!(
        !mdx.contains("<li>Assets: edit and read</li>")
            && full_mdx.contains("<li>Assets: edit and read</li>")
    );
    // Nothing else changes: the only lines that differ are the scope list and its attribute.
    let full_lines: Vec<&str> = full_mdx.lines().collect();
    let lines: Vec<&str> = mdx.lines().collect();
    let removed: Vec<&str> = full_lines
        .iter()
        .filter(|l| !lines.contains(l))
        .copied()
        .collect();
    let added: Vec<&str> = lines
        .iter()
        .filter(|l| !full_lines.contains(l))
        .copied()
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].contains("data-guide-display-scopes-list=\"cms:write authorized_user:read\""));
    assert_eq!(removed.len(), 11, "{removed:?}");
    assert!(
        removed
            .iter()
            .filter(|l| l.contains(": edit and read</li>"))
            .count()
            == 10
    );
    assert_eq!(full_lines.len() - lines.len(), 10);
    // Pages without scoped content are identical.
    assert_eq!(
        page(&some, "oneflow/api-token.mdx"),
        page(&full, "oneflow/api-token.mdx")
    );
}

#[test]
fn scope_set_without_overlap_drops_the_scoped_step() {
    let full = pages();
    let none = scoped("cms:read");
    for path in ["webflow/site-token.mdx", "webflow/site-token.md"] {
        let text = page(&none, path);
        assert!(
            !text.contains("Generate API Token"),
            "{path}: scoped step kept"
        );
        assert!(page(&full, path).contains("Generate API Token"));
        for kept in [
            "Open Site Settings",
            "Navigate to Apps & Integrations",
            "Copy the token",
            "Linking the Account from the Hub",
        ] {
            assert!(text.contains(kept), "{path}: unscoped `{kept}` dropped");
        }
    }
}

#[test]
fn unknown_scope_is_refused() {
    let opts = Options {
        scopes: Some(parse_scopes("cms:write,nope:read")),
        ..Options::default()
    };
    let e = render_catalogue(&catalogue(), &opts)
        .unwrap_err()
        .to_string();
    assert!(e.contains("nope:read") && !e.contains("cms:write"), "{e}");
}
