/**
 * The worker's daily audit (composed into its maintenance hook): once per
 * Bangkok day however often the hook runs and however many workers there
 * are; a checkpoint written only after a clean verify; the first finding
 * raised as an error line in the log and kept in `history_audits`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import {
  actorOf,
  createTestDatabase,
  sampleApproval,
  seedOffice,
  waitUntil,
  type OfficeFixture,
  type TestDatabase,
} from '../../engine/test/support/index';
import { bangkokDay, dailyHistoryAudit, runDailyHistoryAudit } from '../src/operator/daily-history-audit';
import { CHECKPOINT_INDEX } from '../src/operator/history-checkpoint';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let dir: string;
let env: Record<string, string>;
const who: Record<string, Actor> = {};
const clock = new ManualClock('2026-12-03T20:00:00Z'); // 03:00 on 4 December in Bangkok
const logged: Record<string, unknown>[] = [];
const log = (line: Record<string, unknown>) => void logged.push(line);

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
  dir = mkdtempSync(join(tmpdir(), 'esa-audit-'));
  env = { HISTORY_CHECKPOINT_DIR: dir, HISTORY_CHECKPOINT_KEY: 'k'.repeat(40) };
  const { caseId } = await engine.startCase({
    actor: who.teacher!,
    workflowId: 'sample-approval',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'ขออนุมัติ',
    input: { amount: 3 },
  });
  await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} });
});
afterAll(async () => {
  await tdb?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const checkpointLines = () => readFileSync(join(dir, CHECKPOINT_INDEX), 'utf8').trim().split('\n').length;

describe('the daily history audit', () => {
  it('counts days in Bangkok', () => {
    expect(bangkokDay(new Date('2026-12-03T16:59:59Z'))).toBe('2026-12-03');
    expect(bangkokDay(new Date('2026-12-03T17:00:00Z'))).toBe('2026-12-04');
  });

  it('runs once a day: verifies, then writes a checkpoint; a second worker the same day does nothing', async () => {
    const first = await runDailyHistoryAudit(engine, env, log);
    expect(first).toMatchObject({ day: '2026-12-04', ok: true, cases: 1, checkpoint: expect.stringMatching(/^checkpoint-/) });
    expect(await runDailyHistoryAudit(engine, env, log)).toBeNull();
    expect(checkpointLines()).toBe(1);
    const row = await tdb.db.selectFrom('history_audits').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ day: '2026-12-04', ok: true, cases: 1 });
  });

  it('the maintenance hook starts at most one run however often it is called', async () => {
    clock.advanceMs(24 * 3600_000);
    const hook = dailyHistoryAudit(env, log);
    for (let i = 0; i < 5; i++) hook(engine);
    await waitUntil(
      async () => (await tdb.db.selectFrom('history_audits').select('ok').where('day', '=', '2026-12-05').executeTakeFirst())?.ok === true,
      'the audit of 5 December',
      10_000,
      50,
    );
    hook(engine);
    expect(checkpointLines()).toBe(2);
  });

  it('raises the first finding as an error line, keeps it, and signs no checkpoint of a forgery', async () => {
    clock.advanceMs(24 * 3600_000);
    await tdb.db.updateTable('cases').set({ state: 'approved', status: 'done' }).execute();
    const outcome = await runDailyHistoryAudit(engine, env, log);
    expect(outcome).toMatchObject({ day: '2026-12-06', ok: false, checkpoint: null });
    const alert = logged.find((l) => l.level === 'error');
    expect(alert).toMatchObject({
      msg: 'history tampering found',
      alert: 'HISTORY_TAMPERED',
      finding: { kind: 'replay', problem: 'state_mismatch' },
    });
    expect(checkpointLines()).toBe(2);
    const row = await tdb.db.selectFrom('history_audits').selectAll().where('day', '=', '2026-12-06').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ok: false, finding: { kind: 'replay' } });
  });

  it('refuses a key shorter than 32 bytes, or a directory without a key', () => {
    expect(() => dailyHistoryAudit({ HISTORY_CHECKPOINT_DIR: dir, HISTORY_CHECKPOINT_KEY: 'short' }, log)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => dailyHistoryAudit({ HISTORY_CHECKPOINT_DIR: dir }, log)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
