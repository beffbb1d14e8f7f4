//! Signed JWT assertions (RFC 7519, RFC 7523): the claims the spec's `assertion` names,
//! rendered over the end user's values, signed with the private key of one of their
//! fields. The JWT is a secret (it grants a token until it expires): it is returned
//! wrapped, and every intermediate copy of the key and the claims is wiped.

use base64::Engine as _;
use connectspec_runtime::{
    AssertionMeta, ErrorKind, FieldError, JwtAlg, MethodMeta, SecretString, render_template,
};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::rand::SecureRandom as _;
use serde_json::{Map, Value};

use crate::i18n::{field_label, label, msg};
use crate::oauth::values::Values;
use crate::problem::Problem;

/// Why a JWT could not be signed. Names what failed, never the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignError {
    /// The text is not a PEM private key of the algorithm's kind.
    Key,
    /// The signer failed.
    Sign,
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SignError::Key => "not a private key of the algorithm's kind",
            SignError::Sign => "signing failed",
        })
    }
}

impl std::error::Error for SignError {}

/// Signs `claims` with the PEM private key `pem`: RS256 takes an RSA key (PKCS#1 `BEGIN
/// RSA PRIVATE KEY` or PKCS#8 `BEGIN PRIVATE KEY`), ES256 a P-256 key (PKCS#8, or SEC 1
/// `BEGIN EC PRIVATE KEY`). `kid`, when given, goes into the header.
pub fn sign_jwt(
    alg: JwtAlg,
    pem: &str,
    claims: &Map<String, Value>,
    kid: Option<&str>,
) -> Result<String, SignError> {
    let (key, algorithm) = match alg {
        JwtAlg::RS256 => (EncodingKey::from_rsa_pem(pem.as_bytes()), Algorithm::RS256),
        JwtAlg::ES256 => (EncodingKey::from_ec_pem(pem.as_bytes()), Algorithm::ES256),
    };
    let key = key.map_err(|_| SignError::Key)?;
    let mut header = Header::new(algorithm);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, &key).map_err(|_| SignError::Sign)
}

/// A random `jti`: 16 bytes, base64url.
fn jti() -> Result<String, Problem> {
    let mut bytes = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| crate::connection_test::internal(msg!("problem-internal-randomness")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The claims of `a` over `values` at `now` (Unix seconds). A claim whose template names
/// an absent value is left out (`sub` without the optional user to act as); `iss` and
/// `aud` must render.
pub(crate) fn claims(
    m: &'static MethodMeta,
    a: &AssertionMeta,
    values: &Values,
    now: u64,
) -> Result<Map<String, Value>, Problem> {
    let render = |t| render_template(t, |k| values.get(k));
    let required = |name: &str, t| {
        render(t).ok_or_else(|| {
            crate::connection_test::internal(msg!(
                "problem-internal-assertion-claim",
                provider = m.provider_name,
                method = label(m),
                claim = name
            ))
        })
    };
    let mut c = Map::new();
    c.insert("iss".into(), Value::String(required("issuer", &a.issuer)?));
    if let Some(sub) = a
        .subject
        .as_ref()
        .and_then(render)
        .filter(|s| !s.is_empty())
    {
        c.insert("sub".into(), Value::String(sub));
    }
    c.insert(
        "aud".into(),
        Value::String(required("audience", &a.audience)?),
    );
    c.insert("iat".into(), Value::from(now));
    c.insert(
        "exp".into(),
        Value::from(now + u64::from(a.lifetime_seconds)),
    );
    c.insert("jti".into(), Value::String(jti()?));
    if !a.scopes.is_empty() {
        c.insert("scope".into(), Value::String(a.scopes.join(" ")));
    }
    for (name, t) in a.claims {
        if let Some(v) = render(t) {
            c.insert((*name).to_owned(), Value::String(v));
        }
    }
    Ok(c)
}

/// Signs the assertion of `a` with the key in the end user's field, at `now`.
pub(crate) fn sign(
    m: &'static MethodMeta,
    a: &AssertionMeta,
    values: &Values,
    now: u64,
) -> Result<SecretString, Problem> {
    let field = m.fields.iter().position(|f| f.key == a.key_field);
    let key_member = field
        .and_then(|i| m.rules.fields.get(i))
        .and_then(|r| r.private_key)
        .and_then(|k| k.key_member.filter(|_| k.json));
    let pem = match key_member {
        Some(member) => values.get(&format!("{}.{member}", a.key_field)),
        None => values.get(a.key_field),
    };
    let Some(pem) = pem else {
        return Err(key_problem(
            m,
            a.key_field,
            "is required to sign the assertion",
        ));
    };
    let mut claims = claims(m, a, values, now)?;
    let kid = a
        .key_id
        .as_ref()
        .and_then(|t| render_template(t, |k| values.get(k)));
    let signed = sign_jwt(a.algorithm, pem, &claims, kid.as_deref());
    claims.values_mut().for_each(crate::body::wipe);
    match signed {
        Ok(jwt) => Ok(SecretString::from(jwt)),
        Err(e) => {
            tracing::info!(
                provider = m.provider_id,
                method = m.id,
                field = a.key_field,
                problem = %e,
                "assertion not signed"
            );
            Err(key_problem(
                m,
                a.key_field,
                match e {
                    SignError::Key => "not-a-key",
                    SignError::Sign => "unsigned",
                },
            ))
        }
    }
}

/// 422 naming the private-key field, never its value; `why` is `not-a-key` or
/// `unsigned`.
fn key_problem(m: &MethodMeta, key: &str, why: &'static str) -> Problem {
    let label = field_label(m, key).map_or_else(|| key.to_owned(), |l| l.into_owned());
    Problem::invalid_member(
        format!("/fields/{key}"),
        FieldError {
            field: key.to_owned(),
            kind: ErrorKind::Rule,
            message: msg!("field-key-unusable", label = label, why = why).text(),
            message_id: None,
            args: Default::default(),
        },
    )
}

#[cfg(test)]
mod tests;
