// The checking loop, normalisation and formats shared by every provider module: the
// JavaScript twin of connectspec-runtime (check.rs, normalize.rs, format.rs), with
// the same order of checks and the same messages. Strings are measured as Rust
// measures them: lengths in Unicode scalar values, unknown keys sorted by code point
// (UTF-8 byte order), key lengths in UTF-8 bytes.
//
// Messages come from the Fluent catalogue `locales/<locale>/validator.ftl`, formatted
// by @fluent/bundle as the Rust runtime formats them with fluent-bundle: English is
// built in; another locale's catalogue is a module of its own, loaded by `loadLang`
// only when a form asks for that locale.

import { FluentBundle, FluentNumber, FluentResource } from "./vendor/fluent-bundle.js";

/** Rust's `char::is_whitespace` (Unicode White_Space): every one is in the BMP. */
function isSpace(c) {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Rust's `str::trim` (not `String.prototype.trim`, which trims U+FEFF but not U+0085). */
export function trim(s) {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const UPPER = /[A-Z]/;
const UPPER_RUNS = /[A-Z]+/g;

/** ASCII letters lower-cased, nothing else (`toLowerCase` also maps e.g. U+212A). */
export function asciiLower(s) {
  return UPPER.test(s) ? s.replace(UPPER_RUNS, (m) => m.toLowerCase()) : s;
}

const CONTROL = /[\x00-\x1f\x7f]/;
/** The controls a private-key field refuses: all but tab, line feed and carriage return. */
const CONTROL_BUT_LINES = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const NOT_PARSED = /[^\x20-\x7e]/;

function isNumericLabel(l) {
  return l.length > 0 && (/^[0-9]+$/.test(l) || /^0x[0-9A-Fa-f]*$/.test(l));
}

/** A bare lower-case host name, which is its own host: no parse needed. */
function isPlainHost(v) {
  return (
    /^[a-z0-9.-]+$/.test(v) &&
    !v.endsWith(".") &&
    !v.startsWith(".") &&
    !v.includes("..") &&
    !isNumericLabel(v.slice(v.lastIndexOf(".") + 1))
  );
}

/**
 * The host of a pasted URL, as the WHATWG URL parser reads it (lower case, IDN as
 * punycode, IPv4 dotted, IPv6 in brackets, one trailing dot dropped); a value without
 * a scheme is read as `https://<value>`. A value that does not parse, has no host, or
 * holds a control character (which the parser would silently drop) or a non-ASCII
 * character (IDNA mappings differ between implementations) is left as it is.
 */
export function extractHost(v) {
  if (isPlainHost(v) || NOT_PARSED.test(v)) return v;
  let u;
  try {
    u = new URL(v.includes("://") ? v : "https://" + v);
  } catch {
    return v;
  }
  let host = u.hostname;
  if (host === "") return v;
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host;
}

/** `<label>.<parent>` (ASCII case-insensitive) → `<label>`; otherwise `v` unchanged. */
export function extractSubdomain(v, parent) {
  const host = extractHost(v);
  const n = host.length - parent.length - 1;
  if (
    n > 0 &&
    host.charCodeAt(n) === 0x2e &&
    asciiLower(host.slice(n + 1)) === asciiLower(parent)
  ) {
    const sub = host.slice(0, n);
    if (!sub.includes(".")) return sub;
  }
  return v;
}

/**
 * The part of a pasted URL that `template` (`https://…` with one `{value}` standing for a
 * whole host label or path segment) marks; `v` unchanged when it is not such a URL. A
 * bare value (no `/`, no `.`) is the part itself.
 */
/** Percent-decodes a path segment once (a `%` without two hex digits stays as it is),
 * as the Rust runtime does; `undefined` when the bytes are not UTF-8. */
function decodeSegment(seg) {
  if (!seg.includes("%")) return seg;
  const bytes = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(seg.slice(i + 1, i + 3))) {
      bytes.push(parseInt(seg.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      bytes.push(...new TextEncoder().encode(seg[i]));
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

export function extractFromUrl(v, template) {
  if (!/[/.]/.test(v) || NOT_PARSED.test(v)) return v;
  let u;
  try {
    u = new URL(v.includes("://") ? v : "https://" + v);
  } catch {
    return v;
  }
  const t = template.slice("https://".length);
  const slash = t.indexOf("/");
  const tHost = slash < 0 ? t : t.slice(0, slash);
  const tPath = slash < 0 ? "" : t.slice(slash + 1);
  let host = u.hostname;
  if (host.endsWith(".")) host = host.slice(0, -1);
  const labels = host.split(".");
  const tLabels = tHost.split(".");
  if (labels.length !== tLabels.length) return v;
  let out;
  for (let i = 0; i < labels.length; i++) {
    if (tLabels[i] === "{value}") out = labels[i];
    else if (asciiLower(labels[i]) !== asciiLower(tLabels[i])) return v;
  }
  if (tPath !== "") {
    if (!u.pathname.startsWith("/")) return v;
    const segs = u.pathname.slice(1).split("/");
    let j = 0;
    for (const t of tPath.split("/")) {
      if (t === "") continue;
      const seg = segs[j++];
      if (seg === undefined || seg === "") return v;
      if (t === "{value}") {
        out = decodeSegment(seg);
        if (out === undefined) return v;
      } else if (seg !== t) return v;
    }
  }
  return out === undefined ? v : out;
}

/** Applies normalisation steps: functions from string to string (`trim`, `asciiLower`, `extractHost`, or a subdomain extraction). */
export function normalize(v, steps) {
  for (let i = 0; i < steps.length; i++) v = steps[i](v);
  return v;
}

// Formats, byte for byte as format.rs checks them. Every byte those checks accept is
// ASCII, so checking UTF-16 code units gives the same answers.

function isHostByte(c) {
  return (
    c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)
  );
}

/** Labels of a host name, or -1 when it is not one. */
function hostnameLabels(s) {
  if (s.length === 0 || s.length > 253) return -1;
  for (let i = 0; i < s.length; i++) if (!isHostByte(s.charCodeAt(i))) return -1;
  let labels = 0;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s.charCodeAt(i) === 0x2e) {
      const len = i - start;
      if (len === 0 || len > 63) return -1;
      if (s.charCodeAt(start) === 0x2d || s.charCodeAt(i - 1) === 0x2d) return -1;
      labels++;
      start = i + 1;
    }
  }
  return labels;
}

function isLocalByte(c) {
  return (c >= 0x21 && c <= 0x3b) || c === 0x3d || c === 0x3f || (c >= 0x41 && c <= 0x7e);
}

export function isEmail(s) {
  let at = 0;
  while (at < s.length && isLocalByte(s.charCodeAt(at))) at++;
  if (at >= s.length || s.charCodeAt(at) !== 0x40) return false;
  return (
    at > 0 &&
    at <= 64 &&
    s.charCodeAt(0) !== 0x2e &&
    s.charCodeAt(at - 1) !== 0x2e &&
    hostnameLabels(s.slice(at + 1)) >= 2
  );
}

const URL_REFUSED = /[^\x21-\x5b\x5d-\x7e]/;
const IPV4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;

/** An absolute http(s) URL as the WHATWG parser reads it, with no user-info and a host name (not an address). */
function isUrl(s, httpsOnly) {
  if (!(s.startsWith("https://") || (!httpsOnly && s.startsWith("http://")))) return false;
  if (URL_REFUSED.test(s)) return false;
  let u;
  try {
    u = new URL(s);
  } catch {
    return false;
  }
  const host = u.hostname;
  return (
    u.username === "" &&
    u.password === "" &&
    !host.startsWith("[") &&
    !IPV4.test(host) &&
    hostnameLabels(host) >= 0
  );
}

const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const DIGITS = /^[0-9]+$/;

export const isHttpUrl = (s) => isUrl(s, false);
export const isHttpsUrl = (s) => isUrl(s, true);
export const isHostname = (s) => hostnameLabels(s) >= 0;
export const isUuid = (s) => UUID.test(s);
export const isInteger = (s) => DIGITS.test(s);

/** The built-in formats, as the validators define them (register them with a JSON Schema validator to agree exactly). */
export const formats = {
  email: isEmail,
  url: isHttpUrl,
  https_url: isHttpsUrl,
  hostname: isHostname,
  uuid: isUuid,
  integer: isInteger,
};

/** Length in Unicode scalar values (a surrogate pair is one). */
const SURROGATE = /[\ud800-\udfff]/;

/** Length in code points (what the Rust side counts as characters). */
function charLen(s) {
  // Most values hold no surrogate: one native scan instead of a loop.
  if (!SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}


// Why a value failed, as check() returns it (0: it passed).
const OK = 0;
const MISSING = 1;
const CONTROL_CHARACTER = 2;
const FORBIDDEN_PREFIX = 3;
const PREFIX = 4;
const LENGTH = 5;
const FORMAT = 6;
const PATTERN = 7;
const NOT_AN_OPTION = 8;
const PRIVATE_KEY = 9;

function startsWithAny(v, prefixes) {
  for (let i = 0; i < prefixes.length; i++) if (v.startsWith(prefixes[i])) return true;
  return false;
}

/** Checks one normalised value in the order rules.rs does. */
function check(f, v) {
  if (v.length === 0) return MISSING;
  // Every format, and a pattern the generator marked `clean`, admits no control
  // character: a value they accept skips the control scan (the outcome is the same).
  const fmt = f.formatCheck === undefined || f.formatCheck(v);
  const pat = f.pattern === undefined || f.pattern.test(v);
  const clean = (f.formatCheck !== undefined && fmt) || (f.clean === true && pat);
  if (!clean && CONTROL.test(v) && (f.privateKey === undefined || CONTROL_BUT_LINES.test(v))) {
    return CONTROL_CHARACTER;
  }
  if (f.forbidden !== undefined && startsWithAny(v, f.forbidden)) return FORBIDDEN_PREFIX;
  if (f.prefixes !== undefined && !startsWithAny(v, f.prefixes)) return PREFIX;
  if (f.min !== undefined || f.max !== undefined) {
    const n = charLen(v);
    if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) return LENGTH;
  }
  if (!fmt) return FORMAT;
  if (!pat) return PATTERN;
  if (f.options !== undefined) {
    let found = false;
    for (let i = 0; i < f.options.length; i++) if (f.options[i][0] === v) found = true;
    if (!found) return NOT_AN_OPTION;
  }
  // A private-key field's own check (private_key.js, imported by its provider module).
  if (f.privateKey !== undefined && f.privateKey.check(f.privateKey, v) !== null) return PRIVATE_KEY;
  return OK;
}

// Languages. A `Lang` is a locale's message bundle and one provider's texts in it,
// `{ locale, bundle, texts }`: `texts` maps the spec's text keys
// (`auth_methods/api_token/fields/api_token/label`) to their translations.

/**
 * The English catalogue (locales/en/validator.ftl without comments). The messages of
 * private-key fields (`validator-key-*`) are in private_key.js, which only the
 * providers with such a field load.
 */
const ENGLISH_FTL = "__ENGLISH_FTL__";

/**
 * The other shipped locales' catalogues, a module each, imported only when asked for:
 * `messages.js`, and `private_key.js` for the providers with a private-key field.
 */
const CATALOGUES = {
  __proto__: null,
  // __CATALOGUES__
};

/** A bundle of one catalogue: no isolation marks, as the Rust side formats. */
function bundleOf(locale, ftl) {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  bundle.addResource(new FluentResource(ftl));
  return bundle;
}

const NO_TEXTS = Object.freeze({ __proto__: null });
let english;

/** English, built when the first message is. */
function englishLang() {
  return (english ??= { locale: "en", bundle: bundleOf("en", ENGLISH_FTL), texts: NO_TEXTS });
}

/**
 * A language from a catalogue's source and a provider's texts (`{ key: text }`):
 * what `loadLang` builds for a shipped locale, and what a test builds for a
 * pseudo-locale. `pluralLocale` decides plural categories and digits (`en` for the
 * pseudo-locales, as on the Rust side).
 */
export function langFrom(locale, ftl, texts = NO_TEXTS, pluralLocale = locale) {
  return { locale, bundle: bundleOf(pluralLocale, ftl), texts };
}

/** The shipped locale of a tag by RFC 4647 lookup (`de-CH` → `de`), else English. */
export function shippedLocale(tag) {
  let t = String(tag).toLowerCase();
  for (;;) {
    if (t === "en" || CATALOGUES[t] !== undefined) return t;
    const cut = t.lastIndexOf("-");
    if (cut < 0) return "en";
    t = t.slice(0, cut);
  }
}

const bundles = new Map();

/** Adds a catalogue of private-key messages to a bundle, once. */
function withKeys(bundle, ftl) {
  if (bundle.keys !== true) {
    bundle.addResource(new FluentResource(ftl));
    bundle.keys = true;
  }
  return bundle;
}

/**
 * Loads a locale's catalogue (once per page) and, through `providerTexts` (locale →
 * import of the provider's texts), one provider's texts in it: the `Lang` to pass to
 * `validate`. `keys`: the provider has a private-key field, whose messages are a
 * catalogue of their own. An unknown locale is English.
 */
export async function loadLang(tag, providerTexts, keys) {
  const locale = shippedLocale(tag);
  if (locale === "en") return englishLang();
  const load = providerTexts === undefined ? undefined : providerTexts[locale];
  let bundle = bundles.get(locale);
  const [catalogue, keyCatalogue, texts] = await Promise.all([
    bundle === undefined ? CATALOGUES[locale][0]() : undefined,
    keys === true && (bundle === undefined || bundle.keys !== true) ? CATALOGUES[locale][1]() : undefined,
    load === undefined ? undefined : load(),
  ]);
  if (bundle === undefined) {
    bundle = bundles.get(locale) ?? bundleOf(locale, catalogue.catalogue);
    bundles.set(locale, bundle);
  }
  if (keyCatalogue !== undefined) withKeys(bundle, keyCatalogue.catalogue);
  return { locale, bundle, texts: texts === undefined ? NO_TEXTS : texts.texts };
}

/** Message `id` with `args` in `lang`, or in English when the catalogue lacks it. */
export function formatMessage(lang, id, args) {
  let bundle = lang.bundle;
  let m = bundle.getMessage(id);
  if (m === undefined || m.value === null) {
    bundle = englishLang().bundle;
    m = bundle.getMessage(id);
  }
  // Numbers print without grouping (2048), as the Rust side prints them.
  const fluent = {};
  for (const k in args) {
    const v = args[k];
    fluent[k] = typeof v === "number" ? new FluentNumber(v, { useGrouping: false }) : v;
  }
  return bundle.formatPattern(m.value, fluent, []);
}

/** The spec text at `key` in `lang`, or its English. */
function text(lang, key, english) {
  const t = lang.texts[key];
  return t === undefined ? english : t;
}

/** A field's text (`label`, `hint`, `options/<value>/label`). */
function fieldText(lang, f, suffix, english) {
  if (lang.texts === NO_TEXTS) return english;
  const key = suffix === "label" ? f.labelKey : suffix === "hint" ? f.hintKey : `${f.base}/${suffix}`;
  return text(lang, key, english);
}

/** An error built from a catalogue message: the message, its id and its arguments. */
function error(lang, field, kind, id, args, data) {
  const e = { field, kind, ...data, message: formatMessage(lang, id, args), message_id: id };
  if (Object.keys(args).length > 0) e.args = args;
  return e;
}

const code = (lang, value) => formatMessage(lang, "validator-code", { value });

/** A list built from the right as CLDR list patterns are (see message.rs). */
function list(lang, ids, items) {
  const join = (id, first, second) => formatMessage(lang, id, { first, second });
  const n = items.length;
  if (n < 2) return n === 0 ? "" : items[0];
  if (n === 2) return join(ids[0], items[0], items[1]);
  let rest = join(ids[3], items[n - 2], items[n - 1]);
  for (let i = n - 3; i > 0; i--) rest = join(ids[2], items[i], rest);
  return join(ids[1], items[0], rest);
}

const OR_LIST = ["validator-list-or-two", "validator-list-or-start", "validator-list-or-middle", "validator-list-or-end"];
const PLAIN_LIST = ["validator-list", "validator-list", "validator-list", "validator-list"];

/** The error of a failed check: never the value itself, only its length. */
function describe(f, failure, v, lang) {
  const label = fieldText(lang, f, "label", f.label);
  const hint = f.hint === undefined ? undefined : fieldText(lang, f, "hint", f.hint);
  const fail = (kind, id, args, data) => error(lang, f.key, kind, id, { label, ...args }, data);
  switch (failure) {
    case MISSING:
      return fail("missing", "validator-missing");
    case CONTROL_CHARACTER:
      return fail("control_character", "validator-control-character");
    case FORBIDDEN_PREFIX: {
      let i = 0;
      while (!v.startsWith(f.forbidden[i])) i++;
      const prefix = f.forbidden[i];
      return hint === undefined
        ? fail("forbidden_prefix", "validator-forbidden-prefix", { prefix })
        : fail("forbidden_prefix", "validator-forbidden-prefix-hint", { prefix, hint });
    }
    case PREFIX: {
      const prefixes = list(lang, OR_LIST, f.prefixes.map((p) => code(lang, p)));
      return fail("prefix", "validator-prefix", { prefixes });
    }
    case LENGTH: {
      const n = charLen(v);
      const min = f.min === undefined ? 0 : f.min;
      const max = f.max === undefined ? 4294967295 : f.max;
      const data = n < min ? { min, actual: n } : { max, actual: n };
      const kind = n < min ? "too_short" : "too_long";
      if (hint !== undefined) return fail(kind, "validator-length-hint", { hint, n }, data);
      if (min === max) return fail(kind, "validator-length-exact", { min, n }, data);
      if (n < min) return fail(kind, "validator-length-min", { min, n }, data);
      return fail(kind, "validator-length-max", { max, n }, data);
    }
    case FORMAT:
      return fail("format", "validator-format", { format: f.format }, { format: f.format });
    case PATTERN: {
      // The length is named only when it is what is wrong: outside the counts the
      // pattern admits (`patternLengths`, absent when the pattern says nothing).
      if (hint === undefined) return fail("pattern", "validator-pattern");
      const n = charLen(v);
      const lengths = f.patternLengths;
      return lengths !== undefined && (n < lengths[0] || n > lengths[1])
        ? fail("pattern", "validator-pattern-hint-length", { hint, n })
        : fail("pattern", "validator-pattern-hint", { hint });
    }
    case PRIVATE_KEY: {
      const k = f.privateKey;
      // English, the fallback, always has the key messages once a key is checked.
      withKeys(englishLang().bundle, k.messages);
      const r = k.check(k, v);
      // A key file's PEM problems are its key member's.
      const subject =
        k.json === true ? formatMessage(lang, "validator-key-in-file", { member: k.keyMember, label }) : label;
      const args = r.subject ? { subject, ...r.args } : { label, ...r.args };
      return error(lang, f.key, "private_key", r.id, args, { fault: r.fault });
    }
    default: {
      const options = list(
        lang,
        PLAIN_LIST,
        f.options.map((o) =>
          o[0] === o[1]
            ? code(lang, o[0])
            : formatMessage(lang, "validator-option-labelled", {
                value: o[0],
                label: fieldText(lang, f, `options/${o[0]}/label`, o[1]),
              }),
        ),
      );
      return fail("not_an_option", "validator-not-an-option", { options });
    }
  }
}

/** Rust's `char::is_control` (general category Cc). */
function isControl(c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

function utf8Len(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Unknown keys come from the caller: printable and short in messages. */
function printableKey(k) {
  let printable = utf8Len(k) <= 64;
  for (let i = 0; printable && i < k.length; i++) if (isControl(k.charCodeAt(i))) printable = false;
  if (printable) return k;
  let out = "";
  let taken = 0;
  for (const c of k) {
    if (taken === 64) break;
    if (isControl(c.charCodeAt(0))) continue;
    out += c;
    taken++;
  }
  return out + "\u2026";
}

/** A UTF-16 code unit mapped so that comparing the results orders by code point. */
function codePointOrder(c) {
  return c >= 0xd800 ? (c <= 0xdfff ? c + 0x2000 : c - 0x800) : c;
}

/** Rust's order of `String`s (UTF-8 bytes, i.e. code points), not JavaScript's default. */
export function compareCodePoints(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrder(x) - codePointOrder(y);
  }
  return a.length - b.length;
}

const hasOwn = Object.prototype.hasOwnProperty;

function failed(errors) {
  return { ok: false, values: {}, normalized: [], errors };
}

/** The language of `options` (`{ locale }`: a `Lang` from `loadLocale`); English by default. */
function langOf(options) {
  const lang = options === undefined || options === null ? undefined : options.locale;
  if (lang === undefined) return englishLang();
  if (typeof lang !== "object" || lang.bundle === undefined) {
    throw new TypeError("`locale` must be what `loadLocale` resolved to");
  }
  return lang;
}

/** The result for an id the catalogue does not have (`kind` names which). */
export function unknownId(kind, options) {
  const id = kind === "unknown_provider" ? "validator-unknown-provider" : "validator-unknown-method";
  return failed([error(langOf(options), "", kind, id, {})]);
}

/**
 * Validates `fields` (an object of field key → string; null or undefined is absent)
 * against one method's rules: `{ ok, values, normalized, errors }`, as the service's
 * validate endpoint and the Rust validators answer; messages in `options.locale`.
 */
export function validateFields(m, fields, options) {
  const lang = langOf(options);
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
    return failed([error(lang, "", "not_an_object", "validator-not-an-object", {})]);
  }
  const defs = m.fields;
  const errors = [];
  const values = new Array(defs.length);
  const normalized = [];
  let found = 0;
  for (let i = 0; i < defs.length; i++) {
    const f = defs[i];
    const raw = hasOwn.call(fields, f.key) ? fields[f.key] : undefined;
    if (raw === undefined || raw === null) {
      if (f.default !== undefined) values[i] = f.default;
      else if (!f.optional) errors.push(describe(f, MISSING, "", lang));
      if (raw === null) found++;
      continue;
    }
    found++;
    if (typeof raw !== "string") {
      const label = fieldText(lang, f, "label", f.label);
      errors.push(error(lang, f.key, "not_a_string", "validator-not-a-string", { label }));
      continue;
    }
    const v = f.normalize === undefined ? raw : normalize(raw, f.normalize);
    const failure = check(f, v);
    if (failure === OK) {
      if (v !== raw && i < 64) normalized.push(f.key);
      values[i] = v;
    } else if (failure === MISSING && f.default !== undefined) {
      values[i] = f.default;
    } else if (!(failure === MISSING && f.optional)) {
      errors.push(describe(f, failure, v, lang));
    }
  }
  // Count the own keys without building an array: the common form has none extra.
  let own = 0;
  for (const k in fields) if (hasOwn.call(fields, k)) own++;
  if (own !== found) {
    const keys = Object.keys(fields);
    const unknown = [];
    for (let i = 0; i < keys.length; i++) if (!hasOwn.call(m.index, keys[i])) unknown.push(keys[i]);
    unknown.sort(compareCodePoints);
    for (const k of unknown) {
      errors.push(error(lang, k, "unknown", "validator-unknown-field", { key: printableKey(k) }));
    }
  }
  const rules = m.rules;
  for (let i = 0; i < rules.length; i++) {
    const [when, equals, then, prefixes, english] = rules[i];
    const w = values[when];
    const t = values[then];
    if (w !== undefined && t !== undefined && equals.includes(w) && !startsWithAny(t, prefixes)) {
      const message = text(lang, `${m.base}/rules/${i}/message`, english);
      errors.push(error(lang, defs[then].key, "rule", "validator-rule", { message }));
    }
  }
  const derived = m.derived;
  const out = new Array(derived.length);
  for (let i = 0; i < derived.length; i++) {
    const [key, english, from, pattern, map] = derived[i];
    const src = values[from];
    if (src === undefined) continue;
    const match = pattern.exec(src);
    const found = match === null || match.groups === undefined ? undefined : match.groups.value;
    // A map says what each extracted text stands for; a text it does not name fails.
    const entry = found !== undefined && map.length > 0 ? map.find(([k]) => k === found) : undefined;
    const v = map.length === 0 ? found : entry === undefined ? undefined : entry[1];
    if (v === undefined) {
      const f = defs[from];
      const args = {
        derived: text(lang, `${m.base}/derived/${key}/label`, english),
        label: fieldText(lang, f, "label", f.label),
      };
      errors.push(error(lang, f.key, "derive", "validator-derive", args));
    } else out[i] = v;
  }
  if (errors.length > 0) return failed(errors);
  // Public values in key order: [key, field index] or [key, -1 - derived index].
  const pub = {};
  const order = m.values;
  for (let i = 0; i < order.length; i++) {
    const [key, at] = order[i];
    const v = at >= 0 ? values[at] : out[-1 - at];
    if (v !== undefined) pub[key] = v;
  }
  return { ok: true, values: pub, normalized, errors };
}

/**
 * Prepares a method's generated table: the key index used for the unknown-key scan,
 * and where its texts are among the spec's text keys.
 */
export function method(id, m) {
  m.base = `auth_methods/${id}`;
  m.index = Object.create(null);
  for (const f of m.fields) {
    m.index[f.key] = true;
    f.base = `${m.base}/fields/${f.key}`;
    // The keys of the texts every message of the field names, built once: a key built
    // per message is a new string to hash at every lookup.
    f.labelKey = `${f.base}/label`;
    f.hintKey = `${f.base}/hint`;
  }
  return m;
}
