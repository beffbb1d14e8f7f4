// Script of the service's link page (GET /connect/{provider}/{method}); the page holds no
// inline script. It loads the element and, when the page runs in an iframe and the service
// was started with --embed-origin, posts the linked values to that origin only.

import "./connectspec-link.js";

const meta = document.querySelector('meta[name="connectspec-embed-origin"]');
const embedOrigin = meta ? meta.getAttribute("content") : null;
const result = document.querySelector(".connectspec-page-result");

document.addEventListener("connect", (event) => {
  const { provider, method, values, derived } = event.detail;
  if (embedOrigin && window.parent !== window) {
    window.parent.postMessage({ type: "connectspec:connect", provider, method, values, derived }, embedOrigin);
    if (result) result.textContent = "The account details were sent to the page that opened this form.";
  } else if (result) {
    result.textContent = "Connected. A page that embeds this form receives the values in its connect event.";
  }
});
