// <connectspec-link provider="oneflow" method="api_token" service="https://connect.example.com">
//
// The link-account form of one auth method, built from the connectspec service's
// description of it (`GET /v1/providers/{provider}`): fields in spec order, the guide beside
// them, validation with the generated browser validators (the same messages as the Rust
// validators) when a field is left and before submitting, then the service's validate and
// connection-test endpoints. On success it dispatches a `connect` event whose `detail`
// holds the sealed `result` (which only the hub's back end can redeem, with
// POST /v1/link/exchange) and the non-secret values; never a secret.
//
// The element works inside a link session: the host page sets `element.session` to the
// token its back end got from POST /v1/link/sessions (a property, never an attribute), and
// every call to the service carries it. An OAuth method shows its end-user fields and a
// "Connect with <Provider>" button that runs the provider's sign-in in a popup (or, when
// popups are blocked, in this window).
//
// Secrets stay in their inputs: they are read from `input.value` only to validate and to
// send in a POST body to the service. They are never written to an attribute, a URL, the
// console, storage or an event.
//
// Language: the element's `lang` attribute, else the page's (the nearest `lang` above it),
// else the link session's locale (set by the hub's back end), else the browser's
// (`Accept-Language`). Its interface strings are the Fluent catalogue form.ftl of that
// locale, and every call to the service names it (`lang`), so the spec's texts, the
// guide and the service's messages come in the same language. The element sets `dir`
// (and `lang`, when it had none) on itself, so a right-to-left language lays it out
// mirrored: its stylesheet uses logical properties only.

import { keyControl } from "./key-field.js";
import { loadStrings, withNodes } from "./locales.js";

/** Where the generated browser validators live, relative to this module (the one place). */
export const VALIDATORS_MODULE = new URL("../validators/index.js", import.meta.url);

const STYLESHEET = new URL("./connectspec-link.css", import.meta.url);

let validatorsLoad;

/** The generated validators module, or null when it is not installed beside this one. */
function loadValidators() {
  validatorsLoad ??= import(VALIDATORS_MODULE.href).then(
    (m) => (typeof m.validate === "function" ? m : null),
    () => null,
  );
  return validatorsLoad;
}

const JSON_TYPES = "application/json, application/problem+json";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c);
  }
  return node;
}

export class ConnectspecLink extends HTMLElement {
  static observedAttributes = ["provider", "method", "service", "lang", "guide", "heading-level"];

  #root;
  #method = null;
  #provider = null;
  #fields = new Map(); // key -> { meta, input, error, hint, desc, wrapper }
  #touched = new Set();
  #busy = false;
  #pressing = false;
  #loadId = 0;
  /** The interface strings: `{ locale, dir, t(id, args) }` (see locales.js). */
  #t = null;
  /** The `lang` this element wrote on itself (its own, not the page's choice). */
  #ownLang = null;
  /** The browser validators' language, loading (see `#validatorLang`). */
  #validatorLangLoad = null;
  #status;
  #alert;
  #button;
  #form;
  #session = null;
  #prefill = {};
  #popupWatch = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    // A `session` set before the element was defined is an own property hiding the
    // setter: take it over.
    if (Object.prototype.hasOwnProperty.call(this, "session")) {
      const token = this.session;
      delete this.session;
      this.#session = token ? String(token) : null;
    }
    this.#load();
  }

  attributeChangedCallback(name, old, value) {
    // The `lang` this element wrote itself is no new request.
    if (name === "lang" && value === this.#ownLang) return;
    if (old !== value && this.isConnected && this.#method !== null) this.#load();
  }

  /** The link session's token (from the hub's back end). Write-only: it is not read back
   *  or reflected into an attribute. */
  set session(token) {
    const next = token ? String(token) : null;
    if (next === this.#session) return;
    this.#session = next;
    if (this.isConnected) this.#load();
  }

  /** The service's base URL: the `service` attribute, else where this module came from. */
  get serviceUrl() {
    const s = this.getAttribute("service");
    return (s && s.trim()) || new URL(import.meta.url).origin;
  }

  /** A URL of the service, naming the form's locale once it is known. */
  #api(path, lang = this.#t && this.#t.locale) {
    const url = new URL(path.replace(/^\//, ""), this.serviceUrl.replace(/\/+$/, "") + "/");
    if (lang) url.searchParams.set("lang", lang);
    return url.href;
  }

  /** The language asked for: the element's own `lang` (unless it wrote it itself), else
   *  the nearest `lang` above it; `null` when the page names none. */
  #askedLang() {
    const own = this.getAttribute("lang");
    if (own && own !== this.#ownLang) return own;
    const above = this.parentElement?.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang;
    return above || null;
  }

  /** Takes on the language of `strings`: `dir` always, `lang` when the page gave none
   *  on this element. */
  #speak(strings) {
    this.#t = strings;
    this.setAttribute("dir", strings.dir);
    const own = this.getAttribute("lang");
    if (!own || own === this.#ownLang) {
      this.#ownLang = strings.locale;
      this.setAttribute("lang", strings.locale);
    }
  }

  /** `t(id, args)` of the current strings. */
  #tr(id, args) {
    return this.#t.t(id, args);
  }

  #state(s) {
    this.setAttribute("state", s);
  }

  async #load() {
    const id = ++this.#loadId;
    const provider = this.getAttribute("provider") || "";
    const method = this.getAttribute("method") || "";
    this.#state("loading");
    const css = el("link", { rel: "stylesheet", href: STYLESHEET.href });
    const cssLoaded = new Promise((resolve) => {
      css.addEventListener("load", resolve, { once: true });
      css.addEventListener("error", resolve, { once: true });
    });
    // Nothing to read until the strings are in: a busy placeholder, no text.
    this.#root.replaceChildren(css, el("p", { part: "loading", class: "loading", "aria-busy": "true" }));
    loadValidators();
    const asked = this.#askedLang();
    let detail;
    let failure = null;
    try {
      this.#prefill = {};
      let sessionLocale = null;
      if (this.#session) {
        // The session first: its locale is the language when the page names none.
        const sres = await fetch(this.#api("v1/link/session", asked), {
          headers: this.#headers({ accept: JSON_TYPES }),
          credentials: "omit",
          cache: "no-store",
          referrerPolicy: "no-referrer",
        });
        const session = await sres.json();
        if (!sres.ok) throw new Error(session.detail || String(sres.status));
        this.#prefill = session.values || {};
        sessionLocale = session.locale || null;
      }
      const strings = await loadStrings(this.serviceUrl, asked || sessionLocale);
      if (id !== this.#loadId) return;
      this.#speak(strings);
      this.#root.replaceChildren(css, el("p", { part: "loading", class: "loading" }, this.#tr("form-loading")));
      const res = await fetch(this.#api(`v1/providers/${encodeURIComponent(provider)}`), {
        headers: { accept: JSON_TYPES },
        credentials: "omit",
        referrerPolicy: "no-referrer",
      });
      detail = await res.json();
      if (!res.ok) throw new Error(detail.detail || String(res.status));
    } catch (e) {
      failure = e;
      // The session could not be read (expired, or no access from this page): the
      // form's own strings still say what happened, in the language asked for.
      if (!this.#t) {
        try {
          this.#speak(await loadStrings(this.serviceUrl, asked));
        } catch {
          // No catalogue either: the service's sentence alone.
        }
      }
    }
    if (id !== this.#loadId) return;
    const m = failure ? null : (detail.methods || []).find((x) => x.id === method);
    if (!m) {
      // The service's sentence (a problem's detail) after the form's own, when the
      // strings could be loaded; the service's alone when they could not.
      const why = failure ? failure.message || "" : this.#tr("form-no-method", { provider: detail.name, method });
      const text = this.#t ? `${this.#tr("form-load-failed")} ${why}`.trim() : why;
      this.#root.replaceChildren(css, el("p", { part: "alert", class: "alert", role: "alert" }, text));
      this.#state("error");
      return;
    }
    this.#provider = detail;
    this.#method = m;
    this.#validatorLangLoad = null;
    this.#render(css);
    await cssLoaded;
    if (id === this.#loadId) this.#state("ready");
  }

  #render(css) {
    const m = this.#method;
    this.#fields.clear();
    this.#touched.clear();
    const form = el("form", { part: "form", class: "form", novalidate: true, "aria-label": m.title });
    for (const f of m.fields) form.append(this.#field(f));
    // The end user's own OAuth app (the spec's `oauth.client`): its client id and secret.
    const clientFields = (m.oauth && m.oauth.client_fields) || [];
    if (clientFields.length) {
      const either = m.oauth.client === "either";
      const set = el("fieldset", { part: "client", class: "client" });
      set.append(el("legend", { class: "client-legend" }, this.#tr(either ? "form-client-optional" : "form-client-legend", { provider: this.#provider.name })));
      for (const f of clientFields) set.append(this.#field({ ...f, optional: either || f.optional }, true));
      form.append(set);
    }
    this.#status = el("div", { part: "status", class: "status", role: "status", "aria-live": "polite" });
    this.#alert = el("div", { part: "alert", class: "alert", role: "alert" });
    const label = this.#isOAuth() ? this.#tr("form-connect-with", { provider: this.#provider.name }) : this.#tr("form-connect");
    this.#button = el("button", { part: "button", class: "connect", type: "submit" }, label);
    form.append(this.#status, this.#alert, this.#button);
    // Pressing Connect blurs the field being edited; updating errors then would move the
    // button between pointerdown and pointerup and swallow the click. Submitting validates
    // everything anyway.
    this.#button.addEventListener("pointerdown", () => {
      this.#pressing = true;
      const release = () => setTimeout(() => (this.#pressing = false), 0);
      window.addEventListener("pointerup", release, { once: true });
      window.addEventListener("pointercancel", release, { once: true });
    });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (this.#busy) return;
      if (this.#isOAuth()) {
        // Opened now, while the click still counts as the user's: a popup opened after an
        // await is blocked.
        const popup = window.open("about:blank", "connectspec-oauth", "popup=yes,width=520,height=720");
        this.#connectOAuth(popup);
      } else {
        this.#connect();
      }
    });
    this.#form = form;
    const layout = el("div", { part: "container", class: "layout" }, form);
    const guideMode = this.getAttribute("guide");
    if (guideMode !== "none" && m.guide) layout.append(this.#guide(m.guide, guideMode !== "collapsed"));
    this.#root.replaceChildren(css, layout);
  }

  #field(f, client = false) {
    const id = `cs-field-${f.key}`;
    const label = el("label", { part: "label", class: "label", for: id }, f.label);
    if (f.optional) label.append(" ", el("span", { part: "optional", class: "optional" }, this.#tr("form-optional")));
    const describedBy = [];
    const rich = this.#method.guide?.descriptions?.[f.key];
    const desc = f.description
      ? el("p", { part: "description", class: "description", id: `${id}-desc` }, ...(rich ? this.#inline(rich) : [f.description]))
      : null;
    if (desc) describedBy.push(desc.id);
    const richHint = this.#method.guide?.hints?.[f.key];
    const hint = f.hint
      ? el("p", { part: "hint", class: "hint", id: `${id}-hint` }, ...withNodes(this.#t, "form-hint", "hint", richHint ? this.#inline(richHint) : [f.hint]))
      : null;
    if (hint) describedBy.push(hint.id);
    const error = el("p", { part: "error", class: "error", id: `${id}-error`, hidden: true });
    let input;
    let control = el("div", { class: "control" });
    if (f.private_key) {
      ({ input, control } = keyControl(f, id, (k, a) => this.#tr(k, a), el, () => this.#onLeave(f.key)));
    } else if (f.options && f.options.length) {
      input = el("select", { part: "select", class: "input", id, name: f.key, required: !f.optional });
      const preset = f.default ?? (f.options.length === 1 && !f.optional ? f.options[0].value : null);
      if (preset === null) input.append(el("option", { value: "" }, this.#tr("form-choose")));
      for (const o of f.options) input.append(el("option", { value: o.value }, o.label));
      if (preset !== null) input.value = preset;
      control.append(input);
    } else {
      input = el("input", {
        part: "input",
        class: "input",
        id,
        name: f.key,
        type: f.secret ? "password" : "text",
        autocomplete: "off",
        autocapitalize: "off",
        spellcheck: "false",
        required: !f.optional,
        placeholder: f.placeholder,
      });
      control.append(input);
      if (f.secret) {
        input.classList.add("secret");
        const toggle = el(
          "button",
          {
            part: "toggle",
            class: "toggle",
            type: "button",
            "aria-controls": id,
            "aria-pressed": "false",
            "aria-label": this.#tr("form-show-label", { label: f.label }),
          },
          this.#tr("form-show"),
        );
        toggle.addEventListener("click", () => {
          const shown = input.type === "password";
          input.type = shown ? "text" : "password";
          toggle.setAttribute("aria-pressed", String(shown));
          toggle.textContent = this.#tr(shown ? "form-hide" : "form-show");
          toggle.setAttribute("aria-label", this.#tr(shown ? "form-hide-label" : "form-show-label", { label: f.label }));
        });
        control.append(toggle);
      }
    }
    const preset = this.#prefill[f.key];
    if (!f.secret && typeof preset === "string") input.value = preset;
    if (describedBy.length) input.setAttribute("aria-describedby", describedBy.join(" "));
    const entry = { meta: f, input, error, describedBy, client };
    this.#fields.set(f.key, entry);
    input.addEventListener("input", () => this.#touched.add(f.key));
    input.addEventListener("change", () => this.#touched.add(f.key));
    input.addEventListener("blur", () => this.#onLeave(f.key));
    return el("div", { part: "field", class: "field", "data-field": f.key }, label, desc, control, hint, error);
  }

  /** The form's values by key; empty fields are left out, so a required one reads as missing.
   *  The client's fields (an end user's own OAuth app) are apart: `client` is sent beside
   *  `fields`, and only when one of them is filled in. */
  #values(which = "fields") {
    const out = {};
    for (const [key, { input, client }] of this.#fields) {
      if (client !== (which === "client")) continue;
      if (input.value !== "") out[key] = input.value;
    }
    return out;
  }

  #client() {
    const c = this.#values("client");
    return Object.keys(c).length ? c : undefined;
  }

  /** The browser validators' language for the form's locale (their `loadLocale`),
   *  once per load; null when they cannot speak it (a pseudo-locale: none ships). */
  #validatorLang(mod) {
    const locale = this.#t.locale;
    if (locale === "en") return Promise.resolve(undefined);
    if (typeof mod.loadLocale !== "function") return Promise.resolve(null);
    this.#validatorLangLoad ??= mod.loadLocale(this.#provider.id, locale).then(
      (lang) => (lang && lang.locale === locale ? lang : null),
      () => null,
    );
    return this.#validatorLangLoad;
  }

  /** Validates with the generated module, in the form's locale; null when it is not
   *  available or cannot speak that locale (the service's validate speaks it then). */
  async #validateLocally(fields) {
    const mod = await loadValidators();
    if (!mod) return null;
    const lang = await this.#validatorLang(mod);
    if (lang === null) return null;
    try {
      const r = await mod.validate(this.#provider.id, this.#method.id, fields, lang ? { locale: lang } : undefined);
      return { ok: !!r.ok, values: r.values || {}, errors: r.errors || [] };
    } catch {
      return null;
    }
  }

  /** The service's validate endpoint: `{ ok, values, errors }`, or `{ problem }`. */
  async #validateRemotely(fields) {
    const res = await this.#post(this.#method.links.validate, fields);
    if (res.network) return res;
    if (res.status === 200) {
      return { ok: true, values: res.body.values || {}, normalized: res.body.normalized || [], errors: [] };
    }
    if (res.status === 422 && Array.isArray(res.body.errors) && res.body.errors.length) {
      return { ok: false, values: {}, errors: res.body.errors };
    }
    return { problem: res.body, status: res.status };
  }

  #isOAuth() {
    return !!(this.#method && this.#method.links && this.#method.links.authorize);
  }

  /** Request headers, with the session's token when there is one. */
  #headers(extra) {
    const h = { ...extra };
    if (this.#session) h["connectspec-session"] = this.#session;
    return h;
  }

  async #post(path, fields, payload = { fields }) {
    try {
      const res = await fetch(this.#api(path.replace(/^\//, "")), {
        method: "POST",
        headers: this.#headers({ "content-type": "application/json", accept: JSON_TYPES }),
        body: JSON.stringify(payload),
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
      });
      let body = {};
      try {
        body = await res.json();
      } catch {
        body = {};
      }
      return { status: res.status, body };
    } catch {
      return { network: true };
    }
  }

  async #onLeave(key) {
    if (this.#busy || !this.#touched.has(key)) return;
    const fields = this.#values();
    const r = (await this.#validateLocally(fields)) ?? (await this.#validateRemotely(fields));
    if (!r || r.network || r.problem || this.#busy || this.#pressing) return;
    this.#normalise(r);
    // Show the errors of the fields the user has been through; the rest wait for Connect.
    this.#showErrors(r.errors, (k) => this.#touched.has(k));
  }

  /** Writes normalised values (a pasted URL reduced to its subdomain) back into non-secret inputs. */
  #normalise(r) {
    const failed = new Set(r.errors.map((e) => e.field));
    for (const [key, { meta, input }] of this.#fields) {
      if (meta.secret || failed.has(key)) continue;
      const v = r.values[key];
      if (typeof v === "string" && v !== input.value && input.value !== "" && input.tagName === "INPUT") {
        input.value = v;
      }
    }
  }

  /** Shows `errors` next to their fields (those selected by `which`); returns the first field shown. */
  #showErrors(errors, which = () => true) {
    const byField = new Map();
    for (const e of errors) {
      if (!byField.has(e.field)) byField.set(e.field, []);
      byField.get(e.field).push(e.message);
    }
    let first = null;
    for (const [key, entry] of this.#fields) {
      if (!which(key)) continue;
      const messages = byField.get(key);
      if (messages) {
        entry.error.textContent = messages.join(" ");
        entry.error.hidden = false;
        entry.input.setAttribute("aria-invalid", "true");
        entry.input.setAttribute("aria-describedby", [...entry.describedBy, entry.error.id].join(" "));
        first ??= entry;
      } else {
        entry.error.textContent = "";
        entry.error.hidden = true;
        entry.input.removeAttribute("aria-invalid");
        if (entry.describedBy.length) entry.input.setAttribute("aria-describedby", entry.describedBy.join(" "));
        else entry.input.removeAttribute("aria-describedby");
      }
    }
    return first;
  }

  #say(message) {
    this.#status.textContent = message;
  }

  #fail(message, scopes = []) {
    this.#status.textContent = "";
    const nodes = [el("p", {}, message)];
    if (scopes.length) {
      nodes.push(el("p", {}, this.#tr("form-grant")));
      nodes.push(el("ul", { part: "scopes", class: "scopes" }, ...scopes.map((s) => el("li", {}, s.label, " ", el("code", {}, s.id)))));
    }
    this.#alert.replaceChildren(...nodes);
  }

  #fieldErrors(errors) {
    const first = this.#showErrors(errors);
    const known = new Set(this.#fields.keys());
    const other = errors.filter((e) => !known.has(e.field)).map((e) => e.message);
    const n = errors.length;
    this.#say("");
    this.#alert.replaceChildren(el("p", {}, [this.#tr("form-fix-errors", { count: n }), ...other].join(" ")));
    if (first) first.input.focus();
    this.#state("invalid");
  }

  /** Starts a connect: returns the names for messages, or null when one is running. */
  #begin() {
    if (this.#busy || !this.#method) return null;
    this.#busy = true;
    this.#form.setAttribute("aria-busy", "true");
    this.#state("busy");
    this.#alert.replaceChildren();
    for (const k of this.#fields.keys()) this.#touched.add(k);
    return { provider: this.#provider.name, method: this.#method.label };
  }

  #end() {
    this.#busy = false;
    this.#form.removeAttribute("aria-busy");
  }

  /** A linked account: the sealed result and the non-secret values, never a secret. */
  #linked(body, names) {
    this.#say(this.#tr("form-connected", names));
    this.#state("connected");
    const values = {};
    const derived = {};
    for (const [k, v] of Object.entries(body.values || {})) {
      const f = this.#fields.get(k);
      if (f && f.meta.secret) continue;
      if (f) values[k] = v;
      else derived[k] = v;
    }
    const detail = { provider: this.#provider.id, method: this.#method.id, result: body.result, values, derived };
    if (body.identity !== undefined && body.identity !== null) detail.identity = body.identity;
    this.dispatchEvent(new CustomEvent("connect", { bubbles: true, composed: true, detail }));
  }

  /** The answer of a call that could not link: field errors, a sentence, or a problem. */
  #notLinked(res, names) {
    if (res.network) return this.#networkFailed();
    if (res.status === 422 && Array.isArray(res.body.errors) && res.body.errors.length) {
      return this.#fieldErrors(res.body.errors);
    }
    // The service took the fields (a test ran, or something else failed): errors shown
    // while they were typed no longer hold.
    this.#showErrors([]);
    const type = String((res.body && res.body.type) || "");
    const sentence = ["session-expired", "different-account", "too-many-tests", "not-offered"].some((c) => type.endsWith(`:${c}`));
    if (sentence) {
      this.#fail(res.body.detail);
      this.#state(type.endsWith(":different-account") ? "rejected" : "error");
      return;
    }
    if (res.status === 200 && res.body && res.body.ok === false) {
      this.#fail(res.body.message, res.body.missing_scopes || []);
      this.#state("rejected");
      return;
    }
    return this.#problem(res.body, res.status, names);
  }

  async #connect() {
    const names = this.#begin();
    if (!names) return;
    try {
      const fields = this.#values();
      const local = await this.#validateLocally(fields);
      if (local && !local.ok) return this.#fieldErrors(local.errors);
      if (local) this.#normalise(local);
      this.#say(this.#method.links.test ? this.#tr("form-testing", names) : this.#tr("form-checking"));
      const res = await this.#post("v1/link/connect", null, {
        provider: this.#provider.id,
        method: this.#method.id,
        fields: this.#values(),
        client: this.#client(),
      });
      if (res.status === 200 && res.body && res.body.ok === true) {
        this.#showErrors([]);
        return this.#linked(res.body, names);
      }
      return this.#notLinked(res, names);
    } finally {
      this.#end();
    }
  }

  /** OAuth: the fields are checked, the service answers the flow's start URL, and the
   *  popup runs the provider's sign-in; its last page posts the sealed result here. */
  async #connectOAuth(popup) {
    const names = this.#begin();
    if (!names) {
      if (popup) popup.close();
      return;
    }
    let waiting = false;
    try {
      const fields = this.#values();
      const local = await this.#validateLocally(fields);
      if (local && !local.ok) {
        if (popup) popup.close();
        return this.#fieldErrors(local.errors);
      }
      this.#say(this.#tr("form-checking"));
      const res = await this.#post(this.#method.links.authorize, fields, { fields, client: this.#client() });
      if (res.status !== 200 || !res.body || !res.body.start_url) {
        if (popup) popup.close();
        return this.#notLinked(res, names);
      }
      this.#showErrors([]);
      const start = new URL(res.body.start_url, this.serviceUrl).href;
      if (!popup || popup.closed) {
        // Popups are blocked: the sign-in runs in this window and comes back to the
        // session's return URL with the result.
        this.#say(this.#tr("form-redirecting", names));
        const url = `${start}&mode=redirect`;
        try {
          (window.top || window).location.assign(url);
        } catch {
          window.location.assign(url);
        }
        return;
      }
      popup.location.href = start;
      this.#say(this.#tr("form-signing-in", names));
      this.#state("signing-in");
      waiting = true;
      this.#awaitPopup(popup, names);
    } finally {
      if (!waiting) this.#end();
    }
  }

  #awaitPopup(popup, names) {
    const origin = new URL(this.serviceUrl).origin;
    let done = false;
    const finish = () => {
      done = true;
      window.removeEventListener("message", onMessage);
      clearInterval(this.#popupWatch);
      this.#popupWatch = null;
      this.#end();
    };
    const onMessage = (event) => {
      if (event.origin !== origin || event.source !== popup) return;
      const data = event.data;
      if (!data || data.type !== "connectspec:oauth") return;
      finish();
      if (data.ok) {
        this.#linked(data, names);
      } else {
        this.#fail(data.detail || this.#tr("form-failed", { status: "" }));
        this.#state(data.code === "oauth-access-denied" ? "rejected" : "error");
      }
    };
    window.addEventListener("message", onMessage);
    clearInterval(this.#popupWatch);
    this.#popupWatch = setInterval(() => {
      if (done || !popup.closed) return;
      finish();
      this.#fail(this.#tr("form-popup-closed"));
      this.#state("closed");
    }, 300);
  }

  #networkFailed() {
    this.#fail(this.#tr("form-network"));
    this.#state("error");
  }

  #problem(p, status, names) {
    const type = String((p && p.type) || "");
    let message;
    if (status === 504 || type.endsWith(":provider-timeout")) message = this.#tr("form-timeout", names);
    else if (status === 502 || type.endsWith(":provider-unreachable")) message = this.#tr("form-unreachable", names);
    else message = (p && p.detail) || this.#tr("form-failed", { status: String(status) });
    this.#fail(message);
    this.#state(status === 504 ? "timeout" : "error");
  }

  // --- the guide -----------------------------------------------------------------

  #inline(nodes) {
    const out = [];
    for (const n of nodes || []) {
      if ("text" in n) out.push(document.createTextNode(n.text));
      else if ("bold" in n) out.push(el("strong", {}, n.bold));
      else if ("code" in n) out.push(el("code", {}, n.code));
      else if ("link" in n) {
        const { text, href } = n.link;
        if (/^https?:\/\//.test(href) || href.startsWith("/")) {
          out.push(
            el("a", { href, target: "_blank", rel: "noopener noreferrer", part: "link" }, text, el("span", { class: "visually-hidden" }, ` ${this.#tr("form-new-tab")}`)),
          );
        } else {
          out.push(document.createTextNode(text));
        }
      }
    }
    return out;
  }

  #list(items, attrs = {}) {
    return el("ul", attrs, ...items.map((b) => el("li", {}, ...this.#inline(b))));
  }

  #guide(g, open) {
    const level = Math.min(6, Math.max(1, Number(this.getAttribute("heading-level")) || 2));
    const h = `h${level}`;
    const details = el("details", { part: "guide", class: "guide", open });
    details.append(el("summary", { part: "guide-summary", class: "guide-summary" }, this.#tr("form-guide", { method: this.#method.label })));
    if (g.warning) details.append(el("p", { part: "warning", class: "warning" }, ...this.#inline(g.warning)));
    for (const s of g.sections || []) {
      const section = el("section", { part: "section", class: "section" }, el(h, { class: "section-title" }, s.title));
      if (s.intro) section.append(el("p", {}, ...this.#inline(s.intro)));
      if (s.steps && s.steps.length) {
        const ol = el("ol", { class: "steps" });
        for (const step of s.steps) {
          const li = el("li", { part: "step", class: "step" }, el("p", { class: "step-title" }, el("strong", {}, step.title)));
          if (step.text) li.append(el("p", {}, ...this.#inline(step.text)));
          if (step.bullets && step.bullets.length) li.append(this.#list(step.bullets));
          if (step.scope_labels && step.scope_labels.length) {
            li.append(el("p", {}, this.#tr("form-permissions")), el("ul", { class: "scopes" }, ...step.scope_labels.map((l) => el("li", {}, l))));
          }
          ol.append(li);
        }
        section.append(ol);
      }
      if (s.bullets && s.bullets.length) section.append(this.#list(s.bullets));
      details.append(section);
    }
    if (g.limits && g.limits.length) {
      details.append(
        el("section", { part: "section", class: "section" }, el(h, { class: "section-title" }, this.#tr("form-limits")), this.#list(g.limits.map((l) => [{ text: l }]))),
      );
    }
    return el("aside", { class: "guide-column", "aria-label": this.#tr("form-guide", { method: this.#method.label }) }, details);
  }
}

if (!customElements.get("connectspec-link")) customElements.define("connectspec-link", ConnectspecLink);
