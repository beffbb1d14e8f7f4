// Interface strings of <connectspec-link>, one table per locale. The spec's own texts
// (labels, descriptions, hints, guide, validation and connection-test messages) come from
// the service; only the element's chrome is here. Add a locale by adding a table with
// the same keys; `strings(lang)` falls back to the language without region, then English.

export const LOCALES = {
  en: {
    optional: "(Optional)",
    hint: "Format: {hint}",
    show: "Show",
    hide: "Hide",
    showLabel: "Show {label}",
    hideLabel: "Hide {label}",
    choose: "Choose…",
    chooseKeyFile: "Choose the key file for {label}",
    pemPlaceholder: "-----BEGIN PRIVATE KEY-----",
    keyFilePlaceholder: "Paste the JSON key file, or choose it below",
    connect: "Connect",
    checking: "Checking your details…",
    testing: "Testing the connection with {provider}…",
    connected: "Connected. {provider} accepted the {method}.",
    fixErrors: "Please correct the highlighted fields.",
    fixErrorsOne: "Please correct the highlighted field.",
    grant: "Grant these permissions, then try again:",
    timeout: "{provider} did not answer in time. Try again in a moment.",
    unreachable: "{provider} could not be reached. Try again in a moment.",
    failed: "The connection could not be checked ({status}). Try again in a moment.",
    network: "The connection service could not be reached. Check your network and try again.",
    loading: "Loading the form…",
    loadFailed: "The form could not be loaded.",
    guide: "How to get your {method}",
    limits: "Good to know",
    permissions: "Permissions this step grants:",
    newTab: "(opens in a new tab)",
    note: "Note:",
    connectWith: "Connect with {provider}",
    signingIn: "Sign in at {provider} in the window that opened…",
    redirecting: "Opening the sign-in at {provider}…",
    popupClosed: "The sign-in window was closed before the account was linked. Press the button to start again.",
    chooseProvider: "Choose the account to link",
    searchProviders: "Search providers",
    noMatch: "No provider matches your search.",
    back: "Back to the list",
    hostedTitle: "Link an account",
    hostedDone: "The account is linked. You can close this window.",
    hostedSent: "The account is linked and was handed to the page that opened this form.",
    clientLegend: "Your {provider} app",
    clientOptional: "Your own {provider} app (optional)",
    reconnectTitle: "Reconnect your {provider} account",
    reconnectNote: "Enter new credentials of the same {provider} account that was linked before.",
    hostedNoSession: "This link is not complete: open the link your service gave you again.",
  },
};

/** The string table for `lang` (a BCP 47 tag such as `en-GB`). */
export function strings(lang) {
  const tag = String(lang || "en").toLowerCase();
  const table = LOCALES[tag] || LOCALES[tag.split("-")[0]] || {};
  return { ...LOCALES.en, ...table };
}

/** `template` with `{name}` placeholders filled from `values`. */
export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}
