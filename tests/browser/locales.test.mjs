// The form in other languages, in headless Chromium: German, Japanese, the pseudo-locale
// en-XA (every letter accented, text longer) and the right-to-left pseudo-locale ar-XB.
// In each: axe-core finds no violation, nothing is wider than a 360 px screen, and in the
// pseudo-locales every visible text is transformed (a run of three plain ASCII letters is
// a string that did not come from a catalogue or a spec translation). ar-XB lays the form
// out mirrored. Where the language comes from: the element's `lang`, the page's, the
// link session's. CONNECTSPEC_SCREENSHOTS=docs/screenshots writes the German and Japanese
// screenshots (docs/form.md). Run by crates/cli/tests/browser.rs.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  axe,
  connect,
  fieldError,
  fill,
  launchBrowser,
  openPage,
  openSession,
  overflow,
  screenshotDir,
  startHost,
  startService,
  startStandin,
  q,
  waitFieldError,
  waitReady,
} from "./harness.mjs";

let standin;
let host;
let service;
let chrome;

const GOOD = "of8Hn2Kq7Wm4Rt1Yv6Bc3Jd9Fg5Ls0Pa2Zx7Ne4M";
const REFUSED = "of8Hn2Kq7Wm4Rt1Yv6Bc3Jd9Fg5Ls0Pa2Zx7Ne4X";

before(async () => {
  standin = await startStandin();
  standin.answer(GOOD, 200);
  standin.answer(REFUSED, 401);
  host = await startHost();
  service = await startService([
    "--pseudo-locales",
    "--embed-origin",
    host.origin,
    "--base-url",
    `oneflow=${standin.url}`,
    "--base-url",
    `webflow=${standin.url}`,
  ]);
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await service?.stop();
  await standin?.close();
  await host?.close();
});

/** The Oneflow link page in `lang` (the page's `<html lang>`), in a new link session. */
async function oneflow(lang, opts = {}) {
  const session = await openSession(service, { end_user: "locale-test", offers: [{ provider: "oneflow" }] });
  return openPage(chrome.browser, `${service.url}/connect/oneflow/api_token?lang=${lang}#session=${session}`, opts);
}

function element(p) {
  return p.evaluate(() => {
    const e = document.querySelector("connectspec-link");
    return { lang: e.getAttribute("lang"), dir: e.getAttribute("dir"), button: e.shadowRoot.querySelector("button.connect").textContent };
  });
}

/**
 * Visible text that is still plain English: for each visible text node of the document
 * and its shadow roots (and each placeholder), the runs of three or more ASCII letters
 * left once code spans, URLs and the provider's name are set aside. In `ar-XB` text is
 * wrapped in right-to-left overrides, and what is inside one is transformed.
 */
function untransformed(p, keep) {
  return p.evaluate((keep) => {
    const found = [];
    const check = (text, where) => {
      let rest = text.replace(/\u202e[^\u202c]*\u202c/g, " ").replace(/https?:\/\/\S+/g, " ");
      for (const k of keep) rest = rest.split(k).join(" ");
      for (const m of rest.matchAll(/[A-Za-z]{3,}/g)) found.push(`${m[0]} in “${text.trim().slice(0, 80)}” (${where})`);
    };
    const walk = (root) => {
      const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = it.nextNode(); n; n = it.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest("code, script, style, title, template")) continue;
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && !el.closest(".visually-hidden")) continue;
        if (n.data.trim()) check(n.data, el.localName);
      }
      for (const el of root.querySelectorAll("*")) {
        for (const a of ["placeholder", "aria-label", "title"]) if (el.hasAttribute(a)) check(el.getAttribute(a), `${el.localName}[${a}]`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document.body);
    return found;
  }, keep);
}

/** Elements of the form (its shadow root) whose content is wider than their box. */
function scrollers(p) {
  return p.evaluate(() => {
    const out = [];
    const host = document.querySelector("connectspec-link");
    const all = [host, ...host.shadowRoot.querySelectorAll("*")];
    for (const el of all) {
      // A text field scrolls its own text: that is how an input works.
      // Screen-reader text is clipped to a pixel on purpose.
      if (el.matches("input, textarea, select, option, link, .visually-hidden") || el.clientWidth === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.localName}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

async function noViolations(p, when) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core violations ${when}: ${JSON.stringify(v, null, 1)}`);
}

/** Takes the screenshot `name` when CONNECTSPEC_SCREENSHOTS is set: fonts loaded, no
 *  caret, no hover, so a run without changes writes the same picture. */
async function shoot(p, name) {
  const dir = screenshotDir();
  if (!dir) return;
  await p.evaluate(async () => {
    document.activeElement?.blur();
    await document.fonts.ready;
  });
  await p.mouse.move(0, 0);
  await p.screenshot({ path: path.join(dir, name), fullPage: true });
}

const PSEUDO_KEEP = ["Oneflow"];

/** Fills the Oneflow form at once, without leaving a field (no validation on the way). */
function type(p, token) {
  return p.evaluate((token) => {
    const root = document.querySelector("connectspec-link").shadowRoot;
    for (const [key, value] of [["api_token", token], ["user_email", "ada@example.com"]]) {
      const input = root.querySelector(`#cs-field-${key}`);
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }, token);
}

describe("the form in German and Japanese", () => {
  for (const [lang, expect] of [
    [
      "de",
      { button: "Verbinden", label: "API-Token", invalid: /^API-Token muss /, rejected: /^Oneflow hat den API-Token abgelehnt/, shot: "form-de.png" },
    ],
    [
      "ja",
      { button: "接続", label: "API トークン", invalid: /^API トークン/, rejected: /^Oneflow が API トークンを拒否しました。/, shot: "form-ja.png" },
    ],
  ]) {
    test(`${lang}: chrome, spec texts, guide and the connection test speak it; axe clean`, async () => {
      const { page: p } = await oneflow(lang);
      assert.deepEqual(await element(p), { lang, dir: "ltr", button: expect.button });
      const label = await p.$eval("connectspec-link >>> label[for=cs-field-api_token]", (l) => l.textContent);
      assert.equal(label, expect.label);
      assert.equal(await p.$eval("h1", (h) => h.textContent), await p.evaluate(() => document.title));
      await noViolations(p, `(${lang}, ready)`);
      await shoot(p, expect.shot);
      // Left malformed, the token's error is the browser validators' message in the
      // language (their locale option), tied to its field.
      await fill(p, "api_token", "short");
      await p.focus(q("user_email"));
      await waitFieldError(p, "api_token");
      assert.match(await fieldError(p, "api_token"), expect.invalid);
      await noViolations(p, `(${lang}, invalid)`);
      await fill(p, "api_token", REFUSED);
      await fill(p, "user_email", "ada@example.com");
      assert.equal(await connect(p), "rejected");
      const alert = await p.$eval("connectspec-link >>> .alert", (a) => a.textContent);
      assert.match(alert, expect.rejected);
      await noViolations(p, `(${lang}, rejected)`);
      await p.close();
    });
  }
});

describe("the pseudo-locales", () => {
  for (const lang of ["en-XA", "ar-XB"]) {
    test(`${lang}: every visible text is transformed, in every state; axe clean`, async () => {
      const { page: p } = await oneflow(lang);
      const e = await element(p);
      assert.equal(e.lang, lang);
      assert.equal(e.dir, lang === "ar-XB" ? "rtl" : "ltr");
      assert.deepEqual(await untransformed(p, PSEUDO_KEEP), [], `${lang}: plain text when ready`);
      await noViolations(p, `(${lang}, ready)`);
      // A malformed token: the field error (the service's validation: no browser
      // catalogue ships a pseudo-locale) and the alert.
      await type(p, "short");
      assert.equal(await connect(p), "invalid");
      assert.notEqual(await fieldError(p, "api_token"), "");
      assert.deepEqual(await untransformed(p, PSEUDO_KEEP), [], `${lang}: plain text once invalid`);
      await noViolations(p, `(${lang}, invalid)`);
      await type(p, REFUSED);
      assert.equal(await connect(p), "rejected");
      assert.deepEqual(await untransformed(p, PSEUDO_KEEP), [], `${lang}: plain text once rejected`);
      await noViolations(p, `(${lang}, rejected)`);
      await type(p, GOOD);
      assert.equal(await connect(p), "connected");
      assert.deepEqual(await untransformed(p, PSEUDO_KEEP), [], `${lang}: plain text once connected`);
      await p.close();
    });
  }

  test("ar-XB lays the form out mirrored", async () => {
    const { page: p } = await oneflow("ar-XB");
    const geometry = await p.evaluate(() => {
      const root = document.querySelector("connectspec-link").shadowRoot;
      const box = (sel) => {
        const r = root.querySelector(sel).getBoundingClientRect();
        return { left: r.left, right: r.right };
      };
      const field = box('[data-field="api_token"]');
      // The label's text, not its box (a grid item as wide as the field).
      const range = document.createRange();
      range.selectNodeContents(root.querySelector("label[for=cs-field-api_token]"));
      const text = range.getBoundingClientRect();
      const label = { left: text.left, right: text.right };
      const input = box("#cs-field-api_token");
      const toggle = box("button.toggle");
      const form = root.querySelector(".form");
      const pad = parseFloat(getComputedStyle(form).paddingInlineStart);
      const f = form.getBoundingClientRect();
      return { field, label, input, toggle, button: box("button.connect"), contentRight: f.right - pad, contentLeft: f.left + pad };
    });
    const near = (a, b) => Math.abs(a - b) <= 2;
    // A label starts at the field's inline start, which is on the right.
    assert.ok(near(geometry.label.right, geometry.field.right), JSON.stringify(geometry));
    assert.ok(geometry.label.left > geometry.field.left + 20, JSON.stringify(geometry));
    // The Show button follows the input: on its left.
    assert.ok(geometry.toggle.right <= geometry.input.left + 1, JSON.stringify(geometry));
    // Connect sits at the start of its row: on the right.
    assert.ok(near(geometry.button.right, geometry.contentRight), JSON.stringify(geometry));
    assert.ok(geometry.button.left > geometry.contentLeft + 20, JSON.stringify(geometry));
    await p.close();
  });
});

describe("a phone-sized screen in every language", () => {
  for (const lang of ["de", "ja", "en-XA", "ar-XB"]) {
    test(`${lang}: at 360 px nothing is wider than the screen or its box`, async () => {
      const { page: p } = await oneflow(lang, { width: 360, height: 740 });
      const wide = await overflow(p);
      assert.deepEqual(wide.out, [], `${lang}: elements past the screen`);
      assert.ok(wide.scroll <= wide.limit, `${lang}: the page scrolls sideways (${wide.scroll} > ${wide.limit})`);
      assert.deepEqual(await scrollers(p), [], `${lang}: content wider than its box`);
      await p.close();
    });
  }
});

describe("where the language comes from", () => {
  test("the element's own lang wins over the page's", async () => {
    const session = await openSession(service, { end_user: "locale-test", offers: [{ provider: "webflow" }] });
    host.embed(
      `<script type="module" src="${service.url}/connect/assets/link/connectspec-link.js"></script>`,
      `<connectspec-link lang="ja-JP" provider="webflow" method="site_token" service="${service.url}"></connectspec-link>
       <script type="module">document.querySelector("connectspec-link").session = ${JSON.stringify(session)};</script>`,
    );
    const { page: p } = await openPage(chrome.browser, `${host.origin}/`);
    const e = await element(p);
    // Its own attribute is kept as the page wrote it; its texts are Japanese.
    assert.deepEqual(e, { lang: "ja-JP", dir: "ltr", button: "接続" });
    await p.close();
  });

  test("without a lang anywhere, the link session's locale: the hosted page and the link page", async () => {
    const session = await openSession(service, {
      end_user: "locale-test",
      offers: [{ provider: "oneflow" }],
      locale: "de-AT",
    });
    const { page: p } = await openPage(chrome.browser, `${service.url}/link#session=${session}`, { ready: false });
    await waitReady(p);
    assert.equal(await p.evaluate(() => document.documentElement.lang), "de");
    assert.equal(await p.$eval("h1", (h) => h.textContent), "Konto verknüpfen");
    assert.equal((await element(p)).button, "Verbinden");
    await p.close();

    const again = await openSession(service, {
      end_user: "locale-test",
      offers: [{ provider: "oneflow" }],
      locale: "ja",
    });
    const { page: q } = await openPage(chrome.browser, `${service.url}/connect/oneflow/api_token#session=${again}`, { ready: false });
    await waitReady(q);
    assert.equal(await q.evaluate(() => document.documentElement.lang), "ja");
    assert.equal((await element(q)).button, "接続");
    assert.equal(new URL(q.url()).hash, "", "the session left the address bar");
    await q.close();
  });
});
