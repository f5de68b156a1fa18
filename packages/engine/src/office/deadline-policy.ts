/**
 * The office's day-count policy (docs/sla.md "The office's day-count
 * policy"): the SOP steps whose sources say only "วัน" (deadline kind
 * `office_days`) count calendar days or working days as the office decides.
 * Versioned, effective-dated data: each change is a new version (who, when,
 * why, from when), never an update. Read when a clock opens; the clock keeps
 * the spec it was resolved to and the version it read, so a change moves no
 * clock already open. Until an office sets its own: calendar days, what the
 * sources imply ("วัน" is calendar days unless they say วันทำการ,
 * research/regulations.md §4.1).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor';
import { personNameTh } from '../access/person-name';
import { isUuid } from '../case/case.repository';
import { stepDeadlineSpecSchema, type StepDeadlineSpec } from '../calendar/deadline-spec';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';

export type DayCount = 'calendar_days' | 'working_days';
export const DAY_COUNTS: readonly DayCount[] = ['calendar_days', 'working_days'];

/** What the sources imply when an office has set nothing. */
export const DEFAULT_DAY_COUNT: DayCount = 'calendar_days';

export interface DeadlinePolicyVersion {
  /** 0: the default (the office never set one) */
  version: number;
  dayCount: DayCount;
  effectiveFrom: Date | null;
  reason: string | null;
  changedAt: Date | null;
  changedByName: string | null;
}

export interface OfficeDeadlinePolicy {
  officeId: string;
  /** in force now */
  current: DeadlinePolicyVersion;
  /** set but not yet in force (effective later), earliest first */
  scheduled: DeadlinePolicyVersion[];
  /** every version, newest first (the default not included) */
  history: DeadlinePolicyVersion[];
}

type Db = Kysely<DB>;

const DEFAULT_VERSION: DeadlinePolicyVersion = Object.freeze({
  version: 0,
  dayCount: DEFAULT_DAY_COUNT,
  effectiveFrom: null,
  reason: null,
  changedAt: null,
  changedByName: null,
});

async function versionsOf(db: Db, officeId: string): Promise<DeadlinePolicyVersion[]> {
  if (!isUuid(officeId)) return [];
  const rows = await db
    .selectFrom('office_deadline_policies as d')
    .innerJoin('users as u', 'u.id', 'd.changed_by')
    .leftJoin('people as p', 'p.id', 'u.person_id')
    .select([
      'd.version',
      'd.day_count',
      'd.effective_from',
      'd.reason',
      'd.changed_at',
      'u.username',
      'p.title_th',
      'p.first_name_th',
      'p.last_name_th',
    ])
    .where('d.office_id', '=', officeId)
    .orderBy('d.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    dayCount: r.day_count as DayCount,
    effectiveFrom: r.effective_from,
    reason: r.reason,
    changedAt: r.changed_at,
    changedByName: personNameTh(r) ?? r.username,
  }));
}

/** The version in force at `at`: the highest whose effective_from is not after it. */
function inForce(versions: readonly DeadlinePolicyVersion[], at: Date): DeadlinePolicyVersion {
  return versions.find((v) => v.effectiveFrom !== null && v.effectiveFrom.getTime() <= at.getTime()) ?? DEFAULT_VERSION;
}

/** The day count an office's clocks opened at `at` use, and the version it comes from. */
export async function dayCountPolicyAt(db: Db, officeId: string, at: Date): Promise<{ version: number; dayCount: DayCount }> {
  if (!isUuid(officeId)) return { version: 0, dayCount: DEFAULT_DAY_COUNT };
  const row = await db
    .selectFrom('office_deadline_policies')
    .select(['version', 'day_count'])
    .where('office_id', '=', officeId)
    .where('effective_from', '<=', at)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { version: row.version, dayCount: row.day_count as DayCount } : { version: 0, dayCount: DEFAULT_DAY_COUNT };
}

export async function deadlinePolicyOf(db: Db, officeId: string, now: Date): Promise<OfficeDeadlinePolicy> {
  const history = await versionsOf(db, officeId);
  const current = inForce(history, now);
  const scheduled = history
    .filter((v) => v.effectiveFrom !== null && v.effectiveFrom.getTime() > now.getTime() && v.version > current.version)
    .reverse();
  return { officeId, current, scheduled, history };
}

const isOfficeAdmin = (actor: Actor, officeId: string) =>
  actor.kind === 'user' && actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && g.role === 'admin');

const invalid = (path: string, message: string) => new EsaError('INVALID_PAYLOAD', { issues: [{ path, code: 'invalid', message }] });

/**
 * A new version of the office's day-count policy, by one of its admins, in
 * force from `effectiveFrom` (now when not given; never earlier than now:
 * clocks already opened keep what they read). Asking for what is already the
 * latest version, from the same moment or none, writes nothing (safe to retry).
 */
export async function changeDeadlinePolicy(
  db: Db,
  a: { actor: Actor; officeId: string; dayCount: DayCount; effectiveFrom?: Date; reason: string; now: Date },
): Promise<{ policy: OfficeDeadlinePolicy; changed: boolean }> {
  if (!isOfficeAdmin(a.actor, a.officeId)) throw new EsaError('FORBIDDEN', { action: 'change_deadline_policy', officeId: a.officeId });
  if (!DAY_COUNTS.includes(a.dayCount))
    throw invalid('dayCount', 'ต้องเป็นวันตามปฏิทินหรือวันทำการ / dayCount must be calendar_days or working_days');
  const reason = a.reason.trim();
  if (!reason) throw invalid('reason', 'ต้องระบุเหตุผล / a reason is required');
  const effectiveFrom = a.effectiveFrom ?? a.now;
  if (effectiveFrom.getTime() < a.now.getTime() - 60_000)
    throw invalid('effectiveFrom', 'วันที่มีผลต้องไม่ก่อนเวลาปัจจุบัน / effectiveFrom must not be in the past');
  return db.transaction().execute(async (trx) => {
    // one writer at a time per office: versions stay consecutive
    await trx.selectFrom('offices').select('id').where('id', '=', a.officeId).forUpdate().executeTakeFirstOrThrow();
    const versions = await versionsOf(trx, a.officeId);
    const latest = versions[0] ?? DEFAULT_VERSION;
    const sameAsLatest =
      latest.dayCount === a.dayCount && (a.effectiveFrom === undefined || latest.effectiveFrom?.getTime() === effectiveFrom.getTime());
    if (sameAsLatest && (latest.version > 0 || a.effectiveFrom === undefined)) {
      return { policy: await deadlinePolicyOf(trx, a.officeId, a.now), changed: false };
    }
    await trx
      .insertInto('office_deadline_policies')
      .values({
        office_id: a.officeId,
        version: latest.version + 1,
        day_count: a.dayCount,
        effective_from: effectiveFrom,
        reason,
        changed_by: a.actor.id,
        changed_at: a.now,
      })
      .execute();
    return { policy: await deadlinePolicyOf(trx, a.officeId, a.now), changed: true };
  });
}

/** Does this spec (a step's deadline) read the office's day-count policy? */
export function readsDayCountPolicy(spec: unknown): boolean {
  const s = spec as { kind?: string; plus?: { unit?: string } } | undefined;
  return s?.kind === 'office_days' || (s?.kind === 'from_data' && s.plus?.unit === 'office_days');
}

/**
 * The spec an `office_days` deadline (or a `from_data` counting `office_days`)
 * stands for under a policy: `calendar_days`/`working_days` (or a `range` of
 * them), with the policy it read kept beside it (`officePolicy`). Any other
 * spec is returned as it is.
 */
export function resolveOfficeDays(specInput: unknown, policy: { version: number; dayCount: DayCount }): StepDeadlineSpec {
  const spec = stepDeadlineSpecSchema.parse(specInput);
  const officePolicy = { dayCount: policy.dayCount, version: policy.version };
  if (spec.kind === 'from_data' && spec.plus?.unit === 'office_days') {
    return { ...spec, plus: { ...spec.plus, unit: policy.dayCount }, officePolicy } as StepDeadlineSpec;
  }
  if (spec.kind !== 'office_days') return spec;
  const { kind: _kind, days, minDays, maxDays, ...common } = spec;
  if (days !== undefined) return { ...common, kind: policy.dayCount, days, officePolicy } as StepDeadlineSpec;
  return { ...common, kind: 'range', unit: policy.dayCount, minDays: minDays!, maxDays: maxDays!, officePolicy } as StepDeadlineSpec;
}
