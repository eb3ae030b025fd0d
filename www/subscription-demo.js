// The subscription demo. Creates a sandbox subscription in the chosen state through the
// sandbox's merchant helper (with a customer session token, as a merchant's server gets
// one) and mounts Kassa's subscription screen on it. `?token=…` (the token a paid
// checkout handed out) lists that customer's subscriptions instead; `?scenario=`,
// `?locale=`, `?theme=`, `?proration=` preselect the controls.
import { mountSubscription } from "/pkg/subscription.js";

const SANDBOX_TOKEN = "polar_oat_kassa_sandbox";
const P = (n) => `5a1d0000-0000-4000-8000-0000000001${n.toString(16).padStart(2, "0")}`;
const DAY = 86_400_000;
const SCENARIOS = {
  active: { product_id: P(3), seats: 3, local_currency: "EUR" },
  trialing: { product_id: P(2), status: "trialing", days_into_period: 3 },
  past_due: { product_id: P(3), seats: 4, status: "past_due", attempt_count: 2, max_attempts_count: 7 },
  canceling: { product_id: P(2), cancel_at_period_end: true },
  pausing: { product_id: P(11), pause_at_period_end: true, resumes_at: () => new Date(Date.now() + 60 * DAY).toISOString() },
  paused: { product_id: P(2), status: "paused", resumes_at: () => new Date(Date.now() + 20 * DAY).toISOString() },
  pending: { product_id: P(3), seats: 5, pending_update: { seats: 8 } },
  fixed_term: { product_id: P(11), ends_at: () => new Date(Date.now() + 120 * DAY).toISOString() },
  canceled: { product_id: P(2), status: "canceled" },
  unpaid: { product_id: P(3), status: "unpaid" },
};

const params = new URLSearchParams(location.search);
const controls = document.getElementById("demo-controls");
const status = document.getElementById("demo-status");
const log = document.getElementById("demo-events");
const element = document.getElementById("subscription");
let run = 0;

async function merchant(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${SANDBOX_TOKEN}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A fresh subscription for `scenario` (every scenario at once for `list`), and its token. */
async function optionsFor(scenario) {
  const email = `demo-${Date.now()}-${run++}@example.com`;
  const seed = (s) =>
    merchant("POST", "/v1/sandbox/subscriptions", {
      customer_email: email,
      ...Object.fromEntries(Object.entries(SCENARIOS[s]).map(([k, v]) => [k, typeof v === "function" ? v() : v])),
    });
  if (scenario === "list") {
    let last;
    for (const s of ["active", "trialing", "paused", "canceled"]) last = await seed(s);
    return { customerSessionToken: last.customer_session.token, subscriptionId: "" };
  }
  const made = await seed(scenario);
  return { customerSessionToken: made.customer_session.token, subscriptionId: made.subscription.id };
}

for (const name of ["subscription-ready", "subscription-change", "subscription-updated", "error"]) {
  element.addEventListener(`kassa:${name}`, (event) => {
    const d = event.detail ?? {};
    const item = document.createElement("li");
    const title = document.createElement("strong");
    title.textContent = event.type;
    const time = document.createElement("time");
    time.textContent = new Date().toLocaleTimeString();
    const detail = document.createElement("span");
    detail.textContent =
      name === "error" ? `${d.code}: ${d.message}` : name === "subscription-change" ? `${d.action} ${JSON.stringify(d.body)}` : `${d.status} · ${d.amount} ${d.currency}`;
    item.append(title, time, detail);
    item.dataset.event = event.type;
    log.prepend(item);
    while (log.children.length > 50) log.lastChild.remove();
  });
}

async function main() {
  const scenario = params.get("scenario") === "list" || SCENARIOS[params.get("scenario")] ? params.get("scenario") : "active";
  controls.scenario.value = scenario;
  controls.theme.value = params.get("theme") ?? "auto";
  controls.proration.value = params.get("proration") ?? "invoice";
  const locale = params.get("locale") ?? undefined;
  const wanted = locale ?? navigator.language;
  const choices = [...controls.locale.options].map((o) => o.value);
  controls.locale.value = choices.find((o) => o === wanted) ?? choices.find((o) => o.split("-")[0] === wanted.split("-")[0]) ?? "en-US";
  document.documentElement.dataset.theme = controls.theme.value;
  await merchant("PATCH", "/v1/sandbox/organization", { proration_behavior: controls.proration.value });
  const start = params.get("token")
    ? { customerSessionToken: params.get("token"), subscriptionId: params.get("subscription_id") ?? "" }
    : await optionsFor(scenario);
  const handle = await mountSubscription(element, { ...start, apiBase: location.origin, locale, theme: controls.theme.value });
  window.kassaDemo = handle;
  controls.addEventListener("change", async (event) => {
    const field = event.target.name;
    if (field === "theme") {
      document.documentElement.dataset.theme = controls.theme.value;
      handle.update({ theme: controls.theme.value });
    } else if (field === "locale") {
      handle.update({ locale: controls.locale.value });
    } else if (field === "scenario" || field === "proration") {
      await merchant("PATCH", "/v1/sandbox/organization", { proration_behavior: controls.proration.value });
      handle.update(await optionsFor(controls.scenario.value));
    }
  });
}

main().catch((e) => {
  status.textContent = `The demo could not start: ${e.message}`;
  console.error(e);
});
