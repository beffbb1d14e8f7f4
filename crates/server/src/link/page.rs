//! `GET /link`: the hosted link page. The session token travels in the URL's fragment
//! (`/link#session=…`), which browsers never send to a server or in a referrer; the
//! page's script reads it, removes it from the address bar and shows a provider picker
//! when the session offers several, then the method's form with its guide.

use axum::extract::State;
use axum::response::Response;

use crate::AppState;
use crate::connect_page::{escape, html_page};
use crate::i18n::{current, msg};

/// `GET /link`.
pub(crate) async fn hosted(State(state): State<AppState>) -> Response {
    let embed = state.embed_origin();
    let meta = embed
        .map(|o| {
            format!(
                "\n<meta name=\"connectspec-embed-origin\" content=\"{}\">",
                escape(o)
            )
        })
        .unwrap_or_default();
    let locale = current();
    let title = escape(&msg!("page-hosted-title").text());
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">{meta}\n\
         <title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"/connect/assets/link/page.css\">\n\
         <link rel=\"stylesheet\" href=\"/connect/assets/link/hosted.css\">\n\
         <script type=\"module\" src=\"/connect/assets/link/hosted.js\"></script>\n\
         </head>\n<body>\n<main id=\"connectspec-hosted\">\n<h1>{title}</h1>\n\
         <p class=\"connectspec-page-result\" role=\"status\"></p>\n\
         </main>\n</body>\n</html>\n",
        lang = locale.tag(),
        dir = locale.dir(),
    );
    crate::i18n::scope::localised(html_page(html, embed))
}
