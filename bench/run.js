// Kassa's benchmark, side by side with Polar's published React checkout components,
// in one run against the same sandbox (release build, loopback, zero added latency).
// Prints figures; asserts nothing. `bash scripts/bench.sh` builds and runs it.
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { launchBrowser, PRODUCTS, startSandbox } from "../tests/e2e/harness.js";
import { sizes } from "./size.js";

const RUNS = Number(process.env.KASSA_BENCH_RUNS ?? 20);
const PEER_DIST = new URL("./peer-dist/", import.meta.url).pathname;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const ms = (x) => (x === undefined ? "n/a" : `${x.toFixed(1)} ms`);
const kb = (x) => (x === undefined ? "n/a" : `${(x / 1024).toFixed(1)} KB`);

/** Serves the peer's Vite build on a free port. */
async function servePeer() {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const path = join(PEER_DIST, new URL(req.url, "http://x").pathname.replace(/\/$/, "/index.html"));
    if (!path.startsWith(PEER_DIST) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** The two contenders: how to open each on a session, and what "interactive" means. */
function contenders(sandbox, peerUrl) {
  return {
    kassa: {
      url: (secret) => `${sandbox.url}/bench-page?secret=${secret}`,
      html: (secret) => `<!doctype html><meta charset="utf-8"><div id="c" data-kassa-checkout data-client-secret="${secret}" data-api-base="${sandbox.url}" data-locale="en-US"></div><script src="/pkg/kassa.js"></script>`,
      // Product, price and total shown, and the seat stepper ready to click.
      ready: () => !!document.querySelector("#c")?.shadowRoot?.querySelector("[data-testid=seats-increase]"),
      increase: (page) => page.locator("#c").getByTestId("seats-increase"),
      total: (page) => page.locator("#c").getByTestId("total"),
    },
    peer: {
      url: (secret) => `${peerUrl}/?secret=${secret}&api=${encodeURIComponent(sandbox.url)}`,
      ready: () => !!document.querySelector("[data-testid=peer] button"),
      increase: (page) => page.locator("[data-testid=peer] button").filter({ hasText: /^\+$|increase/i }).first(),
      total: (page) => page.locator("[data-testid=total]"),
      staticSize: () => {
        const dir = join(PEER_DIST, "assets");
        return sizes(readdirSync(dir).filter((f) => /\.(js|css|wasm)$/.test(f)).map((f) => readFileSync(join(dir, f))));
      },
    },
  };
}

/** Opens `who` on a fresh session in a fresh context; returns timings and bytes. */
async function startOnce(browser, sandbox, who, throttle) {
  const session = await sandbox.createSession({ products: [PRODUCTS.TEAM] });
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  if (who.html) await page.route(who.url(session.client_secret), (r) => r.fulfill({ contentType: "text/html", body: who.html(session.client_secret) }));
  const bodies = [];
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e.message ?? e).split("\n")[0]));
  page.on("response", async (r) => {
    const type = r.headers()["content-type"] ?? "";
    if (/javascript|wasm|css/.test(type)) bodies.push(r.body().catch(() => null));
  });
  await page.goto(who.url(session.client_secret));
  try {
    await page.waitForFunction(who.ready, null, { polling: "raf", timeout: 20_000 });
  } catch {
    await context.close();
    throw new Error(`never became interactive${errors.length ? `: ${errors[0]}` : ""}`);
  }
  const startup = await page.evaluate(() => performance.now());
  const assets = (await Promise.all(bodies)).filter(Boolean);
  return { startup, assets, page, context, session };
}

async function measure(browser, sandbox, name, who) {
  const out = { name };
  try {
    const runs = [], slow = [];
    let first;
    for (let i = 0; i < RUNS; i++) {
      const r = await startOnce(browser, sandbox, who, 0);
      runs.push(r.startup);
      if (i === 0) first = r; else await r.context.close();
    }
    for (let i = 0; i < Math.min(RUNS, 10); i++) {
      const r = await startOnce(browser, sandbox, who, 4);
      slow.push(r.startup);
      await r.context.close();
    }
    out.size = sizes(first.assets);
    out.startup = [pct(runs, 0.5), pct(runs, 0.95)];
    out.startupSlow = [pct(slow, 0.5), pct(slow, 0.95)];
    // Update cost: a seat click until the server's total is on screen.
    const { page } = first;
    const updates = [], network = [];
    for (let i = 0; i < 10; i++) {
      const before = (await who.total(page).textContent()).trim();
      const patch = page.waitForResponse((r) => r.request().method() === "PATCH");
      const t0 = await page.evaluate(() => performance.now());
      await who.increase(page).click();
      const response = await patch;
      await page.waitForFunction(([sel, prev]) => {
        const el = sel === "kassa" ? document.querySelector("#c").shadowRoot.querySelector("[data-testid=total]") : document.querySelector("[data-testid=total]");
        return el && el.textContent.trim() !== prev;
      }, [name, before], { polling: "raf" });
      updates.push((await page.evaluate(() => performance.now())) - t0);
      const t = response.request().timing();
      network.push(t.responseEnd > 0 ? t.responseEnd : 0);
      await page.waitForTimeout(350); // let a burst window close
    }
    out.update = [pct(updates, 0.5), pct(updates, 0.95)];
    out.updateOwn = pct(updates.map((u, i) => u - network[i]), 0.5);
    // Burst: 20 clicks within a second.
    let patches = 0;
    page.on("request", (r) => { if (r.method() === "PATCH") patches++; });
    for (let i = 0; i < 20; i++) { await who.increase(page).click(); await page.waitForTimeout(40); }
    await page.waitForTimeout(1500);
    const server = (await sandbox.getSession(first.session.client_secret)).body;
    const screen = name === "kassa" ? Number(await page.locator("#c").getByTestId("seats-input").inputValue()) : undefined;
    out.burst = { patches, same: screen === server.seats, screen, server: server.seats };
    // Memory after 10 and after 1,000 updates.
    const cdp = await first.context.newCDPSession(page);
    const heap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    };
    const wasm = () => page.evaluate(async () => (await (await import("/pkg/index.js")).init()).memory.buffer.byteLength);
    out.heap10 = await heap();
    out.wasm10 = name === "kassa" ? await wasm() : undefined;
    if (name === "kassa") {
      // 1,000 applied updates: type a seat count and leave the field (sent at once).
      const input = page.locator("#c").getByTestId("seats-input");
      for (let i = 0; i < 990; i++) {
        const done = page.waitForResponse((r) => r.request().method() === "PATCH");
        await input.fill(String(2 + (i % 40)));
        await input.blur();
        await done;
      }
      out.heap1000 = await heap();
      out.wasm1000 = await wasm();
    }
    await first.context.close();
  } catch (e) {
    out.error = e.message.split("\n")[0];
    // What can still be compared: the bytes the contender ships for its first render.
    out.size ??= who.staticSize?.();
  }
  return out;
}

const sandbox = await startSandbox();
const browser = await launchBrowser();
const { server, url } = await servePeer();
try {
  const c = contenders(sandbox, url);
  const kassa = await measure(browser, sandbox, "kassa", c.kassa);
  const peer = await measure(browser, sandbox, "peer", c.peer);
  const ratio = (a, b) => (a !== undefined && b ? (a / b).toFixed(2) : "n/a");
  const rows = [
    ["transfer raw", kb(kassa.size?.raw), kb(peer.size?.raw), ratio(kassa.size?.raw, peer.size?.raw)],
    ["transfer gzip -9", kb(kassa.size?.gzip), kb(peer.size?.gzip), ratio(kassa.size?.gzip, peer.size?.gzip)],
    ["transfer brotli", kb(kassa.size?.brotli), kb(peer.size?.brotli), ratio(kassa.size?.brotli, peer.size?.brotli)],
    [`start-up p50 (${RUNS} runs)`, ms(kassa.startup?.[0]), ms(peer.startup?.[0]), ratio(kassa.startup?.[0], peer.startup?.[0])],
    ["start-up p95", ms(kassa.startup?.[1]), ms(peer.startup?.[1]), ratio(kassa.startup?.[1], peer.startup?.[1])],
    ["start-up p50, 4× CPU", ms(kassa.startupSlow?.[0]), ms(peer.startupSlow?.[0]), ratio(kassa.startupSlow?.[0], peer.startupSlow?.[0])],
    ["start-up p95, 4× CPU", ms(kassa.startupSlow?.[1]), ms(peer.startupSlow?.[1]), ratio(kassa.startupSlow?.[1], peer.startupSlow?.[1])],
    ["update p50 (click → server total shown)", ms(kassa.update?.[0]), ms(peer.update?.[0]), ratio(kassa.update?.[0], peer.update?.[0])],
    ["update p95", ms(kassa.update?.[1]), ms(peer.update?.[1]), ratio(kassa.update?.[1], peer.update?.[1])],
    ["update, own share p50 (minus network)", ms(kassa.updateOwn), ms(peer.updateOwn), ratio(kassa.updateOwn, peer.updateOwn)],
    ["burst: PATCHes for 20 clicks in 1 s", String(kassa.burst?.patches ?? "n/a"), String(peer.burst?.patches ?? "n/a"), ratio(kassa.burst?.patches, peer.burst?.patches)],
    ["burst: server ends with the seats on screen", String(kassa.burst?.same ?? "n/a"), "n/a", ""],
    ["JS heap after 10 updates", kb(kassa.heap10), kb(peer.heap10), ratio(kassa.heap10, peer.heap10)],
    ["JS heap after 1,000 updates", kb(kassa.heap1000), kb(peer.heap1000), ratio(kassa.heap1000, peer.heap1000)],
    ["wasm memory after 10 updates", kb(kassa.wasm10), "—", ""],
    ["wasm memory after 1,000 updates", kb(kassa.wasm1000), "—", ""],
  ];
  const w = [44, 14, 14, 10];
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i])).join(" ");
  console.log(line(["figure", "kassa", "peer", "kassa÷peer"]));
  for (const r of rows) console.log(line(r));
  for (const x of [kassa, peer]) if (x.error) console.log(`${x.name}: could not measure everything: ${x.error}`);
  console.log("targets: first render ≤ 64 KB brotli; start-up p50 ≤ 120 ms; own update cost < 16 ms; memory flat; every ratio < 1");
} finally {
  server.close();
  await browser.close();
  await sandbox.stop();
}
