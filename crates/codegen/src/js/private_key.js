// Private-key fields: the JavaScript twin of connectspec-runtime's private_key.rs, with
// the same faults and messages (ids and arguments of the validator catalogue, which
// runtime.js formats). Imported only by the provider modules that have such a
// field, so other forms never load it. Synchronous like the rest of validate(): the
// DER walker below accepts what RustCrypto's pkcs8, pkcs1 and sec1 crates accept (strict
// DER: minimal lengths, canonical unsigned integers, valid OIDs, no trailing bytes).

/**
 * The English messages of private-key fields (`validator-key-*` of
 * locales/en/validator.ftl): only the providers that import this module need them.
 */
export const keyMessages = "__ENGLISH_KEY_FTL__";

const EDGE_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const PEM_SPACE = /[ \t\r\n]/g;
const LABEL = /^[A-Z ]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Algorithm and curve OIDs, as the hex of their DER content.
const RSA = "2a864886f70d010101";
const RSA_PSS = "2a864886f70d01010a";
const EC = "2a8648ce3d0201";
// What a key is, as the `$found` of `validator-key-wrong-algorithm`.
const TYPES = {
  "2a8648ce380401": "dsa",
  "2b6570": "ed25519",
  "2b6571": "ed448",
  "2b656e": "x25519",
  "2b656f": "x448",
};
const CURVES = {
  "2a8648ce3d030107": "ec_p256",
  "2b81040022": "ec_p384",
  "2b81040023": "ec_p521",
  "2b8104000a": "ec_secp256k1",
};
const P256 = "ec_p256";

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

/** PrivateKeyInfo (PKCS#8): what the key is (`{ rsa: bits }` or `{ type }`) or null. */
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
    return { type: CURVES[curve] ?? "ec_other" };
  }
  if (algOid === RSA_PSS) return { type: "rsa_pss" };
  return { type: TYPES[algOid] ?? "other" };
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
    return { type: curve === "" ? "ec_unnamed" : CURVES[curve] ?? "ec_other" };
  }
  return pkcs8(der);
}

/** A failure of the key file: its message takes the field's label. */
function failFile(fault, id, args) {
  return { fault, id: `validator-key-${id}`, args, subject: false };
}

/** A failure of the key itself: its message takes the subject (label or member in label). */
function failKey(fault, id, args) {
  return { fault, id: `validator-key-${id}`, args, subject: true };
}

/** A PEM private key: framing, label, base64 body, DER structure, algorithm. */
function checkPem(k, v) {
  const t = v.replace(EDGE_SPACE, "");
  const notPem = () => failKey("not_pem", "not-pem", {});
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
  const encrypted = () => failKey("encrypted", "encrypted", {});
  switch (label) {
    case "ENCRYPTED PRIVATE KEY":
      return encrypted();
    case "PUBLIC KEY":
    case "RSA PUBLIC KEY":
    case "EC PUBLIC KEY":
      return failKey("not_a_private_key", "not-private", { found: "public_key" });
    case "CERTIFICATE":
      return failKey("not_a_private_key", "not-private", { found: "certificate" });
    case "PRIVATE KEY":
    case "RSA PRIVATE KEY":
    case "EC PRIVATE KEY":
      break;
    default:
      return notPem();
  }
  const malformed = () => failKey("malformed", "malformed", {});
  if (body.includes(":")) return body.includes("Proc-Type: 4,ENCRYPTED") ? encrypted() : malformed();
  const der = base64(body.replace(PEM_SPACE, ""));
  if (der === null) return malformed();
  const found = keyType(label, der);
  der.fill(0);
  if (found === null) return malformed();
  const it = found.rsa !== undefined ? "rsa" : found.type;
  if (k.alg === "RS256") {
    if (found.rsa === undefined) {
      return failKey("wrong_algorithm", "wrong-algorithm", { algorithm: "RS256", found: it });
    }
    if (found.rsa < k.minBits) return failKey("too_small", "too-small", { min: k.minBits, bits: found.rsa });
    return null;
  }
  if (found.type === P256) return null;
  return failKey("wrong_algorithm", "wrong-algorithm", { algorithm: "ES256", found: it });
}

const hasOwn = Object.prototype.hasOwnProperty;

function member(obj, m) {
  return hasOwn.call(obj, m) ? obj[m] : undefined;
}

/**
 * Checks the value of a private-key field (`k`: its table): null when it is a usable
 * key, else `{ fault, id, args, subject }`: the message's id and arguments besides the
 * field's label (`subject`: the message names the key, the member holding it in a key
 * file), as the Rust runtime says it.
 */
export function checkPrivateKey(k, v) {
  if (k.json !== true) return checkPem(k, v);
  let doc;
  try {
    doc = JSON.parse(v);
  } catch {
    return failFile("not_json", "not-json", {});
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return failFile("not_a_json_object", "not-an-object", {});
  }
  for (const m of k.members) {
    const x = member(doc, m);
    if (x === undefined) return failFile("member_missing", "member-missing", { member: m });
    if (typeof x !== "string" || x.length === 0) {
      return failFile("member_not_a_string", "member-not-a-string", { member: m });
    }
  }
  for (const [m, want] of k.equals) {
    const x = member(doc, m);
    if (x === undefined) return failFile("member_missing", "member-missing", { member: m });
    if (typeof x !== "string") return failFile("member_not_a_string", "member-not-a-string", { member: m });
    if (x !== want) return failFile("member_value", "member-value", { member: m, value: want });
  }
  return checkPem(k, member(doc, k.keyMember));
}
