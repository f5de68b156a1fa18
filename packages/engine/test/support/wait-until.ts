/**
 * Waits for something another process does (a queue worker, a child process,
 * a server starting). Not a sleep standing in for time: our clock is injected;
 * this only waits for the other side to get to the work. Polls every `pollMs`
 * (20), fails after `timeoutMs` — a bound, never an assertion about speed.
 * The one file under test/ allowed to read the wall clock (eslint.config.js).
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = 15_000,
  pollMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * Real processes run on real time. For the tests that drive them (a worker
 * child whose timers come due while a fault lasts), these are the reviewed
 * ways to read the wall clock — never to assert speed.
 */
export interface RealTimeClock {
  now(): Date;
}

/** A clock that runs in real time, shifted so that it reads `startIso` now. */
export function realTimeClockFrom(startIso: string): RealTimeClock & { offsetMs: number } {
  const offsetMs = new Date(startIso).getTime() - Date.now();
  return { offsetMs, now: () => new Date(Date.now() + offsetMs) };
}

/** A clock that runs in real time, `offsetMs` ahead (a child process given the parent's offset). */
export function realTimeClockShifted(offsetMs: number): RealTimeClock {
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** How long something has lasted (a fault held for its configured length), in real time. */
export function stopwatch(): { startedAt: number; elapsedMs(): number } {
  const startedAt = Date.now();
  return { startedAt, elapsedMs: () => Date.now() - startedAt };
}
