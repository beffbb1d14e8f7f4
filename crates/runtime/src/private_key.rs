//! Private-key fields (`private_key` in a spec): the value is a PEM private key, or a
//! JSON key file (a Google service-account key) whose `key_member` holds one.
//!
//! The check answers the questions an end user can act on: is this the file that was
//! downloaded (JSON, an object, every member there), is it a private key at all (not a
//! public key, a certificate or an encrypted export), does it parse, and is it the kind
//! of key the provider's JWT algorithm needs (an RSA key of enough bits for RS256, a
//! P-256 key for ES256). Messages name what was found ("an EC P-384 key"), never the
//! value.
//!
//! PEM framing is read here and deliberately lenient about wrapping: `pem-rfc7468`
//! demands 64-character lines, which would refuse keys re-wrapped by other tools or
//! pasted as one line, and a loose validator is better than one refusing real keys.
//! The framing (boundaries, labels, whitespace, canonical base64) is the same small
//! procedure the browser module runs (`private_key.js`). The DER inside is parsed by
//! RustCrypto's `pkcs8`, `pkcs1` and `sec1`; the browser's DER walker mirrors what they
//! accept.

use std::fmt::Write as _;

use connectspec_i18n::Locale;

use crate::error::KeyFault;
use crate::message::MessageArgs;
use base64::Engine as _;
use der::asn1::ObjectIdentifier;

/// An elliptic curve, by its OID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
    /// A curve OID this module does not name.
    Other,
    /// SEC1 without parameters: the curve is not said.
    Unnamed,
}

/// The kind of key found, for the algorithm check and the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyType {
    /// RSA, with its modulus size in bits.
    Rsa(u32),
    RsaPss,
    Ec(Curve),
    Ed25519,
    Ed448,
    X25519,
    X448,
    Dsa,
    Other,
}

/// Why a value failed, with what the message needs; small and `Copy` like the
/// checker's other failures. Indexes point into the field's `members` / `equals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyFailure {
    NotJson,
    NotAJsonObject,
    MemberMissing(usize),
    MemberNotAString(usize),
    /// An `equals` member that is absent (index into `equals`).
    EqualsMissing(usize),
    /// An `equals` member that is not a string.
    EqualsNotAString(usize),
    MemberValue(usize),
    NotPem,
    /// `true`: a certificate; `false`: a public key.
    NotAPrivateKey(bool),
    Encrypted,
    Malformed,
    WrongAlgorithm(KeyType),
    TooSmall(u32),
}

const RSA: &str = "1.2.840.113549.1.1.1";
const RSA_PSS: &str = "1.2.840.113549.1.1.10";
const EC: &str = "1.2.840.10045.2.1";
const DSA: &str = "1.2.840.10040.4.1";
const ED25519: &str = "1.3.101.112";
const ED448: &str = "1.3.101.113";
const X25519: &str = "1.3.101.110";
const X448: &str = "1.3.101.111";

/// Checks a (non-empty, normalised) value of a private-key field.
pub(crate) fn check(k: &PrivateKeyMeta<'_>, v: &str) -> Result<(), KeyFailure> {
    if !k.json {
        return check_pem(k, v);
    }
    let mut doc: serde_json::Value = serde_json::from_str(v).map_err(|_| KeyFailure::NotJson)?;
    let result = check_file(k, &doc);
    wipe_json(&mut doc);
    result
}

/// The members of a key file, then its key.
fn check_file(k: &PrivateKeyMeta<'_>, doc: &serde_json::Value) -> Result<(), KeyFailure> {
    let obj = doc.as_object().ok_or(KeyFailure::NotAJsonObject)?;
    for (i, m) in k.members.iter().enumerate() {
        match obj.get(*m) {
            None => return Err(KeyFailure::MemberMissing(i)),
            Some(serde_json::Value::String(s)) if !s.is_empty() => {}
            Some(_) => return Err(KeyFailure::MemberNotAString(i)),
        }
    }
    for (i, (m, want)) in k.equals.iter().enumerate() {
        match obj.get(*m) {
            None => return Err(KeyFailure::EqualsMissing(i)),
            Some(serde_json::Value::String(s)) if s == want => {}
            Some(serde_json::Value::String(_)) => return Err(KeyFailure::MemberValue(i)),
            Some(_) => return Err(KeyFailure::EqualsNotAString(i)),
        }
    }
    match k.key_member.and_then(|m| obj.get(m)) {
        Some(serde_json::Value::String(pem)) => check_pem(k, pem),
        // The checker makes `key_member` one of `members`, which were found above.
        _ => Err(KeyFailure::NotPem),
    }
}

/// Zeroes the strings of a parsed key file before it is freed.
fn wipe_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => zeroize::Zeroize::zeroize(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(wipe_json),
        serde_json::Value::Object(o) => o.values_mut().for_each(wipe_json),
        _ => {}
    }
}

/// The PEM whitespace: what may surround the boundaries and wrap the body.
fn is_pem_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// A PEM private key: framing, label, base64 body, DER structure, then the algorithm.
fn check_pem(k: &PrivateKeyMeta<'_>, v: &str) -> Result<(), KeyFailure> {
    let t = v.trim_matches(|c: char| c.is_ascii() && is_pem_space(c as u8));
    let rest = t.strip_prefix("-----BEGIN ").ok_or(KeyFailure::NotPem)?;
    let end = rest.find("-----").ok_or(KeyFailure::NotPem)?;
    let label = &rest[..end];
    if label.is_empty() || !label.bytes().all(|b| b.is_ascii_uppercase() || b == b' ') {
        return Err(KeyFailure::NotPem);
    }
    let body = &rest[end + 5..];
    let mut closing = String::with_capacity(label.len() + 14);
    let _ = write!(closing, "-----END {label}-----");
    let body = body.strip_suffix(&closing).ok_or(KeyFailure::NotPem)?;
    match label {
        "ENCRYPTED PRIVATE KEY" => return Err(KeyFailure::Encrypted),
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "EC PUBLIC KEY" => {
            return Err(KeyFailure::NotAPrivateKey(false));
        }
        "CERTIFICATE" => return Err(KeyFailure::NotAPrivateKey(true)),
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => {}
        _ => return Err(KeyFailure::NotPem),
    }
    // RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) mark OpenSSL's legacy
    // encryption of PKCS#1 and SEC1 keys; no other header belongs in a key.
    if body.contains(':') {
        return Err(if body.contains("Proc-Type: 4,ENCRYPTED") {
            KeyFailure::Encrypted
        } else {
            KeyFailure::Malformed
        });
    }
    let b64: Vec<u8> = body.bytes().filter(|b| !is_pem_space(*b)).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(&b64)
        .map_err(|_| KeyFailure::Malformed)?;
    let found = key_type(label, &der);
    let mut der = der;
    zeroize::Zeroize::zeroize(&mut der);
    algorithm_fits(k, found?)
}

/// What the DER of a key with this PEM label holds.
fn key_type(label: &str, der: &[u8]) -> Result<KeyType, KeyFailure> {
    match label {
        "RSA PRIVATE KEY" => rsa(der),
        "EC PRIVATE KEY" => {
            let key = sec1::EcPrivateKey::try_from(der).map_err(bad)?;
            Ok(KeyType::Ec(
                match key.parameters.and_then(|p| p.named_curve()) {
                    Some(oid) => curve(&oid),
                    None => Curve::Unnamed,
                },
            ))
        }
        _ => {
            let info = pkcs8::PrivateKeyInfoRef::try_from(der).map_err(bad)?;
            let oid = info.algorithm.oid.to_string();
            Ok(match oid.as_str() {
                RSA => rsa(info.private_key.as_bytes())?,
                RSA_PSS => KeyType::RsaPss,
                EC => {
                    let params = info.algorithm.parameters.ok_or(KeyFailure::Malformed)?;
                    let named: ObjectIdentifier = params.decode_as().map_err(bad)?;
                    sec1::EcPrivateKey::try_from(info.private_key.as_bytes()).map_err(bad)?;
                    KeyType::Ec(curve(&named))
                }
                ED25519 => KeyType::Ed25519,
                ED448 => KeyType::Ed448,
                X25519 => KeyType::X25519,
                X448 => KeyType::X448,
                DSA => KeyType::Dsa,
                _ => KeyType::Other,
            })
        }
    }
}

/// Any parse error: the key is damaged.
fn bad<E>(_: E) -> KeyFailure {
    KeyFailure::Malformed
}

/// An RSAPrivateKey (PKCS#1): the modulus size in bits.
fn rsa(der: &[u8]) -> Result<KeyType, KeyFailure> {
    let key = pkcs1::RsaPrivateKeyRef::try_from(der).map_err(|_| KeyFailure::Malformed)?;
    let n = key.modulus.as_bytes();
    // `UintRef` holds the magnitude without leading zeroes.
    let bits = match n.first() {
        Some(&top) => (n.len() as u32 - 1) * 8 + (8 - top.leading_zeros()),
        None => 0,
    };
    Ok(KeyType::Rsa(bits))
}

fn curve(oid: &ObjectIdentifier) -> Curve {
    match oid.to_string().as_str() {
        "1.2.840.10045.3.1.7" => Curve::P256,
        "1.3.132.0.34" => Curve::P384,
        "1.3.132.0.35" => Curve::P521,
        "1.3.132.0.10" => Curve::Secp256k1,
        _ => Curve::Other,
    }
}

fn algorithm_fits(k: &PrivateKeyMeta<'_>, found: KeyType) -> Result<(), KeyFailure> {
    match (k.algorithm, found) {
        (JwtAlg::RS256, KeyType::Rsa(bits)) if bits < k.min_bits => Err(KeyFailure::TooSmall(bits)),
        (JwtAlg::RS256, KeyType::Rsa(_)) | (JwtAlg::ES256, KeyType::Ec(Curve::P256)) => Ok(()),
        (_, other) => Err(KeyFailure::WrongAlgorithm(other)),
    }
}

/// What was found, as the `$found` of `validator-key-wrong-algorithm` (`ec_p384`: "an
/// EC P-384 key").
fn type_name(t: KeyType) -> &'static str {
    match t {
        KeyType::Rsa(_) => "rsa",
        KeyType::RsaPss => "rsa_pss",
        KeyType::Ec(Curve::P256) => "ec_p256",
        KeyType::Ec(Curve::P384) => "ec_p384",
        KeyType::Ec(Curve::P521) => "ec_p521",
        KeyType::Ec(Curve::Secp256k1) => "ec_secp256k1",
        KeyType::Ec(Curve::Other) => "ec_other",
        KeyType::Ec(Curve::Unnamed) => "ec_unnamed",
        KeyType::Ed25519 => "ed25519",
        KeyType::Ed448 => "ed448",
        KeyType::X25519 => "x25519",
        KeyType::X448 => "x448",
        KeyType::Dsa => "dsa",
        KeyType::Other => "other",
    }
}

/// The fault of a failure and its message (id and arguments): from the field's label
/// (already in the message's language), the spec's member names and fixed values, and
/// what was found; never the value.
pub(crate) fn describe(
    k: &PrivateKeyMeta<'_>,
    label: &str,
    f: KeyFailure,
    locale: Locale,
) -> (KeyFault, &'static str, MessageArgs) {
    // A key file's PEM problems are its key member's.
    let subject = || match (k.json, k.key_member) {
        (true, Some(m)) => MessageArgs::new()
            .str("member", m)
            .str("label", label)
            .format(locale, "validator-key-in-file"),
        _ => label.to_owned(),
    };
    let member = |i: usize| k.members.get(i).copied().unwrap_or_default();
    let fixed = |i: usize| k.equals.get(i).copied().unwrap_or_default();
    let of_file = |m: &str| MessageArgs::new().str("label", label).str("member", m);
    let of_key = || MessageArgs::new().str("subject", subject());
    match f {
        KeyFailure::NotJson => (
            KeyFault::NotJson,
            "validator-key-not-json",
            MessageArgs::new().str("label", label),
        ),
        KeyFailure::NotAJsonObject => (
            KeyFault::NotAJsonObject,
            "validator-key-not-an-object",
            MessageArgs::new().str("label", label),
        ),
        KeyFailure::MemberMissing(i) => (
            KeyFault::MemberMissing,
            "validator-key-member-missing",
            of_file(member(i)),
        ),
        KeyFailure::EqualsMissing(i) => (
            KeyFault::MemberMissing,
            "validator-key-member-missing",
            of_file(fixed(i).0),
        ),
        KeyFailure::MemberNotAString(i) => (
            KeyFault::MemberNotAString,
            "validator-key-member-not-a-string",
            of_file(member(i)),
        ),
        KeyFailure::EqualsNotAString(i) => (
            KeyFault::MemberNotAString,
            "validator-key-member-not-a-string",
            of_file(fixed(i).0),
        ),
        KeyFailure::MemberValue(i) => {
            let (m, want) = fixed(i);
            (
                KeyFault::MemberValue,
                "validator-key-member-value",
                of_file(m).str("value", want),
            )
        }
        KeyFailure::NotPem => (KeyFault::NotPem, "validator-key-not-pem", of_key()),
        KeyFailure::NotAPrivateKey(cert) => (
            KeyFault::NotAPrivateKey,
            "validator-key-not-private",
            of_key().str("found", if cert { "certificate" } else { "public_key" }),
        ),
        KeyFailure::Encrypted => (KeyFault::Encrypted, "validator-key-encrypted", of_key()),
        KeyFailure::Malformed => (KeyFault::Malformed, "validator-key-malformed", of_key()),
        KeyFailure::WrongAlgorithm(found) => (
            KeyFault::WrongAlgorithm,
            "validator-key-wrong-algorithm",
            of_key()
                .str("algorithm", k.algorithm.as_str())
                .str("found", type_name(found)),
        ),
        KeyFailure::TooSmall(bits) => (
            KeyFault::TooSmall,
            "validator-key-too-small",
            of_key()
                .num("min", k.min_bits.into())
                .num("bits", bits.into()),
        ),
    }
}

/// Signature algorithms of JWT assertions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwtAlg {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (an RSA key).
    RS256,
    /// ECDSA P-256 with SHA-256 (a P-256 key).
    ES256,
}

impl JwtAlg {
    /// The JOSE name.
    pub fn as_str(self) -> &'static str {
        match self {
            JwtAlg::RS256 => "RS256",
            JwtAlg::ES256 => "ES256",
        }
    }
}

/// What a private-key field holds (the spec's `private_key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivateKeyMeta<'a> {
    /// A JSON key file (`true`) or a PEM key (`false`).
    pub json: bool,
    /// JSON only: the members the file must have, non-empty strings.
    pub members: &'a [&'a str],
    /// JSON only: the member holding the PEM key.
    pub key_member: Option<&'a str>,
    /// JSON only: members with a fixed value.
    pub equals: &'a [(&'a str, &'a str)],
    /// The algorithm the key must serve.
    pub algorithm: JwtAlg,
    /// RS256: the smallest modulus accepted, in bits.
    pub min_bits: u32,
}

#[cfg(test)]
mod tests;
