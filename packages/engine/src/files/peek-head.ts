/**
 * The first `n` bytes of a stream (fewer if it ends sooner), and the whole
 * stream again to read on: the type is sniffed before anything is stored.
 */
export async function peekHead(source: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Buffer; all: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let bytes = 0;
  let done = false;
  while (bytes < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    bytes += next.value.length;
  }
  const head = Buffer.concat(seen).subarray(0, n);
  async function* all(): AsyncIterable<Uint8Array> {
    yield* seen;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, all: all() };
}
