// What the sandbox's stand-in adds to the page, for tests to read.
interface Window {
  __kassaSandboxStripe?: { stripe: unknown[]; elements: unknown[]; updates: unknown[] };
}
