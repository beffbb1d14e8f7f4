//! The link-account page: `GET /connect/{provider}/{method}` serves an HTML page that
//! embeds the `<connectspec-link>` element, and `/connect/assets/…` serves the element's
//! module and stylesheet (from the checked-in `packages/link/`) and the generated browser
//! validators (`packages/validators/`), all embedded at compile time.
//!
//! The page holds no inline script or style and is served with a strict
//! Content-Security-Policy: scripts, styles and requests from this origin only, and
//! framing only by the configured embed origin (`--embed-origin`), to which the page's
//! script posts the linked credentials; without one the page cannot be framed.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use connectspec_runtime::MethodMeta;

use crate::AppState;
use crate::extract::{Ids, find_method};
use crate::i18n::{current, label, msg};
use crate::problem::Problem;

/// The element's files: name under `/connect/assets/link/`, media type, content.
static LINK_ASSETS: &[(&str, &str, &str)] = &[
    (
        "connectspec-link.js",
        JS,
        include_str!("../../../packages/link/connectspec-link.js"),
    ),
    (
        "connectspec-link.css",
        CSS,
        include_str!("../../../packages/link/connectspec-link.css"),
    ),
    (
        "key-field.js",
        JS,
        include_str!("../../../packages/link/key-field.js"),
    ),
    (
        "locales.js",
        JS,
        include_str!("../../../packages/link/locales.js"),
    ),
    (
        "page.js",
        JS,
        include_str!("../../../packages/link/page.js"),
    ),
    (
        "page.css",
        CSS,
        include_str!("../../../packages/link/page.css"),
    ),
    (
        "session.js",
        JS,
        include_str!("../../../packages/link/session.js"),
    ),
    (
        "oauth-done.js",
        JS,
        include_str!("../../../packages/link/oauth-done.js"),
    ),
    (
        "hosted.css",
        CSS,
        include_str!("../../../packages/link/hosted.css"),
    ),
    (
        "hosted.js",
        JS,
        include_str!("../../../packages/link/hosted.js"),
    ),
];

const JS: &str = "text/javascript; charset=utf-8";
/// Fluent has no registered media type; its files are UTF-8 text.
const FTL: &str = "text/plain; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// The Content-Security-Policy of the page.
pub fn content_security_policy(embed_origin: Option<&str>) -> String {
    let ancestors = embed_origin.unwrap_or("'none'");
    format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
         img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
    )
}

/// `GET /connect/{provider}/{method}`.
pub async fn page(
    State(state): State<AppState>,
    Ids((provider, method)): Ids<(String, String)>,
) -> Result<Response, Problem> {
    let catalogue = state.catalogue();
    let embed = state.embed_origin();
    let problems = catalogue.problems(&provider);
    let m = match find_method(&state, &provider, &method) {
        Ok(m) => m,
        // A new spec that does not load yet (`serve --watch`): its problems, not a bare 404.
        Err(not_found) if !problems.is_empty() => {
            let mut res = html_page(render_problems(&provider, problems), embed);
            res.extensions_mut().insert(crate::i18n::Localised);
            *res.status_mut() = not_found.status_code();
            return Ok(res);
        }
        Err(e) => return Err(e),
    };
    let mut res = html_page(render_page(m, problems, embed), embed);
    res.extensions_mut().insert(crate::i18n::Localised);
    Ok(res)
}

/// `<html lang="…" dir="…">` of the request's locale.
fn html_open() -> String {
    let l = current();
    format!("<html lang=\"{}\" dir=\"{}\">", l.tag(), l.dir())
}

/// The problems of a spec that does not load, as `cargo xtask check` prints them. Shown
/// only by a service serving a specs directory (`--specs DIR --watch`), to its author.
fn problems_section(problems: &[String], serving_last_good: bool) -> String {
    let mut out = format!(
        "<section class=\"connectspec-spec-problems\" role=\"alert\">\n<h2>{}</h2>\n",
        escape(&msg!("page-problems-title").text())
    );
    let advice = if serving_last_good {
        msg!("page-problems-last-good")
    } else {
        msg!("page-problems-none-good")
    };
    out.push_str(&format!("<p>{}</p>\n", escape(&advice.text())));
    // The diagnostics themselves are `cargo xtask check`'s, in English: they quote
    // the spec, which is English too, and they are for the spec's author.
    for p in problems {
        out.push_str("<pre>");
        out.push_str(&escape(p));
        out.push_str("</pre>\n");
    }
    out.push_str("</section>\n");
    out
}

fn render_problems(provider: &str, problems: &[String]) -> String {
    let title = msg!("page-problems-page-title", provider = provider).text();
    format!(
        "<!doctype html>\n{html}\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"/connect/assets/link/page.css\">\n\
         </head>\n<body>\n<main>\n<h1>{title}</h1>\n{problems}</main>\n</body>\n</html>\n",
        title = escape(&title),
        problems = problems_section(problems, false),
        html = html_open(),
    )
}

/// An HTML page of the service's link form (the method's page, the hosted page): a
/// strict Content-Security-Policy, framing by the embed origin only, no referrer, no
/// caching, and an opener policy that lets the OAuth popup post back to it.
pub(crate) fn html_page(html: String, embed: Option<&str>) -> Response {
    let mut res = (StatusCode::OK, html).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&content_security_policy(embed))
            .expect("the embed origin was checked at start"),
    );
    if embed.is_none() {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin-allow-popups"),
    );
    res
}

fn render_page(m: &MethodMeta, problems: &[String], embed_origin: Option<&str>) -> String {
    let title = msg!(
        "method-title",
        provider = m.provider_name,
        method = label(m)
    )
    .text();
    let embed = embed_origin
        .map(|o| {
            format!(
                "\n<meta name=\"connectspec-embed-origin\" content=\"{}\">",
                escape(o)
            )
        })
        .unwrap_or_default();
    format!(
        "<!doctype html>\n{html}\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">{embed}\n\
         <title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"/connect/assets/link/page.css\">\n\
         <script type=\"module\" src=\"/connect/assets/link/page.js\"></script>\n\
         </head>\n<body>\n<main>\n<h1>{title}</h1>\n{problems}\
         <connectspec-link provider=\"{provider}\" method=\"{method}\"></connectspec-link>\n\
         <p class=\"connectspec-page-result\" role=\"status\"></p>\n\
         </main>\n</body>\n</html>\n",
        title = escape(&title),
        problems = if problems.is_empty() {
            String::new()
        } else {
            problems_section(problems, true)
        },
        provider = escape(m.provider_id),
        method = escape(m.id),
        html = html_open(),
    )
}

/// HTML text and attribute escaping.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Cross-origin access to the JSON API for the embed origin only, so that an element on
/// the host page (`<connectspec-link service="https://this-service">`) can load its form
/// and call validate and test. Other origins get no CORS headers, so browsers keep them out.
pub async fn cors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let allowed = match (state.embed_origin(), req.headers().get(header::ORIGIN)) {
        (Some(embed), Some(origin)) => {
            origin.as_bytes() == embed.as_bytes() && req.uri().path().starts_with("/v1/")
        }
        _ => false,
    };
    if !allowed {
        return next.run(req).await;
    }
    let origin = req.headers()[header::ORIGIN].clone();
    let mut res = if req.method() == Method::OPTIONS {
        let mut res = StatusCode::NO_CONTENT.into_response();
        let h = res.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type, accept, connectspec-session"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        res
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    res
}

/// `GET /connect/assets/link/{file}`.
pub async fn link_asset(Ids(file): Ids<String>) -> Result<Response, Problem> {
    let (_, media, body) = LINK_ASSETS
        .iter()
        .find(|(name, _, _)| *name == file)
        .ok_or_else(|| Problem::not_found(msg!("problem-not-found-link-asset")))?;
    Ok(asset(media, *body))
}

/// `GET /connect/assets/locales/{tag}/form.ftl`: the form's catalogue in the locale the
/// tag finds by RFC 4647 lookup (English when none; a pseudo-locale only on a service
/// started with `--pseudo-locales`, generated from English). `Content-Language` names
/// the locale served, so the form knows which one it got; only that one locale is sent.
pub async fn catalogue_asset(Ids((tag, file)): Ids<(String, String)>) -> Result<Response, Problem> {
    if file != "form.ftl" {
        return Err(Problem::not_found(msg!("problem-not-found-link-asset")));
    }
    let locale = connectspec_i18n::lookup(&tag, crate::i18n::pseudo_enabled())
        .unwrap_or(connectspec_i18n::Locale::En);
    let body = connectspec_i18n::source(locale, connectspec_i18n::Area::Form).into_owned();
    let mut res = asset(FTL, body);
    res.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.tag()),
    );
    Ok(res)
}

/// @fluent/bundle, vendored beside the browser validators (`packages/validators/vendor/`),
/// which the form reads its catalogue with. Served from here too when the catalogue's
/// package is generated at load (`--specs`), which holds only generated files.
const FLUENT_BUNDLE: (&str, &str) = (
    "vendor/fluent-bundle.js",
    include_str!("../../../packages/validators/vendor/fluent-bundle.js"),
);

/// `GET /connect/assets/validators/{*path}`.
pub async fn validators_asset(
    State(state): State<AppState>,
    Ids(path): Ids<String>,
) -> Result<Response, Problem> {
    let body = state
        .catalogue()
        .asset(&path)
        .or_else(|| {
            (path == FLUENT_BUNDLE.0).then(|| Bytes::from_static(FLUENT_BUNDLE.1.as_bytes()))
        })
        .ok_or_else(|| Problem::not_found(msg!("problem-not-found-validators-asset")))?;
    let media = if path.ends_with(".json") {
        "application/json"
    } else {
        JS
    };
    Ok(asset(media, body))
}

/// A static asset: public, the same for every caller, so any origin may load it (a host
/// page importing the element from this service).
fn asset(media: &'static str, body: impl Into<axum::body::Body>) -> Response {
    let mut res = (StatusCode::OK, body.into()).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("cross-origin"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_allows_framing_only_by_the_embed_origin() {
        let p = content_security_policy(None);
        assert!(p.contains("script-src 'self';"), "{p}");
        assert!(!p.contains("unsafe-inline"), "{p}");
        assert!(p.ends_with("frame-ancestors 'none'"), "{p}");
        assert!(
            content_security_policy(Some("https://hub.example.com"))
                .ends_with("frame-ancestors https://hub.example.com")
        );
    }

    #[test]
    fn page_has_no_inline_script_and_escapes() {
        let m = connectspec_providers::method("oneflow", "api_token").unwrap();
        let html = render_page(m, &[], Some("https://hub.example.com"));
        assert!(
            html.contains("<script type=\"module\" src=\"/connect/assets/link/page.js\"></script>")
        );
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<connectspec-link provider=\"oneflow\" method=\"api_token\">"));
        assert!(html.contains("content=\"https://hub.example.com\""));
        assert_eq!(escape("a<\"b\">&'"), "a&lt;&quot;b&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn every_method_has_a_guide() {
        let catalogue = crate::catalogue::Catalogue::compiled();
        for p in catalogue.providers() {
            for m in p.methods {
                let g = catalogue
                    .guide(m, connectspec_i18n::Locale::En)
                    .unwrap_or_else(|| panic!("{} {}", p.id, m.id));
                assert!(g["sections"].is_array());
            }
        }
    }
}
