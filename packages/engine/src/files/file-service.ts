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
import { personNameTh } from '../access/person-name';
import { localDateOfInstant } from '../calendar/bangkok-time';
import { loadCommittee } from '../committee/committee-access';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { isUuid, lockCaseById } from '../case/case.repository';
import { chainHistoryRow, insertHistoryRow } from '../case/history.repository';
import type { EngineDeps } from '../case/engine-deps';
import type { ContentStore } from './content-store';
import { FILE_ATTACHED_EVENT, FILE_KINDS, FILE_REMOVED_EVENT, isFileKind, SIGNED_ORDER_EVENTS, type FileKind } from './file-kinds';
import { peekHead } from './peek-head';
import { SNIFF_BYTES, sniffMediaType } from './sniff-type';

export { FILE_ATTACHED_EVENT, FILE_REMOVED_EVENT };

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
  /** the person's Thai name (else the username) */
  attachedByName: string | null;
  attachedAt: Date;
  attachedSeq: number;
  removedAt: Date | null;
  removedBy: string | null;
}

export interface MeetingFileView extends FileView {
  attachedBy: string;
  attachedByName: string | null;
  removedByName: string | null;
  attachedAt: Date;
  removedAt: Date | null;
  removedBy: string | null;
  removedReason: string | null;
}

type Db = Database | Transaction<DB>;
type FileRow = {
  id: string;
  name: string;
  size: string;
  sha256: string;
  media_type: string;
  kind: string;
  office_id: string;
  uploaded_by: string;
  uploaded_at: Date;
};

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

/** Users' names for who attached and removed: the person's Thai name, else the username. */
async function namesOfUsers(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && isUuid(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('people as p', 'p.id', 'u.person_id')
    .select(['u.id', 'u.username', 'p.title_th', 'p.first_name_th', 'p.last_name_th'])
    .where('u.id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, personNameTh(r) ?? r.username]));
}

/**
 * A file name as a person gave it, safe to store and to send back: the last
 * path segment, without control characters, NFC, at most 255 characters.
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const name = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 255);
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
  // the emblem an office prints with: every user of the office may see it (the settings page shows it)
  if (row.kind === 'office-emblem' && actor.kind === 'user' && actor.grants.some((g) => g.officeId === row.office_id)) {
    const current = await db
      .selectFrom('office_document_settings')
      .select('emblem_file_id')
      .where('office_id', '=', row.office_id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (current?.emblem_file_id === row.id) return toView(row);
  }
  const cases = await db
    .selectFrom('case_files')
    .innerJoin('cases', 'cases.id', 'case_files.case_id')
    .select(['cases.office_id', 'cases.school_id', 'cases.subject_person_id'])
    .where('case_files.file_id', '=', fileId)
    .where('case_files.removed_at', 'is', null)
    .execute();
  if (cases.some((c) => canReadCase(actor, { officeId: c.office_id, schoolId: c.school_id, subjectPersonId: c.subject_person_id })))
    return toView(row);
  const meetings = await db
    .selectFrom('meeting_files')
    .innerJoin('meetings', 'meetings.id', 'meeting_files.meeting_id')
    .select(['meetings.committee_id', 'meetings.scheduled_at'])
    .where('meeting_files.file_id', '=', fileId)
    .where('meeting_files.removed_at', 'is', null)
    .execute();
  for (const m of meetings) if (await mayReadMeetingOf(db, actor, m.committee_id, m.scheduled_at)) return toView(row);
  return undefined;
}

/** A meeting's reader (committee-access.ts: an office-wide reader, or seated on its committee on the meeting's day). */
async function mayReadMeetingOf(db: Db, actor: Actor, committeeId: string, scheduledAt: Date): Promise<boolean> {
  try {
    await loadCommittee(db, actor, committeeId, [localDateOfInstant(scheduledAt)]);
    return true;
  } catch {
    return false;
  }
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
      throw new EsaError('INVALID_PAYLOAD', {
        issues: [
          {
            path: 'fileId',
            code: 'file_mismatch',
            message: `ขนาดหรือ SHA-256 ไม่ตรงกับไฟล์ ${ref.fileId} / the size or SHA-256 is not the file's`,
          },
        ],
      });
    }
    if (attached.has(ref.fileId)) continue;
    attached.add(ref.fileId);
    await trx
      .insertInto('case_files')
      .values({ case_id: a.caseId, file_id: ref.fileId, attached_by: a.actor.id, attached_at: a.now, attached_seq: a.seq })
      // named again after a removal: attached again, by this event
      .onConflict((oc) =>
        oc
          .columns(['case_id', 'file_id'])
          .doUpdateSet({
            attached_by: a.actor.id,
            attached_at: a.now,
            attached_seq: a.seq,
            removed_at: null,
            removed_by: null,
            removed_seq: null,
          })
          .where('case_files.removed_at', 'is not', null),
      )
      .execute();
  }
}

/** The files attached to a case this actor may read (removed ones too, marked). */
export async function listCaseFiles(deps: EngineDeps, actor: Actor, caseId: string): Promise<CaseFileView[]> {
  const record = isUuid(caseId)
    ? await deps.db.selectFrom('cases').select(['office_id', 'school_id', 'subject_person_id']).where('id', '=', caseId).executeTakeFirst()
    : undefined;
  if (
    !record ||
    !canReadCase(actor, { officeId: record.office_id, schoolId: record.school_id, subjectPersonId: record.subject_person_id })
  ) {
    throw new EsaError('CASE_NOT_FOUND', { caseId });
  }
  const rows = await deps.db
    .selectFrom('case_files')
    .innerJoin('files', 'files.id', 'case_files.file_id')
    .select(FILE_COLUMNS.map((c) => `files.${c}` as const))
    .select([
      'case_files.attached_by',
      'case_files.attached_at',
      'case_files.attached_seq',
      'case_files.removed_at',
      'case_files.removed_by',
    ])
    .where('case_files.case_id', '=', caseId)
    .orderBy('case_files.attached_seq')
    .orderBy('files.name')
    .execute();
  const names = await namesOfUsers(
    deps.db,
    rows.map((r) => r.attached_by),
  );
  return rows.map((r) => ({
    ...toView(r),
    attachedBy: r.attached_by,
    attachedByName: names.get(r.attached_by) ?? null,
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
export async function removeCaseFile(
  deps: EngineDeps,
  a: { actor: Actor; caseId: string; fileId: string; reason: string | null },
): Promise<{ historySeq: number; revision: number }> {
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
    const officeRoles =
      a.actor.kind === 'user'
        ? a.actor.grants
            .filter((g) => g.officeId === record.officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'))
            .map((g) => g.role)
        : [];
    if (attached.attached_by !== a.actor.id && officeRoles.length === 0)
      throw new EsaError('FORBIDDEN', { action: 'remove_file', caseId: record.id });
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
    await trx
      .updateTable('cases')
      .set({ revision, history_length: entry.seq, history_head: entry.hash, updated_at: now })
      .where('id', '=', record.id)
      .execute();
    await trx
      .updateTable('case_files')
      .set({ removed_at: now, removed_by: a.actor.id, removed_seq: entry.seq })
      .where('case_id', '=', record.id)
      .where('file_id', '=', a.fileId)
      .execute();
    return { historySeq: entry.seq, revision };
  });
}

/** The office-wide HR officer and admin roles the actor holds in this office (they may attach and remove any file there). */
function officeManagerRoles(actor: Actor, officeId: string): string[] {
  return actor.kind === 'user'
    ? actor.grants
        .filter((g) => g.officeId === officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'))
        .map((g) => g.role)
    : [];
}

const kindMismatch = (kind: string, rule: string) =>
  new EsaError('INVALID_PAYLOAD', {
    issues: [
      {
        path: 'fileId',
        code: 'file_kind',
        message: `ไฟล์ประเภท "${isFileKind(kind) ? FILE_KINDS[kind].th : kind}" แนบที่นี่ไม่ได้ / a file of kind ${kind} is not attached here (${rule})`,
      },
    ],
  });

/**
 * Attaches an uploaded file to a case on its own, not with an event: a
 * round's documents (`round-document`: HR officers and admins, case open) or
 * an order's signed scan (`signed-order`: after the signing is in the
 * history, by HR or whoever recorded the signing; also once the case is
 * done). Writes a chained `@file.attached` history row (the state stays), so
 * the timeline says who attached what and when. The file must be readable by
 * the actor and of the case's office, else `FILE_NOT_FOUND`. Attaching a file
 * that is already attached changes nothing (`replayed`).
 */
export async function attachFileToCase(
  deps: EngineDeps,
  a: { actor: Actor; caseId: string; fileId: string; note: string | null },
): Promise<{ historySeq: number; revision: number; replayed: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const record = isUuid(a.caseId) ? await lockCaseById(trx, a.caseId) : undefined;
    if (!record || !canReadCase(a.actor, record)) throw new EsaError('CASE_NOT_FOUND', { caseId: a.caseId });
    const file = await readableFile(trx, a.actor, a.fileId);
    if (!file || file.officeId !== record.officeId) throw new EsaError('FILE_NOT_FOUND', { fileId: a.fileId });
    const existing = await trx
      .selectFrom('case_files')
      .select('attached_seq')
      .where('case_id', '=', record.id)
      .where('file_id', '=', file.id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (existing) return { historySeq: existing.attached_seq, revision: record.revision, replayed: true };
    const roles = officeManagerRoles(a.actor, record.officeId);
    const rule = isFileKind(file.kind) ? FILE_KINDS[file.kind].attach : 'event';
    if (rule === 'case') {
      if (roles.length === 0) throw new EsaError('FORBIDDEN', { action: 'attach_file', caseId: record.id });
      if (record.status === 'done') throw new EsaError('EVENT_NOT_ALLOWED', { type: FILE_ATTACHED_EVENT, state: record.state });
    } else if (rule === 'signed-case') {
      const signed = await trx
        .selectFrom('case_history')
        .select(['actor_id'])
        .where('case_id', '=', record.id)
        .where('event_type', 'in', [...SIGNED_ORDER_EVENTS])
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      if (!signed) throw new EsaError('EVENT_NOT_ALLOWED', { type: FILE_ATTACHED_EVENT, state: record.state });
      if (roles.length === 0 && signed.actor_id !== a.actor.id)
        throw new EsaError('FORBIDDEN', { action: 'attach_file', caseId: record.id });
    } else {
      throw kindMismatch(
        file.kind,
        rule === 'event'
          ? 'it comes with the event that names it'
          : rule === 'office'
            ? 'it is set in the office’s document settings'
            : 'it belongs to a meeting',
      );
    }
    const now = deps.clock.now();
    const entry = chainHistoryRow(
      {
        caseId: record.id,
        at: now,
        actorKind: a.actor.kind,
        actorId: a.actor.id,
        actorRoles: roles,
        eventType: FILE_ATTACHED_EVENT,
        payload: { fileId: file.id, name: file.name, kind: file.kind, size: file.size, sha256: file.sha256 },
        reason: a.note,
        fromState: record.state,
        toState: record.state,
      },
      { seq: record.historyLength, hash: record.historyHead },
    );
    await insertHistoryRow(trx, entry);
    const revision = record.revision + 1;
    await trx
      .updateTable('cases')
      .set({ revision, history_length: entry.seq, history_head: entry.hash, updated_at: now })
      .where('id', '=', record.id)
      .execute();
    await trx
      .insertInto('case_files')
      .values({ case_id: record.id, file_id: file.id, attached_by: a.actor.id, attached_at: now, attached_seq: entry.seq })
      .onConflict((oc) =>
        oc.columns(['case_id', 'file_id']).doUpdateSet({
          attached_by: a.actor.id,
          attached_at: now,
          attached_seq: entry.seq,
          removed_at: null,
          removed_by: null,
          removed_seq: null,
        }),
      )
      .execute();
    return { historySeq: entry.seq, revision, replayed: false };
  });
}

type MeetingRowForFiles = { id: string; office_id: string; committee_id: string; scheduled_at: Date; status: string };

/** The meeting if the actor may read it, else MEETING_NOT_FOUND (as committee/meeting.service.ts loadMeeting). */
async function readableMeeting(db: Db, actor: Actor, meetingId: string, lock = false): Promise<MeetingRowForFiles> {
  let q = db
    .selectFrom('meetings')
    .select(['id', 'office_id', 'committee_id', 'scheduled_at', 'status'])
    .where('id', '=', isUuid(meetingId) ? meetingId : '00000000-0000-0000-0000-000000000000');
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !(await mayReadMeetingOf(db, actor, row.committee_id, row.scheduled_at)))
    throw new EsaError('MEETING_NOT_FOUND', { meetingId });
  return row;
}

/** Secretary or chair seated on the meeting's day, or the office's HR officers and admins (committee-access.ts assertMayRunCommittee). */
async function mayRunMeeting(db: Db, actor: Actor, m: MeetingRowForFiles): Promise<boolean> {
  if (officeManagerRoles(actor, m.office_id).length > 0) return true;
  if (actor.kind !== 'user' || actor.personId === null) return false;
  const date = localDateOfInstant(m.scheduled_at);
  const seat = await db
    .selectFrom('committee_members')
    .select('id')
    .where('committee_id', '=', m.committee_id)
    .where('person_id', '=', actor.personId)
    .where('seat', 'in', ['secretary', 'chair'])
    .where('term_from', '<=', date)
    .where((eb) => eb.or([eb('term_until', 'is', null), eb('term_until', '>=', date)]))
    .executeTakeFirst();
  return seat !== undefined;
}

/** The papers of a meeting its readers see (removed ones too, marked, with who removed them and why). */
export async function listMeetingFiles(deps: EngineDeps, actor: Actor, meetingId: string): Promise<MeetingFileView[]> {
  const m = await readableMeeting(deps.db, actor, meetingId);
  const rows = await deps.db
    .selectFrom('meeting_files')
    .innerJoin('files', 'files.id', 'meeting_files.file_id')
    .select(FILE_COLUMNS.map((c) => `files.${c}` as const))
    .select([
      'meeting_files.attached_by',
      'meeting_files.attached_at',
      'meeting_files.removed_at',
      'meeting_files.removed_by',
      'meeting_files.removed_reason',
    ])
    .where('meeting_files.meeting_id', '=', m.id)
    .orderBy('meeting_files.attached_at')
    .orderBy('files.name')
    .execute();
  const names = await namesOfUsers(
    deps.db,
    rows.flatMap((r) => [r.attached_by, r.removed_by]),
  );
  return rows.map((r) => ({
    ...toView(r),
    attachedBy: r.attached_by,
    attachedByName: names.get(r.attached_by) ?? null,
    attachedAt: r.attached_at,
    removedAt: r.removed_at,
    removedBy: r.removed_by,
    removedByName: r.removed_by === null ? null : (names.get(r.removed_by) ?? null),
    removedReason: r.removed_reason,
  }));
}

/**
 * Attaches a committee paper (`committee-paper`) to a meeting: by whoever
 * may run the committee, until the meeting closes. The members seated on the
 * committee (and the office's committee readers) may then open it.
 */
export async function attachFileToMeeting(
  deps: EngineDeps,
  a: { actor: Actor; meetingId: string; fileId: string },
): Promise<{ replayed: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const m = await readableMeeting(trx, a.actor, a.meetingId, true);
    if (!(await mayRunMeeting(trx, a.actor, m))) throw new EsaError('FORBIDDEN', { action: 'committee.run', committeeId: m.committee_id });
    if (m.status !== 'scheduled' && m.status !== 'open')
      throw new EsaError('MEETING_STATE_CONFLICT', { meetingId: m.id, status: m.status });
    const file = await readableFile(trx, a.actor, a.fileId);
    if (!file || file.officeId !== m.office_id) throw new EsaError('FILE_NOT_FOUND', { fileId: a.fileId });
    if (file.kind !== 'committee-paper') throw kindMismatch(file.kind, 'a meeting takes committee papers');
    const now = deps.clock.now();
    const done = await trx
      .insertInto('meeting_files')
      .values({ meeting_id: m.id, file_id: file.id, attached_by: a.actor.id, attached_at: now })
      .onConflict((oc) =>
        oc
          .columns(['meeting_id', 'file_id'])
          .doUpdateSet({ attached_by: a.actor.id, attached_at: now, removed_at: null, removed_by: null, removed_reason: null })
          .where('meeting_files.removed_at', 'is not', null),
      )
      .executeTakeFirst();
    return { replayed: Number(done.numInsertedOrUpdatedRows ?? 0n) === 0 };
  });
}

/**
 * Removes a paper from a meeting: recorded on its row (who, when, why),
 * never deleted; the bytes stay. Whoever attached it or HR, until the
 * meeting closes.
 */
export async function removeMeetingFile(
  deps: EngineDeps,
  a: { actor: Actor; meetingId: string; fileId: string; reason: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const m = await readableMeeting(trx, a.actor, a.meetingId, true);
    const attached = isUuid(a.fileId)
      ? await trx
          .selectFrom('meeting_files')
          .select('attached_by')
          .where('meeting_id', '=', m.id)
          .where('file_id', '=', a.fileId)
          .where('removed_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!attached) throw new EsaError('FILE_NOT_FOUND', { fileId: a.fileId });
    if (attached.attached_by !== a.actor.id && officeManagerRoles(a.actor, m.office_id).length === 0)
      throw new EsaError('FORBIDDEN', { action: 'remove_file', meetingId: m.id });
    if (m.status !== 'scheduled' && m.status !== 'open')
      throw new EsaError('MEETING_STATE_CONFLICT', { meetingId: m.id, status: m.status });
    await trx
      .updateTable('meeting_files')
      .set({ removed_at: deps.clock.now(), removed_by: a.actor.id, removed_reason: a.reason })
      .where('meeting_id', '=', m.id)
      .where('file_id', '=', a.fileId)
      .execute();
  });
}
