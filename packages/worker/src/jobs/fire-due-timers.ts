/**
 * Firing due timers straight from the ledger, without a job per timer: how
 * timers fire on the PostgreSQL queue backend (the ledger is the queue there:
 * a BullMQ job per timer would only add rows to the same database), and what
 * the promotion pass does while Redis is unreachable. `concurrency`
 * transactions at once each take up to `batchSize` due timers that nobody else
 * holds (`FOR UPDATE SKIP LOCKED`, oldest first) and fire them, until fewer
 * than a batch are left or `limit` have been taken. The checks are the same as
 * for a job (pending, same revision, due, clock running), so a timer fired
 * here and a job that runs later for it cannot both fire it.
 */
import { fireDueTimerBatch, type FireOutcome, type Engine } from '@esa-flow/engine';

export interface DueFiring {
  counts: Record<FireOutcome, number>;
  /** timers that could not be fired (kept out of the next takes by the caller) */
  failed: string[];
}

export async function fireDueTimers(
  engine: Engine,
  opts: {
    limit: number;
    concurrency: number;
    batchSize: number;
    firedBy: string;
    exclude?: ReadonlySet<string>;
    onBatch?: (size: number) => void;
  },
): Promise<DueFiring> {
  const counts: Record<FireOutcome, number> = { fired: 0, busy: 0, stale: 0, not_due: 0 };
  const failed: string[] = [];
  let taken = 0;
  const drain = async () => {
    while (taken < opts.limit) {
      const want = Math.min(opts.batchSize, opts.limit - taken);
      taken += want;
      const { outcomes, failed: bad } = await fireDueTimerBatch(engine, {
        limit: want,
        firedBy: opts.firedBy,
        exclude: [...(opts.exclude ?? []), ...failed],
      });
      if (outcomes.size > 0) opts.onBatch?.(outcomes.size);
      for (const o of outcomes.values()) counts[o] += 1;
      failed.push(...bad);
      if (outcomes.size + bad.length < want) return; // nothing more is due (or all of it is held by others)
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, drain));
  return { counts, failed };
}
