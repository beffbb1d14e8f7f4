// Browser test of the example hub (examples/hub): the real service binary with a stand-in
// Oneflow behind --base-url, the hub binary in front of it, headless Chromium as the end
// user. Run by examples/hub/tests/browser.rs; alone:
// `CONNECTSPEC_BIN=… HUB_BIN=… node --test hub.test.mjs`.
//
// Signs in to the hub, links a Oneflow account through <connectspec-link> (static
// credentials → connection test → connect event → the hub's exchange → stored), checks
// that no secret comes within the host page's reach and that the hub's database holds
// none in clear, then reconnects: the non-secret values pre-filled, the secret empty; the
// same account succeeds, a different one is refused ("This is a different … account from
// the one linked before."). Refusing needs the account's identity from the connection
// test (`connection_test.identity`): Webflow's names the user; Oneflow's ping answers `{}`,
// so Oneflow's refusal is checked only once its spec names an identity.

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

/** A fake token: `seed` then filler, `n` characters of `alphabet`, distinct per seed. */
function token(seed, n, alphabet) {
  let out = seed;
  let x = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  while (out.length < n) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

/** The JSON pointer at which a provider's connection test answer names the account
 *  (`connection_test.identity: {pointer, label}` in its spec), or null when it names none. */
function identityPointer(provider) {
  const spec = readFileSync(path.join(ROOT, `specs/${provider}.yaml`), "utf8");
  const block = spec.slice(spec.indexOf("connection_test:"));
  // Flow or block style, `pointer` before or after `label`.
  const m = /\n\s+identity:[\s{]*(?:label:[^\n,}]*[\s,]*)?pointer:\s*['"]?(\/[^\s'",}]*)/.exec(block);
  return m ? m[1] : null;
}

/** An answer with `id` at `pointer` (the documented `{}` without a pointer). */
function bodyWith(pointer, id) {
  if (!pointer) return {};
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

const DASHED = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-";
const ALNUM = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

// Oneflow: a secret token and a non-secret email. Its connection test (GET /v1/ping) is
// documented to answer `{}`, so its spec may name no identity: then a reconnect cannot
// tell accounts apart, and the refusal is shown with Webflow, whose test names the user.
const ONEFLOW = {
  provider: "oneflow",
  method: "api_token",
  secretField: "api_token",
  title: "Oneflow API Token",
  pointer: identityPointer("oneflow"),
  first: token("hubOneflowFirst", 40, DASHED),
  same: token("hubOneflowSame", 40, DASHED),
  other: token("hubOneflowOther", 40, DASHED),
};
const WEBFLOW = {
  provider: "webflow",
  method: "site_token",
  secretField: "site_token",
  title: "Webflow Site Token",
  pointer: identityPointer("webflow"),
  first: token("hubWebflowFirst", 64, ALNUM),
  same: token("hubWebflowSame", 64, ALNUM),
  other: token("hubWebflowOther", 64, ALNUM),
};
const SECRETS = [ONEFLOW, WEBFLOW].flatMap((a) => [a.first, a.same, a.other]);
const EMAIL = "ada@example.com";

/** The identity the service reports for `account` (none when the spec names none). */
const identity = (account, id) => (account.pointer ? id : undefined);
/** The hub's notice after linking or reconnecting. */
const notice = (account, verb, id) => `${account.title} ${verb}${identity(account, id) ? ` (${id})` : ""}.`;

let standin;
let service;
let hub;
let chrome;
let dir;
let database;
const logs = () => service.log() + hub.log();

before(async () => {
  assert.ok(WEBFLOW.pointer, "specs/webflow.yaml names no connection_test.identity");
  standin = await startStandin();
  for (const a of [ONEFLOW, WEBFLOW]) {
    standin.answer(a.first, 200, bodyWith(a.pointer, `${a.provider}-user-1001`));
    standin.answer(a.same, 200, bodyWith(a.pointer, `${a.provider}-user-1001`));
    standin.answer(a.other, 200, bodyWith(a.pointer, `${a.provider}-user-2002`));
  }
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
    "--base-url",
    `webflow=${standin.url}`,
  ]);
  dir = mkdtempSync(path.join(tmpdir(), "connectspec-hub-"));
  database = path.join(dir, "hub.sqlite3");
  hub = await startHub({
    service: service.url,
    database,
    port,
    args: ["--offer", "oneflow/api_token", "--offer", "webflow/site_token"],
  });
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

/** The listed connections: id and the provider, method and account cells. */
function rows(p) {
  return p.$$eval("#connections tbody tr", (trs) =>
    trs.map((tr) => ({ id: tr.dataset.connection, cells: [...tr.cells].slice(0, 3).map((c) => c.textContent) })),
  );
}

async function row(p, providerName) {
  return (await rows(p)).find((r) => r.cells[0] === providerName);
}

/** The last connect event's detail, checked: a sealed result and non-secret values only. */
function lastConnect(recorded, account, values, id) {
  const detail = JSON.parse(recorded.connect.at(-1));
  assert.equal(typeof detail.result, "string");
  assert.deepEqual(
    { provider: detail.provider, method: detail.method, values: detail.values, identity: detail.identity },
    { provider: account.provider, method: account.method, values, identity: identity(account, id) },
  );
}

/** Reconnects `account`'s connection with another account's token: refused with the
 *  sentence, no connect event, nothing changed at the hub. */
async function refusedOnReconnect(page, account, providerName) {
  const { p, seen, recorded } = page;
  const before = await rows(p);
  const connects = recorded.connect.length;
  await openForm(p, `button.reconnect[data-connection="${(await row(p, providerName)).id}"]`);
  await fill(p, account.secretField, account.other);
  assert.equal(await connect(p), "rejected");
  assert.match(
    await alertText(p),
    new RegExp(`This is a different ${providerName} account from the one linked before\\.`),
  );
  assert.equal(recorded.connect.length, connects, "no connect event for the other account");
  await p.reload({ waitUntil: "load" });
  assert.deepEqual(await rows(p), before);
  await assertNothingReachable(p, seen, recorded);
  assertDatabaseClean();
}

describe("the example hub", () => {
  let page;

  test("links a Oneflow account through the form; no secret within the page's reach or in the database", async () => {
    const { p, seen, recorded } = await signedIn("ada");
    page = { p, seen, recorded };
    assert.equal(await p.$eval("#no-connections", (e) => e.textContent), "No connections yet.");
    await openForm(p, "button.link[data-provider=oneflow][data-method=api_token]");
    assert.deepEqual(await axeViolations(p, recorded), [], "axe-core violations with the form open");
    await fill(p, "api_token", ONEFLOW.first);
    await fill(p, "user_email", EMAIL);
    assert.equal(await connectAndStore(p), notice(ONEFLOW, "linked", "oneflow-user-1001"));
    // The connect event carried the sealed result and non-secret values only; the
    // connection test reached the stand-in with the token.
    assert.equal(recorded.connect.length, 1);
    lastConnect(recorded, ONEFLOW, { user_email: EMAIL }, "oneflow-user-1001");
    assert.ok(standin.hits.some((h) => h.token === ONEFLOW.first && h.status === 200));

    const list = await rows(p);
    assert.equal(list.length, 1);
    assert.deepEqual(list[0].cells, ["Oneflow", "API Token", identity(ONEFLOW, "oneflow-user-1001") ?? "—"]);
    assert.deepEqual(await axeViolations(p, recorded), [], "axe-core violations on the list");
    await assertNothingReachable(p, seen, recorded);
    assertDatabaseClean();
    assert.notEqual(databaseBytes().indexOf(Buffer.from(EMAIL)), -1, "the non-secret value is stored in clear");
  });

  test("reconnects the Oneflow account: non-secret values pre-filled, the secret empty", async () => {
    const { p, seen, recorded } = page;
    const before = await row(p, "Oneflow");
    await openForm(p, `button.reconnect[data-connection="${before.id}"]`);
    assert.equal(await p.$eval(q("user_email"), (e) => e.value), EMAIL);
    assert.equal(await p.$eval(q("api_token"), (e) => e.value), "");
    await fill(p, "api_token", ONEFLOW.same);
    assert.equal(await connectAndStore(p), notice(ONEFLOW, "reconnected", "oneflow-user-1001"));
    lastConnect(recorded, ONEFLOW, { user_email: EMAIL }, "oneflow-user-1001");
    const list = await rows(p);
    assert.equal(list.length, 1, "the row was updated, not added");
    assert.equal(list[0].id, before.id);
    await assertNothingReachable(p, seen, recorded);
    assertDatabaseClean();
  });

  test("links a Webflow account, reconnects it, and refuses a different Webflow account", async () => {
    const { p, seen, recorded } = page;
    await openForm(p, "button.link[data-provider=webflow][data-method=site_token]");
    await fill(p, "site_token", WEBFLOW.first);
    assert.equal(await connectAndStore(p), notice(WEBFLOW, "linked", "webflow-user-1001"));
    lastConnect(recorded, WEBFLOW, {}, "webflow-user-1001");
    const linked = await row(p, "Webflow");
    assert.deepEqual(linked.cells, ["Webflow", "Site Token", "webflow-user-1001"]);

    await openForm(p, `button.reconnect[data-connection="${linked.id}"]`);
    assert.equal(await p.$eval(q("site_token"), (e) => e.value), "");
    await fill(p, "site_token", WEBFLOW.same);
    assert.equal(await connectAndStore(p), notice(WEBFLOW, "reconnected", "webflow-user-1001"));
    assert.equal((await rows(p)).length, 2);
    await assertNothingReachable(p, seen, recorded);

    await refusedOnReconnect(page, WEBFLOW, "Webflow");
    await p.close();
  });
});
