// The parity harness behind tests/js_parity.rs.
//
//   node parity.mjs CASES.jsonl SCHEMAS.json
//
// CASES: one JSON object per line, {p, m, fields, rust, norm}: the raw input, the Rust
// validators' answer to it ({ok, values, normalized, errors}), and the input as the Rust
// normalisation leaves it. SCHEMAS: {"provider/method": form schema}.
//
// For every case, the generated module's answer must equal the Rust answer exactly
// (verdict, values, normalized keys, every error with its field, kind, data and
// message), and Ajv's verdict on the normalised input must equal the Rust verdict.
// Every schema must compile under Ajv (strict) and every pattern of the schemas and of
// the module must compile under the `u` and the `v` flag. Prints one JSON summary line;
// exits 1 on any disagreement.

import { readFileSync } from "node:fs";
import { makeAjv, packageUrl } from "./common.mjs";

const { validate } = await import(new URL("index.js", packageUrl));

const [casesPath, schemasPath] = process.argv.slice(2);
const schemas = JSON.parse(readFileSync(schemasPath, "utf8"));

/** JSON with object keys sorted: equal answers give equal text. */
function canonical(v) {
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(v[k])).join(",") + "}";
  }
  return JSON.stringify(v);
}

const summary = {
  cases: 0,
  js_agree: 0,
  js_disagree: 0,
  ajv_agree: 0,
  ajv_disagree: 0,
  // A schema cannot parse a private key: Ajv accepting a value whose only errors are
  // private-key faults is what the schema promises, not a disagreement.
  ajv_key_loose: 0,
  rust_valid: 0,
  rust_invalid: 0,
  schemas: 0,
  schemas_failed: 0,
  patterns: 0,
  patterns_failed: 0,
  examples: [],
};

function note(what) {
  if (summary.examples.length < 12) summary.examples.push(what);
}

// Every schema compiles (strict); every pattern compiles under `u` and `v`.
const ajv = makeAjv();
const compiled = new Map();
function patternsOf(v, out) {
  if (Array.isArray(v)) v.forEach((x) => patternsOf(x, out));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "pattern" && typeof x === "string") out.push(x);
      else patternsOf(x, out);
    }
  }
  return out;
}
function checkPattern(source, where) {
  summary.patterns++;
  for (const flag of ["u", "v"]) {
    try {
      new RegExp(source, flag);
    } catch (e) {
      summary.patterns_failed++;
      note({ where, pattern: source, flag, error: String(e.message) });
      return;
    }
  }
}
for (const [id, schema] of Object.entries(schemas)) {
  summary.schemas++;
  try {
    compiled.set(id, ajv.compile(schema));
  } catch (e) {
    summary.schemas_failed++;
    note({ schema: id, error: String(e.message) });
  }
  for (const p of patternsOf(schema, [])) checkPattern(p, `schema ${id}`);
  const [provider] = id.split("/");
  const mod = await import(new URL(`providers/${provider}.js`, packageUrl));
  for (const [mid, m] of Object.entries(mod.methods)) {
    if (`${provider}/${mid}` !== id) continue;
    for (const f of m.fields) if (f.pattern) checkPattern(f.pattern.source, `module ${id} ${f.key}`);
    for (const d of m.derived) checkPattern(d[3].source, `module ${id} derived ${d[0]}`);
  }
}

for (const line of readFileSync(casesPath, "utf8").split("\n")) {
  if (line === "") continue;
  const c = JSON.parse(line);
  summary.cases++;
  if (c.rust.ok) summary.rust_valid++;
  else summary.rust_invalid++;
  const js = validate(c.p, c.m, c.fields);
  const a = canonical(js);
  const b = canonical(c.rust);
  if (a === b) summary.js_agree++;
  else {
    summary.js_disagree++;
    note({ kind: "module", p: c.p, m: c.m, fields: c.fields, rust: c.rust, js });
  }
  const check = compiled.get(`${c.p}/${c.m}`);
  if (check === undefined) continue;
  const byAjv = check(c.norm);
  if (byAjv === c.rust.ok) summary.ajv_agree++;
  else if (byAjv && c.rust.errors.every((e) => e.kind === "private_key")) summary.ajv_key_loose++;
  else {
    summary.ajv_disagree++;
    note({ kind: "ajv", p: c.p, m: c.m, norm: c.norm, rust: c.rust, ajv: check.errors });
  }
}

console.log(JSON.stringify(summary));
const bad = summary.js_disagree + summary.ajv_disagree + summary.schemas_failed + summary.patterns_failed;
process.exit(bad === 0 ? 0 : 1);
