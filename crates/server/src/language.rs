//! The middleware that chooses each request's language (see [`crate::i18n`]): `lang` in
//! the query (a JSON body's `lang` member may still change it once read), the locale of
//! the link session the request carries (the hub's back end set it for its end user),
//! `Accept-Language`, English. A tag is matched by RFC 4647 lookup (`de-CH` → `de`);
//! one that names no locale served here is passed over, never an error, since an end
//! user's browser may ask for anything.
//!
//! Its own module, above `i18n` and `link`: the catalogues know nothing of sessions.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use connectspec_i18n::{Locale, lookup, negotiate};

use crate::AppState;
use crate::i18n::Localised;

/// The first `lang` of a query string.
fn lang_param(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.into_owned())
}

/// Chooses the locale, runs the handler in it, and marks a localised answer with its
/// language (`Content-Language`, `Vary: Accept-Language`).
pub(crate) async fn choose(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let allow_pseudo = state.pseudo_locales();
    let asked = lang_param(req.uri().query()).and_then(|t| lookup(&t, allow_pseudo));
    // The session is opened here once; the `Caller` extractor takes it from the
    // request's extensions instead of opening it again.
    let session = crate::link::session::open_once(&mut req, &state);
    let from_session = session.and_then(|t| lookup(&t, allow_pseudo));
    let locale = asked.or(from_session).unwrap_or_else(|| {
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Locale::En, |v| negotiate(v, allow_pseudo))
    });
    let texts = state.catalogue().texts_arc();
    let (mut res, locale) =
        crate::i18n::scope::speak(locale, allow_pseudo, texts, next.run(req)).await;
    if res.extensions().get::<Localised>().is_some() {
        let h = res.headers_mut();
        if !h.contains_key(header::CONTENT_LANGUAGE) {
            h.insert(
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(locale.tag()),
            );
        }
        h.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_param_is_the_first_lang() {
        assert_eq!(
            lang_param(Some("a=1&lang=de-CH&lang=fr")).as_deref(),
            Some("de-CH")
        );
        assert_eq!(lang_param(Some("language=de")), None);
        assert_eq!(lang_param(None), None);
    }
}
