/**
 * The salary raise round at the size of สพป.พัทลุง เขต 1 (1,091 staff, 96
 * schools) — the steps of `test/salary-round.scenario.test.ts`, without its
 * checks — against a raw floor in the same run: the rows the round left
 * behind written again with plain multi-row INSERTs (`row-floor.ts`). And the
 * allocation alone (`allocateRaises` over the same 1,091 people) against a
 * plain sort and sum over the same people.
 */
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  createEngine,
  openMeeting,
  publishWorkflows,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import type { BenchResult } from '../../engine/bench/bench-result';
import { openRawPool, rawRowFloor, rowsWritten, tableRowCounts, totalRows } from '../../engine/bench/row-floor';
import {
  allocateRaises,
  closeAppraisal,
  closeGrievanceWindow,
  dispatchMany,
  finishRoundIfSettled,
  loadRound,
  openRoundAppraisal,
  plannedOrders,
  proposeAllocation,
  publishResults,
  roundChildren,
  roundNotices,
  RoundParams,
  RoundParamsV3,
  salaryWorkflows,
  StaffRecord,
  tellAppraisalResults,
  type AllocationPerson,
} from '../src/salary/index';
import { syntheticRoster, syntheticScores } from '../test/salary-fixtures';
import { SALARY_STAFF, seedSalaryOffice, type SalaryOffice } from '../test/salary-office';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

export async function benchSalaryRound(opts: { onProgress?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const progress = opts.onProgress ?? (() => {});
  const bench = await createBenchDatabase(8);
  const pool = openRawPool(bench.url);
  try {
    const registry = new WorkflowRegistry([...salaryWorkflows]);
    await publishWorkflows(bench.db, registry);
    const clock = new ManualClock('2024-10-01T02:00:00Z');
    const engine = createEngine({ db: bench.db, registry, clock });
    const world = await seedSalaryOffice(bench.db, clock);
    await pool.query('vacuum analyze');
    await pool.query('checkpoint');
    const before = await tableRowCounts(pool);
    progress(`salary round: ${SALARY_STAFF.toLocaleString('en-US')} staff…`);
    const started = process.hrtime.bigint();
    const stages = await runRound(engine, clock, world);
    const roundSeconds = seconds(started);
    const written = rowsWritten(before, await tableRowCounts(pool));
    const rows = totalRows(written);
    progress(`round ${roundSeconds.toFixed(1)} s, ${rows.toLocaleString('en-US')} rows; raw floor…`);
    const floorSeconds = await rawRowFloor(pool, written);
    progress(`floor ${floorSeconds.toFixed(2)} s`);
    const value = rows / roundSeconds;
    const baseline = rows / floorSeconds;
    const biggest = Object.entries(written)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    return [
      {
        name: `salary round, ${SALARY_STAFF.toLocaleString('en-US')} staff, criteria to closing`,
        unit: 'rows/s',
        value,
        baselineName: 'the same rows by raw multi-row INSERT',
        baseline,
        ratio: value / baseline,
        note:
          `round ${roundSeconds.toFixed(1)} s, floor ${floorSeconds.toFixed(2)} s; ${rows.toLocaleString('en-US')} rows in ${Object.keys(written).length} tables ` +
          `(${biggest.map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}, …); stages: ${stages.map(([s, t]) => `${s} ${t.toFixed(1)} s`).join(', ')}`,
      },
    ];
  } finally {
    await pool.end();
    await bench.drop();
  }
}

/** The scenario's steps (same clock moves, same meetings, same grievance); returns the seconds of its big stages. */
async function runRound(engine: Engine, clock: ManualClock, w: SalaryOffice): Promise<[string, number][]> {
  const { office, hr, area, group, teacher, directorOf, roster, schoolNames } = w;
  const stages: [string, number][] = [];
  const stage = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t = process.hrtime.bigint();
    const out = await f();
    stages.push([label, seconds(t)]);
    return out;
  };
  const committeeOf = async (kind: string, nameTh: string) => {
    const { committeeId } = await createCommittee(engineDeps(engine), hr, { officeId: office.officeId, kind, nameTh, nameEn: kind });
    const members: string[] = [];
    for (const seat of ['chair', 'secretary', 'member'] as const) {
      const p = await engineDeps(engine)
        .db.insertInto('people')
        .values({ first_name_th: `กรรมการ ${seat}`, last_name_th: kind, office_id: office.officeId })
        .returning('id')
        .executeTakeFirstOrThrow();
      members.push(
        (await addCommitteeMember(engineDeps(engine), hr, { committeeId, personId: p.id, seat, termFrom: '2024-01-01', termUntil: null }))
          .memberId,
      );
    }
    return { committeeId, members };
  };
  const meeting = async (c: { committeeId: string; members: string[] }, title: string, resolution: 'approve' | 'reject', note?: string) => {
    const { meetingId } = await scheduleMeeting(engineDeps(engine), hr, {
      committeeId: c.committeeId,
      title,
      scheduledAt: clock.now().toISOString(),
      place: 'ห้องประชุม',
    });
    await openMeeting(engineDeps(engine), hr, { meetingId, present: c.members });
    const items = await engineDeps(engine).db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
    for (const item of items) await recordResolution(engineDeps(engine), hr, { itemId: item.id, resolution, ...(note ? { note } : {}) });
    await closeMeetingAndApply(engineDeps(engine), hr, meetingId);
  };

  const { caseId: roundId } = await engine.startCase({
    actor: hr,
    workflowId: 'salary-round',
    version: 2,
    officeId: office.officeId,
    title: 'เลื่อนเงินเดือน ครั้งที่ 1 (1 เมษายน 2568)',
    input: { fiscalYearBe: 2568, round: 1 },
  });
  await engine.dispatch({
    actor: hr,
    caseId: roundId,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศหลักเกณฑ์', announcedOn: '2024-10-01' },
  });
  clock.set('2025-04-01T02:00:00Z');
  await stage('appraisals opened', () => openRoundAppraisal(engine, hr, { roundCaseId: roundId, roster }));
  const children = await roundChildren(engine, hr, roundId);
  const scores = syntheticScores(SALARY_STAFF, 2568);
  const indexOf = new Map(roster.map((r, i) => [r.personnelNo, i]));
  const unscored = new Set(
    children
      .filter((c) => c.key !== roster[0]!.personnelNo)
      .slice(-3)
      .map((c) => c.key),
  );
  const scoring: { caseId: string; type: string; payload: unknown; actor: Actor }[] = [];
  for (const c of children) {
    if (unscored.has(c.key)) continue;
    const score = c.key === roster[0]!.personnelNo ? 58.5 : scores[indexOf.get(c.key)!]!;
    // by the case's appraiser (the line of command: school directors are appraised by the area director)
    const appraiser = c.context.person.appraiser!;
    const actor =
      appraiser.role === 'area_director' ? area : appraiser.role === 'group_director' ? group : directorOf.get(appraiser.schoolId!)!;
    scoring.push({ caseId: c.caseId, type: 'SUBMIT_SCORE', payload: { score }, actor });
  }
  await stage('scores entered', () => dispatchMany(engine, hr, scoring));
  clock.set('2025-04-16T02:00:00Z');
  await closeAppraisal(engine, roundId);
  const screening = await committeeOf('salary_screening', 'คณะกรรมการกลั่นกรองผลการประเมิน');
  const budget = await committeeOf('salary_budget', 'คณะกรรมการพิจารณาผลคะแนนกับวงเงินงบประมาณ');
  const akhks = await committeeOf('area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา');
  clock.set('2025-04-21T02:00:00Z');
  await meeting(screening, 'ประชุมกลั่นกรอง ครั้งที่ 1/2568', 'reject', 'ให้ทบทวนผลการประเมิน 2 ราย');
  const reviewed = children.filter((c) => c.schoolId === office.schoolIds[1]).slice(0, 2);
  await dispatchMany(
    engine,
    hr,
    reviewed.map((c) => ({ caseId: c.caseId, type: 'RETURN_FOR_REAPPRAISAL', payload: { note: 'ทบทวน' } })),
  );
  await dispatchMany(engine, hr, [
    {
      caseId: children.find((c) => !reviewed.includes(c) && !unscored.has(c.key) && c.key !== roster[0]!.personnelNo)!.caseId,
      type: 'ADJUST_SCORE',
      payload: { score: 88, note: 'มติคณะกรรมการกลั่นกรอง' },
    },
  ]);
  await dispatchMany(
    engine,
    directorOf.get(office.schoolIds[1])!,
    reviewed.map((c) => ({ caseId: c.caseId, type: 'SUBMIT_SCORE', payload: { score: 86.25 } })),
  );
  await closeAppraisal(engine, roundId);
  clock.set('2025-04-28T02:00:00Z');
  await meeting(screening, 'ประชุมกลั่นกรอง ครั้งที่ 2/2568', 'approve');
  await stage('results told', () => tellAppraisalResults(engine, hr, roundId));
  await stage('allocation proposed', () => proposeAllocation(engine, hr, roundId));
  await meeting(budget, 'ประชุมพิจารณาวงเงิน ครั้งที่ 1/2568', 'reject', 'ให้กันวงเงินสำรองร้อยละ 0.05');
  await proposeAllocation(engine, hr, roundId, { policy: { kind: 'percentage_pool', poolBp: 295, capBp: 600 } });
  await meeting(budget, 'ประชุมพิจารณาวงเงิน ครั้งที่ 2/2568', 'approve');
  clock.set('2025-05-12T02:00:00Z');
  await meeting(akhks, 'ประชุม อ.ก.ค.ศ. ครั้งที่ 5/2568', 'approve');
  clock.set('2025-05-15T03:00:00Z');
  await stage('published', () => publishResults(engine, hr, roundId, { announcementRef: 'ประกาศผล', schoolNames }));
  const groups = await plannedOrders(engine, hr, roundId);
  await engine.dispatch({
    actor: area,
    caseId: roundId,
    type: 'ORDERS_ISSUED',
    payload: {
      orders: groups.map((g, i) => ({
        ref: `คำสั่ง ${i + 1}/2568`,
        issuedOn: '2025-05-20',
        authority: g.authority,
        schoolId: g.schoolId,
        count: g.personnelNos.length,
      })),
    },
  });
  const mine = (await roundChildren(engine, hr, roundId)).find((c) => c.key === roster[0]!.personnelNo)!;
  await engine.dispatch({
    actor: teacher,
    caseId: mine.caseId,
    type: 'FILE_GRIEVANCE',
    payload: { grounds: 'ผลการประเมินไม่สอดคล้องกับผลงาน' },
  });
  clock.set('2025-06-17T02:00:00Z');
  await stage('window closed', () => closeGrievanceWindow(engine, roundId));
  await meeting(akhks, 'ประชุม อ.ก.ค.ศ. ครั้งที่ 7/2568', 'reject', 'ผลการประเมินเป็นไปตามหลักเกณฑ์');
  await finishRoundIfSettled(engine, roundId);
  const notices = await stage('notices built', () => roundNotices(engine, hr, roundId));
  const state = (await loadRound(engine, hr, roundId)).state;
  if (state !== 'closed' || notices.length !== SALARY_STAFF) throw new Error(`the round ended in ${state} with ${notices.length} notices`);
  return stages;
}

/** The 1,091 people of the allocation test (seed 4), one in 211 without a score. */
function allocationPeople(): AllocationPerson[] {
  const schools = Array.from({ length: 96 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const roster = syntheticRoster(SALARY_STAFF, { seed: 4, schoolIds: schools, evaluationFrom: '2024-10-01' }).map((r) =>
    StaffRecord.parse(r),
  );
  const scores = syntheticScores(SALARY_STAFF, 40);
  return roster.map((r, i) => ({
    key: r.personnelNo,
    schoolId: r.schoolId,
    score: i % 211 === 0 ? null : scores[i]!,
    salarySatang: r.salarySatang,
    baseSatang: r.baseSatang,
    maxSalarySatang: r.maxSalarySatang,
    serviceStartedOn: r.serviceStartedOn,
    position: r.position,
  }));
}

/** The baseline: sort the same people by score, give each a flat 3 % of the base, and sum. */
function sortAndSum(people: readonly AllocationPerson[]): number {
  const sorted = [...people].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let total = 0;
  for (const p of sorted) if (p.score !== null && p.score >= 60) total += Math.floor((p.baseSatang * 300) / 10_000);
  return total;
}

/** Calls per second of `f`, the median of `rounds` timed rounds of `calls` each. */
function callsPerSecond(f: () => unknown, calls: number, rounds: number): number {
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) sink += f() === undefined ? 0 : 1;
    rates.push(calls / seconds(t));
  }
  if (sink < 0) throw new Error('unreachable');
  return rates.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

export async function benchSalaryAllocation(): Promise<BenchResult[]> {
  const people = allocationPeople();
  const out: BenchResult[] = [];
  for (const kind of ['percentage_pool', 'headcount_quota', 'band_ranges'] as const) {
    // band_ranges (salary-round@3): a pool per group, the teachers pooled per school (96 + 2 pools)
    const params =
      kind === 'band_ranges'
        ? RoundParamsV3.parse({ fiscalYearBe: 2568, round: 1, policy: { kind, bySchool: ['teachers'] } })
        : RoundParams.parse({ fiscalYearBe: 2568, round: 1, policy: { kind } });
    for (let i = 0; i < 20; i++) {
      // warm-up
      allocateRaises(people, params);
      sortAndSum(people);
    }
    const baseline = callsPerSecond(() => sortAndSum(people), 200, 7);
    const value = callsPerSecond(() => allocateRaises(people, params), 20, 7);
    out.push({
      name: `allocateRaises, ${kind}, ${SALARY_STAFF.toLocaleString('en-US')} people`,
      unit: 'allocations/s',
      value,
      baselineName: 'sort by score + flat 3 % sum',
      baseline,
      ratio: value / baseline,
      note: `${(1000 / value).toFixed(2)} ms per allocation vs ${(1000 / baseline).toFixed(3)} ms; median of 7 rounds`,
    });
  }
  return out;
}
