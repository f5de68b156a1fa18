/**
 * Moves to another area between two offices on one esa-flow (issue 21, Act
 * ม.59): office A's teachers ask for office B's vacancy; A's round forwards
 * their requests instead of placing them (transfer-request@7), B's round
 * ranks them with its own applicant for its one seat, B's อ.ก.ค.ศ. decides,
 * the decision returns to A's requests, A's committees approve, and the order
 * is signed in B by the authority over the post. The seat is filled once.
 * Real PostgreSQL, injected clock, the committees at their meetings.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EsaError, ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  createEngine,
  listTransferExchanges,
  loadUserActor,
  openMeeting,
  publishWorkflows,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import {
  decideExchange,
  fileTransferRequest,
  ordersToSign,
  proposeRoundMatching,
  publishRoundMatching,
  roundExchanges,
  signExchangeOrder,
  transferWorkflows,
  type RequestContext,
} from '../src/transfer/index';
import { ROUND_1_2568, submission, uploadEvidence } from './transfer.fixtures';

let tdb: TestDatabase;
let engine: Engine;
let A: OfficeFixture;
let B: OfficeFixture;
const clock = new ManualClock('2025-01-06T02:00:00Z');
const at = (iso: string) => clock.set(iso);
const actors: Record<string, Actor> = {};
const rounds = { A: '', B: '' };
const req: Record<'near' | 'far' | 'local' | 'home' | 'late', string> = { near: '', far: '', local: '', home: '', late: '' };
let areaB = { code: '', name: 'สพป.ทดสอบ B' };

async function teacherAt(office: OfficeFixture, school: 0 | 1, name: string): Promise<Actor> {
  const p = await tdb.db
    .insertInto('people')
    .values({ first_name_th: name, last_name_th: 'ทดสอบ', office_id: office.officeId, school_id: office.schoolIds[school] })
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
      school_id: office.schoolIds[school],
      valid_from: '2020-01-01T00:00:00Z',
    })
    .execute();
  return loadUserActor(tdb.db, u.id, new Date('2025-01-06T00:00:00Z'));
}

const caseOf = async (caseId: string) => {
  const row = await tdb.db
    .selectFrom('cases')
    .select(['state', 'snapshot', 'workflow_version'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { state: row.state, ctx: (row.snapshot as { context: RequestContext }).context, version: row.workflow_version };
};
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof EsaError) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('not refused');
};

/** Each office's two committees, five of its people each. */
async function committeesOf(o: OfficeFixture, hr: Actor) {
  const out: Record<'screening' | 'area', { id: string; members: string[] }> = {
    screening: { id: '', members: [] },
    area: { id: '', members: [] },
  };
  for (const [key, kind] of [
    ['screening', 'transfer_screening'],
    ['area', 'area_approval'],
  ] as const) {
    const { committeeId } = await createCommittee(engineDeps(engine), hr, { officeId: o.officeId, kind, nameTh: kind, nameEn: kind });
    out[key].id = committeeId;
    for (const [k, who] of (['hr', 'group', 'area', 'admin', 'auditor'] as const).entries()) {
      const seat = k === 0 ? 'chair' : k === 1 ? 'secretary' : 'member';
      out[key].members.push(
        (
          await addCommitteeMember(engineDeps(engine), hr, {
            committeeId,
            personId: o.users[who].personId,
            seat,
            termFrom: '2025-01-01',
            termUntil: '2026-09-30',
          })
        ).memberId,
      );
    }
  }
  return out;
}

/** A meeting of the committee that approves every item on its agenda. */
async function meetingApproves(hr: Actor, committee: { id: string; members: string[] }, when: string): Promise<number> {
  at(when);
  const { meetingId } = await scheduleMeeting(engineDeps(engine), hr, {
    committeeId: committee.id,
    title: 'ประชุม',
    scheduledAt: when,
    place: 'ห้องประชุม',
  });
  await openMeeting(engineDeps(engine), hr, { meetingId, present: committee.members });
  const items = await tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
  for (const item of items) await recordResolution(engineDeps(engine), hr, { itemId: item.id, resolution: 'approve' });
  clock.set(new Date(Date.parse(when) + 3600_000));
  return (await closeMeetingAndApply(engineDeps(engine), hr, meetingId)).applied;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(transferWorkflows);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  A = await seedOffice(tdb.db, 'A');
  B = await seedOffice(tdb.db, 'B');
  areaB = {
    code: (await tdb.db.selectFrom('offices').select('code').where('id', '=', B.officeId).executeTakeFirstOrThrow()).code,
    name: 'สพป.ทดสอบ B',
  };
  for (const [o, tag] of [
    [A, 'A'],
    [B, 'B'],
  ] as const) {
    for (const who of ['hr', 'group', 'director', 'director2', 'area'] as const)
      actors[`${tag}.${who}`] = await actorOf(tdb.db, o.users[who], new Date('2025-01-06T00:00:00Z'));
  }
  actors.near = await teacherAt(A, 0, 'ครูใกล้');
  actors.far = await teacherAt(A, 0, 'ครูไกล');
  actors.local = await teacherAt(A, 0, 'ครูในเขต');
  actors.home = await teacherAt(B, 0, 'ครูเขตบี');
  actors.mixed = await teacherAt(A, 0, 'ครูสองเขต');
  actors.late = await teacherAt(A, 0, 'ครูมาทีหลัง');
});
afterAll(() => tdb.drop());

describe('a move to another office on the same esa-flow', () => {
  it('offers B’s vacancy to A’s round, and a request names schools of one area only', async () => {
    at('2025-01-06T02:00:00Z');
    for (const [key, hr] of [
      ['A', 'A.hr'],
      ['B', 'B.hr'],
    ] as const) {
      rounds[key] = (
        await engine.startCase({
          actor: actors[hr]!,
          workflowId: 'transfer-round',
          officeId: key === 'A' ? A.officeId : B.officeId,
          title: `รอบ ${key}`,
          input: ROUND_1_2568,
        })
      ).caseId;
    }
    at('2025-01-10T03:00:00Z');
    // B's one seat; A posts its own seat and B's, as a vacancy of another area
    await engine.dispatch({
      actor: actors['B.hr']!,
      caseId: rounds.B,
      type: 'POST_VACANCIES',
      payload: { vacancies: [{ id: 'V1', schoolId: B.schoolIds[1], schoolName: 'โรงเรียนบีสอง', subject: 'คณิตศาสตร์', count: 1 }] },
    });
    await engine.dispatch({
      actor: actors['A.hr']!,
      caseId: rounds.A,
      type: 'POST_VACANCIES',
      payload: {
        vacancies: [
          { id: 'V1', schoolId: A.schoolIds[1], schoolName: 'โรงเรียนเอสอง', subject: 'คณิตศาสตร์', count: 1 },
          { id: 'X1', schoolId: B.schoolIds[1], schoolName: 'โรงเรียนบีสอง', subject: 'คณิตศาสตร์', count: 1, area: areaB },
        ],
      },
    });
    at('2025-01-16T02:00:00Z');
    for (const r of [rounds.A, rounds.B])
      await engine.dispatch({ actor: actors[r === rounds.A ? 'A.hr' : 'B.hr']!, caseId: r, type: 'OPEN_REQUESTS', payload: {} });

    at('2025-01-20T03:00:00Z');
    const file = async (
      who: string,
      roundCaseId: string,
      office: OfficeFixture,
      preferences: string[],
      over: Parameters<typeof submission>[0] = {},
    ) =>
      (
        await fileTransferRequest(engine, actors[who]!, {
          roundCaseId,
          submission: submission({ preferences, evidence: [await uploadEvidence(tdb.db, actors[who]!, office.officeId)], ...over }),
        })
      ).caseId;
    req.near = await file('near', rounds.A, A, [B.schoolIds[1]]);
    req.far = await file('far', rounds.A, A, [B.schoolIds[1]], { reason: 'other' });
    req.local = await file('local', rounds.A, A, [A.schoolIds[1]]);
    req.home = await file('home', rounds.B, B, [B.schoolIds[1]], { reason: 'home_province' });
    req.late = await file('late', rounds.A, A, [B.schoolIds[1]]);
    expect((await caseOf(req.near)).version).toBe(8); // the latest: version 7's moves to another area, and 8's administrators' rounds

    // this area's school and another area's school in one request: refused with the reason
    const mixed = await refusal(file('mixed', rounds.A, A, [A.schoolIds[1], B.schoolIds[1]]));
    expect(mixed.code).toBe('INVALID_PAYLOAD');
    expect((mixed.details as { reasons: { code: string; th: string }[] }).reasons).toEqual([
      expect.objectContaining({ code: 'preferences_across_areas', th: expect.stringContaining('เขตพื้นที่การศึกษาเดียว') }),
    ]);
  });

  it('scores each request in its own office', async () => {
    at('2025-02-03T02:00:00Z');
    for (const [id, director] of [
      [req.near, 'A.director'],
      [req.far, 'A.director'],
      [req.local, 'A.director'],
      [req.late, 'A.director'],
      [req.home, 'B.director'],
    ] as const) {
      await engine.dispatch({ actor: actors[director]!, caseId: id, type: 'CERTIFY', payload: {} });
      await engine.dispatch({
        actor: actors[director]!,
        caseId: id,
        type: 'RECORD_BOARD_OPINION',
        payload: { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' },
      });
    }
    at('2025-02-06T08:00:00Z');
    for (const [r, hr] of [
      [rounds.A, 'A.hr'],
      [rounds.B, 'B.hr'],
    ] as const) {
      await engine.dispatch({ actor: actors[hr]!, caseId: r, type: 'CLOSE_REQUESTS', payload: {} });
      await engine.dispatch({ actor: actors[hr]!, caseId: r, type: 'CLOSE_SCHOOL_REVIEW', payload: {} });
    }
    at('2025-02-10T02:00:00Z');
    const scores = [
      [req.near, 'A', { reason: 'home_district', workload: 'high', development: 'outstanding' }], // 50
      [req.far, 'A', { reason: 'other', workload: 'low', development: 'basic' }], // 23
      [req.local, 'A', { reason: 'home_district', workload: 'low', development: 'basic' }],
      [req.home, 'B', { reason: 'home_province', workload: 'medium', development: 'good' }], // 39
    ] as const;
    for (const [id, o, entries] of scores) {
      await engine.dispatch({ actor: actors[`${o}.hr`]!, caseId: id, type: 'ENTER_SCORES', payload: { entries } });
      await engine.dispatch({ actor: actors[`${o}.group`]!, caseId: id, type: 'VERIFY_SCORES', payload: {} });
    }
    // one score disputed: that request is still being scored when A publishes
    await engine.dispatch({
      actor: actors['A.hr']!,
      caseId: req.late,
      type: 'ENTER_SCORES',
      payload: { entries: { reason: 'home_district', workload: 'high', development: 'outstanding' } },
    });
    await engine.dispatch({
      actor: actors['A.group']!,
      caseId: req.late,
      type: 'DISPUTE_SCORES',
      payload: { note: 'ตรวจภาระงานอีกครั้ง', components: ['workload'] },
    });
    expect((await caseOf(req.near)).ctx.scores!.total).toBe(50);
    expect((await caseOf(req.far)).ctx.scores!.total).toBe(23);
    expect((await caseOf(req.home)).ctx.scores!.total).toBe(39);
    at('2025-02-21T02:00:00Z');
    for (const [r, hr] of [
      [rounds.A, 'A.hr'],
      [rounds.B, 'B.hr'],
    ] as const)
      await engine.dispatch({ actor: actors[hr]!, caseId: r, type: 'CLOSE_SCORING', payload: {} });
  });

  it('forwards A’s requests for B’s seat instead of placing them; B ranks them with its own applicant and fills its seat once', async () => {
    at('2025-03-03T02:00:00Z');
    const runA = await proposeRoundMatching(engine, actors['A.hr']!, rounds.A);
    // A matches only its own seat: the two requests for B's seat are not A's to place
    expect(runA.summary).toEqual({ requests: 1, placed: 1, swapped: 0, unplaced: 0, seats: 1, seatsFilled: 1 });
    const pubA = await publishRoundMatching(engine, actors['A.hr']!, rounds.A, { digest: runA.digest });
    expect(pubA.forwarded).toBe(2);
    for (const id of [req.near, req.far]) {
      const c = await caseOf(id);
      expect({ state: c.state, proposal: c.ctx.proposal, area: c.ctx.exchange?.area }).toEqual({
        state: 'forwardedToArea',
        proposal: null,
        area: areaB,
      });
    }
    expect((await caseOf(req.local)).state).toBe('screening');
    expect((await listTransferExchanges(tdb.db, { receivingRoundCaseId: rounds.B })).map((x) => x.state)).toEqual([
      'forwarded',
      'forwarded',
    ]);

    // B reads only what it needs to rank; A's people do not see B's incoming list as theirs to decide
    const seenByB = await roundExchanges(engine, actors['B.hr']!, rounds.B);
    expect(
      seenByB.incoming.map((x) => [x.teacherName, x.fromOfficeName, x.score, x.schools]).sort((a, b) => Number(b[2]) - Number(a[2])),
    ).toEqual([
      ['ครูใกล้ ทดสอบ', 'สพป.ทดสอบ A', 50, [{ preference: 1, schoolName: 'โรงเรียนบีสอง' }]],
      ['ครูไกล ทดสอบ', 'สพป.ทดสอบ A', 23, [{ preference: 1, schoolName: 'โรงเรียนบีสอง' }]],
    ]);
    expect(JSON.stringify(seenByB)).not.toContain('evidence');
    expect(await refusal(roundExchanges(engine, actors['A.hr']!, rounds.B))).toMatchObject({ code: 'CASE_NOT_FOUND' });

    // a person recording B's resolution by hand on a forwarded request: refused with the reason, nothing written
    const before = await tdb.db.selectFrom('cases').select('revision').where('id', '=', req.far).executeTakeFirstOrThrow();
    const byHand = await refusal(
      engine.dispatch({
        actor: actors['A.hr']!,
        caseId: req.far,
        type: 'RECEIVING_AREA_APPROVED',
        payload: { area: 'สพป.ทดสอบ B', resolutionRef: 'มติ 1/2568', decidedOn: '2025-03-03' },
      }),
    );
    expect(byHand).toMatchObject({ code: 'RECEIVING_AREA_BY_EXCHANGE' });
    expect(await tdb.db.selectFrom('cases').select('revision').where('id', '=', req.far).executeTakeFirstOrThrow()).toEqual(before);
    // deciding before B's round ranked it: refused
    const [first] = await listTransferExchanges(tdb.db, { receivingRoundCaseId: rounds.B });
    expect(
      await refusal(
        decideExchange(engine, actors['B.hr']!, first!.id, { decision: 'approved', resolutionRef: 'มติ 1/2568', decidedOn: '2025-03-03' }),
      ),
    ).toMatchObject({ code: 'TRANSFER_EXCHANGE_NOT_RANKED' });

    const runB = await proposeRoundMatching(engine, actors['B.hr']!, rounds.B);
    expect(runB.summary).toEqual({ requests: 3, placed: 1, swapped: 0, unplaced: 2, seats: 1, seatsFilled: 1 });
    await publishRoundMatching(engine, actors['B.hr']!, rounds.B, { digest: runB.digest });
    const home = await caseOf(req.home);
    expect({ state: home.state, placed: home.ctx.proposal!.placement, rank: home.ctx.proposal!.preferences[0] }).toMatchObject({
      state: 'screening',
      placed: null,
      rank: { rank: 2, applicants: 3, result: 'outranked' },
    });
    const ranked = await listTransferExchanges(tdb.db, { receivingRoundCaseId: rounds.B });
    const byRequest = new Map(ranked.map((x) => [x.requestCaseId, x]));
    expect(byRequest.get(req.near)).toMatchObject({ state: 'ranked', placement: { schoolId: B.schoolIds[1], rank: 1, applicants: 3 } });
    expect(byRequest.get(req.far)).toMatchObject({ state: 'ranked', placement: null });

    // the seat is filled once: one holder across both offices
    const holders = [
      ...ranked.filter((x) => x.placement !== null).map((x) => x.requestCaseId),
      ...(
        await Promise.all(
          [req.near, req.far, req.local, req.home].map(async (id) => ({ id, p: (await caseOf(id)).ctx.proposal?.placement })),
        )
      )
        .filter((r) => r.p?.kind === 'vacancy' && r.p.schoolId === B.schoolIds[1])
        .map((r) => r.id),
    ];
    expect(holders).toEqual([req.near]);
  });

  it('ranks a request forwarded after B’s publication by B’s rematch against the seats left: none, the seat stays filled once', async () => {
    at('2025-03-05T02:00:00Z');
    await engine.dispatch({
      actor: actors['A.hr']!,
      caseId: req.late,
      type: 'ENTER_SCORES',
      payload: { entries: { reason: 'home_district', workload: 'high', development: 'outstanding' } },
    });
    await engine.dispatch({ actor: actors['A.group']!, caseId: req.late, type: 'VERIFY_SCORES', payload: {} });
    // A's rematch (A is at screening) forwards it; nothing of A's own to place (A's own seat is held by its local request)
    const rematchA = await proposeRoundMatching(engine, actors['A.hr']!, rounds.A);
    expect({ published: rematchA.published, summary: rematchA.summary }).toEqual({
      published: true,
      summary: { requests: 0, placed: 0, swapped: 0, unplaced: 0, seats: 0, seatsFilled: 0 },
    });
    expect((await caseOf(req.late)).state).toBe('forwardedToArea');
    // B's rematch: its one seat is held by the request ranked first at its publication
    const rematchB = await proposeRoundMatching(engine, actors['B.hr']!, rounds.B);
    expect(rematchB.summary).toEqual({ requests: 1, placed: 0, swapped: 0, unplaced: 1, seats: 0, seatsFilled: 0 });
    const late = (await listTransferExchanges(tdb.db, { requestCaseId: req.late }))[0]!;
    expect({ state: late.state, placement: late.placement }).toEqual({ state: 'ranked', placement: null });
    const placed = (await listTransferExchanges(tdb.db, { receivingRoundCaseId: rounds.B }))
      .filter((x) => x.placement !== null)
      .map((x) => x.requestCaseId);
    expect(placed).toEqual([req.near]);
  });

  it('returns B’s อ.ก.ค.ศ. decision to A; A’s committees approve; B’s authority over the post signs the order', async () => {
    at('2025-03-20T03:00:00Z');
    const xs = new Map((await listTransferExchanges(tdb.db, { receivingRoundCaseId: rounds.B })).map((x) => [x.requestCaseId, x.id]));
    // A's HR cannot decide for B; B's HR can, once; the same decision again is a replay, another is refused
    expect(
      await refusal(
        decideExchange(engine, actors['A.hr']!, xs.get(req.near)!, {
          decision: 'approved',
          resolutionRef: 'มติ อ.ก.ค.ศ. ครั้งที่ 3/2568',
          decidedOn: '2025-03-19',
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const approved = { decision: 'approved', resolutionRef: 'มติ อ.ก.ค.ศ. ครั้งที่ 3/2568', decidedOn: '2025-03-19' } as const;
    expect(await decideExchange(engine, actors['B.hr']!, xs.get(req.near)!, approved)).toMatchObject({
      state: 'returned',
      requestState: 'screening',
      replayed: false,
    });
    expect(await decideExchange(engine, actors['B.hr']!, xs.get(req.near)!, approved)).toMatchObject({ replayed: true });
    expect(await refusal(decideExchange(engine, actors['B.hr']!, xs.get(req.near)!, { ...approved, decision: 'rejected' }))).toMatchObject({
      code: 'TRANSFER_EXCHANGE_DECIDED',
    });
    expect(await decideExchange(engine, actors['B.hr']!, xs.get(req.far)!, approved)).toMatchObject({ requestState: 'notMoved' });

    const near2 = await caseOf(req.near);
    expect(near2.ctx.proposal!.placement).toMatchObject({ kind: 'vacancy', schoolId: B.schoolIds[1], crossArea: true, rank: 1 });
    expect(near2.ctx.receivingArea).toEqual({
      decision: 'approved',
      area: 'สพป.ทดสอบ B',
      resolutionRef: 'มติ อ.ก.ค.ศ. ครั้งที่ 3/2568',
      decidedOn: '2025-03-19',
    });
    expect((await caseOf(req.far)).ctx.notMoved).toMatchObject({ why: 'not_placed_by_receiving_area' });
    const outgoing = (await roundExchanges(engine, actors['A.hr']!, rounds.A)).outgoing;
    expect(outgoing.map((x) => [x.teacherName, x.toOfficeName, x.state, x.placedAt])).toEqual(
      expect.arrayContaining([
        ['ครูใกล้ ทดสอบ', 'สพป.ทดสอบ B', 'returned', 'โรงเรียนบีสอง'],
        ['ครูไกล ทดสอบ', 'สพป.ทดสอบ B', 'returned', null],
      ]),
    );

    // A's committees approve (screening, then its อ.ก.ค.ศ.): both areas have approved, so the request goes to the order
    const committees = await committeesOf(A, actors['A.hr']!);
    expect(await meetingApproves(actors['A.hr']!, committees.screening, '2025-03-24T03:00:00Z')).toBe(2);
    expect(await meetingApproves(actors['A.hr']!, committees.area, '2025-03-26T03:00:00Z')).toBe(2);
    expect((await caseOf(req.near)).state).toBe('orderSigning');

    at('2025-04-01T03:00:00Z');
    const order = {
      orderNo: '45/2568',
      signedOn: '2025-04-01',
      effectiveOn: '2025-04-16',
      reportBy: { date: '2025-04-21', time: '16:30' },
    };
    // A's director (of the teacher's current school) is not the authority over B's post
    expect(
      await refusal(engine.dispatch({ actor: actors['A.director']!, caseId: req.near, type: 'SIGN_ORDER', payload: order })),
    ).toMatchObject({ code: 'ORDER_SIGNER_MISMATCH', details: { signsIn: areaB } });
    const xNear = xs.get(req.near)!;
    expect(await refusal(signExchangeOrder(engine, actors['B.director']!, xNear, order))).toMatchObject({ code: 'ORDER_SIGNER_MISMATCH' });
    expect(await ordersToSign(engine, actors['B.director']!)).toEqual([]);
    expect(
      (await ordersToSign(engine, actors['B.director2']!)).map((x) => [x.exchangeId, x.teacherName, x.ranked?.placedAt, x.may]),
    ).toEqual([[xNear, 'ครูใกล้ ทดสอบ', 'โรงเรียนบีสอง', { decide: false, signOrder: true }]]);
    expect(await signExchangeOrder(engine, actors['B.director2']!, xNear, order)).toEqual({
      exchangeId: xNear,
      requestState: 'reportingForDuty',
      replayed: false,
    });
    expect(await signExchangeOrder(engine, actors['B.director2']!, xNear, order)).toMatchObject({ replayed: true });
    expect((await caseOf(req.near)).ctx.order).toMatchObject({
      orderNo: '45/2568',
      signerRole: 'school_director',
      signedIn: { officeName: 'สพป.ทดสอบ B' },
    });
  });
});
