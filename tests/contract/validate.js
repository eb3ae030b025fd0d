// Checks the sandbox's answers (and the requests it accepted) against Polar's own OpenAPI
// document, with a real JSON Schema validator (ajv, the 2020-12 dialect OpenAPI 3.1
// uses, and ajv-formats). Stricter than the document in one way: an object may carry no
// property its schema does not name (`unevaluatedProperties: false` everywhere), so a key
// the sandbox invents fails, unless extensions.json names it as Kassa's.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const HERE = dirname(fileURLToPath(import.meta.url));
export const OPENAPI = JSON.parse(readFileSync(join(HERE, "polar-openapi-2026-10.json"), "utf8"));
export const EXTENSIONS = JSON.parse(readFileSync(join(HERE, "extensions.json"), "utf8"));

/** Polar's document, made strict, with Kassa's named extensions added. */
function strictDocument() {
  const doc = structuredClone(OPENAPI);
  const schemas = doc.components.schemas;
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    if (node.properties && node.additionalProperties === undefined && node.unevaluatedProperties === undefined) {
      node.unevaluatedProperties = false;
    }
    Object.values(node).forEach(visit);
  };
  visit(schemas);
  visit(doc.paths);
  for (const [name, properties] of Object.entries(EXTENSIONS.properties)) {
    if (!schemas[name]) throw new Error(`extensions.json extends ${name}, which Polar's document does not have`);
    for (const [key, schema] of Object.entries(properties)) {
      if (schemas[name].properties[key]) throw new Error(`${name}.${key} is Polar's own, not an extension`);
      // Its `#/$defs/…` are Kassa's: point them at kassa.json from inside Polar's document.
      schemas[name].properties[key] = JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"kassa.json#/$defs/'));
    }
  }
  return doc;
}

/** An ajv holding Polar's document as `polar.json` and the extensions as `kassa.json`. */
export function validator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("uuid4", /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
  ajv.addFormat("ipvanyaddress", (s) => /^[0-9.]+$/.test(s) || s.includes(":"));
  ajv.addFormat("ipvanynetwork", () => true);
  ajv.addSchema(strictDocument(), "polar.json");
  ajv.addSchema(EXTENSIONS, "kassa.json");
  return ajv;
}

const pointer = (...parts) => parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** The path template of `path` in Polar's document or the extensions, and its params. */
function templateOf(path) {
  for (const [alias, to] of Object.entries(EXTENSIONS.aliases)) {
    if (path.startsWith(alias)) path = to + path.slice(alias.length);
  }
  const candidates = [...Object.keys(OPENAPI.paths).map((t) => [t, "polar"]), ...Object.keys(EXTENSIONS.paths).map((t) => [t, "kassa"])];
  // Polar answers `/v1/checkouts` as `/v1/checkouts/`.
  for (const candidate of [path, path.endsWith("/") ? path : `${path}/`]) {
    for (const [template, source] of candidates) {
      const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      if (regex.test(candidate)) return { template, source };
    }
  }
  return null;
}

/**
 * Validates one recorded exchange. Returns a list of problems (empty when it conforms).
 * `{method, path, status, request, response, injected}` as `sandbox/src/record.rs` writes.
 */
export function check(ajv, record) {
  if (record.method === "OPTIONS") return []; // a CORS preflight, answered by the CORS layer
  const method = record.method.toLowerCase();
  const found = templateOf(record.path);
  if (!found) return [`${record.method} ${record.path}: a path neither Polar nor extensions.json has`];
  const { template, source } = found;
  const where = `${record.method} ${template} → ${record.status}`;
  const problems = [];
  const run = (ref, value, what) => {
    const validate = ajv.getSchema(ref);
    if (!validate) return problems.push(`${where}: no schema at ${ref}`);
    if (!validate(value)) {
      const errors = validate.errors.slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.unevaluatedProperty ? ` (${e.params.unevaluatedProperty})` : ""}`);
      problems.push(`${where}: the ${what} does not conform: ${errors.join("; ")}`);
    }
  };
  // A made-up answer (an injected fault) is held to the shape of made-up answers.
  let response;
  if (record.injected) {
    response = "kassa.json#/injected";
  } else if (source === "polar") {
    const operation = OPENAPI.paths[template][method];
    if (!operation) return [`${where}: Polar has no ${record.method} on ${template}`];
    if (operation.responses[String(record.status)]) {
      response = `polar.json#${pointer("", "paths", template, method, "responses", record.status, "content", "application/json", "schema")}`;
    }
    const body = operation.requestBody?.content?.["application/json"]?.schema;
    if (body && record.status < 300 && record.request !== null) {
      run(`polar.json#${pointer("", "paths", template, method, "requestBody", "content", "application/json", "schema")}`, record.request, "request");
    }
  } else {
    const operation = EXTENSIONS.paths[template][method];
    if (!operation) return [`${where}: extensions.json has no ${record.method} on ${template}`];
    if (operation.responses[String(record.status)]) response = `kassa.json#${pointer("", "paths", template, method, "responses", record.status)}`;
    if (operation.request && record.status < 300) run(`kassa.json#${pointer("", "paths", template, method, "request")}`, record.request, "request");
  }
  if (!response && EXTENSIONS.statuses[String(record.status)]) response = `kassa.json#/statuses/${record.status}`;
  if (!response) return [...problems, `${where}: a status neither Polar nor extensions.json declares`];
  // An error Polar's service sends under a documented status but with a schema its
  // document does not list (extensions.json, `undocumented`) is held to that instead.
  const undocumented = source === "polar" && EXTENSIONS.undocumented?.[template]?.[method]?.[String(record.status)];
  if (undocumented && ajv.getSchema(`kassa.json#${pointer("", "undocumented", template, method, record.status)}`)(record.response)) {
    return problems;
  }
  run(response, record.response, "response");
  return problems;
}

/** Every record under `dir` (`*.jsonl`). */
export function records(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)));
}
