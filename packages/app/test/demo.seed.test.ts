/**
 * The demo data of `pnpm start`, seeded with every registered procedure: a
 * transfer round with requests at several steps and earlier rounds in every
 * later phase, academic-standing cases at several steps, a salary round with
 * appraisals, something overdue — and only once. How long seeding takes is
 * `pnpm bench "demo"`'s business, not this test's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { createRegistry } from '@esa-flow/workflows';
import { createTestDatabase, type TestDatabase, engineOn } from '../../engine/test/support/index';
import { seedDemo } from '../src/demo/seed-demo';

const registry = createRegistry();

let tdb: TestDatabase;
const now = new Date('2026-11-20T03:00:00Z');
let first: { created: boolean; skipped: string[] };

beforeAll(async () => {
  tdb = await createTestDatabase();
  await publishWorkflows(tdb.db, createRegistry()); // as `pnpm start` does before seeding
  first = await seedDemo(engineOn(tdb.db, registry), registry, now);
});
afterAll(() => tdb.drop());

const children = async (workflowId: string, state?: string) => {
  let q = tdb.db.selectFrom('cases').select(['id', 'state']).where('workflow_id', '=', workflowId);
  if (state) q = q.where('state', '=', state);
  const parent = await q.executeTakeFirstOrThrow();
  const kids = await tdb.db.selectFrom('cases').select(['id', 'state']).where('parent_case_id', '=', parent.id).execute();
  return { parent, kids, states: kids.map((k) => k.state) };
};

describe('the demo data', () => {
  it('is created without skipping the rounds', () => {
    expect(first.created).toBe(true);
    expect(first.skipped).toEqual([]);
  });

  it('has a transfer round taking requests, with ten requests at several steps', async () => {
    const { parent, kids, states } = await children('transfer-round', 'requestsOpen');
    expect(parent.state).toBe('requestsOpen');
    expect(kids).toHaveLength(10);
    expect(new Set(states)).toEqual(new Set(['schoolReview', 'correction', 'boardOpinion', 'scoring', 'verification', 'awaitingMatch']));
    expect(states.filter((s) => s === 'schoolReview')).toHaveLength(3);
    expect(states.filter((s) => s === 'correction')).toHaveLength(1);
    const round = await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', parent.id).executeTakeFirstOrThrow();
    const ctx = (round.snapshot as { context: { params: { yearBe: number; roundNo: number }; vacancies: unknown[] } }).context;
    expect(ctx.params).toMatchObject({ roundNo: 1, yearBe: 2569 });
    expect(ctx.vacancies.length).toBeGreaterThan(0);
  });

  it('has a transfer round in every later phase, each with requests at the steps that phase brings', async () => {
    const rounds = await tdb.db.selectFrom('cases').select('state').where('workflow_id', '=', 'transfer-round').execute();
    expect(rounds.map((r) => r.state).sort()).toEqual(['approval', 'closed', 'orders', 'requestsOpen', 'scoring', 'screening']);
    const steps = async (state: string) => (await children('transfer-round', state)).states.sort();
    expect(await steps('scoring')).toEqual(['awaitingMatch', 'lapsed', 'verification', 'withdrawn']);
    expect(await steps('screening')).toEqual(['lapsed', 'screening', 'screening', 'withdrawn']);
    expect(await steps('approval')).toEqual(['areaApproval', 'areaApproval', 'lapsed', 'withdrawn']);
    expect(await steps('orders')).toEqual(['lapsed', 'orderSigning', 'reportingForDuty', 'withdrawn']);
    expect(await steps('closed')).toEqual(['lapsed', 'transferred', 'transferred', 'withdrawn']);
  });

  it('has academic-standing cases at several steps, one returned for revision and two ended', async () => {
    const cases = await tdb.db.selectFrom('cases').select(['state', 'status']).where('workflow_id', '=', 'academic-standing').execute();
    expect(cases.map((c) => c.state).sort()).toEqual([
      'closedNotEligible',
      'committeeApproval',
      'eligibilityCheck',
      'notEligible',
      'revision',
      'withdrawn',
    ]);
    expect(cases.filter((c) => c.status === 'done')).toHaveLength(2);
  });

  it('has a salary round at the appraisal, with about thirty appraisals, some scored', async () => {
    const { parent, kids, states } = await children('salary-round');
    expect(parent.state).toBe('appraising');
    expect(kids).toHaveLength(30); // 31 on the roster, one not considered (sick leave)
    expect(states.filter((s) => s === 'appraisal')).toHaveLength(18);
    expect(states.filter((s) => s !== 'appraisal')).toHaveLength(12);
    // a new round as HR opens one today: salary-round@4, its appraisals salary-raise@4 (windows from each person's notice)
    const versions = await tdb.db
      .selectFrom('cases')
      .select(['workflow_id', 'workflow_version'])
      .where('id', 'in', [parent.id, ...kids.map((k) => k.id)])
      .distinct()
      .execute();
    expect(versions.map((v) => `${v.workflow_id}@${v.workflow_version}`).sort()).toEqual(['salary-raise@4', 'salary-round@4']);
  });

  it('has a salary round whose every next step has someone to sign in and take it', async () => {
    // each appraisal still waiting has its appraiser (the role at that school, by the line of command) among the demo's users
    const { kids } = await children('salary-round');
    const waiting = await tdb.db
      .selectFrom('cases')
      .select('snapshot')
      .where(
        'id',
        'in',
        kids.map((k) => k.id),
      )
      .where('state', '=', 'appraisal')
      .execute();
    const grants = await tdb.db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.role', 'r.school_id'])
      .where('u.demo', '=', true)
      .where('u.password_hash', 'is not', null)
      .execute();
    for (const row of waiting) {
      const appraiser = (row.snapshot as { context: { person: { appraiser: { role: string; schoolId: string | null } } } }).context.person
        .appraiser;
      expect(grants.some((g) => g.role === appraiser.role && g.school_id === appraiser.schoolId)).toBe(true);
    }
    // the three committees of the round each have a seated member who signs in as the office's HR officer (convenes, and may allocate)
    for (const kind of ['salary_screening', 'salary_budget', 'area_approval']) {
      const seated = await tdb.db
        .selectFrom('committees as c')
        .innerJoin('committee_members as m', 'm.committee_id', 'c.id')
        .innerJoin('users as u', 'u.person_id', 'm.person_id')
        .innerJoin('role_assignments as r', 'r.user_id', 'u.id')
        .select(['m.seat', 'r.role'])
        .where('c.kind', '=', kind)
        .execute();
      expect(seated.some((x) => x.role === 'hr_officer')).toBe(true);
      expect(new Set(seated.map((x) => x.seat)).size).toBeGreaterThanOrEqual(2);
    }
  });

  it('has cases overdue: running clocks whose deadline has passed', async () => {
    const overdue = await tdb.db
      .selectFrom('sla_clocks')
      .innerJoin('cases', 'cases.id', 'sla_clocks.case_id')
      .select('cases.workflow_id')
      .where('sla_clocks.status', '=', 'running')
      .where('sla_clocks.due_at', '<', now)
      .execute();
    expect(new Set(overdue.map((o) => o.workflow_id)).size).toBeGreaterThanOrEqual(2);
  });

  it('keeps every history chain intact', async () => {
    const cases = await tdb.db
      .selectFrom('cases')
      .select('id')
      .where('workflow_id', 'in', ['transfer-round', 'transfer-request', 'salary-round', 'academic-standing'])
      .execute();
    const engine = createEngine({ db: tdb.db, registry: createRegistry(), clock: new ManualClock(now) });
    for (const c of cases) expect([c.id, await engine.verifyHistory(c.id)]).toEqual([c.id, expect.objectContaining({ ok: true })]);
  });

  it('is seeded once: a second call creates nothing', async () => {
    const count = async () =>
      Number(
        (
          await tdb.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(await seedDemo(engineOn(tdb.db, registry), registry, new Date(now.getTime() + 86_400_000))).toEqual({
      created: false,
      skipped: [],
    });
    expect(await count()).toBe(before);
  });
});
