//! `cargo xtask examples`: every field's test vectors, written and derived
//! (`examples: {derive: true}`), each with the verdict of the field's own checker (the
//! runtime code the validators ship), so a spec author can read what derive made.
//!
//! The specs are loaded with their examples as written
//! ([`connectspec_lang::load::Options::written`]); each field's vectors then come from
//! [`connectspec_lang::examples::resolve`], the order and de-duplication the loader
//! uses, so the listing shows exactly the list the tests read. A derived vector the
//! checker disagrees with is marked `MISMATCH` (the loader refuses the spec for it) and
//! makes the command fail.

use std::fmt::Write as _;
use std::path::Path;

use connectspec_lang::examples::{Origin, Refusal, resolve};
use connectspec_lang::field_checker::FieldChecker;
use connectspec_lang::load::{Options, load_dir_with};
use connectspec_lang::{Catalogue, Field};

/// What to list.
pub struct Request<'a> {
    /// The specs directory.
    pub specs: &'a Path,
    /// Only this provider.
    pub provider: Option<&'a str>,
    /// Derive for every field with a rule, as if each said `derive: true`.
    pub derive_all: bool,
}

/// Counts over the listing.
#[derive(Default)]
struct Tally {
    fields: usize,
    valid: usize,
    invalid: usize,
    derived: usize,
    mismatches: usize,
    refused: usize,
}

pub fn run(req: &Request<'_>) -> Result<(), String> {
    let mut cat = load_dir_with(req.specs, Options::written())
        .map_err(|d| format!("the specs in {} have errors:\n{d}", req.specs.display()))?;
    if let Some(p) = req.provider
        && cat.provider(p).is_none()
    {
        return Err(format!(
            "error: no provider `{p}` in {}",
            req.specs.display()
        ));
    }
    if req.derive_all {
        derive_everywhere(&mut cat);
    }
    let (text, tally) = listing(&cat, req.provider);
    print(&text)?;
    if tally.mismatches > 0 {
        return Err(format!(
            "error: {} derived vector{} disagree{} with the field's checker (marked MISMATCH)",
            tally.mismatches,
            if tally.mismatches == 1 { "" } else { "s" },
            if tally.mismatches == 1 { "s" } else { "" },
        ));
    }
    Ok(())
}

/// Sets `derive: true` on every field with a rule.
fn derive_everywhere(cat: &mut Catalogue) {
    for s in &mut cat.specs {
        for m in &mut s.spec.auth_methods {
            for f in m.fields.iter_mut().chain(m.setup_fields.iter_mut()) {
                if f.is_constrained() {
                    f.examples.get_or_insert_with(Default::default).derive = true;
                }
            }
        }
    }
}

/// The listing, and its counts.
fn listing(cat: &Catalogue, provider: Option<&str>) -> (String, Tally) {
    let mut out = String::new();
    let mut tally = Tally::default();
    for spec in cat.iter().filter(|s| provider.is_none_or(|p| s.id == p)) {
        for m in &spec.auth_methods {
            for f in m.fields.iter().chain(&m.setup_fields) {
                if f.examples.is_some() {
                    field(&mut out, &mut tally, &format!("{}/{}", spec.id, m.id), f);
                }
            }
        }
    }
    let _ = write!(
        out,
        "{} field{}: {} valid and {} invalid vectors, {} of them derived",
        tally.fields,
        if tally.fields == 1 { "" } else { "s" },
        tally.valid,
        tally.invalid,
        tally.derived
    );
    if tally.refused > 0 {
        let _ = write!(out, "; derive refused on {} field(s)", tally.refused);
    }
    if tally.mismatches == 0 {
        out.push_str("; every verdict agrees with the checker\n");
    } else {
        let _ = writeln!(out, "; {} MISMATCH", tally.mismatches);
    }
    (out, tally)
}

/// One field: a heading, then a line per vector.
fn field(out: &mut String, tally: &mut Tally, at: &str, f: &Field) {
    tally.fields += 1;
    let mut traits = Vec::new();
    if f.secret {
        traits.push("secret".to_owned());
    }
    if f.optional {
        traits.push("optional".to_owned());
    }
    if f.examples.as_ref().is_some_and(|e| e.derive) {
        traits.push("derive: true".to_owned());
    }
    let traits = if traits.is_empty() {
        String::new()
    } else {
        format!("; {}", traits.join("; "))
    };
    let _ = writeln!(out, "{at}  {} ({}{traits})", f.key, f.label);
    let (vectors, refusal) = resolve(f);
    let mut refused: Vec<String> = Vec::new();
    match refusal {
        Some(Refusal::NoRule) => refused.push("the field has no rule to derive from".into()),
        Some(Refusal::Pattern(why)) => refused.push(format!("its pattern: {why}")),
        Some(Refusal::Broken) => refused.push("the field's rules have errors".into()),
        // What the loader reports as E071 when no written vector makes up for it.
        None if f.examples.as_ref().is_some_and(|e| e.derive) => {
            for (valid, what) in [(true, "passes"), (false, "breaks")] {
                if !vectors.iter().any(|v| v.invalid_because.is_none() == valid) {
                    refused.push(format!(
                        "no value built from the rules {what} them (`cargo xtask check` says why)"
                    ));
                }
            }
        }
        None => {}
    }
    if !refused.is_empty() {
        tally.refused += 1;
    }
    for why in refused {
        let _ = writeln!(out, "  derive refused: {why}");
    }
    let checker = match FieldChecker::new(f) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(out, "  (no checker: {e})\n");
            return;
        }
    };
    for v in &vectors {
        let verdict = checker.check(&v.value);
        let expect_valid = v.invalid_because.is_none();
        // An empty value of an optional field is an absent one, which it accepts.
        let passes = verdict.is_ok() || (f.optional && v.value.trim().is_empty());
        let agrees = passes == expect_valid;
        if expect_valid {
            tally.valid += 1;
        } else {
            tally.invalid += 1;
        }
        if v.origin == Origin::Derived {
            tally.derived += 1;
            if !agrees {
                tally.mismatches += 1;
            }
        }
        let _ = writeln!(
            out,
            "  {:<8} {:<7} {:<7} {:?}",
            if agrees { "ok" } else { "MISMATCH" },
            if expect_valid { "valid" } else { "invalid" },
            match v.origin {
                Origin::Written => "written",
                Origin::Derived => "derived",
            },
            v.value
        );
        if let Some(why) = &v.invalid_because {
            let _ = writeln!(out, "{:27}because: {why}", "");
        }
        match &verdict {
            Ok(stored) if *stored != v.value => {
                let _ = writeln!(out, "{:27}stored as: {stored:?}", "");
            }
            Ok(_) if !expect_valid => {
                let _ = writeln!(out, "{:27}checker: accepted", "");
            }
            Err(e) if !expect_valid || !agrees => {
                let _ = writeln!(out, "{:27}checker: {}", "", e.message);
            }
            _ => {}
        }
    }
    out.push('\n');
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
fn print(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    match std::io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs() -> std::path::PathBuf {
        crate::workspace_root().join("specs")
    }

    #[test]
    fn lists_written_and_derived_vectors_with_verdicts() {
        let mut cat = load_dir_with(&specs(), Options::written()).unwrap();
        let (text, tally) = listing(&cat, Some("webflow"));
        assert_eq!(tally.mismatches, 0, "{text}");
        assert!(text.contains("webflow/site_token  site_token"), "{text}");
        assert!(text.contains("derive: true"), "{text}");
        assert!(text.contains(" written "), "{text}");
        assert!(text.contains(" derived "), "{text}");
        assert!(text.contains("checker: Site Token must be"), "{text}");
        assert!(
            text.ends_with("every verdict agrees with the checker\n"),
            "{text}"
        );
        // Deterministic, and every field with a rule derives when asked.
        assert_eq!(listing(&cat, Some("webflow")).0, text);
        derive_everywhere(&mut cat);
        let (text, tally) = listing(&cat, None);
        assert_eq!((tally.mismatches, tally.refused), (0, 0), "{text}");
    }

    /// A spec whose only problems are derive's is listed, each refusal named.
    #[test]
    fn lists_what_derive_refuses() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["examples_derive_contradiction", "examples_not_derivable"] {
            let from =
                crate::workspace_root().join(format!("crates/lang/tests/broken/{name}.yaml"));
            let text = std::fs::read_to_string(from).unwrap();
            // The other mistakes of the corpus file are not derive's.
            let text = text.replace("choices: [30, 7], value: 30", "choices: [7, 30]");
            let text = text.replace(", or_never: true", "");
            std::fs::write(dir.path().join(format!("{name}.yaml")), text).unwrap();
        }
        let cat = load_dir_with(dir.path(), Options::written()).unwrap_or_else(|d| panic!("{d}"));
        let (text, tally) = listing(&cat, None);
        assert_eq!(tally.refused, 5, "{text}");
        for want in [
            "api_key (API Key; secret; derive: true)\n  derive refused: no value built from the rules passes them",
            "note (Note; derive: true)\n  derive refused: no value built from the rules breaks them",
            "derive refused: its pattern: its shortest value has 5003 characters",
            "derive refused: the field has no rule to derive from",
        ] {
            assert!(text.contains(want), "{want}\n{text}");
        }
    }
}
