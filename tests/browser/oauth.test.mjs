// OAuth from the link form, in headless Chromium against a real authorization server
// (oidc-provider, tests/oauth/server.mjs) and the real service: the popup, sign-in and
// consent, the sealed result and the back end's exchange; consent denied; the popup closed
// by the end user; popups blocked (redirect mode); an intercepted callback URL replayed
// from another client and a replayed state; an expired session. Run by
// crates/cli/tests/browser.rs.

import assert from "node:assert/strict";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  STATE_KEY,
  alertText,
  assertNoLeak,
  axe,
  connect,
  exchange,
  fill,
  freePort,
  launchBrowser,
  openPage,
  openSession,
  screenshotDir,
  startHost,
  startOidc,
  startService,
  statusText,
} from "./harness.mjs";

const TENANT = "contoso.onmicrosoft.com";
const CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
const CLIENT_SECRET = "Qx8Q~graph-client-secret-fake-1234567890";

let oidc;
let service;
let chrome;
let host;
let dir;

before(async () => {
  const port = await freePort();
  const serviceUrl = `http://127.0.0.1:${port}`;
  oidc = await startOidc({
    REDIRECT_URI: `${serviceUrl}/v1/oauth/callback`,
    TENANT,
    GRAPH_CLIENT_ID: CLIENT_ID,
    GRAPH_CLIENT_SECRET: CLIENT_SECRET,
    PAYPAL_CLIENT_ID: "AcmePayPalRestAppClientIdFake0123456789",
    PAYPAL_CLIENT_SECRET: "EPayPalRestAppSecretFakeValue0123456789",
  });
  host = await startHost();
  dir = mkdtempSync(path.join(tmpdir(), "connectspec-oauth-"));
  const clients = path.join(dir, "clients.json");
  writeFileSync(clients, JSON.stringify({ microsoft_graph: { oauth: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET } } }));
  service = await startService(
    [
      "--oauth-redirect-uri",
      `${serviceUrl}/v1/oauth/callback`,
      "--oauth-clients",
      clients,
      "--oauth-origin",
      `microsoft_graph=${oidc.graph}`,
      "--base-url",
      `microsoft_graph=${oidc.graph}`,
      "--embed-origin",
      host.origin,
    ],
    {},
    { port },
  );
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await service?.stop();
  await oidc?.stop();
  await host?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const OFFER = { provider: "microsoft_graph", method: "oauth" };

/** The OAuth form in a new session, in a browser context of its own (no cookies of
 *  earlier tests, at the provider or the service). */
async function oauthPage(extra = {}, opts = {}) {
  const session = await openSession(service, { end_user: "ada", offers: [OFFER], ...extra });
  const url = `${service.url}/connect/microsoft_graph/oauth#session=${session}`;
  const context = await chrome.browser.createBrowserContext();
  return openPage(context, url, opts);
}

/** The end user at the provider, in `w` (the popup, or the page in redirect mode). */
async function signIn(w, { deny = false } = {}) {
  await w.waitForSelector('input[name="login"]', { timeout: 15000 });
  if (deny) {
    await Promise.all([w.waitForNavigation(), w.click('a[href$="/abort"]')]);
    return;
  }
  await w.type('input[name="login"]', "ada");
  await w.type('input[name="password"]', "pw");
  await Promise.all([w.waitForNavigation(), w.click('button[type="submit"]')]);
  await w.waitForSelector('input[value="consent"]', { timeout: 15000 });
  await w.click('button[type="submit"]');
}

/** Presses Connect and resolves with the popup it opened. */
async function startPopup(p) {
  const popup = new Promise((resolve) => p.once("popup", resolve));
  await p.evaluate(() => {
    window.__states.length = 0;
  });
  await p.click("connectspec-link >>> button.connect");
  return popup;
}

function waitState(p, states) {
  return p.waitForFunction((s) => window.__states.some((x) => s.includes(x)), { timeout: 20000 }, states);
}

function callbackUrls(w) {
  const urls = [];
  w.on("request", (r) => {
    if (r.url().includes("/v1/oauth/callback")) urls.push(r.url());
  });
  return urls;
}

describe("OAuth from the form", () => {
  test("popup, sign-in and consent, sealed result, the back end's exchange; an intercepted callback gives nothing", async () => {
    const { page: p, seen } = await oauthPage();
    const form = await p.evaluate(() => {
      const root = document.querySelector("connectspec-link").shadowRoot;
      return {
        fields: [...root.querySelectorAll(".field")].map((f) => f.dataset.field),
        button: root.querySelector("button.connect").textContent,
      };
    });
    assert.deepEqual(form, { fields: ["tenant"], button: "Connect with Microsoft Graph" });
    // The format hint is inline text: its `code` is code, no backtick shows.
    const hint = await p.$eval("connectspec-link >>> #cs-field-tenant-hint", (h) => ({
      text: h.textContent,
      code: [...h.querySelectorAll("code")].map((c) => c.textContent),
    }));
    assert.deepEqual(hint.code, ["common", "organizations", "consumers"]);
    assert.ok(!hint.text.includes("`"), hint.text);
    assert.match(hint.text, /^Format: common, organizations, consumers/);
    assert.deepEqual(await axe(p), [], "axe on the OAuth form");
    await fill(p, "tenant", TENANT);
    const shots = screenshotDir();
    if (shots) await p.screenshot({ path: path.join(shots, "oauth-form.png") });

    const popup = await startPopup(p);
    const callbacks = callbackUrls(popup);
    await signIn(popup);
    await waitState(p, ["connected", "error", "rejected"]);
    assert.equal(await p.evaluate(() => document.querySelector("connectspec-link").getAttribute("state")), "connected", await alertText(p));
    assert.match(await statusText(p), /Connected\. Microsoft Graph accepted/);
    assert.deepEqual(await axe(p), [], "axe once linked");
    const event = await p.evaluate(() => window.__connect.at(-1));
    assert.equal(event.provider, "microsoft_graph");
    assert.deepEqual(event.values, { tenant: TENANT });
    assert.equal(typeof event.result, "string");
    const linked = await exchange(service, event.result);
    assert.equal(linked.end_user, "ada");
    const { access_token: access, refresh_token: refresh } = linked.tokens;
    assert.ok(access && refresh, "the exchange gives the tokens");
    // Neither token, nor the code, in the host page's reach.
    assert.equal(callbacks.length, 1);
    const code = new URL(callbacks[0]).searchParams.get("code");
    await assertNoLeak(assert, p, seen, [access, refresh, code, CLIENT_SECRET], service.log());

    // The callback URL, intercepted and replayed from another client without the
    // binding cookie: no exchange and no result.
    const replay = await fetch(callbacks[0], { headers: { accept: "application/json" } });
    assert.equal(replay.status, 400);
    const body = await replay.json();
    assert.equal(body.type, "urn:connectspec:problem:oauth-unbound");
    assert.ok(!("result" in body));
    // Replayed in the same browser: the state was good for one flow.
    const again = await p.browserContext().newPage();
    await again.goto(callbacks[0]);
    assert.match(await again.$eval("main p", (e) => e.textContent), /not started in this browser, or it was already used/);
    await again.close();
    await p.close();
  });

  test("consent denied: the end user's sentence, and the form can start again", async () => {
    const { page: p } = await oauthPage();
    await fill(p, "tenant", TENANT);
    const popup = await startPopup(p);
    await signIn(popup, { deny: true });
    await waitState(p, ["rejected", "error"]);
    assert.match(
      await alertText(p),
      /You did not allow access at Microsoft Graph, so the account was not linked\./,
    );
    assert.equal(await p.evaluate(() => window.__connect.length), 0);
    assert.deepEqual(await axe(p), [], "axe after consent was denied");
    await p.close();
  });

  test("the popup closed by the end user: the form says so and starts again", async () => {
    const { page: p } = await oauthPage();
    await fill(p, "tenant", TENANT);
    const popup = await startPopup(p);
    await popup.waitForSelector('input[name="login"]', { timeout: 15000 });
    await popup.close();
    await waitState(p, ["closed"]);
    assert.match(await alertText(p), /The sign-in window was closed before the account was linked/);
    assert.deepEqual(await axe(p), [], "axe after the popup was closed");
    // Once more, all the way.
    const second = await startPopup(p);
    await signIn(second);
    await waitState(p, ["connected"]);
    assert.equal(await p.evaluate(() => window.__connect.length), 1);
    await p.close();
  });

  test("popups blocked: the sign-in runs in the page and returns to the session's return URL", async () => {
    host.embed("", "<p id=back>Back at the hub</p>");
    const { page: p } = await oauthPage({ return_url: `${host.origin}/linked` });
    // What a popup blocker does: window.open answers null.
    await p.evaluate(() => {
      window.open = () => null;
    });
    await fill(p, "tenant", TENANT);
    await p.click("connectspec-link >>> button.connect");
    await signIn(p);
    await p.waitForFunction((o) => location.origin === o, { timeout: 20000 }, host.origin);
    const url = new URL(p.url());
    assert.equal(url.pathname, "/linked");
    const fragment = new URLSearchParams(url.hash.slice(1));
    assert.equal(fragment.get("provider"), "microsoft_graph");
    const linked = await exchange(service, fragment.get("connectspec_result"));
    assert.ok(linked.tokens.access_token);
    await p.close();
  });

  test("an expired session: the form says so in words", async () => {
    // A session sealed with the service's key an hour ago, as its clock sees it.
    const token = seal("connectspec link session v1", {
      sid: "expired",
      u: "ada",
      o: [OFFER],
      v: {},
      s: [],
      a: [],
      iat: 1,
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    const { page: p } = await openPage(chrome.browser, `${service.url}/connect/microsoft_graph/oauth#session=${token}`, { ready: false });
    await p.waitForFunction(() => document.querySelector("connectspec-link")?.getAttribute("state") === "error", { timeout: 15000 });
    assert.match(await alertText(p), /This link has expired\. Go back and start linking the account again\./);
    assert.deepEqual(await axe(p), [], "axe with the expired session");
    await p.close();
  });
});

/** Seals `claims` as the service does (ChaCha20-Poly1305, key id = the first four bytes of
 *  the key's SHA-256, the purpose as associated data). */
function seal(purpose, claims) {
  const key = Buffer.from(STATE_KEY, "base64url");
  const id = createHash("sha256").update(key).digest().subarray(0, 4);
  const nonce = randomBytes(12);
  const cipher = createCipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(purpose));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(claims)), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([id, nonce, sealed]).toString("base64url");
}
