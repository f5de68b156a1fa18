/**
 * A periodic pass run in the worker process itself, not by a job scheduler
 * stored in Redis: nothing that happens to Redis can stop it. One run at a
 * time: the next is scheduled `intervalMs` after the previous one finished,
 * so a slow pass never piles up behind itself. The timer functions are
 * injected, so tests can drive a loop without waiting.
 */
export interface PassTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: PassTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PassLoop {
  readonly name: string;
  /** stops scheduling runs and waits for the one in progress */
  stop(): Promise<void>;
}

export function startPassLoop(options: {
  name: string;
  intervalMs: number;
  /** never rejects: the caller reports its own failures (see runPass) */
  run: () => Promise<void>;
  timers?: PassTimers;
  /** the first run starts after this long; @defaultValue 0 (at once) */
  firstDelayMs?: number;
}): PassLoop {
  const timers = options.timers ?? realTimers;
  let stopped = false;
  let handle: unknown;
  let inFlight: Promise<void> | undefined;
  const tick = () => {
    handle = undefined;
    if (stopped) return;
    inFlight = options.run().catch(() => undefined);
    void inFlight.then(() => {
      inFlight = undefined;
      if (!stopped) handle = timers.set(tick, options.intervalMs);
    });
  };
  handle = timers.set(tick, options.firstDelayMs ?? 0);
  return {
    name: options.name,
    async stop() {
      stopped = true;
      if (handle !== undefined) timers.clear(handle);
      handle = undefined;
      await inFlight;
    },
  };
}
