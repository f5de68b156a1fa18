/**
 * Model-based tests of both transfer machines through the real engine:
 * xstate/graph gives the shortest event path to every reachable state; each
 * path is replayed as commands against PostgreSQL, checking history,
 * revision, outbox and that no non-final state is a dead end.
 *
 * The shared walk (engine/test/support/model-walk.ts) stamps every event
 * with one moment. These machines have deadlines with a time of day (the
 * correction's fix-by moment, the window's end, the report-by date), so an
 * event before a deadline and the system's event after it cannot both pass
 * at one moment: here each sample event carries its own moment, the graph
 * sees that moment, and the engine's clock is set to it before the event is
 * sent. Every late event leads to a final state, so time never runs
 * backwards along a path.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  activeStepPaths,
  ManualClock,
  stepDeadlineSpecSchema,
  stateKey,
  SYSTEM_ACTOR,
  WorkflowRegistry,
  type Actor,
  type Engine,
  type EngineEvent,
  type EngineInput,
  type WorkflowDefinition,
} from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import type { AnyMachineSnapshot } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import {
  transferRequestV3 as transferRequest,
  transferRoundV4 as transferRound,
  transferWorkflows,
  TransferRoundParams,
  type TransferRequestInput,
  type Vacancy,
} from '../src/transfer/index';
import { ROUND_1_2568, submission, uploadEvidence } from './transfer.fixtures';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
const clock = new ManualClock('2025-01-10T03:00:00Z');
const who: Record<string, Actor> = {};
const committee: Actor = { kind: 'committee', id: randomUUID(), officeId: '' };

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(transferWorkflows);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(office.users)) who[k] = await actorOf(tdb.db, u);
  Object.assign(committee, { officeId: office.officeId });
});
afterAll(() => tdb.drop());

interface TimedEvent {
  type: string;
  payload: unknown;
  at: string;
  actor: Actor;
}

/** What the engine will hand the machine for this actor (the roles it holds for the event). */
function engineActor(def: WorkflowDefinition, e: TimedEvent): EngineEvent['actor'] {
  const roles = def.events[e.type]!.roles;
  if (e.actor.kind === 'system') return { kind: 'system', id: 'system', roles: ['system'] };
  if (e.actor.kind === 'committee') return { kind: 'committee', id: e.actor.id, roles: ['committee'] };
  const held = roles.filter((r) =>
    r === 'applicant'
      ? e.actor.kind === 'user' && e.actor.personId === office.users.teacher.personId
      : e.actor.kind === 'user' && e.actor.grants.some((g) => g.role === r),
  );
  return { kind: 'user', id: e.actor.id, roles: held };
}

async function walkTimed(opts: {
  def: WorkflowDefinition;
  events: TimedEvent[];
  input: EngineInput;
  start: () => Promise<string>;
  serialize: (s: AnyMachineSnapshot) => string;
}): Promise<{ paths: number; statesReached: string[]; commands: number }> {
  const { def } = opts;
  const samples = opts.events.map((e) => ({ type: e.type, payload: e.payload, actor: engineActor(def, e), at: e.at }) as EngineEvent);
  const paths = getShortestPaths(def.machine, { events: samples, input: opts.input, serializeState: opts.serialize } as never) as Array<{
    state: AnyMachineSnapshot;
    steps: Array<{ event: EngineEvent }>;
  }>;
  const reached = new Set<string>();
  let commands = 0;
  for (const path of paths) {
    clock.set(opts.input.at);
    const caseId = await opts.start();
    const events = path.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.'));
    let last = new Date(opts.input.at).getTime();
    for (const event of events) {
      const sample = opts.events[samples.indexOf(event)]!;
      expect(new Date(sample.at).getTime()).toBeGreaterThanOrEqual(last);
      last = new Date(sample.at).getTime();
      clock.set(sample.at);
      const before = await tdb.db
        .selectFrom('cases')
        .select(['state', 'revision', 'history_length'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const result = await engine.dispatch({ actor: sample.actor, caseId, type: event.type, payload: event.payload });
      commands += 1;
      expect(result.historySeq).toBe(before.history_length + 1);
      expect(result.revision).toBe(before.revision + 1);
      const entered = result.state.split(',').filter((p) => !before.state.split(',').includes(p));
      const notes = await tdb.db
        .selectFrom('notifications')
        .select('step')
        .where('case_id', '=', caseId)
        .where('history_seq', '=', result.historySeq)
        .execute();
      const told = entered.filter((p) => (def.steps[p]?.roles ?? []).some((r) => r !== 'committee' && r !== 'system'));
      expect([...new Set(notes.map((n) => n.step))].sort()).toEqual(told.sort());
    }
    const row = await tdb.db
      .selectFrom('cases')
      .select(['state', 'status', 'history_length'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe(stateKey(path.state.value));
    expect(row.status).toBe(path.state.status === 'done' ? 'done' : 'active');
    expect(await engine.verifyHistory(caseId)).toEqual({ ok: true, length: events.length + 1 });
    if (path.state.status !== 'done') expect(samples.some((e) => path.state.can(e))).toBe(true);
    for (const p of activeStepPaths(path.state.value)) reached.add(p);
  }
  return { paths: paths.length, statesReached: [...reached].sort(), commands };
}

const params = TransferRoundParams.parse(ROUND_1_2568);
const vacancies: Vacancy[] = [
  { id: 'V01', schoolId: 'S-NA', schoolName: 'โรงเรียนบ้านนา', subject: 'คณิตศาสตร์', count: 1 },
  { id: 'V02', schoolId: 'S-KHAO', schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 1 },
  {
    id: 'V03',
    schoolId: 'S-OTHER',
    schoolName: 'โรงเรียนบ้านทุ่ง',
    subject: 'คณิตศาสตร์',
    count: 1,
    area: { code: 'PTL1', name: 'สพป.พัทลุง เขต 1' },
  },
];
/** The vacancies as a round of version 3 takes them: at schools of the office (one of another area stays as it is). */
const ofOffice = (): Vacancy[] => vacancies.map((v, i) => (v.area ? v : { ...v, schoolId: office.schoolIds[i]! }));
const serialize = (s: AnyMachineSnapshot) => {
  const c = s.context as {
    proposal?: { placement: { kind: string; crossArea?: boolean } | null } | null;
    vacancies: unknown[];
    matching?: unknown;
  };
  // a round's matching run is a self-transition: whether one is in force is part of the state
  return JSON.stringify([
    s.value,
    c.proposal?.placement?.kind ?? null,
    c.proposal?.placement?.crossArea ?? null,
    c.vacancies.length > 0,
    c.matching != null,
  ]);
};

describe('transfer-request, model-based', () => {
  it('reaches every state through the engine, with deadlines with a time of day on both sides', async () => {
    const T0 = '2025-01-20T03:00:00.000Z'; // Mon 20 Jan 2568, 10:00: the window is open
    const LATE = '2025-06-30T03:00:00.000Z'; // after every deadline of the round
    const resolution = (r: 'approve' | 'reject') => ({
      meetingId: randomUUID(),
      itemId: randomUUID(),
      resolution: r,
      note: null,
      tally: { approve: 5, reject: 0, defer: 0, abstain: 0, recused: 0 },
    });
    const explanation = { th: 'คำอธิบาย', en: 'explanation' };
    const place = (vacancyId: string, preference: number, crossArea: boolean) => ({
      placement: {
        kind: 'vacancy',
        vacancyId,
        schoolId: vacancies.find((v) => v.id === vacancyId)!.schoolId,
        schoolName: 'x',
        preference,
        rank: 1,
        applicants: 1,
        crossArea,
      },
      explanation,
      preferences: [],
    });
    const ev = (type: string, actor: Actor, payload: unknown = {}, at = T0): TimedEvent => ({ type, payload, at, actor });
    const t = who.teacher!,
      d = who.director!,
      hr = who.hr!,
      g = who.group!;
    const evidence = [await uploadEvidence(tdb.db, t, office.officeId)];
    const decision = { body: 'ก.ค.ศ.', ref: 'ที่ ศธ 0206/123', decidedOn: '2025-05-01' };
    const area = { area: 'สพป.พัทลุง เขต 1', resolutionRef: 'ครั้งที่ 3/2568', decidedOn: '2025-03-28' };
    const input: TransferRequestInput = {
      roundCaseId: 'model-round',
      applicant: { personId: office.users.teacher.personId, name: 'ครู ทดสอบ' },
      currentSchool: { id: office.schoolIds[0], name: 'โรงเรียน 1' },
      params,
      vacancies,
    };
    const report = await walkTimed({
      def: transferRequest,
      events: [
        ev('SUBMIT', t, submission({ preferences: ['S-NA', 'S-OTHER'], evidence })),
        ev('WITHDRAW', t),
        ev('WINDOW_CLOSED', SYSTEM_ACTOR, {}, LATE),
        ev('CERTIFY', d),
        ev('RETURN_FOR_CORRECTION', d, { note: 'แนบสำเนาทะเบียนบ้านไม่ครบ' }),
        ev('RESUBMIT', t, submission({ preferences: ['S-NA', 'S-OTHER'], evidence })),
        ev('LAPSE', SYSTEM_ACTOR, {}, LATE),
        ev('RECORD_BOARD_OPINION', d, { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' }),
        ev('ENTER_SCORES', hr, { entries: { reason: 'home_district', workload: 'high', development: 'good' } }),
        ev('DISQUALIFY', hr, { reasons: ['ดำรงตำแหน่งไม่ครบ 24 เดือน'] }),
        ev('VERIFY_SCORES', g),
        ev('DISPUTE_SCORES', g, { note: 'ภาระงานไม่ตรงกับตารางสอน', components: ['workload'] }),
        // placements come only from the round's matching: the system sends them (from version 5 only the system may)
        ev('PROPOSE_PLACEMENT', SYSTEM_ACTOR, place('V01', 1, false)),
        ev('PROPOSE_PLACEMENT', SYSTEM_ACTOR, place('V03', 2, true)),
        ev('PROPOSE_NO_PLACEMENT', SYSTEM_ACTOR, { explanation, preferences: [], swapProblem: null }),
        ev('SCREEN_PASS', committee, resolution('approve')),
        ev('SCREEN_FAIL', committee, resolution('reject')),
        ev('AREA_APPROVE', committee, resolution('approve')),
        ev('AREA_REJECT', committee, resolution('reject')),
        ev('RECEIVING_AREA_APPROVED', hr, area),
        ev('RECEIVING_AREA_REJECTED', hr, area),
        ev('SIGN_ORDER', d, {
          orderNo: '12/2568',
          signedOn: '2025-04-10',
          effectiveOn: '2025-05-01',
          reportBy: { date: '2025-05-15', time: '16:30' },
        }),
        ev('REPORT_FOR_DUTY', hr, { reportedOn: '2025-05-02' }),
        ev('REPORT_DEADLINE_PASSED', SYSTEM_ACTOR, {}, LATE),
        ev('FILE_GRIEVANCE', t, { grounds: 'คะแนนองค์ประกอบที่ 1 ไม่ถูกต้อง', evidence: [] }),
        ev('CLOSE_GRIEVANCE_WINDOW', SYSTEM_ACTOR, {}, LATE),
        ev('GRIEVANCE_UPHELD', hr, decision),
        ev('GRIEVANCE_DISMISSED', hr, decision),
      ],
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
            // the version walked (later versions add steps and events; transfer.dated-requests.test.ts walks version 4's dates)
            actor: SYSTEM_ACTOR,
            workflowId: 'transfer-request',
            version: transferRequest.version,
            officeId: office.officeId,
            schoolId: office.schoolIds[0],
            subjectPersonId: office.users.teacher.personId,
            title: 'คำขอย้าย (model)',
            input,
          })
        ).caseId,
      serialize,
    });
    expect(report.statesReached).toEqual(transferRequest.leafSteps.map((s) => s.path).sort());
    expect(report.paths).toBeGreaterThanOrEqual(transferRequest.leafSteps.length);
  });

  it('keeps the list of states under review', () => {
    expect(transferRequest.leafSteps.map((s) => `${s.path}${s.final ? ' (final)' : ''}`)).toEqual([
      'draft',
      'schoolReview',
      'correction',
      'boardOpinion',
      'scoring',
      'verification',
      'awaitingMatch',
      'screening',
      'areaApproval',
      'receivingAreaApproval',
      'orderSigning',
      'reportingForDuty',
      'notMoved',
      'grievance',
      'withdrawn (final)',
      'notFiled (final)',
      'lapsed (final)',
      'transferred (final)',
      'didNotReport (final)',
      'notTransferred (final)',
      'grievanceUpheld (final)',
    ]);
  });
});

describe('transfer-round, model-based', () => {
  it('reaches every state through the engine, each phase closing at its date', async () => {
    const at = (d: string) => new Date(d).toISOString();
    const hr = who.hr!;
    const digest = 'b'.repeat(64);
    const report = await walkTimed({
      def: transferRound,
      events: [
        { type: 'POST_VACANCIES', payload: { vacancies: ofOffice() }, at: at('2025-01-10T03:00:00Z'), actor: hr },
        { type: 'OPEN_REQUESTS', payload: {}, at: at('2025-01-16T02:00:00Z'), actor: hr },
        { type: 'CLOSE_REQUESTS', payload: {}, at: at('2025-01-31T10:00:00Z'), actor: SYSTEM_ACTOR },
        { type: 'CLOSE_SCHOOL_REVIEW', payload: {}, at: at('2025-02-06T09:00:00Z'), actor: SYSTEM_ACTOR },
        { type: 'CLOSE_SCORING', payload: {}, at: at('2025-02-28T10:00:00Z'), actor: hr },
        {
          type: 'RECORD_MATCHING',
          payload: {
            summary: { requests: 1, placed: 1, swapped: 0, unplaced: 0, seats: 3, seatsFilled: 1 },
            digest,
            tieBreak: params.tieBreak,
            requestedBy: hr.id,
            proposals: [],
          },
          at: at('2025-03-03T03:00:00Z'),
          actor: SYSTEM_ACTOR,
        },
        { type: 'PUBLISH_MATCHING', payload: { digest, requestedBy: hr.id }, at: at('2025-03-03T04:00:00Z'), actor: SYSTEM_ACTOR },
        { type: 'CLOSE_SCREENING', payload: {}, at: at('2025-03-14T10:00:00Z'), actor: SYSTEM_ACTOR },
        { type: 'CLOSE_APPROVAL', payload: {}, at: at('2025-03-31T10:00:00Z'), actor: SYSTEM_ACTOR },
        { type: 'CLOSE_ROUND', payload: {}, at: at('2025-04-30T10:00:00Z'), actor: hr },
      ],
      input: {
        data: params,
        caseId: 'model',
        officeId: office.officeId,
        schoolId: null,
        subjectPersonId: null,
        at: '2025-01-06T03:00:00.000Z',
      },
      start: async () =>
        (
          await engine.startCase({
            actor: who.hr!,
            workflowId: 'transfer-round',
            officeId: office.officeId,
            title: 'รอบการย้าย 1/2568 (model)',
            input: ROUND_1_2568,
          })
        ).caseId,
      serialize,
    });
    expect(report.statesReached).toEqual(transferRound.leafSteps.map((s) => s.path).sort());
  });

  it('refuses to close a phase before its date', async () => {
    clock.set('2025-01-06T03:00:00Z');
    const { caseId } = await engine.startCase({
      actor: who.hr!,
      workflowId: 'transfer-round',
      officeId: office.officeId,
      title: 'รอบ 1/2568',
      input: ROUND_1_2568,
    });
    await expect(engine.dispatch({ actor: who.hr!, caseId, type: 'OPEN_REQUESTS', payload: {} })).rejects.toMatchObject({
      code: 'ROUND_PHASE_NOT_DUE',
      details: { rule: 'no_vacancies' },
    });
    await engine.dispatch({ actor: who.hr!, caseId, type: 'POST_VACANCIES', payload: { vacancies: ofOffice() } });
    await expect(engine.dispatch({ actor: who.hr!, caseId, type: 'OPEN_REQUESTS', payload: {} })).rejects.toMatchObject({
      code: 'ROUND_PHASE_NOT_DUE',
    });
    clock.set('2025-01-16T01:30:00Z'); // 08:30 Bangkok, the window opens
    await engine.dispatch({ actor: who.hr!, caseId, type: 'OPEN_REQUESTS', payload: {} });
    clock.set('2025-01-31T09:29:59Z');
    await expect(engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'CLOSE_REQUESTS', payload: {} })).rejects.toMatchObject({
      code: 'ROUND_PHASE_NOT_DUE',
    });
    clock.set('2025-01-31T09:30:00Z'); // 16:30 Bangkok
    expect((await engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'CLOSE_REQUESTS', payload: {} })).state).toBe('schoolReview');
    clock.set('2025-02-06T07:59:00Z'); // 14:59, before the correction deadline
    await expect(engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'CLOSE_SCHOOL_REVIEW', payload: {} })).rejects.toMatchObject({
      code: 'ROUND_PHASE_NOT_DUE',
      details: { notBefore: { date: '2025-02-06', time: '15:00' } },
    });
  });
});

describe('step metadata', () => {
  it('gives every step a source, and every deadline its phrase and source', () => {
    for (const def of transferWorkflows) {
      for (const [path, meta] of Object.entries(def.steps)) {
        expect([path, meta.source.length > 0]).toEqual([path, true]);
        expect([path, meta.deadline !== undefined]).toEqual([path, true]);
        const spec = stepDeadlineSpecSchema.parse(meta.deadline);
        expect([path, Boolean(spec.phrase && spec.source)]).toEqual([path, true]);
      }
    }
  });
});
