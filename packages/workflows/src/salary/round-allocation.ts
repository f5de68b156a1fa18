/**
 * The budget committee's allocation step of a `salary-round@3` round
 * (docs/workflows/salary-round.md "The committee's allocation"): the
 * proposal as the committee works on it (pools with budget, used and left;
 * bands with their ranges; people with the suggestion and the decided %),
 * the ranges per band and the pooling per school, and the committee's % per
 * person with reasons. Every save is checked by the same rules as the pure
 * allocation (allocate-pools.ts): ranges usable, every decision within its
 * band's range, no pool exceeded — else refused with a stable code and
 * nothing written. Each save is one command on the round (its history keeps
 * who decided what, when, and why); an Idempotency-Key makes a retry a replay.
 *
 * Who: the round office's HR officers, and the members seated (today) on a
 * budget committee (`salary_budget`) of the office, chair, secretary or
 * member. The office's other committee readers (group and area directors,
 * auditors, admins) may read the proposal.
 */
import {
  actingRolesFor,
  EsaError,
  findIdempotentResponse,
  isSeatedOnCommitteeOfKind,
  localDateOfInstant,
  readsEveryCommittee,
  schoolNamesOf,
  type Actor,
  type CommandResult,
  type Engine,
} from '@esa-flow/engine';
import type { Allocation, AllocationProblem, PoolUse } from './allocation-types';
import {
  AllocationOverride,
  BandRange,
  POOL_GROUP_LABELS,
  POOL_GROUPS,
  rangeProblems,
  type BandRangesPolicy,
  type PoolGroup,
} from './band-ranges';
import { allocationOf, allocationRefusal, expectState, loadRound, roundChildren, v3Context, type LoadedRound } from './round-host';
import { bandsHighestFirst, tierRank } from './tiers';

export const BUDGET_COMMITTEE_KIND = 'salary_budget';

/** May the actor work on the round's allocation: an HR officer of its office, or a committee role holder seated on its budget committee today? */
export async function mayAllocate(engine: Engine, actor: Actor, round: LoadedRound): Promise<boolean> {
  const scope = { officeId: round.officeId, schoolId: null, subjectPersonId: null };
  if (actingRolesFor(actor, scope, ['hr_officer']).length > 0) return true;
  // a committee role of the office (what the round's events allow), and a seat on its budget committee today
  if (actingRolesFor(actor, scope, ['committee_chair', 'committee_secretary', 'committee_member']).length === 0) return false;
  return isSeatedOnCommitteeOfKind(engine, actor, round.officeId, BUDGET_COMMITTEE_KIND, localDateOfInstant(engine.clock.now()));
}

async function mayRead(engine: Engine, actor: Actor, round: LoadedRound): Promise<boolean> {
  return readsEveryCommittee(actor, round.officeId) || (await mayAllocate(engine, actor, round));
}

function bandRangesOf(round: LoadedRound): { policy: BandRangesPolicy; overrides: (AllocationOverride & { by: string; at: string })[] } {
  const v3 = v3Context(round);
  if (!v3 || v3.allocationPolicy.kind !== 'band_ranges') throw new EsaError('ALLOCATION_NOT_BY_RANGES', { caseId: round.id });
  return { policy: v3.allocationPolicy, overrides: v3.overrides };
}

export interface AllocationPersonView {
  caseId: string;
  personnelNo: string;
  nameTh: string;
  position: string;
  schoolId: string | null;
  schoolName: string | null;
  pool: string;
  score: number | null;
  band: { code: string; th: string; en: string } | null;
  salarySatang: number;
  baseSatang: number;
  maxSalarySatang: number | null;
  range: { minBp: number; maxBp: number } | null;
  suggestedBp: number;
  pctBp: number;
  amountSatang: number;
  raised: boolean;
  override: { pctBp: number; reason: string; at: string } | null;
  explanation: { th: string[]; en: string[] };
}

export interface AllocationView {
  round: { id: string; state: string };
  /** the step is open and the actor may save */
  editable: boolean;
  /** the budget committee has the proposal (the round is past the allocation) */
  proposed: boolean;
  policy: { poolBp: number; capBp: number; pooling: 'by_group' | 'office'; bySchool: PoolGroup[] };
  rounding: { unitSatang: number; mode: 'up' | 'down' | 'nearest' };
  groups: { code: PoolGroup; th: string; en: string }[];
  bands: {
    code: string;
    th: string;
    en: string;
    minScore: number;
    weight: number;
    raised: boolean;
    range: { minBp: number; maxBp: number } | null;
  }[];
  pools: PoolUse[];
  people: AllocationPersonView[];
  problems: AllocationProblem[];
  totals: { budgetSatang: number; usedSatang: number; leftSatang: number; considered: number; raised: number; overrides: number };
  digest: string;
}

async function compute(
  engine: Engine,
  actor: Actor,
  round: LoadedRound,
  policy: BandRangesPolicy,
  overrides: readonly AllocationOverride[],
) {
  const children = await roundChildren(engine, actor, round.id);
  const schoolNames = await schoolNamesOf(engine, round.officeId);
  const allocation = allocationOf(round, children, policy, { overrides, schoolNames });
  return { children, schoolNames, allocation };
}

/** The proposal as the committee works on it. */
export async function allocationView(engine: Engine, actor: Actor, roundCaseId: string): Promise<AllocationView> {
  const round = await loadRound(engine, actor, roundCaseId);
  if (!(await mayRead(engine, actor, round))) throw new EsaError('FORBIDDEN', { action: 'read-salary-allocation', caseId: round.id });
  const { policy, overrides } = bandRangesOf(round);
  const { children, schoolNames, allocation } = await compute(engine, actor, round, policy, overrides);
  return viewOf(
    round,
    policy,
    overrides,
    allocation,
    children,
    schoolNames,
    round.state === 'allocating' && (await mayAllocate(engine, actor, round)),
  );
}

function viewOf(
  round: LoadedRound,
  policy: BandRangesPolicy,
  overrides: readonly (AllocationOverride & { at?: string })[],
  allocation: Allocation,
  children: Awaited<ReturnType<typeof roundChildren>>,
  schoolNames: ReadonlyMap<string, string>,
  editable: boolean,
): AllocationView {
  const { params } = round.context;
  const byKey = new Map(children.map((c) => [c.key, c]));
  const decided = new Map(overrides.map((o) => [o.personnelNo, o]));
  const minRank = tierRank(params.noRaiseBelow, params.tiers);
  const bandOf = (code: string | null) => {
    const t = params.tiers.find((x) => x.code === code);
    return t ? { code: t.code, th: t.th, en: t.en } : null;
  };
  const people = allocation.people.map((p): AllocationPersonView => {
    const c = byKey.get(p.key)!;
    const o = p.override ? decided.get(p.key) : undefined;
    return {
      caseId: c.caseId,
      personnelNo: p.key,
      nameTh: c.context.person.nameTh,
      position: c.context.person.position,
      schoolId: c.schoolId,
      schoolName: c.schoolId ? (schoolNames.get(c.schoolId) ?? null) : null,
      pool: p.pool ?? '',
      score: p.score,
      band: bandOf(p.tier),
      salarySatang: c.context.person.salarySatang,
      baseSatang: c.context.person.baseSatang,
      maxSalarySatang: c.context.person.maxSalarySatang,
      range: p.rangeBp ?? null,
      suggestedBp: p.suggestedBp ?? 0,
      pctBp: p.pctBp,
      amountSatang: p.amountSatang,
      raised: p.raised,
      override: p.override ? { pctBp: p.override.pctBp, reason: p.override.reason, at: o?.at ?? '' } : null,
      explanation: p.explanation,
    };
  });
  // as a committee reads them: by group, then by school name (the allocation itself orders them by key, for its digest)
  const groupIndex = (g: PoolUse['group']) => (g === null ? -1 : POOL_GROUPS.indexOf(g));
  const pools = [...(allocation.pools ?? [])].sort(
    (a, b) => groupIndex(a.group) - groupIndex(b.group) || a.label.th.localeCompare(b.label.th, 'th', { numeric: true }),
  );
  const used = pools.reduce((s, x) => s + x.usedSatang, 0);
  return {
    round: { id: round.id, state: round.state },
    editable,
    proposed: ['budgetReview', 'approval', 'publishing', 'ordering', 'grievanceWindow', 'settling', 'closed'].includes(round.state),
    policy: { poolBp: policy.poolBp, capBp: policy.capBp, pooling: policy.pooling, bySchool: policy.bySchool },
    rounding: params.rounding,
    groups: POOL_GROUPS.map((code) => ({ code, th: POOL_GROUP_LABELS[code].th, en: POOL_GROUP_LABELS[code].en })),
    bands: bandsHighestFirst(params.tiers).map((t) => {
      const r = policy.ranges.find((x) => x.tier === t.code);
      return {
        code: t.code,
        th: t.th,
        en: t.en,
        minScore: t.minScore,
        weight: t.weight,
        raised: tierRank(t.code, params.tiers) >= minRank,
        range: r ? { minBp: r.minBp, maxBp: r.maxBp } : null,
      };
    }),
    pools,
    people,
    problems: allocation.problems ?? [],
    totals: {
      budgetSatang: allocation.poolSatang,
      usedSatang: used,
      leftSatang: allocation.poolSatang - used,
      considered: people.length,
      raised: allocation.raisedCount,
      overrides: people.filter((p) => p.override).length,
    },
    digest: allocation.digest,
  };
}

export interface SaveResult {
  view: AllocationView;
  /** the command's result; null when nothing changed (the same ranges or decisions again) */
  command: CommandResult | null;
}

async function prepareSave(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  idempotencyKey: string | undefined,
): Promise<{ round: LoadedRound; replay: boolean }> {
  const round = await loadRound(engine, actor, roundCaseId);
  // a retry with the key of a save that went through answers as the first did, whatever happened since
  const replay =
    idempotencyKey !== undefined &&
    (await findIdempotentResponse(engine, { actorId: actor.id, key: idempotencyKey, command: 'dispatch' })) !== undefined;
  if (replay) return { round, replay };
  if (!(await mayAllocate(engine, actor, round))) throw new EsaError('FORBIDDEN', { action: 'salary-allocation', caseId: round.id });
  bandRangesOf(round);
  expectState(round, 'allocating');
  return { round, replay };
}

/**
 * The committee's ranges per band and the groups pooled per school. Refused:
 * ranges not usable (`ALLOCATION_RANGES_INVALID`, each problem named), a
 * decision left outside its band's new range (`ALLOCATION_OVERRIDE_INVALID`),
 * a pool the new ranges exceed (`ALLOCATION_POOL_EXCEEDED`).
 */
export async function setAllocationRanges(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  body: { ranges: BandRange[]; bySchool: PoolGroup[] },
  opts: { idempotencyKey?: string } = {},
): Promise<SaveResult> {
  const { round, replay } = await prepareSave(engine, actor, roundCaseId, opts.idempotencyKey);
  const ranges = body.ranges.map((r) => BandRange.parse(r));
  const bySchool = [...new Set(body.bySchool)].sort((a, b) => POOL_GROUPS.indexOf(a) - POOL_GROUPS.indexOf(b));
  let command: CommandResult | null = null;
  if (!replay) {
    const { policy, overrides } = bandRangesOf(round);
    const problems = rangeProblems({ ranges, capBp: policy.capBp }, round.context.params.tiers, round.context.params.noRaiseBelow);
    if (problems.length > 0) throw new EsaError('ALLOCATION_RANGES_INVALID', { caseId: round.id, problems });
    const next: BandRangesPolicy = { ...policy, ranges, bySchool };
    const { allocation } = await compute(engine, actor, round, next, overrides);
    const refusal = allocationRefusal(round.id, allocation);
    if (refusal) throw refusal;
    // (compared field by field: the stored round comes back from jsonb with its keys in another order)
    const canonical = (rs: readonly BandRange[], groups: readonly PoolGroup[]) =>
      JSON.stringify([rs.map((r) => [r.tier, r.minBp, r.maxBp]), groups]);
    const same = canonical(policy.ranges, policy.bySchool) === canonical(ranges, bySchool);
    if (same && opts.idempotencyKey === undefined) return { view: await allocationView(engine, actor, round.id), command: null };
  }
  command = await engine.dispatch({
    actor,
    caseId: round.id,
    type: 'ALLOCATION_RANGES_SET',
    payload: { ranges, bySchool },
    ...(opts.idempotencyKey !== undefined ? { idempotencyKey: opts.idempotencyKey } : {}),
  });
  return { view: await allocationView(engine, actor, round.id), command };
}

/**
 * The committee's % for people (the whole set: a person left out goes back to
 * the suggestion), each with its reason. Refused: a person not in the round,
 * not in a band that is raised, or a % outside the band's range
 * (`ALLOCATION_OVERRIDE_INVALID`, each named); a pool exceeded
 * (`ALLOCATION_POOL_EXCEEDED`, the pool named, by how much).
 */
export async function setAllocationOverrides(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  body: { overrides: AllocationOverride[] },
  opts: { idempotencyKey?: string } = {},
): Promise<SaveResult> {
  const { round, replay } = await prepareSave(engine, actor, roundCaseId, opts.idempotencyKey);
  const overrides = body.overrides
    .map((o) => AllocationOverride.parse(o))
    .sort((a, b) => (a.personnelNo < b.personnelNo ? -1 : a.personnelNo > b.personnelNo ? 1 : 0));
  if (new Set(overrides.map((o) => o.personnelNo)).size !== overrides.length) {
    throw new EsaError('ALLOCATION_OVERRIDE_INVALID', { caseId: round.id, problems: [{ kind: 'duplicate_person' }] });
  }
  if (!replay) {
    const { policy, overrides: before } = bandRangesOf(round);
    const { allocation } = await compute(engine, actor, round, policy, overrides);
    const refusal = allocationRefusal(round.id, allocation);
    if (refusal) throw refusal;
    const strip = (xs: readonly AllocationOverride[]) => JSON.stringify(xs.map((o) => [o.personnelNo, o.pctBp, o.reason]));
    if (strip(before) === strip(overrides) && opts.idempotencyKey === undefined)
      return { view: await allocationView(engine, actor, round.id), command: null };
  }
  const command = await engine.dispatch({
    actor,
    caseId: round.id,
    type: 'ALLOCATION_OVERRIDES_SET',
    payload: { overrides },
    ...(opts.idempotencyKey !== undefined ? { idempotencyKey: opts.idempotencyKey } : {}),
  });
  return { view: await allocationView(engine, actor, round.id), command };
}
