//! Why a value cannot go into a URL, by a stable id: the service's catalogue words each
//! refusal in every language, so none is matched by its English sentence.

use std::fmt;

/// Why a value cannot go into a URL. A caller speaking to an end user names it by
/// [`UrlRefusal::id`] (the service's catalogue selects its sentence by that id in
/// every language); [`UrlRefusal::english`] is the sentence for logs and `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UrlRefusal {
    /// A host value followed by more host text holds a dot.
    OneLabel,
    /// A path value would make an empty, `.` or `..` segment with its neighbours.
    EmptySegment,
    /// A value opening the URL is not an https base URL.
    NotBaseUrl,
    /// A host value is not a host name.
    NotHost,
    /// A path segment value is `.` or `..`.
    DotSegment,
    /// A value placed where no value may go (a scheme after the start, a port, a
    /// fragment).
    Misplaced,
}

impl UrlRefusal {
    /// Every refusal.
    pub const ALL: [UrlRefusal; 6] = [
        UrlRefusal::OneLabel,
        UrlRefusal::EmptySegment,
        UrlRefusal::NotBaseUrl,
        UrlRefusal::NotHost,
        UrlRefusal::DotSegment,
        UrlRefusal::Misplaced,
    ];

    /// The stable id: `one-label`, `empty-segment`, `not-base-url`, `not-host`,
    /// `dot-segment`, `misplaced`.
    pub const fn id(self) -> &'static str {
        match self {
            UrlRefusal::OneLabel => "one-label",
            UrlRefusal::EmptySegment => "empty-segment",
            UrlRefusal::NotBaseUrl => "not-base-url",
            UrlRefusal::NotHost => "not-host",
            UrlRefusal::DotSegment => "dot-segment",
            UrlRefusal::Misplaced => "misplaced",
        }
    }

    /// The reason in English, after the value's name: for logs and `Display`.
    pub const fn english(self) -> &'static str {
        match self {
            UrlRefusal::OneLabel => {
                "must be one host label here (letters, digits and hyphens, no dot)"
            }
            UrlRefusal::EmptySegment => "cannot make an empty, `.` or `..` path segment",
            UrlRefusal::NotBaseUrl => {
                "is not an https URL without user name, password, query or fragment"
            }
            UrlRefusal::NotHost => "is not a host name (letters, digits, hyphens and dots only)",
            UrlRefusal::DotSegment => "cannot be a `.` or `..` path segment",
            UrlRefusal::Misplaced => "cannot be placed in this part of the URL",
        }
    }
}

impl fmt::Display for UrlRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectspec_i18n::{Arg, Locale, message};

    #[test]
    fn the_english_reason_is_the_catalogues() {
        // One sentence per refusal: the service's `refused-value` in English selects by
        // `id` and says what `english` says, so logs and end users read the same reason.
        for r in UrlRefusal::ALL {
            let args = [("label", Arg::Str("Subdomain")), ("why", Arg::Str(r.id()))];
            assert_eq!(
                message(Locale::En, "refused-value", &args),
                format!("Subdomain {}", r.english()),
                "{r:?}"
            );
        }
    }

    #[test]
    fn ids_are_distinct() {
        let mut ids: Vec<&str> = UrlRefusal::ALL.iter().map(|r| r.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), UrlRefusal::ALL.len());
    }
}
