// Browser tests of <connectspec-link> on the service's /connect pages: the real service
// binary, a stand-in provider behind --base-url, headless Chromium. Run by
// crates/cli/tests/browser.rs (cargo xtask ci); alone: `CONNECTSPEC_BIN=… node --test`.
// CONNECTSPEC_SCREENSHOTS=docs/screenshots also writes the README's screenshots.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  ROOT,
  alertText,
  assertNoLeak,
  axe,
  connect,
  exchange,
  fieldError,
  fill,
  focused,
  launchBrowser,
  openPage,
  openSession,
  overflow,
  q,
  rustMessage,
  screenshotDir,
  startHost,
  startService,
  startStandin,
  statusText,
  waitFieldError,
} from "./harness.mjs";

const HAS_BROWSER_VALIDATORS = existsSync(path.join(ROOT, "packages/validators/index.js"));

/** A fake token of `n` characters from `alphabet`, distinct per `seed`. */
function token(seed, n, alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") {
  let out = "";
  let x = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  while (out.length < n) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

let standin;
let host;
let otherHost;
let service;
let chrome;
const secrets = new Set();
const answers = new Map();

const PROVIDERS = ["oneflow", "webflow", "stripe", "zendesk", "datadog", "telegram", "zoom"];

before(async () => {
  standin = await startStandin();
  for (const [t, status] of answers) standin.answer(t, status);
  host = await startHost();
  otherHost = await startHost();
  const args = ["--test-timeout-ms", "1500", "--embed-origin", host.origin];
  for (const p of PROVIDERS) args.push("--base-url", `${p}=${standin.url}`);
  // Zoom's token endpoint too: its Server-to-Server app is the end user's own.
  args.push("--oauth-origin", `zoom=${standin.url}`);
  service = await startService(args);
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await service?.stop();
  await standin?.close();
  await host?.close();
  await otherHost?.close();
});

/** Registers a token with the stand-in and as a secret that must not leak. */
function secret(value, status) {
  secrets.add(value);
  if (status !== undefined) answers.set(value, status);
  return value;
}

/** The link page of a method in a new link session. */
async function linkUrl(provider, method) {
  const session = await openSession(service, { end_user: "browser-test", offers: [{ provider, method }] });
  return `${service.url}/connect/${provider}/${method}#session=${session}`;
}

async function page(provider, method) {
  return openPage(chrome.browser, await linkUrl(provider, method));
}

/** The fields the hub's back end gets for the last connect event's result. */
async function linkedFields(p) {
  const c = await lastConnect(p);
  assert.equal(typeof c.result, "string", "the connect event carries a sealed result");
  return (await exchange(service, c.result)).fields;
}

async function noViolations(p, when) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations ${when}: ${JSON.stringify(v, null, 1)}`);
}

function validateCalls(seen) {
  return seen.requests.filter((r) => r.method === "POST" && r.url.endsWith("/validate")).length;
}

async function lastConnect(p) {
  return p.evaluate(() => window.__connect.at(-1) ?? null);
}

describe("the /connect page", () => {
  test("is served with a strict CSP and no inline script; unknown ids are 404 problems", async () => {
    const res = await fetch(`${service.url}/connect/oneflow/api_token`);
    assert.equal(res.status, 200);
    const csp = res.headers.get("content-security-policy");
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, new RegExp(`frame-ancestors ${host.origin}$`));
    const html = await res.text();
    for (const tag of html.match(/<script[^>]*>/g)) assert.match(tag, / src="/, tag);
    assert.doesNotMatch(html, /<script[^>]*>[^<]/);
    assert.doesNotMatch(html, / on[a-z]+=| style=/);
    for (const url of ["/connect/nope/api_token", "/connect/oneflow/nope"]) {
      const r = await fetch(service.url + url);
      assert.equal(r.status, 404, url);
      assert.equal(r.headers.get("content-type"), "application/problem+json");
      assert.equal((await r.json()).status, 404);
    }
    const js = await fetch(`${service.url}/connect/assets/link/connectspec-link.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get("content-type"), /^text\/javascript/);
    if (HAS_BROWSER_VALIDATORS) {
      const v = await fetch(`${service.url}/connect/assets/validators/index.js`);
      assert.equal(v.status, 200, "the service serves the browser validators");
    }
  });
});

describe("Oneflow", () => {
  const good = secret(token("oneflow-ok", 40), 200);
  const rejected = secret(token("oneflow-401", 40), 401);
  const slow = secret(token("oneflow-slow", 40), "hang");
  const short = secret(good.slice(0, 39));

  test("form from the spec, guide beside it, Rust messages, connect event, 401 meaning, timeout, no leak", async () => {
    const { page: p, seen } = await page("oneflow", "api_token");
    const form = await p.evaluate(() => {
      const root = document.querySelector("connectspec-link").shadowRoot;
      const fields = [...root.querySelectorAll(".field")].map((f) => ({
        key: f.dataset.field,
        label: f.querySelector("label").textContent,
        type: f.querySelector("input, select").getAttribute("type"),
        autocomplete: f.querySelector("input, select").getAttribute("autocomplete"),
        placeholder: f.querySelector("input, select").getAttribute("placeholder"),
        hint: f.querySelector(".hint")?.textContent ?? null,
        toggle: f.querySelector(".toggle")?.textContent ?? null,
      }));
      const guide = root.querySelector("details.guide");
      const links = [...guide.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.target, a.rel]);
      return {
        fields,
        open: guide.open,
        sections: [...guide.querySelectorAll(".section-title")].map((h) => h.textContent),
        links,
        guideText: guide.textContent,
      };
    });
    assert.deepEqual(
      form.fields.map((f) => [f.key, f.label, f.type]),
      [
        ["api_token", "API Token", "password"],
        ["user_email", "User Email", "text"],
      ],
    );
    assert.equal(form.fields[0].autocomplete, "off");
    assert.equal(form.fields[0].placeholder, "Paste your Oneflow API token");
    assert.equal(form.fields[0].hint, "Format: 40 characters: letters, digits and hyphens");
    assert.equal(form.fields[0].toggle, "Show");
    assert.equal(form.open, true);
    assert.deepEqual(form.sections, ["Enable the Custom Integration", "Generate your Oneflow API token", "Find your user email"]);
    assert.deepEqual(form.links, [["https://app.oneflow.com/login", "_blank", "noopener noreferrer"]]);
    // Facts from the spec's data, as on the generated page.
    assert.match(form.guideText, /The API Token is displayed only once, when it is generated\./);
    assert.match(form.guideText, /Format: 40 characters: letters, digits and hyphens\./);
    await noViolations(p, "on the empty form");
    const shots = screenshotDir();
    if (shots) await (await p.$("main")).screenshot({ path: path.join(shots, "oneflow-api-token.png") });

    // A malformed token: the Rust validator's message next to the token, on leaving it.
    const before = validateCalls(seen);
    await fill(p, "api_token", short);
    await p.keyboard.press("Tab");
    await waitFieldError(p, "api_token");
    assert.equal(
      await fieldError(p, "api_token"),
      rustMessage("oneflow", "api_token", { api_token: short }, "api_token"),
    );
    assert.equal(await fieldError(p, "user_email"), "", "untouched fields show no error yet");
    if (HAS_BROWSER_VALIDATORS) assert.equal(validateCalls(seen), before, "blur validates in the browser");
    await fill(p, "user_email", "ada.example.com");
    await p.keyboard.press("Tab");
    await waitFieldError(p, "user_email");
    assert.equal(
      await fieldError(p, "user_email"),
      rustMessage("oneflow", "api_token", { user_email: "ada.example.com" }, "user_email"),
    );
    await noViolations(p, "with field errors shown");

    // Connect with errors left: focus goes to the first one, nothing reaches the provider.
    const hits = standin.hits.length;
    assert.equal(await connect(p), "invalid");
    assert.equal(await focused(p), "cs-field-api_token");
    assert.equal(standin.hits.length, hits);

    // Fixed: the connection test reaches the stand-in; the connect event carries the values.
    await fill(p, "api_token", good);
    await fill(p, "user_email", "  ada@example.com ");
    assert.equal(await connect(p), "connected");
    assert.equal(await fieldError(p, "api_token"), "");
    const hit = standin.hits.at(-1);
    assert.deepEqual([hit.method, hit.path, hit.token], ["GET", "/v1/ping", good]);
    const event = await lastConnect(p);
    assert.deepEqual(
      { ...event, result: typeof event.result },
      { provider: "oneflow", method: "api_token", result: "string", values: { user_email: "ada@example.com" }, derived: {} },
      "the connect event: a sealed result and the non-secret values",
    );
    assert.deepEqual(await linkedFields(p), { api_token: good, user_email: "ada@example.com" });
    assert.equal(await p.$eval(q("user_email"), (e) => e.value), "ada@example.com", "normalised in place");
    assert.match(await statusText(p), /Connected\. Oneflow accepted the API Token\./);
    await noViolations(p, "once connected");

    // The stand-in answers 401: the spec's meaning, above the button.
    await fill(p, "api_token", rejected);
    assert.equal(await connect(p), "rejected");
    assert.match(await alertText(p), /Oneflow rejected the API token\. Check that it was copied in full, or generate a new one\./);
    await noViolations(p, "with a rejected token");

    // No answer within --test-timeout-ms.
    await fill(p, "api_token", slow);
    assert.equal(await connect(p), "timeout");
    assert.match(await alertText(p), /Oneflow did not answer in time/);

    assert.equal((await p.evaluate(() => window.__connect.length)), 1, "one connect event, for the success only");
    await assertNoLeak(assert, p, seen, [good, rejected, slow, short], service.log());
    await p.close();
  });

  test("the whole flow works with the keyboard alone", async () => {
    const { page: p, seen } = await page("oneflow", "api_token");
    const kb = p.keyboard;
    await kb.press("Tab");
    assert.equal(await focused(p), "cs-field-api_token");
    await kb.type(short);
    await kb.press("Tab");
    assert.equal(await focused(p), "button.toggle");
    await kb.press("Space");
    assert.equal(await p.$eval(q("api_token"), (e) => e.type), "text", "Show reveals the token");
    assert.equal(await p.$eval("connectspec-link >>> .toggle", (e) => e.getAttribute("aria-pressed")), "true");
    await kb.press("Space");
    assert.equal(await p.$eval(q("api_token"), (e) => e.type), "password", "Hide masks it again");
    await kb.press("Tab");
    assert.equal(await focused(p), "cs-field-user_email");
    await kb.type("ada@example.com");
    await kb.press("Tab");
    assert.equal(await focused(p), "button.connect");
    assert.equal(await connect(p, () => kb.press("Enter")), "invalid");
    assert.equal(await focused(p), "cs-field-api_token", "focus moves to the first error");
    assert.equal(await fieldError(p, "api_token"), rustMessage("oneflow", "api_token", { api_token: short }, "api_token"));
    await kb.down("Control");
    await kb.press("KeyA");
    await kb.up("Control");
    await kb.type(good);
    assert.equal(await connect(p, () => kb.press("Enter")), "connected");
    assert.equal((await linkedFields(p)).api_token, good);
    // On to the guide: its summary folds it away.
    await p.evaluate(() => document.querySelector("connectspec-link").shadowRoot.querySelector(".connect").focus());
    await kb.press("Tab");
    assert.equal(await focused(p), "summary.guide-summary");
    await kb.press("Enter");
    assert.equal(await p.$eval("connectspec-link >>> details.guide", (d) => d.open), false);
    await assertNoLeak(assert, p, seen, [good, short], service.log());
    await p.close();
  });
});

describe("Webflow", () => {
  const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const good = secret(token("webflow-ok", 64, alnum), 200);
  const revoked = secret(token("webflow-401", 64, alnum), 401);
  const unscoped = secret(token("webflow-403", 64, alnum), 403);
  const short = secret(good.slice(0, 63));

  test("Rust message, connect, 401 meaning, 403 lists the scopes to grant", async () => {
    const { page: p, seen } = await page("webflow", "site_token");
    await fill(p, "site_token", short);
    await p.keyboard.press("Tab");
    await waitFieldError(p, "site_token");
    assert.equal(await fieldError(p, "site_token"), rustMessage("webflow", "site_token", { site_token: short }, "site_token"));

    await fill(p, "site_token", ` ${good} `);
    assert.equal(await connect(p), "connected");
    assert.deepEqual(standin.hits.at(-1).path, "/token/authorized_by");
    assert.deepEqual(await linkedFields(p), { site_token: good });

    await fill(p, "site_token", revoked);
    assert.equal(await connect(p), "rejected");
    assert.match(await alertText(p), /Webflow rejected the site token\. It may have been revoked/);

    await fill(p, "site_token", unscoped);
    assert.equal(await connect(p), "rejected");
    const scopes = await p.$$eval("connectspec-link >>> .alert .scopes li", (li) => li.map((l) => l.textContent));
    assert.deepEqual(scopes, ["Authorized user: read-only authorized_user:read"]);
    assert.match(await alertText(p), /lacks a permission the connection needs/);
    await noViolations(p, "with the scopes to grant");
    await assertNoLeak(assert, p, seen, [good, revoked, unscoped, short], service.log());
    await p.close();
  });
});

describe("Stripe", () => {
  const good = secret(`sk_test_${token("stripe-ok", 24)}`, 200);
  const restricted = secret(`rk_test_${token("stripe-403", 24)}`, 403);
  const wrongMode = secret(`sk_test_${token("stripe-mode", 24)}`, 200);

  test("the cross-field rule shows the Rust message next to the key; choice and 403 scopes", async () => {
    const { page: p, seen } = await page("stripe", "api_key");
    const options = await p.$$eval(`${q("mode")} option`, (o) => o.map((x) => [x.value, x.textContent]));
    assert.deepEqual(options, [["", "Choose…"], ["live", "Live"], ["test", "Test"]]);
    await p.select(q("mode"), "live");
    await fill(p, "api_key", wrongMode);
    assert.equal(await connect(p), "invalid");
    const expected = rustMessage("stripe", "api_key", { mode: "live", api_key: wrongMode }, "api_key");
    assert.match(expected, /Live mode needs a live key/);
    assert.equal(await fieldError(p, "api_key"), expected);
    assert.equal(await fieldError(p, "mode"), "");
    assert.equal(await focused(p), "cs-field-api_key");
    await noViolations(p, "with the cross-field error");
    const shots = screenshotDir();
    if (shots) await (await p.$("main")).screenshot({ path: path.join(shots, "stripe-api-key-error.png") });

    await p.select(q("mode"), "test");
    await fill(p, "api_key", good);
    assert.equal(await connect(p), "connected");
    assert.deepEqual(standin.hits.at(-1).path, "/v1/balance");
    assert.deepEqual(await linkedFields(p), { mode: "test", api_key: good });

    await fill(p, "api_key", restricted);
    assert.equal(await connect(p), "rejected");
    const scopes = await p.$$eval("connectspec-link >>> .alert .scopes li", (li) => li.map((l) => l.textContent));
    assert.deepEqual(scopes, ["Balance: Read balance:read"]);
    await assertNoLeak(assert, p, seen, [good, restricted, wrongMode], service.log());
    await p.close();
  });
});

describe("Zendesk", () => {
  const good = secret(token("zendesk-ok", 40), 200);
  const rejected = secret(token("zendesk-401", 40), 401);

  test("a pasted address is reduced to the subdomain, as the service does", async () => {
    const { page: p, seen } = await page("zendesk", "api_token");
    await fill(p, "subdomain", "https://Acme.zendesk.com/agent/dashboard");
    await p.keyboard.press("Tab");
    await fill(p, "email", "agent.acme.com");
    await p.keyboard.press("Tab");
    await waitFieldError(p, "email");
    assert.equal(await fieldError(p, "email"), rustMessage("zendesk", "api_token", { email: "agent.acme.com" }, "email"));
    assert.equal(await fieldError(p, "subdomain"), "", "a pasted address is valid");
    await fill(p, "email", "agent@acme.com");
    await fill(p, "api_token", good);
    await p.keyboard.press("Tab");
    // Once every field is valid, leaving one writes the normalised subdomain back.
    await p.waitForFunction(
      (sel) => document.querySelector("connectspec-link").shadowRoot.querySelector(sel).value === "acme",
      { timeout: 10000 },
      "#cs-field-subdomain",
    );
    assert.equal(await connect(p), "connected");
    const hit = standin.hits.at(-1);
    assert.deepEqual([hit.path, hit.token], ["/users/me.json", good]);
    assert.deepEqual(await linkedFields(p), { subdomain: "acme", email: "agent@acme.com", api_token: good });

    await fill(p, "api_token", rejected);
    assert.equal(await connect(p), "rejected");
    assert.match(await alertText(p), /Zendesk could not authenticate the email and token\./);
    await noViolations(p, "with a rejected token");
    await assertNoLeak(assert, p, seen, [good, rejected], service.log());
    await p.close();
  });
});

describe("Datadog", () => {
  const apiKey = secret(token("datadog-api", 32), 200);
  const appKey = secret(token("datadog-app", 40));
  const wrongSite = secret(token("datadog-403", 32), 403);

  test("the site is a choice with the spec's labels; missing, it shows the Rust message", async () => {
    const { page: p, seen } = await page("datadog", "api_and_application_key");
    const options = await p.$$eval(`${q("site")} option`, (o) => o.map((x) => x.textContent));
    assert.equal(options[0], "Choose…");
    assert.ok(options.includes("EU1 (app.datadoghq.eu)"), options.join());
    await fill(p, "api_key", apiKey);
    await fill(p, "application_key", appKey);
    assert.equal(await connect(p), "invalid");
    assert.equal(
      await fieldError(p, "site"),
      rustMessage("datadog", "api_and_application_key", { api_key: apiKey, application_key: appKey }, "site"),
    );
    assert.equal(await focused(p), "cs-field-site");
    await p.select(q("site"), "datadoghq.eu");
    assert.equal(await connect(p), "connected");
    assert.equal(standin.hits.at(-1).path, "/api/v1/validate");
    assert.deepEqual(await linkedFields(p), { site: "datadoghq.eu", api_key: apiKey, application_key: appKey });

    await fill(p, "api_key", wrongSite);
    assert.equal(await connect(p), "rejected");
    assert.match(await alertText(p), /Datadog rejected the API key\. Check the key, and that the chosen site/);
    await noViolations(p, "with a rejected key");
    await assertNoLeak(assert, p, seen, [apiKey, appKey, wrongSite], service.log());
    await p.close();
  });
});

describe("Telegram", () => {
  const bot = secret(`7012345678:${token("telegram-ok", 35, "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789_-")}`);

  // The stand-in does not know the bot (the token is in the path, not a header): only
  // the path each test request took is looked at.
  test("an optional one-option choice starts empty; chosen, the test path gains its segment", async () => {
    const { page: p, seen } = await page("telegram", "bot_token");
    const options = await p.$$eval(`${q("environment")} option`, (o) => o.map((x) => [x.value, x.textContent]));
    assert.deepEqual(options, [["", "Choose…"], ["test", "Test environment"]]);
    assert.equal(await p.$eval(q("environment"), (s) => s.value), "");
    assert.equal(await p.$eval(q("environment"), (s) => s.required), false);
    const desc = await p.$eval("connectspec-link >>> #cs-field-environment-desc", (d) => d.textContent);
    assert.match(desc, /test server/);
    await fill(p, "bot_token", bot);
    await connect(p);
    assert.equal(standin.hits.at(-1).path, `/bot${bot}/getMe`);
    await p.select(q("environment"), "test");
    await connect(p);
    assert.equal(standin.hits.at(-1).path, `/bot${bot}/test/getMe`);
    await noViolations(p, "with the environment chosen");
    await assertNoLeak(assert, p, seen, [bot], service.log());
    await p.close();
  });
});

describe("an OAuth client the end user brings", () => {
  const clientSecret = secret(token("zoom-client-secret", 32));
  const access = secret(token("zoom-access-token", 48));

  test("Zoom: the app's fields in the form, a token with them, the client sealed for the back end", async () => {
    standin.answer(clientSecret, 200, { access_token: access, token_type: "bearer", expires_in: 3599 });
    standin.answer(access, 200, { id: "KDcuGIm1QgePTO8WbOqwIQ" });
    const { page: p, seen } = await page("zoom", "server_to_server");
    const form = await p.evaluate(() => {
      const root = document.querySelector("connectspec-link").shadowRoot;
      return {
        legend: root.querySelector(".client legend").textContent,
        fields: [...root.querySelectorAll(".client .field")].map((f) => [f.dataset.field, f.querySelector("input").type]),
      };
    });
    assert.deepEqual(form, {
      legend: "Your Zoom app",
      fields: [["account_id", "text"], ["client_id", "text"], ["client_secret", "password"]],
    });
    assert.deepEqual(await axe(p), [], "axe on the client's fields");
    await fill(p, "account_id", "Xq3aT9bZRkeW2mJ8pLc4Ng");
    await fill(p, "client_id", "hNv7YdK2QsWpx3Lb9TmRzA");
    await fill(p, "client_secret", clientSecret);
    assert.equal(await connect(p), "connected", await alertText(p));
    const event = await lastConnect(p);
    const linked = await exchange(service, event.result);
    assert.equal(linked.client.client_secret, clientSecret);
    assert.equal(linked.client.account_id, "Xq3aT9bZRkeW2mJ8pLc4Ng");
    assert.equal(linked.tokens.access_token, access);
    await assertNoLeak(assert, p, seen, [clientSecret, access], service.log());
    await p.close();
  });
});

describe("iframe embedding", () => {
  const good = secret(token("embed-ok", 40), 200);

  test("the result is posted to the --embed-origin host only", async () => {
    host.frame(await linkUrl("oneflow", "api_token"));
    const { page: p } = await openPage(chrome.browser, `${host.origin}/`, { ready: false });
    const frameHandle = await p.waitForSelector("iframe#link");
    const frame = await frameHandle.contentFrame();
    await frame.waitForFunction(() => document.querySelector("connectspec-link")?.getAttribute("state") === "ready", {
      timeout: 15000,
    });
    const token = await frame.waitForSelector(q("api_token"));
    await token.type(good);
    await (await frame.waitForSelector(q("user_email"))).type("ada@example.com");
    await (await frame.waitForSelector("connectspec-link >>> button.connect")).click();
    await p.waitForFunction(() => window.__messages.length > 0, { timeout: 15000 });
    const messages = await p.evaluate(() => window.__messages);
    assert.equal(messages.length, 1);
    const { origin, data } = messages[0];
    assert.equal(origin, service.url);
    assert.deepEqual(
      { ...data, result: typeof data.result },
      { type: "connectspec:connect", provider: "oneflow", method: "api_token", result: "string", values: { user_email: "ada@example.com" } },
    );
    assert.ok(!JSON.stringify(data).includes(good), "no secret in the message");
    assert.equal((await exchange(service, data.result)).fields.api_token, good);
    await p.close();

    // Another origin may not frame the page at all.
    otherHost.frame(`${service.url}/connect/oneflow/api_token`);
    const { page: o } = await openPage(chrome.browser, `${otherHost.origin}/`, { ready: false });
    const blocked = await (await o.waitForSelector("iframe#link")).contentFrame();
    await new Promise((r) => setTimeout(r, 1000));
    const loaded = await blocked.evaluate(() => !!document.querySelector("connectspec-link")).catch(() => false);
    assert.equal(loaded, false, "frame-ancestors blocks other hosts");
    assert.equal(await o.evaluate(() => window.__messages.length), 0);
    await o.close();
  });
});

describe("the element on a host page", () => {
  const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const good = secret(token("host-ok", 64, alnum), 200);

  const markup = (session) => [
    `<style>
      connectspec-link { --connectspec-color-accent: #6a1b9a; --connectspec-radius: 0px; }
      connectspec-link::part(button) { text-transform: uppercase; }
    </style>
    <script type="module" src="${service.url}/connect/assets/link/connectspec-link.js"></script>`,
    `<connectspec-link provider="webflow" method="site_token" service="${service.url}"></connectspec-link>
    <script type="module">document.querySelector("connectspec-link").session = ${JSON.stringify(session)};</script>`,
  ];
  const session = () => openSession(service, { end_user: "host-test", offers: [{ provider: "webflow" }] });

  test("loads from the service cross-origin (CORS for --embed-origin), themed by custom properties and ::part", async () => {
    host.embed(...markup(await session()));
    const { page: p, seen } = await openPage(chrome.browser, `${host.origin}/`);
    const style = await p.$eval("connectspec-link >>> button.connect", (b) => {
      const cs = getComputedStyle(b);
      return [cs.backgroundColor, cs.textTransform, cs.borderTopLeftRadius];
    });
    assert.deepEqual(style, ["rgb(106, 27, 154)", "uppercase", "0px"]);
    await fill(p, "site_token", good);
    assert.equal(await connect(p), "connected");
    assert.deepEqual(await linkedFields(p), { site_token: good });
    await noViolations(p, "on a host page");
    await assertNoLeak(assert, p, seen, [good], service.log());
    await p.close();
  });

  test("another origin gets no CORS access to the API", async () => {
    otherHost.embed(...markup(await session()));
    const { page: p } = await openPage(chrome.browser, `${otherHost.origin}/`, { ready: false });
    await p.waitForFunction(() => document.querySelector("connectspec-link")?.getAttribute("state") === "error", {
      timeout: 15000,
    });
    assert.match(await alertText(p), /The form could not be loaded/);
    await p.close();
  });
});

describe("a phone-sized screen", () => {
  test("at 360 px no part of the form is wider than the screen (choices, Show buttons)", async () => {
    for (const [provider, method] of [
      ["datadog", "api_and_application_key"],
      ["oneflow", "api_token"],
      ["stripe", "api_key"],
    ]) {
      const { page: p } = await openPage(chrome.browser, `${service.url}/connect/${provider}/${method}`, {
        width: 360,
        height: 740,
      });
      const wide = await overflow(p);
      assert.deepEqual(wide.out, [], `${provider}: elements past ${wide.limit}px`);
      assert.ok(wide.scroll <= wide.limit, `${provider}: the page scrolls sideways (${wide.scroll} > ${wide.limit})`);
      await p.close();
    }
  });
});
