/**
 * `transfer-round@1`: a transfer round of one office (e.g. round 1/2568), a
 * cycle whose children are the teachers' requests (`transfer-request`). The
 * round holds the parameters and the dated phases an officer set when
 * opening it, and the vacancies posted for it; it moves phase by phase, at
 * the phase dates or when its requests have all moved on
 * (`advanceCycleIfSettled`), and records the matching it proposed.
 */
import { WORKFLOW_LABELS } from '../labels';
import { defineWorkflow, nameText, type WorkflowConfig, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { Vacancies, Vacancy } from './request-data';
import { explainPublish, explainRoundPhase } from './refusals';
import { phaseInstant, TIE_BREAKS, TransferRoundParams, TransferRoundParamsV3, TransferRoundParamsV4 } from './round-params';

const Empty = z.object({}).strict();
export const PostVacanciesPayload = z
  .object({
    /** added, or replacing the vacancy with the same id */
    vacancies: Vacancies,
    /** ids of vacancies withdrawn */
    remove: z.array(z.string().min(1)).max(2000).default([]),
  })
  .strict();
export const RecordMatchingPayload = z
  .object({
    summary: z
      .object({
        requests: z.int().min(0),
        placed: z.int().min(0),
        swapped: z.int().min(0),
        unplaced: z.int().min(0),
        seats: z.int().min(0),
        seatsFilled: z.int().min(0),
      })
      .strict(),
    /** sha256 of the proposals sent to the requests, so the record can be checked against them */
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    tieBreak: z.array(z.enum(TIE_BREAKS)),
  })
  .strict();

export interface RoundContext {
  readonly params: TransferRoundParams;
  vacancies: Vacancy[];
  matching: (z.infer<typeof RecordMatchingPayload> & { at: string; by: string }) | null;
}

type RoundEvent =
  | EngineEvent<'POST_VACANCIES', z.infer<typeof PostVacanciesPayload>>
  | EngineEvent<'RECORD_MATCHING', z.infer<typeof RecordMatchingPayload>>
  | EngineEvent<
      'OPEN_REQUESTS' | 'CLOSE_REQUESTS' | 'CLOSE_SCHOOL_REVIEW' | 'CLOSE_SCORING' | 'CLOSE_SCREENING' | 'CLOSE_APPROVAL' | 'CLOSE_ROUND',
      Record<string, never>
    >;

const at = (iso: string) => new Date(iso).getTime();

export const transferRoundMachine = setup({
  types: { context: {} as RoundContext, events: {} as RoundEvent, input: {} as EngineInput<TransferRoundParams> },
  guards: {
    /** vacancies are posted and the request window has begun */
    requestsMayOpen: ({ context, event }) =>
      context.vacancies.length > 0 && at(event.at) >= phaseInstant(context.params.phases.requestsFrom).getTime(),
    requestWindowOver: ({ context, event }) => at(event.at) >= phaseInstant(context.params.phases.requestsUntil).getTime(),
    /** both the school review and the correction deadline have passed */
    schoolReviewOver: ({ context, event }) =>
      at(event.at) >=
      Math.max(
        phaseInstant(context.params.phases.schoolReviewUntil).getTime(),
        phaseInstant(context.params.phases.correctionUntil).getTime(),
      ),
  },
  actions: {
    postVacancies: assign({
      vacancies: ({ context, event }) => {
        if (event.type !== 'POST_VACANCIES') return context.vacancies;
        const incoming = new Map(event.payload.vacancies.map((v) => [v.id, v]));
        const kept = context.vacancies.filter((v) => !incoming.has(v.id) && !event.payload.remove.includes(v.id));
        return [...kept, ...incoming.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      },
    }),
    recordMatching: assign({
      matching: ({ event }) => (event.type === 'RECORD_MATCHING' ? { ...event.payload, at: event.at, by: event.actor.id } : null),
    }),
  },
}).createMachine({
  id: 'transfer-round',
  initial: 'postingVacancies',
  context: ({ input }) => ({ params: input.data, vacancies: [], matching: null }),
  states: {
    postingVacancies: {
      on: {
        POST_VACANCIES: { actions: 'postVacancies' },
        OPEN_REQUESTS: { guard: 'requestsMayOpen', target: 'requestsOpen' },
      },
    },
    requestsOpen: { on: { CLOSE_REQUESTS: { guard: 'requestWindowOver', target: 'schoolReview' } } },
    schoolReview: { on: { CLOSE_SCHOOL_REVIEW: { guard: 'schoolReviewOver', target: 'scoring' } } },
    scoring: { on: { CLOSE_SCORING: 'matching' } },
    matching: { on: { RECORD_MATCHING: { target: 'screening', actions: 'recordMatching' } } },
    screening: { on: { CLOSE_SCREENING: 'approval' } },
    approval: { on: { CLOSE_APPROVAL: 'orders' } },
    orders: { on: { CLOSE_ROUND: 'closed' } },
    closed: { type: 'final' },
  },
});

const CAL = 'ปฏิทินรอบการย้าย (round parameter)';
const phase = (param: string, phrase: string, source: string) => ({
  kind: 'external' as const,
  calendar: `${CAL}: ${param}`,
  phrase,
  source,
});
const officers = ['hr_officer', 'system'] as const;

const roundConfig = {
  labels: WORKFLOW_LABELS,
  id: 'transfer-round',
  version: 1,
  title: { th: 'รอบการย้ายข้าราชการครู', en: 'Teacher transfer round' },
  machine: transferRoundMachine,
  input: TransferRoundParams,
  starters: ['hr_officer'],
  steps: {
    postingVacancies: {
      label: { th: 'ประกาศตำแหน่งว่างของรอบ', en: 'Posting the round’s vacancies' },
      roles: ['hr_officer'],
      deadline: phase(
        'phases.vacanciesUntil',
        'สพท. บันทึกตำแหน่งว่างในระบบ (รอบ 2/2568: 1–15 ก.ค. 68)',
        'regulations.md §1.2 (kruchiangrai 2025-06-20)',
      ),
      source: 'regulations.md §1.5 step 0; domain.md §1 step 1',
    },
    requestsOpen: {
      label: { th: 'เปิดรับคำขอย้าย', en: 'Requests open' },
      roles: [],
      deadline: phase('phases.requestsUntil', 'ครูยื่นคำขอย้าย (รอบ 2/2568: 16–31 ก.ค. 68)', 'regulations.md §1.2 (kruchiangrai 2025-06-20)'),
      source: 'regulations.md §1.2, §1.5 step 1',
    },
    schoolReview: {
      label: { th: 'สถานศึกษาตรวจสอบ รับรอง และแก้ไขคำขอ', en: 'Schools review and requests are corrected' },
      roles: [],
      deadline: phase(
        'phases.schoolReviewUntil / phases.correctionUntil',
        'แก้ไขภายในวันที่ 6 ก.พ. 2568 เวลา 15.00 น. (รอบ 1/2568)',
        'regulations.md §1.2 (kruchiangrai 2025-02-06)',
      ),
      source: 'regulations.md §1.5 steps 2–2b',
    },
    scoring: {
      label: { th: 'ตรวจสอบคุณสมบัติ ให้คะแนน และตรวจสอบคะแนน', en: 'Qualification checks, scoring and verification' },
      roles: ['hr_officer'],
      deadline: phase('phases.scoringUntil', 'ดำเนินการในไตรมาสที่กำหนด (ม.ค.–มี.ค. / ก.ค.–ก.ย.)', 'seed-003 §2.1 (T1–T3 scheduled Q2 and Q4)'),
      source: 'seed-003 §2.1 T1–T3',
    },
    matching: {
      label: { th: 'ประมวลผลจัดลำดับและจับคู่ตำแหน่งว่าง', en: 'Ranking and matching' },
      roles: ['hr_officer'],
      deadline: phase('phases.scoringUntil', 'ประมวลผลเมื่อสิ้นสุดการให้คะแนน', 'regulations.md §1.5 step 4'),
      source: 'regulations.md §1.5 step 4 (TRS การประมวลผล); domain.md §1 step 5',
    },
    screening: {
      label: { th: 'คณะกรรมการกลั่นกรองพิจารณาผลการจับคู่', en: 'Screening committee reviews the matching' },
      roles: [],
      deadline: phase('phases.screeningUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.1 T4'),
      source: 'seed-003 §2.1 T4',
    },
    approval: {
      label: { th: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษาพิจารณาอนุมัติ', en: 'Area sub-committee decides' },
      roles: [],
      deadline: phase('phases.approvalUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.4'),
      source: 'Act 2547 ม.59; seed-003 §2.1 T5',
    },
    orders: {
      label: { th: 'ออกคำสั่งย้ายและรายงานตัว', en: 'Orders and reporting for duty' },
      roles: ['hr_officer'],
      deadline: phase('phases.ordersUntil', 'สิ้นสุดรอบ (รอบ 2/2568: 31 ต.ค. 68)', 'regulations.md §1.2'),
      source: 'Act 2547 ม.53; regulations.md §1.5 steps 7–8',
    },
  },
  events: {
    POST_VACANCIES: { label: { th: 'บันทึกตำแหน่งว่าง', en: 'Post vacancies' }, payload: PostVacanciesPayload, roles: ['hr_officer'] },
    OPEN_REQUESTS: { label: { th: 'เปิดรับคำขอ', en: 'Open requests' }, payload: Empty, roles: officers },
    CLOSE_REQUESTS: { label: { th: 'ปิดรับคำขอ', en: 'Close requests' }, payload: Empty, roles: officers },
    CLOSE_SCHOOL_REVIEW: { label: { th: 'สิ้นสุดการตรวจสอบของสถานศึกษา', en: 'Close school review' }, payload: Empty, roles: officers },
    CLOSE_SCORING: { label: { th: 'สิ้นสุดการให้คะแนน', en: 'Close scoring' }, payload: Empty, roles: officers },
    RECORD_MATCHING: { label: { th: 'บันทึกผลการจับคู่', en: 'Record the matching' }, payload: RecordMatchingPayload, roles: officers },
    CLOSE_SCREENING: { label: { th: 'สิ้นสุดการกลั่นกรอง', en: 'Close screening' }, payload: Empty, roles: officers },
    CLOSE_APPROVAL: { label: { th: 'สิ้นสุดการพิจารณาของ อ.ก.ค.ศ.', en: 'Close approval' }, payload: Empty, roles: officers },
    CLOSE_ROUND: { label: { th: 'ปิดรอบการย้าย', en: 'Close the round' }, payload: Empty, roles: officers },
  },
} satisfies WorkflowConfig<typeof transferRoundMachine>;
/** Version 1, as published; its phase closings are version 2's timed system events, retrofitted (retrofit.ts). */
export const transferRound = defineWorkflow(roundConfig);

/** A moment of the round's calendar, read from the round's parameters (`from_data`). */
const roundDate = (param: string, phrase: string, source: string, offsetSeconds?: number) => ({
  kind: 'from_data' as const,
  path: `params.phases.${param}`,
  phrase,
  source,
  ...(offsetSeconds !== undefined ? { offsetSeconds } : {}),
});
const v1 = roundConfig.steps;
/**
 * Version 2: the round's dates are clocks and its phases close by timed
 * system events at their dates (no poller): posting vacancies has its clock
 * (vacanciesUntil), the request window closes at requestsUntil, the school
 * review at the later of schoolReviewUntil and correctionUntil (one second
 * after: a fix made at 15.00 น. still counts), scoring, screening, approval
 * and the round at their dates. A phase whose requests have all moved on
 * still closes early (`advanceCycleIfSettled`, the host's pass over rounds).
 */
export const transferRoundV2 = defineWorkflow({
  ...roundConfig,
  version: 2,
  steps: {
    postingVacancies: {
      ...v1.postingVacancies,
      deadline: roundDate('vacanciesUntil', v1.postingVacancies.deadline.phrase, v1.postingVacancies.deadline.source),
    },
    requestsOpen: {
      ...v1.requestsOpen,
      systemEvents: [
        { event: 'CLOSE_REQUESTS', at: roundDate('requestsUntil', v1.requestsOpen.deadline.phrase, v1.requestsOpen.deadline.source) },
      ],
    },
    schoolReview: {
      ...v1.schoolReview,
      systemEvents: [
        {
          event: 'CLOSE_SCHOOL_REVIEW',
          at: {
            ...roundDate('schoolReviewUntil', v1.schoolReview.deadline.phrase, v1.schoolReview.deadline.source, 1),
            laterOf: ['params.phases.correctionUntil'],
          },
        },
      ],
    },
    scoring: {
      ...v1.scoring,
      deadline: roundDate('scoringUntil', v1.scoring.deadline.phrase, v1.scoring.deadline.source),
      systemEvents: [{ event: 'CLOSE_SCORING', at: roundDate('scoringUntil', v1.scoring.deadline.phrase, v1.scoring.deadline.source, 1) }],
    },
    matching: { ...v1.matching, deadline: roundDate('scoringUntil', v1.matching.deadline.phrase, v1.matching.deadline.source) },
    screening: {
      ...v1.screening,
      systemEvents: [
        { event: 'CLOSE_SCREENING', at: roundDate('screeningUntil', v1.screening.deadline.phrase, v1.screening.deadline.source, 1) },
      ],
    },
    approval: {
      ...v1.approval,
      systemEvents: [
        { event: 'CLOSE_APPROVAL', at: roundDate('approvalUntil', v1.approval.deadline.phrase, v1.approval.deadline.source, 1) },
      ],
    },
    orders: {
      ...v1.orders,
      deadline: roundDate('ordersUntil', v1.orders.deadline.phrase, v1.orders.deadline.source),
      systemEvents: [{ event: 'CLOSE_ROUND', at: roundDate('ordersUntil', v1.orders.deadline.phrase, v1.orders.deadline.source, 1) }],
    },
  },
});

/**
 * Version 3: version 2 with one more parameter, `notCertified` (what happens
 * to a request the school never certified by `schoolReviewUntil`: `lapse`,
 * the default, or `forward`), which its requests (`transfer-request@4`) read.
 */
export const transferRoundV3 = defineWorkflow({
  ...roundConfig,
  version: 3,
  input: TransferRoundParamsV3,
  steps: transferRoundV2.steps,
});

/** A school or subject name as a person reads it: plain text, no markup. */
const PlainName = (max: number) =>
  nameText(max).refine((s) => !/[<>]/.test(s), {
    message: 'ห้ามมีเครื่องหมาย < หรือ > (ไม่รับ HTML) / no markup: < and > are not allowed',
    params: { code: 'markup' },
  });

/** Version 3's vacancy: the school must be one of the office's (checked by the engine, `schoolRefs`), names plain text. */
export const VacancyV3 = Vacancy.extend({ schoolName: PlainName(200), subject: PlainName(100) }).strict();
export const PostVacanciesPayloadV3 = z
  .object({
    vacancies: z
      .array(VacancyV3)
      .max(2000)
      .refine((v) => new Set(v.map((x) => x.id)).size === v.length, 'vacancy ids must be unique')
      .refine(
        (v) => new Set(v.map((x) => `${x.schoolId}\u0000${x.subject}`)).size === v.length,
        'one vacancy per school and subject (raise its count instead)',
      ),
    remove: z.array(z.string().min(1).max(40)).max(2000).default([]),
  })
  .strict();

/** One run of the matching, as the round keeps it: the digest of its proposals, its summary, who asked for it. */
export const RecordMatchingPayloadV3 = RecordMatchingPayload.extend({
  /** the HR officer who ran it (the event itself is the system's) */
  requestedBy: z.string().min(1).max(100),
  /** the requests it proposed for, with whether each was placed */
  proposals: z.array(z.object({ caseId: z.string().min(1).max(100), placed: z.boolean() }).strict()).max(20_000),
}).strict();
export const PublishMatchingPayload = z
  .object({
    /** the digest of the run in force being published */
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    requestedBy: z.string().min(1).max(100),
  })
  .strict();

export interface MatchingRun extends z.infer<typeof RecordMatchingPayloadV3> {
  readonly runNo: number;
  readonly at: string;
}
export interface RoundContextV3 {
  readonly params: TransferRoundParams;
  vacancies: Vacancy[];
  /** the run in force: the latest */
  matching: MatchingRun | null;
  /** every run, oldest first, without their proposals (history keeps those) */
  runs: Omit<MatchingRun, 'proposals'>[];
  published: { digest: string; runNo: number; at: string; requestedBy: string } | null;
}

type RoundEventV3 =
  | EngineEvent<'POST_VACANCIES', z.infer<typeof PostVacanciesPayloadV3>>
  | EngineEvent<'RECORD_MATCHING', z.infer<typeof RecordMatchingPayloadV3>>
  | EngineEvent<'PUBLISH_MATCHING', z.infer<typeof PublishMatchingPayload>>
  | EngineEvent<
      'OPEN_REQUESTS' | 'CLOSE_REQUESTS' | 'CLOSE_SCHOOL_REVIEW' | 'CLOSE_SCORING' | 'CLOSE_SCREENING' | 'CLOSE_APPROVAL' | 'CLOSE_ROUND',
      Record<string, never>
    >;

/**
 * Round version 3's machine: the matching can be run again and again while
 * the round is at `matching` (each run is kept with its digest; the latest
 * is in force), and publishing the run in force to the committees
 * (`PUBLISH_MATCHING`, naming its digest) moves the round to screening.
 */
export const transferRoundMachineV3 = setup({
  types: { context: {} as RoundContextV3, events: {} as RoundEventV3, input: {} as EngineInput<TransferRoundParams> },
  guards: {
    requestsMayOpen: ({ context, event }) =>
      context.vacancies.length > 0 && at(event.at) >= phaseInstant(context.params.phases.requestsFrom).getTime(),
    requestWindowOver: ({ context, event }) => at(event.at) >= phaseInstant(context.params.phases.requestsUntil).getTime(),
    schoolReviewOver: ({ context, event }) =>
      at(event.at) >=
      Math.max(
        phaseInstant(context.params.phases.schoolReviewUntil).getTime(),
        phaseInstant(context.params.phases.correctionUntil).getTime(),
      ),
    /** the run published is the one in force */
    runInForce: ({ context, event }) =>
      event.type === 'PUBLISH_MATCHING' && context.matching !== null && context.matching.digest === event.payload.digest,
  },
  actions: {
    postVacancies: assign({
      vacancies: ({ context, event }) => {
        if (event.type !== 'POST_VACANCIES') return context.vacancies;
        const incoming = new Map(event.payload.vacancies.map((v) => [v.id, v]));
        const kept = context.vacancies.filter((v) => !incoming.has(v.id) && !event.payload.remove.includes(v.id));
        return [...kept, ...incoming.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      },
    }),
    recordRun: assign(({ context, event }) => {
      if (event.type !== 'RECORD_MATCHING') return {};
      const run: MatchingRun = { ...event.payload, runNo: context.runs.length + 1, at: event.at };
      const { proposals: _proposals, ...kept } = run;
      return { matching: run, runs: [...context.runs, kept] };
    }),
    recordPublished: assign({
      published: ({ context, event }) =>
        event.type === 'PUBLISH_MATCHING' && context.matching
          ? { digest: event.payload.digest, runNo: context.matching.runNo, at: event.at, requestedBy: event.payload.requestedBy }
          : null,
    }),
  },
}).createMachine({
  id: 'transfer-round',
  initial: 'postingVacancies',
  context: ({ input }) => ({ params: input.data, vacancies: [], matching: null, runs: [], published: null }),
  states: {
    postingVacancies: {
      on: {
        POST_VACANCIES: { actions: 'postVacancies' },
        OPEN_REQUESTS: { guard: 'requestsMayOpen', target: 'requestsOpen' },
      },
    },
    requestsOpen: { on: { CLOSE_REQUESTS: { guard: 'requestWindowOver', target: 'schoolReview' } } },
    schoolReview: { on: { CLOSE_SCHOOL_REVIEW: { guard: 'schoolReviewOver', target: 'scoring' } } },
    scoring: { on: { CLOSE_SCORING: 'matching' } },
    matching: {
      on: {
        RECORD_MATCHING: { actions: 'recordRun' },
        PUBLISH_MATCHING: { guard: 'runInForce', target: 'screening', actions: 'recordPublished' },
      },
    },
    // a rematch of the requests the screening committee sent back: kept like any run, proposed at once by the service
    // (also once the screening phase has closed at its date, while the area sub-committee decides)
    screening: { on: { RECORD_MATCHING: { actions: 'recordRun' }, CLOSE_SCREENING: 'approval' } },
    approval: { on: { RECORD_MATCHING: { actions: 'recordRun' }, CLOSE_APPROVAL: 'orders' } },
    orders: { on: { CLOSE_ROUND: 'closed' } },
    closed: { type: 'final' },
  },
});

/** What records a run and publishes it: the round's matching service, never a person. */
export const SENT_BY_ROUND_MATCHING = {
  th: 'บันทึกโดยระบบเมื่อเจ้าหน้าที่สั่งประมวลผลจับคู่ (POST /api/transfer-rounds/:caseId/matching) หรือเสนอผลต่อคณะกรรมการ (…/matching/publish)',
  en: 'Recorded by the system when an officer runs the matching (POST /api/transfer-rounds/:caseId/matching) or publishes it to the committees (…/matching/publish).',
};
const v2events = roundConfig.events;
/**
 * Version 4 (issue 21): version 3 (the `notCertified` parameter) where placements come only from the matching — `RECORD_MATCHING`
 * and `PUBLISH_MATCHING` are the system's, sent by the round's matching
 * service for an HR officer (`SYSTEM_ONLY_EVENT` for a person); the matching
 * can be run again until it is published (each run kept with its digest, the
 * latest in force); a vacancy names a school of the office (the engine
 * checks it: `SCHOOL_NOT_IN_OFFICE`), names are plain text; the phase events
 * refused before their moment say which moment (`ROUND_PHASE_NOT_DUE`).
 * Dates as version 2.
 */
export const transferRoundV4 = defineWorkflow({
  ...roundConfig,
  version: 4,
  input: TransferRoundParamsV3,
  machine: transferRoundMachineV3,
  steps: transferRoundV2.steps,
  events: {
    ...v2events,
    POST_VACANCIES: {
      ...v2events.POST_VACANCIES,
      payload: PostVacanciesPayloadV3,
      schoolRefs: [{ list: 'vacancies', field: 'schoolId', unless: 'area' }],
    },
    OPEN_REQUESTS: { ...v2events.OPEN_REQUESTS, explainRefusal: explainRoundPhase },
    CLOSE_REQUESTS: { ...v2events.CLOSE_REQUESTS, explainRefusal: explainRoundPhase },
    CLOSE_SCHOOL_REVIEW: { ...v2events.CLOSE_SCHOOL_REVIEW, explainRefusal: explainRoundPhase },
    RECORD_MATCHING: {
      ...v2events.RECORD_MATCHING,
      payload: RecordMatchingPayloadV3,
      roles: ['system'],
      systemOnly: SENT_BY_ROUND_MATCHING,
    },
    PUBLISH_MATCHING: {
      label: { th: 'เสนอผลการจับคู่ต่อคณะกรรมการ', en: 'Publish the matching to the committees' },
      payload: PublishMatchingPayload,
      roles: ['system'],
      systemOnly: SENT_BY_ROUND_MATCHING,
      explainRefusal: explainPublish,
    },
  },
});

/**
 * Version 5 (school administrators' rounds, seed-003 §2.2): version 4 with
 * one more parameter, who the round is for (`applicants`: `teachers`, the
 * default, or `school_administrators`, whose requests are scored by the
 * `obec_school_administrator` table unless another is given). Same machine,
 * steps and events; its requests are `transfer-request@8`.
 */
export const transferRoundV5 = defineWorkflow({
  ...roundConfig,
  version: 5,
  input: TransferRoundParamsV4,
  machine: transferRoundV4.machine,
  steps: transferRoundV4.steps,
  events: transferRoundV4.events,
});
