//! Choosing a locale from what the caller asks for.
//!
//! RFC 4647 *lookup* (section 3.4): each language range in order of preference
//! (`Accept-Language` q-values, RFC 9110 §12.5.4), truncated from the right until a
//! locale matches (`ja-JP` → `ja`); English when none does. Pseudo-locales match only
//! when the caller enables them (tests and translators, never by default).

use crate::Locale;

/// The best locale for an `Accept-Language` header value (English when nothing matches
/// or the header is malformed). `*` and ranges with `q=0` never choose a locale.
pub fn negotiate(accept_language: &str, allow_pseudo: bool) -> Locale {
    let mut ranges: Vec<(u16, usize, &str)> = Vec::new();
    for (i, item) in accept_language.split(',').enumerate().take(32) {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim();
        if range.is_empty() || range == "*" {
            continue;
        }
        let mut q = 1000u16;
        for p in parts {
            let p = p.trim();
            if let Some(v) = p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")) {
                q = parse_q(v.trim()).unwrap_or(0);
            }
        }
        if q > 0 {
            ranges.push((q, i, range));
        }
    }
    // Highest q first; equal q keeps the order the caller wrote.
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges
        .into_iter()
        .find_map(|(_, _, r)| lookup(r, allow_pseudo))
        .unwrap_or(Locale::En)
}

/// The locale of one language tag by RFC 4647 lookup: the tag itself, then the tag with
/// its last subtag removed, and so on (`de-CH-1996` → `de-CH` → `de`).
pub fn lookup(tag: &str, allow_pseudo: bool) -> Option<Locale> {
    if tag.len() > 64 || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut range = tag;
    loop {
        if let Some(l) = Locale::from_tag(range)
            && (allow_pseudo || !l.is_pseudo())
        {
            return Some(l);
        }
        let cut = range.rfind('-')?;
        range = &range[..cut];
        // A single-letter subtag (an extension or private-use marker) goes with the next.
        if range.len() >= 2 && range.as_bytes()[range.len() - 2] == b'-' {
            range = &range[..range.len() - 2];
        }
    }
}

/// `q` as thousandths: `1`, `0.8`, `0.125`; `None` when malformed.
fn parse_q(v: &str) -> Option<u16> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths = match int {
        "0" => 0u16,
        "1" => 1000,
        _ => return None,
    };
    for (i, d) in frac.bytes().enumerate() {
        thousandths += u16::from(d - b'0') * [100, 10, 1][i];
    }
    (thousandths <= 1000).then_some(thousandths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_truncates_to_a_shipped_locale() {
        assert_eq!(negotiate("de", false), Locale::De);
        assert_eq!(negotiate("ja-JP", false), Locale::Ja);
        assert_eq!(negotiate("de-CH-1996", false), Locale::De);
        assert_eq!(negotiate("zh-Hant-TW", false), Locale::En);
        assert_eq!(negotiate("", false), Locale::En);
        assert_eq!(negotiate("*", false), Locale::En);
        assert_eq!(negotiate("x-klingon, tlh", false), Locale::En);
    }

    #[test]
    fn preference_follows_q_then_order() {
        assert_eq!(negotiate("it, fr;q=0.8, de;q=0.9", false), Locale::De);
        assert_eq!(negotiate("es;q=0.5, ja;q=0.5", false), Locale::Es);
        assert_eq!(negotiate("de;q=0, fr", false), Locale::Fr);
        assert_eq!(negotiate("de;q=2, fr;q=0.1", false), Locale::Fr);
        assert_eq!(negotiate("en-US,en;q=0.9,de;q=0.8", false), Locale::En);
    }

    #[test]
    fn pseudo_locales_only_when_enabled() {
        assert_eq!(negotiate("en-XA", false), Locale::En);
        assert_eq!(negotiate("en-XA", true), Locale::Pseudo);
        assert_eq!(negotiate("ar-XB", false), Locale::En);
        assert_eq!(negotiate("ar-XB", true), Locale::PseudoRtl);
        assert_eq!(lookup("de-x-private", false), Some(Locale::De));
        assert_eq!(lookup("de\u{0}", false), None);
    }
}
