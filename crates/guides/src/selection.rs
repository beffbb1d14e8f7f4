//! What a page rendered for a scope set keeps: the selection, and which sections, steps
//! and scopes stay. Shared by the page context ([`crate::view`]) and the typed guide
//! ([`crate::guide`]).

use std::collections::BTreeSet;

use connectspec_lang::AuthMethod;

/// The scope set a page is rendered for; `None` keeps every section and step.
pub type Selection<'a> = Option<&'a BTreeSet<String>>;

/// The selected scopes that content naming `scope` concerns: `scope` itself and the
/// scopes it includes (a step granting `cms:write` also grants `cms:read`).
fn covered<'a>(method: &'a AuthMethod, scope: &'a str, set: &BTreeSet<String>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    if set.contains(scope) {
        out.push(scope);
    }
    out.extend(
        method
            .implied_scopes(scope)
            .into_iter()
            .filter(|s| set.contains(*s)),
    );
    out
}

/// Whether content with these scopes stays on a page of `method` rendered for `sel`:
/// unscoped content always stays; scoped content stays when one of its scopes is
/// selected or includes a selected one.
pub fn keeps_in(method: &AuthMethod, sel: Selection<'_>, scopes: &[String]) -> bool {
    match sel {
        None => true,
        Some(set) => {
            scopes.is_empty() || scopes.iter().any(|s| !covered(method, s, set).is_empty())
        }
    }
}

/// The scopes a step displays on a page rendered for `sel`: all of its scopes on a full
/// page, else the selected ones it names or includes, in declaration order.
pub fn displayed_scopes<'a>(
    method: &'a AuthMethod,
    sel: Selection<'_>,
    scopes: &'a [String],
) -> Vec<&'a str> {
    match sel {
        None => scopes.iter().map(String::as_str).collect(),
        Some(set) => {
            let shown: BTreeSet<&str> = scopes
                .iter()
                .flat_map(|s| covered(method, s, set))
                .collect();
            method
                .scopes
                .iter()
                .map(|s| s.id.as_str())
                .filter(|s| shown.contains(s))
                .collect()
        }
    }
}

/// Whether content with these scopes stays on a page rendered for `sel`.
/// Unscoped content always stays; scoped content stays when it shares a scope with the set.
pub fn keeps(sel: Selection<'_>, scopes: &[String]) -> bool {
    match sel {
        None => true,
        Some(set) => scopes.is_empty() || scopes.iter().any(|s| set.contains(s)),
    }
}
