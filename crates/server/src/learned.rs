//! What a successful connection test learned: the scopes the credential holds and when
//! it expires (the spec's `connection_test.learns`), and how the scopes compare with
//! what the integration's actions need.
//!
//! Scopes and expiry are facts about the credential, not secrets; the values are still
//! never logged (a log line says only whether they were found).

use connectspec_runtime::{Learned, MethodMeta, TestMeta};

use crate::i18n::{join, label, msg};
use crate::listing::ScopeView;

/// Whether the test's `learns` needs the answer's JSON body.
pub(crate) fn needs_body(test: &TestMeta) -> bool {
    test.learns.is_some_and(|l| l.needs_body())
}

/// Reads what the spec declares from the answer's headers and (when read) body.
pub(crate) fn learn(
    test: &TestMeta,
    headers: &reqwest::header::HeaderMap,
    body: Option<&[u8]>,
) -> Learned {
    let Some(l) = test.learns else {
        return Learned::default();
    };
    let doc = body
        .filter(|_| l.needs_body())
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok());
    // A header given more than once is read at its first value.
    l.read(
        |name| headers.get(name).and_then(|v| v.to_str().ok()),
        doc.as_ref(),
    )
}

/// How granted scopes compare with what the actions need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScopeAdvice {
    /// Needed and not granted (a granted scope counts for those it includes).
    pub missing: Vec<ScopeView>,
    /// Granted beyond what the actions need.
    pub excess: Vec<String>,
    /// The least-privilege scopes of the actions.
    pub least_privilege: Vec<ScopeView>,
    /// What the end user or hub should know.
    pub warning: String,
}

/// Compares `granted` with what `actions` need; `None` when they match (or no action
/// is the method's: the caller checks the ones it was given).
pub(crate) fn compare(
    meta: &'static MethodMeta,
    granted: &[String],
    actions: &[&str],
) -> Option<ScopeAdvice> {
    let known: Vec<&str> = actions
        .iter()
        .copied()
        .filter(|a| meta.action(a).is_some())
        .collect();
    if known.is_empty() {
        return None;
    }
    let needed = meta.least_privilege_scopes(&known).ok()?;
    let held = meta.with_included(granted.iter().map(String::as_str));
    let wanted = meta.with_included(needed.iter().map(|(id, _)| *id));
    let missing: Vec<ScopeView> = needed
        .iter()
        .filter(|(id, _)| !held.contains(*id))
        .map(|&(id, label)| ScopeView::of(meta, id, label))
        .collect();
    let excess: Vec<String> = granted
        .iter()
        .filter(|g| !wanted.contains(g.as_str()))
        .cloned()
        .collect();
    if missing.is_empty() && excess.is_empty() {
        return None;
    }
    let least_privilege: Vec<ScopeView> = needed
        .into_iter()
        .map(|(id, label)| ScopeView::of(meta, id, label))
        .collect();
    let labels = |v: &[ScopeView]| join(&v.iter().map(|s| s.label.as_ref()).collect::<Vec<_>>());
    let least = if least_privilege.is_empty() {
        msg!("learned-no-scopes").text()
    } else {
        labels(&least_privilege)
    };
    let names = (meta.provider_name, label(meta));
    let warning = match (missing.is_empty(), excess.is_empty()) {
        (false, true) => msg!(
            "learned-missing",
            provider = names.0,
            method = names.1,
            missing = labels(&missing),
            least = least
        ),
        (true, false) => msg!(
            "learned-excess",
            provider = names.0,
            method = names.1,
            count = excess.len(),
            least = least
        ),
        _ => msg!(
            "learned-missing-and-excess",
            provider = names.0,
            method = names.1,
            missing = labels(&missing),
            count = excess.len(),
            least = least
        ),
    }
    .text();
    Some(ScopeAdvice {
        missing,
        excess,
        least_privilege,
        warning,
    })
}
