/**
 * How an office prints its documents (docs/documents.md "Office settings"):
 * its emblem and Thai or Arabic digits. Read by every document route; changed
 * only by the office's admins. Each change is a new version (who, when), never
 * an update, so the history of what the office printed with stays.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor';
import { personNameTh } from '../access/person-name';
import { isUuid } from '../case/case.repository';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import type { ContentStore } from '../files/content-store';

export interface OfficeDocumentSettings {
  officeId: string;
  /** 0 while the office has never changed them (the defaults) */
  version: number;
  emblemFileId: string | null;
  thaiDigits: boolean;
  changedAt: Date | null;
  changedByName: string | null;
}

/** Until an office sets its own: Thai digits (the ระเบียบ's usage), no emblem (none is bundled). */
export const DEFAULT_DOCUMENT_SETTINGS = Object.freeze({ emblemFileId: null, thaiDigits: true });

type Db = Kysely<DB>;

export async function documentSettingsOf(db: Db, officeId: string): Promise<OfficeDocumentSettings> {
  const row = isUuid(officeId)
    ? await db
        .selectFrom('office_document_settings as s')
        .innerJoin('users as u', 'u.id', 's.changed_by')
        .leftJoin('people as p', 'p.id', 'u.person_id')
        .select(['s.version', 's.emblem_file_id', 's.thai_digits', 's.changed_at', 'u.username', 'p.title_th', 'p.first_name_th', 'p.last_name_th'])
        .where('s.office_id', '=', officeId)
        .orderBy('s.version', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (!row) return { officeId, version: 0, ...DEFAULT_DOCUMENT_SETTINGS, changedAt: null, changedByName: null };
  return { officeId, version: row.version, emblemFileId: row.emblem_file_id, thaiDigits: row.thai_digits, changedAt: row.changed_at, changedByName: personNameTh(row) ?? row.username };
}

const isOfficeAdmin = (actor: Actor, officeId: string) => actor.kind === 'user' && actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && g.role === 'admin');

/**
 * A new version of the office's settings, by one of its admins. The emblem
 * must be an `office-emblem` upload of this office that the admin uploaded.
 * Asking for what is already in force writes nothing (safe to retry).
 */
export async function changeDocumentSettings(
  db: Db,
  a: { actor: Actor; officeId: string; emblemFileId: string | null; thaiDigits: boolean; now: Date },
): Promise<{ settings: OfficeDocumentSettings; changed: boolean }> {
  if (!isOfficeAdmin(a.actor, a.officeId)) throw new EsaError('FORBIDDEN', { action: 'change_document_settings', officeId: a.officeId });
  return db.transaction().execute(async (trx) => {
    // one writer at a time per office: versions stay consecutive
    await trx.selectFrom('offices').select('id').where('id', '=', a.officeId).forUpdate().executeTakeFirstOrThrow();
    const current = await documentSettingsOf(trx, a.officeId);
    if (current.emblemFileId === a.emblemFileId && current.thaiDigits === a.thaiDigits) return { settings: current, changed: false };
    if (a.emblemFileId !== null && a.emblemFileId !== current.emblemFileId) {
      const file = isUuid(a.emblemFileId) ? await trx.selectFrom('files').select(['office_id', 'kind', 'uploaded_by']).where('id', '=', a.emblemFileId).executeTakeFirst() : undefined;
      if (!file || file.office_id !== a.officeId || file.uploaded_by !== a.actor.id) throw new EsaError('FILE_NOT_FOUND', { fileId: a.emblemFileId });
      if (file.kind !== 'office-emblem') {
        throw new EsaError('INVALID_PAYLOAD', {
          issues: [{ path: 'emblemFileId', code: 'file_kind', message: 'ตราครุฑต้องอัปโหลดเป็นไฟล์ประเภท "ตราครุฑของสำนักงาน" / upload the emblem as kind office-emblem' }],
        });
      }
    }
    await trx
      .insertInto('office_document_settings')
      .values({ office_id: a.officeId, version: current.version + 1, emblem_file_id: a.emblemFileId, thai_digits: a.thaiDigits, changed_by: a.actor.id, changed_at: a.now })
      .execute();
    return { settings: await documentSettingsOf(trx, a.officeId), changed: true };
  });
}

/** The office's emblem as printed: its bytes and type, or null without one. */
export async function officeEmblem(db: Db, store: ContentStore, officeId: string): Promise<{ type: 'image/png' | 'image/jpeg'; bytes: Buffer } | null> {
  const { emblemFileId } = await documentSettingsOf(db, officeId);
  if (!emblemFileId) return null;
  const file = await db.selectFrom('files').select(['sha256', 'media_type']).where('id', '=', emblemFileId).executeTakeFirst();
  if (!file || (file.media_type !== 'image/png' && file.media_type !== 'image/jpeg')) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of store.open(file.sha256)) chunks.push(Buffer.from(chunk));
  return { type: file.media_type, bytes: Buffer.concat(chunks) };
}
