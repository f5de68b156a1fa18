import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import { executeShape } from '../db/statement-shape';
import type { CaseScope } from '../access/actor';
import { SUBJECT_KEY, stepHolderKeys } from '../access/role-holders';
import type { ActingRole } from '../access/roles';

export interface CaseRecord extends CaseScope {
  id: string;
  workflowId: string;
  workflowVersion: number;
  title: string;
  state: string;
  status: 'active' | 'done';
  snapshot: Record<string, unknown>;
  revision: number;
  historyLength: number;
  historyHead: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

type CaseRow = {
  id: string;
  workflow_id: string;
  workflow_version: number;
  office_id: string;
  school_id: string | null;
  subject_person_id: string | null;
  title: string;
  state: string;
  status: string;
  snapshot: Record<string, unknown>;
  revision: number;
  history_length: number;
  history_head: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};

/** The columns `caseRowToRecord` reads. */
export const CASE_RECORD_COLUMNS = [
  'id',
  'workflow_id',
  'workflow_version',
  'office_id',
  'school_id',
  'subject_person_id',
  'title',
  'state',
  'status',
  'snapshot',
  'revision',
  'history_length',
  'history_head',
  'created_by',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof CaseRow & keyof DB['cases'])[];

export function caseRowToRecord(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    officeId: row.office_id,
    schoolId: row.school_id,
    subjectPersonId: row.subject_person_id,
    title: row.title,
    state: row.state,
    status: row.status === 'done' ? 'done' : 'active',
    snapshot: row.snapshot,
    revision: row.revision,
    historyLength: row.history_length,
    historyHead: row.history_head,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The columns of the case row that say who holds the steps it stands at (`waiting_for`, `waiting_keys`). */
export interface CaseWaitingColumns {
  /** jsonb text: each active step someone holds → its `stepHolderKeys`; `{}` when done */
  waiting_for: string;
  /** the grant keys of all of them (not `SUBJECT_KEY`), for the index */
  waiting_keys: string[];
}

/**
 * Who holds the steps a case stands at, stored with its row (the stored form
 * of the rule, access/role-holders.ts `stepHolderKeys`): every writer of a
 * case's state, data or scope writes these with it — `startCase`,
 * `dispatchEvent` (through `commitTransition`), a cycle's child batch — and
 * `pnpm migrate` fills them for cases written before they existed
 * (`fillCaseWaiting`).
 */
export function caseWaitingColumns(
  def: { readonly steps: Readonly<Record<string, { readonly roles: readonly ActingRole[]; readonly assignee?: string }>> },
  c: CaseScope & { state: string; status: string },
  /** the case's machine context as stored (read only when a step is assigned per case) */
  contextOf: () => unknown,
): CaseWaitingColumns {
  const waitingFor: Record<string, string[]> = {};
  const grantKeys = new Set<string>();
  if (c.status === 'active') {
    let context: unknown;
    let read = false;
    for (const step of c.state.split(',')) {
      const meta = Object.hasOwn(def.steps, step) ? def.steps[step] : undefined;
      if (meta === undefined) continue;
      if (!read && meta.assignee !== undefined) {
        context = contextOf();
        read = true;
      }
      const keys = stepHolderKeys(meta, { officeId: c.officeId, schoolId: c.schoolId, subjectPersonId: c.subjectPersonId }, context);
      if (keys.length === 0) continue;
      waitingFor[step] = keys;
      for (const k of keys) if (k !== SUBJECT_KEY) grantKeys.add(k);
    }
  }
  return { waiting_for: JSON.stringify(waitingFor), waiting_keys: [...grantKeys].sort() };
}

/** Locks the case row until the transaction ends (`FOR UPDATE`). */
export async function lockCaseById(trx: Transaction<DB>, caseId: string): Promise<CaseRecord | undefined> {
  if (!isUuid(caseId)) return undefined;
  // compiled once (db/statement-shape.ts); the columns named, as the claim names them (case/idempotency.ts)
  const { rows } = await executeShape(trx, 'lock-case-by-id', { caseId }, (v) =>
    trx.selectFrom('cases').select(CASE_RECORD_COLUMNS).where('id', '=', v.caseId).forUpdate(),
  );
  const row = rows[0];
  return row ? caseRowToRecord(row) : undefined;
}

export async function findCaseById(db: Database | Transaction<DB>, caseId: string): Promise<CaseRecord | undefined> {
  if (!isUuid(caseId)) return undefined;
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  return row ? caseRowToRecord(row) : undefined;
}

/** The case a child case was opened by (a round's), or null; the caller has checked the child may be read. */
export async function parentCaseIdOf(db: Database | Transaction<DB>, caseId: string): Promise<string | null> {
  if (!isUuid(caseId)) return null;
  const row = await db.selectFrom('cases').select('parent_case_id').where('id', '=', caseId).executeTakeFirst();
  return row?.parent_case_id ?? null;
}

/** Several cases in one query (audits), unlocked. */
export async function findCasesByIds(db: Database, caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('cases').selectAll().where('id', 'in', caseIds).execute();
  return new Map(rows.map((r) => [r.id, caseRowToRecord(r as CaseRow)]));
}
