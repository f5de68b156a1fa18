/**
 * Seeding for the timer benchmarks, in SQL (the engine would take hours for a
 * million cases): offices with one HR officer each, the sample workflow with
 * deadlines published, and running clocks on step 'review' — each with an
 * active case (offices taken in turn) and one pending 'due_today' timer —
 * inserted in set-based batches. Firing such a timer writes one
 * notification, to the officer of the case's office.
 */
import { sql } from 'kysely';
import { resolveSlaPolicy, WorkflowRegistry } from '@esa-flow/engine';
import { publishWorkflows, type Database } from '@esa-flow/engine/internal';
import { sampleSla } from '../../engine/test/support/sample-sla';

export const BENCH_STEP = 'review';
/** as many offices as Thailand has educational service areas (183 primary + 62 secondary) */
export const BENCH_OFFICES = 245;

export function benchRegistry(): WorkflowRegistry {
  return new WorkflowRegistry([sampleSla]);
}

/** Publishes the sample workflow and creates `count` offices, each with one HR officer; returns the office ids. */
export async function seedOfficesWithOfficer(db: Database, count: number): Promise<string[]> {
  await publishWorkflows(db, benchRegistry());
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const offices = await db
    .insertInto('offices')
    .values(
      numbers.map((n) => ({
        code: `bench-timers-${n}`,
        name_th: `สพท.ทดสอบเวลา ${n}`,
        name_en: `Timer bench office ${n}`,
        level: 'primary',
      })),
    )
    .returning('id')
    .execute();
  const users = await db
    .insertInto('users')
    .values(numbers.map((n) => ({ username: `bench-timers-hr-${n}` })))
    .returning('id')
    .execute();
  await db
    .insertInto('role_assignments')
    .values(
      offices.map((o, i) => ({
        user_id: users[i]!.id,
        role: 'hr_officer',
        office_id: o.id,
        school_id: null,
        valid_from: '2020-01-01T00:00:00Z',
      })),
    )
    .execute();
  return offices.map((o) => o.id);
}

export interface ClockSeed {
  /** clock g belongs to officeIds[g mod length] */
  officeIds: readonly string[];
  /** clocks numbered [from, to) */
  from: number;
  to: number;
  /**
   * Clock g's timer fires at firstFireAt + slot(g) × slotMs, with
   * slot(g) = (g mod stride) × interleave + ⌊g / stride⌋: stride = to and
   * interleave = 1 is plain g; stride = n and interleave = k spreads the first
   * n clocks over the same span as all n × k of them.
   */
  firstFireAt: Date;
  slotMs: number;
  stride: number;
  interleave: number;
  batchSize?: number;
  onProgress?: (inserted: number) => void;
}

/** Inserts running clocks with their case and pending timer, in batches (one statement each). */
export async function insertRunningClocks(db: Database, seed: ClockSeed): Promise<void> {
  const review = sampleSla.steps[BENCH_STEP];
  if (!review?.deadline) throw new Error(`sample workflow has no deadline on '${BENCH_STEP}'`);
  const spec = JSON.stringify(review.deadline);
  const policy = JSON.stringify(resolveSlaPolicy(review.sla));
  const snapshot = JSON.stringify({ status: 'active', value: BENCH_STEP, context: {} });
  const batchSize = seed.batchSize ?? 50_000;
  const now = new Date();
  const basis = JSON.stringify({ kind: 'spec', triggerAt: now.toISOString() });
  for (let from = seed.from; from < seed.to; from += batchSize) {
    const to = Math.min(seed.to, from + batchSize);
    await sql`
      with s as materialized (
        select g, gen_random_uuid() as case_id, gen_random_uuid() as clock_id,
               (${seed.officeIds}::uuid[])[1 + g % ${seed.officeIds.length}::bigint] as office_id,
               ${seed.firstFireAt}::timestamptz
                 + ((g % ${seed.stride}::bigint) * ${seed.interleave}::bigint + g / ${seed.stride}::bigint)
                 * ${seed.slotMs}::double precision * interval '1 millisecond' as fire_at
        from generate_series(${from}::bigint, ${to - 1}::bigint) g
      ), c as (
        insert into cases (id, workflow_id, workflow_version, office_id, title, state, status, snapshot,
                           revision, history_length, history_head, created_by, created_at, updated_at)
        select case_id, ${sampleSla.id}, ${sampleSla.version}, office_id, 'bench case ' || g, ${BENCH_STEP}, 'active',
               ${snapshot}::jsonb, 1, 1, 'bench', 'bench', ${now}, ${now}
        from s
      ), k as (
        insert into sla_clocks (id, case_id, office_id, step, opened_seq, spec, policy, status, started_at, due_at, due_basis)
        select clock_id, case_id, office_id, ${BENCH_STEP}, 1, ${spec}::jsonb, ${policy}::jsonb, 'running', ${now},
               fire_at + interval '8 hours', ${basis}::jsonb
        from s
      )
      insert into sla_timers (clock_id, case_id, kind, level, fire_at, status, created_at)
      select clock_id, case_id, 'due_today', 0, fire_at, 'pending', ${now} from s
    `.execute(db);
    seed.onProgress?.(to - seed.from);
  }
  await sql`analyze cases, sla_clocks, sla_timers`.execute(db);
}

/** Moves every pending timer by `shiftMs` (one statement), e.g. from a parking spot far ahead into the next minute. */
export async function shiftPendingTimers(db: Database, shiftMs: number): Promise<void> {
  await sql`update sla_timers set fire_at = fire_at + ${shiftMs}::double precision * interval '1 millisecond' where status = 'pending'`.execute(
    db,
  );
}

/** Bytes PostgreSQL uses for the current database. */
export async function databaseBytes(db: Database): Promise<number> {
  const row = await sql<{ bytes: string }>`select pg_database_size(current_database())::text as bytes`.execute(db);
  return Number(row.rows[0]?.bytes ?? 0);
}
