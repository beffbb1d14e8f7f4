// The hosted link page (GET /link#session=…) in headless Chromium: the provider picker of
// a session that offers several accounts (searchable, keyboard-only, axe-core clean, no
// sideways scrolling at 360 px), then the chosen form and the sealed result; a session
// that offers one account goes straight to its form. Run by crates/cli/tests/browser.rs.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  assertNoLeak,
  axe,
  exchange,
  focused,
  launchBrowser,
  openPage,
  openSession,
  overflow,
  screenshotDir,
  startService,
  startStandin,
} from "./harness.mjs";

let standin;
let service;
let chrome;

const GOOD = "of8Hn2Kq7Wm4Rt1Yv6Bc3Jd9Fg5Ls0Pa2Zx7Ne4M";

before(async () => {
  standin = await startStandin();
  standin.answer(GOOD, 200);
  service = await startService(["--base-url", `oneflow=${standin.url}`, "--base-url", `webflow=${standin.url}`]);
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await service?.stop();
  await standin?.close();
});

const OFFERS = [{ provider: "oneflow" }, { provider: "webflow" }, { provider: "stripe" }, { provider: "microsoft_graph" }];

async function hosted(offers, opts) {
  const session = await openSession(service, { end_user: "ada", offers, values: {} });
  return openPage(chrome.browser, `${service.url}/link#session=${session}`, { ready: false, ...opts });
}

function pickerReady(p) {
  return p.waitForSelector("#provider-list button", { timeout: 15000 });
}

function formState(p) {
  return p.evaluate(() => document.querySelector("connectspec-link")?.getAttribute("state") ?? null);
}

describe("the hosted link page", () => {
  test("picker: search, keyboard only, then the form; the result reaches the back end", async () => {
    const { page: p, seen } = await hosted(OFFERS);
    await pickerReady(p);
    assert.equal(new URL(p.url()).hash, "", "the session left the address bar");
    const names = await p.$$eval("#provider-list button", (bs) => bs.map((b) => b.textContent));
    assert.deepEqual(names, ["Oneflow", "Webflow", "Stripe", "Microsoft Graph"]);
    assert.equal(await p.$eval("h1", (h) => h.textContent), "Choose the account to link");
    assert.deepEqual(await axe(p), [], "axe on the picker");
    const shots = screenshotDir();
    if (shots) await p.screenshot({ path: path.join(shots, "picker.png") });

    // Search narrows the list; no match says so.
    const kb = p.keyboard;
    await kb.press("Tab");
    assert.equal(await focused(p), "provider-search");
    await kb.type("zzz");
    assert.equal(await p.$eval(".empty", (e) => e.hidden), false);
    assert.deepEqual(await axe(p), [], "axe with no match");
    for (let i = 0; i < 3; i++) await kb.press("Backspace");
    await kb.type("one");
    const visible = await p.$$eval("#provider-list li:not([hidden]) button", (bs) => bs.map((b) => b.textContent));
    assert.deepEqual(visible, ["Oneflow"]);
    // Arrow down to the match, Enter: the form.
    await kb.press("ArrowDown");
    assert.equal(await p.evaluate(() => document.activeElement.dataset.provider), "oneflow");
    await kb.press("Enter");
    await p.waitForFunction(() => document.querySelector("connectspec-link")?.getAttribute("state") === "ready", { timeout: 15000 });
    assert.deepEqual(await axe(p), [], "axe on the hosted form");

    // Keyboard only through the form: Tab past Back to the token, type, on to Connect.
    await p.focus("button.back");
    await kb.press("Tab");
    assert.equal(await focused(p), "cs-field-api_token");
    await kb.type(GOOD);
    await kb.press("Tab"); // Show
    await kb.press("Tab");
    assert.equal(await focused(p), "cs-field-user_email");
    await kb.type("ada@example.com");
    await p.evaluate(() => {
      window.__states.length = 0;
    });
    await kb.press("Enter");
    await p.waitForFunction(() => window.__states.includes("connected"), { timeout: 15000 });
    assert.match(await p.$eval(".connectspec-page-result", (e) => e.textContent), /The account is linked/);
    const event = await p.evaluate(() => window.__connect.at(-1));
    const linked = await exchange(service, event.result);
    assert.equal(linked.fields.api_token, GOOD);
    assert.equal(linked.end_user, "ada");
    await assertNoLeak(assert, p, seen, [GOOD], service.log());
    assert.deepEqual(await axe(p), [], "axe once linked");

    // Back to the list, keyboard only.
    await p.focus("button.back");
    await kb.press("Enter");
    await pickerReady(p);
    await p.close();
  });

  test("is served with a strict CSP, no referrer and no inline script", async () => {
    const res = await fetch(`${service.url}/link`);
    assert.equal(res.status, 200);
    const csp = res.headers.get("content-security-policy");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get("referrer-policy"), "no-referrer");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("cache-control"), "no-store");
    const html = await res.text();
    for (const tag of html.match(/<script[^>]*>/g)) assert.match(tag, / src="/, tag);
    assert.doesNotMatch(html, / on[a-z]+=| style=/);
  });

  test("one offer goes straight to its form; a page without a session says what to do", async () => {
    const { page: p } = await hosted([{ provider: "webflow", method: "site_token" }]);
    await p.waitForFunction(() => document.querySelector("connectspec-link")?.getAttribute("state") === "ready", { timeout: 15000 });
    assert.equal(await p.$("#provider-list"), null);
    assert.equal(await p.$("button.back"), null);
    await p.close();
    const { page: bare } = await openPage(chrome.browser, `${service.url}/link`, { ready: false });
    await bare.waitForFunction(() => document.querySelector(".connectspec-page-result").textContent !== "");
    assert.match(await bare.$eval(".connectspec-page-result", (e) => e.textContent), /This link is not complete/);
    await bare.close();
  });

  test("at 360 px the picker and the form fit the screen", async () => {
    const { page: p } = await hosted(OFFERS, { width: 360, height: 740 });
    await pickerReady(p);
    let wide = await overflow(p);
    assert.deepEqual(wide.out, [], "picker: elements past the screen");
    assert.ok(wide.scroll <= wide.limit, `picker scrolls sideways (${wide.scroll} > ${wide.limit})`);
    await p.click('#provider-list button[data-provider="stripe"]');
    await p.waitForFunction(() => document.querySelector("connectspec-link")?.getAttribute("state") === "ready", { timeout: 15000 });
    wide = await overflow(p);
    assert.deepEqual(wide.out, [], "form: elements past the screen");
    assert.ok(wide.scroll <= wide.limit, `form scrolls sideways (${wide.scroll} > ${wide.limit})`);
    assert.ok((await formState(p)) === "ready");
    await p.close();
  });
});
