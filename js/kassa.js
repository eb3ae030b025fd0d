/*! Kassa script-tag loader. Paste
 *    <script src="…/kassa.js" data-client-secret="…" data-api-base="…"></script>
 *  and the checkout mounts where the tag stands (or into the element `data-target`
 *  selects); or mark elements <div data-kassa-checkout data-client-secret="…"> and one
 *  tag mounts them all. Also defines <kassa-checkout> and window.Kassa.mount().
 *  Finds its files next to itself; including it twice is harmless. */
(function () {
  "use strict";
  var script = document.currentScript;
  var Kassa = window.Kassa;
  if (!Kassa || !Kassa.mount) {
    var base = script && script.src ? script.src : document.baseURI;
    // Everything the first render needs starts downloading now, side by side: the
    // wasm and the API module (which holds the wasm-bindgen glue and the chunk loader).
    var wasm = fetch(new URL("kassa_wasm_bg.wasm", base).href);
    wasm.catch(function () {}); // reported by mount, not as unhandled
    var api = import(new URL("index.js", base).href).then(function (m) {
      m.init({ wasm: wasm }).catch(function () {}); // mount reports a failure
      return m;
    });
    Kassa = window.Kassa = {
      ready: api.then(function (m) {
        m.defineElement();
        return m;
      }),
      mount: function (element, options) {
        return api.then(function (m) {
          return m.mount(element, options);
        });
      },
    };
  }
  function options(data) {
    var o = { clientSecret: data.clientSecret };
    if (data.apiBase) o.apiBase = data.apiBase;
    if (data.locale) o.locale = data.locale;
    if (data.theme) o.theme = data.theme;
    return o;
  }
  function mountInto(element, data) {
    if (!element || element.hasAttribute("data-kassa-mounted") || !data.clientSecret) return;
    element.setAttribute("data-kassa-mounted", "");
    Kassa.mount(element, options(data)).catch(function (error) {
      console.error("Kassa:", error);
    });
  }
  if (script && script.dataset.clientSecret) {
    var target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
    if (!target) {
      target = document.createElement("div");
      script.parentNode.insertBefore(target, script.nextSibling);
    }
    mountInto(target, script.dataset);
  }
  function scan() {
    var elements = document.querySelectorAll("[data-kassa-checkout]");
    for (var i = 0; i < elements.length; i++) mountInto(elements[i], elements[i].dataset);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
