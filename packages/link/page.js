// Script of the service's link page (GET /connect/{provider}/{method}); the page holds no
// inline script. It loads the element, gives it the link session from the URL's fragment
// (#session=…), and hands a linked account's sealed result to the embedding page.

import "./connectspec-link.js";
import { announce, takeFragment } from "./session.js";

const link = document.querySelector("connectspec-link");
const { session } = takeFragment();
if (link && session) link.session = session;

document.addEventListener("connect", (event) => announce(event.detail));
