import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry } from '@esa-flow/engine';
import { createEngine } from '@esa-flow/engine/internal';
import { createTestDatabase, type TestDatabase } from '../../engine/test/support/index';
import { loadWorkerConfig } from '../src/config';
import { startWorker, type RunningWorker } from '../src/worker-runtime';
import { waitUntil } from '../../engine/test/support/wait-until';

let tdb: TestDatabase;
let worker: RunningWorker;
let runs = 0;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const engine = createEngine({ db: tdb.db, registry: new WorkflowRegistry([]), clock: new ManualClock('2025-06-02T02:00:00Z') });
  worker = await startWorker(
    engine,
    loadWorkerConfig({ DATABASE_URL: tdb.url, PROMOTION_INTERVAL_MS: '3600000', DELIVERY_INTERVAL_MS: '3600000' }),
    {
      workflowMaintenance: async () => {
        runs += 1;
        return { lapses: 0 };
      },
    },
  );
});
afterAll(async () => {
  await worker.stop();
  await tdb.drop();
});

describe('maintenance jobs', () => {
  it('runs the procedures’ own periodic work on its schedule (here started by hand)', async () => {
    const before = runs;
    await worker.maintenanceQueue.add('workflow-maintenance', {});
    await waitUntil(async () => runs > before, 'the workflow maintenance hook');
    expect(runs).toBeGreaterThan(before);
  });
});
