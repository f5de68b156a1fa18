/**
 * Uploaded files and the cases they are attached to (docs/files.md).
 *
 * Who may read a file: its uploader, and whoever may read a case it is
 * attached to (and not removed from). Everyone else gets `FILE_NOT_FOUND`,
 * the same answer as for an id that does not exist: no oracle.
 *
 * Attaching is not a command of its own: a file is attached when an event
 * payload (or a case's input) names it as `fileId` anywhere in its JSON —
 * the transfer request's evidence, a grievance's evidence. The engine checks
 * each such id in the same transaction as the event: the file must be
 * readable by the actor and belong to the case's office, or the event is
 * refused and nothing is written.
 */
import type { Transaction } from 'kysely';
import type { Actor, CaseScope } from '../access/actor';
import { canReadCase } from '../access/authorize';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { isUuid, lockCaseById } from '../case/case.repository';
import { chainHistoryRow, insertHistoryRow } from '../case/history.repository';
import type { EngineDeps } from '../case/engine-deps';
import type { ContentStore } from './content-store';
import { FILE_KINDS, type FileKind } from './file-kinds';
import { peekHead } from './peek-head';
import { SNIFF_BYTES, sniffMediaType } from './sniff-type';

/** The history row of a file removed from a case: not a machine event, the state stays. */
export const FILE_REMOVED_EVENT = '@file.removed';

export interface FileView {
  id: string;
  name: string;
  size: number;
  sha256: string;
  type: string;
  kind: string;
  officeId: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface CaseFileView extends FileView {
  attachedBy: string;
  attachedAt: Date;
  attachedSeq: number;
  removedAt: Date | null;
  removedBy: string | null;
}

type Db = Database | Transaction<DB>;
type FileRow = { id: string; name: string; size: string; sha256: string; media_type: string; kind: string; office_id: string; uploaded_by: string; uploaded_at: Date };

const toView = (r: FileRow): FileView => ({
  id: r.id,
  name: r.name,
  size: Number(r.size),
  sha256: r.sha256,
  type: r.media_type,
  kind: r.kind,
  officeId: r.office_id,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

const FILE_COLUMNS = ['id', 'name', 'size', 'sha256', 'media_type', 'kind', 'office_id', 'uploaded_by', 'uploaded_at'] as const;

/**
 * A file name as a person gave it, safe to store and to send back: the last
 * path segment, without control characters, NFC, at most 255 characters.
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const name = base.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 255);
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/**
 * Stores an upload for a signed-in user of `officeId`: its type sniffed from
 * its first bytes (refused before anything is stored), its size limited
 * while it streams (nothing kept when it is too large).
 */
export async function uploadFile(
  db: Database,
  store: ContentStore,
  input: { actor: Actor; officeId: string; kind: FileKind; name: string; source: AsyncIterable<Uint8Array>; now: Date },
): Promise<FileView> {
  if (input.actor.kind !== 'user') throw new EsaError('FORBIDDEN', { action: 'upload' });
  const limits = FILE_KINDS[input.kind];
  const { head, all } = await peekHead(input.source, SNIFF_BYTES);
  if (head.length === 0) throw new EsaError('FILE_EMPTY', {});
  const type = sniffMediaType(head);
  if (type === undefined || !(limits.types as readonly string[]).includes(type)) {
    throw new EsaError('FILE_TYPE_NOT_ALLOWED', { kind: input.kind, allowed: [...limits.types] });
  }
  const content = await store.put(all, { maxBytes: limits.maxBytes, now: input.now });
  const row = await db
    .insertInto('files')
    .values({
      office_id: input.officeId,
      uploaded_by: input.actor.id,
      uploaded_at: input.now,
      kind: input.kind,
      name: cleanFileName(input.name),
      media_type: type,
      sha256: content.sha256,
      size: content.size,
    })
    .returning(FILE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toView(row);
}

/** The file if this actor may read it; undefined otherwise (whether or not it exists). */
export async function readableFile(db: Db, actor: Actor, fileId: string): Promise<FileView | undefined> {
  if (!isUuid(fileId)) return undefined;
  const row = await db.selectFrom('files').select(FILE_COLUMNS).where('id', '=', fileId).executeTakeFirst();
  if (!row) return undefined;
  if (actor.kind === 'user' && row.uploaded_by === actor.id) return toView(row);
  const cases = await db
    .selectFrom('case_files')
    .innerJoin('cases', 'cases.id', 'case_files.case_id')
    .select(['cases.office_id', 'cases.school_id', 'cases.subject_person_id'])
    .where('case_files.file_id', '=', fileId)
    .where('case_files.removed_at', 'is', null)
    .execute();
  const readable = cases.some((c) => canReadCase(actor, { officeId: c.office_id, schoolId: c.school_id, subjectPersonId: c.subject_person_id }));
  return readable ? toView(row) : undefined;
}

/** A file named in a payload: its id, and the hash and size written beside it, if any. */
interface FileRef {
  fileId: string;
  sha256?: unknown;
  size?: unknown;
}

/** Every object with a `fileId` string anywhere in a payload. */
function fileRefsIn(payload: unknown): FileRef[] {
  const found: FileRef[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.fileId === 'string') found.push({ fileId: o.fileId, sha256: o.sha256, size: o.size });
      for (const [key, inner] of Object.entries(o)) if (key !== 'fileId') walk(inner);
    }
  };
  walk(payload);
  return found;
}

/** Every `fileId` string anywhere in a payload, once each. */
export const fileIdsIn = (payload: unknown): string[] => [...new Set(fileRefsIn(payload).map((r) => r.fileId))];

/**
 * Attaches the files an event's payload names to its case, inside the
 * event's transaction (after the case row exists). Refuses the whole event
 * with `FILE_NOT_FOUND` when a file is not readable by the actor or belongs
 * to another office, and with `INVALID_PAYLOAD` when the hash or size written
 * beside it is not the file's.
 */
export async function attachFilesOfPayload(
  trx: Transaction<DB>,
  a: { actor: Actor; caseId: string; scope: CaseScope; payload: unknown; seq: number; now: Date },
): Promise<void> {
  const refs = fileRefsIn(a.payload);
  const attached = new Set<string>();
  for (const ref of refs) {
    const file = await readableFile(trx, a.actor, ref.fileId);
    if (!file || file.officeId !== a.scope.officeId) throw new EsaError('FILE_NOT_FOUND', { fileId: ref.fileId });
    if ((ref.sha256 !== undefined && ref.sha256 !== file.sha256) || (ref.size !== undefined && ref.size !== file.size)) {
      throw new EsaError('INVALID_PAYLOAD', { issues: [{ path: 'fileId', code: 'file_mismatch', message: `ขนาดหรือ SHA-256 ไม่ตรงกับไฟล์ ${ref.fileId} / the size or SHA-256 is not the file's` }] });
    }
    if (attached.has(ref.fileId)) continue;
    attached.add(ref.fileId);
    await trx
      .insertInto('case_files')
      .values({ case_id: a.caseId, file_id: ref.fileId, attached_by: a.actor.id, attached_at: a.now, attached_seq: a.seq })
      // named again after a removal: attached again, by this event
      .onConflict((oc) =>
        oc.columns(['case_id', 'file_id']).doUpdateSet({ attached_by: a.actor.id, attached_at: a.now, attached_seq: a.seq, removed_at: null, removed_by: null, removed_seq: null }).where('case_files.removed_at', 'is not', null),
      )
      .execute();
  }
}

/** The files attached to a case this actor may read (removed ones too, marked). */
export async function listCaseFiles(deps: EngineDeps, actor: Actor, caseId: string): Promise<CaseFileView[]> {
  const record = isUuid(caseId) ? await deps.db.selectFrom('cases').select(['office_id', 'school_id', 'subject_person_id']).where('id', '=', caseId).executeTakeFirst() : undefined;
  if (!record || !canReadCase(actor, { officeId: record.office_id, schoolId: record.school_id, subjectPersonId: record.subject_person_id })) {
    throw new EsaError('CASE_NOT_FOUND', { caseId });
  }
  const rows = await deps.db
    .selectFrom('case_files')
    .innerJoin('files', 'files.id', 'case_files.file_id')
    .select(FILE_COLUMNS.map((c) => `files.${c}` as const))
    .select(['case_files.attached_by', 'case_files.attached_at', 'case_files.attached_seq', 'case_files.removed_at', 'case_files.removed_by'])
    .where('case_files.case_id', '=', caseId)
    .orderBy('case_files.attached_seq')
    .orderBy('files.name')
    .execute();
  return rows.map((r) => ({
    ...toView(r),
    attachedBy: r.attached_by,
    attachedAt: r.attached_at,
    attachedSeq: r.attached_seq,
    removedAt: r.removed_at,
    removedBy: r.removed_by,
  }));
}

/**
 * Removes a file from a case: a chained history row (`@file.removed`, the
 * state unchanged) and the attachment marked removed, never deleted. The
 * bytes stay (other uploads may share them). Who: whoever attached it, or
 * the office's HR officers and admins; a case closed keeps its files.
 */
export async function removeCaseFile(deps: EngineDeps, a: { actor: Actor; caseId: string; fileId: string; reason: string | null }): Promise<{ historySeq: number; revision: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const record = isUuid(a.caseId) ? await lockCaseById(trx, a.caseId) : undefined;
    if (!record || !canReadCase(a.actor, record)) throw new EsaError('CASE_NOT_FOUND', { caseId: a.caseId });
    const attached = isUuid(a.fileId)
      ? await trx
          .selectFrom('case_files')
          .innerJoin('files', 'files.id', 'case_files.file_id')
          .select(['case_files.attached_by', 'files.name', 'files.sha256'])
          .where('case_files.case_id', '=', record.id)
          .where('case_files.file_id', '=', a.fileId)
          .where('case_files.removed_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!attached) throw new EsaError('FILE_NOT_FOUND', { fileId: a.fileId });
    const officeRoles = a.actor.kind === 'user' ? a.actor.grants.filter((g) => g.officeId === record.officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin')).map((g) => g.role) : [];
    if (attached.attached_by !== a.actor.id && officeRoles.length === 0) throw new EsaError('FORBIDDEN', { action: 'remove_file', caseId: record.id });
    if (record.status === 'done') throw new EsaError('EVENT_NOT_ALLOWED', { type: FILE_REMOVED_EVENT, state: record.state });
    const now = deps.clock.now();
    const entry = chainHistoryRow(
      {
        caseId: record.id,
        at: now,
        actorKind: a.actor.kind,
        actorId: a.actor.id,
        actorRoles: officeRoles,
        eventType: FILE_REMOVED_EVENT,
        payload: { fileId: a.fileId, name: attached.name, sha256: attached.sha256 },
        reason: a.reason,
        fromState: record.state,
        toState: record.state,
      },
      { seq: record.historyLength, hash: record.historyHead },
    );
    await insertHistoryRow(trx, entry);
    const revision = record.revision + 1;
    await trx.updateTable('cases').set({ revision, history_length: entry.seq, history_head: entry.hash, updated_at: now }).where('id', '=', record.id).execute();
    await trx
      .updateTable('case_files')
      .set({ removed_at: now, removed_by: a.actor.id, removed_seq: entry.seq })
      .where('case_id', '=', record.id)
      .where('file_id', '=', a.fileId)
      .execute();
    return { historySeq: entry.seq, revision };
  });
}
