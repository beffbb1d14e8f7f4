// The example hub's page script (served by the hub; the page's CSP allows no inline code).
//
// "Link" and "Reconnect" ask the hub's back end for a link session, then mount connectspec's
// <connectspec-link> form with it. The session token is set as a JS property, never as an
// attribute. When the end user has linked the account, the form dispatches `connect` with an
// opaque sealed `result` (no secret is in the event); this script hands it to the hub's back
// end, which redeems it with connectspec and stores the connection.

const service = document.body.dataset.service;
const panel = document.getElementById("link-panel");
const slot = document.getElementById("link-slot");
const title = document.getElementById("link-title");
const status = document.getElementById("link-status");
const cancel = document.getElementById("link-cancel");

/** POSTs JSON to the hub; the answer's JSON, or an Error with the problem's sentence. */
async function post(path, body) {
  const res = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json, application/problem+json" },
    body: JSON.stringify(body ?? {}),
  });
  let data = {};
  try {
    data = await res.json();
  } catch {
    // An empty or non-JSON answer: the status says enough.
  }
  if (!res.ok) throw new Error(data.detail || data.title || `The hub answered ${res.status}.`);
  return data;
}

function setBusy(busy) {
  for (const b of document.querySelectorAll("button.link, button.reconnect")) b.disabled = busy;
}

/** Opens the form for a session from `sessionPath`. */
async function openForm(sessionPath, body, heading) {
  setBusy(true);
  status.textContent = "";
  try {
    const session = await post(sessionPath, body);
    // Upgraded on creation, so `session` below is the element's own setter, not a plain
    // property that would shadow it.
    await customElements.whenDefined("connectspec-link");
    const form = document.createElement("connectspec-link");
    form.setAttribute("service", service);
    form.setAttribute("provider", session.provider);
    form.setAttribute("method", session.method);
    form.setAttribute("heading-level", "3");
    form.session = session.session_token;
    form.addEventListener("connect", (event) => store(event.detail.result));
    title.textContent = heading;
    slot.replaceChildren(form);
    panel.hidden = false;
    title.tabIndex = -1;
    title.focus();
  } catch (e) {
    panel.hidden = false;
    title.textContent = heading;
    slot.replaceChildren();
    status.textContent = e.message;
  } finally {
    setBusy(false);
  }
}

/** Hands the sealed result to the hub's back end; on success, back to the list. */
async function store(result) {
  status.textContent = "Saving the connection…";
  try {
    const stored = await post("/api/connections", { result });
    window.location.assign(stored.redirect);
  } catch (e) {
    status.textContent = e.message;
  }
}

for (const button of document.querySelectorAll("button.link")) {
  button.addEventListener("click", () =>
    openForm("/api/link-sessions", { provider: button.dataset.provider, method: button.dataset.method }, button.dataset.title),
  );
}

for (const button of document.querySelectorAll("button.reconnect")) {
  button.addEventListener("click", () =>
    openForm(`/api/connections/${encodeURIComponent(button.dataset.connection)}/reconnect-session`, {}, button.dataset.title),
  );
}

cancel?.addEventListener("click", () => {
  slot.replaceChildren();
  status.textContent = "";
  panel.hidden = true;
});
