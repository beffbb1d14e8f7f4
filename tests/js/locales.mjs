// The browser module's locales, run by tests/js_locales.rs: English by default, a
// locale loaded by `loadLocale` (RFC 4647 lookup, English when none matches), the
// provider's texts in it or its English texts without, fallbacks to English, and a
// page that loads only the locale it asks for. Prints "ok" or throws.
//
//   node locales.mjs

import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { packageUrl } from "./common.mjs";

const oneflow = await import(new URL("providers/oneflow.js", packageUrl));
const runtime = await import(new URL("runtime.js", packageUrl));
const index = await import(new URL("index.js", packageUrl));
const bad = { api_token: "a".repeat(39), user_email: "ada@example" };
const messages = (r) => r.errors.map((e) => e.message);

// English without options, as before.
assert.deepEqual(messages(oneflow.validate("api_token", bad)), [
  "API Token must be 40 characters: letters, digits and hyphens (it has 39)",
  "User Email must be an email address",
]);

// A locale by lookup: a region or a variant falls back to the language.
for (const [asked, got] of [["de", "de"], ["de-CH", "de"], ["ja-JP", "ja"], ["FR", "fr"], ["it", "en"], ["en-XA", "en"], ["ar-XB", "en"]]) {
  assert.equal((await oneflow.loadLocale(asked)).locale, got, asked);
}
const de = await oneflow.loadLocale("de");
const r = oneflow.validate("api_token", bad, { locale: de });
assert.deepEqual(messages(r), [
  "API-Token muss folgendes Format haben: 40 Zeichen: Buchstaben, Ziffern und Bindestriche (aktuelle Länge: 39)",
  "Benutzer-E-Mail muss eine E-Mail-Adresse sein",
]);
assert.equal(r.errors[0].message_id, "validator-length-hint");
assert.deepEqual(r.errors[0].args, {
  label: "API-Token",
  hint: "40 Zeichen: Buchstaben, Ziffern und Bindestriche",
  n: 39,
});
// The index says the same, and unknown ids are in the locale too.
assert.deepEqual(index.validate("oneflow", "api_token", bad, { locale: de }), r);
assert.equal(index.validate("nosuch", "x", {}, { locale: de }).errors[0].message, "unbekannter Anbieter");
assert.equal(oneflow.validate("nosuch", {}, { locale: de }).errors[0].message, "unbekannte Authentifizierungsmethode für diesen Anbieter");

// The provider's texts in French, and a French without them (a provider the index does
// not know has none): the locale's messages with the spec's English texts.
const fr = await oneflow.loadLocale("fr");
assert.equal(
  messages(oneflow.validate("api_token", bad, { locale: fr }))[0],
  "Jeton API doit respecter ce format\u00a0: 40 caractères : lettres, chiffres et traits d'union (longueur actuelle\u00a0: 39)",
);
const bare = await index.loadLocale("nosuch", "fr");
assert.equal(bare.locale, "fr");
assert.equal(
  messages(oneflow.validate("api_token", bad, { locale: bare }))[0],
  "API Token doit respecter ce format\u00a0: 40 characters: letters, digits and hyphens (longueur actuelle\u00a0: 39)",
);

// What `loadLocale` resolved to is the only accepted `locale`.
assert.throws(() => oneflow.validate("api_token", bad, { locale: "de" }), TypeError);

// A catalogue without a message falls back to English; a provider text not given too.
const empty = runtime.langFrom("xx", "", {});
assert.deepEqual(messages(oneflow.validate("api_token", bad, { locale: empty })), messages(oneflow.validate("api_token", bad)));
assert.equal(runtime.formatMessage(empty, "validator-missing", { label: "X" }), "X is required");

// A derived value that cannot be read names the value and its field.
const m = runtime.method("m", {
  fields: [{ key: "k", label: "Key" }],
  rules: [],
  derived: [["dc", "Data Centre", 0, /^[a-z]+-(?<value>[a-z]+)$/, [["eu", "EU"]]]],
  values: [],
});
const derive = runtime.validateFields(m, { k: "abc-us" }, { locale: de });
assert.equal(derive.errors[0].kind, "derive");
assert.equal(derive.errors[0].message, "Data Centre konnte nicht aus Key ermittelt werden");
assert.equal(runtime.validateFields(m, { k: "abc-us" }).errors[0].message, "Data Centre could not be read from Key");

// A page that asks for German loads only German: a copy of the package without any
// other locale's modules works the same.
const dir = mkdtempSync(join(tmpdir(), "validators-"));
try {
  cpSync(new URL(".", packageUrl), dir, { recursive: true });
  for (const l of ["fr", "es", "ja"]) rmSync(join(dir, "locales", l), { recursive: true });
  rmSync(join(dir, "locales", "de", "webflow.js"));
  rmSync(join(dir, "locales", "de", "private_key.js"));
  const copy = await import(pathToFileURL(join(dir, "providers", "oneflow.js")).href);
  const lang = await copy.loadLocale("de-AT");
  assert.deepEqual(messages(copy.validate("api_token", bad, { locale: lang })), messages(r));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log("ok");
