// The peer of the benchmark: Polar's published React checkout components
// (@polar-sh/checkout) rendering the same sandbox session, wired as Polar's own
// checkout page wires them: CheckoutProvider (fetches by client secret) →
// CheckoutFormProvider → pricing, seat selector and the form.
// `?secret=…&api=…` name the session and the provider.
//
// Pinned to 0.3.0: 0.4.x ships its components with uncompiled StyleX calls that throw at
// runtime ("stylex.defineVars … must be compiled by @stylexjs/babel-plugin"), inside an
// already-minified bundle no StyleX plugin can compile.
import "./require-shim.js";
import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { CheckoutFormProvider, CheckoutProvider, useCheckoutForm } from "@polar-sh/checkout/providers";
import { CheckoutForm, CheckoutPricing, CheckoutSeatSelector } from "@polar-sh/checkout/components";

const q = new URLSearchParams(location.search);

function Checkout() {
  const { checkout, form, update, confirm, loading, loadingLabel, isUpdatePending } = useCheckoutForm();
  return h("div", { "data-testid": "peer" },
    h("h2", { "data-testid": "product-name" }, checkout.product?.name),
    h(CheckoutPricing, { checkout, locale: "en" }),
    h(CheckoutSeatSelector, { checkout, update, locale: "en" }),
    h("p", { "data-testid": "total" }, String(checkout.total_amount)),
    h(CheckoutForm, { form, checkout, update, confirm, loading, loadingLabel, isUpdatePending, themePreset: { stripe: {} }, locale: "en" }),
  );
}

createRoot(document.getElementById("root")).render(
  h(CheckoutProvider, { clientSecret: q.get("secret"), serverURL: q.get("api") },
    h(CheckoutFormProvider, { locale: "en" }, h(Checkout))),
);
