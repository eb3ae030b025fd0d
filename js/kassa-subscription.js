/*! Kassa subscription screen, script-tag loader. Paste
 *    <script src="…/kassa-subscription.js" data-kassa-subscription
 *            data-customer-session-token="…" data-subscription-id="…" data-api-base="…"></script>
 *  and the screen mounts where the tag stands (or into the element `data-target`
 *  selects); or mark elements <div data-kassa-subscription data-customer-session-token="…">.
 *  Also defines <kassa-subscription> and window.Kassa.mountSubscription(). A file of
 *  its own: the checkout's loader (kassa.js) carries none of it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var Kassa = (window.Kassa = window.Kassa || {});
  if (!Kassa.mountSubscription) {
    var base = script && script.src ? script.src : document.baseURI;
    var wasm = fetch(new URL("kassa_portal_bg.wasm", base).href);
    wasm.catch(function () {});
    var api = import(new URL("subscription.js", base).href).then(function (m) {
      m.init({ wasm: wasm }).catch(function () {});
      m.defineSubscriptionElement();
      return m;
    });
    Kassa.subscriptionReady = api;
    Kassa.mountSubscription = function (element, options) {
      return api.then(function (m) {
        return m.mountSubscription(element, options);
      });
    };
  }
  function options(data) {
    var o = { customerSessionToken: data.customerSessionToken };
    if (data.subscriptionId) o.subscriptionId = data.subscriptionId;
    if (data.apiBase) o.apiBase = data.apiBase;
    if (data.locale) o.locale = data.locale;
    if (data.theme) o.theme = data.theme;
    return o;
  }
  function mountInto(element, data) {
    if (!element || element.hasAttribute("data-kassa-mounted") || !data.customerSessionToken) return;
    element.setAttribute("data-kassa-mounted", "");
    Kassa.mountSubscription(element, options(data)).catch(function (error) {
      console.error("Kassa:", error);
    });
  }
  if (script && script.dataset.customerSessionToken) {
    var target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
    if (!target) {
      target = document.createElement("div");
      script.parentNode.insertBefore(target, script.nextSibling);
    }
    mountInto(target, script.dataset);
  }
  function scan() {
    var elements = document.querySelectorAll("div[data-kassa-subscription], section[data-kassa-subscription]");
    for (var i = 0; i < elements.length; i++) mountInto(elements[i], elements[i].dataset);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
