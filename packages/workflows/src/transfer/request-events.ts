/**
 * The payloads of the events of a transfer request, as zod schemas (what the
 * engine validates before the machine sees an event), and the event union
 * the machine is typed with.
 */
import { CommitteeResolutionPayload, localDateSchema, type EngineEvent } from '@esa-flow/engine';
import { z } from 'zod';
import { EvidenceFile, EvidenceFileV1, ExternalFilingPayload, RequestSubmission } from './request-data';

const Text = z.object({ th: z.string().min(1).max(4000), en: z.string().min(1).max(4000) }).strict();
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24-hour)');

export const Empty = z.object({}).strict();
export const WithdrawPayload = z.object({ reason: z.string().max(2000).optional() }).strict();
export const CertifyPayload = z.object({ note: z.string().max(2000).optional() }).strict();
/** The director returns the request with what to fix and, optionally, an earlier fix-by moment than the round's. */
export const ReturnPayload = z
  .object({
    note: z.string().min(1).max(4000),
    fixBy: z.object({ date: localDateSchema, time: Time }).strict().optional(),
  })
  .strict();
export const BoardOpinionPayload = z
  .object({
    opinion: z.enum(['support', 'object']),
    /** the school board's meeting, e.g. 'ครั้งที่ 1/2568 วันที่ 3 ก.พ. 2568' */
    meetingRef: z.string().min(1).max(500),
    note: z.string().max(2000).optional(),
  })
  .strict();
/** The working group's choice of sub-criterion per entered component. */
export const EnterScoresPayload = z
  .object({ entries: z.record(z.string(), z.string().min(1).max(100)), note: z.string().max(2000).optional() })
  .strict();
export const DisqualifyPayload = z.object({ reasons: z.array(z.string().min(1).max(1000)).min(1).max(20) }).strict();
export const VerifyPayload = z.object({ note: z.string().max(2000).optional() }).strict();
export const DisputePayload = z
  .object({ note: z.string().min(1).max(4000), components: z.array(z.string().min(1)).min(1).max(30) })
  .strict();

const PreferenceOutcome = z
  .object({
    preference: z.int().min(1),
    schoolId: z.string(),
    schoolName: z.string(),
    vacancyId: z.string().nullable(),
    seats: z.int().min(0),
    rank: z.int().min(1).nullable(),
    applicants: z.int().min(0),
    result: z.enum(['placed', 'outranked', 'no_vacancy', 'below_placement']),
    ahead: z.array(z.object({ key: z.string(), name: z.string(), rank: z.int().min(1) }).strict()),
  })
  .strict();

export const PlacementSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('vacancy'),
      vacancyId: z.string().min(1),
      schoolId: z.string().min(1),
      schoolName: z.string().min(1),
      preference: z.int().min(1),
      rank: z.int().min(1),
      applicants: z.int().min(1),
      crossArea: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('swap'),
      partnerKey: z.string().min(1),
      partnerPersonId: z.string().min(1),
      partnerName: z.string().min(1),
      schoolId: z.string().min(1),
      schoolName: z.string().min(1),
    })
    .strict(),
]);

/** The matching's proposal for one request, with its explanation (see match.ts). */
export const ProposePlacementPayload = z
  .object({ placement: PlacementSchema, explanation: Text, preferences: z.array(PreferenceOutcome).max(20) })
  .strict();
export const ProposeNoPlacementPayload = z
  .object({
    explanation: Text,
    preferences: z.array(PreferenceOutcome).max(20),
    swapProblem: z.enum(['swap_partner_missing', 'swap_partner_not_mutual', 'swap_major_mismatch']).nullable(),
  })
  .strict();
/** The receiving area's อ.ก.ค.ศ. resolution, recorded by this area's HR officer. */
export const ReceivingAreaPayload = z
  .object({
    area: z.string().min(1).max(200),
    resolutionRef: z.string().min(1).max(500),
    decidedOn: localDateSchema,
    note: z.string().max(2000).optional(),
  })
  .strict();
export const SignOrderPayload = z
  .object({
    /** e.g. '123/2568' */
    orderNo: z.string().regex(/^\d{1,6}\/\d{4}$/),
    signedOn: localDateSchema,
    effectiveOn: localDateSchema,
    /** the teacher reports for duty at the new school by then (set in the order) */
    reportBy: z.object({ date: localDateSchema, time: Time.default('16:30') }).strict(),
  })
  .strict();
export const ReportPayload = z.object({ reportedOn: localDateSchema, note: z.string().max(2000).optional() }).strict();
export const GrievancePayload = z.object({ grounds: z.string().min(1).max(8000), evidence: z.array(EvidenceFile).max(20) }).strict();
/** GrievancePayload as transfer-request version 1 took it (evidence metadata only). */
export const GrievancePayloadV1 = z.object({ grounds: z.string().min(1).max(8000), evidence: z.array(EvidenceFileV1).max(20) }).strict();
export const GrievanceDecisionPayload = z
  .object({
    body: z.enum(['อ.ก.ค.ศ. เขต', 'ก.ค.ศ.']),
    ref: z.string().min(1).max(500),
    decidedOn: localDateSchema,
    note: z.string().max(4000).optional(),
  })
  .strict();

/** The moment something happened in the world (Bangkok time on the form); the engine refuses one in the future or before its bound. */
const OccurredAt = z.iso.datetime({ offset: true });
/**
 * Version 4: the day the teacher received the notice of the result (ม.121/122
 * "นับแต่วันที่ได้รับแจ้ง"). HR records it with `occurredAt` (a signed
 * acknowledgement, a registered letter); the teacher acknowledging in the
 * app leaves it out (now).
 */
export const ResultNotifiedPayload = z
  .object({
    occurredAt: OccurredAt.meta({
      'x-label': {
        th: 'วันเวลาที่ครูได้รับแจ้งผล (เว้นว่างหากครูรับทราบในระบบขณะนี้)',
        en: 'When the teacher was notified (leave empty when acknowledging now)',
      },
    }).optional(),
    how: z.enum(['in_app', 'letter', 'in_person']),
    /** e.g. the letter's number, or 'ลงนามรับทราบ 3 มี.ค. 2568' */
    ref: z.string().min(1).max(500).optional(),
  })
  .strict();
/** Version 4: a grievance received on paper, recorded by HR with the day it was received (the 90 days count from it). */
export const PaperGrievancePayload = z
  .object({
    occurredAt: OccurredAt.meta({ 'x-label': { th: 'วันเวลาที่รับหนังสือร้องทุกข์', en: 'When the grievance letter was received' } }),
    grounds: z.string().min(1).max(8000),
    /** the registry number of the letter (เลขรับ) */
    ref: z.string().min(1).max(500),
    evidence: z.array(EvidenceFile).max(20),
  })
  .strict();

const AreaRef = z.object({ code: z.string().min(1).max(50), name: z.string().min(1).max(200) }).strict();
/**
 * Version 7: the sending round's publication forwarded the request to the
 * office that owns the vacancies it names (a transfer exchange); sent by the system.
 */
export const ForwardToAreaPayload = z
  .object({
    exchangeId: z.uuid(),
    toArea: AreaRef,
    schools: z
      .array(z.object({ schoolId: z.string().min(1), schoolName: z.string().min(1) }).strict())
      .min(1)
      .max(20),
  })
  .strict();
/**
 * Version 7: the receiving office's decision on a forwarded request, sent by
 * the system when that office records its อ.ก.ค.ศ.'s resolution: approved
 * with the placement its round's ranking gave, approved without one (not
 * placed there), or rejected.
 */
export const ReceivingAreaDecidedPayload = z
  .object({
    exchangeId: z.uuid(),
    receivingArea: AreaRef,
    decision: z.enum(['approved', 'rejected']),
    resolutionRef: z.string().min(1).max(500),
    decidedOn: localDateSchema,
    /** the receiving round's placement (a vacancy of that round), or null when not placed there */
    seat: PlacementSchema.nullable(),
    explanation: Text,
  })
  .strict();
/** Version 7: to an area not on esa-flow, the office sends the list by letter: the day it was sent and the letter's number. */
export const ForwardedListPayload = z
  .object({
    area: z.string().min(1).max(200),
    sentOn: localDateSchema.meta({ 'x-label': { th: 'วันที่ส่งหนังสือ', en: 'Sent on' } }),
    letterRef: z
      .string()
      .min(1)
      .max(500)
      .meta({ 'x-label': { th: 'เลขที่หนังสือส่ง', en: 'Letter number' } }),
    note: z.string().max(2000).optional(),
  })
  .strict();
/** Version 7: the order signed in the receiving office (the ม.53 authority over the post being filled), recorded by the system. */
export const ReceivingOrderPayload = SignOrderPayload.extend({
  signedIn: z
    .object({
      officeName: z.string().min(1).max(200),
      signerName: z.string().min(1).max(200),
      signerRole: z.enum(['school_director', 'area_director']),
      signerUserId: z.uuid(),
    })
    .strict(),
}).strict();

type P<T extends z.ZodType> = z.infer<T>;
export type RequestEvent =
  | EngineEvent<'SUBMIT' | 'RESUBMIT', P<typeof RequestSubmission>>
  | EngineEvent<'WITHDRAW', P<typeof WithdrawPayload>>
  | EngineEvent<
      'WINDOW_CLOSED' | 'LAPSE' | 'REPORT_DEADLINE_PASSED' | 'CLOSE_GRIEVANCE_WINDOW' | 'REVIEW_PERIOD_CLOSED' | 'BOARD_PERIOD_CLOSED',
      P<typeof Empty>
    >
  | EngineEvent<'CERTIFY', P<typeof CertifyPayload>>
  | EngineEvent<'RETURN_FOR_CORRECTION', P<typeof ReturnPayload>>
  | EngineEvent<'RECORD_BOARD_OPINION', P<typeof BoardOpinionPayload>>
  | EngineEvent<'ENTER_SCORES', P<typeof EnterScoresPayload>>
  | EngineEvent<'DISQUALIFY', P<typeof DisqualifyPayload>>
  | EngineEvent<'VERIFY_SCORES', P<typeof VerifyPayload>>
  | EngineEvent<'DISPUTE_SCORES', P<typeof DisputePayload>>
  | EngineEvent<'PROPOSE_PLACEMENT', P<typeof ProposePlacementPayload>>
  | EngineEvent<'PROPOSE_NO_PLACEMENT', P<typeof ProposeNoPlacementPayload>>
  | EngineEvent<'SCREEN_PASS' | 'SCREEN_FAIL' | 'AREA_APPROVE' | 'AREA_REJECT', CommitteeResolutionPayload>
  | EngineEvent<'RECEIVING_AREA_APPROVED' | 'RECEIVING_AREA_REJECTED', P<typeof ReceivingAreaPayload>>
  | EngineEvent<'SIGN_ORDER', P<typeof SignOrderPayload>>
  | EngineEvent<'REPORT_FOR_DUTY', P<typeof ReportPayload>>
  | EngineEvent<'FILE_GRIEVANCE', P<typeof GrievancePayload>>
  | EngineEvent<'RESULT_NOTIFIED', P<typeof ResultNotifiedPayload>>
  | EngineEvent<'RECORD_PAPER_GRIEVANCE', P<typeof PaperGrievancePayload>>
  | EngineEvent<'RECORD_EXTERNAL_FILING', P<typeof ExternalFilingPayload>>
  | EngineEvent<'FORWARD_TO_AREA', P<typeof ForwardToAreaPayload>>
  | EngineEvent<'RECEIVING_AREA_DECIDED', P<typeof ReceivingAreaDecidedPayload>>
  | EngineEvent<'RECORD_FORWARDED_LIST', P<typeof ForwardedListPayload>>
  | EngineEvent<'RECORD_RECEIVING_ORDER', P<typeof ReceivingOrderPayload>>
  | EngineEvent<'GRIEVANCE_UPHELD' | 'GRIEVANCE_DISMISSED', P<typeof GrievanceDecisionPayload>>;
