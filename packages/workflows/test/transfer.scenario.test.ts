/**
 * A whole transfer round of one office, round 1/2568, through the engine:
 * 30 vacancies (one in another area), 120 requests filed by 120 teachers of
 * 16 schools — two swap pairs, one withdrawal, one lapse after a return for
 * correction, one cross-area move — school review, scores entered and
 * verified by a second user, ranking and matching, the screening committee
 * and อ.ก.ค.ศ. เขต at meetings, the receiving area's approval, orders signed
 * by the right authority, reports for duty, a grievance, and the system
 * events at their deadlines (timed system events of the steps, fired by the
 * worker's timer path — `fireDueTimerBatch` here — and a round's phase that
 * settles early by `settleTransferRounds`, as the worker would). The outcome is checked request by request against an independent
 * oracle: with one ranking shared by every vacancy, the stable matching is
 * what each teacher gets by taking, in rank order, their most wanted school
 * with a seat left.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  createEngine,
  fireDueTimerBatch,
  loadUserActor,
  openMeeting,
  publishWorkflows,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import {
  DEFAULT_SCORING_TABLE,
  fileTransferRequest,
  ordinal,
  proposeRoundMatching,
  publishRoundMatching,
  settleTransferRounds,
  transferWorkflows,
  type RequestContext,
  type RequestSubmission,
  type RoundContext,
  type Vacancy,
} from '../src/transfer/index';
import { ROUND_1_2568, submission, uploadEvidence } from './transfer.fixtures';

const SUBJECTS = ['คณิตศาสตร์', 'วิทยาศาสตร์', 'ภาษาไทย', 'ภาษาอังกฤษ', 'สังคมศึกษา'];
const SCHOOL_NAMES = [
  'บ้านนา',
  'บ้านเขา',
  'บ้านทุ่ง',
  'บ้านป่า',
  'บ้านสวน',
  'บ้านคลอง',
  'บ้านหนอง',
  'บ้านดอน',
  'บ้านโคก',
  'บ้านท่า',
  'บ้านไร่',
  'บ้านบึง',
  'บ้านห้วย',
  'บ้านวัง',
  'บ้านนาใหม่',
  'บ้านควน',
].map((n) => `โรงเรียน${n}`);
const SINCE = ['2012-05-16', '2016-05-16', '2019-05-16', '2021-06-01', '2022-11-01'];
const REASONS = ['home_district', 'home_province', 'care_parents', 'other'] as const;
const WORKLOAD = ['high', 'medium', 'low'];
const DEVELOPMENT = ['outstanding', 'good', 'basic'];
const X = 7; // moves to another area
const SPECIAL = [10, 11];
const SWAPS: [number, number][] = [
  [20, 21],
  [40, 41],
];
const W = 30; // withdraws
const L = 50; // returned, never corrected: lapses
const R = 51; // returned, corrected in time
const SPOUSE = 60;
const DISPUTED = 3;
const CROSS: Vacancy = {
  id: 'V30',
  schoolId: 'PTL1-S07',
  schoolName: 'โรงเรียนบ้านทุ่งหว้า',
  subject: 'คณิตศาสตร์',
  count: 1,
  area: { code: 'PTL1', name: 'สพป.พัทลุง เขต 1' },
};

/** A small deterministic generator, so the round is the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let area: Actor;
let group: Actor;
let roundId: string;
const clock = new ManualClock('2025-01-06T02:00:00Z');
const schools: { id: string; name: string; director: Actor }[] = [];
const vacancies: Vacancy[] = [];
interface Teacher {
  i: number;
  personId: string;
  name: string;
  school: number;
  actor: Actor;
  submission: RequestSubmission;
  entries: Record<string, string>;
  filedAt: string;
  caseId: string;
}
const teachers: Teacher[] = [];
const committees: Record<'screening' | 'area', { id: string; members: string[] }> = {
  screening: { id: '', members: [] },
  area: { id: '', members: [] },
};

async function state(caseId: string): Promise<{ state: string; ctx: RequestContext }> {
  const row = await tdb.db.selectFrom('cases').select(['state', 'snapshot']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return { state: row.state, ctx: (row.snapshot as { context: RequestContext }).context };
}
const at = (iso: string) => clock.set(iso);
const casesAt = async (step: string) =>
  (
    await tdb.db.selectFrom('cases').select('id').where('parent_case_id', '=', roundId).where('state', '=', step).orderBy('id').execute()
  ).map((r) => r.id);
const teacherOf = (caseId: string) => teachers.find((t) => t.caseId === caseId)!;
let passes = 0;
/** One worker pass: every due timer fired (the timed system events among them), then the rounds' early closings. */
async function due(): Promise<{ caseId: string; type: string }[]> {
  const firedBy = `pass-${++passes}`;
  for (let batches = 0; (await fireDueTimerBatch(engineDeps(engine), { limit: 200, firedBy })).outcomes.size > 0; batches++) {
    if (batches > 100) throw new Error('the timers never ran out');
  }
  const fired = await tdb.db
    .selectFrom('sla_timers')
    .select(['case_id', 'event'])
    .where('fired_by', '=', firedBy)
    .where('kind', '=', 'system_event')
    .orderBy('id')
    .execute();
  return [
    ...fired.map((f) => ({ caseId: f.case_id, type: f.event! })),
    ...(await settleTransferRounds(engine, { officeId: office.officeId })),
  ];
}

async function people(n: number, label: string, schoolId: string | null): Promise<string[]> {
  const rows = await tdb.db
    .insertInto('people')
    .values(
      Array.from({ length: n }, (_, k) => ({
        first_name_th: `${label}${k + 1}`,
        last_name_th: 'ทดสอบ',
        office_id: office.officeId,
        school_id: schoolId,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

async function user(personId: string, role: 'teacher' | 'school_director' | 'hr_officer', schoolId: string | null): Promise<Actor> {
  const u = await tdb.db
    .insertInto('users')
    .values({ username: `u-${personId}`, person_id: personId, email: `${personId}@example.test` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('role_assignments')
    .values({ user_id: u.id, role, office_id: office.officeId, school_id: schoolId, valid_from: '2020-01-01T00:00:00Z' })
    .execute();
  return loadUserActor(tdb.db, u.id, new Date('2025-01-06T00:00:00Z'));
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(transferWorkflows);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  [hr, area, group] = await Promise.all([
    actorOf(tdb.db, office.users.hr),
    actorOf(tdb.db, office.users.area),
    actorOf(tdb.db, office.users.group),
  ]);

  // 16 schools, each with its director
  await tdb.db.updateTable('schools').set({ name_th: SCHOOL_NAMES[0]! }).where('id', '=', office.schoolIds[0]).execute();
  await tdb.db.updateTable('schools').set({ name_th: SCHOOL_NAMES[1]! }).where('id', '=', office.schoolIds[1]).execute();
  schools.push({ id: office.schoolIds[0], name: SCHOOL_NAMES[0]!, director: await actorOf(tdb.db, office.users.director) });
  schools.push({ id: office.schoolIds[1], name: SCHOOL_NAMES[1]!, director: await actorOf(tdb.db, office.users.director2) });
  const more = await tdb.db
    .insertInto('schools')
    .values(
      SCHOOL_NAMES.slice(2).map((name, k) => ({
        office_id: office.officeId,
        code: `sc-${office.officeId.slice(0, 8)}-${k + 3}`,
        name_th: name,
        name_en: `School ${k + 3}`,
      })),
    )
    .returning(['id', 'name_th'])
    .execute();
  for (const s of more) {
    const [pid] = await people(1, 'ผอ.', s.id);
    schools.push({ id: s.id, name: s.name_th, director: await user(pid!, 'school_director', s.id) });
  }

  // 29 vacancies of this office and one of another area: 30 vacancies, 40 seats
  for (let k = 0; k < 29; k++) {
    const s = schools[(k * 7) % 16]!;
    vacancies.push({
      id: `V${String(k + 1).padStart(2, '0')}`,
      schoolId: s.id,
      schoolName: s.name,
      subject: SUBJECTS[k % 5]!,
      count: k % 3 === 0 ? 2 : 1,
    });
  }
  vacancies.push(CROSS);

  // 120 teachers
  const rnd = lcg(2568);
  for (let i = 0; i < 120; i++) {
    const school = i % 16;
    const [personId] = await people(1, `ครู${String(i).padStart(3, '0')}-`, schools[school]!.id);
    const actor = await user(personId!, 'teacher', schools[school]!.id);
    const name = `ครู${String(i).padStart(3, '0')}-1 ทดสอบ`;
    let major = SUBJECTS[rnd(5)]!;
    const swapPair = SWAPS.find((p) => p.includes(i));
    if (swapPair) major = SUBJECTS[swapPair[0] % 5]!;
    if (i === X) major = 'คณิตศาสตร์';
    const open = vacancies
      .filter((v) => v.subject === major && v.schoolId !== schools[school]!.id && v.area === undefined)
      .map((v) => v.schoolId);
    for (let k = open.length - 1; k > 0; k--) {
      const j = rnd(k + 1);
      [open[k], open[j]] = [open[j]!, open[k]!];
    }
    let preferences = open.slice(0, 1 + rnd(5));
    // a request to another area names that area's schools only (transfer-request@7)
    if (i === X) preferences = [CROSS.schoolId];
    const reason = i === SPOUSE ? 'live_with_spouse' : REASONS[rnd(4)]!;
    const kind = swapPair ? 'swap' : SPECIAL.includes(i) ? 'special' : 'normal';
    teachers.push({
      i,
      personId: personId!,
      name,
      school,
      actor,
      submission: submission({
        kind,
        reason,
        evidence: [await uploadEvidence(tdb.db, actor, office.officeId)],
        preferences: swapPair ? [] : preferences,
        ...(kind === 'special' ? { specialReason: 'ดูแลบิดาป่วยติดเตียง (ใบรับรองแพทย์แนบ)' } : {}),
        facts: {
          major,
          academicStanding: i % 4 === 0 ? 'professional' : 'none',
          currentSchoolSince: SINCE[rnd(5)]!,
          firstAppointedOn: '2010-05-17',
          currentSchoolHardship: i % 5 === 0,
          ...(i === SPOUSE ? { marriageRegisteredOn: '2020-02-14' } : {}),
        },
      }),
      entries: {
        reason: {
          home_district: 'home_district',
          home_province: 'home_province',
          care_parents: 'care_parents_or_spouse',
          live_with_spouse: 'care_parents_or_spouse',
          other: 'other',
        }[reason],
        workload: WORKLOAD[rnd(3)]!,
        development: DEVELOPMENT[rnd(3)]!,
      },
      filedAt: new Date(Date.parse('2025-01-16T02:00:00Z') + i * 2 * 3600_000).toISOString(),
      caseId: '',
    });
  }
  for (const [a, b] of SWAPS) {
    teachers[a]!.submission.swapWith = { personId: teachers[b]!.personId, name: teachers[b]!.name };
    teachers[b]!.submission.swapWith = { personId: teachers[a]!.personId, name: teachers[a]!.name };
  }

  // the two committees, five members each
  for (const [key, kind, th] of [
    ['screening', 'transfer_screening', 'คณะกรรมการกลั่นกรองการย้าย'],
    ['area', 'area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา'],
  ] as const) {
    const { committeeId } = await createCommittee(engineDeps(engine), hr, { officeId: office.officeId, kind, nameTh: th, nameEn: kind });
    committees[key].id = committeeId;
    const members = await people(5, `กรรมการ${key}`, null);
    for (const [k, personId] of members.entries()) {
      const seat = k === 0 ? 'chair' : k === 1 ? 'secretary' : 'member';
      committees[key].members.push(
        (await addCommitteeMember(engineDeps(engine), hr, { committeeId, personId, seat, termFrom: '2025-01-01', termUntil: '2026-09-30' }))
          .memberId,
      );
    }
  }
});
afterAll(() => tdb.drop());

/** Points of the default table, read independently of the scoring code. */
function total(t: Teacher): number {
  const sub = (component: string, id: string) =>
    DEFAULT_SCORING_TABLE.components.find((c) => c.id === component)!.subCriteria.find((s) => s.id === id)!.points;
  const years = Math.floor(
    ((2025 - Number(t.submission.facts.currentSchoolSince.slice(0, 4))) * 12 +
      (1 - Number(t.submission.facts.currentSchoolSince.slice(5, 7))) -
      (31 < Number(t.submission.facts.currentSchoolSince.slice(8)) ? 1 : 0)) /
      12,
  );
  return (
    sub('reason', t.entries.reason!) +
    sub('workload', t.entries.workload!) +
    sub('development', t.entries.development!) +
    (t.submission.facts.currentSchoolHardship ? 10 : 5) +
    (years >= 10 ? 10 : 5)
  );
}

/** Serial dictatorship over the one shared ranking: the stable matching, computed without match.ts. */
function oracle(): Map<number, Vacancy> {
  const pool = teachers.filter((t) => t.i !== L && t.i !== W && t.submission.kind !== 'swap');
  pool.sort(
    (a, b) =>
      (a.submission.kind === 'special' ? 0 : 1) - (b.submission.kind === 'special' ? 0 : 1) ||
      total(b) - total(a) ||
      a.submission.facts.currentSchoolSince.localeCompare(b.submission.facts.currentSchoolSince) ||
      a.filedAt.localeCompare(b.filedAt) ||
      (a.caseId < b.caseId ? -1 : 1),
  );
  const left = new Map(vacancies.map((v) => [v.id, v.count]));
  const placed = new Map<number, Vacancy>();
  for (const t of pool) {
    for (const schoolId of t.submission.preferences) {
      const v = vacancies.find((x) => x.schoolId === schoolId && x.subject === t.submission.facts.major);
      if (v && left.get(v.id)! > 0) {
        left.set(v.id, left.get(v.id)! - 1);
        placed.set(t.i, v);
        break;
      }
    }
  }
  return placed;
}

describe('a transfer round of one office, 1/2568', () => {
  it('opens the round, posts 30 vacancies and takes 120 requests (refusing an ineligible and a second one with the reasons)', async () => {
    at('2025-01-06T02:00:00Z');
    roundId = (
      await engine.startCase({
        actor: hr,
        workflowId: 'transfer-round',
        officeId: office.officeId,
        title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
        input: ROUND_1_2568,
      })
    ).caseId;
    at('2025-01-10T03:00:00Z');
    await engine.dispatch({ actor: hr, caseId: roundId, type: 'POST_VACANCIES', payload: { vacancies } });
    at('2025-01-16T02:00:00Z');
    await expect(
      fileTransferRequest(engine, teachers[0]!.actor, { roundCaseId: roundId, submission: teachers[0]!.submission }),
    ).rejects.toMatchObject({ code: 'CYCLE_CLOSED' });
    await engine.dispatch({ actor: hr, caseId: roundId, type: 'OPEN_REQUESTS', payload: {} });

    for (const t of teachers) {
      at(t.filedAt);
      if (t.i === SPOUSE) {
        const early = { ...t.submission, facts: { ...t.submission.facts, marriageRegisteredOn: '2024-06-01' } };
        await expect(fileTransferRequest(engine, t.actor, { roundCaseId: roundId, submission: early })).rejects.toMatchObject({
          code: 'INVALID_PAYLOAD',
          details: { reasons: [expect.objectContaining({ code: 'spouse_marriage_too_recent' })] },
        });
      }
      const r = await fileTransferRequest(engine, t.actor, { roundCaseId: roundId, submission: t.submission });
      expect(r.result.state).toBe('schoolReview');
      t.caseId = r.caseId;
    }
    await expect(
      fileTransferRequest(engine, teachers[0]!.actor, { roundCaseId: roundId, submission: teachers[0]!.submission }),
    ).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: { reasons: [expect.objectContaining({ code: 'already_filed' })] },
    });
    expect(await casesAt('schoolReview')).toHaveLength(120);
    expect(new Set(teachers.map((t) => t.caseId)).size).toBe(120);

    at('2025-01-31T09:29:00Z');
    expect(await due()).toEqual([]);
    at('2025-01-31T09:30:00Z'); // 16:30, the window closes
    expect(await due()).toEqual([{ caseId: roundId, type: 'CLOSE_REQUESTS' }]);
  });

  it('has the schools certify, return two requests, one corrected in time and one lapsing at 15.00 on 6 Feb', async () => {
    at('2025-02-03T02:00:00Z');
    for (const t of teachers) {
      const director = schools[t.school]!.director;
      if (t.i === L || t.i === R) {
        await engine.dispatch({
          actor: director,
          caseId: t.caseId,
          type: 'RETURN_FOR_CORRECTION',
          payload: { note: 'สำเนาทะเบียนบ้านไม่ชัดเจน' },
        });
        continue;
      }
      await engine.dispatch({ actor: director, caseId: t.caseId, type: 'CERTIFY', payload: {} });
      await engine.dispatch({
        actor: director,
        caseId: t.caseId,
        type: 'RECORD_BOARD_OPINION',
        payload: { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568 วันที่ 3 ก.พ. 2568' },
      });
    }
    expect((await state(teachers[L]!.caseId)).ctx.correction).toMatchObject({
      dueAt: '2025-02-06T08:00:00.000Z',
      due: { date: '2025-02-06', time: '15:00' },
    });

    at('2025-02-05T03:00:00Z');
    const r = teachers[R]!;
    const fixed = {
      ...r.submission,
      evidence: [...r.submission.evidence, await uploadEvidence(tdb.db, r.actor, office.officeId, 'ทะเบียนบ้าน-ชัด.pdf')],
    };
    await engine.dispatch({ actor: r.actor, caseId: r.caseId, type: 'RESUBMIT', payload: fixed });
    await engine.dispatch({ actor: schools[r.school]!.director, caseId: r.caseId, type: 'CERTIFY', payload: {} });
    await engine.dispatch({
      actor: schools[r.school]!.director,
      caseId: r.caseId,
      type: 'RECORD_BOARD_OPINION',
      payload: { opinion: 'support', meetingRef: 'ครั้งที่ 2/2568' },
    });

    at('2025-02-06T07:59:59Z'); // 14:59:59: not yet
    expect(await due()).toEqual([]);
    // a second after 15:00 the teacher can no longer fix it, even before the system's pass has run
    at('2025-02-06T08:00:01Z');
    await expect(
      engine.dispatch({ actor: teachers[L]!.actor, caseId: teachers[L]!.caseId, type: 'RESUBMIT', payload: teachers[L]!.submission }),
    ).rejects.toMatchObject({ code: 'CORRECTION_DUE_PASSED' });
    expect((await state(teachers[L]!.caseId)).state).toBe('correction');
    const sent = await due();
    expect(sent.map((s) => s.type).sort()).toEqual(['CLOSE_SCHOOL_REVIEW', 'LAPSE']);
    expect((await state(teachers[L]!.caseId)).state).toBe('lapsed');
    expect(
      await tdb.db
        .selectFrom('case_history')
        .select(['actor_kind', 'at'])
        .where('case_id', '=', teachers[L]!.caseId)
        .where('event_type', '=', 'LAPSE')
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ actor_kind: 'system' });
    expect(await casesAt('scoring')).toHaveLength(119);
  });

  it('scores by component, verified by a second user; a disputed score goes back with a note; one teacher withdraws', async () => {
    at('2025-02-10T02:00:00Z');
    const live = teachers.filter((t) => t.i !== L);
    for (const t of live) {
      const entries = t.i === DISPUTED ? { ...t.entries, workload: 'high' } : t.entries;
      await engine.dispatch({ actor: hr, caseId: t.caseId, type: 'ENTER_SCORES', payload: { entries } });
    }
    await expect(engine.dispatch({ actor: hr, caseId: live[0]!.caseId, type: 'VERIFY_SCORES', payload: {} })).rejects.toMatchObject({
      code: 'SCORES_NEED_ANOTHER_USER',
    });
    at('2025-02-17T02:00:00Z');
    for (const t of live) {
      if (t.i === DISPUTED) {
        await engine.dispatch({
          actor: group,
          caseId: t.caseId,
          type: 'DISPUTE_SCORES',
          payload: { note: 'ภาระงานตามตารางสอนอยู่ระดับต่ำ', components: ['workload'] },
        });
        await engine.dispatch({ actor: hr, caseId: t.caseId, type: 'ENTER_SCORES', payload: { entries: t.entries } });
      }
      await engine.dispatch({ actor: group, caseId: t.caseId, type: 'VERIFY_SCORES', payload: {} });
    }
    const d = await state(teachers[DISPUTED]!.caseId);
    expect(d.ctx.disputes).toEqual([expect.objectContaining({ note: 'ภาระงานตามตารางสอนอยู่ระดับต่ำ', components: ['workload'] })]);
    expect(d.ctx.scores!.entries).toEqual(teachers[DISPUTED]!.entries);
    for (const t of live) expect([t.i, (await state(t.caseId)).ctx.scores!.total]).toEqual([t.i, total(t)]);

    at('2025-02-20T02:00:00Z');
    await engine.dispatch({ actor: teachers[W]!.actor, caseId: teachers[W]!.caseId, type: 'WITHDRAW', payload: { reason: 'เปลี่ยนใจ' } });
    at('2025-02-21T02:00:00Z');
    expect(await due()).toEqual([{ caseId: roundId, type: 'CLOSE_SCORING' }]);
  });

  it('ranks and matches deterministically, explained per request, and the committees approve at their meetings', async () => {
    at('2025-03-03T02:00:00Z');
    const result = await proposeRoundMatching(engine, hr, roundId);
    // the run is kept on the round (run 1); publishing it sends each request its proposal
    expect(result.runNo).toBe(1);
    expect(await publishRoundMatching(engine, hr, roundId, { digest: result.digest })).toMatchObject({ runNo: 1, digest: result.digest });
    const expected = oracle();
    // every seat taken: 40 placed (one across areas), two swap pairs, 74 not placed
    expect(expected.size).toBe(40);
    expect(result.summary).toEqual({
      requests: 118,
      placed: expected.size,
      swapped: 4,
      unplaced: 114 - expected.size,
      seats: 40,
      seatsFilled: expected.size,
    });
    const round = await tdb.db.selectFrom('cases').select(['state', 'snapshot']).where('id', '=', roundId).executeTakeFirstOrThrow();
    expect(round.state).toBe('screening');
    expect((round.snapshot as { context: RoundContext }).context.matching).toMatchObject({
      digest: result.digest,
      summary: result.summary,
    });

    // someone who lost their first choice is told where they stood and behind whom
    const lost = teachers.find((t) => t.submission.kind === 'normal' && !expected.has(t.i) && t.i !== W && t.i !== L)!;
    const { ctx } = await state(lost.caseId);
    const first = ctx.proposal!.preferences[0]!;
    expect(first.result).toBe('outranked');
    expect(ctx.proposal!.explanation.en).toContain(`ranked ${ordinal(first.rank!)} for ${first.schoolName}`);
    expect(ctx.proposal!.explanation.en).toContain(`behind ${first.ahead[0]!.name} (${ordinal(first.ahead[0]!.rank)})`);
    expect(first.ahead.map((a) => teacherOf(a.key).i).sort()).toEqual(
      [...expected]
        .filter(([, v]) => v.id === first.vacancyId)
        .map(([i]) => i)
        .sort(),
    );

    for (const [key, title, when] of [
      ['screening', 'ประชุมคณะกรรมการกลั่นกรองการย้าย ครั้งที่ 1/2568', '2025-03-10T03:00:00Z'],
      ['area', 'ประชุม อ.ก.ค.ศ. เขต ครั้งที่ 3/2568', '2025-03-25T03:00:00Z'],
    ] as const) {
      const { meetingId, agendaItems } = await scheduleMeeting(engineDeps(engine), hr, {
        committeeId: committees[key].id,
        title,
        scheduledAt: when,
        place: 'ห้องประชุม สพป.',
      });
      expect(agendaItems).toBe(118);
      at(when);
      await openMeeting(engineDeps(engine), hr, { meetingId, present: committees[key].members });
      const items = await tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
      for (const item of items) await recordResolution(engineDeps(engine), hr, { itemId: item.id, resolution: 'approve' });
      clock.set(new Date(Date.parse(when) + 2 * 3600_000));
      expect(await closeMeetingAndApply(engineDeps(engine), hr, meetingId)).toEqual({ applied: 118, deferred: 0 });
      const next = key === 'screening' ? 'CLOSE_SCREENING' : 'CLOSE_APPROVAL';
      expect(await due()).toEqual([{ caseId: roundId, type: next }]);
    }
    expect(await casesAt('receivingAreaApproval')).toEqual([teachers[X]!.caseId]);
    expect(await casesAt('orderSigning')).toHaveLength(expected.size - 1 + 4);
  });

  it('records the receiving area’s approval, has the right authority sign each order, and follows reports, a grievance and the windows', async () => {
    at('2025-03-28T03:00:00Z');
    // the other area is not on esa-flow: the exchange is a document — the list sent by letter, then the resolution returned
    const approved = {
      type: 'RECEIVING_AREA_APPROVED',
      payload: { area: 'สพป.พัทลุง เขต 1', resolutionRef: 'อ.ก.ค.ศ. สพป.พัทลุง เขต 1 ครั้งที่ 3/2568', decidedOn: '2025-03-27' },
    } as const;
    await expect(engine.dispatch({ actor: hr, caseId: teachers[X]!.caseId, ...approved })).rejects.toMatchObject({
      code: 'FORWARDED_LIST_MISSING',
    });
    await engine.dispatch({
      actor: hr,
      caseId: teachers[X]!.caseId,
      type: 'RECORD_FORWARDED_LIST',
      payload: { area: 'สพป.พัทลุง เขต 1', sentOn: '2025-03-26', letterRef: 'ศธ 04123/1234' },
    });
    await engine.dispatch({ actor: hr, caseId: teachers[X]!.caseId, ...approved });

    at('2025-04-01T03:00:00Z');
    const signing = (await casesAt('orderSigning')).map(teacherOf).sort((a, b) => a.i - b.i);
    const order = (n: number) => ({
      orderNo: `${n}/2568`,
      signedOn: '2025-04-01',
      effectiveOn: '2025-04-16',
      reportBy: { date: '2025-04-21', time: '16:30' },
    });
    const none = signing.find((t) => t.submission.facts.academicStanding === 'none')!;
    const pro = signing.find((t) => t.submission.facts.academicStanding === 'professional')!;
    await expect(engine.dispatch({ actor: area, caseId: none.caseId, type: 'SIGN_ORDER', payload: order(1) })).rejects.toMatchObject({
      code: 'ORDER_SIGNER_MISMATCH',
      details: { requiredRole: 'school_director' },
    });
    await expect(
      engine.dispatch({ actor: schools[pro.school]!.director, caseId: pro.caseId, type: 'SIGN_ORDER', payload: order(1) }),
    ).rejects.toMatchObject({ code: 'ORDER_SIGNER_MISMATCH', details: { requiredRole: 'area_director' } });
    for (const [n, t] of signing.entries()) {
      const signer = t.submission.facts.academicStanding === 'none' ? schools[t.school]!.director : area;
      await engine.dispatch({ actor: signer, caseId: t.caseId, type: 'SIGN_ORDER', payload: order(n + 1) });
    }
    expect((await state(pro.caseId)).ctx.order).toMatchObject({ signerRole: 'area_director', reportByAt: '2025-04-21T09:30:00.000Z' });
    expect((await state(none.caseId)).ctx.order).toMatchObject({ signerRole: 'school_director' });

    const didNotReport = signing.find((t) => t.i !== X && t.submission.kind === 'normal')!;
    at('2025-04-18T03:00:00Z');
    for (const t of signing)
      if (t !== didNotReport)
        await engine.dispatch({ actor: hr, caseId: t.caseId, type: 'REPORT_FOR_DUTY', payload: { reportedOn: '2025-04-18' } });

    const griever = teachers.find((t) => t.submission.kind === 'normal' && !oracle().has(t.i) && t.i !== W && t.i !== L)!;
    at('2025-04-02T03:00:00Z');
    // HR records that the teachers not moved were notified on 25 Mar at 12:00 (the letters' acknowledgements): their windows count from then
    const notMoved = await casesAt('notMoved');
    expect(notMoved).toHaveLength(114 - oracle().size);
    for (const caseId of notMoved) {
      await engine.dispatch({
        actor: hr,
        caseId,
        type: 'RESULT_NOTIFIED',
        payload: { occurredAt: '2025-03-25T05:00:00Z', how: 'letter', ref: 'ที่ ศธ 04xxx/2568' },
      });
    }
    await engine.dispatch({
      actor: griever.actor,
      caseId: griever.caseId,
      type: 'FILE_GRIEVANCE',
      payload: { grounds: 'คะแนนองค์ประกอบภาระงานไม่ถูกต้อง', evidence: [] },
    });
    at('2025-04-20T03:00:00Z');
    await engine.dispatch({
      actor: hr,
      caseId: griever.caseId,
      type: 'GRIEVANCE_DISMISSED',
      payload: { body: 'ก.ค.ศ.', ref: 'ที่ ศธ 0206/789', decidedOn: '2025-04-19' },
    });

    at('2025-04-21T09:30:00Z'); // 16:30 on the report-by day: the teacher may still report
    expect(await due()).toEqual([]);
    at('2025-04-21T09:30:01Z'); // one second after
    expect(await due()).toEqual([{ caseId: didNotReport.caseId, type: 'REPORT_DEADLINE_PASSED' }]);
    // the teachers were notified at 12:00 on 25 Mar; day 30 is Thu 24 Apr, a working day: the window ends at 16:30
    at('2025-04-24T09:29:00Z');
    expect(await due()).toEqual([]);
    at('2025-04-24T09:30:01Z');
    const closed = await due();
    expect(closed.filter((s) => s.type === 'CLOSE_GRIEVANCE_WINDOW')).toHaveLength(114 - oracle().size - 1);
    await due();
    expect((await tdb.db.selectFrom('cases').select('state').where('id', '=', roundId).executeTakeFirstOrThrow()).state).toBe('closed');

    // the outcome, request by request
    const expected = oracle();
    for (const t of teachers) {
      const { state: s, ctx } = await state(t.caseId);
      const partner = SWAPS.flatMap((p) => (p[0] === t.i ? [p[1]] : p[1] === t.i ? [p[0]] : []))[0];
      const want =
        t.i === L
          ? 'lapsed'
          : t.i === W
            ? 'withdrawn'
            : t === didNotReport
              ? 'didNotReport'
              : partner !== undefined || expected.has(t.i)
                ? 'transferred'
                : 'notTransferred';
      expect([t.i, s]).toEqual([t.i, want]);
      if (partner !== undefined)
        expect([t.i, ctx.proposal!.placement]).toEqual([
          t.i,
          expect.objectContaining({ kind: 'swap', schoolId: schools[teachers[partner]!.school]!.id }),
        ]);
      else if (expected.has(t.i))
        expect([t.i, ctx.proposal!.placement]).toEqual([
          t.i,
          expect.objectContaining({ kind: 'vacancy', vacancyId: expected.get(t.i)!.id }),
        ]);
      else if (t.i !== L && t.i !== W) expect([t.i, ctx.proposal!.placement]).toEqual([t.i, null]);
      expect(await engine.verifyHistory(t.caseId)).toMatchObject({ ok: true });
    }
    const x = await state(teachers[X]!.caseId);
    expect(x.ctx.proposal!.placement).toMatchObject({ kind: 'vacancy', vacancyId: 'V30', crossArea: true });
    expect(x.ctx.receivingArea).toMatchObject({ decision: 'approved', area: 'สพป.พัทลุง เขต 1' });
    expect((await state(griever.caseId)).ctx.grievance).toMatchObject({ decision: 'dismissed' });
    for (const i of SPECIAL) expect([i, expected.has(i)]).toEqual([i, true]);
    expect(await engine.verifyHistory(roundId)).toMatchObject({ ok: true });
  });
});
