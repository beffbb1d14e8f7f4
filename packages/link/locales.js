// Interface strings of <connectspec-link> and the service's link pages: the Fluent
// catalogue `locales/<locale>/form.ftl`, read with the vendored @fluent/bundle. The spec's
// own texts (labels, descriptions, hints, the guide) and the service's sentences
// (validation, connection-test outcomes) come from the service in the same locale.
//
// The service answers `GET /connect/assets/locales/<tag>/form.ftl` with the catalogue of
// the locale the tag finds (RFC 4647 lookup, English when none) and names that locale in
// `Content-Language`: the one locale shown is the only one loaded, and the choice of a
// locale is made in one place, the service.

/** @fluent/bundle, vendored beside the browser validators. */
const FLUENT = new URL("../validators/vendor/fluent-bundle.js", import.meta.url);

let fluentLoad;
const loaded = new Map(); // `${service} ${tag}` -> Promise<Strings>

/** The language's writing direction: `Intl.Locale`'s text info, else by its language. */
export function direction(tag) {
  try {
    const info = new Intl.Locale(tag);
    const dir = (info.getTextInfo ? info.getTextInfo() : info.textInfo)?.direction;
    if (dir === "rtl" || dir === "ltr") return dir;
  } catch {
    // Not a valid tag: the language decides below.
  }
  return /^(ar|fa|he|ur|ps|sd|yi|dv|ug|ckb)(-|$)/i.test(String(tag)) ? "rtl" : "ltr";
}

/**
 * The strings of the locale `tag` finds at `service` (its base URL): `{ locale, dir,
 * t(id, args) }`, where `locale` is the tag the service answered for (`de` for `de-CH`).
 * Without `tag`, the service chooses by the browser's `Accept-Language`.
 */
export function loadStrings(service, tag) {
  const key = `${service} ${tag || ""}`;
  if (!loaded.has(key)) {
    const load = fetchStrings(service, tag);
    // A failed load may be retried (the network comes back).
    load.catch(() => loaded.delete(key));
    loaded.set(key, load);
  }
  return loaded.get(key);
}

async function fetchStrings(service, tag) {
  fluentLoad ??= import(FLUENT.href);
  const path = `connect/assets/locales/${encodeURIComponent(tag || "und")}/form.ftl`;
  const url = new URL(path, service.replace(/\/+$/, "") + "/");
  const [fluent, res] = await Promise.all([
    fluentLoad,
    fetch(url, {
      credentials: "omit",
      referrerPolicy: "no-referrer",
      headers: { accept: "text/plain" },
    }),
  ]);
  if (!res.ok) throw new Error(String(res.status));
  const locale = res.headers.get("content-language") || "en";
  // No isolation marks: the form's text is compared as written (the service's too).
  const bundle = new fluent.FluentBundle(locale, { useIsolating: false });
  const errors = bundle.addResource(new fluent.FluentResource(await res.text()));
  if (errors.length) throw errors[0];
  const t = (id, args = {}) => {
    const m = bundle.getMessage(id);
    return m && m.value ? bundle.formatPattern(m.value, args) : id;
  };
  return { locale, dir: direction(locale), t };
}

/**
 * The message `id` with one argument standing for DOM nodes: `nodes` replace the
 * argument `name` in the formatted text, so rich text (a hint with code) keeps its
 * markup inside a translated sentence.
 */
export function withNodes(strings, id, name, nodes, args = {}) {
  const mark = "\u{E000}";
  const [before, after = ""] = strings.t(id, { ...args, [name]: mark }).split(mark);
  return [before, ...nodes, after].filter((n) => n !== "");
}
