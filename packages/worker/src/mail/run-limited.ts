/**
 * Runs `task` over `items` with at most `concurrency` at a time and returns
 * the results in order. Every task runs to its end even when one fails; the
 * first failure is then rethrown, so nothing is left running behind it.
 */
export async function runLimited<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(items[index] as T);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  if (errors.length > 0) throw errors[0];
  return results;
}
