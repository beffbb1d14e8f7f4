// What one provider's form ships, gzipped (level 9), per locale: the figures behind
// tests/js_size.rs and the `js` rows of `cargo xtask bench`.
//
//   node size.mjs [provider …]   (default: every provider; one JSON line each)
//
// - module: the provider's module (providers/<id>.js) minified: its checking tables;
// - catalogue: the locale's validator catalogue (locales/<locale>/messages.js, plus
//   private_key.js there for a provider with a private-key field); none for English,
//   which is built into runtime.js;
// - texts: the provider's texts in the locale (locales/<locale>/<id>.js), if any;
// - total: module + catalogue + texts, what the budget (4 KB) holds;
// - page: everything a page ships but Fluent: the module bundled with the runtime
//   functions it uses and the private-key parser when it has one (esbuild, minified;
//   English built in), plus the locale's catalogue and texts;
// - shared: what every provider's form loads alike, reported apart: the runtime
//   (runtime.js minified, English catalogue included), the private-key parser
//   (private_key.js minified, English key messages included) and the vendored
//   @fluent/bundle (also the link form's).

import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { packageUrl } from "./common.mjs";

const gz = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;
const path = (p) => new URL(p, packageUrl).pathname;
const pkg = JSON.parse(readFileSync(path("package.json"), "utf8"));
const all = Object.keys(pkg.exports)
  .filter((k) => k !== "." && !k.startsWith("./runtime") && !k.startsWith("./schemas"))
  .map((k) => k.slice(2));
const providers = process.argv.length > 2 ? process.argv.slice(2) : all;
const LOCALES = ["de", "fr", "es", "ja"];

/** The Fluent runtime and the locale modules stay imports (loaded apart). */
const apart = {
  name: "apart",
  setup(b) {
    b.onResolve({ filter: /(^|\/)(vendor|locales)\// }, (args) => ({ path: args.path, external: true }));
  },
};

/** A module minified on its own, its imports kept. */
async function minified(file) {
  const out = await build({ entryPoints: [path(file)], minify: true, format: "esm", write: false, logLevel: "silent" });
  return gz(out.outputFiles[0].text);
}

const shared = {
  runtime: await minified("runtime.js"),
  private_key: await minified("private_key.js"),
  fluent_runtime: gz(readFileSync(path("vendor/fluent-bundle.js"), "utf8")),
};
const catalogues = {};
for (const l of LOCALES) {
  catalogues[l] = [await minified(`locales/${l}/messages.js`), await minified(`locales/${l}/private_key.js`)];
}

for (const p of providers) {
  const source = readFileSync(path(`providers/${p}.js`), "utf8");
  const keys = source.includes('"../private_key.js"');
  const module = await minified(`providers/${p}.js`);
  const bundled = await build({
    stdin: { contents: `export { validate, loadLocale } from "./providers/${p}.js";`, resolveDir: path(".") },
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
    plugins: [apart],
  });
  const shipped = gz(bundled.outputFiles[0].text);
  const locales = { en: { module, catalogue: 0, texts: 0, total: module, page: shipped } };
  for (const l of LOCALES) {
    const catalogue = catalogues[l][0] + (keys ? catalogues[l][1] : 0);
    const file = `locales/${l}/${p}.js`;
    const texts = existsSync(path(file)) ? await minified(file) : 0;
    locales[l] = { module, catalogue, texts, total: module + catalogue + texts, page: shipped + catalogue + texts };
  }
  console.log(JSON.stringify({ provider: p, private_key: keys, shared, locales }));
}
