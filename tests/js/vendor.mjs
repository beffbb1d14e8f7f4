// Bundles @fluent/bundle (pinned in package-lock.json) into one ES module that the
// browser module and the link form import: `packages/validators/vendor/fluent-bundle.js`.
// `node vendor.mjs` writes it; `node vendor.mjs --check` fails when the checked-in copy
// differs from what the locked package builds (tests/js_parity.rs runs the check).
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const out = fileURLToPath(new URL("../../packages/validators/vendor/fluent-bundle.js", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("./node_modules/@fluent/bundle/package.json", import.meta.url)));
const result = await build({
  entryPoints: [fileURLToPath(new URL("./node_modules/@fluent/bundle/esm/index.js", import.meta.url))],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  legalComments: "none",
  write: false,
});
const header =
  `// @fluent/bundle ${pkg.version} (${pkg.license}, ${pkg.homepage}), bundled by tests/js/vendor.mjs.\n` +
  "// Generated: do not edit; run `node tests/js/vendor.mjs` after changing the locked version.\n";
const text = header + result.outputFiles[0].text;
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(out, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${out} is stale: run \`node tests/js/vendor.mjs\``);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
}
