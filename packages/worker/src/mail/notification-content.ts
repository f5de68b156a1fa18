import { z } from 'zod';

/**
 * What the outbox holds and the mailer understands. Commands and timers write
 * `notifications` rows; these types describe the part the mail is made from.
 */
export const NOTIFICATION_KINDS = ['task', 'reminder', 'due', 'overdue', 'escalation', 'digest', 'meeting', 'notice'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

// the recipient and the notification as the engine reads them for a mail (engine outbox/load-notifications-for-mail.ts)
export type { MailLang, MailRecipient, NotificationForMail } from '@esa-flow/engine';

const Label = z.object({ th: z.string(), en: z.string() });
const Instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date-time')
  .transform((s) => new Date(s));

/** One case of a digest, as writeDailyDigests writes it. */
const DigestItem = z.object({
  caseId: z.string().min(1),
  title: z.string(),
  /** the step key, shown when there is no label */
  step: z.string().nullish(),
  stepLabel: Label.nullish(),
  dueAt: Instant.nullish(),
  overdue: z.boolean().optional(),
});
export type DigestItem = z.output<typeof DigestItem>;

/**
 * The payload fields the templates use. A field that is missing or malformed
 * is left out of the mail rather than failing it: a mail without its due date
 * is better than no mail.
 */
const MailPayload = z.object({
  /** the case title when the notification was written */
  title: z.string().optional().catch(undefined),
  /** the step's label, `{ th, en }`, from the workflow definition */
  stepLabel: Label.nullish().catch(null),
  /** ISO instant; shown in the Buddhist era, Bangkok time */
  dueAt: Instant.nullish().catch(null),
  /** what the event that gave the task asks for: a director's note of what to fix in a returned request */
  note: z.string().max(2000).optional().catch(undefined),
  /** a notice (an event that informs people): what happened, `{ th, en }` */
  notice: Label.nullish().catch(null),
  /** meeting notices: when and where, and which committee */
  meetingAt: Instant.nullish().catch(null),
  place: z.string().optional().catch(undefined),
  committee: Label.nullish().catch(null),
  /** digest and meeting notices: the cases (the agenda); a malformed item is left out, not the mail */
  items: z
    .array(DigestItem.nullable().catch(null))
    .transform((items) => items.filter((i): i is DigestItem => i !== null))
    .optional()
    .catch(undefined),
});
export type MailPayload = z.output<typeof MailPayload>;

export function readMailPayload(payload: Readonly<Record<string, unknown>>): MailPayload {
  return MailPayload.parse(payload);
}
