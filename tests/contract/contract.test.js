// The contract layer: every answer the sandbox gave during the test run (the router
// tests and the end-to-end tests, recorded under KASSA_CONTRACT_DIR), and every request it
// accepted, conforms to Polar's OpenAPI document plus Kassa's named extensions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { check, records, validator } from "./validate.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIR = process.env.KASSA_CONTRACT_DIR ?? join(ROOT, "target", "contract");
const ajv = validator();

test("every answer the sandbox gave in the tests conforms to Polar's OpenAPI document", () => {
  const all = records(DIR);
  assert.ok(all.length > 100, `records under ${DIR}: ${all.length} (run the router and end-to-end tests with KASSA_CONTRACT_DIR first)`);
  const problems = new Map();
  for (const record of all) {
    for (const problem of check(ajv, record)) problems.set(problem, (problems.get(problem) ?? 0) + 1);
  }
  const statuses = new Set(all.map((r) => `${r.method} ${r.status}`));
  console.log(`# ${all.length} exchanges checked (${[...statuses].sort().join(", ")})`);
  const report = [...problems].slice(0, 40).map(([p, n]) => `${n}× ${p}`);
  assert.deepEqual(report, [], `${problems.size} kinds of problem`);
});

// A session as the sandbox answers it, to break on purpose below.
function session() {
  const found = records(DIR).find((r) => r.method === "GET" && r.status === 200 && r.path.startsWith("/v1/checkouts/client/"));
  assert.ok(found, "a recorded session");
  return structuredClone(found);
}

test("the validator refuses what Polar would not send", () => {
  const broken = (change) => {
    const record = session();
    change(record);
    return check(ajv, record);
  };
  assert.deepEqual(check(ajv, session()), [], "the session itself conforms");
  assert.match(broken((r) => (r.response.price_per_seat = 1200)).join(), /unevaluated|price_per_seat/, "an invented key");
  assert.match(broken((r) => delete r.response.payment_method_type).join(), /payment_method_type/, "a missing required key");
  assert.match(broken((r) => (r.response.status = "pending")).join(), /status/, "a value outside the enum");
  assert.match(broken((r) => (r.response.products[0].prices[0].amount_type = "free")).join(), /does not conform/, "a removed price type");
  assert.match(broken((r) => (r.status = 418)).join(), /a status neither/, "an undeclared status");
  assert.match(broken((r) => (r.path = "/v1/checkouts/client/x/teapot")).join(), /a path neither/, "an unknown path");
  assert.deepEqual(broken((r) => (r.response.currency_details = null)).filter((p) => /currency_details/.test(p)).length, 1, "extensions have a shape");
});

test("requests are held to Polar's bodies, with Kassa's reason and note allowed", () => {
  const patch = (request, status = 200) => ({ ...session(), method: "PATCH", status, request });
  assert.deepEqual(check(ajv, patch({ seats: 3, reason: "customer_request", note: "n" })), []);
  assert.match(check(ajv, patch({ seats: 3, price_per_seat: 1 })).join(), /request does not conform/);
  assert.match(check(ajv, patch({ seats: 0 })).join(), /request does not conform/, "Polar's bounds");
  assert.deepEqual(check(ajv, patch({ seats: "x" }, 422)).filter((p) => /request/.test(p)), [], "a refused request is not held to it");
});

test("the customer portal's answers are held to Polar's schemas and Kassa's named extensions", () => {
  const all = records(DIR);
  const find = (method, status, path) => {
    const found = all.find((r) => r.method === method && r.status === status && path.test(r.path));
    assert.ok(found, `a recorded ${method} ${status} ${path}`);
    return structuredClone(found);
  };
  const one = find("GET", 200, /^\/v1\/customer-portal\/subscriptions\/[0-9a-f-]{36}$/);
  assert.deepEqual(check(ajv, one), [], "a subscription conforms");
  const broken = (record, change) => {
    const copy = structuredClone(record);
    change(copy);
    return check(ajv, copy).join();
  };
  assert.match(broken(one, (r) => (r.response.next_billing_date = "2027-01-01")), /next_billing_date/, "an invented key");
  assert.match(broken(one, (r) => delete r.response.pending_update), /pending_update/, "a missing required key");
  assert.match(broken(one, (r) => (r.response.status = "scheduled_for_cancellation")), /status/, "a status outside Polar's enum");
  assert.match(broken(one, (r) => (r.response.past_due = { attempt_count: 2 })), /does not conform/, "an extension has its shape");
  assert.match(broken(one, (r) => delete r.response.product.organization.customer_portal_settings), /customer_portal_settings/);
  const list = find("GET", 200, /^\/v1\/customer-portal\/subscriptions\/?$/);
  assert.match(broken(list, (r) => delete r.response.pagination.max_page), /max_page/);
  // 401: Polar's `Unauthorized`, or RFC 6750's `invalid_token` from its auth middleware.
  const unauthorized = find("GET", 401, /^\/v1\/customer-portal\//);
  assert.deepEqual(check(ajv, unauthorized), []);
  assert.match(broken(unauthorized, (r) => (r.response = { error: "invalid_token" })), /does not conform/);
  // A 409 on PATCH: Polar's documented schema, or one of the classes its service raises.
  const conflict = find("PATCH", 409, /^\/v1\/customer-portal\//);
  assert.deepEqual(check(ajv, conflict), []);
  assert.match(broken(conflict, (r) => (r.response.error = "SomethingElse")), /does not conform/);
  const preview = find("POST", 200, /\/change-preview$/);
  assert.deepEqual(check(ajv, preview), []);
  assert.match(broken(preview, (r) => delete r.response.due_amount), /due_amount/);
  assert.match(broken(preview, (r) => (r.request = { seats: 2, product_id: r.request.product_id ?? "x" })), /request does not conform/);
});
