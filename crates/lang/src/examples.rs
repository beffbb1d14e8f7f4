//! Derived test vectors: `examples: {derive: true}`.
//!
//! A field that asks for them gets valid and invalid values built from each of its
//! rules ([`vectors`] says how): its pattern (literals, classes, groups, alternations,
//! bounded and open repetitions), its format, its options, its prefixes and forbidden
//! prefixes and its length limits. Each value is built to be valid, or to break one
//! rule, and kept only when the field's rules, read from the spec, agree that it is
//! ([`rules`]). The loader then runs every kept value through the field's checker,
//! the runtime code the generated validators ship ([`FieldChecker`]), and refuses the
//! spec, located at `derive`, when a verdict differs (E022, E023), as it does for a
//! written example.
//!
//! Written examples stay: the derived ones are appended after them, except a value a
//! written example already has, so every consumer of the model (the generated tests,
//! the JavaScript parity run, the leak test) reads one list, and [`resolve`] gives the
//! same list with where each vector came from (`cargo xtask examples`). Derivation is
//! pure: the same field gives the same vectors, byte for byte.

mod breaks;
mod formats;
mod rules;
#[cfg(test)]
mod tests;
mod tree;
mod vectors;

pub use tree::NotSimple;
pub use vectors::Vectors;

use crate::diag::{Code, Reporter, shown};
use crate::field_checker::FieldChecker;
use crate::model::{Examples, Field, InvalidExample, ProviderSpec};
use crate::pointer::Ptr;

/// Why a field's vectors cannot be derived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The field is broken in a way its own checks report (its pattern does not
    /// compile or is not anchored, its limits contradict each other): nothing is
    /// derived and nothing more is reported.
    Broken,
    /// The field has no rule to derive from.
    NoRule,
    /// The pattern holds a construct no value can be built from.
    Pattern(String),
}

/// Derives a field's vectors from its rules; its written examples are not read.
pub fn derive(f: &Field) -> Result<Vectors, Refusal> {
    if !f.is_constrained() {
        return Err(Refusal::NoRule);
    }
    if rules::contradictory(f) {
        return Err(Refusal::Broken);
    }
    let Some(field_rules) = rules::Rules::new(f) else {
        return Err(Refusal::Broken);
    };
    let tree = match &f.pattern {
        Some(p) => {
            let anchored =
                crate::patterns::compile(p).is_ok_and(|c| crate::check::is_anchored(&c.hir));
            if !anchored {
                return Err(Refusal::Broken);
            }
            Some(tree::Tree::parse(p).map_err(|NotSimple(why)| Refusal::Pattern(why))?)
        }
        None => None,
    };
    Ok(vectors::derive(&field_rules, tree.as_ref()))
}

/// Valid and invalid vectors for a field with `pattern` alone (for generators of
/// synthetic specs), before any checker has judged them.
pub fn candidates(pattern: &str) -> Result<(Vec<String>, Vec<InvalidExample>), NotSimple> {
    let field = Field {
        pattern: Some(pattern.to_owned()),
        ..Field::new("value", "Value")
    };
    let tree = tree::Tree::parse(pattern)?;
    let field_rules = rules::Rules::new(&field)
        .ok_or_else(|| NotSimple("the pattern does not compile".into()))?;
    let v = vectors::derive(&field_rules, Some(&tree));
    Ok((v.valid, v.invalid))
}

/// Where a vector comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Written in the spec's `valid` or `invalid`.
    Written,
    /// Derived from the field's rules.
    Derived,
}

/// One test vector of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vector {
    /// The value.
    pub value: String,
    /// `None` for a valid vector, else why it is invalid.
    pub invalid_because: Option<String>,
    /// Where it comes from.
    pub origin: Origin,
}

/// A field's vectors as the loader resolves them, each with its origin: the written
/// ones, then (with `derive: true`) the derived ones that do not repeat a written
/// value; and why none are derived when derive was asked for and refused. `f` is a
/// field as written (the loader's model already holds the derived vectors; load with
/// [`crate::load::Options::written`] to read the written ones alone).
pub fn resolve(f: &Field) -> (Vec<Vector>, Option<Refusal>) {
    let mut ex = f.examples.clone().unwrap_or_default();
    let (written_valid, written_invalid) = (ex.valid.len(), ex.invalid.len());
    let mut refusal = None;
    if ex.derive {
        match derive(f) {
            Ok(v) => merge(&mut ex, v.valid, v.invalid),
            Err(r) => refusal = Some(r),
        }
    }
    let origin = |i: usize, written: usize| {
        if i < written {
            Origin::Written
        } else {
            Origin::Derived
        }
    };
    let valid = ex.valid.into_iter().enumerate().map(|(i, value)| Vector {
        value,
        invalid_because: None,
        origin: origin(i, written_valid),
    });
    let invalid = ex.invalid.into_iter().enumerate().map(|(i, e)| Vector {
        value: e.value,
        invalid_because: Some(e.reason),
        origin: origin(i, written_invalid),
    });
    (valid.chain(invalid).collect(), refusal)
}

/// Appends derived vectors to the written ones; a value either list already has is
/// left out (a written example takes precedence).
fn merge(ex: &mut Examples, valid: Vec<String>, invalid: Vec<InvalidExample>) {
    let known = |ex: &Examples, v: &str| {
        ex.valid.iter().any(|x| x == v) || ex.invalid.iter().any(|e| e.value == v)
    };
    for v in valid {
        if !known(ex, &v) {
            ex.valid.push(v);
        }
    }
    for e in invalid {
        if !known(ex, &e.value) {
            ex.invalid.push(e);
        }
    }
}

/// Derives the vectors of every field (form and set-up fields) that asks for them,
/// judges each with the field's checker, and appends those it agrees with; reports
/// the fields that cannot have them and every vector the checker disagrees with.
pub(crate) fn derive_all(spec: &mut ProviderSpec, rep: &mut Reporter<'_>) {
    for (i, m) in spec.auth_methods.iter_mut().enumerate() {
        for (list, fields) in [
            ("fields", &mut m.fields),
            ("setup_fields", &mut m.setup_fields),
        ] {
            for (j, f) in fields.iter_mut().enumerate() {
                if f.examples.as_ref().is_some_and(|e| e.derive) {
                    let fp = Ptr::root().join("auth_methods").join(i).join(list).join(j);
                    derive_field(f, &fp.join("examples").join("derive"), rep);
                }
            }
        }
    }
}

fn derive_field(f: &mut Field, ptr: &Ptr, rep: &mut Reporter<'_>) {
    let label = f
        .pattern
        .as_deref()
        .map_or_else(|| "`true`".to_owned(), shown);
    let derived = match derive(f) {
        Ok(v) => v,
        Err(Refusal::Broken) => return,
        Err(Refusal::NoRule) => {
            rep.value(
                ptr,
                Code::ExamplesNotDerivable,
                format!(
                    "field `{}` asks for derived examples but has no rule to derive them from",
                    f.key
                ),
                "`true`",
                "derive builds vectors from `pattern`, `format`, `options`, `prefixes`, `forbidden_prefixes`, `min_length` and `max_length`; a field with none of them takes any text and needs no examples: remove `examples`",
            );
            return;
        }
        Err(Refusal::Pattern(why)) => {
            rep.value(
                ptr,
                Code::ExamplesNotDerivable,
                format!(
                    "examples of `{}` cannot be derived from its pattern: {why}",
                    f.key
                ),
                label,
                "write `valid` and `invalid` examples by hand instead of `derive: true`",
            );
            return;
        }
    };
    let Ok(checker) = FieldChecker::new(f) else {
        return; // the pattern's own error is reported by the checker
    };
    let (valid, invalid) = judge(f, &checker, ptr, &derived, rep);
    let refused_because = derived
        .refused
        .as_deref()
        .and_then(|v| checker.check(v).err())
        .map(|e| format!(" ({})", e.message))
        .unwrap_or_default();
    drop(checker);
    let ex = f.examples.get_or_insert_with(Examples::default);
    merge(ex, valid, invalid);
    if ex.valid.is_empty() && derived.valid.is_empty() {
        rep.value(
            ptr,
            Code::ExamplesNotDerivable,
            format!(
                "examples of `{}` cannot be derived: no value built from its rules passes all of them{refused_because}",
                f.key
            ),
            label.clone(),
            "the rules contradict each other, or derive cannot combine them: make the pattern, lengths, prefixes and format agree, or add a `valid` example by hand",
        );
    }
    if ex.invalid.is_empty() && derived.invalid.is_empty() {
        rep.value(
            ptr,
            Code::ExamplesNotDerivable,
            format!(
                "examples of `{}` cannot be derived: no value built from its rules breaks them",
                f.key
            ),
            label,
            "add an `invalid` example by hand next to `derive: true`",
        );
    }
}

/// Runs each derived vector through the field's checker; reports those it disagrees
/// with (never showing a secret field's value) and returns the others.
fn judge(
    f: &Field,
    checker: &FieldChecker<'_>,
    ptr: &Ptr,
    derived: &Vectors,
    rep: &mut Reporter<'_>,
) -> (Vec<String>, Vec<InvalidExample>) {
    let help = "derive and the validator disagree about this value; write the field's `valid` and `invalid` examples by hand instead of `derive: true`";
    let report = |rep: &mut Reporter<'_>, code, msg: String, v: &str, what: &str| {
        if f.secret {
            rep.secret(
                ptr,
                code,
                msg,
                format!(
                    "derived {what} ({} characters; not shown: the field is secret)",
                    v.chars().count()
                ),
                help,
            );
        } else {
            rep.value(ptr, code, msg, format!("derived {what} {}", shown(v)), help);
        }
    };
    let mut valid = Vec::new();
    for v in &derived.valid {
        match checker.check(v) {
            Ok(_) => valid.push(v.clone()),
            Err(e) => report(
                rep,
                Code::ValidExampleFails,
                format!(
                    "derived valid example of `{}` is rejected: {}",
                    f.key, e.message
                ),
                v,
                "valid example",
            ),
        }
    }
    let mut invalid = Vec::new();
    for e in &derived.invalid {
        if checker.check(&e.value).is_err() {
            invalid.push(e.clone());
        } else {
            report(
                rep,
                Code::InvalidExamplePasses,
                format!(
                    "derived invalid example of `{}` is accepted (built to fail: {})",
                    f.key, e.reason
                ),
                &e.value,
                "invalid example",
            );
        }
    }
    (valid, invalid)
}
