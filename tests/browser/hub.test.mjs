// Browser test of the example hub (examples/hub): the real service binary with a stand-in
// Oneflow behind --base-url, the hub binary in front of it, headless Chromium as the end
// user. Run by examples/hub/tests/browser.rs; alone:
// `CONNECTSPEC_BIN=… HUB_BIN=… node --test hub.test.mjs`.
//
// Signs in to the hub, links a Oneflow account through <connectspec-link> (static
// credentials → connection test → connect event → the hub's exchange → stored), checks
// that no secret comes within the host page's reach and that the hub's database holds
// none in clear, then reconnects: the non-secret values pre-filled, the secret empty; the
// same account succeeds, a different one is refused.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  ROOT,
  alertText,
  assertNoLeak,
  axe,
  connect,
  fill,
  freePort,
  launchBrowser,
  openPage,
  q,
  recordOutside,
  startHub,
  startService,
  startStandin,
  waitReady,
} from "./harness.mjs";

// Fake, format-true Oneflow API tokens (40 letters, digits and hyphens).
const FIRST = "hubTestFirst-token-Zq8Xv3Lm7Rt2Wn5Yb9Kd0";
const SAME_ACCOUNT = "hubTestSame-account-Pq4Hs6Jt1Vx8Cz3Ng7Mw";
const OTHER_ACCOUNT = "hubTestOther-account-Fk2Dw9Bl5Sy0Te6Ua3r";
const SECRETS = [FIRST, SAME_ACCOUNT, OTHER_ACCOUNT];
assert.ok(SECRETS.every((s) => /^[A-Za-z0-9-]{40}$/.test(s)), "the test tokens are format-true");
const EMAIL = "ada@example.com";

/** The JSON pointer at which Oneflow's connection test answer names the account
 *  (`connection_test.identity` in specs/oneflow.yaml), and a body with `id` there. */
function identityPointer() {
  const spec = readFileSync(path.join(ROOT, "specs/oneflow.yaml"), "utf8");
  // `identity: {pointer: /…, label: …}`, in flow or block style.
  const block = spec.slice(spec.indexOf("connection_test:"));
  const m = /\n\s+identity:[\s{]*(?:label:[^\n,}]*[\s,]*)?pointer:\s*['"]?(\/[^\s'",}]*)/.exec(block);
  assert.ok(m, "specs/oneflow.yaml names no connection_test.identity pointer");
  return m[1];
}

function bodyWith(pointer, id) {
  const keys = pointer
    .split("/")
    .slice(1)
    .map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
  const root = {};
  let node = root;
  keys.forEach((k, i) => {
    node[k] = i === keys.length - 1 ? id : {};
    node = node[k];
  });
  return root;
}

let standin;
let service;
let hub;
let chrome;
let dir;
let database;
const logs = () => service.log() + hub.log();

before(async () => {
  const pointer = identityPointer();
  standin = await startStandin();
  standin.answer(FIRST, 200, bodyWith(pointer, "account-1001"));
  standin.answer(SAME_ACCOUNT, 200, bodyWith(pointer, "account-1001"));
  standin.answer(OTHER_ACCOUNT, 200, bodyWith(pointer, "account-2002"));
  // The hub's origin must be known before the service starts (its --embed-origin), and
  // the service's URL before the hub starts.
  const port = await freePort();
  service = await startService([
    "--test-timeout-ms",
    "3000",
    "--embed-origin",
    `http://127.0.0.1:${port}`,
    "--base-url",
    `oneflow=${standin.url}`,
  ]);
  dir = mkdtempSync(path.join(tmpdir(), "connectspec-hub-"));
  database = path.join(dir, "hub.sqlite3");
  hub = await startHub({ service: service.url, database, port });
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await hub?.stop();
  await service?.stop();
  await standin?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every byte SQLite wrote: the database file and any journal beside it. */
function databaseBytes() {
  const parts = [readFileSync(database)];
  for (const suffix of ["-journal", "-wal"]) {
    if (existsSync(database + suffix)) parts.push(readFileSync(database + suffix));
  }
  return Buffer.concat(parts);
}

function assertDatabaseClean() {
  const bytes = databaseBytes();
  for (const s of SECRETS) {
    assert.equal(bytes.indexOf(Buffer.from(s)), -1, "a secret is in the database file in clear");
  }
}

/** Nothing that the host page or its scripts could see holds a secret: the recorded
 *  connect details, event details and window messages, and the harness's surfaces (DOM
 *  attributes and text, storage, cookies, console, request URLs, the services' logs). */
async function assertNothingReachable(p, seen, recorded) {
  for (const s of SECRETS) {
    for (const [what, list] of [
      ["a connect event's detail", recorded.connect],
      ["an event's detail", recorded.details.map((d) => d.detail)],
      ["a window message", recorded.messages.map((m) => m.data)],
    ]) {
      assert.ok(!list.some((x) => x.includes(s)), `a secret in ${what}`);
    }
  }
  assert.deepEqual(recorded.csp, [], "Content-Security-Policy violations on the hub's pages");
  await assertNoLeak(assert, p, seen, SECRETS, logs());
}

/** axe-core's violations on the page. axe adds a style element of its own, which the hub's
 *  CSP refuses: that report is axe's, and dropped. */
async function axeViolations(p, recorded) {
  const before = recorded.csp.length;
  const violations = await axe(p);
  await new Promise((r) => setTimeout(r, 200));
  recorded.csp.length = before;
  return violations;
}

/** The hub's page, signed in as `user`, with everything recorded from the start. */
async function signedIn(user) {
  const { page: p, seen } = await openPage(chrome.browser, null);
  const recorded = await recordOutside(p);
  await p.goto(`${hub.url}/`, { waitUntil: "load" });
  await p.type("#user", user);
  await Promise.all([p.waitForNavigation({ waitUntil: "load" }), p.click("button[type=submit]")]);
  assert.equal(await p.$eval("#user", (e) => e.textContent), user);
  return { p, seen, recorded };
}

/** Opens the form with the hub's `selector` button; waits until it is ready. */
async function openForm(p, selector) {
  await p.click(selector);
  await waitReady(p);
  // The session token is never an attribute.
  const attrs = await p.$eval("connectspec-link", (e) => e.getAttributeNames());
  assert.ok(!attrs.includes("session"), `attributes: ${attrs}`);
}

/** Clicks Connect; resolves once the hub has stored the connection and shown the list. */
async function connectAndStore(p) {
  await Promise.all([
    p.waitForNavigation({ waitUntil: "load", timeout: 20000 }),
    p.click("connectspec-link >>> button.connect"),
  ]);
  return p.$eval("#notice", (e) => e.textContent);
}

function rows(p) {
  return p.$$eval("#connections tbody tr", (trs) =>
    trs.map((tr) => ({ id: tr.dataset.connection, cells: [...tr.cells].slice(0, 5).map((c) => c.textContent) })),
  );
}

describe("the example hub", () => {
  let page;

  test("links a Oneflow account through the form; no secret within the page's reach or in the database", async () => {
    const { p, seen, recorded } = await signedIn("ada");
    page = { p, seen, recorded };
    assert.equal(await p.$eval("#no-connections", (e) => e.textContent), "No connections yet.");
    await openForm(p, "button.link[data-provider=oneflow][data-method=api_token]");
    assert.deepEqual(await axeViolations(p, recorded), [], "axe-core violations with the form open");
    await fill(p, "api_token", FIRST);
    await fill(p, "user_email", EMAIL);
    const notice = await connectAndStore(p);
    assert.equal(notice, "Oneflow API Token linked (account-1001).");

    // The connect event carried the sealed result and non-secret values only.
    assert.equal(recorded.connect.length, 1);
    const detail = JSON.parse(recorded.connect[0]);
    assert.equal(typeof detail.result, "string");
    assert.deepEqual(
      { provider: detail.provider, method: detail.method, values: detail.values, identity: detail.identity },
      { provider: "oneflow", method: "api_token", values: { user_email: EMAIL }, identity: "account-1001" },
    );
    // The connection test reached the stand-in with the token.
    assert.ok(standin.hits.some((h) => h.token === FIRST && h.status === 200));

    const list = await rows(p);
    assert.equal(list.length, 1);
    assert.deepEqual(list[0].cells.slice(0, 3), ["Oneflow", "API Token", "account-1001"]);
    assert.deepEqual(await axeViolations(p, recorded), [], "axe-core violations on the list");
    await assertNothingReachable(p, seen, recorded);
    assertDatabaseClean();
    assert.notEqual(databaseBytes().indexOf(Buffer.from(EMAIL)), -1, "the non-secret value is stored in clear");
  });

  test("reconnects the same account: non-secret values pre-filled, the secret empty", async () => {
    const { p, seen, recorded } = page;
    const [before] = await rows(p);
    await openForm(p, `button.reconnect[data-connection="${before.id}"]`);
    assert.equal(await p.$eval(q("user_email"), (e) => e.value), EMAIL);
    assert.equal(await p.$eval(q("api_token"), (e) => e.value), "");
    await fill(p, "api_token", SAME_ACCOUNT);
    const notice = await connectAndStore(p);
    assert.equal(notice, "Oneflow API Token reconnected (account-1001).");
    const list = await rows(p);
    assert.equal(list.length, 1, "the row was updated, not added");
    assert.equal(list[0].id, before.id);
    await assertNothingReachable(p, seen, recorded);
    assertDatabaseClean();
  });

  test("refuses a different account on reconnect", async () => {
    const { p, seen, recorded } = page;
    const [before] = await rows(p);
    await openForm(p, `button.reconnect[data-connection="${before.id}"]`);
    await fill(p, "api_token", OTHER_ACCOUNT);
    const state = await connect(p);
    assert.notEqual(state, "connected");
    assert.match(await alertText(p), /This is a different Oneflow account from the one linked before\./);
    assert.equal(recorded.connect.length, 2, "no connect event for the other account");
    // Nothing changed at the hub.
    await p.reload({ waitUntil: "load" });
    assert.deepEqual(await rows(p), [before]);
    await assertNothingReachable(p, seen, recorded);
    assertDatabaseClean();
    await p.close();
  });
});
