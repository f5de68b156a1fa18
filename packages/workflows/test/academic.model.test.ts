/**
 * Model-based tests of the two academic-standing workflows, through the real
 * engine against PostgreSQL: xstate/graph finds the shortest event path to
 * every state; one path per step is replayed as commands (the evaluators as
 * themselves, the committee as the committee, the system as the system, at
 * the times the paths say), checking history, revisions, outbox and the
 * history chain; and no state the traversal reaches is a dead end.
 *
 * The engine's `walkEveryPath` sends every event as one anonymous actor at
 * one moment; this workflow's guards look at who scores (only an appointed
 * evaluator, once) and at when (a window has passed), so the walk here builds
 * each path's events from the state it is in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ManualClock,
  parseDeadlineSpec,
  stateKey,
  SYSTEM_ACTOR,
  WorkflowRegistry,
  type Actor,
  type Engine,
  type EngineEvent,
  type EngineInput,
} from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import type { AnyMachineSnapshot } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { walkEveryPath } from '../../engine/test/support/model-walk';
import {
  academicStanding,
  preAppointmentDevelopment,
  type AcademicContext,
  type Application,
  type Evaluator,
} from '../src/academic-standing/index';

const T0 = '2025-06-02T03:00:00.000Z'; // Mon 2 Jun 2568, 10:00
let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
const clock = new ManualClock(T0);
const users: Record<string, Actor> = {};
const evaluators: Evaluator[] = [];
const evaluatorActors = new Map<string, Actor>();
let committee: Actor;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([academicStanding, preAppointmentDevelopment]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(office.users)) users[k] = await actorOf(tdb.db, u);
  for (let i = 1; i <= 6; i++) {
    const person = await tdb.db
      .insertInto('people')
      .values({ first_name_th: `ผู้ประเมิน${i}`, last_name_th: 'ทดสอบ', office_id: office.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await tdb.db
      .insertInto('users')
      .values({ username: `evaluator-${i}-${randomUUID().slice(0, 8)}`, person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('role_assignments')
      .values({ user_id: user.id, role: 'committee_member', office_id: office.officeId, school_id: null, valid_from: '2020-01-01' })
      .execute();
    evaluators.push({ userId: user.id, personId: person.id, name: `ผู้ประเมิน${i} ทดสอบ` });
    evaluatorActors.set(user.id, await actorOf(tdb.db, { userId: user.id }));
  }
  committee = { kind: 'committee', id: randomUUID(), officeId: office.officeId };
});
afterAll(() => tdb.drop());

const resolution = (r: 'approve' | 'reject') => ({
  meetingId: randomUUID(),
  itemId: randomUUID(),
  resolution: r,
  note: null,
  tally:
    r === 'approve'
      ? { approve: 5, reject: 0, defer: 0, abstain: 0, recused: 0 }
      : { approve: 0, reject: 5, defer: 0, abstain: 0, recused: 0 },
});

/** A senior professional teacher asking for expert, complete and eligible; `senior_expert` for the ก.ค.ศ. approval route. */
function applicationFor(target: 'expert' | 'senior_expert'): Application {
  return {
    position: 'teacher',
    currentLevel: target === 'expert' ? 'senior_professional' : 'expert',
    currentLevelSince: '2019-10-01',
    targetLevel: target,
    paResults: [2565, 2566, 2567].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [85, 80, 90] })),
    penalties: [],
    development: { passedOn: '2025-03-12' },
    evidence: [
      { kind: 'pa_results', title: 'PA 2565–2567' },
      { kind: 'development_certificate', title: 'วุฒิบัตรการพัฒนา' },
      { kind: 'academic_work', title: 'ผลงานทางวิชาการ' },
    ],
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** The latest moment recorded in the context (not counting due moments): the case's "now". */
function latestMoment(value: unknown, key = ''): string {
  if (typeof value === 'string') return ISO_INSTANT.test(value) && !/dueat$/i.test(key) ? value : '';
  if (Array.isArray(value)) return value.map((v) => latestMoment(v, key)).reduce((a, b) => (a > b ? a : b), '');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => latestMoment(v, k))
      .reduce((a, b) => (a > b ? a : b), '');
  return '';
}
const plus = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

type Ev = EngineEvent & { actor: { kind: 'user' | 'committee' | 'system'; id: string; roles: readonly string[] } };

/** The events worth trying in a state, each from the actor who would send it, at a moment after everything so far. */
function eventsFor(snapshot: AnyMachineSnapshot): Ev[] {
  const ctx = snapshot.context as AcademicContext;
  const at = plus(latestMoment(ctx), 60);
  const user = (key: string, type: string, payload: unknown): Ev => ({
    type,
    payload,
    at,
    actor: { kind: 'user', id: users[key]!.id, roles: [] },
  });
  const byCommittee = (type: string, r: 'approve' | 'reject'): Ev => ({
    type,
    payload: resolution(r),
    at,
    actor: { kind: 'committee', id: committee.id, roles: ['committee'] },
  });
  const bySystem = (type: string, when: string): Ev => ({
    type,
    payload: {},
    at: when,
    actor: { kind: 'system', id: 'system', roles: ['system'] },
  });
  const byEvaluator = (e: Evaluator, type: string, payload: unknown): Ev => ({
    type,
    payload,
    at,
    actor: { kind: 'user', id: e.userId, roles: ['committee_member'] },
  });
  const out: Ev[] = [
    user('hr', 'ACCEPT_ELIGIBLE', {}),
    user('hr', 'REJECT_INELIGIBLE', { note: 'หลักฐานไม่ตรงกับระบบ DPA' }),
    user('teacher', 'WITHDRAW', {}),
    user('hr', 'PROPOSE_COMMITTEES', { aspect1: evaluators.slice(0, 3), aspect2: evaluators.slice(3, 6) }),
    byCommittee('COMMITTEES_APPROVED', 'approve'),
    byCommittee('COMMITTEES_REJECTED', 'reject'),
    user('teacher', 'SUBMIT_REVISION', { evidenceTitle: 'ผลงานทางวิชาการ (ฉบับปรับปรุง)' }),
    byCommittee('ASPECT1_APPROVED', 'approve'),
    byCommittee('ASPECT1_REJECTED', 'reject'),
    byCommittee('ASPECT2_APPROVED', 'approve'),
    byCommittee('ASPECT2_REJECTED', 'reject'),
    user('hr', 'CERTIFY_RESULT', { dpaReference: 'DPA-0001' }),
    user('hr', 'PREPARE_ORDER', { orderNumber: '123/2568' }),
    user('area', 'SIGN_ORDER', {}),
    user('hr', 'KKS_REPORTED', { letterNo: 'ศธ 04xxx/1' }),
    user('hr', 'KKS_APPROVED', { letterNo: 'ก.ค.ศ. 1/2568' }),
    user('hr', 'KKS_NOT_APPROVED', { note: 'ก.ค.ศ. ไม่อนุมัติ' }),
    user('hr', 'RECORD_FAILURE', { recommendations: 'ควรปรับปรุงผลงานด้านที่ 2', adviser: { name: 'ศึกษานิเทศก์ประจำกลุ่มสาระ' } }),
    user('teacher', 'FILE_GRIEVANCE', { grounds: 'ขอให้ทบทวนผลการประเมิน' }),
    byCommittee('GRIEVANCE_UPHELD', 'approve'),
    byCommittee('GRIEVANCE_DISMISSED', 'reject'),
  ];
  if (ctx.committees) {
    // the next evaluator of each aspect scores (a pass); the last of aspect 2 may also fail it
    for (const aspect of [1, 2] as const) {
      const panel = aspect === 1 ? ctx.committees.aspect1 : ctx.committees.aspect2;
      const scored = ctx.scores.filter((s) => s.aspect === aspect).length;
      const next = panel[scored];
      if (!next) continue;
      out.push(byEvaluator(next, 'SUBMIT_SCORE', { aspect, percent: 85 }));
      if (aspect === 2 && scored === panel.length - 1)
        out.push(byEvaluator(next, 'SUBMIT_SCORE', { aspect, percent: 60, note: 'ผลงานยังไม่สอดคล้องกับมาตรฐานตำแหน่ง' }));
    }
    out.push(byEvaluator(ctx.committees.aspect2[0]!, 'REQUEST_REVISION', { note: 'ปรับปรุงบทที่ 3' }));
  }
  const openRevision = ctx.revisions.at(-1);
  if (openRevision && !openRevision.submittedAt && !openRevision.lapsedAt)
    out.push(bySystem('REVISION_LAPSED', plus(openRevision.dueAt, 1)));
  if (ctx.grievanceDueAt) out.push(bySystem('GRIEVANCE_WINDOW_CLOSED', plus(ctx.grievanceDueAt, 1)));
  return out;
}

/** What makes two states different for the traversal (loops are cut by capping the counters). */
function serialize(s: AnyMachineSnapshot): string {
  const c = s.context as AcademicContext;
  return JSON.stringify([
    s.value,
    c.committees ? 1 : 0,
    [1, 2].map((a) => c.scores.filter((x) => x.aspect === a).length),
    c.scores.some((x) => x.percent < 70),
    c.revisions.length,
    c.aspectApprovals.aspect1 ? 1 : 0,
    c.outcome?.result ?? null,
    Math.min(c.grievances.length, 1),
  ]);
}

function actorFor(e: Ev): Actor {
  if (e.actor.kind === 'committee') return committee;
  if (e.actor.kind === 'system') return SYSTEM_ACTOR;
  return evaluatorActors.get(e.actor.id) ?? Object.values(users).find((u) => u.id === e.actor.id)!;
}

async function walkAcademic(target: 'expert' | 'senior_expert') {
  const data = academicStanding.input.parse(applicationFor(target)) as Application;
  const input: EngineInput<Application> = {
    data,
    caseId: 'model',
    officeId: office.officeId,
    schoolId: office.schoolIds[0],
    subjectPersonId: office.users.teacher.personId,
    at: T0,
  };
  const paths = getShortestPaths(academicStanding.machine, { events: eventsFor, input, serializeState: serialize } as never) as Array<{
    state: AnyMachineSnapshot;
    steps: Array<{ event: Ev; state: AnyMachineSnapshot }>;
  }>;
  // no dead ends anywhere the traversal went
  for (const p of paths) if (p.state.status !== 'done') expect(eventsFor(p.state).some((e) => p.state.can(e))).toBe(true);

  // one path per step, the shortest, replayed through the engine
  const byStep = new Map<string, (typeof paths)[number]>();
  for (const p of paths) {
    const key = stateKey(p.state.value);
    const seen = byStep.get(key);
    if (!seen || p.steps.length < seen.steps.length) byStep.set(key, p);
  }
  for (const [step, path] of byStep) {
    clock.set(T0);
    const { caseId } = await engine.startCase({
      actor: users.teacher!,
      workflowId: 'academic-standing',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: `model ${target} → ${step}`,
      input: applicationFor(target),
    });
    const events = path.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.'));
    for (const event of events) {
      const before = await tdb.db
        .selectFrom('cases')
        .select(['state', 'revision', 'history_length'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      clock.set(event.at);
      const result = await engine.dispatch({ actor: actorFor(event), caseId, type: event.type, payload: event.payload });
      expect(result.historySeq).toBe(before.history_length + 1);
      expect(result.revision).toBe(before.revision + 1);
      const entered = result.state.split(',').filter((p) => !before.state.split(',').includes(p));
      const notes = await tdb.db
        .selectFrom('notifications')
        .select('step')
        .where('case_id', '=', caseId)
        .where('history_seq', '=', result.historySeq)
        .execute();
      const told = entered.filter((p) => (academicStanding.steps[p]?.roles ?? []).some((r) => r !== 'committee' && r !== 'system'));
      expect([...new Set(notes.map((n) => n.step))].sort()).toEqual(told.sort());
    }
    const row = await tdb.db
      .selectFrom('cases')
      .select(['state', 'status', 'history_length'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe(step);
    expect(row.status).toBe(path.state.status === 'done' ? 'done' : 'active');
    expect(row.history_length).toBe(events.length + 1);
    expect(await engine.verifyHistory(caseId)).toEqual({ ok: true, length: events.length + 1 });
  }
  return { statesTraversed: paths.length, steps: [...byStep.keys()] };
}

describe('academic-standing, model-based', () => {
  it('reaches every step through the engine, over the expert and the senior-expert routes', async () => {
    const expert = await walkAcademic('expert');
    const seniorExpert = await walkAcademic('senior_expert');
    const reached = new Set([...expert.steps, ...seniorExpert.steps]);
    expect([...reached].sort()).toEqual(academicStanding.leafSteps.map((s) => s.path).sort());
    expect(expert.steps).not.toContain('kksConsideration'); // เชี่ยวชาญ: the order is reported to ก.ค.ศ.
    expect(seniorExpert.steps).not.toContain('kksReport'); // เชี่ยวชาญพิเศษ: ก.ค.ศ. approves
    expect(expert.statesTraversed).toBeGreaterThan(academicStanding.leafSteps.length);
  });

  it('keeps the list of steps under review', () => {
    expect(academicStanding.leafSteps.map((s) => `${s.path}${s.final ? ' (final)' : ''}`)).toMatchInlineSnapshot(`
[
  "eligibilityCheck",
  "committeeProposal",
  "committeeApproval",
  "evaluation",
  "revision",
  "aspect1Approval",
  "aspect2Approval",
  "certification",
  "orderPreparation",
  "orderSigning",
  "kksReport",
  "kksConsideration",
  "failureReport",
  "notPassed",
  "notEligible",
  "grievance",
  "appointed (final)",
  "closedNotPassed (final)",
  "closedNotEligible (final)",
  "withdrawn (final)",
]
`);
  });
});

describe('pre-appointment-development, model-based', () => {
  it('reaches every step through the engine', async () => {
    clock.set(T0);
    const input = { targetLevel: 'senior_professional', formReference: 'คำขอ 1/2568', university: 'มหาวิทยาลัยทักษิณ' } as const;
    const report = await walkEveryPath({
      engine,
      tdb,
      def: preAppointmentDevelopment,
      events: [
        { type: 'PRESENT_TO_SUPERIORS', payload: {} },
        { type: 'NOT_ELIGIBLE', payload: { note: 'ยังไม่ได้วิทยฐานะชำนาญการ' } },
        { type: 'FORWARD_TO_UNIVERSITY', payload: { university: 'มหาวิทยาลัยทักษิณ', letterNo: 'ศธ 04xxx/10' } },
        { type: 'UNIVERSITY_REPORTED', payload: { passed: true, letterNo: 'มทษ 1/2568' } },
        { type: 'UNIVERSITY_REPORTED', payload: { passed: false, letterNo: 'มทษ 2/2568' } },
        { type: 'RECORD_RESULT', payload: {} },
      ],
      actorFor: () => users.hr!,
      input: {
        data: input,
        caseId: 'model',
        officeId: office.officeId,
        schoolId: office.schoolIds[0],
        subjectPersonId: office.users.teacher.personId,
        at: T0,
      },
      start: async () =>
        (
          await engine.startCase({
            actor: users.director!,
            workflowId: 'pre-appointment-development',
            officeId: office.officeId,
            schoolId: office.schoolIds[0],
            subjectPersonId: office.users.teacher.personId,
            title: 'คำขอเข้ารับการพัฒนา',
            input,
          })
        ).caseId,
      serialize: (s) => JSON.stringify([s.value, (s.context as { result: { passed: boolean } | null }).result?.passed ?? null]),
    });
    expect(report.statesReached).toEqual(preAppointmentDevelopment.leafSteps.map((s) => s.path).sort());
  });

  it('keeps the list of steps under review', () => {
    expect(preAppointmentDevelopment.leafSteps.map((s) => `${s.path}${s.final ? ' (final)' : ''}`)).toMatchInlineSnapshot(`
[
  "areaCheck",
  "forwarding",
  "atUniversity",
  "recordingResult",
  "developed (final)",
  "notDeveloped (final)",
  "notEligible (final)",
]
`);
  });
});

describe('deadlines', () => {
  it.each([academicStanding, preAppointmentDevelopment].map((d) => [d.id, d] as const))(
    '%s: every deadline is a valid spec that cites its source',
    (_id, def) => {
      const withDeadline = Object.entries(def.steps).filter(([, m]) => m.deadline !== undefined);
      expect(withDeadline.length).toBeGreaterThan(0);
      for (const [step, meta] of withDeadline) {
        const spec = parseDeadlineSpec(meta.deadline!);
        expect({ step, source: spec.source }).toEqual({
          step,
          source: expect.stringMatching(/seed-00\d §|regulations\.md §|Act ม\.|esa-flow default/),
        });
        expect(spec.phrase.length).toBeGreaterThan(0);
        // a source that is not a seed's verbatim phrase says so
        if (!/^seed-00\d/.test(spec.source!)) expect(spec.note ?? spec.source).toMatch(/verbatim|UNVERIFIED|GAP|ม\.53/);
      }
    },
  );

  it('takes the seed-002 §3.4 phrases verbatim', () => {
    const phrases = Object.values(preAppointmentDevelopment.steps).flatMap((m) => (m.deadline ? [m.deadline.phrase] : []));
    expect(phrases).toEqual([
      'ภายใน 1 วัน นับจากโรงเรียนส่งแบบคำขอเข้ารับการพัฒนา',
      'ภายในวันที่ 10 ของทุกเดือน',
      'ตรวจสอบรายชื่อและกำหนดการพัฒนาจากเว็บไซต์ของสถาบันอุดมศึกษาที่แจ้งความประสงค์ไว้',
      'ภายใน 1 วัน นับจากสถาบันอุดมศึกษา แจ้งผลการพัฒนาให้ สพป.ทราบ',
    ]);
  });
});
