// Generates the private keys the key tests use, at run time (no key is checked in):
// prints one JSON object {name: PEM text} of real keys from Node's crypto.
//
//   node gen.mjs

import { generateKeyPairSync } from "node:crypto";

const out = {};
function pair(name, type, options, formats) {
  const { privateKey, publicKey } = generateKeyPairSync(type, options);
  for (const [suffix, enc] of Object.entries(formats)) {
    out[`${name}_${suffix}`] = privateKey.export(enc);
  }
  out[`${name}_public`] = publicKey.export({ type: "spki", format: "pem" });
}

const pkcs8 = { type: "pkcs8", format: "pem" };
pair("rsa2048", "rsa", { modulusLength: 2048 }, {
  pkcs8,
  pkcs1: { type: "pkcs1", format: "pem" },
  encrypted: { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pass" },
  legacy_encrypted: { type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "pass" },
});
pair("rsa1024", "rsa", { modulusLength: 1024 }, { pkcs8, pkcs1: { type: "pkcs1", format: "pem" } });
pair("rsa3072", "rsa", { modulusLength: 3072 }, { pkcs8 });
pair("p256", "ec", { namedCurve: "prime256v1" }, { pkcs8, sec1: { type: "sec1", format: "pem" } });
pair("p384", "ec", { namedCurve: "secp384r1" }, { pkcs8, sec1: { type: "sec1", format: "pem" } });
pair("secp256k1", "ec", { namedCurve: "secp256k1" }, { pkcs8 });
pair("ed25519", "ed25519", {}, { pkcs8 });
pair("x25519", "x25519", {}, { pkcs8 });
pair("rsapss", "rsa-pss", { modulusLength: 2048 }, { pkcs8 });
console.log(JSON.stringify(out));
