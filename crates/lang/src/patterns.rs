//! Field patterns compiled once per process, shared by every spec that writes them.
//!
//! A catalogue repeats its patterns: token shapes (`^[A-Za-z0-9]{40}$`), host labels and
//! identifiers recur across providers. In 10,000 synthetic specs, nine texts are 12,000
//! of the 19,700 patterns (the rest, 4,400 texts, are mostly a provider's own token
//! prefix). Compiling a regex (parse, NFA, lazy DFA set-up)
//! costs far more than matching the few examples a field has, and the checker, the
//! example deriver and the field checker each needed the compiled form, so compiling
//! per use was about a sixth of loading. Here each distinct text is parsed and compiled
//! once; every user gets a shared [`Compiled`]. The result depends on the text alone,
//! so sharing changes no verdict and no message.
//!
//! The table is bounded ([`MAX_ENTRIES`]): a catalogue's provider-specific patterns, or
//! a long-lived process that loads spec after spec (a service reloading edited specs),
//! start it afresh rather than keep every pattern ever seen.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex_syntax::hir::Hir;

/// A pattern compiled for every use the loader has: the regex (examples of captures,
/// derived vectors), its HIR (anchoring, JavaScript translation, named groups) and the
/// runtime's matcher with the character counts it admits (the field checker).
#[derive(Debug)]
pub struct Compiled {
    /// The regex as the `regex` crate compiles it.
    pub regex: regex::Regex,
    /// The parsed pattern.
    pub hir: Hir,
    /// The matcher the generated validators use (lowered when the shape allows).
    pub matcher: connectspec_runtime::Pattern,
    /// The least and most characters a match can have.
    pub char_lengths: (u32, u32),
}

/// Distinct pattern texts kept at most; past this the table is emptied and refilled.
/// An entry is about 9 KB, and provider-specific patterns (a token's own prefix) are
/// used once each: 10,000 synthetic specs hold 4,434 distinct texts, and a table of
/// them all was 38 MB of the loader's peak memory. The shared shapes come back
/// within a few specs after a refill.
pub const MAX_ENTRIES: usize = 1024;

type Table = HashMap<String, Result<Arc<Compiled>, regex::Error>>;

fn table() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The pattern compiled, or the `regex` crate's error for it (the same error every time).
pub fn compile(pattern: &str) -> Result<Arc<Compiled>, regex::Error> {
    if let Some(hit) = lock().get(pattern) {
        return hit.clone();
    }
    // Compiled outside the lock: another thread may compile the same text meanwhile,
    // and both results are equal.
    let compiled = build(pattern);
    let mut t = lock();
    if t.len() >= MAX_ENTRIES {
        t.clear();
    }
    t.entry(pattern.to_owned()).or_insert(compiled).clone()
}

fn lock() -> std::sync::MutexGuard<'static, Table> {
    // A panic elsewhere while holding the lock leaves a table of whole entries.
    table()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn build(pattern: &str) -> Result<Arc<Compiled>, regex::Error> {
    let regex = regex::Regex::new(pattern)?;
    // The regex crate parsed the same text: its syntax is valid.
    let hir = regex_syntax::parse(pattern).map_err(|e| regex::Error::Syntax(e.to_string()))?;
    let matcher = connectspec_runtime::Pattern::from_parts(regex.clone(), &hir);
    let char_lengths = connectspec_runtime::hir_char_lengths(&hir);
    Ok(Arc::new(Compiled {
        regex,
        hir,
        matcher,
        char_lengths,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_compilation_per_text_and_the_same_error_each_time() {
        let a = compile("^[a-z]{3}$").unwrap();
        let b = compile("^[a-z]{3}$").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(a.regex.is_match("abc") && !a.regex.is_match("abcd"));
        assert_eq!(a.char_lengths, (3, 3));
        // Built at run time: the text is a broken pattern on purpose.
        let broken = ["^(", "a$"].concat();
        let e1 = compile(&broken).unwrap_err().to_string();
        let e2 = compile(&broken).unwrap_err().to_string();
        assert_eq!(e1, e2);
        assert_eq!(e1, regex::Regex::new(&broken).unwrap_err().to_string());
    }
}
