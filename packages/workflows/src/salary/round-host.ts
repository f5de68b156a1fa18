/**
 * Driving a salary round through the engine, as a host does (the server on an
 * officer's action, the worker on schedule): open the appraisals in bulk,
 * close them at the round's date, tell the appraisal results, propose the
 * allocation (round-results.ts: publish, orders, grievance window). Each
 * step sends ordinary commands: children in chunks, one transaction per chunk
 * (`engine.transaction`). Every step is safe to run again: it only touches the
 * children still waiting where it acts.
 */
import {
  actingRolesFor,
  advanceCycleIfSettled,
  bangkokInstant,
  canReadCase,
  childCaseRows,
  EsaError,
  formatThaiDate,
  officeCaseRows,
  openCycleChildren,
  procedureCaseRow,
  SYSTEM_ACTOR,
  type Actor,
  type AdvanceCycleOutcome,
  type CycleOpeningResult,
  type Engine,
} from '@esa-flow/engine';
import { allocateRaises, type Allocation, type AllocationPerson, type AllocationProblem } from './allocate-raises';
import { appraiserOf, checkEligibility, orderAuthorityOf, StaffRecord, type EligibilityVerdict } from './eligibility';
import { RoundParams, roundDates, type RaisePolicy, type RoundParamsInput } from './round-params';
import { RoundParamsV3, type AllocationOverride, type BandRangesPolicy, type RaisePolicyV3, type RoundParamsV3Input } from './band-ranges';
import type { SalaryRoundContextV3 } from './salary-round-v3.machine';
import type { SalaryRaiseContext } from './salary-raise.machine';
import type { Appraiser, SalaryRaiseInputV2 } from './salary-raise-v2.machine';
import type { IneligiblePerson, SalaryRoundContext } from './salary-round.machine';
import { tierOf } from './tiers';
import { formatBaht, formatPct } from './money';

/** When the worker opens rounds on schedule (Asia/Bangkok): round 1 on 1 October, round 2 on 1 April, 08:00. */
export const SALARY_ROUND_OPENING_CRONS = { round1: '0 8 1 10 *', round2: '0 8 1 4 *' } as const;

/** The round whose half-year starts on `date` (YYYY-MM-DD): October–March → round 1, April–September → round 2. */
export function roundStartingOn(date: string): { fiscalYearBe: number; round: 1 | 2 } {
  const [year, month] = date.split('-').map(Number) as [number, number];
  if (month >= 10) return { fiscalYearBe: year + 1 + 543, round: 1 };
  return month <= 3 ? { fiscalYearBe: year + 543, round: 1 } : { fiscalYearBe: year + 543, round: 2 };
}

export type SalaryRoundVersion = 1 | 2 | 3 | 4;
/** The version a new round opens (the web form, the API, the worker's scheduled opening, the demo: all through startSalaryRound). */
export const LATEST_SALARY_ROUND_VERSION = 4 as const satisfies SalaryRoundVersion;
/**
 * The `salary-raise` version each round version opens its children at: a
 * round's children never change version under it when a newer
 * `salary-raise` is published. Version 4: the grievance window from each
 * person's notification.
 */
export const CHILD_RAISE_VERSION: Readonly<Record<SalaryRoundVersion, 3 | 4>> = { 1: 3, 2: 3, 3: 3, 4: 4 };

/**
 * Opens the round of an office (by an HR officer, or by the system on
 * schedule). One round per office, fiscal year and round: asking again
 * returns the round that exists (`replayed`).
 */
export async function startSalaryRound(
  engine: Engine,
  actor: Actor,
  opts: {
    officeId: string;
    params: RoundParamsInput | RoundParamsV3Input;
    /** default: the latest (4); 1–2 keep the old allocation; 1–3 open their children at salary-raise@3 */ version?: SalaryRoundVersion;
  },
): Promise<{ caseId: string; replayed: boolean }> {
  const version = opts.version ?? LATEST_SALARY_ROUND_VERSION;
  const params = version >= 3 ? RoundParamsV3.parse(opts.params) : RoundParams.parse(opts.params);
  // an office has two rounds a year: reading them all is cheap
  const rounds = await officeCaseRows(engine, { workflowId: 'salary-round', officeId: opts.officeId });
  const existing = rounds.find((r) => {
    const p = (r.snapshot as { context?: { params?: { fiscalYearBe?: number; round?: number } } }).context?.params;
    return p?.fiscalYearBe === params.fiscalYearBe && p.round === params.round;
  });
  if (existing) return { caseId: existing.id, replayed: true };
  const { effectiveOn } = roundDates(params);
  const result = await engine.startCase({
    actor,
    workflowId: 'salary-round',
    version,
    officeId: opts.officeId,
    title: `เลื่อนเงินเดือน ครั้งที่ ${params.round} (${formatThaiDate(effectiveOn, 'th')}) ปีงบประมาณ พ.ศ. ${params.fiscalYearBe}`,
    input: opts.params,
    idempotencyKey: `salary-round:${opts.officeId}:${params.fiscalYearBe}/${params.round}`,
  });
  return { caseId: result.caseId, replayed: result.replayed };
}

export interface RoundChild {
  caseId: string;
  key: string;
  state: string;
  status: 'active' | 'done';
  schoolId: string | null;
  subjectPersonId: string | null;
  /** version 1 children carry no appraiser and no acknowledgement */
  context: SalaryRaiseContext & { person: SalaryRaiseContext['person'] & { appraiser?: Appraiser }; acknowledgedAt?: string | null };
}

export interface LoadedRound {
  id: string;
  officeId: string;
  /** the round's workflow version */
  version: number;
  state: string;
  context: SalaryRoundContext;
}

/** The round as the actor may see it (else `CASE_NOT_FOUND`). */
export async function loadRound(engine: Engine, actor: Actor, roundCaseId: string): Promise<LoadedRound> {
  const row = await procedureCaseRow(engine, roundCaseId);
  if (
    !row ||
    row.workflow_id !== 'salary-round' ||
    !canReadCase(actor, { officeId: row.office_id, schoolId: row.school_id, subjectPersonId: row.subject_person_id })
  ) {
    throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  }
  return {
    id: row.id,
    officeId: row.office_id,
    version: row.workflow_version,
    state: row.state,
    context: (row.snapshot as { context: SalaryRoundContext }).context,
  };
}

/** The round's children, by personnel number. The round's office-wide readers see them all. */
export async function roundChildren(engine: Engine, actor: Actor, roundCaseId: string): Promise<RoundChild[]> {
  await loadRound(engine, actor, roundCaseId);
  const rows = await childCaseRows(engine, roundCaseId, 'salary-raise', 'cycle_key');
  return rows.map((r) => ({
    caseId: r.id,
    key: r.cycle_key ?? '',
    state: r.state,
    status: r.status === 'done' ? 'done' : 'active',
    schoolId: r.school_id,
    subjectPersonId: r.subject_person_id,
    context: (r.snapshot as { context: RoundChild['context'] }).context,
  }));
}

export function expectState(round: LoadedRound, state: string): void {
  if (round.state !== state) throw new EsaError('EVENT_NOT_ALLOWED', { caseId: round.id, state: round.state, expected: state });
}

/**
 * The round's HR officers (or the system) drive it. Checked before anything is
 * sent, since the children's computed results are sent by the system.
 */
export function assertMayDrive(actor: Actor, round: LoadedRound, action: string): void {
  if (actingRolesFor(actor, { officeId: round.officeId, schoolId: null, subjectPersonId: null }, ['hr_officer', 'system']).length === 0) {
    throw new EsaError('FORBIDDEN', { action, caseId: round.id });
  }
}

/**
 * Sends commands in chunks, each chunk one transaction, two chunks at a time
 * (while one waits on PostgreSQL the other computes); returns how many were
 * sent. The commands must be for different cases. A failed chunk rolls back
 * alone and the error is thrown once the chunks under way have finished.
 */
export async function dispatchMany(
  engine: Engine,
  actor: Actor,
  /** `actor` on a command overrides the default (e.g. each school's director sending its scores) */
  commands: readonly { caseId: string; type: string; payload: unknown; actor?: Actor }[],
  opts: { chunk?: number; reason?: string; parallel?: number } = {},
): Promise<number> {
  const chunk = opts.chunk ?? 100;
  const slices: (typeof commands)[] = [];
  for (let i = 0; i < commands.length; i += chunk) slices.push(commands.slice(i, i + chunk));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < slices.length) {
      const slice = slices[next++]!;
      await engine.transaction(async (tx) => {
        for (const c of slice) await tx.dispatch({ ...c, actor: c.actor ?? actor, ...(opts.reason ? { reason: opts.reason } : {}) });
      });
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, opts.parallel ?? 2) }, lane));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return commands.length;
}

export interface OpenAppraisalResult {
  opening: CycleOpeningResult;
  verdicts: EligibilityVerdict[];
  ineligible: IneligiblePerson[];
  /** roster rows that are not valid records (fix and call again) */
  invalidRows: { index: number; personnelNo: string | null; issues: string[] }[];
}

/**
 * Checks the roster against the round's eligibility rules, opens one
 * `salary-raise` child per eligible person (in bulk) and moves the round to
 * the appraisal, recording who was not considered and why.
 */
export async function openRoundAppraisal(
  engine: Engine,
  actor: Actor,
  opts: (
    | { roundCaseId: string; roster: readonly unknown[] }
    /** staff records our own code has just parsed with `StaffRecord` (the opening from the person records): not parsed again */
    | { roundCaseId: string; records: readonly StaffRecord[] }
  ) & { batchSize?: number; onProgress?: (p: { done: number; total: number }) => void },
): Promise<OpenAppraisalResult> {
  const round = await loadRound(engine, actor, opts.roundCaseId);
  const { params, dates } = round.context;
  const invalidRows: OpenAppraisalResult['invalidRows'] = [];
  const records: StaffRecord[] = 'records' in opts ? [...opts.records] : [];
  if ('roster' in opts)
    opts.roster.forEach((row, index) => {
      const parsed = StaffRecord.safeParse(row);
      if (parsed.success) records.push(parsed.data);
      else {
        const key = (row as { personnelNo?: unknown } | null)?.personnelNo;
        invalidRows.push({
          index,
          personnelNo: typeof key === 'string' ? key : null,
          issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        });
      }
    });
  const childVersion = CHILD_RAISE_VERSION[round.version as SalaryRoundVersion] ?? 3;
  const period = { from: dates.evaluationFrom, to: dates.evaluationTo };
  const verdicts = records.map((r) => checkEligibility(r, params.eligibility, period));
  const eligible = records.filter((_, i) => verdicts[i]!.eligible);
  const ineligible: IneligiblePerson[] = records.flatMap((r, i) =>
    verdicts[i]!.eligible
      ? []
      : [{ personnelNo: r.personnelNo, personId: r.personId, schoolId: r.schoolId, nameTh: r.nameTh, reasons: verdicts[i]!.reasons }],
  );
  const population = eligible.map((r) => ({
    key: r.personnelNo,
    subjectPersonId: r.personId,
    schoolId: r.schoolId,
    title: `เลื่อนเงินเดือน ${r.nameTh} (${r.personnelNo})`,
    input: childVersion >= 4 ? { ...childInput(r), grievanceWindowDays: params.grievanceWindowDays } : childInput(r),
  }));
  const opening = await openCycleChildren(engine, actor, {
    parentCaseId: round.id,
    workflowId: 'salary-raise',
    version: childVersion,
    population,
    whileParentAt: ['evaluating'],
    ...(opts.batchSize !== undefined ? { batchSize: opts.batchSize } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  await engine.dispatch({ actor, caseId: round.id, type: 'BEGIN_APPRAISAL', payload: { considered: opening.total, ineligible } });
  return { opening, verdicts, ineligible, invalidRows };
}

function childInput(r: StaffRecord): SalaryRaiseInputV2 {
  const appraiser = appraiserOf(r);
  return {
    personnelNo: r.personnelNo,
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    position: r.position,
    academicStanding: r.academicStanding,
    salarySatang: r.salarySatang,
    baseSatang: r.baseSatang,
    maxSalarySatang: r.maxSalarySatang,
    serviceStartedOn: r.serviceStartedOn,
    orderAuthority: orderAuthorityOf(r),
    appraiser: { role: appraiser.role, schoolId: appraiser.schoolId },
  };
}

/**
 * Closes the appraisal when every child is scored, or at 16:30 of the
 * round's `schedule.appraisalDueOn` (not after a screening return: then it
 * waits for the re-appraisals, or for `orAfter` given by the caller). Children
 * still unscored when the date passed are recorded as not appraised.
 */
export async function closeAppraisal(
  engine: Engine,
  roundCaseId: string,
  opts: { orAfter?: Date } = {},
): Promise<AdvanceCycleOutcome & { markedNotAppraised: number }> {
  const round = await loadRound(engine, SYSTEM_ACTOR, roundCaseId);
  const due = round.context.screeningReturns === 0 ? bangkokInstant(round.context.dates.appraisalDueOn, '16:30') : undefined;
  const orAfter = opts.orAfter ?? due;
  const outcome = await advanceCycleIfSettled(engine, roundCaseId, {
    event: 'APPRAISAL_CLOSED',
    when: { steps: ['screening'] },
    ...(orAfter ? { orAfter } : {}),
  });
  // once the round is at screening, a case still at its appraisal is late (also when a crash came between the two)
  let marked = 0;
  if ((await loadRound(engine, SYSTEM_ACTOR, roundCaseId)).state === 'screening') {
    const late = (await roundChildren(engine, SYSTEM_ACTOR, roundCaseId)).filter((c) => c.state === 'appraisal');
    const note = `ไม่ได้รับผลการประเมินภายในกำหนด (${round.context.dates.appraisalDueOn}) / no appraisal received by the round's date`;
    marked = await dispatchMany(
      engine,
      SYSTEM_ACTOR,
      late.map((c) => ({ caseId: c.caseId, type: 'MARK_NOT_APPRAISED', payload: { note } })),
    );
  }
  return { ...outcome, markedNotAppraised: marked };
}

/** After the screening committee approved: tells each person their appraisal result (score and band). */
export async function tellAppraisalResults(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
): Promise<{ told: number; outcome: AdvanceCycleOutcome }> {
  const round = await loadRound(engine, actor, roundCaseId);
  assertMayDrive(actor, round, 'tell-appraisal-results');
  expectState(round, 'notifyingAppraisal');
  const waiting = (await roundChildren(engine, actor, roundCaseId)).filter((c) => c.state === 'screening');
  const told = await dispatchMany(
    engine,
    SYSTEM_ACTOR,
    waiting.map((c) => ({
      caseId: c.caseId,
      type: 'APPRAISAL_CONFIRMED',
      payload: { score: c.context.score, tier: c.context.score === null ? null : tierOf(c.context.score, round.context.params.tiers).code },
    })),
    // shown on each person's timeline: Thai, no ids
    { reason: 'แจ้งผลการประเมินที่คณะกรรมการกลั่นกรองเห็นชอบ เมื่อเจ้าหน้าที่กลุ่มบริหารงานบุคคลสั่งแจ้งผล' },
  );
  const outcome = await advanceCycleIfSettled(engine, roundCaseId, {
    event: 'APPRAISAL_RESULTS_NOTIFIED',
    when: { steps: ['appraisalNotified'] },
  });
  return { told, outcome };
}

/** Everyone whose appraisal result was told is part of the allocation (a later withdrawal just leaves the money unused). */
export function allocationOf(
  round: LoadedRound,
  children: readonly RoundChild[],
  policy: RaisePolicy | BandRangesPolicy,
  opts: { overrides?: readonly AllocationOverride[]; schoolNames?: ReadonlyMap<string, string> } = {},
): Allocation {
  const people: AllocationPerson[] = children
    .filter((c) => c.context.confirmedAt !== null)
    .map((c) => ({
      key: c.key,
      schoolId: c.schoolId,
      score: c.context.score,
      salarySatang: c.context.person.salarySatang,
      baseSatang: c.context.person.baseSatang,
      maxSalarySatang: c.context.person.maxSalarySatang,
      serviceStartedOn: c.context.person.serviceStartedOn,
      position: c.context.person.position,
    }));
  const { params, dates } = round.context;
  // version 3: the committee's decisions per person count (band ranges only)
  const overrides = opts.overrides ?? (policy.kind === 'band_ranges' ? (v3Context(round)?.overrides ?? []) : []);
  return allocateRaises(people, {
    ...params,
    policy,
    explainDates: { baseDateOn: dates.baseDateOn, effectiveOn: dates.effectiveOn },
    overrides: overrides.map((o) => ({ personnelNo: o.personnelNo, pctBp: o.pctBp, reason: o.reason })),
    ...(opts.schoolNames ? { schoolNames: opts.schoolNames } : {}),
  });
}

/**
 * The round's version-3 part (the committee's policy and decisions), or null
 * for a round of versions 1–2. The policy is the one the committee works on:
 * its ranges and pooling (`ALLOCATION_RANGES_SET`), with the pool as last
 * proposed — the budget committee may revise `poolBp` (a reserve kept back:
 * `proposeAllocation` with the policy revised), which the machine keeps on
 * the proposal only; the view, the saves and the next proposal read it from
 * there, not the round's own 3 %.
 */
export function v3Context(round: LoadedRound): Pick<SalaryRoundContextV3, 'allocationPolicy' | 'overrides'> | null {
  const c = round.context as Partial<SalaryRoundContextV3>;
  if (c.allocationPolicy === undefined) return null;
  const proposed = c.proposal?.policy;
  const allocationPolicy =
    c.allocationPolicy.kind === 'band_ranges' && proposed?.kind === 'band_ranges'
      ? { ...c.allocationPolicy, poolBp: proposed.poolBp }
      : c.allocationPolicy;
  return { allocationPolicy, overrides: c.overrides ?? [] };
}

/** The first thing wrong with a band-ranges allocation, as the error a host refuses with (null: it stands). */
export function allocationRefusal(roundCaseId: string, allocation: Allocation): EsaError | null {
  const problem = allocation.problems?.[0];
  if (!problem) return null;
  if (problem.kind === 'pool_exceeded') {
    return new EsaError('ALLOCATION_POOL_EXCEEDED', {
      caseId: roundCaseId,
      pool: problem.pool,
      poolName: problem.label,
      budgetSatang: problem.budgetSatang,
      usedSatang: problem.usedSatang,
      overBySatang: problem.overBySatang,
      pools: allocation.problems!.filter((p) => p.kind === 'pool_exceeded').map((p) => p.pool),
      rule: {
        th: `กลุ่มวงเงิน${problem.label.th} ใช้ ${formatBaht(problem.usedSatang)} บาท จากวงเงิน ${formatBaht(problem.budgetSatang)} บาท เกินอยู่ ${formatBaht(problem.overBySatang)} บาท`,
        en: `Pool “${problem.label.en}”: ${formatBaht(problem.usedSatang)} baht of a ${formatBaht(problem.budgetSatang)} baht budget, over by ${formatBaht(problem.overBySatang)} baht`,
      },
    });
  }
  const problems = allocation.problems!.flatMap((p): (AllocationProblem & { th: string; en: string })[] => {
    switch (p.kind) {
      case 'override_unknown_person':
        return [{ ...p, th: `${p.personnelNo}: ไม่มีผู้นี้ในการจัดสรรของรอบ`, en: `${p.personnelNo}: not in the round's allocation` }];
      case 'override_not_raisable':
        return [
          { ...p, th: `${p.personnelNo}: ผลการประเมินไม่อยู่ในระดับที่ได้เลื่อนเงินเดือน`, en: `${p.personnelNo}: not in a band that is raised` },
        ];
      case 'override_out_of_range':
        return [
          {
            ...p,
            th: `${p.personnelNo}: ร้อยละ ${formatPct(p.pctBp)} อยู่นอกช่วง ${formatPct(p.minBp)}–${formatPct(p.maxBp)} ของระดับ`,
            en: `${p.personnelNo}: ${formatPct(p.pctBp)} % is outside the band's range ${formatPct(p.minBp)}–${formatPct(p.maxBp)}`,
          },
        ];
      default:
        return [];
    }
  });
  return new EsaError('ALLOCATION_OVERRIDE_INVALID', { caseId: roundCaseId, problems });
}

/**
 * Computes the allocation (the round's policy, or a revision of it) and puts
 * it before the budget committee. Version 3 with band ranges: the
 * committee's ranges and decisions, refused (`ALLOCATION_POOL_EXCEEDED`, the
 * pool named) while any pool is exceeded.
 */
export async function proposeAllocation(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  opts: { policy?: RaisePolicy | RaisePolicyV3 } = {},
): Promise<Allocation> {
  const round = await loadRound(engine, actor, roundCaseId);
  expectState(round, 'allocating');
  const v3 = v3Context(round);
  const policy = opts.policy ?? (v3 ? v3.allocationPolicy : (round.context.proposal?.policy ?? round.context.params.policy));
  const allocation = allocationOf(round, await roundChildren(engine, actor, roundCaseId), policy);
  const refusal = allocationRefusal(roundCaseId, allocation);
  if (refusal) throw refusal;
  const payload = {
    policy,
    considered: allocation.people.length,
    raisedCount: allocation.raisedCount,
    eligibleSalaryTotalSatang: allocation.eligibleSalaryTotalSatang,
    poolSatang: allocation.poolSatang,
    allocatedSatang: allocation.allocatedSatang,
    digest: allocation.digest,
  };
  await engine.dispatch({
    actor,
    caseId: roundCaseId,
    type: 'ALLOCATION_PROPOSED',
    payload: v3
      ? {
          ...payload,
          pools: (allocation.pools ?? []).map((p) => ({ key: p.key, budgetSatang: p.budgetSatang, usedSatang: p.usedSatang })),
          overrides: policy.kind === 'band_ranges' ? v3.overrides.length : 0,
        }
      : payload,
  });
  return allocation;
}
