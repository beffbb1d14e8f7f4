//! Every fault, on keys assembled here as DER (the parser checks structure, not the
//! arithmetic, so a fake modulus of the right size is an RSA key of that size). Real
//! keys from OpenSSL and Node are the parity harness's (tests/js_parity.rs).

use base64::Engine as _;

use super::*;
use crate::check::{FieldRules, check_field};
use crate::error::ErrorKind;

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend([0x81, n as u8]);
    } else {
        out.extend([0x82, (n >> 8) as u8, n as u8]);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn int(v: &[u8]) -> Vec<u8> {
    tlv(0x02, v)
}

fn oid(text: &str) -> Vec<u8> {
    let o = ObjectIdentifier::new(text).unwrap();
    tlv(0x06, o.as_bytes())
}

/// A two-prime RSAPrivateKey whose modulus has `bits` bits.
fn pkcs1(bits: usize) -> Vec<u8> {
    let mut n = vec![0xc5; bits / 8];
    n.insert(0, 0); // positive: the top bit is set
    seq(&[
        int(&[0]),
        int(&n),
        int(&[1, 0, 1]),
        int(&[0x11; 8]),
        int(&[0x13; 8]),
        int(&[0x17; 8]),
        int(&[0x19; 8]),
        int(&[0x1d; 8]),
        int(&[0x1f; 8]),
    ])
}

/// An ECPrivateKey (SEC1), with the curve named when given.
fn sec1_key(curve: Option<&str>) -> Vec<u8> {
    let mut parts = vec![int(&[1]), tlv(0x04, &[7; 32])];
    if let Some(c) = curve {
        parts.push(tlv(0xa0, &oid(c)));
    }
    seq(&parts)
}

fn pkcs8(alg: &str, params: Option<Vec<u8>>, key: &[u8]) -> Vec<u8> {
    let mut a = vec![oid(alg)];
    a.extend(params);
    seq(&[int(&[0]), seq(&a), tlv(0x04, key)])
}

fn rsa8(bits: usize) -> Vec<u8> {
    pkcs8(RSA, Some(vec![0x05, 0]), &pkcs1(bits))
}

fn ec8(curve: &str) -> Vec<u8> {
    pkcs8(EC, Some(oid(curve)), &sec1_key(None))
}

fn pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

const P256: &str = "1.2.840.10045.3.1.7";
const P384: &str = "1.3.132.0.34";

fn meta(json: bool, algorithm: JwtAlg) -> PrivateKeyMeta<'static> {
    PrivateKeyMeta {
        json,
        members: if json {
            &["client_email", "private_key"]
        } else {
            &[]
        },
        key_member: json.then_some("private_key"),
        equals: if json {
            &[("type", "service_account")]
        } else {
            &[]
        },
        algorithm,
        min_bits: 2048,
    }
}

fn rules(k: PrivateKeyMeta<'static>) -> FieldRules<'static> {
    FieldRules {
        key: "key",
        label: "Private Key",
        text_key: "",
        hint: None,
        secret: true,
        optional: false,
        default: None,
        min_length: None,
        max_length: None,
        prefixes: &[],
        forbidden_prefixes: &[],
        format: None,
        options: &[],
        normalize: &[],
        pattern: None,
        pattern_lengths: (0, u32::MAX),
        private_key: Some(k),
    }
}

/// The fault and message of a value, `None` when it passes.
fn verdict(json: bool, alg: JwtAlg, v: &str) -> Option<(KeyFault, String)> {
    match check_field(&rules(meta(json, alg)), v) {
        Ok(_) => None,
        Err(e) => match e.kind {
            ErrorKind::PrivateKey { fault } => Some((fault, e.message)),
            other => panic!("not a key fault: {other:?} ({})", e.message),
        },
    }
}

fn rs(v: &str) -> Option<(KeyFault, String)> {
    verdict(false, JwtAlg::RS256, v)
}

fn es(v: &str) -> Option<(KeyFault, String)> {
    verdict(false, JwtAlg::ES256, v)
}

fn key_file(pem: &str) -> String {
    serde_json::json!({
        "type": "service_account",
        "client_email": "a@b.iam.gserviceaccount.com",
        "private_key": pem,
    })
    .to_string()
}

fn fault(v: Option<(KeyFault, String)>) -> KeyFault {
    v.expect("a fault").0
}

#[test]
fn good_keys_pass() {
    assert_eq!(rs(&pem("PRIVATE KEY", &rsa8(2048))), None);
    assert_eq!(rs(&pem("RSA PRIVATE KEY", &pkcs1(4096))), None);
    assert_eq!(es(&pem("PRIVATE KEY", &ec8(P256))), None);
    assert_eq!(es(&pem("EC PRIVATE KEY", &sec1_key(Some(P256)))), None);
    // CRLF, one long line, surrounding blank lines.
    let crlf = pem("PRIVATE KEY", &rsa8(2048)).replace('\n', "\r\n");
    assert_eq!(rs(&format!("\n\n{crlf}\n")), None);
    let b64 = base64::engine::general_purpose::STANDARD.encode(rsa8(2048));
    assert_eq!(
        rs(&format!(
            "-----BEGIN PRIVATE KEY-----{b64}-----END PRIVATE KEY-----"
        )),
        None
    );
    let file = key_file(&pem("PRIVATE KEY", &rsa8(2048)));
    assert!(
        file.contains("\\n"),
        "the PEM's line breaks are JSON escapes"
    );
    assert_eq!(verdict(true, JwtAlg::RS256, &file), None);
}

#[test]
fn key_file_faults() {
    let js = |v: &str| verdict(true, JwtAlg::RS256, v);
    let (f, msg) = js("{not json").unwrap();
    assert_eq!(f, KeyFault::NotJson);
    assert_eq!(
        msg,
        "Private Key must be a JSON key file (this is not valid JSON)"
    );
    assert_eq!(fault(js("[1, 2]")), KeyFault::NotAJsonObject);
    let good = pem("PRIVATE KEY", &rsa8(2048));
    let (f, msg) =
        js(&serde_json::json!({"type": "service_account", "client_email": "x"}).to_string())
            .unwrap();
    assert_eq!(f, KeyFault::MemberMissing);
    assert_eq!(msg, "Private Key has no `private_key` member");
    let (f, msg) = js(
        &serde_json::json!({"type": "service_account", "client_email": 7, "private_key": good})
            .to_string(),
    )
    .unwrap();
    assert_eq!(f, KeyFault::MemberNotAString);
    assert_eq!(
        msg,
        "`client_email` in Private Key must be a non-empty string"
    );
    let empty =
        serde_json::json!({"type": "service_account", "client_email": "", "private_key": good});
    assert_eq!(fault(js(&empty.to_string())), KeyFault::MemberNotAString);
    let (f, msg) = js(
        &serde_json::json!({"type": "user", "client_email": "x", "private_key": good}).to_string(),
    )
    .unwrap();
    assert_eq!(f, KeyFault::MemberValue);
    assert_eq!(msg, "`type` in Private Key must be `service_account`");
    let no_type = serde_json::json!({"client_email": "x", "private_key": good});
    assert_eq!(
        js(&no_type.to_string()).unwrap().1,
        "Private Key has no `type` member"
    );
    let (f, msg) = js(&key_file("MIIB")).unwrap();
    assert_eq!(f, KeyFault::NotPem);
    assert!(msg.starts_with("`private_key` in Private Key must be a PEM private key"));
}

#[test]
fn pem_faults() {
    let (f, msg) = rs("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC").unwrap();
    assert_eq!(f, KeyFault::NotPem);
    assert_eq!(
        msg,
        "Private Key must be a PEM private key (from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----)"
    );
    // Boundaries that disagree, an unknown label, a lower-case label.
    let good = pem("PRIVATE KEY", &rsa8(2048));
    assert_eq!(
        fault(rs(&good.replace("END PRIVATE", "END RSA PRIVATE"))),
        KeyFault::NotPem
    );
    assert_eq!(
        fault(rs(&pem("OPENSSH PRIVATE KEY", &[1, 2, 3]))),
        KeyFault::NotPem
    );
    assert_eq!(
        fault(rs(&pem("private key", &rsa8(2048)))),
        KeyFault::NotPem
    );
    let (f, msg) = rs(&pem("ENCRYPTED PRIVATE KEY", &[0x30, 0])).unwrap();
    assert_eq!(f, KeyFault::Encrypted);
    assert_eq!(
        msg,
        "Private Key is encrypted: export the private key without a passphrase"
    );
    let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----";
    assert_eq!(fault(rs(legacy)), KeyFault::Encrypted);
    let (f, msg) = rs(&pem("PUBLIC KEY", &[0x30, 0])).unwrap();
    assert_eq!(f, KeyFault::NotAPrivateKey);
    assert_eq!(msg, "Private Key must be a private key, not a public key");
    assert_eq!(
        rs(&pem("CERTIFICATE", &[0x30, 0])).unwrap().1,
        "Private Key must be a private key, not a certificate"
    );
}

#[test]
fn malformed_bodies() {
    let m = |v: &str| fault(rs(v));
    let (f, msg) = rs("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----").unwrap();
    assert_eq!(f, KeyFault::Malformed);
    assert_eq!(
        msg,
        "Private Key is damaged or incomplete: it does not read as a private key"
    );
    // Base64 of garbage, truncated DER, trailing data, non-canonical base64 bits.
    assert_eq!(
        m(&pem("PRIVATE KEY", b"garbage garbage")),
        KeyFault::Malformed
    );
    let der = rsa8(2048);
    assert_eq!(
        m(&pem("PRIVATE KEY", &der[..der.len() - 40])),
        KeyFault::Malformed
    );
    let mut long = der.clone();
    long.push(0);
    assert_eq!(m(&pem("PRIVATE KEY", &long)), KeyFault::Malformed);
    assert_eq!(
        m("-----BEGIN PRIVATE KEY-----\nMB==\n-----END PRIVATE KEY-----"),
        KeyFault::Malformed
    );
    assert_eq!(m(&pem("PRIVATE KEY", &pkcs1(2048))), KeyFault::Malformed);
    assert_eq!(m(&pem("RSA PRIVATE KEY", &rsa8(2048))), KeyFault::Malformed);
    // A header that is not legacy encryption.
    let header =
        "-----BEGIN RSA PRIVATE KEY-----\nComment: x\n\nAAAA\n-----END RSA PRIVATE KEY-----";
    assert_eq!(m(header), KeyFault::Malformed);
    // An EC key in PKCS#8 without its curve.
    assert_eq!(
        fault(es(&pem("PRIVATE KEY", &pkcs8(EC, None, &sec1_key(None))))),
        KeyFault::Malformed
    );
}

#[test]
fn wrong_algorithm_names_what_was_found() {
    let (f, msg) = rs(&pem("PRIVATE KEY", &ec8(P384))).unwrap();
    assert_eq!(f, KeyFault::WrongAlgorithm);
    assert_eq!(
        msg,
        "Private Key must be an RSA key (RS256); it is an EC P-384 key"
    );
    let ed = pkcs8(ED25519, None, &tlv(0x04, &[9; 32]));
    assert_eq!(
        rs(&pem("PRIVATE KEY", &ed)).unwrap().1,
        "Private Key must be an RSA key (RS256); it is an Ed25519 key"
    );
    assert_eq!(
        es(&pem("PRIVATE KEY", &ed)).unwrap().1,
        "Private Key must be an EC P-256 key (ES256); it is an Ed25519 key"
    );
    assert_eq!(
        es(&pem("RSA PRIVATE KEY", &pkcs1(2048))).unwrap().1,
        "Private Key must be an EC P-256 key (ES256); it is an RSA key"
    );
    assert_eq!(
        es(&pem("EC PRIVATE KEY", &sec1_key(Some(P384)))).unwrap().1,
        "Private Key must be an EC P-256 key (ES256); it is an EC P-384 key"
    );
    assert_eq!(
        es(&pem("EC PRIVATE KEY", &sec1_key(None))).unwrap().1,
        "Private Key must be an EC P-256 key (ES256); it is an EC key that does not name its curve"
    );
    assert_eq!(
        fault(rs(&pem("EC PRIVATE KEY", &sec1_key(Some(P256))))),
        KeyFault::WrongAlgorithm
    );
}

#[test]
fn small_rsa_keys_name_their_size() {
    let (f, msg) = rs(&pem("PRIVATE KEY", &rsa8(1024))).unwrap();
    assert_eq!(f, KeyFault::TooSmall);
    assert_eq!(
        msg,
        "Private Key must be an RSA key of at least 2048 bits (it has 1024)"
    );
    let file = key_file(&pem("RSA PRIVATE KEY", &pkcs1(1024)));
    assert_eq!(
        verdict(true, JwtAlg::RS256, &file).unwrap().1,
        "`private_key` in Private Key must be an RSA key of at least 2048 bits (it has 1024)"
    );
}

#[test]
fn line_breaks_only_in_private_key_fields() {
    let key = pem("PRIVATE KEY", &rsa8(2048));
    assert_eq!(rs(&key.replace('\n', "\t\n")), None);
    // Other controls stay refused, before any key check.
    let e = check_field(
        &rules(meta(false, JwtAlg::RS256)),
        &key.replace('\n', "\x0b"),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::ControlCharacter);
    let mut plain = rules(meta(false, JwtAlg::RS256));
    plain.private_key = None;
    let e = check_field(&plain, "a\nb").unwrap_err();
    assert_eq!(e.kind, ErrorKind::ControlCharacter);
}

#[test]
fn codes_are_stable_and_serialised() {
    let e = check_field(&rules(meta(true, JwtAlg::RS256)), "nope").unwrap_err();
    assert_eq!(e.kind.code(), "private_key");
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["kind"], "private_key");
    assert_eq!(v["fault"], "not_json");
    assert_eq!(KeyFault::TooSmall.code(), "too_small");
    assert_eq!(
        serde_json::to_value(KeyFault::NotAJsonObject).unwrap(),
        "not_a_json_object"
    );
}

#[test]
fn messages_never_hold_the_value() {
    let secret = "-----BEGIN PRIVATE KEY-----\nU0VDUkVUU0VDUkVU\n-----END PRIVATE KEY-----";
    let (_, msg) = rs(secret).unwrap();
    assert!(!msg.contains("U0VDUkVU"), "{msg}");
    let file = key_file("SECRETSECRET");
    let (_, msg) = verdict(true, JwtAlg::RS256, &file).unwrap();
    assert!(!msg.contains("SECRETSECRET"), "{msg}");
}
