// Test harness of the link form: the real `connectspec serve` binary, a stand-in provider
// (a Node HTTP server answering connection tests by token), a stand-in host page for the
// iframe embedding, and headless Chromium driven by puppeteer-core. Loopback only.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const BIN = process.env.CONNECTSPEC_BIN || path.join(ROOT, "target/debug/connectspec");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

/** A stand-in provider: answers every request with the status registered for a token it
 *  finds in a header (or in decoded basic credentials), 500 when it finds none. A token
 *  registered as `"hang"` gets no answer (the service's timeout). */
export async function startStandin() {
  const statuses = new Map();
  const bodies = new Map();
  const hits = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const seen = [];
    for (const [name, value] of Object.entries(req.headers)) {
      seen.push(String(value));
      if (name === "authorization" && /^Basic /i.test(value)) {
        seen.push(Buffer.from(value.slice(6), "base64").toString("utf8"));
      }
    }
    let status = 500;
    let token = null;
    for (const [t, s] of statuses) {
      if (seen.some((v) => v.includes(t))) {
        status = s;
        token = t;
        break;
      }
    }
    hits.push({ method: req.method, path: req.url, token, status });
    if (status === "hang") return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(bodies.get(token) ?? "{}");
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    answer(token, status, body) {
      statuses.set(token, status);
      if (body !== undefined) bodies.set(token, JSON.stringify(body));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A stand-in host page (no CSP of its own): frames the service's page, or embeds the
 *  element directly; records the messages it receives. */
export async function startHost() {
  let html = "";
  const server = http.createServer((req, res) => {
    if (req.url === "/host.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(
        "window.__messages = [];\n" +
          "window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));\n",
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  const port = await listen(server);
  const page = (head, body) =>
    `<!doctype html><html lang="en"><head><title>Hub</title><script src="/host.js"></script>${head}</head>` +
    `<body><main><h1>Hub</h1>${body}</main></body></html>`;
  return {
    origin: `http://127.0.0.1:${port}`,
    frame(src) {
      html = page("", `<iframe id="link" title="Link an account" src="${src}" width="1000" height="900"></iframe>`);
    },
    embed(head, body) {
      html = page(head, body);
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The operator API key of the test services (fake, 40 characters). */
export const API_KEY = "op_browser-test-key-Zx9Lw4Rt8Yv1Bn6Hc5Jd0";
/** The key that seals their states, sessions and results (base64url of 32 bytes). */
export const STATE_KEY = Buffer.alloc(32, 11).toString("base64url");

/** Starts the service binary (with the test API key and sealing key, and `env`); resolves
 *  once it logs its address. */
export async function startService(args, env = {}, { port = 0 } = {}) {
  const child = spawn(BIN, ["serve", "--listen", `127.0.0.1:${port}`, "--log-json", ...args], {
    env: {
      ...process.env,
      RUST_LOG: "debug",
      CONNECTSPEC_API_KEYS: API_KEY,
      CONNECTSPEC_OAUTH_STATE_KEYS: STATE_KEY,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${log}`)), 20000);
    const onData = (chunk) => {
      log += chunk;
      const m = /"listen":"(127\.0\.0\.1:\d+)"/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`service exited (${code}):\n${log}`)));
  });
  return {
    url: `http://${address}`,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await done;
    },
  };
}

/** A loopback port free now (for a service whose URL must be known before it starts). */
export async function freePort() {
  const server = http.createServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

/** The real OAuth server of the OAuth tests (tests/oauth/server.mjs, oidc-provider from
 *  its lockfile): its issuers; stopped by `stop()`. */
export async function startOidc(env) {
  const dir = path.join(ROOT, "tests/oauth");
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const line = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
      const i = out.indexOf("\n");
      if (i >= 0) resolve(out.slice(0, i));
    });
    child.on("exit", (code) => reject(new Error(`the OAuth server exited (${code})`)));
  });
  return {
    ...JSON.parse(line),
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once("exit", r));
      child.stdin.end();
      child.kill("SIGTERM");
      await done;
    },
  };
}

/** The hub's back end opens a link session: its token. */
export async function openSession(service, body) {
  const res = await fetch(`${service.url}/v1/link/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`session not opened (${res.status}): ${JSON.stringify(json)}`);
  return json.session_token;
}

/** The hub's back end redeems a link result: the credentials. */
export async function exchange(service, result) {
  const res = await fetch(`${service.url}/v1/link/exchange`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ result }),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`result not redeemed (${res.status}): ${JSON.stringify(json)}`);
  return json;
}

/** What the Rust validator says about `fields`: its errors (the CLI's JSON output). */
export function rustErrors(provider, method, fields) {
  const args = ["validate", provider, method, "--json"];
  for (const [k, v] of Object.entries(fields)) args.push("--field", `${k}=${v}`);
  let out;
  try {
    out = execFileSync(BIN, args, { encoding: "utf8" });
  } catch (e) {
    out = e.stdout;
  }
  return JSON.parse(out).errors || [];
}

export function rustMessage(provider, method, fields, key) {
  const e = rustErrors(provider, method, fields).find((x) => x.field === key);
  if (!e) throw new Error(`the Rust validator finds no error in ${key}`);
  return e.message;
}

export async function launchBrowser() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "connectspec-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--font-render-hinting=none",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Installed before any page script runs: records connect events, every event dispatched
 *  with a detail, CSP violations and the element's state changes. */
function instrument() {
  window.__connect = [];
  window.__details = [];
  window.__csp = [];
  window.__states = [];
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    if ("detail" in event && event.detail !== null) {
      window.__details.push({ type: event.type, detail: JSON.stringify(event.detail) });
    }
    return dispatch.call(this, event);
  };
  document.addEventListener("connect", (e) => window.__connect.push(e.detail));
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.attributeName === "state" && r.target.localName === "connectspec-link") {
        window.__states.push(r.target.getAttribute("state"));
      }
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["state"] });
}

/** A page with everything recorded that could leak a secret. */
export async function openPage(browser, url, { width = 1100, height = 1000, ready = true } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  const seen = { console: [], requests: [], errors: [] };
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("request", (r) => seen.requests.push({ url: r.url(), method: r.method(), body: r.postData() || "" }));
  await page.evaluateOnNewDocument(instrument);
  if (url) {
    await page.goto(url, { waitUntil: "load" });
    if (ready) await waitReady(page);
  }
  return { page, seen };
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.querySelector("connectspec-link")?.getAttribute("state") === "ready", {
    timeout: 15000,
  });
}

export const q = (key) => `connectspec-link >>> #cs-field-${key}`;

/** Replaces a field's content by typing `value`. */
export async function fill(page, key, value) {
  const input = await page.waitForSelector(q(key));
  await input.evaluate((e) => {
    e.value = "";
  });
  await input.focus();
  await page.keyboard.sendCharacter(value);
  return input;
}

/** The error shown next to a field ("" when none). */
export function fieldError(page, key) {
  return page.evaluate((k) => {
    const root = document.querySelector("connectspec-link").shadowRoot;
    const e = root.querySelector(`#cs-field-${k}-error`);
    const input = root.querySelector(`#cs-field-${k}`);
    if (!e || e.hidden) return "";
    // The error must be tied to its input, for screen readers.
    if (input.getAttribute("aria-invalid") !== "true") return "(error not marked on the input)";
    if (!(input.getAttribute("aria-describedby") || "").split(" ").includes(e.id)) return "(error not in aria-describedby)";
    return e.textContent;
  }, key);
}

export function waitFieldError(page, key) {
  return page.waitForFunction(
    (k) => {
      const e = document.querySelector("connectspec-link").shadowRoot.querySelector(`#cs-field-${k}-error`);
      return e && !e.hidden && e.textContent !== "";
    },
    { timeout: 10000 },
    key,
  );
}

const TERMINAL = ["connected", "rejected", "invalid", "timeout", "error", "closed"];

/** Submits (clicking Connect, or a key already pressed by `how`) and waits for the outcome. */
export async function connect(page, how) {
  await page.evaluate(() => {
    window.__states.length = 0;
  });
  if (how) await how();
  else await page.click("connectspec-link >>> button.connect");
  try {
    await page.waitForFunction((t) => window.__states.some((s) => t.includes(s)), { timeout: 15000 }, TERMINAL);
  } catch (e) {
    const states = await page.evaluate(() => window.__states.join(","));
    throw new Error(`no outcome after Connect (states: ${states}; alert: ${await alertText(page)})`, { cause: e });
  }
  return page.evaluate(() => document.querySelector("connectspec-link").getAttribute("state"));
}

export function alertText(page) {
  return page.evaluate(() => document.querySelector("connectspec-link").shadowRoot.querySelector(".alert").textContent);
}

export function statusText(page) {
  return page.evaluate(() => document.querySelector("connectspec-link").shadowRoot.querySelector(".status").textContent);
}

/** The deepest focused element: `id` or `tag.class`. */
export function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a ? a.id || `${a.localName}.${a.className}` : null;
  });
}

/** axe-core over the document (shadow roots included); the violations. */
export async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // axe adds a style element of its own, which the page's CSP refuses; that report is axe's.
    const csp = window.__csp.length;
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    window.__csp.length = csp;
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  });
}

/** Every place outside an input where a secret could show: attributes and text of the
 *  document and its shadow roots, storage, cookies, and the details of every event
 *  (`connect` included: it carries a sealed result, never a secret). */
export function pageSurfaces(page) {
  return page.evaluate(() => {
    const attributes = [];
    const text = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        for (const a of el.attributes) attributes.push(`${el.localName}[${a.name}]=${a.value}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
      text.push(root.textContent || "");
    };
    walk(document);
    const storage = [];
    for (const s of [localStorage, sessionStorage]) {
      for (let i = 0; i < s.length; i++) storage.push(`${s.key(i)}=${s.getItem(s.key(i))}`);
    }
    return {
      attributes,
      text,
      storage,
      cookie: document.cookie,
      events: window.__details,
      csp: window.__csp,
    };
  });
}

/** Asserts that none of `secrets` shows outside its input, on the page or in the service log. */
export async function assertNoLeak(assert, page, seen, secrets, serviceLog) {
  const s = await pageSurfaces(page);
  for (const secret of secrets) {
    const where = [];
    if (s.attributes.some((a) => a.includes(secret))) where.push("a DOM attribute");
    if (s.text.some((t) => t.includes(secret))) where.push("DOM text");
    if (s.storage.some((t) => t.includes(secret)) || s.cookie.includes(secret)) where.push("storage");
    if (s.events.some((e) => e.detail.includes(secret))) where.push("an event's detail");
    if (seen.console.some((c) => c.includes(secret)) || seen.errors.some((c) => c.includes(secret))) where.push("the console");
    if (seen.requests.some((r) => r.url.includes(secret) || decodeURIComponent(r.url).includes(secret))) where.push("a request URL");
    if (serviceLog.includes(secret)) where.push("the service log");
    assert.deepEqual(where, [], `a secret was found in ${where.join(", ")}`);
  }
  assert.deepEqual(s.csp, [], "Content-Security-Policy violations");
}

export function screenshotDir() {
  const dir = process.env.CONNECTSPEC_SCREENSHOTS;
  if (!dir) return null;
  const abs = path.resolve(ROOT, dir);
  mkdirSync(abs, { recursive: true });
  return abs;
}

/** Elements wider than the screen, or past the form card they sit in, and the page's
 *  scroll width against the viewport's. */
export function overflow(page) {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const out = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        // Past the screen, or past the card (the form) it sits in.
        const card = el.closest(".form")?.getBoundingClientRect();
        const right = Math.min(limit, card ? card.right : limit);
        const left = card ? card.left : 0;
        if (r.width > 0 && (r.right > right + 0.5 || r.left < left - 0.5)) {
          out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { limit, scroll: document.documentElement.scrollWidth, out };
  });
}

/** The example hub's binary (examples/hub), for hub.test.mjs. */
export const HUB_BIN = process.env.HUB_BIN || path.join(ROOT, "target/debug/hub");
/** The example hub's encryption key in the tests (base64url of 32 bytes). */
export const HUB_KEY = Buffer.alloc(32, 23).toString("base64url");

/** Starts the example hub against `service` (its URL) with the test operator key, on
 *  `port` (0: any), its database at `database`; resolves once it prints its address. */
export async function startHub({ service, database, port = 0, args = [], env = {} }) {
  const child = spawn(
    HUB_BIN,
    ["--listen", `127.0.0.1:${port}`, "--connectspec-url", service, "--database", database, ...args],
    {
      env: {
        ...process.env,
        RUST_LOG: "debug",
        HUB_CONNECTSPEC_API_KEY: API_KEY,
        HUB_ENCRYPTION_KEY: HUB_KEY,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not start:\n${log}`)), 20000);
    const onData = (chunk) => {
      log += chunk;
      const m = /hub listening on (127\.0\.0\.1:\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the hub exited (${code}):\n${log}`)));
  });
  return {
    url: `http://${address}`,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await done;
    },
  };
}

/** Records, outside the page (so they survive its navigations), every `connect` event's
 *  detail, every event dispatched with a detail, every window message and every CSP
 *  violation: installed before any page script runs. Returns the arrays, filled as the
 *  page goes. */
export async function recordOutside(page) {
  const recorded = { connect: [], details: [], messages: [], csp: [] };
  await page.exposeFunction("__recordOutside", (kind, value) => recorded[kind].push(value));
  await page.evaluateOnNewDocument(() => {
    const dispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (event) {
      if ("detail" in event && event.detail !== null) {
        window.__recordOutside("details", { type: event.type, detail: JSON.stringify(event.detail) });
      }
      return dispatch.call(this, event);
    };
    document.addEventListener("connect", (e) => window.__recordOutside("connect", JSON.stringify(e.detail)));
    window.addEventListener("message", (e) =>
      window.__recordOutside("messages", { origin: e.origin, data: JSON.stringify(e.data) }),
    );
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__recordOutside("csp", `${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return recorded;
}
