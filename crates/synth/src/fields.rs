//! Field kinds: each builder returns a complete [`Field`] whose examples are
//! format-true by construction and then confirmed through the loader's own checker,
//! so a synthetic spec can never fail its own test vectors.

use connectspec_lang::field_checker::FieldChecker;
use connectspec_lang::{EnumOption, Examples, Field, Format, InvalidExample, Normalize};

use crate::names::Identity;
use crate::rng::Rng;
use crate::shape::{self, Class, Piece, Shape};

/// Attaches examples: every valid one must pass the field's checker (a generator bug
/// otherwise), invalid candidates that the checker accepts are dropped, and at most
/// three invalid ones are kept.
fn with_examples(mut f: Field, valid: Vec<String>, invalid: Vec<(String, String)>) -> Field {
    let checker = FieldChecker::new(&f).expect("generated patterns compile");
    for v in &valid {
        if let Err(e) = checker.check(v) {
            panic!(
                "synthetic valid example of `{}` is rejected: {} ({v})",
                f.key, e.message
            );
        }
    }
    let mut kept: Vec<InvalidExample> = Vec::new();
    for (value, reason) in invalid {
        let rejected = checker.check(&value).is_err() && !value.trim().is_empty();
        if rejected && kept.len() < 3 && !kept.iter().any(|k| k.value == value) {
            kept.push(InvalidExample { value, reason });
        }
    }
    assert!(
        !kept.is_empty(),
        "no invalid example of `{}` is rejected",
        f.key
    );
    drop(checker);
    f.examples = Some(Examples {
        derive: false,
        valid,
        invalid: kept,
    });
    f
}

/// Ways to break a valid token, each with its reason.
fn broken_tokens(v: &str, shape: Option<&Shape>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mid = v.len() / 2;
    if let Some(p) = shape.and_then(Shape::literal_prefix) {
        out.push((
            format!("xx{}", &v[p.len()..]),
            format!("does not start with `{p}`"),
        ));
    }
    out.push((v[..v.len() - 1].to_owned(), "one character short".into()));
    out.push((
        format!("{v}{}", &v[v.len() - 1..]),
        "one character too many".into(),
    ));
    out.push((
        format!("{} {}", &v[..mid], &v[mid..]),
        "contains a space".into(),
    ));
    out.push((
        format!("{}!{}", &v[..mid], &v[mid + 1..]),
        "contains `!`, which tokens never do".into(),
    ));
    out
}

/// A secret token described by a shape (lowerable or needing regex).
pub fn token(rng: &mut Rng, who: &Identity, key: &str, label: &str, regex: bool) -> Field {
    let shape = if regex {
        shape::needs_regex(rng)
    } else {
        shape::lowerable(rng, &who.id)
    };
    let mut f = Field::new(key, label);
    f.secret = true;
    f.description = Some(format!(
        "The {} from your {} account. It is shown in **{}** when you create it.",
        label,
        who.name,
        rng.pick(crate::names::SETTINGS_PATHS).1
    ));
    f.placeholder = Some(format!("Paste your {} {label}", who.name));
    f.pattern = Some(shape.pattern());
    f.hint = Some(shape.hint());
    let (lo, hi) = shape.length();
    if rng.chance(50) {
        f.min_length = Some(lo);
        f.max_length = hi;
    }
    f.normalize = vec![Normalize::Trim];
    let valid: Vec<String> = (0..rng.range(1, 3)).map(|_| shape.value(rng)).collect();
    let invalid = broken_tokens(&valid[0], Some(&shape));
    let mut f = with_examples(f, valid, invalid);
    // Half the tokens whose pattern is simple enough also ask for derived vectors.
    let derivable = f
        .pattern
        .as_deref()
        .is_some_and(|p| connectspec_lang::examples::candidates(p).is_ok());
    if derivable
        && rng.chance(50)
        && let Some(ex) = f.examples.as_mut()
    {
        ex.derive = true;
    }
    f
}

/// A bot token that travels in the URL path (`/bot{bot_token}/me`): a numeric bot id,
/// a colon and URL-safe characters, so its pattern allows only path characters and the
/// value stays one percent-encoded path segment.
pub fn path_token(rng: &mut Rng, who: &Identity) -> Field {
    let shape = Shape {
        pieces: vec![
            Piece::Class {
                class: Class::Digit,
                min: 6,
                max: Some(10),
            },
            Piece::Lit(":".into()),
            Piece::Class {
                class: Class::UrlSafe,
                min: 35,
                max: Some(35),
            },
        ],
    };
    let mut f = Field::new("bot_token", "Bot Token");
    f.secret = true;
    f.description = Some(format!(
        "The token {} shows when the bot is created; it starts with the bot's numeric id and a colon.",
        who.name
    ));
    f.placeholder = Some(format!("Paste your {} bot token", who.name));
    f.pattern = Some(shape.pattern());
    f.hint = Some(shape.hint());
    f.normalize = vec![Normalize::Trim];
    let valid: Vec<String> = (0..rng.range(1, 3)).map(|_| shape.value(rng)).collect();
    let mut invalid = broken_tokens(&valid[0], Some(&shape));
    let (id, rest) = valid[0].split_once(':').expect("the shape has a colon");
    invalid.insert(
        0,
        (
            format!("{id}:{}/../admin", &rest[..8]),
            "a slash cannot appear in a token".into(),
        ),
    );
    with_examples(f, valid, invalid)
}

/// An optional environment choice with one option, `sandbox`: chosen, it adds a path
/// segment through an optional part (`{?/{environment}}`); left empty, the segment
/// vanishes.
pub fn environment(who: &Identity) -> Field {
    let mut f = Field::new("environment", "Environment");
    f.optional = true;
    f.description = Some(format!(
        "Choose **Sandbox** only for a bot created in the {} sandbox; leave it empty otherwise.",
        who.name
    ));
    f.options = vec![EnumOption {
        value: "sandbox".into(),
        label: "Sandbox".into(),
        params: Default::default(),
    }];
    f.normalize = vec![Normalize::Trim, Normalize::Lowercase];
    let valid = vec!["sandbox".into(), "Sandbox".into()];
    let invalid = vec![(
        "production".into(),
        "a normal bot needs no environment; leave the field empty".into(),
    )];
    with_examples(f, valid, invalid)
}

/// An application key that only identifies the application (sent in a header, like a
/// user name): its key ends in `key`, but it is a public identifier, `public: true`.
pub fn app_key(rng: &mut Rng, who: &Identity) -> Field {
    let shape = Shape {
        pieces: vec![
            Piece::Lit("AK".into()),
            Piece::Class {
                class: Class::UpperAlnum,
                min: 18,
                max: Some(18),
            },
        ],
    };
    let mut f = Field::new("app_key", "Application Key");
    f.public = true;
    f.description = Some(format!(
        "The **Application key** on the bot's page in {}; it names the application and is not a secret.",
        who.name
    ));
    f.placeholder = Some("AKXXXXXXXXXXXXXXXXXX".into());
    f.pattern = Some(shape.pattern());
    f.hint = Some(shape.hint());
    f.normalize = vec![Normalize::Trim];
    let valid: Vec<String> = (0..rng.range(1, 3)).map(|_| shape.value(rng)).collect();
    let mut invalid = broken_tokens(&valid[0], Some(&shape));
    invalid.push((
        valid[0].to_lowercase(),
        "application keys are upper case".into(),
    ));
    with_examples(f, valid, invalid)
}

/// A key whose kind is told by its prefix, with a prefix that must never be pasted
/// (a publishable key), checked by prefixes and length rather than a pattern.
pub fn prefixed_key(rng: &mut Rng, who: &Identity, key: &str, label: &str) -> Field {
    let mut f = Field::new(key, label);
    f.secret = true;
    f.description = Some(format!(
        "A secret key (`sk_…`) or restricted key (`rk_…`) of your {} account. Publishable keys (`pk_…`) do not work from a server.",
        who.name
    ));
    f.placeholder = Some(format!("Paste your {} secret or restricted key", who.name));
    f.prefixes = vec![
        "sk_live_".into(),
        "sk_test_".into(),
        "rk_live_".into(),
        "rk_test_".into(),
    ];
    f.forbidden_prefixes = vec!["pk_".into()];
    f.min_length = Some(32);
    f.max_length = Some(128);
    f.hint =
        Some("a secret key (sk_live_, sk_test_) or a restricted key (rk_live_, rk_test_)".into());
    f.normalize = vec![Normalize::Trim];
    let body = Shape {
        pieces: vec![Piece::Class {
            class: Class::Alnum,
            min: 24,
            max: Some(99),
        }],
    };
    let valid: Vec<String> = f
        .prefixes
        .iter()
        .take(rng.range(2, 4) as usize)
        .map(|p| format!("{p}{}", body.value(rng)))
        .collect();
    let tail = body.value(rng);
    let invalid = vec![
        (
            format!("pk_live_{tail}"),
            "a publishable key, which only works in browsers".into(),
        ),
        (format!("sk_prod_{tail}"), "`prod` is not a mode".into()),
        ("sk_live_abc123".into(), "far too short".into()),
    ];
    with_examples(f, valid, invalid)
}

/// The live/test choice a prefixed key must agree with (see the method's rules).
pub fn mode() -> Field {
    let mut f = Field::new("mode", "Mode");
    f.description =
        Some("Whether the key belongs to live mode or test mode; it must match the key.".into());
    f.options = vec![
        EnumOption {
            value: "live".into(),
            label: "Live".into(),
            params: Default::default(),
        },
        EnumOption {
            value: "test".into(),
            label: "Test".into(),
            params: Default::default(),
        },
    ];
    f.normalize = vec![Normalize::Trim, Normalize::Lowercase];
    let valid = vec!["live".into(), "test".into(), "Live".into()];
    let invalid = vec![
        ("production".into(), "not one of the two modes".into()),
        (
            "sandbox".into(),
            "sandboxes use test keys; choose `test`".into(),
        ),
    ];
    with_examples(f, valid, invalid)
}

/// An email address, optional or not.
pub fn email(rng: &mut Rng, who: &Identity, key: &str, label: &str, optional: bool) -> Field {
    let mut f = Field::new(key, label);
    f.optional = optional;
    f.description = Some(format!(
        "The email address of an active {} user; the connection acts with that user's permissions.",
        who.name
    ));
    f.placeholder = Some("you@example.com".into());
    f.format = Some(Format::Email);
    f.max_length = Some(254);
    f.normalize = vec![Normalize::Trim, Normalize::Lowercase];
    let local = *rng.pick(&["ada", "grace.hopper", "ops", "it-admin", "integrations"]);
    let valid = vec![
        format!("{local}@example.com"),
        format!("Admin@{}", who.domain),
    ];
    let invalid = vec![
        (format!("{local}.example.com"), "no `@`".into()),
        (format!("{local}@localhost"), "the domain has no dot".into()),
        (format!("{local} @example.com"), "contains a space".into()),
    ];
    with_examples(f, valid, invalid)
}

/// The account's subdomain, extracted from a pasted URL.
pub fn subdomain(rng: &mut Rng, who: &Identity) -> Field {
    let mut f = Field::new("subdomain", "Subdomain");
    f.description = Some(format!(
        "The first part of your {} address: for `https://acme.{}` it is `acme`. Pasting the whole address works too.",
        who.name, who.domain
    ));
    f.placeholder = Some("acme".into());
    f.pattern = Some("^[a-z0-9][a-z0-9-]{0,62}$".into());
    f.hint = Some("letters, digits and hyphens, not starting with a hyphen".into());
    f.normalize = vec![
        Normalize::Trim,
        Normalize::ExtractSubdomain(who.domain.clone()),
        Normalize::Lowercase,
    ];
    let org = *rng.pick(&["acme", "globex", "initech", "umbrella", "hooli"]);
    let valid = vec![
        org.to_owned(),
        format!("https://{org}-eu.{}/home", who.domain),
        format!("{org}.{}", who.domain),
    ];
    let invalid = vec![
        (format!("{org} corp"), "contains a space".into()),
        (format!("-{org}"), "starts with a hyphen".into()),
        (
            format!("https://{org}.example.org"),
            "an address of another site".into(),
        ),
    ];
    with_examples(f, valid, invalid)
}

/// A store or instance host name, extracted from a pasted URL.
pub fn host(rng: &mut Rng, who: &Identity) -> Field {
    let mut f = Field::new("instance_host", "Instance Host");
    f.description = Some(format!(
        "The host name of your {} instance, for example `acme.{}`.",
        who.name, who.domain
    ));
    f.placeholder = Some(format!("acme.{}", who.domain));
    f.format = Some(Format::Hostname);
    // One label in front of the provider's domain: the host the connection test may reach.
    f.pattern = Some(format!(
        r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?\.{}$",
        who.domain.replace('.', r"\.")
    ));
    f.normalize = vec![
        Normalize::Trim,
        Normalize::ExtractHost,
        Normalize::Lowercase,
    ];
    let org = *rng.pick(&["acme", "globex", "initech"]);
    let valid = vec![
        format!("{org}.{}", who.domain),
        format!(
            "https://{}.{}/admin",
            crate::names::capitalise(org),
            who.domain
        ),
    ];
    let invalid = vec![
        (
            format!("{org}_store.{}", who.domain),
            "underscores are not allowed in host names".into(),
        ),
        (
            format!("-{org}.{}", who.domain),
            "a label starts with a hyphen".into(),
        ),
    ];
    with_examples(f, valid, invalid)
}

/// An optional https address the provider calls back.
pub fn callback_url(who: &Identity) -> Field {
    let mut f = Field::new("callback_url", "Callback URL");
    f.optional = true;
    f.description = Some(format!(
        "Where {} sends change notifications, starting with `https://`. Leave it empty to skip notifications.",
        who.name
    ));
    f.placeholder = Some(format!("https://acme.{}", who.domain));
    f.format = Some(Format::HttpsUrl);
    f.normalize = vec![Normalize::Trim];
    let valid = vec![
        format!("https://acme.{}", who.domain),
        format!("https://tools.example.com:8443/{}", who.id),
    ];
    let invalid = vec![
        (format!("http://acme.{}", who.domain), "not https".into()),
        (format!("acme.{}", who.domain), "no scheme".into()),
    ];
    with_examples(f, valid, invalid)
}

fn uuid(rng: &mut Rng) -> String {
    let hex = Shape {
        pieces: vec![Piece::Class {
            class: Class::LowerHex,
            min: 32,
            max: Some(32),
        }],
    }
    .value(rng);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A workspace or team UUID, optional or not.
pub fn workspace_id(rng: &mut Rng, who: &Identity, optional: bool) -> Field {
    let mut f = Field::new("workspace_id", "Workspace ID");
    f.optional = optional;
    f.description = Some(format!(
        "The ID shown under **Workspace Settings** in {}.",
        who.name
    ));
    f.format = Some(Format::Uuid);
    f.normalize = vec![Normalize::Trim, Normalize::Lowercase];
    let a = uuid(rng);
    let valid = vec![a.clone(), uuid(rng).to_uppercase()];
    let invalid = vec![
        (a.replace('-', ""), "the hyphens are missing".into()),
        (a[..35].to_owned(), "one digit short".into()),
    ];
    with_examples(f, valid, invalid)
}

/// A numeric account number.
pub fn account_number(rng: &mut Rng) -> Field {
    let mut f = Field::new("account_number", "Account Number");
    f.description = Some("The number at the top of the billing page.".into());
    f.format = Some(Format::Integer);
    f.max_length = Some(12);
    f.normalize = vec![Normalize::Trim];
    let n = rng.range(100_000, 99_999_999);
    let valid = vec![n.to_string(), format!("00{n}")];
    let invalid = vec![
        (format!("{n}a"), "contains a letter".into()),
        ("1234567890123".into(), "longer than 12 digits".into()),
    ];
    with_examples(f, valid, invalid)
}

/// A region choice whose options name their API host as the parameter `api_host`
/// (`{region.api_host}`), the first one preselected.
pub fn region(rng: &mut Rng, who: &Identity) -> Field {
    let all = [
        ("us", "United States"),
        ("eu", "Europe"),
        ("au", "Australia"),
        ("ca", "Canada"),
        ("jp", "Japan"),
    ];
    let n = rng.range(2, 5) as usize;
    let chosen = rng.sample(&all, n);
    let mut f = Field::new("region", "Region");
    f.description = Some(
        "The region your account's data is stored in; it appears in the address you sign in at."
            .into(),
    );
    f.options = chosen
        .iter()
        .map(|(v, l)| EnumOption {
            value: (*v).into(),
            label: (*l).into(),
            params: [("api_host".to_owned(), format!("{v}.api.{}", who.domain))].into(),
        })
        .collect();
    f.default = Some(chosen[0].0.to_owned());
    f.normalize = vec![Normalize::Trim, Normalize::Lowercase];
    let valid = vec![
        chosen[0].0.to_owned(),
        chosen[chosen.len() - 1].0.to_uppercase(),
    ];
    let invalid = vec![
        (
            chosen[0].1.to_lowercase(),
            "the region's name, not its code".into(),
        ),
        ("mars".into(), "not a region".into()),
    ];
    with_examples(f, valid, invalid)
}

/// The address of a self-managed installation, optional: the provider's cloud when
/// left empty (`{instance_url|https://app.<domain>}`).
pub fn instance_url(who: &Identity) -> Field {
    let mut f = Field::new("instance_url", "Instance URL");
    f.optional = true;
    f.description = Some(format!(
        "The address of your self-managed {} installation, starting with `https://`. Leave it empty for {} cloud.",
        who.name, who.name
    ));
    f.placeholder = Some(format!("https://{}.example.com", who.id.replace('_', "-")));
    f.format = Some(Format::HttpsUrl);
    f.normalize = vec![Normalize::Trim];
    let valid = vec![
        format!("https://{}.example.com", who.id.replace('_', "-")),
        "https://tools.example.org/git".to_owned(),
    ];
    let invalid = vec![
        ("http://git.example.com".into(), "not https".into()),
        ("git.example.com".into(), "no scheme".into()),
    ];
    with_examples(f, valid, invalid)
}

/// An organisation name, also read from a pasted `https://app.<domain>/<org>` address.
pub fn organization(rng: &mut Rng, who: &Identity) -> Field {
    let mut f = Field::new("organization", "Organization");
    f.description = Some(format!(
        "The name in your {} address `https://app.{}/<organization>`; pasting the whole address works too.",
        who.name, who.domain
    ));
    f.placeholder = Some("acme".into());
    f.pattern = Some("^[A-Za-z0-9][A-Za-z0-9-]{0,38}$".into());
    f.hint = Some("letters, digits and hyphens, not starting with a hyphen".into());
    f.normalize = vec![
        Normalize::Trim,
        Normalize::ExtractFromUrl(format!("https://app.{}/{{value}}", who.domain)),
    ];
    let org = *rng.pick(&["acme", "globex", "initech", "umbrella", "hooli"]);
    let valid = vec![
        org.to_owned(),
        format!("https://app.{}/{org}/settings", who.domain),
        format!("app.{}/{org}", who.domain),
    ];
    let invalid = vec![
        (
            format!("https://evil.example/{org}"),
            "another site's address".into(),
        ),
        (format!("-{org}"), "starts with a hyphen".into()),
        (
            format!("{org}/../admin"),
            "a slash would change the request path".into(),
        ),
    ];
    with_examples(f, valid, invalid)
}

/// A login name for basic authentication.
pub fn username() -> Field {
    let mut f = Field::new("username", "Username");
    f.description = Some("The name you sign in with.".into());
    f.pattern = Some("^[A-Za-z0-9._-]{3,64}$".into());
    f.hint = Some("3 to 64 letters, digits, dots, underscores or hyphens".into());
    f.normalize = vec![Normalize::Trim];
    let valid = vec!["ada.lovelace".into(), "svc-integration".into()];
    let invalid = vec![
        ("ad".into(), "too short".into()),
        ("ada lovelace".into(), "contains a space".into()),
    ];
    with_examples(f, valid, invalid)
}

/// A password for basic authentication: length only.
pub fn password(rng: &mut Rng) -> Field {
    let mut f = Field::new("password", "Password");
    f.secret = true;
    f.description =
        Some("The password of the integration user. Use a dedicated user, not your own.".into());
    f.min_length = Some(12);
    f.max_length = Some(128);
    let body = Shape {
        pieces: vec![Piece::Class {
            class: Class::UrlSafe,
            min: 14,
            max: Some(30),
        }],
    }
    .value(rng);
    let valid = vec![format!("{body}!#"), "correct horse battery staple".into()];
    let invalid = vec![("hunter2".into(), "shorter than 12 characters".into())];
    with_examples(f, valid, invalid)
}

/// A key without constraints (the provider documents none): no examples needed.
pub fn opaque_secret(who: &Identity, key: &str, label: &str) -> Field {
    let mut f = Field::new(key, label);
    f.secret = true;
    f.description = Some(format!("Created next to the API key in {}.", who.name));
    f.placeholder = Some(format!("Paste your {} {label}", who.name));
    f.normalize = vec![Normalize::Trim];
    f
}

/// A key with a data-centre suffix (`…-eu2`); the suffix is derived into the host.
pub fn suffixed_key(rng: &mut Rng, who: &Identity) -> Field {
    let shape = Shape {
        pieces: shape::suffixed(),
    };
    let mut f = Field::new("api_key", "API Key");
    f.secret = true;
    f.description = Some(format!(
        "The full key including its ending such as `-eu2`, which names the {} data centre of your account.",
        who.name
    ));
    f.placeholder = Some(format!("Paste your {} API key", who.name));
    f.pattern = Some(shape.pattern());
    f.hint = Some("the key followed by a hyphen and the data-centre code, such as -eu2".into());
    f.normalize = vec![Normalize::Trim];
    let hex = Shape {
        pieces: vec![Piece::Class {
            class: Class::LowerHex,
            min: 32,
            max: Some(32),
        }],
    };
    let valid = vec![
        format!("{}-us6", hex.value(rng)),
        format!("{}-eu12", hex.value(rng)),
    ];
    let bare = hex.value(rng);
    let invalid = vec![
        (bare.clone(), "the data-centre suffix is missing".into()),
        (format!("{bare}-"), "the data-centre code is empty".into()),
    ];
    with_examples(f, valid, invalid)
}
