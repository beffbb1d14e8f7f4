//! The parts every archetype shares: scopes and actions, limits, the connection test.

use connectspec_lang::{
    Action, ConnectionTest, GraphqlBody, HttpMethod, Identity as AccountIdentity, Limit, LimitKind,
    LimitUnit, Outcome, ResponseCheck, Scope, TestBody,
};

use crate::names::{Identity, PER, RESOURCES};
use crate::rng::Rng;

pub(super) fn scopes(rng: &mut Rng) -> Vec<Scope> {
    let mut out = vec![Scope {
        id: "account:read".into(),
        label: "Account: read-only".into(),
        description: Some("Lets the connection test read who owns the token.".into()),
        includes: Vec::new(),
    }];
    let n = rng.range(3, 8) as usize;
    for (id, label) in rng.sample(RESOURCES, n) {
        out.push(Scope {
            id: format!("{id}:read"),
            label: format!("{label}: read-only"),
            description: None,
            includes: Vec::new(),
        });
        // "Read and write" grants read as well.
        out.push(Scope {
            id: format!("{id}:write"),
            label: format!("{label}: read and write"),
            description: None,
            includes: vec![format!("{id}:read")],
        });
    }
    out
}

/// One action per scope of a resource (`read_<resource>` needs its read scope,
/// `manage_<resource>` its write scope), each also needing the scope the connection
/// test reads with, so least-privilege sets exercise both the union and `includes`.
pub(super) fn actions(scopes: &[Scope]) -> Vec<Action> {
    scopes
        .iter()
        .filter_map(|s| {
            let (resource, access) = s.id.split_once(':')?;
            let verb = match access {
                "read" if resource != "account" => "read",
                "write" => "manage",
                _ => return None,
            };
            let what = s.label.split(':').next().unwrap_or(resource);
            Some(Action {
                id: format!("{verb}_{resource}"),
                label: format!("{} {what}", if verb == "read" { "Read" } else { "Manage" }),
                description: None,
                scopes: vec!["account:read".into(), s.id.clone()],
            })
        })
        .collect()
}

fn no_limit() -> Limit {
    Limit {
        kind: LimitKind::ShownOnce,
        value: None,
        unit: None,
        per: None,
        choices: Vec::new(),
        or_custom: false,
        or_never: false,
        field: None,
    }
}

pub(super) fn limits(rng: &mut Rng) -> Vec<Limit> {
    let mut out = Vec::new();
    if rng.chance(65) {
        out.push(Limit {
            kind: LimitKind::ShownOnce,
            value: None,
            unit: None,
            per: None,
            ..no_limit()
        });
    }
    if rng.chance(50) {
        let per = rng.pick(PER).to_string();
        out.push(Limit {
            kind: LimitKind::MaxCount,
            value: Some(*rng.pick(&[1, 5, 10, 25, 50])),
            unit: None,
            per: Some(per),
            ..no_limit()
        });
    }
    if rng.chance(15) {
        // The user picks the expiry from fixed durations.
        out.push(Limit {
            kind: LimitKind::ExpiresAfter,
            unit: Some(LimitUnit::Days),
            choices: vec![7, 30, 60, 90],
            or_custom: rng.chance(50),
            or_never: rng.chance(50),
            ..no_limit()
        });
    } else if rng.chance(40) {
        out.push(Limit {
            kind: LimitKind::ExpiresAfter,
            value: Some(*rng.pick(&[30, 90, 180, 365])),
            unit: Some(LimitUnit::Days),
            per: None,
            ..no_limit()
        });
    } else if rng.chance(30) {
        out.push(Limit {
            kind: LimitKind::ExpiresAfterInactivity,
            value: Some(*rng.pick(&[90, 365])),
            unit: Some(LimitUnit::Days),
            per: None,
            ..no_limit()
        });
    }
    if rng.chance(45) {
        let unit = *rng.pick(&[
            LimitUnit::RequestsPerSecond,
            LimitUnit::RequestsPerMinute,
            LimitUnit::RequestsPerHour,
        ]);
        out.push(Limit {
            kind: LimitKind::RateLimit,
            value: Some(*rng.pick(&[10, 100, 600, 1000])),
            unit: Some(unit),
            per: None,
            ..no_limit()
        });
    }
    out
}

pub(super) fn test(
    rng: &mut Rng,
    path: &str,
    requires: Vec<String>,
    who: &Identity,
) -> ConnectionTest {
    let mut outcomes = vec![Outcome {
        status: 401,
        meaning: format!(
            "{} rejected the credentials. They may have been revoked, expired or copied incompletely.",
            who.name
        ),
        missing_scopes: false,
    }];
    if !requires.is_empty() {
        outcomes.push(Outcome {
            status: 403,
            meaning: "The token is valid but lacks a permission the connection needs. Grant".into(),
            missing_scopes: true,
        });
    }
    if rng.chance(40) {
        outcomes.push(Outcome {
            status: 429,
            meaning: format!(
                "{} is rate limiting requests; try again in a minute.",
                who.name
            ),
            missing_scopes: false,
        });
    }
    let method = if rng.chance(85) {
        HttpMethod::Get
    } else {
        HttpMethod::Post
    };
    // A POST carries a body: a JSON document or a GraphQL query.
    let body = (method == HttpMethod::Post).then(|| {
        if rng.chance(50) {
            TestBody::Json(serde_json::json!({"probe": "connection test", "limit": 1}))
        } else {
            TestBody::Graphql(GraphqlBody {
                query: "query Viewer($first: Int) { viewer { id } }".into(),
                variables: Some(serde_json::json!({"first": 1})),
            })
        }
    });
    // Checks on the answer, one of each kind across the corpus.
    let check = |pointer: &str, meaning: String| ResponseCheck {
        pointer: pointer.into(),
        equals: None,
        exists: None,
        non_empty: None,
        meaning,
    };
    let mut checks = Vec::new();
    match *rng.pick(&[0u8, 1, 2, 3]) {
        0 => checks.push(ResponseCheck {
            equals: Some(serde_json::Value::Bool(true)),
            ..check(
                "/ok",
                format!("{} did not confirm the credentials.", who.name),
            )
        }),
        1 => checks.push(ResponseCheck {
            exists: Some(false),
            ..check("/errors", format!("{} answered with errors.", who.name))
        }),
        2 => checks.push(ResponseCheck {
            non_empty: Some(true),
            ..check(
                "/data",
                "The credentials see nothing: grant them access to at least one item.".into(),
            )
        }),
        _ => {}
    }
    // A GET test reads the account, whose id tells a reconnect of the same account (no
    // draw from `rng`: the rest of the corpus stays as it was).
    let identity = (method == HttpMethod::Get).then(|| AccountIdentity {
        pointer: "/id".into(),
        label: Some(format!("{} account id", who.name)),
    });
    ConnectionTest {
        method,
        body,
        checks,
        identity,
        // Nothing learned: the corpus stays as it was (no draw from `rng`).
        learns: None,
        path: path.into(),
        expect_status: 200,
        requires_scopes: requires,
        outcomes,
        note: rng.chance(50).then(|| {
            format!(
                "The test reads the account only; it does not prove access to every {} resource.",
                who.name
            )
        }),
    }
}
