// Kassa's benchmark, side by side with Polar's published React checkout components,
// in one run against the same sandbox (release build, loopback, zero added latency).
// Prints figures; asserts nothing. `bash scripts/bench.sh` builds and runs it.
//
// A/B of two Kassa builds: `KASSA_BENCH_AB=dir node bench/run.js` measures start-up only,
// alternating runs of pkg/ (A) and the build in `dir` (B, e.g. a copy of pkg/ from
// before a change), and prints both with B's bytes. `KASSA_BENCH_LOCALE` (default en-US)
// is the merchant page's locale, so a change to what other languages load is measured.
//
// Both pages are served by one static server here and call the sandbox on another
// origin, as a merchant's page calls api.polar.sh: both pay the same CORS preflights.
// Timings are taken inside the page (performance.now(), resource timing, mutation
// observers), so the harness's own round trips are not counted.
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { launchBrowser, liveAllocations, PRODUCTS, ROOT, startSandbox } from "../tests/e2e/harness.js";
import { firstRenderFiles, kassaSizes, sizes } from "./size.js";

const RUNS = Number(process.env.KASSA_BENCH_RUNS ?? 20);
const MANY = Number(process.env.KASSA_BENCH_UPDATES ?? 1000);
const PEER_DIST = join(ROOT, "bench", "peer-dist");
const AB = process.env.KASSA_BENCH_AB;
const LOCALE = process.env.KASSA_BENCH_LOCALE ?? "en-US";
const SESSION_PATH = "/v1/checkouts/client/";

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const ms = (x) => (x === undefined ? "n/a" : `${x.toFixed(1)} ms`);
const kb = (x) => (x === undefined ? "n/a" : `${(x / 1024).toFixed(1)} KB`);

/**
 * Serves `/kassa/` (a merchant page with the script tag), `/pkg/`, `/peer/`, and
 * `/kassa-stats/` + `/stats/`: the same page and widget built counting its allocations.
 */
async function servePages(apiBase) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };
  const kassaPage = (secret, dir) =>
    `<!doctype html><meta charset="utf-8"><title>Kassa</title><div id="c" data-kassa-checkout data-client-secret="${secret}" data-api-base="${apiBase}" data-locale="${LOCALE}"></div><script src="/${dir}/kassa.js"></script>`;
  const pages = { "/kassa/": "pkg", "/kassa-stats/": "stats", "/kassa-b/": "b" };
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (pages[url.pathname]) {
      const body = kassaPage(url.searchParams.get("secret"), pages[url.pathname]);
      return res.writeHead(200, { "content-type": "text/html" }).end(body);
    }
    const dirs = { peer: PEER_DIST, pkg: join(ROOT, "pkg"), stats: join(ROOT, "target", "kassa-stats"), b: AB };
    const [, top, ...rest] = url.pathname.split("/");
    const dir = dirs[top];
    const rel = rest.join("/") || (top === "peer" ? "index.html" : "");
    if (!dir || !rel) return res.writeHead(404).end();
    const path = join(dir, rel);
    if (!path.startsWith(dir) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/**
 * The two contenders: where each page is, which script starts it, what "interactive"
 * means (product, price and total shown, seat stepper ready), and its controls.
 * `root` names a host whose shadow root holds the controls.
 */
function contenders(pagesUrl, apiBase) {
  return {
    kassa: {
      url: (secret) => `${pagesUrl}/kassa/?secret=${secret}`,
      // The same page on the build that counts its allocations.
      statsUrl: (secret) => `${pagesUrl}/kassa-stats/?secret=${secret}`,
      entry: "/pkg/kassa.js",
      // The first render's files: what the page loads later (the card form, Stripe.js)
      // is not part of it.
      firstRender: kassaSizes,
      root: "#c",
      increase: "[data-testid=seats-increase]",
      decrease: "[data-testid=seats-decrease]",
      total: "[data-testid=total]",
      seatsField: "[data-testid=seats-input]",
      seats: (scope) => Number(scope.querySelector("[data-testid=seats-input]").value),
      ready: () => !!document.querySelector("#c")?.shadowRoot?.querySelector("[data-testid=seats-increase]"),
    },
    // The other Kassa build of an A/B (`KASSA_BENCH_AB`), on the same page.
    b: {
      url: (secret) => `${pagesUrl}/kassa-b/?secret=${secret}`,
      entry: "/b/kassa.js",
      ready: () => !!document.querySelector("#c")?.shadowRoot?.querySelector("[data-testid=seats-increase]"),
    },
    peer: {
      url: (secret) => `${pagesUrl}/peer/?secret=${secret}&api=${encodeURIComponent(apiBase)}`,
      entry: "/peer/assets/",
      root: null,
      increase: "button[aria-label='Increase seats']",
      decrease: "button[aria-label='Decrease seats']",
      total: "[data-testid=total]",
      seats: (scope) => Number(scope.querySelector("button[aria-label='Click to edit seat count']").textContent),
      ready: () => !!document.querySelector("button[aria-label='Increase seats']") && !!document.querySelector("[data-testid=total]"),
      why: "unstyled (Polar's components take their CSS from the host app's Tailwind build) and without Stripe's card field (Stripe.js comes from js.stripe.com, unreachable offline): the peer's real page is heavier",
      staticSize: () => {
        const dir = join(PEER_DIST, "assets");
        return sizes(readdirSync(dir).filter((f) => /\.(js|css|wasm)$/.test(f)).map((f) => readFileSync(join(dir, f))));
      },
    },
  };
}

/** In the page from its first byte: records when `ready()` first holds, at a frame. */
const readyProbe = (ready) => `(() => {
  const ready = ${ready};
  const tick = () => { if (ready()) window.__benchReady = performance.now(); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();`;

/** Opens `who` on a fresh session in a fresh context; returns timings and bytes. */
async function startOnce(browser, sandbox, who, throttle) {
  const session = await sandbox.createSession({ products: [PRODUCTS.TEAM] });
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  await page.addInitScript({ content: readyProbe(who.ready.toString()) });
  const bodies = [];
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e.message ?? e).split("\n")[0]));
  page.on("response", async (r) => {
    const type = r.headers()["content-type"] ?? "";
    // The widget's files, and a language table Kassa fetches for a buyer outside English.
    if (/javascript|wasm|css/.test(type) || r.url().includes("/lang/")) bodies.push(r.body().catch(() => null));
  });
  await page.goto(who.url(session.client_secret));
  try {
    await page.waitForFunction(() => window.__benchReady !== undefined, null, { timeout: 20_000 });
  } catch {
    await context.close();
    throw new Error(`never became interactive${errors.length ? `: ${errors[0]}` : ""}`);
  }
  const t = await page.evaluate(([entry, api]) => {
    const res = performance.getEntriesByType("resource");
    const script = res.find((e) => e.name.includes(entry));
    const get = res.find((e) => e.name.includes(api));
    const start = script.startTime;
    return {
      startup: window.__benchReady - start,
      fromNavigation: window.__benchReady,
      sessionAsked: get ? get.startTime - start : undefined,
      sessionAnswered: get ? get.responseEnd - start : undefined,
    };
  }, [who.entry, SESSION_PATH]);
  const assets = (await Promise.all(bodies)).filter(Boolean);
  return { ...t, assets, page, context, session, errors };
}

/**
 * In the page: does `action` (`{click}`: clicks a control; `{type, value}`: types a value
 * into a field and leaves it) and resolves when the server's answer is on screen (a PATCH
 * has completed and the total differs from before). Returns the whole time and the
 * PATCH's own time on the network (request start to response end, preflight excluded).
 */
function updateInPage([root, action, total]) {
  const scope = root ? document.querySelector(root).shadowRoot : document;
  performance.clearResourceTimings();
  const before = scope.querySelector(total)?.textContent;
  const patch = () => performance.getEntriesByType("resource").filter((e) => e.name.includes("/v1/checkouts/client/")).pop();
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let done = false;
    const check = () => {
      if (done) return;
      const e = patch();
      if (e && scope.querySelector(total)?.textContent !== before) {
        done = true;
        const t1 = performance.now();
        observer.disconnect();
        clearTimeout(timeout); // a pending timer would hold this closure in the heap figures
        resolve({ total: t1 - t0, network: e.responseEnd - e.startTime });
      } else requestAnimationFrame(check);
    };
    const observer = new MutationObserver(check);
    observer.observe(scope, { subtree: true, childList: true, characterData: true });
    const timeout = setTimeout(() => done || reject(new Error("no update shown within 10 s")), 10_000);
    if (action.click) scope.querySelector(action.click).click();
    else {
      const field = scope.querySelector(action.type);
      field.value = String(action.value);
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new FocusEvent("blur"));
    }
    check();
  });
}

/** The seat count `who` shows. */
const seatsOnScreen = (page, who) =>
  page.evaluate(([root, seats]) => (0, eval)(seats)(root ? document.querySelector(root).shadowRoot : document), [who.root, who.seats.toString()]);

/**
 * `n` updates by typing seat counts into `who`'s field (sent at once when it is left),
 * each a count other than the one on screen (`seats`: 2..41); returns the last.
 */
async function typeSeats(page, who, seats, n) {
  for (let i = 0; i < n; i++) {
    seats = (seats % 40) + 2;
    await page.evaluate(updateInPage, [who.root, { type: who.seatsField, value: seats }, who.total]);
  }
  return seats;
}

/** Lets Kassa's burst window (300 ms) close, so the next click is sent alone. */
const settle = (page) => page.waitForTimeout(400);

/**
 * Kassa's live heap allocations (the `alloc-stats` build) after 10 and after `MANY`
 * updates, each read after a forced garbage collection: the wasm's memory only grows in
 * 64 KiB pages, this shows a single leaked allocation per update.
 */
async function kassaLiveAllocations(browser, sandbox, who) {
  const session = await sandbox.createSession({ products: [PRODUCTS.TEAM] });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(who.statsUrl(session.client_secret));
  await page.waitForFunction(who.ready);
  const cdp = await context.newCDPSession(page);
  const seats = await typeSeats(page, who, await seatsOnScreen(page, who), 10);
  const after10 = await liveAllocations(page, cdp);
  await typeSeats(page, who, seats, MANY - 10);
  const afterMany = await liveAllocations(page, cdp);
  await context.close();
  return [after10, afterMany];
}

async function measure(browser, sandbox, name, who) {
  const out = { name };
  try {
    const runs = [], slow = [], nav = [], asked = [], answered = [];
    let first;
    for (let i = 0; i < RUNS; i++) {
      const r = await startOnce(browser, sandbox, who, 0);
      runs.push(r.startup);
      nav.push(r.fromNavigation);
      if (r.sessionAsked !== undefined) { asked.push(r.sessionAsked); answered.push(r.sessionAnswered); }
      if (i === 0) first = r; else await r.context.close();
    }
    for (let i = 0; i < Math.min(RUNS, 10); i++) {
      const r = await startOnce(browser, sandbox, who, 4);
      slow.push(r.startup);
      await r.context.close();
    }
    out.size = who.firstRender?.() ?? sizes(first.assets);
    out.startup = [pct(runs, 0.5), pct(runs, 0.95)];
    if (process.env.KASSA_BENCH_VERBOSE) console.error(name, runs.map((r) => r.toFixed(0)).sort((a, b) => a - b).join(" "));
    out.startupNav = pct(nav, 0.5);
    out.sessionAsked = pct(asked, 0.5);
    out.sessionAnswered = pct(answered, 0.5);
    out.startupSlow = [pct(slow, 0.5), pct(slow, 0.95)];
    const { page } = first;
    const at = (action) => [who.root, action, who.total];
    const click = (control) => at({ click: control });
    // Update cost: a seat click until the server's total is on screen; the first
    // update (its preflight not yet cached) is left out.
    await page.evaluate(updateInPage, click(who.increase));
    await settle(page);
    const updates = [], own = [];
    for (let i = 0; i < 20; i++) {
      const r = await page.evaluate(updateInPage, click(i % 2 ? who.decrease : who.increase));
      updates.push(r.total);
      own.push(r.total - r.network);
      await settle(page); // let a burst window close
    }
    out.update = [pct(updates, 0.5), pct(updates, 0.95)];
    out.updateOwn = [pct(own, 0.5), pct(own, 0.95)];
    // Burst: 20 clicks within a second.
    let patches = 0;
    page.on("request", (r) => { if (r.method() === "PATCH") patches++; });
    await page.evaluate(async ([root, control]) => {
      const scope = root ? document.querySelector(root).shadowRoot : document;
      for (let i = 0; i < 20; i++) {
        scope.querySelector(control).click();
        await new Promise((r) => setTimeout(r, 45));
      }
    }, [who.root, who.increase]);
    await page.waitForTimeout(2000);
    const server = (await sandbox.getSession(first.session.client_secret)).body;
    const screen = await seatsOnScreen(page, who);
    out.burst = { patches, same: screen === server.seats, screen, server: server.seats };
    // Memory after 10 and after 1,000 updates, alternating up and down.
    const cdp = await first.context.newCDPSession(page);
    const heap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    };
    const wasm = () => page.evaluate(async () => (await (await import("/pkg/index.js")).init()).memory.buffer.byteLength);
    // Typed seat counts (sent at once when the field is left) where the contender has a
    // field; clicks spaced past any burst window where it has only buttons.
    let seats = screen;
    const updatesTo = async (n) => {
      const from = out.applied ?? 0;
      if (who.seatsField) seats = await typeSeats(page, who, seats, n - from);
      else {
        // Only buttons (the peer, which sends every click at once): click, wait for the answer.
        for (let i = from; i < n; i++) await page.evaluate(updateInPage, click(Math.floor(i / 20) % 2 ? who.decrease : who.increase));
      }
      out.applied = n;
    };
    await updatesTo(10);
    out.heap10 = await heap();
    if (name === "kassa") out.wasm10 = await wasm();
    await updatesTo(MANY);
    out.heap1000 = await heap();
    if (name === "kassa") out.wasm1000 = await wasm();
    await first.context.close();
    if (who.statsUrl) out.live = await kassaLiveAllocations(browser, sandbox, who);
  } catch (e) {
    out.error = e.message.split("\n")[0];
    // What can still be compared: the bytes the contender ships for its first render.
    out.size ??= who.staticSize?.();
  }
  return out;
}

/**
 * Start-up of builds A and B, runs alternating so both see the same machine: p50 and p95,
 * plain and at 4× CPU, and the bytes each page loaded.
 */
async function startupAB(browser, sandbox, a, b) {
  const runs = { a: [], b: [], aSlow: [], bSlow: [] };
  const bytes = {};
  for (let i = 0; i < RUNS; i++) {
    for (const [key, who] of [["a", a], ["b", b]]) {
      for (const throttle of i < 10 ? [0, 4] : [0]) {
        const r = await startOnce(browser, sandbox, who, throttle);
        runs[throttle ? `${key}Slow` : key].push(r.startup);
        await r.context.close();
      }
    }
  }
  // The first render's files of each build, and the language table a buyer of LOCALE gets.
  const code = LOCALE.split(/[-_]/)[0].toLowerCase();
  for (const [key, dir] of [["a", join(ROOT, "pkg")], ["b", AB]]) {
    const files = [...firstRenderFiles(dir), `lang/${code}.json`].map((f) => join(dir, f)).filter(existsSync);
    bytes[key] = sizes(files.map((f) => readFileSync(f))).brotli;
  }
  const row = (label, x, y, fmt) => console.log(`${label.padEnd(34)} ${fmt(x).padEnd(12)} ${fmt(y).padEnd(12)} ${(x / y).toFixed(2)}`);
  console.log(`${"A/B, locale " + LOCALE}`.padEnd(34), "A (pkg/)".padEnd(12), "B".padEnd(12), "A÷B");
  row("first render, brotli", bytes.a, bytes.b, kb);
  row(`start-up p50 (${RUNS} runs each)`, pct(runs.a, 0.5), pct(runs.b, 0.5), ms);
  row("start-up p95", pct(runs.a, 0.95), pct(runs.b, 0.95), ms);
  row("start-up p50, 4× CPU (10 runs)", pct(runs.aSlow, 0.5), pct(runs.bSlow, 0.5), ms);
}

/** Kassa and the peer, every figure, side by side. */
async function sideBySide(browser, sandbox, c) {
  const kassa = await measure(browser, sandbox, "kassa", c.kassa);
  const peer = await measure(browser, sandbox, "peer", c.peer);
  const ratio = (a, b) => (a !== undefined && b ? (a / b).toFixed(2) : "n/a");
  const row = (label, f, fmt) => [label, fmt(f(kassa)), fmt(f(peer)), ratio(f(kassa), f(peer))];
  const rows = [
    row("transfer raw", (x) => x.size?.raw, kb),
    row("transfer gzip -9", (x) => x.size?.gzip, kb),
    row("transfer brotli", (x) => x.size?.brotli, kb),
    row(`start-up p50 (script → interactive, ${RUNS} runs)`, (x) => x.startup?.[0], ms),
    row("start-up p95", (x) => x.startup?.[1], ms),
    row("  of which: script → session asked, p50", (x) => x.sessionAsked, ms),
    row("  of which: script → session answered, p50", (x) => x.sessionAnswered, ms),
    row("  from navigation, p50", (x) => x.startupNav, ms),
    row("start-up p50, 4× CPU", (x) => x.startupSlow?.[0], ms),
    row("start-up p95, 4× CPU", (x) => x.startupSlow?.[1], ms),
    row("update p50 (click → server total shown)", (x) => x.update?.[0], ms),
    row("update p95", (x) => x.update?.[1], ms),
    row("update, own share p50 (minus network)", (x) => x.updateOwn?.[0], ms),
    row("update, own share p95", (x) => x.updateOwn?.[1], ms),
    row("burst: PATCHes for 20 clicks in 1 s", (x) => x.burst?.patches, (v) => String(v ?? "n/a")),
    ["burst: server ends with the seats on screen", String(kassa.burst?.same ?? "n/a"), String(peer.burst?.same ?? "n/a"), ""],
    row("JS heap after 10 updates", (x) => x.heap10, kb),
    row(`JS heap after ${MANY} updates`, (x) => x.heap1000, kb),
    ["wasm memory after 10 updates", kb(kassa.wasm10), "—", ""],
    [`wasm memory after ${MANY} updates`, kb(kassa.wasm1000), "—", ""],
    ["wasm live allocations after 10 updates", String(kassa.live?.[0] ?? "n/a"), "—", ""],
    [`wasm live allocations after ${MANY} updates`, String(kassa.live?.[1] ?? "n/a"), "—", ""],
  ];
  const w = [46, 14, 14, 10];
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i])).join(" ");
  console.log(line(["figure", "kassa", "peer", "kassa÷peer"]));
  for (const r of rows) console.log(line(r));
  for (const x of [kassa, peer]) if (x.error) console.log(`${x.name}: could not measure everything: ${x.error}`);
  console.log(`peer: ${c.peer.why}`);
  console.log("targets: first render ≤ 64 KB brotli; start-up p50 ≤ 120 ms; own update cost < 16 ms; memory flat; every ratio < 1");
}

const sandbox = await startSandbox();
const browser = await launchBrowser();
const { server, url } = await servePages(sandbox.url);
try {
  const c = contenders(url, sandbox.url);
  if (AB) await startupAB(browser, sandbox, c.kassa, c.b);
  else await sideBySide(browser, sandbox, c);
} finally {
  server.close();
  await browser.close();
  await sandbox.stop();
}
