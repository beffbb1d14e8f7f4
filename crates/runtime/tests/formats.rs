//! The hand-tuned format checks against regexes written straight from their definitions:
//! the fast paths (vectorised alphabet pass, label boundaries only) must not change
//! which values are accepted.

use connectspec_runtime::Format;
use proptest::prelude::*;
use regex::Regex;

const LABEL: &str = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

fn hostname_reference(v: &str) -> bool {
    let re = Regex::new(&format!("^{LABEL}(?:\\.{LABEL})*$")).unwrap();
    v.len() <= 253 && re.is_match(v)
}

fn email_reference(v: &str) -> bool {
    // Printable ASCII except `<`, `>`, `@`; no dot first or last; a dotted host name.
    let local = Regex::new(r"^[!-;=?A-~]{1,64}$").unwrap();
    let Some((l, d)) = v.split_once('@') else {
        return false;
    };
    local.is_match(l)
        && !l.starts_with('.')
        && !l.ends_with('.')
        && d.contains('.')
        && hostname_reference(d)
}

/// Strings over an alphabet that hits every boundary the checks care about.
fn candidates() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-c0-9.@<>_ +-]{0,40}",
        "[a-z]{1,8}@[a-z0-9-]{1,70}\\.[a-z.-]{0,12}",
        "[a-z.]{0,6}@[a-z0-9.-]{0,20}",
    ]
}

proptest! {
    #[test]
    fn hostname_matches_its_definition(v in candidates()) {
        prop_assert_eq!(Format::Hostname.check(&v), hostname_reference(&v), "{:?}", v);
    }

    #[test]
    fn email_matches_its_definition(v in candidates()) {
        prop_assert_eq!(Format::Email.check(&v), email_reference(&v), "{:?}", v);
    }
}

#[test]
fn long_labels_and_names() {
    let label63 = "a".repeat(63);
    let long = [label63.as_str(); 4].join(".");
    assert_eq!(long.len(), 255);
    assert!(!Format::Hostname.check(&long));
    assert!(Format::Hostname.check(long[..253].trim_end_matches('.')));
    assert!(Format::Email.check(&format!("{}@acme.net", "x".repeat(64))));
    assert!(!Format::Email.check(&format!("{}@acme.net", "x".repeat(65))));
}
