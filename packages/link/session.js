// What the service's pages (the link page and the hosted link page) share: reading the
// link session's token, or a result coming back from a redirect-mode sign-in, from the
// URL's fragment (never sent to a server or in a referrer) and clearing it from the
// address bar at once; and handing a linked account's sealed result to the page that
// embeds this one.

import { loadStrings } from "./locales.js";

let taken = null;

/** The fragment's `session`, `connectspec_result`, `provider` and `method`, read once. */
export function takeFragment() {
  if (taken) return taken;
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  taken = {
    session: params.get("session"),
    result: params.get("connectspec_result"),
    provider: params.get("provider"),
    method: params.get("method"),
  };
  if (window.location.hash) {
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return taken;
}

/** The strings of the page's language (the service's catalogue). */
export function pageStrings() {
  return loadStrings(window.location.origin, document.documentElement.lang);
}

/** Tells the embedding page (the embed origin only) and the end user that the account is
 *  linked. Only the sealed result and non-secret values travel. */
export async function announce(detail) {
  const meta = document.querySelector('meta[name="connectspec-embed-origin"]');
  const embedOrigin = meta ? meta.getAttribute("content") : null;
  const status = document.querySelector(".connectspec-page-result");
  const { provider, method, result, values, identity } = detail;
  let sent = false;
  if (embedOrigin && window.parent !== window) {
    const message = { type: "connectspec:connect", provider, method, result, values };
    if (identity !== undefined && identity !== null) message.identity = identity;
    window.parent.postMessage(message, embedOrigin);
    sent = true;
  }
  if (status) {
    const t = await pageStrings();
    status.textContent = t.t(sent ? "form-hosted-sent" : "form-hosted-done");
  }
}
