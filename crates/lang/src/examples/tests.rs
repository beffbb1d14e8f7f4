//! Derive, rule kind by rule kind: every derived vector gets the runtime checker's
//! verdict it was built for.

use super::*;
use crate::model::{EnumOption, Format, Normalize};

fn field(key: &str) -> Field {
    Field {
        normalize: vec![Normalize::Trim],
        examples: Some(Examples {
            derive: true,
            ..Examples::default()
        }),
        ..Field::new(key, "Value")
    }
}

fn with_pattern(p: &str) -> Field {
    let mut f = field("token");
    f.pattern = Some(p.into());
    f
}

/// Derives, and checks every vector with the runtime's checker: valid ones pass,
/// invalid ones fail, and there is at least one of each.
fn derived(f: &Field) -> Vectors {
    let v = derive(f).unwrap_or_else(|r| panic!("{:?}: {r:?}", f.pattern));
    let checker = FieldChecker::new(f).unwrap();
    assert!(!v.valid.is_empty(), "no valid vector: {v:?}");
    assert!(!v.invalid.is_empty(), "no invalid vector: {v:?}");
    for x in &v.valid {
        assert!(checker.check(x).is_ok(), "valid {x:?} rejected");
    }
    for e in &v.invalid {
        assert!(checker.check(&e.value).is_err(), "invalid {e:?} accepted");
        assert!(!e.reason.is_empty());
    }
    v
}

fn reasons(v: &Vectors) -> Vec<&str> {
    v.invalid.iter().map(|e| e.reason.as_str()).collect()
}

fn lengths(v: &Vectors) -> Vec<usize> {
    v.valid.iter().map(|x| x.chars().count()).collect()
}

#[test]
fn bounded_patterns() {
    let v = derived(&with_pattern("^xkeysib-[a-f0-9]{64}$"));
    assert_eq!(lengths(&v), [72]);
    let r = reasons(&v);
    assert!(r.contains(&"does not start with `xkeysib-`"), "{r:?}");
    assert!(
        r.contains(&"`[0-9a-f]{64}` has 63 characters, one fewer than 64"),
        "{r:?}"
    );
    assert!(
        r.contains(&"`[0-9a-f]{64}` has 65 characters, one more than 64"),
        "{r:?}"
    );
    assert!(r.iter().any(|x| x.starts_with("contains `-`")), "{r:?}");
    let v = derived(&with_pattern("^[A-Z]{2,4}-[0-9]{3}$"));
    assert_eq!(lengths(&v), [6, 8]);
}

#[test]
fn open_repetitions_at_representative_lengths() {
    // `+`: the shortest, a typical and a long value; empty and an outsider invalid.
    let v = derived(&with_pattern("^glpat-[A-Za-z0-9_.-]{20,}$"));
    assert_eq!(lengths(&v), [26, 34, 90]);
    let r = reasons(&v);
    assert!(
        r.contains(&"`[.0-9A-Z_a-z-]{20,}` has 19 characters, one fewer than 20"),
        "{r:?}"
    );
    assert!(r.iter().any(|x| x.starts_with("contains `!`")), "{r:?}");
    let v = derived(&with_pattern("^[0-9]+:[A-Za-z0-9_-]+$"));
    assert_eq!(lengths(&v), [3, 16, 67]);
    let r = reasons(&v);
    assert!(r.contains(&"`[0-9]+` is empty"), "{r:?}");
    assert!(r.contains(&"`[0-9A-Z_a-z-]+` is empty"), "{r:?}");
    // `*` within a declared limit: the long value is the limit.
    let mut f = with_pattern("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    f.max_length = Some(63);
    let v = derived(&f);
    assert_eq!(lengths(&v), [1, 16, 63]);
    assert!(v.valid.iter().all(|x| !x.ends_with('-')));
    assert!(
        reasons(&v).contains(&"64 characters, one more than max_length 63"),
        "{v:?}"
    );
    // `\S+` and ambiguous runs: a break that still matches another way is not kept.
    derived(&with_pattern(r"^\S+-[a-z]+[0-9]+$"));
    derived(&with_pattern(r"^api-[a-z0-9]+\.duosecurity\.com$"));
}

#[test]
fn alternations_derive_from_every_branch() {
    let v = derived(&with_pattern("^(Ov23li[A-Za-z0-9]{14}|[0-9a-f]{20})$"));
    assert!(v.valid.iter().any(|x| x.starts_with("Ov23li")), "{v:?}");
    assert!(
        v.valid
            .iter()
            .any(|x| x.bytes().all(|b| b.is_ascii_hexdigit())),
        "{v:?}"
    );
    let mut f = with_pattern(
        r"^(common|organizations|consumers|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)$",
    );
    f.max_length = Some(253);
    f.normalize = vec![Normalize::Trim, Normalize::Lowercase];
    let v = derived(&f);
    for want in ["common", "organizations", "consumers"] {
        assert!(v.valid.iter().any(|x| x == want), "{v:?}");
    }
    assert!(reasons(&v).contains(&"is not `common`"), "{v:?}");
}

#[test]
fn prefixes_lengths_and_forbidden_prefixes() {
    let mut f = field("api_key");
    f.prefixes = vec!["shpat_".into(), "shpca_".into(), "shppa_".into()];
    f.forbidden_prefixes = vec!["shpss_".into()];
    f.min_length = Some(38);
    f.max_length = Some(38);
    let v = derived(&f);
    for p in &f.prefixes {
        assert!(
            v.valid.iter().any(|x| x.starts_with(p.as_str())),
            "{p}: {v:?}"
        );
    }
    assert!(v.valid.iter().all(|x| x.len() == 38));
    let r = reasons(&v);
    for want in [
        "37 characters, one fewer than min_length 38",
        "39 characters, one more than max_length 38",
        "starts with none of `shpat_`, `shpca_`, `shppa_`",
        "starts with the forbidden prefix `shpss_`",
    ] {
        assert!(r.contains(&want), "{want}: {r:?}");
    }
    // A pattern and a prefix together: the prefix goes over the pattern's value.
    let mut f = with_pattern("^[A-Za-z0-9_]+$");
    f.prefixes = vec!["github_pat_".into()];
    f.max_length = Some(255);
    let v = derived(&f);
    assert_eq!(lengths(&v), [12, 20, 255]);
    assert!(v.valid.iter().all(|x| x.starts_with("github_pat_")));
    assert!(reasons(&v).contains(&"does not start with `github_pat_`"));
    // A minimum length alone.
    let mut f = field("workspace");
    f.min_length = Some(3);
    let v = derived(&f);
    assert_eq!(lengths(&v), [3, 16, 67]);
}

#[test]
fn every_format() {
    for (format, valid, invalid) in [
        (Format::Email, "ada@example.com", "ada@"),
        (Format::Hostname, "api.example.com", "exa mple.com"),
        (
            Format::HttpsUrl,
            "https://example.com/path",
            "http://example.com",
        ),
        (
            Format::Url,
            "http://example.com:8080/a/b?c=d",
            "ftp://example.com/file",
        ),
        (
            Format::Uuid,
            "123e4567-e89b-12d3-a456-426614174000",
            "123e4567e89b12d3a456426614174000",
        ),
        (Format::Integer, "42", "12a4"),
    ] {
        let mut f = field("value");
        f.format = Some(format);
        let v = derived(&f);
        assert!(v.valid.iter().any(|x| x == valid), "{format:?}: {v:?}");
        assert!(
            v.invalid.iter().any(|e| e.value == invalid),
            "{format:?}: {v:?}"
        );
    }
    // A format with a length limit: values at the limits, and one past it.
    let mut f = field("project_id");
    f.format = Some(Format::Integer);
    f.max_length = Some(12);
    let v = derived(&f);
    assert!(v.valid.iter().any(|x| x.len() == 12), "{v:?}");
    assert!(v.invalid.iter().any(|e| e.value.len() == 13), "{v:?}");
    // A prefix put over values in the format: kept only when they stay in it.
    for format in [Format::HttpsUrl, Format::Uuid, Format::Email] {
        let mut f = field("value");
        f.format = Some(format);
        f.prefixes = vec!["https://acme.".into(), "0-".into()];
        f.max_length = Some(60);
        let checker = FieldChecker::new(&f).unwrap();
        for v in derive(&f).unwrap().valid {
            assert!(checker.check(&v).is_ok(), "{format:?}: {v}");
        }
    }
    // A format and a pattern: only values both accept.
    let mut f = with_pattern(r"^[a-z0-9][a-z0-9-]*\.atlassian\.net$");
    f.format = Some(Format::Hostname);
    f.normalize = vec![
        Normalize::Trim,
        Normalize::ExtractHost,
        Normalize::Lowercase,
    ];
    let v = derived(&f);
    assert!(
        v.valid.iter().all(|x| x.ends_with(".atlassian.net")),
        "{v:?}"
    );
}

#[test]
fn near_misses_that_normalisation_repairs_are_not_invalid() {
    let mut f = field("site");
    f.format = Some(Format::Hostname);
    f.normalize = vec![Normalize::Trim, Normalize::ExtractHost];
    let v = derived(&f);
    let checker = FieldChecker::new(&f).unwrap();
    for e in &v.invalid {
        assert!(checker.check(&e.value).is_err(), "{e:?}");
    }
}

#[test]
fn choices() {
    let mut f = field("region");
    f.options = ["us", "eu"]
        .iter()
        .map(|v| EnumOption {
            value: (*v).into(),
            label: v.to_uppercase(),
            params: Default::default(),
        })
        .collect();
    let v = derived(&f);
    assert_eq!(v.valid, ["us", "eu"]);
    assert_eq!(
        reasons(&v),
        [
            "the option `us` in another case",
            "the option `us` with a character added"
        ]
    );
    // Lower-casing makes the other case valid: it is a valid vector then.
    f.normalize = vec![Normalize::Trim, Normalize::Lowercase];
    let v = derived(&f);
    assert_eq!(v.valid, ["us", "eu", "US"]);
    assert_eq!(reasons(&v), ["the option `us` with a character added"]);
}

#[test]
fn refusals() {
    assert_eq!(derive(&field("free")), Err(Refusal::NoRule));
    assert!(matches!(
        derive(&with_pattern(r"^\bword$")),
        Err(Refusal::Pattern(_))
    ));
    // Broken fields are reported by their own checks.
    assert_eq!(derive(&with_pattern("^[a-z")), Err(Refusal::Broken));
    assert_eq!(derive(&with_pattern("[a-z]+")), Err(Refusal::Broken));
    let mut f = with_pattern("^[a-z]+$");
    f.min_length = Some(5);
    f.max_length = Some(2);
    assert_eq!(derive(&f), Err(Refusal::Broken));
    // Rules that contradict each other leave nothing valid.
    let mut f = with_pattern("^[a-z]{4}$");
    f.min_length = Some(10);
    let v = derive(&f).unwrap();
    assert!(v.valid.is_empty() && v.refused.is_some(), "{v:?}");
}

#[test]
fn deterministic() {
    let mut f = with_pattern(r"^(live|test)_[A-Za-z0-9]{24,}$");
    f.max_length = Some(80);
    assert_eq!(derive(&f), derive(&f.clone()));
}

#[test]
fn written_examples_come_first_and_win() {
    let mut f = with_pattern("^[a-f0-9]{8}$");
    let first = derive(&f).unwrap().valid[0].clone();
    f.examples = Some(Examples {
        derive: true,
        valid: vec!["0123abcd".into(), first.clone()],
        invalid: vec![InvalidExample {
            value: "0123".into(),
            reason: "short".into(),
        }],
    });
    let (vectors, refusal) = resolve(&f);
    assert_eq!(refusal, None);
    assert_eq!(vectors[0].value, "0123abcd");
    assert_eq!(vectors[0].origin, Origin::Written);
    assert_eq!(vectors[1].origin, Origin::Written);
    assert_eq!(vectors.iter().filter(|v| v.value == first).count(), 1);
    assert!(vectors.iter().any(|v| v.origin == Origin::Derived));
    let inv = vectors
        .iter()
        .position(|v| v.invalid_because.is_some())
        .unwrap();
    assert_eq!(vectors[inv].value, "0123");
    assert_eq!(vectors[inv].origin, Origin::Written);
}

#[test]
fn candidates_for_generators() {
    let (valid, invalid) = candidates("^xkeysib-[a-f0-9]{8}-[A-Z]{2,4}$").unwrap();
    let re = regex::Regex::new("^xkeysib-[a-f0-9]{8}-[A-Z]{2,4}$").unwrap();
    assert!(valid.iter().all(|v| re.is_match(v)), "{valid:?}");
    assert!(
        invalid.iter().all(|e| !re.is_match(&e.value)),
        "{invalid:?}"
    );
    assert!(candidates("[a-z]{3}").is_err());
}

/// A derived vector the checker disagrees with is reported at `derive`, like a written
/// one at its place, and a secret field's value is never shown.
#[test]
fn disagreements_are_reported_at_derive_without_the_secret() {
    use std::path::Path;
    use std::sync::Arc;

    let text = "fields:\n  - key: token\n    examples:\n      derive: true\n";
    let (_, locs) = crate::yaml::parse(text).unwrap();
    let mut rep = Reporter {
        file: Path::new("acme.yaml"),
        source: Arc::from(text),
        locs: &locs,
        out: Vec::new(),
    };
    let mut f = with_pattern("^[a-f0-9]{8}$");
    f.secret = true;
    let checker = FieldChecker::new(&f).unwrap();
    let vectors = Vectors {
        valid: vec!["0123abcd".into(), "ZZZZ9999".into()],
        invalid: vec![InvalidExample {
            value: "4567cdef".into(),
            reason: "made up".into(),
        }],
        refused: None,
    };
    let ptr = Ptr::root()
        .join("fields")
        .join(0)
        .join("examples")
        .join("derive");
    let (valid, invalid) = judge(&f, &checker, &ptr, &vectors, &mut rep);
    assert_eq!(valid, ["0123abcd"]);
    assert!(invalid.is_empty());
    let codes: Vec<Code> = rep.out.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::ValidExampleFails, Code::InvalidExamplePasses]);
    for d in &rep.out {
        let shown = d.render();
        assert_eq!(d.pos.line, 4, "{shown}");
        assert!(d.source.is_none(), "{shown}");
        assert!(
            !shown.contains("ZZZZ9999") && !shown.contains("4567cdef"),
            "{shown}"
        );
        assert!(shown.contains("not shown: the field is secret"), "{shown}");
    }
    // A field that is not secret shows the value.
    f.secret = false;
    let checker = FieldChecker::new(&f).unwrap();
    rep.out.clear();
    judge(&f, &checker, &ptr, &vectors, &mut rep);
    assert!(rep.out[0].render().contains("`ZZZZ9999`"));
}

mod agreement {
    use super::*;
    use proptest::prelude::*;

    const PATTERNS: &[&str] = &[
        "^[a-z0-9]{8}$",
        "^[A-Za-z0-9_]+$",
        "^tok_[A-Za-z0-9]{16,40}$",
        r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
        r"^\S+-[a-z]+[0-9]+$",
        "^(live|test)_[A-Za-z0-9]{24,}$",
        "^(?:[a-f0-9]{4}-){3}[a-f0-9]{4}$",
        r"^[0-9]+:[A-Za-z0-9_-]+$",
        r"^[a-z0-9][a-z0-9-]*\.example\.com$",
        "^.{3,12}$",
        "^(?i)abc[0-9]{2}$",
        "^[A-Z]{2}[0-9]{2,4}?$",
        r"^\d{4,}$",
        "^(a|bc|def)+$",
    ];
    const PREFIXES: &[&str] = &["tok_", "live_", "a", "ab", "api-"];
    const FORMATS: &[Format] = &[
        Format::Email,
        Format::Url,
        Format::HttpsUrl,
        Format::Hostname,
        Format::Uuid,
        Format::Integer,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Whatever the mix of rules, every vector derive keeps gets the verdict of the
        /// runtime's checker it was built for.
        #[test]
        fn derived_vectors_agree_with_the_checker(
            pattern in proptest::option::of(0..PATTERNS.len()),
            format in proptest::option::of(0..FORMATS.len()),
            min in proptest::option::of(1u32..40),
            max in proptest::option::of(1u32..300),
            prefix in proptest::option::of(0..PREFIXES.len()),
            forbidden in proptest::option::of(0..PREFIXES.len()),
            lower in any::<bool>(),
        ) {
            let mut f = field("value");
            f.pattern = pattern.map(|i| PATTERNS[i].to_owned());
            f.format = format.map(|i| FORMATS[i]);
            f.min_length = min;
            f.max_length = max;
            f.prefixes = prefix.map(|i| PREFIXES[i].to_owned()).into_iter().collect();
            f.forbidden_prefixes = forbidden.map(|i| PREFIXES[i].to_owned()).into_iter().collect();
            if lower {
                f.normalize.push(Normalize::Lowercase);
            }
            let Ok(v) = derive(&f) else { return Ok(()) };
            let checker = FieldChecker::new(&f).unwrap();
            for x in &v.valid {
                prop_assert!(checker.check(x).is_ok(), "valid {x:?} rejected: {f:?}");
            }
            for e in &v.invalid {
                prop_assert!(checker.check(&e.value).is_err(), "invalid {e:?} accepted: {f:?}");
            }
            prop_assert_eq!(derive(&f), Ok(v));
        }
    }
}
