// JS module vs Ajv's compiled form schema on the same inputs, in one Node run.
//   node bench.mjs   (prints one JSON line per reference method)
// Inputs: the specs' valid examples with the whitespace a paste adds; Ajv gets them
// normalised (its schema describes stored values), the module gets them raw.

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { validate as oneflow } from "../../packages/validators/providers/oneflow.js";
import { validate as webflow } from "../../packages/validators/providers/webflow.js";
import { build } from "esbuild";
import { makeAjv } from "./common.mjs";

const schema = (p, m) =>
  JSON.parse(readFileSync(new URL(`../../packages/validators/schemas/${p}/${m}.schema.json`, import.meta.url), "utf8"));
const ajv = makeAjv();
const token40 = "3f2b1c9d-8e7a-4b6c-5d4e-3f2a1b0c9d8e7f6a";
const token64 = "a".repeat(32) + "B".repeat(16) + "0123456789abcdef";
const cases = [
  ["oneflow", "api_token", oneflow, { api_token: ` ${token40} `, user_email: "ada@example.com" }],
  ["webflow", "site_token", webflow, { site_token: `${token64}\n`.trim() + " " }],
];
function time(f, n) {
  for (let i = 0; i < n / 10; i++) f();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  return Number(process.hrtime.bigint() - t0) / n;
}
for (const [p, m, validate, raw] of cases) {
  const check = ajv.compile(schema(p, m));
  const norm = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.trim()]));
  if (!validate(m, raw).ok || !check(norm)) throw new Error(`${p}: inputs must be valid`);
  const best = (f) => Math.min(...[0, 1, 2, 3, 4].map(() => time(f, 1_000_000)));
  const js = best(() => validate(m, raw));
  const ajvNs = best(() => check(norm));
  // What a page loads for this provider: the runtime and the provider's module as
  // checked in, and as a bundler ships them (esbuild: bundled, unused runtime
  // functions left out, minified), gzipped at level 9.
  const bundle = ["../../packages/validators/runtime.js", `../../packages/validators/providers/${p}.js`]
    .map((f) => readFileSync(new URL(f, import.meta.url), "utf8"));
  const gz = gzipSync(Buffer.from(bundle.join("\n")), { level: 9 }).length;
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
  });
  const gzMin = gzipSync(Buffer.from(shipped.outputFiles[0].contents), { level: 9 }).length;
  console.log(
    JSON.stringify({ provider: p, method: m, js_ns: js, ajv_ns: ajvNs, gzip_bytes: gz, gzip_min_bytes: gzMin }),
  );
}
