//! Least-privilege scopes: the one computation behind the service, the CLI, the
//! pages and the spec checker.
//!
//! An action needs scopes; a set of actions needs the union of theirs. A scope may
//! include others (Webflow's `cms:write` is "edit and read", so it includes
//! `cms:read`): a scope of the union that another scope of the union includes, directly
//! or through a chain of `includes`, is dropped, since granting the stronger one grants
//! it too. The answer keeps the order the spec declares its scopes in.

use std::collections::BTreeSet;

/// The least-privilege scope ids for `needed` (the union of the actions' scopes),
/// among `declared` (in declaration order), where `includes(id)` gives the scopes a
/// scope directly includes.
pub fn least_privilege<'a, 'n, I, S>(
    declared: &[&'a str],
    needed: impl IntoIterator<Item = &'n str>,
    includes: impl Fn(&str) -> I,
) -> Vec<&'a str>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let union: BTreeSet<&str> = needed.into_iter().collect();
    // What the union's scopes include (the spec checker refuses cycles, E070).
    let implied = with_included(union.iter().flat_map(|s| includes(s)), &includes);
    declared
        .iter()
        .copied()
        .filter(|id| union.contains(id) && !implied.contains(*id))
        .collect()
}

/// `ids` and every scope they include, directly or through a chain of `includes`
/// (`includes(id)` gives the scopes a scope directly includes).
pub fn with_included<I, S>(
    ids: impl IntoIterator<Item = impl AsRef<str>>,
    includes: impl Fn(&str) -> I,
) -> BTreeSet<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = ids.into_iter().map(|x| x.as_ref().to_owned()).collect();
    while let Some(id) = todo.pop() {
        if !seen.contains(&id) {
            todo.extend(includes(&id).into_iter().map(|x| x.as_ref().to_owned()));
            seen.insert(id);
        }
    }
    seen
}

/// An action of a method: what an integration does, and the scopes it needs.
#[derive(Debug, Clone, Copy)]
pub struct ActionMeta {
    /// Action id.
    pub id: &'static str,
    /// Label.
    pub label: &'static str,
    /// Description.
    pub description: Option<&'static str>,
    /// The scope ids it needs.
    pub scopes: &'static [&'static str],
}

/// Action ids that a method does not declare (never echoed by the service or the
/// CLI: they count them and list the method's own ids instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownActions(pub Vec<String>);

impl std::fmt::Display for UnknownActions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} of the given action ids {} not an action of this method",
            if n == 1 { "is" } else { "are" }
        )
    }
}

impl std::error::Error for UnknownActions {}

#[cfg(test)]
mod tests {
    use super::least_privilege;

    #[test]
    fn drops_scopes_another_one_includes() {
        let declared = ["cms:read", "cms:write", "forms:read", "a", "b", "c"];
        let inc = |id: &str| -> Vec<&'static str> {
            match id {
                "cms:write" => vec!["cms:read"],
                "a" => vec!["b"],
                "b" => vec!["c"],
                _ => vec![],
            }
        };
        assert_eq!(
            least_privilege(&declared, ["forms:read", "cms:read", "cms:write"], inc),
            vec!["cms:write", "forms:read"]
        );
        assert_eq!(least_privilege(&declared, ["c", "a"], inc), vec!["a"]);
        assert_eq!(
            least_privilege(&declared, ["cms:read"], inc),
            vec!["cms:read"]
        );
        assert!(least_privilege(&declared, [], inc).is_empty());
    }
}
