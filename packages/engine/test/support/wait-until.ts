/**
 * Waits for something another process does (a queue worker, a child process,
 * a server starting). Not a sleep standing in for time: our clock is injected;
 * this only waits for the other side to get to the work. Polls every `pollMs`
 * (20), fails after `timeoutMs` — a bound, never an assertion about speed.
 * The one file under test/ allowed to read the wall clock (eslint.config.js).
 */
export async function waitUntil<T>(probe: () => Promise<T | undefined | false>, what: string | (() => string), timeoutMs = 15_000, pollMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
