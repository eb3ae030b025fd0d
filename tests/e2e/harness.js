// Shared set-up of the end-to-end tests: a real sandbox on a free port with a fresh
// database, and the system Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = join(ROOT, "tests", "e2e", "artifacts");
export const SANDBOX_TOKEN = "polar_oat_kassa_sandbox";
export const PRODUCTS = {
  PRO: "5a1d0000-0000-4000-8000-000000000101",
  TEAM: "5a1d0000-0000-4000-8000-000000000103",
};

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

/** Starts `kassa-sandbox` on 127.0.0.1:0; resolves once it prints its address. */
export async function startSandbox() {
  const dir = mkdtempSync(join(tmpdir(), "kassa-e2e-"));
  const bin = process.env.KASSA_SANDBOX_BIN ?? join(ROOT, "target", "debug", "kassa-sandbox");
  const child = spawn(bin, ["--addr", "127.0.0.1:0", "--db", join(dir, "sandbox.sqlite"), "--root", ROOT], {
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

/** A new page in a fresh context, failing the test on any page error. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: "en-US", ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  page.errors = errors;
  return page;
}

/** Saves a screenshot under tests/e2e/artifacts/. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
