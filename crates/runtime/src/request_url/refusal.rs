//! Why a value cannot go into a URL, by a stable id: the service's catalogue words each
//! refusal in every language, so none is matched by its English sentence.

use std::fmt;

/// Why a value cannot go into a URL, named by [`UrlRefusal::id`]: the catalogue's
/// `refused-value` selects its sentence by that id in every language (the service's
/// problems, and [`super::UrlValueError`]'s `Display` in English).
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
}

impl fmt::Display for UrlRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request_url::{UrlPart, UrlValueError};

    #[test]
    fn an_error_reads_as_the_catalogue_words_it() {
        let e = UrlValueError {
            key: "subdomain".to_owned(),
            part: UrlPart::Host,
            reason: UrlRefusal::OneLabel,
        };
        assert_eq!(
            e.to_string(),
            "`subdomain` must be one host label here (letters, digits and hyphens, no dot)"
        );
        // Every id is a variant of the catalogue's select: no two refusals read alike
        // (an unknown id would fall to the default variant).
        let mut texts: Vec<String> = UrlRefusal::ALL
            .iter()
            .map(|&reason| {
                UrlValueError {
                    reason,
                    ..e.clone()
                }
                .to_string()
            })
            .collect();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), UrlRefusal::ALL.len());
    }

    #[test]
    fn ids_are_distinct() {
        let mut ids: Vec<&str> = UrlRefusal::ALL.iter().map(|r| r.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), UrlRefusal::ALL.len());
    }
}
