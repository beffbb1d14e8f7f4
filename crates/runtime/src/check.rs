//! Field and method rules as static tables, and the one generic checker over them.
//!
//! The generator emits a `static` [`MethodRules`] per auth method; the spec checker
//! builds the same structure borrowed from a loaded spec to test its examples. Both go
//! through [`check_field`], so "the example passes at load time" and "the compiled
//! validator accepts it" cannot disagree.

mod describe;

pub(crate) use describe::{label, options};

use std::borrow::Cow;

use connectspec_i18n::Lang;

use crate::error::{FieldError, ValidationErrors};
use crate::format::Format;
use crate::matcher::{ByteClass, LazyRegex, Matcher};
use crate::normalize::{Normalize, normalize};
use crate::source::{FieldSource, Raw};

/// One option of a closed choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionRule<'a> {
    /// Stored value.
    pub value: &'a str,
    /// Label shown in forms and messages.
    pub label: &'a str,
    /// Named parameters for templates (`{field.param}`): (name, value), sorted by name.
    pub params: &'a [(&'a str, &'a str)],
}

impl<'a> OptionRule<'a> {
    /// The value of parameter `name`.
    pub fn param(&self, name: &str) -> Option<&'a str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

/// Everything needed to check one field.
#[derive(Clone, Copy)]
pub struct FieldRules<'a> {
    /// Field key.
    pub key: &'a str,
    /// Label used in messages.
    pub label: &'a str,
    /// Human format description used in messages instead of the pattern.
    pub hint: Option<&'a str>,
    /// Secret fields are never echoed.
    pub secret: bool,
    /// Optional fields may be absent or empty.
    pub optional: bool,
    /// The value an absent or empty field takes (a choice's default option).
    pub default: Option<&'a str>,
    /// Minimum length in characters.
    pub min_length: Option<u32>,
    /// Maximum length in characters.
    pub max_length: Option<u32>,
    /// Allowed prefixes (empty: any).
    pub prefixes: &'a [&'a str],
    /// Forbidden prefixes.
    pub forbidden_prefixes: &'a [&'a str],
    /// Built-in format.
    pub format: Option<Format>,
    /// Closed choice (empty: free text).
    pub options: &'a [OptionRule<'a>],
    /// Normalisation steps, applied before the checks.
    pub normalize: &'a [Normalize<&'a str>],
    /// The anchored pattern.
    pub pattern: Option<&'a dyn Matcher>,
    /// How many characters the pattern admits, `(min, max)` (`(0, u32::MAX)` when it
    /// says nothing; [`crate::pattern_char_lengths`]): a pattern failure names the
    /// value's length only outside this range, where the length is what is wrong.
    pub pattern_lengths: (u32, u32),
    /// The value is a private key or a key file holding one.
    pub private_key: Option<crate::PrivateKeyMeta<'a>>,
    /// Where the field's texts are among the spec's translatable texts
    /// (`auth_methods/api_token/fields/api_token`: its label is `…/label`, its hint
    /// `…/hint`, an option's label `…/options/<value>/label`), so a message in another
    /// language names the field with its translated texts. Empty: English only. Last, so
    /// that the fields the checks read keep their place in the struct.
    pub text_key: &'a str,
}

impl std::fmt::Debug for FieldRules<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldRules")
            .field("key", &self.key)
            .field("label", &self.label)
            .field("secret", &self.secret)
            .field("optional", &self.optional)
            .finish_non_exhaustive()
    }
}

/// A cross-field rule: when field `when` has one of `equals`, field `then` must start
/// with one of `prefixes`.
#[derive(Debug, Clone, Copy)]
pub struct CrossRule<'a> {
    /// Index of the condition field.
    pub when: usize,
    /// Values that make the rule apply.
    pub equals: &'a [&'a str],
    /// Index of the constrained field.
    pub then: usize,
    /// Required prefixes of the constrained field.
    pub prefixes: &'a [&'a str],
    /// Message shown on the constrained field.
    pub message: &'a str,
    /// The message's key among the spec's texts (`auth_methods/x/rules/0/message`);
    /// empty: English only.
    pub text_key: &'a str,
}

/// Extracts the capture group `value` from a whole match.
pub trait Extract: Sync {
    /// The captured `value`, when the pattern matches.
    fn extract<'v>(&self, value: &'v str) -> Option<&'v str>;
}

impl Extract for regex::Regex {
    fn extract<'v>(&self, value: &'v str) -> Option<&'v str> {
        self.captures(value)
            .and_then(|c| c.name("value"))
            .map(|m| m.as_str())
    }
}

impl Extract for LazyRegex {
    fn extract<'v>(&self, value: &'v str) -> Option<&'v str> {
        self.get().extract(value)
    }
}

/// A value computed from a field, e.g. a data centre from a key suffix.
#[derive(Clone, Copy)]
pub struct DerivedRule<'a> {
    /// Key usable in templates.
    pub key: &'a str,
    /// Label for messages.
    pub label: &'a str,
    /// The label's key among the spec's texts (`auth_methods/x/derived/dc/label`);
    /// empty: English only.
    pub text_key: &'a str,
    /// Index of the source field.
    pub from: usize,
    /// The extractor.
    pub pattern: &'a dyn Extract,
    /// What each extracted text stands for (empty: the text itself).
    pub map: &'a [(&'a str, &'a str)],
}

/// All rules of an auth method.
#[derive(Clone, Copy)]
pub struct MethodRules<'a> {
    /// Fields, in form order.
    pub fields: &'a [FieldRules<'a>],
    /// Cross-field rules.
    pub rules: &'a [CrossRule<'a>],
    /// Derived values.
    pub derived: &'a [DerivedRule<'a>],
}

/// A checked field value.
pub type Value<'s> = Option<Cow<'s, str>>;

/// The result of a successful validation: one value per field (`None`: an absent
/// optional field), derived values, and which fields normalisation changed. Not
/// `Clone`: its values include secrets, which are moved into the typed struct.
pub struct Validated<'s, const N: usize> {
    /// Field values in form order.
    pub values: [Value<'s>; N],
    /// Derived values in declaration order (`None`: the source field is an absent
    /// optional field), so index `i` always belongs to derived rule `i`.
    pub derived: Vec<Option<String>>,
    /// Bit `i` is set when normalisation changed field `i`.
    pub normalized: u64,
}

impl<const N: usize> Validated<'_, N> {
    /// No values yet: what [`validate_into`] starts from.
    pub const fn empty() -> Self {
        Validated {
            values: [const { None }; N],
            derived: Vec::new(),
            normalized: 0,
        }
    }
}

impl<const N: usize> std::fmt::Debug for Validated<'_, N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values may be secrets: only their presence is shown.
        let present: Vec<bool> = self.values.iter().map(Option::is_some).collect();
        f.debug_struct("Validated")
            .field("present", &present)
            .field("normalized", &self.normalized)
            .finish_non_exhaustive()
    }
}

fn char_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.chars().count() as u32
    }
}

/// Why a value failed its field's checks. Small and `Copy`, so the checking path
/// returns it in registers; the message (which allocates) is built only on failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    Missing,
    ControlCharacter,
    /// Index into the field's forbidden prefixes.
    ForbiddenPrefix(usize),
    Prefix,
    /// The value's length in characters.
    Length(u32),
    Format(Format),
    Pattern,
    NotAnOption,
    /// A private-key field's value is not the key it must be.
    PrivateKey(crate::private_key::KeyFailure),
}

/// Every byte but the C0 controls and DEL (bytes of non-ASCII characters included).
static NOT_CONTROL: ByteClass = ByteClass::EMPTY
    .with_range(0x20, 0x7e)
    .with_range(0x80, 0xff);

/// Whether `v` holds a C0 control character or DEL. Every byte of every value passes
/// through here, so it is the class check patterns use: sixteen bytes per vector step.
#[inline]
fn has_control(v: &[u8]) -> bool {
    !NOT_CONTROL.all(v)
}

/// [`NOT_CONTROL`] plus tab, line feed and carriage return: what a PEM key or a JSON
/// key file holds between its lines.
static NOT_CONTROL_BUT_LINES: ByteClass = NOT_CONTROL
    .with_range(b'\t', b'\n')
    .with_range(b'\r', b'\r');

/// Whether a control character is a failure for this field. Only called once one was
/// found, so fields without `private_key` pay nothing for the exception.
#[cold]
fn control_refused(rules: &FieldRules<'_>, v: &[u8]) -> bool {
    rules.private_key.is_none() || !NOT_CONTROL_BUT_LINES.all(v)
}

/// Checks one normalised value; the hot path of every validation.
///
/// The failures are reported in a fixed order (control characters, prefixes, length,
/// format, pattern, options). The checks are pure, so they may run in another order
/// as long as the first failure in that order is the one returned: the format and the
/// pattern run first, because when one that admits printable ASCII only passes, the
/// control-character pass is settled and the byte count is the character count.
#[inline]
fn check_value(rules: &FieldRules<'_>, v: &str) -> Result<(), Failure> {
    if v.is_empty() {
        return Err(Failure::Missing);
    }
    let format_ok = rules.format.is_none_or(|f| f.check(v));
    // Only looked at when the format passed: a failed format is reported first.
    let pattern_ok = format_ok && rules.pattern.is_none_or(|m| m.is_match(v));
    let printable = format_ok
        && pattern_ok
        && (rules.format.is_some_and(Format::only_printable_ascii)
            || rules.pattern.is_some_and(|m| m.only_printable_ascii()));
    // Checked for every field, first: a value that reaches a header, a URL or a log
    // line must not be able to end it or start another.
    if !printable && has_control(v.as_bytes()) && control_refused(rules, v.as_bytes()) {
        return Err(Failure::ControlCharacter);
    }
    if let Some(i) = rules
        .forbidden_prefixes
        .iter()
        .position(|p| v.starts_with(*p))
    {
        return Err(Failure::ForbiddenPrefix(i));
    }
    if !rules.prefixes.is_empty() && !rules.prefixes.iter().any(|p| v.starts_with(*p)) {
        return Err(Failure::Prefix);
    }
    if rules.min_length.is_some() || rules.max_length.is_some() {
        let n = if printable {
            v.len() as u32
        } else {
            char_len(v)
        };
        if n < rules.min_length.unwrap_or(0) || n > rules.max_length.unwrap_or(u32::MAX) {
            return Err(Failure::Length(n));
        }
    }
    if let Some(format) = rules.format
        && !format_ok
    {
        return Err(Failure::Format(format));
    }
    if !pattern_ok {
        return Err(Failure::Pattern);
    }
    if !rules.options.is_empty() && !rules.options.iter().any(|o| o.value == v) {
        return Err(Failure::NotAnOption);
    }
    if let Some(k) = &rules.private_key {
        crate::private_key::check(k, v).map_err(Failure::PrivateKey)?;
    }
    Ok(())
}

/// Checks one (present) value against its field's rules, after normalisation.
/// An empty value is `Missing`; the caller decides whether that matters (optional fields).
pub fn check_field<'v>(rules: &FieldRules<'_>, raw: &'v str) -> Result<Cow<'v, str>, FieldError> {
    check_field_in(rules, raw, &Lang::ENGLISH)
}

/// [`check_field`] with the message in `lang`.
pub fn check_field_in<'v>(
    rules: &FieldRules<'_>,
    raw: &'v str,
    lang: &Lang<'_>,
) -> Result<Cow<'v, str>, FieldError> {
    let value = normalize(raw, rules.normalize);
    match check_value(rules, &value) {
        Ok(()) => Ok(value),
        Err(failure) => Err(describe::describe(rules, failure, &value, lang)),
    }
}

/// Validates every field of a method at once. `N` must equal `rules.fields.len()`.
pub fn validate<'s, const N: usize>(
    rules: &MethodRules<'_>,
    source: &'s (impl FieldSource + ?Sized),
) -> Result<Validated<'s, N>, ValidationErrors> {
    let mut out = Validated::empty();
    validate_into(rules, source, &mut out, &Lang::ENGLISH).map(|()| out)
}

/// [`validate`] into a result the caller holds, normally [`Validated::empty`] (values
/// left in it from an earlier call are wiped first), with messages in `lang`.
/// The generated constructors use this: a result returned by value is copied into the
/// caller with wider loads than the stores that built it, a store-forwarding stall
/// that cost more than the checks themselves on short forms. `lang` is only read once
/// a check failed: English and every other language cost the same on valid input.
pub fn validate_into<'s, const N: usize>(
    rules: &MethodRules<'_>,
    source: &'s (impl FieldSource + ?Sized),
    out: &mut Validated<'s, N>,
    lang: &Lang<'_>,
) -> Result<(), ValidationErrors> {
    assert_eq!(rules.fields.len(), N, "MethodRules and N disagree");
    validate_values(
        rules,
        source,
        &mut out.values,
        &mut out.derived,
        &mut out.normalized,
        lang,
    )
}

/// The body of [`validate_into`] over a slice of values, so that tables without a
/// generated type (specs loaded at run time, [`crate::TableCredential`]) are checked by the
/// very same code. Always inlined into `validate_into`, whose fixed-size array then
/// keeps its bounds known to the optimiser as before.
#[inline(always)]
pub(crate) fn validate_values<'s>(
    rules: &MethodRules<'_>,
    source: &'s (impl FieldSource + ?Sized),
    values: &mut [Value<'s>],
    derived: &mut Vec<Option<String>>,
    normalized: &mut u64,
    lang: &Lang<'_>,
) -> Result<(), ValidationErrors> {
    assert_eq!(
        rules.fields.len(),
        values.len(),
        "MethodRules and values disagree"
    );
    wipe_all(rules, values);
    derived.clear();
    *normalized = 0;
    let mut errors: Vec<FieldError> = Vec::new();
    // How many keys of the source name form fields (for skipping the unknown-key scan).
    let mut found = 0usize;
    for (i, field) in rules.fields.iter().enumerate() {
        let raw = source.get_raw(field.key);
        if raw.is_some() {
            found += 1;
        }
        match raw {
            Some(Raw::Str(raw)) => {
                let v = normalize(raw, field.normalize);
                match check_value(field, &v) {
                    Ok(()) => {
                        if changed(&v, raw) && i < 64 {
                            *normalized |= 1 << i;
                        }
                        values[i] = Some(v);
                    }
                    Err(Failure::Missing) if field.optional => {}
                    Err(Failure::Missing) if field.default.is_some() => {
                        values[i] = field.default.map(|d| Cow::Owned(d.to_owned()));
                    }
                    Err(failure) => {
                        errors.push(describe::describe(field, failure, &v, lang));
                        wipe(field, v);
                    }
                }
            }
            Some(Raw::NotAString) => errors.push(describe::not_a_string(field, lang)),
            None if field.optional => {}
            None if field.default.is_some() => {
                values[i] = field.default.map(|d| Cow::Owned(d.to_owned()));
            }
            None => errors.push(describe::describe(field, Failure::Missing, "", lang)),
        }
    }
    let mut unknown: Vec<String> = Vec::new();
    if source.key_count() != Some(found) {
        source.for_each_key(&mut |k| {
            if !rules.fields.iter().any(|f| f.key == k) {
                unknown.push(k.to_owned());
            }
        });
    }
    unknown.sort();
    for k in unknown {
        let shown = printable_key(&k).into_owned();
        errors.push(describe::unknown(k, &shown, lang));
    }
    for rule in rules.rules {
        if let (Some(w), Some(t)) = (&values[rule.when], &values[rule.then])
            && rule.equals.contains(&w.as_ref())
            && !rule.prefixes.iter().any(|p| t.starts_with(p))
        {
            errors.push(describe::rule(&rules.fields[rule.then], rule, lang));
        }
    }
    if !rules.derived.is_empty() {
        derived.reserve_exact(rules.derived.len());
    }
    for d in rules.derived {
        let Some(src) = &values[d.from] else {
            derived.push(None);
            continue;
        };
        let found = d.pattern.extract(src).and_then(|v| {
            if d.map.is_empty() {
                Some(v)
            } else {
                d.map.iter().find(|(k, _)| *k == v).map(|(_, to)| *to)
            }
        });
        match found {
            Some(v) => derived.push(Some(v.to_owned())),
            None => errors.push(describe::derive(&rules.fields[d.from], d, lang)),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        // Normalised copies of secrets are wiped, not just freed.
        wipe_all(rules, values);
        Err(ValidationErrors::new(errors))
    }
}

/// Zeroes a normalised copy of a secret field's value (a borrowed value is the caller's).
fn wipe(field: &FieldRules<'_>, v: Cow<'_, str>) {
    if let (true, Cow::Owned(mut s)) = (field.secret, v) {
        zeroize::Zeroize::zeroize(&mut s);
    }
}

/// Takes every value out of `values`, wiping the normalised copies of secrets.
fn wipe_all(rules: &MethodRules<'_>, values: &mut [Value<'_>]) {
    for (field, v) in rules.fields.iter().zip(values) {
        if let Some(v) = v.take() {
            wipe(field, v);
        }
    }
}

/// Whether normalisation changed `raw`: a borrowed result of the same length is `raw`
/// itself (normalisation only ever borrows sub-slices), so no comparison is needed.
#[allow(clippy::ptr_arg)] // whether it is borrowed is the point
fn changed(v: &Cow<'_, str>, raw: &str) -> bool {
    match v {
        Cow::Borrowed(b) => b.len() != raw.len(),
        Cow::Owned(o) => o != raw,
    }
}

/// Unknown keys come from the caller; keep messages printable and short.
fn printable_key(k: &str) -> Cow<'_, str> {
    if k.len() <= 64 && k.chars().all(|c| !c.is_control()) {
        Cow::Borrowed(k)
    } else {
        let short: String = k.chars().filter(|c| !c.is_control()).take(64).collect();
        Cow::Owned(format!("{short}…"))
    }
}

#[cfg(test)]
mod tests;
