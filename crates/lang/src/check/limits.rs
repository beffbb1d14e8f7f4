//! Checks of a method's limits: kinds, durations, expiry choices.

use std::collections::BTreeMap;

use super::*;
use crate::diag::Code;
use crate::diag::Reporter;
use crate::model::*;
use crate::pointer::Ptr;

/// A limit kind as the spec writes it (`expires_after`), for messages.
pub(crate) fn limit_kind_name(kind: LimitKind) -> String {
    kind.name().to_owned()
}

/// `choices`, `or_custom`, `or_never` (an expiry the user picks) and `field`.
pub(crate) fn check_choices(rep: &mut Reporter<'_>, m: &AuthMethod, l: &Limit, lp: &Ptr) {
    if let Some(key) = &l.field
        && m.field(key).is_none()
    {
        unknown_field(rep, &lp.join("field"), key, m);
    }
    if l.choices.is_empty() {
        for (flag, set) in [("or_custom", l.or_custom), ("or_never", l.or_never)] {
            if set {
                rep.value(
                    &lp.join(flag),
                    Code::ContradictoryLimits,
                    format!("`{flag}` is set but the limit has no `choices`"),
                    "`true`",
                    "list the fixed durations the user picks from in `choices:`",
                );
            }
        }
        return;
    }
    if l.kind != LimitKind::ExpiresAfter {
        rep.key(
            &lp.join("choices"),
            Code::ContradictoryLimits,
            format!(
                "`choices` only applies to `expires_after`, not `{}`",
                limit_kind_name(l.kind)
            ),
            "here",
            "remove `choices`",
        );
        return;
    }
    if l.value.is_some() {
        rep.key(
            &lp.join("value"),
            Code::ContradictoryLimits,
            "`value` and `choices` both give the expiry",
            "here",
            "keep `choices` (the user picks) or `value` (one fixed expiry), not both",
        );
    }
    for (j, w) in l.choices.windows(2).enumerate() {
        if w[1] <= w[0] {
            rep.value(
                &lp.join("choices").join(j + 1),
                Code::ContradictoryLimits,
                format!(
                    "choice {} does not follow {} in increasing order",
                    w[1], w[0]
                ),
                format!("`{}`", w[1]),
                "list each duration once, shortest first",
            );
        }
    }
    if let Some(j) = l.choices.iter().position(|c| *c == 0) {
        rep.value(
            &lp.join("choices").join(j),
            Code::ContradictoryLimits,
            "a choice of 0 is no expiry window",
            "`0`",
            "use `or_never: true` for a credential that can be made not to expire",
        );
    }
}

pub(crate) fn check_limits(rep: &mut Reporter<'_>, m: &AuthMethod, p: &Ptr) {
    let mut kinds = BTreeMap::new();
    for (i, l) in m.limits.iter().enumerate() {
        let lp = p.join("limits").join(i);
        let kind = limit_kind_name(l.kind);
        duplicate(rep, &mut kinds, &kind, &lp.join("kind"), "limit kind");
        let needs_value = l.kind != LimitKind::ShownOnce && l.choices.is_empty();
        if needs_value && l.value.is_none_or(|v| v == 0) {
            let help = if l.kind == LimitKind::ExpiresAfter {
                "add `value: N`, or `choices: [7, 30, 60, 90]` when the user picks the expiry"
            } else {
                "add `value: N`"
            };
            rep.key(
                &lp.join("kind"),
                Code::ContradictoryLimits,
                "this limit needs a positive `value`",
                "here",
                help,
            );
        }
        check_choices(rep, m, l, &lp);
        if l.kind == LimitKind::ShownOnce
            && (l.value.is_some() || l.unit.is_some() || l.per.is_some() || !l.choices.is_empty())
        {
            rep.key(
                &lp.join("kind"),
                Code::ContradictoryLimits,
                "`shown_once` takes no value, unit, per or choices",
                "here",
                "remove them",
            );
        }
        let unit_ok = match l.kind {
            LimitKind::ExpiresAfter | LimitKind::ExpiresAfterInactivity => {
                l.unit.is_some_and(LimitUnit::is_duration)
            }
            LimitKind::RateLimit => l.unit.is_some_and(|u| !u.is_duration()),
            LimitKind::ShownOnce => true,
            LimitKind::MaxCount => l.unit.is_none(),
        };
        if !unit_ok {
            let want = match l.kind {
                LimitKind::RateLimit => "a rate unit such as `requests_per_minute`",
                LimitKind::MaxCount => "no unit (use `per` for what the count applies to)",
                _ => "a duration unit such as `days`",
            };
            rep.key(
                &lp.join("kind"),
                Code::ContradictoryLimits,
                format!("this limit needs {want}"),
                "here",
                "set `unit:` accordingly",
            );
        }
        if l.per.is_some() && l.kind != LimitKind::MaxCount {
            rep.value(
                &lp.join("per"),
                Code::ContradictoryLimits,
                "`per` only applies to `max_count`",
                "here",
                "remove `per`",
            );
        }
    }
}
