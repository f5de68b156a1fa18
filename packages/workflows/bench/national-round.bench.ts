/**
 * A national salary round: 400,000 people in 245 offices (OBEC's area
 * offices; `BENCH_NATIONAL_PEOPLE` / `BENCH_NATIONAL_OFFICES` for a smaller
 * run), every office with its schools and their directors, its person records
 * (written as an import writes them) and its round created and announced by
 * its HR officer, the worker's opening turned on. Measured: the worker's
 * scheduled opening pass at 08:05 on 1 April (`openScheduledRounds`) — the
 * roster from the records as of 1 March, the eligibility checks, one
 * salary-raise@4 child per eligible person with its `@start` history, clock,
 * timers and task notifications, the claims and their progress. Against a raw
 * floor in the same run: the rows the pass left behind written again with
 * plain multi-row INSERTs into copies of the same tables with the same
 * indexes, checks and foreign keys (`row-floor.ts`).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { ManualClock, WorkflowRegistry, type Engine, type PersonnelChange } from '@esa-flow/engine';
import {
  changeSalaryRoundSettings,
  createEngine,
  publishWorkflows,
  recordPersonnelChanges,
  type Database,
  engineDeps,
} from '@esa-flow/engine/internal';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import type { BenchResult } from '../../engine/bench/bench-result';
import { openRawPool, rawRowFloor, rowsWritten, tableRowCounts, totalRows } from '../../engine/bench/row-floor';
import { actorOf, seedOffice } from '../../engine/test/support/index';
import { openScheduledRounds, salaryWorkflows, startSalaryRound } from '../src/salary/index';
import { syntheticRoster } from '../test/salary-fixtures';
import { SALARY_SCHOOLS, SALARY_STAFF } from '../test/salary-office';

type RawPool = ReturnType<typeof openRawPool>;
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Sizes from the environment: a national round by default. */
export function nationalSizes(env: NodeJS.ProcessEnv = process.env): { people: number; offices: number } {
  const people = Number(env.BENCH_NATIONAL_PEOPLE ?? 400_000);
  const offices = Number(env.BENCH_NATIONAL_OFFICES ?? 245);
  if (!Number.isInteger(people) || !Number.isInteger(offices) || offices < 1 || people < offices)
    throw new Error('BENCH_NATIONAL_PEOPLE / BENCH_NATIONAL_OFFICES: whole numbers, at least one person per office');
  return { people, offices };
}

/** round 1 of FY 2568: the half-year October 2567 – March 2568, records as of 1 March 2568, opened on 1 April 2568 */
const EVALUATION_FROM = '2024-10-01';
const RECORDS_FROM = '2024-04-01';

export async function benchNationalRound(opts: { onProgress?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const progress = opts.onProgress ?? (() => {});
  const { people, offices } = nationalSizes();
  const bench = await createBenchDatabase(8);
  const pool = openRawPool(bench.url);
  try {
    const registry = new WorkflowRegistry([...salaryWorkflows]);
    await publishWorkflows(bench.db, registry);
    const clock = new ManualClock('2025-03-25T03:00:00Z');
    const engine = createEngine({ db: bench.db, registry, clock });
    const seeding = process.hrtime.bigint();
    let seeded = 0;
    for (let i = 0; i < offices; i++) {
      const n = Math.floor(people / offices) + (i < people % offices ? 1 : 0);
      await seedNationalOffice(engine, clock, i, n);
      seeded += n;
      if ((i + 1) % 10 === 0 || i + 1 === offices)
        progress(`seeded ${i + 1}/${offices} offices, ${fmt(seeded)} people with their records (${seconds(seeding).toFixed(0)} s)`);
    }
    await pool.query('vacuum analyze');
    await pool.query('checkpoint');
    const before = await tableRowCounts(pool);
    const inserted = await insertedSoFar(pool);

    // 08:05 on 1 April (Bangkok): the worker's maintenance pass opens every office's round
    clock.set('2025-04-01T01:05:00Z');
    progress(`the worker's opening pass: ${fmt(people)} people in ${offices} offices…`);
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    const ticker = setInterval(() => {
      void passProgress(pool, inserted)
        .then((p) =>
          progress(
            `${seconds(started).toFixed(0)} s: ${p.offices}/${offices} offices done, ${fmt(p.opened)} appraisals opened, ${fmt(p.rows / seconds(started))} rows/s`,
          ),
        )
        .catch(() => undefined);
    }, 2000);
    let outcomes: Awaited<ReturnType<typeof openScheduledRounds>>;
    const profiler = await startProfile(process.env.BENCH_NATIONAL_PROFILE);
    try {
      outcomes = await openScheduledRounds(engine, { workerId: 'bench-worker' });
    } finally {
      clearInterval(ticker);
      await profiler?.stop();
    }
    const passSeconds = seconds(started);
    // the CPU this process spent on the pass (JavaScript, the driver, GC), whatever else the machine was doing
    const cpu = process.cpuUsage(cpuBefore);
    const passCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const notOpened = outcomes.filter((o) => o.outcome !== 'opened');
    if (outcomes.length !== offices || notOpened.length > 0)
      throw new Error(
        `the pass opened ${outcomes.length - notOpened.length} of ${offices} rounds: ${JSON.stringify(notOpened.slice(0, 3))}`,
      );
    const considered = outcomes.reduce((s, o) => s + (o.report?.totals.considered ?? 0), 0);
    const notConsidered = outcomes.reduce((s, o) => s + (o.report?.totals.notConsidered ?? 0), 0);
    const written = rowsWritten(before, await tableRowCounts(pool));
    const rows = totalRows(written);
    progress(
      `pass ${passSeconds.toFixed(1)} s (CPU of this process ${passCpuSeconds.toFixed(1)} s): ${fmt(considered)} opened, ${fmt(notConsidered)} not considered, ${fmt(rows)} rows; raw floor…`,
    );
    const floorSeconds = await rawRowFloor(pool, written, { foreignKeys: true });
    progress(`floor ${floorSeconds.toFixed(1)} s`);
    const value = rows / passSeconds;
    const baseline = rows / floorSeconds;
    progress(`pass ${fmt(value)} rows/s, floor ${fmt(baseline)} rows/s: ×${(value / baseline).toFixed(2)}`);
    const tables = Object.entries(written).sort((a, b) => b[1] - a[1]);
    return [
      {
        name: `the worker's opening pass, ${fmt(people)} people in ${offices} offices`,
        unit: 'rows/s',
        value,
        baselineName: 'the same rows by raw multi-row INSERT (same indexes and foreign keys)',
        baseline,
        ratio: value / baseline,
        note:
          `pass ${passSeconds.toFixed(1)} s (${fmt(considered / passSeconds)} appraisals/s; CPU of the bench process ${passCpuSeconds.toFixed(1)} s), floor ${floorSeconds.toFixed(1)} s; ${fmt(considered)} appraisals opened, ${fmt(notConsidered)} not considered; ` +
          `${fmt(rows)} rows in ${tables.length} tables (${tables.map(([t, k]) => `${t} ${fmt(k)}`).join(', ')})`,
      },
    ];
  } finally {
    await pool.end();
    await bench.drop();
  }
}

/**
 * One office: its schools (about one per 11 staff, as สพป.พัทลุง เขต 1) each
 * with its director, `n` staff with person records as an import writes them,
 * its round created and announced by HR, and the worker's opening turned on.
 */
async function seedNationalOffice(engine: Engine, clock: ManualClock, index: number, n: number): Promise<void> {
  const db = engineDeps(engine).db;
  const office = await seedOffice(db, `N${index + 1}`);
  const hr = await actorOf(db, office.users.hr, clock.now());
  const extra = Math.max(0, Math.round((n * SALARY_SCHOOLS) / SALARY_STAFF) - office.schoolIds.length);
  const schoolIds = [...office.schoolIds, ...(await addSchoolsWithDirectors(db, office.officeId, index, extra))];
  const roster = syntheticRoster(n, { seed: index + 1, schoolIds, evaluationFrom: EVALUATION_FROM });
  const personIds: string[] = [];
  for (let first = 0; first < roster.length; first += 5000) {
    const rows = await db
      .insertInto('people')
      .values(
        roster.slice(first, first + 5000).map((r) => ({
          first_name_th: r.nameTh,
          last_name_th: `สพท.${index + 1}`,
          first_name_en: r.nameEn ?? null,
          office_id: office.officeId,
          school_id: r.schoolId ?? null,
        })),
      )
      .returning('id')
      .execute();
    for (const r of rows) personIds.push(r.id);
  }
  const changes: PersonnelChange[] = [];
  roster.forEach((r, i) => {
    const personId = personIds[i]!;
    const value = (field: PersonnelChange['field'], v: unknown, effectiveOn = RECORDS_FROM) =>
      changes.push({ personId, field, effectiveOn, value: v });
    value('position_no', r.personnelNo);
    value('position', r.position);
    if (r.academicStanding && r.academicStanding !== 'none') value('academic_standing', r.academicStanding);
    value('salary', r.salarySatang);
    value('base', r.baseSatang);
    if (r.maxSalarySatang) value('max_salary', r.maxSalarySatang);
    if (r.schoolId) value('school', r.schoolId);
    value('service_started_on', r.serviceStartedOn);
    if (r.leave)
      value('leave', { sickOccasions: 0, sickDays: 0, personalOccasions: 0, personalDays: 0, lateTimes: 0, ...r.leave }, EVALUATION_FROM);
    for (const p of r.penalties ?? []) value('penalty', { kind: p.kind }, p.on);
  });
  await recordPersonnelChanges(db, {
    officeId: office.officeId,
    changes,
    source: { kind: 'import', ref: 'ระเบียนบุคคล.xlsx' },
    recordedBy: hr.id,
    now: clock.now(),
  });
  const { caseId } = await startSalaryRound(engine, hr, { officeId: office.officeId, params: { fiscalYearBe: 2568, round: 1 } });
  await engine.dispatch({
    actor: hr,
    caseId,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศ สพท. เรื่อง หลักเกณฑ์การประเมิน', announcedOn: EVALUATION_FROM },
  });
  await changeSalaryRoundSettings(db, { actor: hr, officeId: office.officeId, autoOpen: true, now: clock.now() });
}

async function addSchoolsWithDirectors(db: Database, officeId: string, index: number, count: number): Promise<string[]> {
  if (count === 0) return [];
  const schools = await db
    .insertInto('schools')
    .values(
      Array.from({ length: count }, (_, i) => ({
        office_id: officeId,
        code: `n${index + 1}-${i + 3}`,
        name_th: `โรงเรียนบ้านทดสอบ ${i + 3}`,
        name_en: `Test school ${i + 3}`,
      })),
    )
    .returning('id')
    .execute();
  const directors = await db
    .insertInto('people')
    .values(
      schools.map((s, i) => ({ first_name_th: `ผอ.${i + 3}`, last_name_th: `สพท.${index + 1}`, office_id: officeId, school_id: s.id })),
    )
    .returning(['id', 'school_id'])
    .execute();
  const users = await db
    .insertInto('users')
    .values(directors.map((p, i) => ({ username: `director-n${index + 1}-${i + 3}`, person_id: p.id })))
    .returning('id')
    .execute();
  await db
    .insertInto('role_assignments')
    .values(
      users.map((u, i) => ({
        user_id: u.id,
        role: 'school_director',
        office_id: officeId,
        school_id: directors[i]!.school_id,
        valid_from: '2020-01-01T00:00:00Z',
      })),
    )
    .execute();
  return schools.map((s) => s.id);
}

/**
 * `BENCH_NATIONAL_PROFILE=<file>.cpuprofile`: a CPU profile of the pass alone
 * (not the seeding nor the floor), for Chrome's DevTools or
 * `packages/engine/bench/profile-top.ts`.
 */
async function startProfile(file: string | undefined): Promise<{ stop(): Promise<void> } | null> {
  if (!file) return null;
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** the tables the opening pass writes */
const PASS_TABLES = ['cases', 'case_history', 'sla_clocks', 'sla_timers', 'notifications', 'cycle_runs', 'salary_round_openings'];

/** Rows inserted into the pass's tables so far, by the statistics collector (each connection's counts reach it within a second or so). */
async function insertedSoFar(pool: RawPool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select coalesce(sum(n_tup_ins), 0)::text as n from pg_stat_user_tables where relname = any($1)`,
    [PASS_TABLES],
  );
  return Number(rows[0]!.n);
}

/** What the pass has done so far: offices finished (their claims), appraisals opened (their progress), rows inserted. */
async function passProgress(pool: RawPool, insertedBefore: number): Promise<{ offices: number; opened: number; rows: number }> {
  const { rows } = await pool.query<{ offices: number; opened: number }>(
    `select count(*) filter (where status = 'done')::int as offices, coalesce(sum(done), 0)::int as opened from salary_round_openings`,
  );
  return { offices: rows[0]!.offices, opened: rows[0]!.opened, rows: (await insertedSoFar(pool)) - insertedBefore };
}
