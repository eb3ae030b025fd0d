// The few pieces of the WebAssembly binary format Kassa's build and size scripts read and
// write (scripts/short-names.mjs, bench/size.js): LEB128 integers and an import's
// descriptor. Enough for those scripts, no more.

/** Reads a LEB128 unsigned integer at `at`; returns [value, next offset]. */
export function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** `n` as LEB128 bytes. */
export function writeLeb(n) {
  const bytes = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    bytes.push(byte);
  } while (n);
  return Buffer.from(bytes);
}

/** The offset after the descriptor of an import whose kind byte is at `at`. */
export function skipImportDescriptor(bytes, at) {
  const kind = bytes[at++];
  const limits = () => {
    let flags;
    [flags, at] = readLeb(bytes, at);
    [, at] = readLeb(bytes, at);
    if (flags & 1) [, at] = readLeb(bytes, at);
  };
  switch (kind) {
    case 0: [, at] = readLeb(bytes, at); break; // function: type index
    case 1: at++; limits(); break; // table: reference type, limits
    case 2: limits(); break; // memory: limits
    case 3: at += 2; break; // global: value type, mutability
    case 4: at++; [, at] = readLeb(bytes, at); break; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
  return at;
}
