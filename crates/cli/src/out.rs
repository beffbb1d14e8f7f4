//! Writing to standard output and error, and suggesting ids, without ever echoing a
//! stray value.
//!
//! `println!` and `eprintln!` panic (exit 101) when their stream is a closed pipe
//! (`connectspec list | head -1`, `connectspec … 2>&1 | head -1`); every command writes
//! its output through [`emit`] and its messages through [`write_stderr`] (`say!`)
//! instead, which treat a closed pipe as the reader having seen enough.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

/// Writes `text` to stdout and flushes. A closed pipe ends the command quietly with
/// `code` (the reader stopped reading; nothing is wrong); any other write error is
/// reported on stderr with exit 1.
pub fn emit(text: &str, code: ExitCode) -> ExitCode {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(text.as_bytes()).and_then(|()| lock.flush()) {
        Ok(()) => code,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => code,
        Err(e) => {
            write_stderr(&format!("error: cannot write the output: {e}\n"));
            ExitCode::from(1)
        }
    }
}

/// Writes `text` to stderr. A failure is left alone: a closed pipe means the reader
/// stopped reading, and there is nowhere left to report anything else; the command
/// still ends with its own exit code.
pub fn write_stderr(text: &str) {
    let stderr = std::io::stderr();
    let mut lock = stderr.lock();
    let _ = lock.write_all(text.as_bytes()).and_then(|()| lock.flush());
}

/// `eprintln!` through [`write_stderr`]: a line on stderr that never panics.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::out::write_stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use say;

/// Up to three of `known` closest to `given` by edit distance, best first. `given`
/// itself is never part of the result, so suggestions are safe to print even when the
/// argument was a secret typed in the wrong place.
pub fn closest<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let given = given.to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .filter_map(|id| {
            let d = strsim::damerau_levenshtein(&given, id);
            let near = d <= (id.len().max(given.len()) / 3).max(2);
            let prefix = given.len() >= 3 && (id.starts_with(&given) || given.starts_with(id));
            (near || prefix).then_some((d, id))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_owned())
        .collect()
}

/// Whether `s` could be an environment variable name: ASCII letters, digits and `_`,
/// not starting with a digit, at most 128 characters.
pub fn is_env_name(s: &str) -> bool {
    s.len() <= 128
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `s` could be an id (provider, method or field key): snake_case ASCII, at
/// most 64 characters. Anything else given where an id belongs is never echoed.
pub fn is_id_like(s: &str) -> bool {
    s.len() <= 64
        && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_ids() {
        let ids = ["oneflow", "webflow", "github", "gitbook", "stripe"];
        assert_eq!(closest("oneflwo", ids), ["oneflow"]);
        assert_eq!(closest("git", ids), ["github", "gitbook"]);
        assert_eq!(closest("githb", ids), ["github"]);
        assert!(closest("sk_live_51HqLyjWDarjtT1zdp7dc", ids).is_empty());
        assert!(closest("zzzzzzzzz", ids).is_empty());
    }

    #[test]
    fn names() {
        assert!(is_env_name("CS_TOKEN") && is_env_name("_x1"));
        for bad in ["", "1A", "sk-live", "a b", "Kq7Z/pR=", "sk_live_abc:def"] {
            assert!(!is_env_name(bad), "{bad}");
        }
        assert!(is_id_like("api_token"));
        assert!(!is_id_like("sk-live") && !is_id_like("Api") && !is_id_like(""));
    }
}
