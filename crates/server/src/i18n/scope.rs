//! The locale of one request, chosen once by the `language` middleware and held in a
//! task-local for the request's handler ([`speak`]): a problem or a report made anywhere
//! below the handler renders in the caller's language, and the answer says which one it
//! is. A body's `lang` member, read later, may still change it ([`prefer`]).

use std::cell::Cell;
use std::future::Future;
use std::sync::Arc;

use axum::response::Response;
use connectspec_i18n::{Lang, Locale, lookup};

use super::texts::Texts;

tokio::task_local! {
    static REQUEST: RequestLocale;
}

/// What the handlers of one request share about its language.
struct RequestLocale {
    /// Chosen by the middleware; a body's `lang` may still change it.
    locale: Cell<Locale>,
    /// `serve --pseudo-locales`: `en-XA` and `ar-XB` may be chosen.
    allow_pseudo: bool,
    /// The spec translations of the request's catalogue.
    texts: Arc<Texts>,
}

/// Marks an answer that holds localised text: the middleware adds `Content-Language`
/// (the request's locale) and `Vary: Accept-Language`.
#[derive(Debug, Clone, Copy)]
pub struct Localised;

/// The request's locale (English outside a request: unit tests, start-up).
pub fn current() -> Locale {
    REQUEST.try_with(|r| r.locale.get()).unwrap_or(Locale::En)
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
        let texts = r.texts.of(locale, provider);
        (f.take().expect("called once"))(Lang::new(locale, texts))
    });
    match inside {
        Ok(out) => out,
        Err(_) => (f.take().expect("not called"))(Lang::ENGLISH),
    }
}

/// Runs `handler` (the rest of a request) speaking `locale`, with the spec translations
/// `texts`: the request's locale for everything below it. Answers its response and the
/// locale it ended in (a body's `lang` may have changed it).
pub(crate) async fn speak(
    locale: Locale,
    allow_pseudo: bool,
    texts: Arc<Texts>,
    handler: impl Future<Output = Response>,
) -> (Response, Locale) {
    let scope = RequestLocale {
        locale: Cell::new(locale),
        allow_pseudo,
        texts,
    };
    REQUEST
        .scope(scope, async move {
            let res = handler.await;
            (res, current())
        })
        .await
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
    fn outside_a_request_english() {
        assert_eq!(current(), Locale::En);
        assert!(!pseudo_enabled());
        assert_eq!(with_lang("oneflow", |l| l.locale), Locale::En);
    }
}
