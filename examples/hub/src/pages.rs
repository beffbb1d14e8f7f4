//! The hub's two HTML pages, rendered on the server: sign-in, and the signed-in user's
//! connections with the link and reconnect actions. No inline script or style (the CSP
//! allows neither): behaviour is `/assets/hub.js`, looks are `/assets/hub.css`, and what the
//! script needs is in `data-` attributes.

use std::fmt::Write as _;

use crate::connectspec::Offer;
use crate::store::ConnectionInfo;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

/// "Oneflow", "API Token": the catalogue's names for a provider and method (the ids when
/// the catalogue does not have them).
pub fn names(provider: &str, method: &str) -> (String, String) {
    match connectspec_providers::method(provider, method) {
        Some(m) => (m.provider_name.to_owned(), m.label.to_owned()),
        None => (provider.to_owned(), method.to_owned()),
    }
}

/// Unix seconds as "2026-05-01 14:03 UTC".
pub fn utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

fn document(title: &str, head: &str, body_attrs: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/assets/hub.css\">\n{head}</head>\n\
         <body{body_attrs}>\n{body}</body>\n</html>\n",
        title = escape(title)
    )
}

/// The sign-in page.
pub fn login(error: Option<&str>) -> String {
    let error = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>\n", escape(e)))
        .unwrap_or_default();
    document(
        "Sign in · Example hub",
        "",
        "",
        &format!(
            "<main class=\"narrow\">\n<h1>Example hub</h1>\n{error}\
             <form method=\"post\" action=\"/login\">\n\
             <label for=\"user\">User name</label>\n\
             <input id=\"user\" name=\"user\" required maxlength=\"64\" autocomplete=\"username\" \
             pattern=\"[A-Za-z0-9._@+\\-]{{1,64}}\">\n\
             <button type=\"submit\">Sign in</button>\n</form>\n\
             <p class=\"muted\">A stand-in for the hub's own sign-in: any name signs in as that user.</p>\n\
             </main>\n"
        ),
    )
}

/// What a banner at the top of the home page says after a link or reconnect.
pub enum Notice<'a> {
    Linked(&'a ConnectionInfo),
    Reconnected(&'a ConnectionInfo),
}

/// The signed-in user's page.
pub fn home(
    user: &str,
    service: &str,
    offers: &[Offer],
    connections: &[ConnectionInfo],
    notice: Option<Notice<'_>>,
) -> String {
    let service_root = service.trim_end_matches('/');
    let head = format!(
        "<script type=\"module\" src=\"{}/connect/assets/link/connectspec-link.js\"></script>\n\
         <script type=\"module\" src=\"/assets/hub.js\"></script>\n",
        escape(service_root)
    );
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<header>\n<p class=\"brand\">Example hub</p>\n\
         <p>Signed in as <strong id=\"user\">{}</strong></p>\n\
         <form method=\"post\" action=\"/logout\"><button type=\"submit\" class=\"secondary\">Sign out</button></form>\n\
         </header>\n<main>",
        escape(user)
    );
    if let Some(notice) = notice {
        let (verb, c) = match notice {
            Notice::Linked(c) => ("linked", c),
            Notice::Reconnected(c) => ("reconnected", c),
        };
        let (p, m) = names(&c.provider, &c.method);
        let who = c
            .identity
            .as_deref()
            .map(|i| format!(" ({})", escape(i)))
            .unwrap_or_default();
        let _ = writeln!(
            body,
            "<p class=\"notice\" role=\"status\" id=\"notice\">{} {} {verb}{who}.</p>",
            escape(&p),
            escape(&m)
        );
    }
    body.push_str("<section aria-labelledby=\"connections-title\">\n<h1 id=\"connections-title\">Your connections</h1>\n");
    if connections.is_empty() {
        body.push_str("<p id=\"no-connections\">No connections yet.</p>\n");
    } else {
        body.push_str(
            "<table id=\"connections\">\n<thead><tr><th scope=\"col\">Provider</th><th scope=\"col\">Method</th>\
             <th scope=\"col\">Account</th><th scope=\"col\">Linked</th><th scope=\"col\">Updated</th>\
             <th scope=\"col\"><span class=\"visually-hidden\">Actions</span></th></tr></thead>\n<tbody>\n",
        );
        for c in connections {
            let (p, m) = names(&c.provider, &c.method);
            let _ = writeln!(
                body,
                "<tr data-connection=\"{id}\"><td>{p}</td><td>{m}</td><td class=\"identity\">{identity}</td>\
                 <td>{created}</td><td>{updated}</td>\
                 <td><button type=\"button\" class=\"reconnect\" data-connection=\"{id}\" \
                 data-title=\"Reconnect {p} ({m})\" aria-label=\"Reconnect {p} ({m}) {identity}\">\
                 Reconnect</button></td></tr>",
                id = escape(&c.id),
                p = escape(&p),
                m = escape(&m),
                identity = escape(c.identity.as_deref().unwrap_or("—")),
                created = utc(c.created_at),
                updated = utc(c.updated_at),
            );
        }
        body.push_str("</tbody>\n</table>\n");
    }
    body.push_str("</section>\n<section aria-labelledby=\"offers-title\">\n<h2 id=\"offers-title\">Link an account</h2>\n<ul class=\"offers\">\n");
    for o in offers {
        let (p, m) = names(&o.provider, &o.method);
        let _ = writeln!(
            body,
            "<li><button type=\"button\" class=\"link\" data-provider=\"{}\" data-method=\"{}\" \
             data-title=\"Link {p} ({m})\">Link {p} ({m})</button></li>",
            escape(&o.provider),
            escape(&o.method),
            p = escape(&p),
            m = escape(&m),
        );
    }
    body.push_str(
        "</ul>\n</section>\n\
         <section id=\"link-panel\" aria-labelledby=\"link-title\" hidden>\n\
         <h2 id=\"link-title\">Link an account</h2>\n\
         <div id=\"link-slot\"></div>\n\
         <p id=\"link-status\" role=\"status\"></p>\n\
         <button type=\"button\" id=\"link-cancel\" class=\"secondary\">Cancel</button>\n\
         </section>\n</main>\n",
    );
    document(
        "Connections · Example hub",
        &head,
        &format!(" data-service=\"{}\"", escape(service_root)),
        &body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn dates_are_utc_civil_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc(1_700_000_000), "2023-11-14 22:13 UTC");
    }

    #[test]
    fn the_home_page_escapes_what_it_shows_and_has_no_inline_script() {
        let c = ConnectionInfo {
            id: "id1".into(),
            user: "ada".into(),
            provider: "oneflow".into(),
            method: "api_token".into(),
            identity: Some("<img src=x onerror=alert(1)>".into()),
            values: Default::default(),
            created_at: 0,
            updated_at: 0,
        };
        let offers = [Offer {
            provider: "oneflow".into(),
            method: "api_token".into(),
        }];
        let html = home("ada", "http://127.0.0.1:9/", &offers, &[c], None);
        assert!(!html.contains("<img"));
        assert!(html.contains("Link Oneflow (API Token)"));
        assert!(
            html.contains("src=\"http://127.0.0.1:9/connect/assets/link/connectspec-link.js\"")
        );
        for script in html.split("<script").skip(1) {
            assert!(script.contains(" src=\""), "an inline script: {script}");
        }
        assert!(!html.contains("style=") && !html.contains("<style"));
    }
}
