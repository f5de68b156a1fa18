/**
 * JSON with object keys sorted at every level, so equal values always give
 * equal text. Used for content hashes and the history hash chain. Functions
 * are written as their source text (machine guards and actions are part of
 * what a workflow version means).
 *
 * Written straight to text (no sorted copy of the value built first): the
 * same text `JSON.stringify` gives for the value with its keys sorted —
 * `undefined`, symbols dropped from objects and `null` in arrays, bigints and
 * dates as strings, an object met again inside itself as "[circular]",
 * `toJSON` not called (but a date's), and keys in the order a sorted copy
 * has (integer keys first, by value). Hashes already stored depend on it.
 */
export function stableStringify(value: unknown): string {
  return write(value, new Set()) as string;
}

function write(value: unknown, seen: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'undefined':
    case 'symbol':
      return undefined;
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'function':
      return JSON.stringify(`[function ${value.toString()}]`);
  }
  if (value === null) return 'null';
  const object = value as object;
  if (object instanceof Date) return JSON.stringify(object.toISOString());
  if (seen.has(object)) return '"[circular]"';
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = '[';
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out += ',';
      // a hole is null, as is an item written as nothing
      out += (i in object ? write(object[i], seen) : undefined) ?? 'null';
    }
    out += ']';
  } else {
    out = '{';
    let first = true;
    for (const k of sortedKeys(object)) {
      const v = write((object as Record<string, unknown>)[k], seen);
      if (v === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${v}`;
      first = false;
    }
    out += '}';
  }
  seen.delete(object);
  return out;
}

/** an array index: JavaScript lists such keys first, by value, in every ordinary object */
const INDEX = /^(?:0|[1-9][0-9]*)$/;
const isIndex = (k: string) => INDEX.test(k) && Number(k) < 4294967295;

/** The keys in the order of a sorted copy of the object: its integer keys by value, then the others sorted. */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  let indices = 0;
  for (const k of keys) if (isIndex(k)) indices += 1;
  if (indices === 0) return keys.sort();
  const numeric = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...numeric, ...keys.filter((k) => !isIndex(k)).sort()];
}
