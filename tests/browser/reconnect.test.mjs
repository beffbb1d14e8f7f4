// Reconnecting a linked account, in headless Chromium on the hosted link page: the hub's
// back end opens a reconnect session naming the account it holds (the identity Jira's
// connection test found when the account was linked) and the non-secret values it kept.
// The form comes pre-filled with secrets empty; another account is refused in words; the
// same account links and the result names the connection it repairs. Run by
// crates/cli/tests/browser.rs.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  alertText,
  assertNoLeak,
  axe,
  connect,
  exchange,
  fill,
  launchBrowser,
  openPage,
  openSession,
  q,
  screenshotDir,
  startService,
  startStandin,
} from "./harness.mjs";

const ACCOUNT = "5b10ac8d82e05b22cc7d4ef5";
const SAME = "ATATT3xFfGF0T4nq8rZcQe2uJvXwYkLm9pHs7dG1";
const OTHER = "ATATT3xFfGF0Zz1Yy2Xx3Ww4Vv5Uu6Tt7Ss8Rr9Qq";

let standin;
let service;
let chrome;

before(async () => {
  standin = await startStandin();
  standin.answer(SAME, 200, { accountId: ACCOUNT, emailAddress: "ada@acme.com" });
  standin.answer(OTHER, 200, { accountId: "712020:0f1e2d3c-other", emailAddress: "bob@acme.com" });
  service = await startService(["--base-url", `jira=${standin.url}`]);
  chrome = await launchBrowser();
});

after(async () => {
  await chrome?.close();
  await service?.stop();
  await standin?.close();
});

describe("reconnect", () => {
  test("pre-filled, secrets empty; another account refused; the same account links", async () => {
    const session = await openSession(service, {
      end_user: "ada",
      offers: [],
      values: { site: "acme.atlassian.net", email: "ada@acme.com" },
      reconnect: { connection: "conn-7", provider: "jira", method: "api_token", identity: ACCOUNT },
    });
    const { page: p, seen } = await openPage(chrome.browser, `${service.url}/link#session=${session}`);
    const values = await p.evaluate(() => {
      const root = document.querySelector("connectspec-link").shadowRoot;
      return Object.fromEntries([...root.querySelectorAll("input")].map((i) => [i.name, i.value]));
    });
    assert.deepEqual(values, { site: "acme.atlassian.net", email: "ada@acme.com", api_token: "" });
    assert.equal(await p.$eval("h1", (h) => h.textContent), "Reconnect your Jira account");
    assert.deepEqual(await axe(p), [], "axe on the reconnect form");
    const shots = screenshotDir();
    if (shots) await p.screenshot({ path: path.join(shots, "reconnect.png") });

    await fill(p, "api_token", OTHER);
    assert.equal(await connect(p), "rejected");
    assert.match(await alertText(p), /^This is a different Jira account from the one linked before\./);
    assert.equal(await p.evaluate(() => window.__connect.length), 0, "no result for another account");
    assert.deepEqual(await axe(p), [], "axe with the refusal shown");

    await fill(p, "api_token", SAME);
    assert.equal(await connect(p), "connected");
    const event = await p.evaluate(() => window.__connect.at(-1));
    assert.equal(event.identity, ACCOUNT);
    const linked = await exchange(service, event.result);
    assert.equal(linked.connection, "conn-7");
    assert.equal(linked.identity, ACCOUNT);
    assert.equal(linked.fields.api_token, SAME);
    assert.equal(await p.$eval(q("email"), (e) => e.value), "ada@acme.com");
    await assertNoLeak(assert, p, seen, [SAME, OTHER], service.log());
    await p.close();
  });
});
