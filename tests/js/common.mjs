// Shared by parity.mjs and bench.mjs: the Ajv instance the front ends would use
// (Ajv 8, draft 2020-12, strict, ajv-formats), with the built-in formats replaced by
// the validators' own definitions so that schema and validator mean the same.

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { pathToFileURL } from "node:url";

/**
 * The validators package under test: `packages/validators`, or the directory named by
 * CONNECTSPEC_JS_PACKAGE (generated for another catalogue by tests/js_parity.rs).
 */
export const packageUrl = process.env.CONNECTSPEC_JS_PACKAGE
  ? pathToFileURL(process.env.CONNECTSPEC_JS_PACKAGE.replace(/\/?$/, "/"))
  : new URL("../../packages/validators/", import.meta.url);

const { formats } = await import(new URL("index.js", packageUrl));

export function makeAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  addFormats(ajv);
  // The schema's `format` names (see crates/codegen/src/schema.rs) → the runtime's checks.
  ajv.addFormat("email", formats.email);
  ajv.addFormat("uri", formats.url);
  ajv.addFormat("hostname", formats.hostname);
  ajv.addFormat("uuid", formats.uuid);
  return ajv;
}
