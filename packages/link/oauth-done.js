// Script of the page the OAuth popup ends on (GET /v1/oauth/callback). The page holds the
// outcome in a JSON data block: a sealed result (never a token) or the end user's sentence.
// It hands the outcome to the form that opened the popup, at the origins the service
// names (its own, and the link session's), and closes. Without an opener (the popup lost
// it), the page's text tells the end user what happened.

const block = document.getElementById("connectspec-oauth");
const data = block ? JSON.parse(block.textContent) : null;

if (data && window.opener) {
  const { targets, ...message } = data;
  for (const origin of targets || []) {
    try {
      window.opener.postMessage(message, origin);
    } catch {
      // A closed or navigated opener: nothing to tell.
    }
  }
  if (message.ok) window.close();
}
