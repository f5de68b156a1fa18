import { personNameEn, personNameTh } from '../access/person-name';
import type { Database } from '../db/database';

export type MailLang = 'th' | 'en';

export interface MailRecipient {
  userId: string;
  lang: MailLang;
  /** users.email, else the person's email; null when neither is set */
  address: string | null;
  /** 'นายสมชาย ใจดี' */
  nameTh: string | null;
  /** 'Somchai Jaidee' */
  nameEn: string | null;
  /** true: the account is disabled, so nothing is sent to it (NOTIFICATION_RECIPIENT_DISABLED) */
  disabled?: boolean;
}

/** One claimed notification with everything its mail is made from. */
export interface NotificationForMail {
  id: string;
  kind: string;
  /** null for a digest, which is about several cases */
  caseId: string | null;
  caseTitle: string | null;
  step: string;
  payload: Readonly<Record<string, unknown>>;
  recipient: MailRecipient;
}

/**
 * Everything the mails of these notifications are made from: the recipient's
 * language and address (users.email, else the person's), names, whether their
 * account is disabled (read at send time: mail queued before an account was
 * disabled is not sent), and the case title. A plain read; the rows are
 * already claimed.
 */
export async function loadNotificationsForMail(db: Database, ids: readonly string[]): Promise<Map<string, NotificationForMail>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.recipient_user_id')
    .leftJoin('people as p', 'p.id', 'u.person_id')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select([
      'n.id',
      'n.kind',
      'n.case_id',
      'n.step',
      'n.payload',
      'u.id as user_id',
      'u.preferred_lang',
      'u.email as user_email',
      'u.disabled_at',
      'p.email as person_email',
      'p.title_th',
      'p.first_name_th',
      'p.last_name_th',
      'p.first_name_en',
      'p.last_name_en',
      'c.title as case_title',
    ])
    .where('n.id', 'in', [...ids])
    .execute();
  const out = new Map<string, NotificationForMail>();
  for (const r of rows) {
    const address = nonEmpty(r.user_email) ?? nonEmpty(r.person_email);
    out.set(r.id, {
      id: r.id,
      kind: r.kind,
      caseId: r.case_id,
      caseTitle: r.case_title,
      step: r.step,
      payload: r.payload,
      recipient: {
        userId: r.user_id,
        lang: (r.preferred_lang === 'en' ? 'en' : 'th') satisfies MailLang,
        address,
        nameTh: personNameTh(r),
        nameEn: personNameEn(r),
        disabled: r.disabled_at !== null,
      },
    });
  }
  return out;
}

function nonEmpty(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
