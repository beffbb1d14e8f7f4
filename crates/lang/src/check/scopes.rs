//! Scopes, their `includes` relation and the method's `actions`.
//!
//! A scope id is the provider's own scope string, so the checker asks only that it is
//! one printable token (it is written space-separated into page attributes and OAuth
//! `scope` parameters). `includes` and each action's `scopes` must name declared
//! scopes; `includes` may not loop, so the least-privilege set of a set of actions
//! ([`crate::AuthMethod::least_privilege_scopes`]) is always well defined.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::{check_id, duplicate, non_empty, scope_ref};
use crate::diag::Code;
use crate::diag::{Reporter, shown};
use crate::model::AuthMethod;
use crate::pointer::Ptr;

/// The checks of `scopes` and `actions` of one method at pointer `p`.
pub(crate) fn check_scopes(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    let mut scope_ids = BTreeMap::new();
    for (i, s) in m.scopes.iter().enumerate() {
        let sp = p.join("scopes").join(i);
        duplicate(rep, &mut scope_ids, &s.id, &sp.join("id"), "scope id");
        if m.is_oauth() {
            crate::check::oauth::check_scope_token(rep, &sp.join("id"), &s.id);
        } else if !is_scope_token(&s.id) {
            rep.value(
                &sp.join("id"),
                Code::InvalidId,
                "scope id is not one printable token: it is empty or has whitespace or control characters",
                shown(&s.id.escape_debug().to_string()),
                "write the scope exactly as the provider names it, e.g. `cms:read`, `crm.objects.contacts.read` or `resource:write.sub`",
            );
        }
        non_empty(rep, &sp.join("label"), &s.label, "label");
        for (j, inc) in s.includes.iter().enumerate() {
            let ip = sp.join("includes").join(j);
            scope_ref(rep, &ip, inc, m);
            if inc == &s.id {
                rep.value(
                    &ip,
                    Code::ScopeCycle,
                    format!("scope `{}` includes itself", s.id),
                    shown(inc),
                    "remove it: every scope grants itself",
                );
            }
        }
    }
    // A loop through `includes` (a includes b, b includes a) would make both drop out
    // of every least-privilege set.
    for (i, s) in m.scopes.iter().enumerate() {
        if s.includes.iter().any(|inc| inc == &s.id) {
            continue; // reported above
        }
        if loops_back(m, &s.id) {
            rep.value(
                &p.join("scopes").join(i).join("includes"),
                Code::ScopeCycle,
                format!(
                    "scope `{}` includes itself through `includes` ({})",
                    s.id,
                    cycle_path(m, &s.id).join(" → ")
                ),
                shown(&s.id),
                "`includes` names the weaker scopes a stronger one grants as well: remove the link that points back",
            );
        }
    }
    let mut action_ids = BTreeMap::new();
    for (i, a) in m.actions.iter().enumerate() {
        let ap = p.join("actions").join(i);
        check_id(rep, &ap.join("id"), &a.id, "action id");
        duplicate(rep, &mut action_ids, &a.id, &ap.join("id"), "action id");
        non_empty(rep, &ap.join("label"), &a.label, "label");
        if a.scopes.is_empty() {
            rep.value(
                &ap.join("scopes"),
                Code::InvalidValue,
                format!("action `{}` needs no scopes", a.id),
                "here",
                "list the scopes the action needs; an action that needs none tells a user nothing to grant",
            );
        }
        let mut seen = BTreeSet::new();
        for (j, sc) in a.scopes.iter().enumerate() {
            let sp = ap.join("scopes").join(j);
            scope_ref(rep, &sp, sc, m);
            if !seen.insert(sc.as_str()) {
                rep.value(
                    &sp,
                    Code::DuplicateId,
                    format!("action `{}` lists scope `{sc}` twice", a.id),
                    shown(sc),
                    "list each scope once",
                );
            }
        }
    }
    if !m.actions.is_empty() && m.scopes.is_empty() {
        rep.key(
            &p.join("actions"),
            Code::UndeclaredScope,
            "the method has `actions` but declares no `scopes`",
            "here",
            "declare the scopes the actions need under `scopes:`",
        );
    }
}

/// Whether following `includes` from `id` reaches `id` again.
fn loops_back(m: &AuthMethod, id: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&str> = m.scope(id).map_or(Vec::new(), |s| {
        s.includes.iter().map(String::as_str).collect()
    });
    while let Some(next) = todo.pop() {
        if next == id {
            return true;
        }
        if seen.insert(next)
            && let Some(s) = m.scope(next)
        {
            todo.extend(s.includes.iter().map(String::as_str));
        }
    }
    false
}

/// One loop from `id` back to itself, for the message (`a → b → a`).
fn cycle_path<'a>(m: &'a AuthMethod, id: &'a str) -> Vec<&'a str> {
    fn walk<'a>(
        m: &'a AuthMethod,
        target: &str,
        at: &'a str,
        path: &mut Vec<&'a str>,
        seen: &mut BTreeSet<&'a str>,
    ) -> bool {
        let Some(s) = m.scope(at) else { return false };
        for inc in &s.includes {
            if inc == target {
                path.push(inc);
                return true;
            }
            if seen.insert(inc) {
                path.push(inc);
                if walk(m, target, inc, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![id];
    walk(m, id, id, &mut path, &mut BTreeSet::new());
    path
}

/// A provider's scope string: one token of printable characters, no whitespace, no
/// control or invisible formatting characters (it is written space-separated into
/// page attributes and lists).
pub fn is_scope_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        })
}

#[cfg(test)]
mod tests {
    use super::is_scope_token;

    #[test]
    fn provider_scope_strings_are_tokens() {
        for ok in [
            "cms:read",
            "resource:write.sub",
            "2fa:read",
            "crm.objects.contacts.read",
            "https://www.googleapis.com/auth/drive",
            "User.Read",
        ] {
            assert!(is_scope_token(ok), "{ok}");
        }
        for bad in ["", "cms read", "cms:\tread", "a\u{7}", "a\u{200b}b", "x\n"] {
            assert!(!is_scope_token(bad), "{bad:?}");
        }
    }
}
