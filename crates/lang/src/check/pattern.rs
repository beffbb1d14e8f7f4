//! Checks of a pattern: it compiles, is anchored, and translates to JavaScript.

use std::sync::Arc;

use regex_syntax::hir::{Hir, HirKind, Look};

use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::patterns::Compiled;

/// Checks that a pattern compiles and is anchored; returns it compiled (shared with
/// every other use of the same text, see [`crate::patterns`]) when it compiles.
pub(crate) fn check_pattern(rep: &mut Reporter<'_>, ptr: &str, pat: &str) -> Option<Arc<Compiled>> {
    let compiled = match crate::patterns::compile(pat) {
        Ok(c) => c,
        Err(e) => {
            let msg = e.to_string();
            let detail = msg
                .lines()
                .filter(|l| l.starts_with("error:"))
                .map(|l| l.trim_start_matches("error:").trim())
                .next()
                .unwrap_or(msg.as_str())
                .to_owned();
            rep.value(
                ptr,
                Code::InvalidRegex,
                format!("pattern does not compile: {detail}"),
                shown(pat),
                "fix the pattern (Rust `regex` syntax: no look-around or back-references)",
            );
            return None;
        }
    };
    let hir = &compiled.hir;
    if !is_anchored(hir) {
        rep.value(
            ptr,
            Code::UnanchoredPattern,
            "pattern is not anchored",
            shown(pat),
            format!(
                "match the whole value: write `^{}$`",
                pat.trim_start_matches('^').trim_end_matches('$')
            ),
        );
    }
    if let Err(e) = crate::ecma::translate_hir(hir) {
        rep.value(
            ptr,
            Code::UntranslatablePattern,
            format!(
                "pattern cannot be translated to JavaScript exactly: {}",
                e.construct
            ),
            shown(pat),
            e.help,
        );
    }
    Some(compiled)
}

pub(crate) fn is_anchored(hir: &Hir) -> bool {
    let starts = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::Start));
    let ends = |h: &Hir| matches!(h.kind(), HirKind::Look(Look::End));
    match hir.kind() {
        HirKind::Concat(parts) => {
            parts.first().is_some_and(starts) && parts.last().is_some_and(ends)
        }
        HirKind::Alternation(alts) => alts.iter().all(is_anchored),
        HirKind::Capture(c) => is_anchored(&c.sub),
        _ => false,
    }
}

pub(crate) fn has_capture(hir: &Hir, name: &str) -> bool {
    match hir.kind() {
        HirKind::Capture(c) => c.name.as_deref() == Some(name) || has_capture(&c.sub, name),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(|h| has_capture(h, name)),
        HirKind::Repetition(r) => has_capture(&r.sub, name),
        _ => false,
    }
}
