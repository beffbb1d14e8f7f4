//! The locale of one request, chosen once by the [`choose`] middleware and held in a
//! task-local for the request's handler: a problem or a report made anywhere below the
//! handler renders in the caller's language, and the answer says which one it is.
//!
//! The order: `lang` in the query (or, once the body is read, a `lang` member: see
//! [`prefer`]), the link session's locale (the hub's back end set it when it opened
//! the session), `Accept-Language`, English. A tag is matched by RFC 4647 lookup
//! (`de-CH` → `de`); a tag that names no locale served here is passed over, never an
//! error, since an end user's browser may ask for anything.

use std::cell::Cell;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use connectspec_i18n::{Lang, Locale, lookup, negotiate};

use crate::AppState;
use crate::catalogue::Catalogue;

tokio::task_local! {
    static REQUEST: RequestLocale;
}

/// What the handlers of one request share about its language.
struct RequestLocale {
    /// Chosen by the middleware; a body's `lang` may still change it.
    locale: Cell<Locale>,
    /// `serve --pseudo-locales`: `en-XA` and `ar-XB` may be chosen.
    allow_pseudo: bool,
    /// The catalogue of the request (its spec translations).
    catalogue: Arc<Catalogue>,
}

/// Marks an answer that holds localised text: the middleware adds `Content-Language`
/// (the request's locale) and `Vary: Accept-Language`.
#[derive(Debug, Clone, Copy)]
pub struct Localised;

/// The request's locale (English outside a request: unit tests, start-up).
pub fn current() -> Locale {
    REQUEST
        .try_with(|r| r.locale.get())
        .unwrap_or(Locale::En)
}

/// Whether the service serves the pseudo-locales (`serve --pseudo-locales`).
pub fn pseudo_enabled() -> bool {
    REQUEST.try_with(|r| r.allow_pseudo).unwrap_or(false)
}

/// A `lang` the request names after the middleware chose (a JSON body's member): it
/// wins when it names a locale served here.
pub(crate) fn prefer(tag: &str) {
    let _ = REQUEST.try_with(|r| {
        if let Some(l) = lookup(tag, r.allow_pseudo) {
            r.locale.set(l);
        }
    });
}

/// Runs `f` with the request's language for provider `provider`: the locale and that
/// spec's translated texts (English outside a request).
pub(crate) fn with_lang<R>(provider: &str, f: impl FnOnce(Lang<'_>) -> R) -> R {
    let mut f = Some(f);
    let inside = REQUEST.try_with(|r| {
        let locale = r.locale.get();
        let texts = r.catalogue.texts().of(locale, provider);
        (f.take().expect("called once"))(Lang::new(locale, texts))
    });
    match inside {
        Ok(out) => out,
        Err(_) => (f.take().expect("not called"))(Lang::ENGLISH),
    }
}

/// The first `lang` of a query string.
fn lang_param(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.into_owned())
}

/// The middleware: chooses the locale, runs the handler in it, and marks a localised
/// answer with its language.
pub(crate) async fn choose(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
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
    let scope = RequestLocale {
        locale: Cell::new(locale),
        allow_pseudo,
        catalogue: state.catalogue(),
    };
    let (mut res, locale) = REQUEST
        .scope(scope, async move {
            let res = next.run(req).await;
            (res, current())
        })
        .await;
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

/// Marks `res` as localised (see [`Localised`]).
pub(crate) fn localised(mut res: Response) -> Response {
    res.extensions_mut().insert(Localised);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_param_is_the_first_lang() {
        assert_eq!(lang_param(Some("a=1&lang=de-CH&lang=fr")).as_deref(), Some("de-CH"));
        assert_eq!(lang_param(Some("language=de")), None);
        assert_eq!(lang_param(None), None);
    }

    #[test]
    fn outside_a_request_english() {
        assert_eq!(current(), Locale::En);
        assert!(!pseudo_enabled());
        assert_eq!(with_lang("oneflow", |l| l.locale), Locale::En);
    }
}
