/**
 * One child of a cycle opened by the person it is about, at any moment, by
 * many people at once (a teacher filing a transfer request into a round on
 * the last day): no opening lock, no run row, no history row on the parent.
 *
 * The bulk opening (`openCycleChildren`) takes the parent's advisory lock,
 * so a second opening of the same parent is refused: right for an officer
 * opening ten thousand children, wrong for fifty teachers filing at the same
 * moment (four of five refused with `CYCLE_OPENING_IN_PROGRESS`). Here the
 * parent's row is read `FOR SHARE`: any number of openings share it, and a
 * transition of the parent (closing the request window, `FOR UPDATE`) waits
 * for the openings in flight, after which an opening sees the new step and
 * is refused with `CYCLE_CLOSED`. The child row is written exactly as a
 * bulk batch of one (`ON CONFLICT (parent_case_id, cycle_key) DO NOTHING`),
 * so two openings of the same key give one child; the parent's counters are
 * derived from its children (`cycleProgress`), never written here.
 *
 * `then` runs in the same transaction with the child's id (new or existing):
 * the first event (e.g. the teacher's `SUBMIT`) commits with the child or
 * not at all.
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../access/actor';
import { actingRolesFor, canReadCase } from '../access/authorize';
import { loadRoleHolders } from '../access/role-holders';
import { caseRowToRecord, isUuid, type CaseRecord } from '../case/case.repository';
import type { EngineDeps } from '../case/engine-deps';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { dayCountPolicyAt } from '../office/deadline-policy';
import { createInitialSnapshots } from './initial-snapshots';
import { validatePopulation } from './population';
import type { CycleChildSpec } from './types';
import { prepareChildBatch, writePreparedBatch } from './write-child-batch';

export interface OpenCycleChildOptions<T> {
  readonly parentCaseId: string;
  readonly workflowId: string;
  readonly version?: number;
  readonly child: CycleChildSpec;
  /** the parent must wait at one of these steps (else `CYCLE_CLOSED`) */
  readonly whileParentAt?: readonly string[];
  /** runs in the opening's transaction with the child's id; `created`: opened by this call */
  readonly then: (trx: Transaction<DB>, child: { caseId: string; created: boolean }) => Promise<T>;
}

export async function openCycleChild<T>(deps: EngineDeps, actor: Actor, opts: OpenCycleChildOptions<T>): Promise<T> {
  const def = opts.version === undefined ? deps.registry.latest(opts.workflowId) : deps.registry.get(opts.workflowId, opts.version);
  return deps.db.transaction().execute(async (trx) => {
    const parent = await lockParentShared(trx, opts.parentCaseId);
    if (!parent || !canReadCase(actor, parent)) throw new EsaError('CASE_NOT_FOUND', { caseId: opts.parentCaseId });
    const roles = actingRolesFor(actor, { officeId: parent.officeId, schoolId: null, subjectPersonId: null }, def.starters);
    if (roles.length === 0) throw new EsaError('FORBIDDEN', { action: 'open-cycle', workflow: def.key, caseId: parent.id });
    const steps = parent.state.split(',');
    if (parent.status === 'done' || (opts.whileParentAt !== undefined && !steps.some((s) => opts.whileParentAt!.includes(s)))) {
      throw new EsaError('CYCLE_CLOSED', { caseId: parent.id, state: parent.state, status: parent.status });
    }

    const existing = await childByKey(trx, parent.id, opts.child.key);
    if (existing) return opts.then(trx, { caseId: existing, created: false });

    const { valid, rejected } = await validatePopulation(trx, def, parent.officeId, [opts.child]);
    const child = valid[0];
    if (!child) {
      const r = rejected[0];
      throw new EsaError(r?.code === 'SCHOOL_NOT_IN_OFFICE' || r?.code === 'PERSON_NOT_IN_OFFICE' ? r.code : 'INVALID_INPUT', {
        issues: r?.issues ?? [],
      });
    }
    const now = deps.clock.now();
    // FOR SHARE, as a bulk batch does: a calendar change waits for this opening, whose clock its recompute then sees
    const revision = await trx.selectFrom('calendar_revision').select('revision').where('id', '=', 1).forShare().executeTakeFirstOrThrow();
    const batch = await prepareChildBatch(
      {
        def,
        parentCaseId: parent.id,
        officeId: parent.officeId,
        actor: { kind: actor.kind, id: actor.id },
        roles,
        snapshots: createInitialSnapshots(def),
        calendar: { revision: String(revision.revision), calendar: await deps.calendars.forOffice(trx, parent.officeId) },
        dayCount: await dayCountPolicyAt(trx, parent.officeId, deps.clock.now()),
        recipients: await loadRoleHolders(trx, {
          officeIds: [parent.officeId],
          roles: [...new Set(Object.values(def.steps).flatMap((s) => s.roles))],
          subjectPersonIds: child.subjectPersonId ? [child.subjectPersonId] : [],
          schoolIds: [child.schoolId],
          at: now,
        }),
      },
      [child],
      now,
      { yieldToWriters: false },
    );
    const created = (await writePreparedBatch(trx, batch)) === 1;
    // a concurrent opening of the same key got there first (it committed before our insert returned)
    const caseId = created ? batch.children[0]!.caseId : await childByKey(trx, parent.id, opts.child.key);
    if (caseId === undefined) throw new EsaError('INTERNAL', { reason: 'cycle child neither inserted nor found', key: opts.child.key });
    return opts.then(trx, { caseId, created });
  });
}

async function lockParentShared(trx: Transaction<DB>, caseId: string): Promise<CaseRecord | undefined> {
  if (!isUuid(caseId)) return undefined;
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forShare().executeTakeFirst();
  return row ? caseRowToRecord(row) : undefined;
}

async function childByKey(trx: Transaction<DB>, parentCaseId: string, key: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('cases')
    .select('id')
    .where('parent_case_id', '=', parentCaseId)
    .where('cycle_key', '=', key)
    .executeTakeFirst();
  return row?.id;
}
