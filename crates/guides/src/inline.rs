//! Guide text (the spec's inline Markdown subset) rendered for each flavour.
//!
//! The spec loader has already proved every guide text parses, so a parse failure
//! here means the caller skipped the loader; it is reported, not hidden.

use connectspec_lang::inline::{Inline, is_site_path, parse};

use crate::Flavor;
use crate::escape;

/// Renders guide text; the result is markup, safe to place in the page as is.
pub fn render(flavor: Flavor, source: &str) -> Result<String, String> {
    Ok(render_nodes(flavor, &nodes(source)?))
}

/// Parses guide text; the loader has proved it parses, so a failure is reported.
pub fn nodes(source: &str) -> Result<Vec<Inline>, String> {
    parse(source).map_err(|e| {
        format!(
            "guide text `{source}` is not in the inline subset: {}",
            e.message
        )
    })
}

/// Renders parsed inline nodes.
pub fn render_nodes(flavor: Flavor, nodes: &[Inline]) -> String {
    let mut out = String::new();
    for node in nodes {
        match (flavor, node) {
            (_, Inline::Text(t)) => out.push_str(&escape::text(flavor, t)),
            (Flavor::Mdx, Inline::Bold(t)) => {
                out.push_str("<strong>");
                out.push_str(&escape::text(flavor, t));
                out.push_str("</strong>");
            }
            (Flavor::Markdown, Inline::Bold(t)) => {
                // `**` only opens/closes next to non-space, so keep edge spaces outside.
                let inner = t.trim();
                out.push_str(&t[..t.len() - t.trim_start().len()]);
                out.push_str("**");
                out.push_str(&escape::text(flavor, inner));
                out.push_str("**");
                out.push_str(&t[t.trim_end().len()..]);
            }
            (Flavor::Mdx, Inline::Code(t)) => {
                out.push_str("<code>");
                out.push_str(&escape::text(flavor, t));
                out.push_str("</code>");
            }
            (Flavor::Markdown, Inline::Code(t)) => {
                // The subset forbids backticks inside code, so one backtick fences it.
                out.push('`');
                out.push_str(t);
                out.push('`');
            }
            (Flavor::Mdx, Inline::Link { text, url }) => {
                out.push_str("<a href=\"");
                out.push_str(&escape::attr(url));
                out.push('"');
                if is_external(url) {
                    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
                }
                out.push('>');
                out.push_str(&escape::text(flavor, text));
                out.push_str("</a>");
            }
            (Flavor::Markdown, Inline::Link { text, url }) => {
                out.push('[');
                out.push_str(&escape::text(flavor, text));
                out.push_str("](");
                out.push_str(&escape::md_url(url));
                out.push(')');
            }
        }
    }
    out
}

/// Links to other sites open in a new tab; only a site path (`/x`, never `//host` or
/// `/\host`) stays in place. Nodes built without the parser get the same treatment:
/// anything that is not a site path is external.
fn is_external(url: &str) -> bool {
    !is_site_path(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Open [the dashboard](https://example.com/d), click **Site Settings** and copy `X-Token` {now}.";

    #[test]
    fn mdx_uses_elements_and_new_tab_links() {
        assert_eq!(
            render(Flavor::Mdx, SAMPLE).unwrap(),
            "Open <a href=\"https://example.com/d\" target=\"_blank\" rel=\"noopener noreferrer\">the dashboard</a>, \
             click <strong>Site Settings</strong> and copy <code>X-Token</code> \\{now\\}."
        );
        assert_eq!(
            render(Flavor::Mdx, "[Accounts](/guides/accounts)").unwrap(),
            "<a href=\"/guides/accounts\">Accounts</a>"
        );
    }

    #[test]
    fn markdown_uses_commonmark_syntax() {
        assert_eq!(
            render(Flavor::Markdown, SAMPLE).unwrap(),
            "Open [the dashboard](https://example.com/d), click **Site Settings** and copy `X-Token` {now}."
        );
    }

    #[test]
    fn text_outside_the_subset_is_an_error() {
        let e = render(Flavor::Markdown, "a <b>c</b>").unwrap_err();
        assert!(e.contains("raw HTML"), "{e}");
    }

    #[test]
    fn links_to_other_sites_are_never_rendered_as_site_paths() {
        for url in [
            "//evil.example/x",
            "/\\evil.example",
            "\\\\evil.example",
            "/\\/evil.example",
        ] {
            for flavor in [Flavor::Mdx, Flavor::Markdown] {
                let e = render(flavor, &format!("[x]({url})")).unwrap_err();
                assert!(e.contains("link target"), "{url}: {e}");
            }
            // Nodes that skipped the parser are still marked as leaving the site.
            let node = Inline::Link {
                text: "x".into(),
                url: url.into(),
            };
            let html = render_nodes(Flavor::Mdx, std::slice::from_ref(&node));
            assert!(
                html.contains("target=\"_blank\" rel=\"noopener noreferrer\""),
                "{html}"
            );
            // In Markdown a backslash is encoded, so no renderer reads `/\` as `//`.
            let md = render_nodes(Flavor::Markdown, std::slice::from_ref(&node));
            assert!(!md.contains('\\'), "{md}");
        }
    }
}
