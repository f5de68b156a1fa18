/** The response shapes of the committee routes (zod: also the OpenAPI document). */
import { z } from 'zod';
import type { Minutes } from '@esa-flow/engine';
import { Label } from '../http/schemas';

export const QuorumSchema = z.object({ seated: z.number(), present: z.number(), required: z.number(), met: z.boolean() });
export const TallySchema = z.object({
  approve: z.number(),
  reject: z.number(),
  defer: z.number(),
  abstain: z.number(),
  recused: z.number(),
});
export const CommitteeSchema = z.object({
  id: z.string(),
  officeId: z.string(),
  kind: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  quorum: z.record(z.string(), z.unknown()),
  noticeWorkingDays: z.number(),
});
export const MeetingSchema = z.object({
  id: z.string(),
  committeeId: z.string(),
  officeId: z.string(),
  title: z.string(),
  scheduledAt: z.string(),
  place: z.string(),
  status: z.string(),
});
export const AgendaItemSchema = z.object({
  id: z.string(),
  position: z.number(),
  caseId: z.string(),
  title: z.string(),
  workflowId: z.string(),
  step: z.string(),
  stepLabel: Label.nullable(),
  status: z.string(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
  tally: TallySchema,
});
export const MinutesSchema = z.object({
  meeting: z.object({ id: z.string(), title: z.string(), scheduledAt: z.string(), place: z.string(), status: z.string() }),
  committee: Label,
  attendance: z.array(z.object({ memberId: z.string(), name: z.string(), seat: z.string(), present: z.boolean() })),
  quorum: QuorumSchema,
  items: z.array(
    z.object({
      position: z.number(),
      caseId: z.string(),
      title: z.string(),
      status: z.string(),
      resolution: z.string().nullable(),
      note: z.string().nullable(),
      tally: TallySchema,
      votes: z.array(z.object({ name: z.string(), vote: z.string() })),
      recusals: z.array(z.object({ name: z.string(), reason: z.string() })),
      /** decided with a list resolution ("ตามบัญชีแนบท้าย"); `listException`: excepted from it, with its own resolution and note */
      listResolutionId: z.string().nullable(),
      listException: z.boolean(),
    }),
  ),
  /** the meeting's list resolutions: one resolution for every item listed, with the number of exceptions */
  listResolutions: z.array(
    z.object({
      id: z.string(),
      resolution: z.string(),
      note: z.string().nullable(),
      items: z.number(),
      exceptions: z.number(),
      decidedAt: z.string(),
    }),
  ),
});

/** Minutes as JSON: the meeting's moment as an ISO string. */
export const minutesJson = (m: Minutes) => ({
  ...m,
  meeting: { ...m.meeting, scheduledAt: m.meeting.scheduledAt.toISOString() },
  listResolutions: m.listResolutions.map((l) => ({ ...l, decidedAt: l.decidedAt.toISOString() })),
});
