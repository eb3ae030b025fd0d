// The demo page: creates a sandbox session through the merchant endpoint (as a
// merchant's server would) and mounts Kassa on it. `?client_secret=…` mounts an
// existing session instead; `?locale=…` picks the locale.
import init, { mount } from "/pkg/kassa.js";

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
  await init();
  const clientSecret = params.get("client_secret") ?? (await createSession([PRO])).client_secret;
  mount(document.getElementById("checkout"), {
    clientSecret,
    apiBase: location.origin,
    locale: params.get("locale") ?? undefined,
  });
}

main().catch((e) => {
  status.textContent = `The demo could not start: ${e.message}`;
  console.error(e);
});
