// Private-key fields in <connectspec-link>: a text area to paste into and a file picker
// read in the browser, with the validators' precise messages. The service serves the
// fixture spec tests/fixtures/private_keys (`--dev --specs`); the keys are generated
// here, now, and written to a temporary directory only for the file picker.

import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { ROOT, assertNoLeak, fieldError, launchBrowser, openPage, q, startService, waitFieldError } from "./harness.mjs";

let service;
let chrome;
let dir;

const rsa = (bits) =>
  generateKeyPairSync("rsa", { modulusLength: bits }).privateKey.export({ type: "pkcs8", format: "pem" });

function keyFile(privateKey) {
  const file = {
    type: "service_account",
    project_id: "keyco-test",
    private_key_id: "0123456789abcdef",
    client_email: "robot@keyco-test.iam.gserviceaccount.com",
  };
  if (privateKey !== undefined) file.private_key = privateKey;
  return JSON.stringify(file, null, 2);
}

/** The base64 lines of a PEM key: what must never appear outside the text area's value. */
const bodyLines = (pem) => pem.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----"));

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "connectspec-keys-"));
  service = await startService(["--dev", "--specs", path.join(ROOT, "tests/fixtures/private_keys")]);
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Picks `file` in the field's file picker. */
async function pick(page, key, file) {
  const picker = await page.waitForSelector(`connectspec-link >>> #cs-field-${key}-file`);
  await picker.uploadFile(file);
}

/** Waits until the field's error reads `message` ("" for none). */
async function waitMessage(page, key, message) {
  await page.waitForFunction(
    (k, m) => {
      const e = document.querySelector("connectspec-link").shadowRoot.querySelector(`#cs-field-${k}-error`);
      return m === "" ? e && e.hidden : e && !e.hidden && e.textContent === m;
    },
    { timeout: 10000 },
    key,
    message,
  );
}

describe("private-key fields", () => {
  test("a key file is picked, read in the browser and checked with the precise message", async () => {
    const pem = rsa(2048);
    const missing = path.join(dir, "missing.json");
    const good = path.join(dir, "good.json");
    writeFileSync(missing, keyFile(undefined));
    writeFileSync(good, keyFile(pem));
    const { page, seen } = await openPage(chrome.browser, `${service.url}/connect/keyco/key_file`);
    const kind = await page.$eval(q("key_file"), (e) => e.tagName.toLowerCase());
    assert.equal(kind, "textarea", "a key field is a text area, not a one-line input");
    await pick(page, "key_file", missing);
    await waitFieldError(page, "key_file");
    assert.equal(await fieldError(page, "key_file"), "Service Account Key has no `private_key` member");
    await pick(page, "key_file", good);
    await waitMessage(page, "key_file", "");
    const value = await page.$eval(q("key_file"), (e) => e.value);
    assert.ok(value.includes("service_account"), "the file's text is in the text area");
    const picked = await page.$eval(`connectspec-link >>> #cs-field-key_file-file`, (e) => e.value);
    assert.equal(picked, "", "the picker is cleared once read");
    await assertNoLeak(assert, page, seen, bodyLines(pem), service.log());
    await page.close();
  });

  test("a pasted PEM key too small for RS256 names its size", async () => {
    const small = rsa(1024);
    const { page, seen } = await openPage(chrome.browser, `${service.url}/connect/keyco/pem_key`);
    const input = await page.waitForSelector(q("private_key"));
    await input.evaluate((e, v) => {
      e.value = v;
      e.dispatchEvent(new Event("input", { bubbles: true }));
    }, small);
    await input.focus();
    await page.keyboard.press("Tab");
    await waitFieldError(page, "private_key");
    assert.equal(
      await fieldError(page, "private_key"),
      "Private Key must be an RSA key of at least 2048 bits (it has 1024)",
    );
    await assertNoLeak(assert, page, seen, bodyLines(small), service.log());
    await page.close();
  });
});
