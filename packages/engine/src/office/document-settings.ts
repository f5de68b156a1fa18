/**
 * How an office prints its documents (docs/documents.md "Office settings"):
 * its emblem, Thai or Arabic digits, and the letterhead of its letters and
 * memos (address, the unit that owns the matter, telephone, e-mail). Read by
 * every document route; changed
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
  letterhead: Letterhead;
  changedAt: Date | null;
  changedByName: string | null;
}

/** What a หนังสือภายนอก prints around the office's name: its address at the head; at the foot the unit that owns the matter, its telephone and e-mail. */
export interface Letterhead {
  addressTh: string | null;
  unitTh: string;
  phone: string | null;
  email: string | null;
}

/** The unit of the procedures esa-flow runs. */
export const DEFAULT_UNIT_TH = 'กลุ่มบริหารงานบุคคล';

/** Until an office sets its own: Thai digits (the ระเบียบ's usage), no emblem (none is bundled), no address, the HR group as the unit. */
export const DEFAULT_DOCUMENT_SETTINGS = Object.freeze({
  emblemFileId: null,
  thaiDigits: true,
  letterhead: Object.freeze({ addressTh: null, unitTh: DEFAULT_UNIT_TH, phone: null, email: null }) as Letterhead,
});

const LIMITS = { addressTh: 300, unitTh: 120, phone: 60, email: 120 } as const;

/** Trimmed, blank as null; too long or an e-mail without its @ is refused, naming the field. */
function cleanLetterhead(l: Partial<Record<keyof Letterhead, string | null>>, current: Letterhead): Letterhead {
  const issues: { path: string; code: string; message: string }[] = [];
  const value = (k: keyof Letterhead): string | null => {
    if (!(k in l)) return current[k];
    const v = l[k]?.replace(/\s+\n/g, '\n').trim() ?? '';
    if (v.length > LIMITS[k])
      issues.push({ path: k, code: 'too_long', message: `ยาวเกิน ${LIMITS[k]} ตัวอักษร / longer than ${LIMITS[k]} characters` });
    return v === '' ? null : v;
  };
  const next = { addressTh: value('addressTh'), unitTh: value('unitTh') ?? DEFAULT_UNIT_TH, phone: value('phone'), email: value('email') };
  if (next.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(next.email))
    issues.push({ path: 'email', code: 'invalid_email', message: 'ที่อยู่อีเมลไม่ถูกต้อง / not an e-mail address' });
  if (issues.length > 0) throw new EsaError('INVALID_PAYLOAD', { issues });
  return next;
}

const sameLetterhead = (a: Letterhead, b: Letterhead) =>
  a.addressTh === b.addressTh && a.unitTh === b.unitTh && a.phone === b.phone && a.email === b.email;

type Db = Kysely<DB>;

export async function documentSettingsOf(db: Db, officeId: string): Promise<OfficeDocumentSettings> {
  const row = isUuid(officeId)
    ? await db
        .selectFrom('office_document_settings as s')
        .innerJoin('users as u', 'u.id', 's.changed_by')
        .leftJoin('people as p', 'p.id', 'u.person_id')
        .select([
          's.version',
          's.emblem_file_id',
          's.thai_digits',
          's.address_th',
          's.unit_th',
          's.phone',
          's.email',
          's.changed_at',
          'u.username',
          'p.title_th',
          'p.first_name_th',
          'p.last_name_th',
        ])
        .where('s.office_id', '=', officeId)
        .orderBy('s.version', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (!row) return { officeId, version: 0, ...DEFAULT_DOCUMENT_SETTINGS, changedAt: null, changedByName: null };
  return {
    officeId,
    version: row.version,
    emblemFileId: row.emblem_file_id,
    thaiDigits: row.thai_digits,
    letterhead: { addressTh: row.address_th, unitTh: row.unit_th ?? DEFAULT_UNIT_TH, phone: row.phone, email: row.email },
    changedAt: row.changed_at,
    changedByName: personNameTh(row) ?? row.username,
  };
}

const isOfficeAdmin = (actor: Actor, officeId: string) =>
  actor.kind === 'user' && actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && g.role === 'admin');

/**
 * A new version of the office's settings, by one of its admins. The emblem
 * must be an `office-emblem` upload of this office that the admin uploaded.
 * Asking for what is already in force writes nothing (safe to retry).
 */
export async function changeDocumentSettings(
  db: Db,
  a: {
    actor: Actor;
    officeId: string;
    emblemFileId: string | null;
    thaiDigits: boolean;
    letterhead?: Partial<Record<keyof Letterhead, string | null>>;
    now: Date;
  },
): Promise<{ settings: OfficeDocumentSettings; changed: boolean }> {
  if (!isOfficeAdmin(a.actor, a.officeId)) throw new EsaError('FORBIDDEN', { action: 'change_document_settings', officeId: a.officeId });
  return db.transaction().execute(async (trx) => {
    // one writer at a time per office: versions stay consecutive
    await trx.selectFrom('offices').select('id').where('id', '=', a.officeId).forUpdate().executeTakeFirstOrThrow();
    const current = await documentSettingsOf(trx, a.officeId);
    const letterhead = cleanLetterhead(a.letterhead ?? {}, current.letterhead);
    if (current.emblemFileId === a.emblemFileId && current.thaiDigits === a.thaiDigits && sameLetterhead(current.letterhead, letterhead))
      return { settings: current, changed: false };
    if (a.emblemFileId !== null && a.emblemFileId !== current.emblemFileId) {
      const file = isUuid(a.emblemFileId)
        ? await trx.selectFrom('files').select(['office_id', 'kind', 'uploaded_by']).where('id', '=', a.emblemFileId).executeTakeFirst()
        : undefined;
      if (!file || file.office_id !== a.officeId || file.uploaded_by !== a.actor.id)
        throw new EsaError('FILE_NOT_FOUND', { fileId: a.emblemFileId });
      if (file.kind !== 'office-emblem') {
        throw new EsaError('INVALID_PAYLOAD', {
          issues: [
            {
              path: 'emblemFileId',
              code: 'file_kind',
              message: 'ตราครุฑต้องอัปโหลดเป็นไฟล์ประเภท "ตราครุฑของสำนักงาน" / upload the emblem as kind office-emblem',
            },
          ],
        });
      }
    }
    await trx
      .insertInto('office_document_settings')
      .values({
        office_id: a.officeId,
        version: current.version + 1,
        emblem_file_id: a.emblemFileId,
        thai_digits: a.thaiDigits,
        address_th: letterhead.addressTh,
        unit_th: letterhead.unitTh,
        phone: letterhead.phone,
        email: letterhead.email,
        changed_by: a.actor.id,
        changed_at: a.now,
      })
      .execute();
    return { settings: await documentSettingsOf(trx, a.officeId), changed: true };
  });
}

/** The office's emblem as printed: its bytes and type, or null without one. */
export async function officeEmblem(
  db: Db,
  store: ContentStore,
  officeId: string,
): Promise<{ type: 'image/png' | 'image/jpeg'; bytes: Buffer } | null> {
  const { emblemFileId } = await documentSettingsOf(db, officeId);
  if (!emblemFileId) return null;
  const file = await db.selectFrom('files').select(['sha256', 'media_type']).where('id', '=', emblemFileId).executeTakeFirst();
  if (!file || (file.media_type !== 'image/png' && file.media_type !== 'image/jpeg')) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of store.open(file.sha256)) chunks.push(Buffer.from(chunk));
  return { type: file.media_type, bytes: Buffer.concat(chunks) };
}
