// The demo page: creates a sandbox session through the merchant endpoint (as a
// merchant's server would) and mounts Kassa on it. `?client_secret=…` mounts an
// existing session instead; `?locale=…` and `?theme=…` pick those options.
import { mount } from "/pkg/index.js";

/** The sandbox's public merchant token (documented in the README). */
const SANDBOX_TOKEN = "polar_oat_kassa_sandbox";
/** Kassa Pro: monthly and yearly prices. */
const PRO = "5a1d0000-0000-4000-8000-000000000101";

const params = new URLSearchParams(location.search);
const status = document.getElementById("demo-status");

async function createSession(products) {
  const res = await fetch("/v1/checkouts/", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${SANDBOX_TOKEN}` },
    body: JSON.stringify({ products }),
  });
  if (!res.ok) throw new Error(`creating a session failed: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main() {
  const clientSecret = params.get("client_secret") ?? (await createSession([PRO])).client_secret;
  window.kassaDemo = await mount(document.getElementById("checkout"), {
    clientSecret,
    apiBase: location.origin,
    locale: params.get("locale") ?? undefined,
    theme: params.get("theme") ?? undefined,
  });
}

main().catch((e) => {
  status.textContent = `The demo could not start: ${e.message}`;
  console.error(e);
});
