// Private-key fields: the JavaScript twin of connectspec-runtime's private_key.rs, with
// the same faults and messages. Imported only by the provider modules that have such a
// field, so other forms never load it. Synchronous like the rest of validate(): the
// DER walker below accepts what RustCrypto's pkcs8, pkcs1 and sec1 crates accept (strict
// DER: minimal lengths, canonical unsigned integers, valid OIDs, no trailing bytes).

const EDGE_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const PEM_SPACE = /[ \t\r\n]/g;
const LABEL = /^[A-Z ]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Algorithm and curve OIDs, as the hex of their DER content.
const RSA = "2a864886f70d010101";
const RSA_PSS = "2a864886f70d01010a";
const EC = "2a8648ce3d0201";
const TYPES = {
  "2a8648ce380401": "a DSA key",
  "2b6570": "an Ed25519 key",
  "2b6571": "an Ed448 key",
  "2b656e": "an X25519 key",
  "2b656f": "an X448 key",
};
const CURVES = {
  "2a8648ce3d030107": "an EC P-256 key",
  "2b81040022": "an EC P-384 key",
  "2b81040023": "an EC P-521 key",
  "2b8104000a": "an EC secp256k1 key",
};
const P256 = "an EC P-256 key";

/** Canonical padded base64 (the `base64` crate's STANDARD engine), else null. */
function base64(s) {
  if (s.length % 4 !== 0 || !BASE64.test(s)) return null;
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  if (pad > 0 && (ALPHABET.indexOf(s[s.length - 1 - pad]) & (pad === 2 ? 0x0f : 0x03)) !== 0) return null;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One DER element at `p` within `end`: {tag, start, end} of its content, or null. */
function tlv(b, p, end) {
  if (p + 2 > end) return null;
  const tag = b[p];
  if ((tag & 0x1f) === 0x1f) return null;
  let n = b[p + 1];
  let q = p + 2;
  if (n >= 0x80) {
    const k = n & 0x7f;
    if (k === 0 || k > 4 || q + k > end || b[q] === 0) return null;
    n = 0;
    for (let i = 0; i < k; i++) n = n * 256 + b[q + i];
    q += k;
    if (n < 0x80) return null;
  }
  if (q + n > end) return null;
  return { tag, start: q, end: q + n };
}

/** A reader over the elements of one constructed value. */
function reader(b, start, end) {
  return {
    p: start,
    end,
    next(tag) {
      const e = tlv(b, this.p, this.end);
      if (e === null || (tag !== undefined && e.tag !== tag)) return null;
      this.p = e.end;
      return e;
    },
    peek() {
      return this.p < this.end ? b[this.p] : -1;
    },
    done() {
      return this.p === this.end;
    },
  };
}

/** An INTEGER holding one small unsigned value (`u8` in der): the value, or -1. */
function small(b, e) {
  if (e === null || e.end - e.start !== 1 || b[e.start] >= 0x80) return -1;
  return b[e.start];
}

/** A canonical unsigned INTEGER (der's UintRef): its magnitude bytes, or null. */
function uint(b, e) {
  if (e === null) return null;
  const n = e.end - e.start;
  if (n === 0) return null;
  const first = b[e.start];
  if (first === 0 && n > 1) return b[e.start + 1] < 0x80 ? null : [e.start + 1, e.end];
  if (first >= 0x80) return null;
  return [e.start, e.end];
}

/** An OBJECT IDENTIFIER's content as hex when valid (const-oid's rules), else null. */
function oid(b, e) {
  if (e === null || e.tag !== 0x06) return null;
  const n = e.end - e.start;
  if (n < 1 || n > 39) return null;
  let len = 0;
  let value = 0;
  let hex = "";
  for (let i = e.start; i < e.end; i++) {
    const c = b[i];
    if (len === 0 && c === 0x80) return null;
    value = value * 128 + (c & 0x7f);
    len++;
    if (len > 5 || value > 0xffffffff) return null;
    if ((c & 0x80) === 0) {
      len = 0;
      value = 0;
    }
    hex += (c < 16 ? "0" : "") + c.toString(16);
  }
  return len === 0 ? hex : null;
}

/** RSAPrivateKey (PKCS#1, two primes): the modulus size in bits, or -1. */
function rsaBits(b, start, end) {
  const outer = tlv(b, start, end);
  if (outer === null || outer.tag !== 0x30 || outer.end !== end) return -1;
  const r = reader(b, outer.start, outer.end);
  if (small(b, r.next(0x02)) !== 0) return -1;
  const n = uint(b, r.next(0x02));
  if (n === null) return -1;
  for (let i = 0; i < 7; i++) if (uint(b, r.next(0x02)) === null) return -1;
  if (!r.done()) return -1;
  const len = n[1] - n[0];
  return (len - 1) * 8 + (32 - Math.clz32(b[n[0]]));
}

/** ECPrivateKey (SEC1): the curve's OID hex, "" when unnamed, null when malformed. */
function sec1(b, start, end) {
  const outer = tlv(b, start, end);
  if (outer === null || outer.tag !== 0x30 || outer.end !== end) return null;
  const r = reader(b, outer.start, outer.end);
  if (small(b, r.next(0x02)) !== 1 || r.next(0x04) === null) return null;
  let curve = "";
  if (r.peek() === 0xa0 || r.peek() === 0x80) {
    const p = r.next(0xa0);
    if (p === null) return null;
    const inner = tlv(b, p.start, p.end);
    if (inner === null || inner.end !== p.end) return null;
    curve = oid(b, inner);
    if (curve === null) return null;
  }
  if (r.peek() === 0xa1 || r.peek() === 0x81) {
    const p = r.next(0xa1);
    if (p === null) return null;
    const bits = tlv(b, p.start, p.end);
    if (bits === null || bits.tag !== 0x03 || bits.end !== p.end) return null;
    if (bits.end === bits.start || b[bits.start] !== 0) return null;
  }
  return r.done() ? curve : null;
}

/** A BIT STRING's content is valid (der's BitStringRef). */
function bitString(b, e) {
  const n = e.end - e.start;
  return n >= 1 && b[e.start] <= 7 && (n > 1 || b[e.start] === 0);
}

/** PrivateKeyInfo (PKCS#8): what the key is ("an RSA key" with bits) or null. */
function pkcs8(b) {
  const outer = tlv(b, 0, b.length);
  if (outer === null || outer.tag !== 0x30 || outer.end !== b.length) return null;
  const r = reader(b, outer.start, outer.end);
  const version = small(b, r.next(0x02));
  if (version !== 0 && version !== 1) return null;
  const alg = r.next(0x30);
  if (alg === null) return null;
  const a = reader(b, alg.start, alg.end);
  const algOid = oid(b, a.next());
  if (algOid === null) return null;
  const params = a.done() ? null : a.next();
  if ((params === null && !a.done()) || !a.done()) return null;
  const key = r.next(0x04);
  if (key === null) return null;
  if (r.peek() === 0xa0 || r.peek() === 0x80) {
    if (r.next(0xa0) === null) return null;
  }
  let publicKey = false;
  if (r.peek() === 0xa1 || r.peek() === 0x81) {
    const p = r.next(0x81);
    if (p === null || !bitString(b, p)) return null;
    publicKey = true;
  }
  if ((version === 1) !== publicKey) return null;
  while (!r.done()) {
    const x = r.next();
    if (x === null || (x.tag & 0xe0) !== 0xa0) return null;
    const inner = tlv(b, x.start, x.end);
    if (inner === null || inner.end !== x.end) return null;
  }
  if (algOid === RSA) {
    const bits = rsaBits(b, key.start, key.end);
    return bits < 0 ? null : { rsa: bits };
  }
  if (algOid === EC) {
    const curve = params === null ? null : oid(b, params);
    if (curve === null || sec1(b, key.start, key.end) === null) return null;
    return { type: CURVES[curve] ?? "an EC key on another curve" };
  }
  if (algOid === RSA_PSS) return { type: "an RSA-PSS key" };
  return { type: TYPES[algOid] ?? "a key of another type" };
}

/** What the DER of a key with this PEM label is, or null when it does not parse. */
function keyType(label, der) {
  if (label === "RSA PRIVATE KEY") {
    const bits = rsaBits(der, 0, der.length);
    return bits < 0 ? null : { rsa: bits };
  }
  if (label === "EC PRIVATE KEY") {
    const curve = sec1(der, 0, der.length);
    if (curve === null) return null;
    return { type: curve === "" ? "an EC key that does not name its curve" : CURVES[curve] ?? "an EC key on another curve" };
  }
  return pkcs8(der);
}

function fail(fault, message) {
  return { fault, message };
}

/** A PEM private key: framing, label, base64 body, DER structure, algorithm. */
function checkPem(k, subject, v) {
  const t = v.replace(EDGE_SPACE, "");
  const notPem = () =>
    fail(
      "not_pem",
      `${subject} must be a PEM private key (from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----)`,
    );
  if (!t.startsWith("-----BEGIN ")) return notPem();
  const rest = t.slice(11);
  const end = rest.indexOf("-----");
  if (end < 0) return notPem();
  const label = rest.slice(0, end);
  if (!LABEL.test(label)) return notPem();
  const closing = `-----END ${label}-----`;
  const tail = rest.slice(end + 5);
  if (!tail.endsWith(closing)) return notPem();
  const body = tail.slice(0, tail.length - closing.length);
  switch (label) {
    case "ENCRYPTED PRIVATE KEY":
      return fail("encrypted", `${subject} is encrypted: export the private key without a passphrase`);
    case "PUBLIC KEY":
    case "RSA PUBLIC KEY":
    case "EC PUBLIC KEY":
      return fail("not_a_private_key", `${subject} must be a private key, not a public key`);
    case "CERTIFICATE":
      return fail("not_a_private_key", `${subject} must be a private key, not a certificate`);
    case "PRIVATE KEY":
    case "RSA PRIVATE KEY":
    case "EC PRIVATE KEY":
      break;
    default:
      return notPem();
  }
  const malformed = () =>
    fail("malformed", `${subject} is damaged or incomplete: it does not read as a private key`);
  if (body.includes(":")) {
    return body.includes("Proc-Type: 4,ENCRYPTED")
      ? fail("encrypted", `${subject} is encrypted: export the private key without a passphrase`)
      : malformed();
  }
  const der = base64(body.replace(PEM_SPACE, ""));
  if (der === null) return malformed();
  const found = keyType(label, der);
  der.fill(0);
  if (found === null) return malformed();
  if (k.alg === "RS256") {
    if (found.rsa === undefined) {
      return fail("wrong_algorithm", `${subject} must be an RSA key (RS256); it is ${found.type}`);
    }
    if (found.rsa < k.minBits) {
      return fail(
        "too_small",
        `${subject} must be an RSA key of at least ${k.minBits} bits (it has ${found.rsa})`,
      );
    }
    return null;
  }
  if (found.type === P256) return null;
  const it = found.rsa !== undefined ? "an RSA key" : found.type;
  return fail("wrong_algorithm", `${subject} must be an EC P-256 key (ES256); it is ${it}`);
}

const hasOwn = Object.prototype.hasOwnProperty;

function member(obj, m) {
  return hasOwn.call(obj, m) ? obj[m] : undefined;
}

/**
 * Checks the value of a private-key field (`k`: its table, `label`: its label):
 * null when it is a usable key, else `{ fault, message }` as the Rust runtime says it.
 */
export function checkPrivateKey(k, label, v) {
  if (k.json !== true) return checkPem(k, label, v);
  let doc;
  try {
    doc = JSON.parse(v);
  } catch {
    return fail("not_json", `${label} must be a JSON key file (this is not valid JSON)`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return fail("not_a_json_object", `${label} must be a JSON key file: one object of named members`);
  }
  for (const m of k.members) {
    const x = member(doc, m);
    if (x === undefined) return fail("member_missing", `${label} has no \`${m}\` member`);
    if (typeof x !== "string" || x.length === 0) {
      return fail("member_not_a_string", `\`${m}\` in ${label} must be a non-empty string`);
    }
  }
  for (const [m, want] of k.equals) {
    const x = member(doc, m);
    if (x === undefined) return fail("member_missing", `${label} has no \`${m}\` member`);
    if (typeof x !== "string") {
      return fail("member_not_a_string", `\`${m}\` in ${label} must be a non-empty string`);
    }
    if (x !== want) return fail("member_value", `\`${m}\` in ${label} must be \`${want}\``);
  }
  return checkPem(k, `\`${k.keyMember}\` in ${label}`, member(doc, k.keyMember));
}
