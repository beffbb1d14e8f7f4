//! The pages' golden is `docs/providers/` itself (checked in, kept fresh by `cargo
//! xtask check`, which names `cargo xtask gen-docs`). This file holds what that
//! directory cannot show: a Webflow page rendered for a chosen scope set, which differs
//! from the full page exactly where scopes apply.

mod docs_support;

use connectspec_guides::{Options, parse_scopes, render_catalogue};
use docs_support::{catalogue, page, pages};

fn scoped(scopes: &str) -> Vec<connectspec_guides::Page> {
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
    assert!(mdx.contains("data-guide-display-scopes-list=\"authorized_user:read cms:write\""));
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
    assert!(added[0].contains("data-guide-display-scopes-list=\"authorized_user:read cms:write\""));
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
    // `custom_code:read` is named by no step, nor included by a scope a step names.
    let none = scoped("custom_code:read");
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

fn for_actions(actions: &str) -> Vec<connectspec_guides::Page> {
    let opts = Options {
        actions: Some(parse_scopes(actions)),
        ..Options::default()
    };
    render_catalogue(&catalogue(), &opts).unwrap()
}

/// The space-separated value of `attr="…"` in the first element that has it.
fn attr_value<'a>(text: &'a str, attr: &str) -> Option<&'a str> {
    let start = text.find(&format!("{attr}=\""))? + attr.len() + 2;
    Some(&text[start..start + text[start..].find('"')?])
}

#[test]
fn pages_of_methods_with_actions_carry_the_scope_selector() {
    let full = pages();
    for spec in catalogue().iter() {
        for m in &spec.auth_methods {
            let mdx = page(&full, &format!("{}/{}.mdx", spec.id, m.slug()));
            let md = page(&full, &format!("{}/{}.md", spec.id, m.slug()));
            assert_eq!(
                mdx.contains("data-guides-scope-selector"),
                !m.actions.is_empty(),
                "{}/{}",
                spec.id,
                m.id
            );
            for a in &m.actions {
                assert!(
                    mdx.contains(&format!(
                        "data-guides-action=\"{}\" data-guide-scopes=\"{}\"",
                        a.id,
                        a.scopes.join(" ")
                    )),
                    "{}/{}: {}",
                    spec.id,
                    m.id,
                    a.id
                );
                assert!(md.contains(&format!("- **{}**: ", a.label)), "{}", a.id);
            }
        }
    }
}

#[test]
fn webflow_page_for_actions_lists_exactly_the_least_privilege_scopes() {
    let spec = catalogue();
    let webflow = spec
        .provider("webflow")
        .unwrap()
        .method("site_token")
        .unwrap();
    let chosen = ["read_cms", "write_cms", "read_forms"];
    let want = webflow.least_privilege_scopes(&chosen).unwrap();
    // write includes read, so cms:read is dropped.
    assert_eq!(want, ["authorized_user:read", "cms:write", "forms:read"]);
    let rendered = for_actions("read_cms,write_cms,read_forms");
    let mdx = page(&rendered, "webflow/site-token.mdx");
    insta::assert_snapshot!("webflow_site_token_actions_mdx", mdx);
    assert_eq!(
        attr_value(mdx, "data-guides-least-privilege").unwrap(),
        want.join(" ")
    );
    assert_eq!(
        attr_value(mdx, "data-guides-selected-actions").unwrap(),
        "read_cms write_cms read_forms"
    );
    // The step that chooses permissions displays exactly those scopes, and no other
    // step or section displays any other.
    assert!(mdx.contains(&format!(
        "data-guide-display-scopes-list=\"{}\"",
        want.join(" ")
    )));
    for (i, _) in mdx.match_indices("data-guide-display-scopes-list=\"") {
        let v = attr_value(&mdx[i..], "data-guide-display-scopes-list").unwrap();
        assert!(
            v.split(' ')
                .filter(|s| !s.is_empty())
                .all(|s| want.contains(&s)),
            "{v}"
        );
    }
    // Only the chosen actions are listed.
    assert!(!mdx.contains("data-guides-action=\"publish_sites\""));
    let md = page(&rendered, "webflow/site-token.md");
    for s in &want {
        assert!(md.contains(&format!("- `{s}`: ")), "{s}");
    }
    assert!(!md.contains("- `cms:read`: "));
    // A method that declares none of the actions is rendered in full.
    let full = pages();
    assert_eq!(
        page(&rendered, "oneflow/api-token.mdx"),
        page(&full, "oneflow/api-token.mdx")
    );
}
