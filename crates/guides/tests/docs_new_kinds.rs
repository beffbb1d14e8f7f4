//! Pages of the newer method kinds say what the Hub does when the end user clicks
//! **Connect**: the token exchange and the assertion it signs, discovery and dynamic
//! registration for an MCP server, and the connection test; key fields say how the key
//! is given. The fixtures are `tests/kinds/*.yaml`.

mod docs_support;

use connectspec_guides::{Options, render_catalogue};
use docs_support::{page, root};

fn kind_pages() -> Vec<connectspec_guides::Page> {
    let cat = connectspec_lang::load_dir(&root().join("crates/guides/tests/kinds"))
        .unwrap_or_else(|d| panic!("the fixtures must load:\n{d}"));
    render_catalogue(&cat, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_token_exchange_page_names_the_exchange_and_the_test() {
    let pages = kind_pages();
    let md = page(&pages, "acme_exchange/api-credentials.md");
    assert!(md.contains(
        "- The Hub first trades the Username and Password for a short-lived access token at `api.acme.example.com`."
    ), "{md}");
    assert!(
        md.contains(
            "- The connection test sends `GET /v1/me` to Acme and passes when it answers 200."
        ),
        "{md}"
    );
    let mdx = page(&pages, "acme_exchange/api-credentials.mdx");
    assert!(mdx.contains(
        "<li>The Hub first trades the Username and Password for a short-lived access token at <code>api.acme.example.com</code>.</li>"
    ), "{mdx}");
}

#[test]
fn an_assertion_page_says_the_key_signs_and_is_never_sent() {
    let pages = kind_pages();
    let md = page(&pages, "acme_jwt/service-account.md");
    assert!(
        md.contains(
            "- **Service account key**: paste the contents of the JSON key file, or choose the file"
        ),
        "{md}"
    );
    assert!(md.contains("- **User to act as** (Optional)"), "{md}");
    assert!(md.contains(
        "To do so it signs a short-lived RS256 assertion with the private key in **Service account key**; the key itself is never sent."
    ), "{md}");
    assert!(md.contains("the Service account key and User to act as for a short-lived access token at `oauth.acme.example.com`"), "{md}");
}

#[test]
fn an_mcp_page_explains_discovery_and_has_no_setup_page() {
    let pages = kind_pages();
    let md = page(&pages, "acme_mcp/mcp-server.md");
    assert!(md.contains("reads the metadata of `https://mcp.acme.example.com/mcp` to find its authorization server and registers a client there for this connection"), "{md}");
    assert!(!md.contains("set up once by an administrator"), "{md}");
    assert!(
        !pages.iter().any(|p| p.path.contains("mcp-server-setup")),
        "a dynamically registered client has nothing to set up"
    );
}
