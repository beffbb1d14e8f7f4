// Script of the hosted link page (GET /link#session=…). The hub's back end opened a link
// session and sent the end user here: the page reads the session from the fragment,
// shows a searchable provider picker when the session offers several accounts, then the
// chosen method's form with its guide. A redirect-mode sign-in comes back here with its
// result in the fragment.
//
// The page speaks the language the service chose for it (`?lang=`, else the browser's);
// without `?lang=`, the link session's locale wins. Its strings are the service's
// catalogue (form.ftl) of that locale; the form inside follows the page's `lang`.

import "./connectspec-link.js";
import { loadStrings } from "./locales.js";
import { announce, pageStrings, takeFragment } from "./session.js";

const main = document.getElementById("connectspec-hosted");
const heading = main.querySelector("h1");
const status = main.querySelector(".connectspec-page-result");
const service = window.location.origin;
let strings = await pageStrings();
const t = (id, args) => strings.t(id, args);

/** Speaks the session's locale, unless the page's address names one. */
async function speakSession(locale) {
  if (!locale || new URLSearchParams(window.location.search).has("lang")) return;
  strings = await loadStrings(service, locale);
  document.documentElement.lang = strings.locale;
  document.documentElement.dir = strings.dir;
  document.title = t("form-hosted-title");
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** Everything below the heading and the status line. */
function body(...nodes) {
  for (const n of [...main.children]) if (n !== heading && n !== status) n.remove();
  main.insertBefore(el("div", { class: "hosted-body" }, ...nodes), status);
}

function showForm(offer, offers, session, reconnect = false) {
  heading.textContent = reconnect ? t("form-reconnect-title", { provider: offer.provider_name }) : t("form-hosted-title");
  const link = el("connectspec-link", { provider: offer.provider, method: offer.method, service, "heading-level": 2 });
  link.session = session;
  const nodes = [];
  if (reconnect) nodes.push(el("p", { class: "reconnect-note" }, t("form-reconnect-note", { provider: offer.provider_name })));
  if (offers.length > 1) {
    const back = el("button", { type: "button", class: "back" }, t("form-back"));
    back.addEventListener("click", () => showPicker(offers, session));
    nodes.push(back);
  }
  nodes.push(link);
  body(...nodes);
}

function label(offer, offers) {
  const several = offers.filter((o) => o.provider === offer.provider).length > 1;
  return several ? t("form-offer", { provider: offer.provider_name, method: offer.label }) : offer.provider_name;
}

function showPicker(offers, session) {
  heading.textContent = t("form-choose-provider");
  const search = el("input", { type: "search", id: "provider-search", class: "search", autocomplete: "off", spellcheck: "false" });
  const list = el("ul", { class: "picker", id: "provider-list" });
  const empty = el("p", { class: "empty", role: "status", hidden: true }, t("form-no-match"));
  const buttons = offers.map((o) => {
    const b = el("button", { type: "button", class: "pick", "data-provider": o.provider, "data-method": o.method }, label(o, offers));
    b.addEventListener("click", () => showForm(o, offers, session));
    return b;
  });
  for (const b of buttons) list.append(el("li", {}, b));
  const filter = () => {
    const q = search.value.trim().toLowerCase();
    let shown = 0;
    buttons.forEach((b) => {
      const hit = !q || b.textContent.toLowerCase().includes(q);
      b.parentElement.hidden = !hit;
      if (hit) shown += 1;
    });
    empty.hidden = shown !== 0;
  };
  search.addEventListener("input", filter);
  // Arrow keys move through the list; Tab works as everywhere.
  const visible = () => buttons.filter((b) => !b.parentElement.hidden);
  search.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && visible().length) {
      e.preventDefault();
      visible()[0].focus();
    } else if (e.key === "Enter" && visible().length === 1) {
      e.preventDefault();
      visible()[0].click();
    }
  });
  list.addEventListener("keydown", (e) => {
    const shown = visible();
    const i = shown.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown" && i + 1 < shown.length) {
      e.preventDefault();
      shown[i + 1].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      (i === 0 ? search : shown[i - 1]).focus();
    }
  });
  body(el("label", { for: "provider-search", class: "search-label" }, t("form-search-providers")), search, list, empty);
}

async function start() {
  const { session, result, provider, method } = takeFragment();
  if (result) {
    // Back from a redirect-mode sign-in.
    heading.textContent = t("form-hosted-title");
    announce({ provider, method, result, values: {} });
    return;
  }
  if (!session) {
    status.textContent = t("form-hosted-no-session");
    return;
  }
  let view;
  try {
    const res = await fetch(new URL("/v1/link/session", service), {
      headers: { accept: "application/json, application/problem+json", "connectspec-session": session },
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
    view = await res.json();
    if (!res.ok) throw new Error(view.detail || String(res.status));
  } catch (e) {
    body(el("p", { class: "alert", role: "alert" }, e.message || t("form-hosted-no-session")));
    return;
  }
  await speakSession(view.locale);
  if (view.offers.length === 1) showForm(view.offers[0], view.offers, session, view.reconnect);
  else showPicker(view.offers, session);
}

document.addEventListener("connect", (event) => announce(event.detail));
start();
