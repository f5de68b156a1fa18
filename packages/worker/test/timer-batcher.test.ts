import { describe, expect, it } from '@jest/globals';
import type { FireOutcome, FireRequest } from '@esa-flow/engine';
import { createTimerBatcher } from '../src/jobs/timer-batcher';

/** A firing function whose batches finish when the test says so. */
function controlledFiring() {
  const started: { requests: FireRequest[]; finish(outcome?: FireOutcome): void; fail(error: Error): void }[] = [];
  const fireBatch = (requests: FireRequest[]) =>
    new Promise<Map<string, FireOutcome>>((resolve, reject) => {
      started.push({
        requests,
        finish: (outcome = 'fired') => resolve(new Map(requests.map((r) => [r.timerId, outcome]))),
        fail: reject,
      });
    });
  return { started, fireBatch };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((r) => setImmediate(r));
  expect(condition()).toBe(true);
};

describe('timer batcher (natural batching of fire-timer jobs)', () => {
  it('fires what arrives together in one batch, at most maxInFlight batches at once, the rest in the next free one', async () => {
    const f = controlledFiring();
    const batcher = createTimerBatcher({ fireBatch: f.fireBatch, maxBatch: 4, maxInFlight: 2 });
    const results = Array.from({ length: 10 }, (_, i) => batcher.fire({ timerId: String(i + 1) }));
    await until(() => f.started.length === 2);
    expect(f.started.map((b) => b.requests.map((r) => r.timerId))).toEqual([
      ['1', '2', '3', '4'],
      ['5', '6', '7', '8'],
    ]);
    expect(batcher.inFlight()).toBe(2);
    f.started[0]!.finish();
    await until(() => f.started.length === 3);
    expect(f.started[2]!.requests.map((r) => r.timerId)).toEqual(['9', '10']);
    f.started[1]!.finish('busy');
    f.started[2]!.finish('not_due');
    expect(await Promise.all(results)).toEqual([...Array(4).fill('fired'), ...Array(4).fill('busy'), 'not_due', 'not_due']);
    expect(batcher.inFlight()).toBe(0);
  });

  it('a lone timer fires at once, alone', async () => {
    const f = controlledFiring();
    const batcher = createTimerBatcher({ fireBatch: f.fireBatch, maxBatch: 32, maxInFlight: 8 });
    const one = batcher.fire({ timerId: '7', revision: 3 });
    await until(() => f.started.length === 1);
    expect(f.started[0]!.requests).toEqual([{ timerId: '7', revision: 3 }]);
    f.started[0]!.finish();
    expect(await one).toBe('fired');
  });

  it('never puts one timer twice in a batch (two revisions\u2019 jobs): the second goes into the next', async () => {
    const f = controlledFiring();
    const batcher = createTimerBatcher({ fireBatch: f.fireBatch, maxBatch: 8, maxInFlight: 1 });
    const first = batcher.fire({ timerId: '1', revision: 1 });
    const second = batcher.fire({ timerId: '1', revision: 2 });
    const other = batcher.fire({ timerId: '2', revision: 1 });
    await until(() => f.started.length === 1);
    expect(f.started[0]!.requests).toEqual([
      { timerId: '1', revision: 1 },
      { timerId: '2', revision: 1 },
    ]);
    f.started[0]!.finish('stale');
    await until(() => f.started.length === 2);
    expect(f.started[1]!.requests).toEqual([{ timerId: '1', revision: 2 }]);
    f.started[1]!.finish('fired');
    expect([await first, await second, await other]).toEqual(['stale', 'fired', 'stale']);
  });

  it('a failed batch fails its own jobs only (BullMQ retries them); the next batch goes on', async () => {
    const f = controlledFiring();
    const batcher = createTimerBatcher({ fireBatch: f.fireBatch, maxBatch: 2, maxInFlight: 1 });
    const jobs = ['1', '2', '3'].map((timerId) =>
      batcher.fire({ timerId }).then(
        (o) => o,
        (e: Error) => `error: ${e.message}`,
      ),
    );
    await until(() => f.started.length === 1);
    f.started[0]!.fail(new Error('database away'));
    await until(() => f.started.length === 2);
    f.started[1]!.finish();
    expect(await Promise.all(jobs)).toEqual(['error: database away', 'error: database away', 'fired']);
  });
});
