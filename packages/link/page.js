// Script of the service's link page (GET /connect/{provider}/{method}); the page holds no
// inline script. It loads the element, gives it the link session from the URL's fragment
// (#session=…), and hands a linked account's sealed result to the embedding page.
//
// The page is in the language the service chose for the request (`?lang=`, else the
// browser's `Accept-Language`). Without `?lang=`, the link session's locale (which the
// hub's back end set for its end user) wins: the page is asked for again in it.

import { takeFragment, announce } from "./session.js";

const link = document.querySelector("connectspec-link");
const { session } = takeFragment();

async function sessionLocale() {
  try {
    const res = await fetch(new URL("/v1/link/session", window.location.origin), {
      headers: { accept: "application/json", "connectspec-session": session },
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
    return res.ok ? (await res.json()).locale || null : null;
  } catch {
    return null;
  }
}

const asked = new URLSearchParams(window.location.search).has("lang");
const locale = session && !asked ? await sessionLocale() : null;
if (locale && locale.toLowerCase() !== document.documentElement.lang.toLowerCase()) {
  const url = new URL(window.location.href);
  url.searchParams.set("lang", locale);
  url.hash = new URLSearchParams({ session }).toString();
  window.location.replace(url.href);
} else {
  await import("./connectspec-link.js");
  if (link && session) link.session = session;
  document.addEventListener("connect", (event) => announce(event.detail));
}
