import { z } from 'zod';
import { localDateSchema } from '../calendar/extra-days';
import { nameText } from '../text/plain-text';

export const SEATS = ['chair', 'secretary', 'member'] as const;
export type Seat = (typeof SEATS)[number];

export const VOTES = ['approve', 'reject', 'defer', 'abstain'] as const;
export type Vote = (typeof VOTES)[number];

export const RESOLUTIONS = ['approve', 'reject', 'defer'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/**
 * How many members must be present. Default: more than half of the members
 * seated on the day of the meeting.
 */
export const QuorumRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('majority') }).strict(),
  z.object({ kind: z.literal('at_least'), count: z.int().min(1).max(100) }).strict(),
]);
export type QuorumRule = z.infer<typeof QuorumRule>;

export const DEFAULT_QUORUM: QuorumRule = { kind: 'majority' };

export const CreateCommitteeInput = z
  .object({
    officeId: z.string().uuid(),
    kind: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
    nameTh: nameText(300),
    nameEn: nameText(300),
    quorum: QuorumRule.default(DEFAULT_QUORUM),
    noticeWorkingDays: z.int().min(0).max(30).default(3),
  })
  .strict();

/** a real calendar date: 2027-02-30 is refused (400), not passed on to PostgreSQL (500) */
const LocalDate = localDateSchema;

export const AddMemberInput = z
  .object({
    committeeId: z.string().uuid(),
    personId: z.string().uuid(),
    seat: z.enum(SEATS),
    termFrom: LocalDate,
    termUntil: LocalDate.nullable().default(null),
  })
  .strict();

export const ScheduleMeetingInput = z
  .object({
    committeeId: z.string().uuid(),
    title: nameText(300),
    scheduledAt: z.iso.datetime({ offset: true }),
    place: nameText(500),
  })
  .strict();

export const EditAgendaInput = z
  .object({
    meetingId: z.string().uuid(),
    add: z.array(z.string().uuid()).max(5000).default([]),
    remove: z.array(z.string().uuid()).max(5000).default([]),
  })
  .strict();

export const OpenMeetingInput = z.object({ meetingId: z.string().uuid(), present: z.array(z.string().uuid()).max(200) }).strict();

/**
 * The payload the engine sends with a committee's resolution to a case. A
 * workflow's resolution events use this schema (or a schema it satisfies).
 */
export const CommitteeResolutionPayload = z
  .object({
    meetingId: z.string().uuid(),
    itemId: z.string().uuid(),
    resolution: z.enum(['approve', 'reject']),
    note: z.string().max(4000).nullable(),
    tally: z.object({ approve: z.int(), reject: z.int(), defer: z.int(), abstain: z.int(), recused: z.int() }).strict(),
  })
  .strict();
export type CommitteeResolutionPayload = z.infer<typeof CommitteeResolutionPayload>;
