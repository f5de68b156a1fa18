/**
 * transfer-request@4 (issue 18): a request the director never certified by
 * schoolReviewUntil ends as the round's parameter says (`lapse` or
 * `forward`), and the teacher is told; certifying after the moment is
 * refused and not offered; the grievance window counts from the day the
 * teacher was notified (ม.121/122 "นับแต่วันที่ได้รับแจ้ง"), HR records a
 * grievance received on paper with its received date, and the 90-day
 * decision clock counts from it. Injected clock, real PostgreSQL, the
 * worker's timer path (`fireDueTimerBatch`), two workers racing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, fireDueTimerBatch, loadUserActor, publishWorkflows, engineDeps } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { fileTransferRequest, transferWorkflows, type RequestContext } from '../src/transfer/index';
import { ROUND_1_2568, submission, uploadEvidence } from './transfer.fixtures';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let director: Actor;
const clock = new ManualClock('2025-01-06T02:00:00Z');
const at = (iso: string) => clock.set(iso);

interface Teacher {
  actor: Actor;
  userId: string;
  caseId: string;
}

async function teacher(n: string): Promise<Teacher> {
  const p = await tdb.db
    .insertInto('people')
    .values({ first_name_th: `ครู${n}`, last_name_th: 'ทดสอบ', office_id: office.officeId, school_id: office.schoolIds[0] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u = await tdb.db
    .insertInto('users')
    .values({ username: `t-${p.id}`, person_id: p.id, email: `${p.id}@example.test` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('role_assignments')
    .values({
      user_id: u.id,
      role: 'teacher',
      office_id: office.officeId,
      school_id: office.schoolIds[0],
      valid_from: '2020-01-01T00:00:00Z',
    })
    .execute();
  return { actor: await loadUserActor(tdb.db, u.id, new Date('2025-01-06T00:00:00Z')), userId: u.id, caseId: '' };
}

async function openRound(extra: Record<string, unknown>): Promise<string> {
  at('2025-01-06T02:00:00Z');
  const { caseId } = await engine.startCase({
    actor: hr,
    workflowId: 'transfer-round',
    officeId: office.officeId,
    title: 'รอบทดสอบ',
    input: { ...ROUND_1_2568, ...extra },
  });
  at('2025-01-10T03:00:00Z');
  const vacancies = [{ id: 'V01', schoolId: office.schoolIds[1], schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 3 }];
  await engine.dispatch({ actor: hr, caseId, type: 'POST_VACANCIES', payload: { vacancies } });
  at('2025-01-16T02:00:00Z');
  await engine.dispatch({ actor: hr, caseId, type: 'OPEN_REQUESTS', payload: {} });
  return caseId;
}

async function file(roundCaseId: string, t: Teacher): Promise<void> {
  const s = submission({ preferences: [office.schoolIds[1]], evidence: [await uploadEvidence(tdb.db, t.actor, office.officeId)] });
  t.caseId = (await fileTransferRequest(engine, t.actor, { roundCaseId, submission: s })).caseId;
}

async function caseOf(caseId: string): Promise<{ state: string; ctx: RequestContext; version: number }> {
  const row = await tdb.db
    .selectFrom('cases')
    .select(['state', 'snapshot', 'workflow_version'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { state: row.state, ctx: (row.snapshot as { context: RequestContext }).context, version: row.workflow_version };
}

let passes = 0;
/** One pass of two workers racing over the due timers; the system events fired, in order. */
async function due(): Promise<{ caseId: string; type: string }[]> {
  const tag = `pass-${++passes}`;
  for (let k = 0; k < 50; k++) {
    const [a, b] = await Promise.all([
      fireDueTimerBatch(engineDeps(engine), { limit: 50, firedBy: `${tag}-a` }),
      fireDueTimerBatch(engineDeps(engine), { limit: 50, firedBy: `${tag}-b` }),
    ]);
    if (a.outcomes.size + b.outcomes.size === 0) break;
  }
  const fired = await tdb.db
    .selectFrom('sla_timers')
    .select(['case_id', 'event'])
    .where('fired_by', 'in', [`${tag}-a`, `${tag}-b`])
    .where('kind', '=', 'system_event')
    .orderBy('fire_at')
    .orderBy('id')
    .execute();
  return fired.map((f) => ({ caseId: f.case_id, type: f.event! }));
}

const notices = (caseId: string) =>
  tdb.db
    .selectFrom('notifications')
    .select(['recipient_user_id', 'kind', 'step', 'payload'])
    .where('case_id', '=', caseId)
    .where('kind', '=', 'notice')
    .execute();
const clockOf = (caseId: string, step: string) =>
  tdb.db
    .selectFrom('sla_clocks')
    .select(['due_at', 'started_at', 'status'])
    .where('case_id', '=', caseId)
    .where('step', '=', step)
    .orderBy('opened_seq', 'desc')
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(transferWorkflows);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  [hr, director] = await Promise.all([actorOf(tdb.db, office.users.hr), actorOf(tdb.db, office.users.director)]);
});
afterAll(() => tdb.drop());

describe('a request the director never certified (round parameter notCertified)', () => {
  const lapse = { certified: {} as Teacher, never: {} as Teacher, returned: {} as Teacher };
  const forward = { never: {} as Teacher, noBoard: {} as Teacher };

  it('lapse (the default): refused and not offered after schoolReviewUntil; one second after, it ends as not moved and the teacher is told, once, with two workers racing', async () => {
    const roundId = await openRound({});
    for (const [k, key] of (['certified', 'never', 'returned'] as const).entries()) {
      lapse[key] = await teacher(`L${k}`);
      at(`2025-01-2${k}T02:00:00Z`);
      await file(roundId, lapse[key]);
    }
    expect((await caseOf(lapse.never.caseId)).version).toBe(8); // version 8 is version 4 with placements from the matching only (5), HR's import of filings made in TRS (6), moves to another office through an exchange (7) and administrators' rounds (8)
    at('2025-01-31T09:30:00Z'); // the round's window closes
    expect(await due()).toEqual([{ caseId: roundId, type: 'CLOSE_REQUESTS' }]);

    at('2025-02-03T02:00:00Z');
    await engine.dispatch({ actor: director, caseId: lapse.certified.caseId, type: 'CERTIFY', payload: {} });
    await engine.dispatch({
      actor: director,
      caseId: lapse.certified.caseId,
      type: 'RECORD_BOARD_OPINION',
      payload: { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' },
    });
    await engine.dispatch({
      actor: director,
      caseId: lapse.returned.caseId,
      type: 'RETURN_FOR_CORRECTION',
      payload: { note: 'แนบทะเบียนบ้านให้ชัด' },
    });
    at('2025-02-04T02:00:00Z');
    await engine.dispatch({
      actor: lapse.returned.actor,
      caseId: lapse.returned.caseId,
      type: 'RESUBMIT',
      payload: submission({
        preferences: [office.schoolIds[1]],
        evidence: [await uploadEvidence(tdb.db, lapse.returned.actor, office.officeId, 'ชัด.pdf')],
      }),
    });

    // 16:30 on 4 Feb: the director may still certify (offered); nothing is due yet
    at('2025-02-04T09:30:00Z');
    expect((await engine.getCase(director, lapse.never.caseId)).availableEvents.map((e) => e.type)).toContain('CERTIFY');
    expect(await due()).toEqual([]);
    // one second later: refused, and no longer offered
    at('2025-02-04T09:30:01Z');
    await expect(engine.dispatch({ actor: director, caseId: lapse.never.caseId, type: 'CERTIFY', payload: {} })).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
      details: { until: '2025-02-04T09:30:00.000Z' },
    });
    expect((await engine.getCase(director, lapse.never.caseId)).availableEvents.map((e) => e.type)).not.toContain('CERTIFY');
    // the returned request is reviewed until its own later fix-by moment (6 Feb 15.00 น.)
    expect((await engine.getCase(director, lapse.returned.caseId)).availableEvents.map((e) => e.type)).toContain('CERTIFY');

    expect(await due()).toEqual([{ caseId: lapse.never.caseId, type: 'REVIEW_PERIOD_CLOSED' }]);
    expect(await due()).toEqual([]);
    const never = await caseOf(lapse.never.caseId);
    expect(never.state).toBe('notMoved');
    expect(never.ctx.notMoved).toMatchObject({ since: '2025-02-04T09:30:01.000Z', why: 'not_certified' });
    expect(never.ctx.notCertified).toEqual({ at: '2025-02-04T09:30:01.000Z', outcome: 'lapsed' });
    const told = await notices(lapse.never.caseId);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ recipient_user_id: lapse.never.userId, step: 'notMoved' });
    expect((told[0]!.payload as { notice: { th: string; en: string } }).notice.th).toContain('ไม่ได้รับการรับรองจากผู้อำนวยการสถานศึกษา');
    expect(await notices(lapse.certified.caseId)).toEqual([]);
    expect(
      await tdb.db
        .selectFrom('case_history')
        .select(['actor_kind'])
        .where('case_id', '=', lapse.never.caseId)
        .where('event_type', '=', 'REVIEW_PERIOD_CLOSED')
        .execute(),
    ).toEqual([{ actor_kind: 'system' }]);

    // the returned one lapses one second after its fix-by moment (and the round closes its review then)
    at('2025-02-06T08:00:00Z');
    expect(await due()).toEqual([]);
    at('2025-02-06T08:00:01Z');
    expect((await due()).filter((e) => e.caseId === lapse.returned.caseId)).toEqual([
      { caseId: lapse.returned.caseId, type: 'REVIEW_PERIOD_CLOSED' },
    ]);
    expect((await caseOf(lapse.returned.caseId)).state).toBe('notMoved');
    expect((await caseOf(lapse.certified.caseId)).state).toBe('scoring');
    expect(await engine.verifyHistory(lapse.never.caseId)).toMatchObject({ ok: true });
  });

  it('forward: a request never certified goes on to scoring marked not certified; one without the board’s opinion goes on without it; each teacher told', async () => {
    const roundId = await openRound({ notCertified: 'forward' });
    forward.never = await teacher('F0');
    forward.noBoard = await teacher('F1');
    at('2025-01-20T02:00:00Z');
    await file(roundId, forward.never);
    await file(roundId, forward.noBoard);
    at('2025-02-03T02:00:00Z');
    await engine.dispatch({ actor: director, caseId: forward.noBoard.caseId, type: 'CERTIFY', payload: {} });

    at('2025-02-04T09:30:01Z');
    await expect(
      engine.dispatch({
        actor: director,
        caseId: forward.noBoard.caseId,
        type: 'RECORD_BOARD_OPINION',
        payload: { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' },
      }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
    const fired = await due();
    expect(
      fired
        .filter((e) => e.caseId === forward.never.caseId || e.caseId === forward.noBoard.caseId)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['BOARD_PERIOD_CLOSED', 'REVIEW_PERIOD_CLOSED']);
    const never = await caseOf(forward.never.caseId);
    expect(never.state).toBe('scoring');
    expect(never.ctx.notCertified).toEqual({ at: '2025-02-04T09:30:01.000Z', outcome: 'forwarded' });
    expect(never.ctx.certifiedBy).toBeNull();
    const noBoard = await caseOf(forward.noBoard.caseId);
    expect(noBoard.state).toBe('scoring');
    expect(noBoard.ctx.boardOpinionMissing).toEqual({ at: '2025-02-04T09:30:01.000Z' });
    expect(noBoard.ctx.boardOpinion).toBeNull();
    const [toldNever] = await notices(forward.never.caseId);
    expect(toldNever).toMatchObject({ recipient_user_id: forward.never.userId, step: 'scoring' });
    expect((toldNever!.payload as { notice: { th: string } }).notice.th).toContain('ส่งต่อให้คณะทำงานพิจารณาโดยระบุว่าไม่ได้รับรอง');
    expect(await notices(forward.noBoard.caseId)).toHaveLength(1);
  });

  it('counts the grievance window from the day the teacher was notified; a grievance received on paper is recorded with its received date and the 90 days count from it', async () => {
    const { never, returned } = lapse;
    // the notification cannot be in the future, nor before the result
    at('2025-02-12T03:00:00Z');
    await expect(
      engine.dispatch({
        actor: hr,
        caseId: never.caseId,
        type: 'RESULT_NOTIFIED',
        payload: { occurredAt: '2025-02-13T03:00:00Z', how: 'letter' },
      }),
    ).rejects.toMatchObject({ code: 'OCCURRED_AT_IN_FUTURE' });
    await expect(
      engine.dispatch({
        actor: hr,
        caseId: never.caseId,
        type: 'RESULT_NOTIFIED',
        payload: { occurredAt: '2025-02-04T09:00:00Z', how: 'letter' },
      }),
    ).rejects.toMatchObject({ code: 'OCCURRED_AT_TOO_EARLY' });
    // the teacher signed the letter's acknowledgement on Mon 10 Feb at 10:00; HR records it on the 12th
    const r = await engine.dispatch({
      actor: hr,
      caseId: never.caseId,
      type: 'RESULT_NOTIFIED',
      payload: { occurredAt: '2025-02-10T03:00:00Z', how: 'letter', ref: 'ที่ ศธ 04001/123' },
    });
    expect(r.state).toBe('grievanceWindow');
    expect((await caseOf(never.caseId)).ctx.notMoved).toMatchObject({ notifiedAt: '2025-02-10T03:00:00Z', notifiedHow: 'letter' });
    // 30 calendar days from the day after 10 Feb: Wed 12 Mar 2568, 16:30
    expect(await clockOf(never.caseId, 'grievanceWindow')).toMatchObject({ due_at: new Date('2025-03-12T09:30:00Z'), status: 'running' });
    const history = await tdb.db
      .selectFrom('case_history')
      .select(['at', 'payload'])
      .where('case_id', '=', never.caseId)
      .where('event_type', '=', 'RESULT_NOTIFIED')
      .executeTakeFirstOrThrow();
    expect(history.at).toEqual(new Date('2025-02-12T03:00:00Z'));
    expect(history.payload).toMatchObject({ occurredAt: '2025-02-10T03:00:00Z' });

    // the other teacher acknowledges in the app on 7 Feb (now), and mails a grievance received on 18 Feb, recorded on the 20th
    at('2025-02-07T03:00:00Z');
    await engine.dispatch({ actor: returned.actor, caseId: returned.caseId, type: 'RESULT_NOTIFIED', payload: { how: 'in_app' } });
    at('2025-02-20T03:00:00Z');
    await expect(
      engine.dispatch({
        actor: hr,
        caseId: returned.caseId,
        type: 'RECORD_PAPER_GRIEVANCE',
        payload: { occurredAt: '2025-02-06T03:00:00Z', grounds: 'x', ref: 'รับที่ 55/2568', evidence: [] },
      }),
    ).rejects.toMatchObject({ code: 'OCCURRED_AT_TOO_EARLY' });
    const paper = await engine.dispatch({
      actor: hr,
      caseId: returned.caseId,
      type: 'RECORD_PAPER_GRIEVANCE',
      payload: { occurredAt: '2025-02-18T03:00:00Z', grounds: 'ผู้อำนวยการไม่ได้พิจารณาคำขอที่แก้ไขแล้ว', ref: 'รับที่ 55/2568', evidence: [] },
    });
    expect(paper.state).toBe('grievance');
    expect((await caseOf(returned.caseId)).ctx.grievance).toMatchObject({
      filedAt: '2025-02-18T03:00:00Z',
      onPaper: { receivedAt: '2025-02-18T03:00:00Z', recordedAt: '2025-02-20T03:00:00.000Z' },
    });
    // 90 calendar days from the day after 18 Feb (received), not from the 20th (recorded): Mon 19 May 2568, 16:30
    expect(await clockOf(returned.caseId, 'grievance')).toMatchObject({
      due_at: new Date('2025-05-19T09:30:00Z'),
      started_at: new Date('2025-02-20T03:00:00Z'),
    });

    // the window of the first: open until 16:30 on 12 Mar, closed a second after, refused in between
    at('2025-03-12T09:29:00Z');
    expect((await engine.getCase(never.actor, never.caseId)).availableEvents.map((e) => e.type)).toContain('FILE_GRIEVANCE');
    const mine = async () => (await due()).filter((e) => e.caseId === never.caseId); // the rounds close their phases meanwhile
    expect(await mine()).toEqual([]);
    at('2025-03-12T09:30:01Z');
    await expect(
      engine.dispatch({
        actor: never.actor,
        caseId: never.caseId,
        type: 'FILE_GRIEVANCE',
        payload: { grounds: 'ไม่เป็นธรรม', evidence: [] },
      }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
    // a paper grievance received after the window is refused by its received date, though the case still waits for the worker's pass
    await expect(
      engine.dispatch({
        actor: hr,
        caseId: never.caseId,
        type: 'RECORD_PAPER_GRIEVANCE',
        payload: { occurredAt: '2025-03-12T09:30:01Z', grounds: 'x', ref: 'รับที่ 99/2568', evidence: [] },
      }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED', details: { until: '2025-03-12T09:30:00.000Z' } });
    expect((await engine.getCase(hr, never.caseId)).availableEvents.map((e) => e.type)).toContain('RECORD_PAPER_GRIEVANCE');
    expect(await mine()).toEqual([{ caseId: never.caseId, type: 'CLOSE_GRIEVANCE_WINDOW' }]);
    expect((await caseOf(never.caseId)).state).toBe('notTransferred');
    expect(await engine.verifyHistory(returned.caseId)).toMatchObject({ ok: true });
  });
});
