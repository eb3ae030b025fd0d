// Shared set-up of the end-to-end tests: a real sandbox on a free port with a fresh
// database, and the system Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, afterEach, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = join(ROOT, "tests", "e2e", "artifacts");
export const SANDBOX_TOKEN = "polar_oat_kassa_sandbox";
export const PRODUCTS = {
  PRO: "5a1d0000-0000-4000-8000-000000000101",
  STARTER: "5a1d0000-0000-4000-8000-000000000102",
  TEAM: "5a1d0000-0000-4000-8000-000000000103",
  SUPPORT: "5a1d0000-0000-4000-8000-000000000104",
  COMMUNITY: "5a1d0000-0000-4000-8000-000000000105",
  LIFETIME: "5a1d0000-0000-4000-8000-000000000106",
};
export const PRICES = {
  PRO_MONTHLY: "5a1d0000-0000-4000-8000-000000000201",
  PRO_YEARLY: "5a1d0000-0000-4000-8000-000000000202",
  TEAM_SEATS: "5a1d0000-0000-4000-8000-000000000204",
};

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

/** Starts `kassa-sandbox` on 127.0.0.1:0; resolves once it prints its address. */
export async function startSandbox() {
  const dir = mkdtempSync(join(tmpdir(), "kassa-e2e-"));
  const bin = process.env.KASSA_SANDBOX_BIN ?? join(ROOT, "target", "debug", "kassa-sandbox");
  const child = spawn(bin, ["--addr", "127.0.0.1:0", "--db", join(dir, "sandbox.sqlite"), "--root", ROOT, "--faults"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 15000);
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
  return {
    url,
    async createSession(body) {
      const res = await fetch(`${url}/v1/checkouts/`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${SANDBOX_TOKEN}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return res.json();
    },
    /** Reads a session by client secret, as the widget does. */
    async getSession(secret) {
      const res = await fetch(`${url}/v1/checkouts/client/${secret}`);
      return { status: res.status, body: await res.json() };
    },
    /** Injects a fault into the next requests of a session (`--faults`). */
    async fault(secret, body) {
      const res = await fetch(`${url}/v1/sandbox/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${SANDBOX_TOKEN}` },
        body: JSON.stringify({ client_secret: secret, ...body }),
      });
      if (!res.ok) throw new Error(`fault failed: ${res.status} ${await res.text()}`);
    },
    /** A subscription in any state (`POST /v1/sandbox/subscriptions`): `{subscription, customer_session}`. */
    async seedSubscription(body) {
      const res = await fetch(`${url}/v1/sandbox/subscriptions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${SANDBOX_TOKEN}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
      return res.json();
    },
    /** Changes the organization's proration behaviour or portal settings. */
    async organization(body) {
      const res = await fetch(`${url}/v1/sandbox/organization`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${SANDBOX_TOKEN}` },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`organization failed: ${res.status} ${await res.text()}`);
      return res.json();
    },
    /** A subscription's audit trail, oldest first: each entry's `fields`. */
    async subscriptionAudit(id) {
      const res = await fetch(`${url}/v1/sandbox/subscriptions/${id}/audit`, { headers: { Authorization: `Bearer ${SANDBOX_TOKEN}` } });
      return (await res.json()).items.map((e) => e.fields);
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches the system Chromium. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** The pages opened by the test that is running; checked and closed after it. */
const openPages = new Set();

/**
 * A new page in a fresh context. Any uncaught error in it, and any console error, fails
 * the test after it ends, unless the test said it expects it:
 * `page.expectErrors(/status of 422/)` allows the messages matching any pattern (a
 * browser logs "Failed to load resource: … status of 422" for every refused request).
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: "en-US", ...options });
  const page = await context.newPage();
  page.errors = [];
  page.consoleErrors = [];
  page.expected = [];
  page.on("pageerror", (e) => page.errors.push(e));
  page.on("console", (m) => m.type() === "error" && page.consoleErrors.push(m.text()));
  if (process.env.KASSA_E2E_DEBUG) page.on("response", (r) => r.status() >= 400 && console.log("HTTP", r.status(), r.url()));
  page.expectErrors = (...patterns) => page.expected.push(...patterns);
  openPages.add(page);
  return page;
}

/** Resolves once `check()` (sync or async) holds; the test's own timeout bounds it. */
export async function until(check) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

/** The errors of `page` no test expected. */
export function unexpectedErrors(page) {
  const messages = [...page.errors.map((e) => `page error: ${e.stack ?? e}`), ...page.consoleErrors.map((m) => `console error: ${m}`)];
  return messages.filter((m) => !page.expected.some((p) => p.test(m)));
}

// After every test: its pages must have had no unexpected error; then they close.
afterEach(async () => {
  const pages = [...openPages];
  openPages.clear();
  const problems = pages.flatMap(unexpectedErrors);
  await Promise.all(pages.map((p) => p.context().close().catch(() => {})));
  if (problems.length) throw new Error(`unexpected errors in the page:\n${problems.join("\n")}`);
});

/**
 * The wasm's live heap allocations in a page running the counting build
 * (`target/kassa-stats/`, served at `/stats/`), read once the garbage, and the wasm
 * closures it held, is collected: finalizers free their Rust side a moment later.
 */
export async function liveAllocations(page, cdp) {
  // Collect, let the finalizers run (they are tasks after the collection), read; until
  // two reads in a row agree: then nothing more is being freed.
  const read = () => page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 0));
    return (await import("/stats/kassa_wasm.js")).allocStats()[0];
  });
  let before = -1;
  for (let i = 0; i < 20; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
    const now = await read();
    if (now === before) return now;
    before = now;
  }
  return before;
}

/** Saves a screenshot under tests/e2e/artifacts/. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousViolations(page) {
  await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/**
 * Starts a sandbox and a browser before a spec file's tests and stops them after;
 * `ready(sandbox, browser)` receives them.
 */
export function useSandbox(ready) {
  let sandbox, browser;
  before(async () => {
    sandbox = await startSandbox();
    browser = await launchBrowser();
    ready(sandbox, browser);
  });
  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });
}
