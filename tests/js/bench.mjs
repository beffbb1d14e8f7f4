// JS module vs Ajv's compiled form schema on the same inputs, in one Node run.
//   node bench.mjs   (prints one JSON line per reference method)
// Inputs: the specs' valid examples with the whitespace a paste adds; Ajv gets them
// normalised (its schema describes stored values), the module gets them raw.

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { validate as oneflow, loadLocale as oneflowLocale } from "../../packages/validators/providers/oneflow.js";
import { validate as webflow, loadLocale as webflowLocale } from "../../packages/validators/providers/webflow.js";
import { build } from "esbuild";
import { makeAjv } from "./common.mjs";

const schema = (p, m) =>
  JSON.parse(readFileSync(new URL(`../../packages/validators/schemas/${p}/${m}.schema.json`, import.meta.url), "utf8"));
const ajv = makeAjv();
const token40 = "3f2b1c9d-8e7a-4b6c-5d4e-3f2a1b0c9d8e7f6a";
const token64 = "a".repeat(32) + "B".repeat(16) + "0123456789abcdef";
// [provider, method, validate, valid raw input, invalid input (every field wrong), German]
const cases = [
  [
    "oneflow",
    "api_token",
    oneflow,
    { api_token: ` ${token40} `, user_email: "ada@example.com" },
    { api_token: token40.slice(1), user_email: "ada@example" },
    await oneflowLocale("de"),
  ],
  [
    "webflow",
    "site_token",
    webflow,
    { site_token: `${token64}\n`.trim() + " " },
    { site_token: token64.slice(1) },
    await webflowLocale("de"),
  ],
];
function time(f, n) {
  for (let i = 0; i < n / 10; i++) f();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  return Number(process.hrtime.bigint() - t0) / n;
}
for (const [p, m, validate, raw, invalid, de] of cases) {
  const check = ajv.compile(schema(p, m));
  const norm = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.trim()]));
  if (!validate(m, raw).ok || !check(norm)) throw new Error(`${p}: inputs must be valid`);
  const best = (f) => Math.min(...[0, 1, 2, 3, 4].map(() => time(f, 1_000_000)));
  const js = best(() => validate(m, raw));
  const ajvNs = best(() => check(norm));
  // Valid input in German costs what it costs in English; an invalid form's messages
  // in German against the English ones (both formatted by Fluent).
  const localeNs = best(() => validate(m, raw, { locale: de }));
  if (validate(m, invalid).ok) throw new Error(`${p}: the invalid input must be invalid`);
  const fewer = (f) => Math.min(...[0, 1, 2, 3, 4].map(() => time(f, 50_000)));
  const msgEn = fewer(() => validate(m, invalid));
  const msgDe = fewer(() => validate(m, invalid, { locale: de }));
  // What a page loads for this provider in English: the runtime (English built in) and
  // the provider's module as checked in, and as a bundler ships them (esbuild: bundled,
  // unused runtime functions left out, minified), gzipped at level 9. The vendored
  // Fluent runtime, shared by every provider and the link form, and the locale modules,
  // loaded only for another locale, are left out (tests/js/size.mjs reports them).
  const bundle = ["../../packages/validators/runtime.js", `../../packages/validators/providers/${p}.js`]
    .map((f) => readFileSync(new URL(f, import.meta.url), "utf8"));
  const gz = gzipSync(Buffer.from(bundle.join("\n")), { level: 9 }).length;
  const apart = {
    name: "apart",
    setup(b) {
      b.onResolve({ filter: /(^|\/)(vendor|locales)\// }, (args) => ({ path: args.path, external: true }));
    },
  };
  const shipped = await build({
    stdin: {
      contents: `export { validate } from "./packages/validators/providers/${p}.js";`,
      resolveDir: new URL("../..", import.meta.url).pathname,
    },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
    plugins: [apart],
  });
  const gzMin = gzipSync(Buffer.from(shipped.outputFiles[0].contents), { level: 9 }).length;
  const fluent = gzipSync(
    readFileSync(new URL("../../packages/validators/vendor/fluent-bundle.js", import.meta.url)),
    { level: 9 },
  ).length;
  console.log(
    JSON.stringify({
      provider: p,
      method: m,
      js_ns: js,
      ajv_ns: ajvNs,
      locale_ns: localeNs,
      messages_en_ns: msgEn,
      messages_de_ns: msgDe,
      gzip_bytes: gz,
      gzip_min_bytes: gzMin,
      fluent_gzip_bytes: fluent,
    }),
  );
}
