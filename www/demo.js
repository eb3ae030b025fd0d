// The demo page. Creates sandbox sessions through the merchant endpoint (as a merchant's
// server would) and mounts Kassa with the JS API; the controls switch session, theme and
// language through handle.update(); the panel lists the events the widget fires.
// `?client_secret=…` mounts an existing session; `?scenario=`, `?locale=`, `?theme=`
// preselect the controls.
import { mount } from "/pkg/index.js";

/** The sandbox's public merchant token (documented in the README). */
const SANDBOX_TOKEN = "polar_oat_kassa_sandbox";
const P = (n) => `5a1d0000-0000-4000-8000-0000000001${n.toString(16).padStart(2, "0")}`;
/** What each scenario creates. */
const SCENARIOS = {
  plans: { products: [P(1), P(2)] },
  seats: { products: [P(3)], seats: 5 },
  local: { products: [P(1)], buyer_country: "DE" },
  free: { products: [P(5)] },
  usage: { products: [P(11), P(10)] },
};

const params = new URLSearchParams(location.search);
const controls = document.getElementById("demo-controls");
const status = document.getElementById("demo-status");
const log = document.getElementById("demo-events");
const element = document.getElementById("checkout");
const sessions = {};

async function secretFor(scenario) {
  sessions[scenario] ??= fetch("/v1/checkouts/", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${SANDBOX_TOKEN}` },
    body: JSON.stringify(SCENARIOS[scenario]),
  }).then(async (res) => {
    if (!res.ok) throw new Error(`creating a session failed: ${res.status} ${await res.text()}`);
    return (await res.json()).client_secret;
  });
  return sessions[scenario];
}

function summary(event) {
  const d = event.detail;
  if (!d) return "";
  if (event.type === "kassa:error") return `${d.code}: ${d.message}`;
  return [d.status, d.seats ? `seats ${d.seats}` : "", `total_amount ${d.total_amount} ${d.currency}`].filter(Boolean).join(" · ");
}

/**
 * After a successful payment for something that recurs, the link to the subscription
 * screen, with the customer session token the confirmation handed out (none when the
 * email already belonged to a customer: the merchant's server would then issue one).
 */
let customerSessionToken = null;
function offerManagement(session) {
  document.getElementById("demo-manage")?.remove();
  const recurring = session?.product?.is_recurring;
  if (!recurring || !customerSessionToken) return;
  const link = document.createElement("a");
  link.id = "demo-manage";
  link.className = "demo-manage";
  link.dataset.testid = "demo-manage";
  link.href = `/www/subscription.html?token=${encodeURIComponent(customerSessionToken)}`;
  link.textContent = "Manage your subscription";
  status.after(link);
}

for (const name of ["ready", "change", "error", "expired", "confirmed", "success"]) {
  element.addEventListener(`kassa:${name}`, (event) => {
    if (name === "confirmed") customerSessionToken = event.detail?.customer_session_token ?? null;
    if (name === "success") {
      event.preventDefault(); // stay on the demo instead of success_url
      offerManagement(event.detail);
    }
    const item = document.createElement("li");
    const title = document.createElement("strong");
    title.textContent = event.type;
    const time = document.createElement("time");
    time.textContent = new Date().toLocaleTimeString();
    const detail = document.createElement("span");
    detail.textContent = summary(event);
    item.append(title, time, detail);
    item.dataset.event = event.type;
    log.prepend(item);
    while (log.children.length > 50) log.lastChild.remove();
  });
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
}

async function main() {
  const scenario = SCENARIOS[params.get("scenario")] ? params.get("scenario") : "plans";
  controls.scenario.value = scenario;
  controls.theme.value = params.get("theme") ?? "auto";
  // Without ?locale= the widget follows the browser's language (its default); the picker
  // shows the closest choice.
  const locale = params.get("locale") ?? undefined;
  const wanted = locale ?? navigator.language;
  const options = [...controls.locale.options].map((o) => o.value);
  controls.locale.value =
    options.find((o) => o === wanted) ?? options.find((o) => o.split("-")[0] === wanted.split("-")[0]) ?? "en-US";
  applyTheme(controls.theme.value);
  const clientSecret = params.get("client_secret") ?? (await secretFor(scenario));
  const handle = await mount(element, { clientSecret, apiBase: location.origin, locale, theme: controls.theme.value });
  window.kassaDemo = handle;
  controls.addEventListener("change", async (event) => {
    const field = event.target.name;
    if (field === "theme") {
      applyTheme(controls.theme.value);
      handle.update({ theme: controls.theme.value });
    } else if (field === "locale") {
      handle.update({ locale: controls.locale.value });
    } else if (field === "scenario") {
      handle.update({ clientSecret: await secretFor(controls.scenario.value) });
    }
  });
}

main().catch((e) => {
  status.textContent = `The demo could not start: ${e.message}`;
  console.error(e);
});
