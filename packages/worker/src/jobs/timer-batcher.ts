/**
 * Natural batching of fire-timer jobs: BullMQ hands the processor one job at
 * a time, up to the worker's concurrency, and each job asks here for its
 * timer to be fired. At most `maxInFlight` firing transactions run at once;
 * the jobs that arrive while they run wait and go together into the next one
 * (up to `maxBatch` timers). Under a light load a timer fires alone and at
 * once; under a burst, each transaction fires many (group commit), so the
 * database does a handful of statements per batch instead of per timer.
 */
import type { FireOutcome, FireRequest } from '@esa-flow/engine';

export interface TimerBatcher {
  /** fires this timer in the next batch; resolves with its own outcome */
  fire(request: FireRequest): Promise<FireOutcome>;
  /** batches running now (metrics, tests) */
  inFlight(): number;
}

interface Waiting {
  request: FireRequest;
  resolve(outcome: FireOutcome): void;
  reject(error: unknown): void;
}

export function createTimerBatcher(opts: {
  fireBatch: (requests: FireRequest[]) => Promise<Map<string, FireOutcome>>;
  maxBatch: number;
  maxInFlight: number;
  /** told the size of every batch it starts (metrics) */
  onBatch?: (size: number) => void;
}): TimerBatcher {
  const waiting: Waiting[] = [];
  let running = 0;
  let scheduled = false;

  const takeBatch = (): Waiting[] => {
    // a timer twice in one batch (two revisions' jobs) would share one outcome: the second waits for the next batch
    const ids = new Set<string>();
    const batch: Waiting[] = [];
    for (let i = 0; i < waiting.length && batch.length < opts.maxBatch;) {
      const w = waiting[i]!;
      if (ids.has(w.request.timerId)) {
        i += 1;
        continue;
      }
      ids.add(w.request.timerId);
      batch.push(w);
      waiting.splice(i, 1);
    }
    return batch;
  };

  const run = async (batch: Waiting[]) => {
    opts.onBatch?.(batch.length);
    try {
      const outcomes = await opts.fireBatch(batch.map((w) => w.request));
      for (const w of batch) w.resolve(outcomes.get(w.request.timerId) ?? 'stale');
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  };

  const drain = () => {
    scheduled = false;
    while (running < opts.maxInFlight && waiting.length > 0) {
      const batch = takeBatch();
      running += 1;
      void run(batch).finally(() => {
        running -= 1;
        if (waiting.length > 0) schedule();
      });
    }
  };
  // the jobs BullMQ starts in the same turn of the event loop go together
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };

  return {
    fire(request) {
      return new Promise<FireOutcome>((resolve, reject) => {
        waiting.push({ request, resolve, reject });
        schedule();
      });
    },
    inFlight: () => running,
  };
}
