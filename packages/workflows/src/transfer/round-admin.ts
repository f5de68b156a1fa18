/**
 * A transfer round as the office runs it (issue 21, docs/workflows/transfer.md
 * "Running a round from the web application"): one read of everything the
 * round's page shows — its dated phases, its vacancies, every request with
 * its teacher and state, the matching runs and, for the run in force, the
 * result per vacancy with each request's rank, score and explanation — and
 * what the reader may do now (post vacancies, open the requests, run the
 * matching, publish it). Nothing here writes: the writes are the round's own
 * events and the matching service (round-service.ts).
 */
import {
  actingRolesFor,
  EsaError,
  listCycleChildren,
  listTransferExchanges,
  stateLabel,
  userNamesTh,
  type Actor,
  type Engine,
  type TransferExchange,
} from '@esa-flow/engine';
import type { Explanation, PreferenceResult } from './match';
import type { RequestContext } from './request-rules';
import { roundApplicants, roundLabel, type RoundApplicants, type RoundPhases } from './round-params';
import type { EnteredBy, ScoringTable } from './scoring-table';
import { previewRoundMatching, type ForwardedCandidate } from './round-service';
import type { RoundContext, RoundContextV3 } from './round-workflow';

/** The round's phases in order, as a person reads them. */
export const PHASE_LABELS: Readonly<Record<keyof RoundPhases, { th: string; en: string }>> = {
  vacanciesUntil: { th: 'บันทึกตำแหน่งว่างถึง', en: 'Vacancies posted until' },
  requestsFrom: { th: 'เริ่มรับคำขอย้าย', en: 'Requests open from' },
  requestsUntil: { th: 'ปิดรับคำขอย้าย', en: 'Requests close' },
  schoolReviewUntil: { th: 'สถานศึกษาตรวจสอบและรับรองถึง', en: 'Schools certify until' },
  correctionUntil: { th: 'แก้ไขคำขอที่ถูกส่งคืนถึง', en: 'Returned requests fixed by' },
  scoringUntil: { th: 'ให้คะแนนและตรวจสอบคะแนนถึง', en: 'Scoring and verification until' },
  screeningUntil: { th: 'คณะกรรมการกลั่นกรองพิจารณาถึง', en: 'Screening committee until' },
  approvalUntil: { th: 'อ.ก.ค.ศ. เขตพิจารณาถึง', en: 'Area sub-committee until' },
  ordersUntil: { th: 'ออกคำสั่งย้ายและปิดรอบ', en: 'Orders signed and the round closes' },
};
export const PHASE_ORDER = Object.keys(PHASE_LABELS) as (keyof RoundPhases)[];

export interface RoundRequestRow {
  caseId: string;
  teacherName: string;
  currentSchoolName: string;
  state: string;
  stateLabel: { th: string; en: string };
  status: 'active' | 'done';
  /** total of the score sheet once entered */
  scoreTotal: number | null;
  scoredByName: string | null;
  /** the score was entered by the reader (who may not verify it) */
  scoredByMe: boolean;
  /** the school proposed by the published matching, when placed */
  placedAt: string | null;
}

export interface VacancyApplicant {
  caseId: string;
  teacherName: string;
  /** the request's place in the ranking for this vacancy (1 = first) */
  rank: number | null;
  applicants: number;
  score: number | null;
  /** which of the teacher's preferences this school was */
  preference: number;
  result: PreferenceResult;
  /** why, in words */
  why: { th: string; en: string };
}

export interface VacancyResult {
  vacancyId: string;
  schoolName: string;
  subject: string;
  seats: number;
  filled: number;
  applicants: VacancyApplicant[];
}

/** Who a round is for, as a person reads it. */
export const APPLICANTS_LABELS: Readonly<Record<RoundApplicants, { th: string; en: string }>> = {
  teachers: { th: 'ข้าราชการครู (ครู / ครูผู้ช่วย)', en: 'Teachers (teachers / assistant teachers)' },
  school_administrators: {
    th: 'ผู้บริหารสถานศึกษา (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา)',
    en: 'School administrators (directors / deputy directors)',
  },
};

/** The groups that enter a component (seed-003 §2.1 T1, T3; §2.2 A2, A4), as a person reads them. */
export const ENTERED_BY_LABELS: Readonly<Record<EnteredBy, { th: string; en: string }>> = {
  T1: { th: 'คณะทำงานตรวจสอบคุณสมบัติและจัดทำคะแนน', en: 'Qualification and scoring working group' },
  T3: { th: 'คณะกรรมการคิดค่าคะแนนการพัฒนาตนเองและพัฒนาวิชาชีพ', en: 'Self-development scoring committee' },
  A2: { th: 'คณะกรรมการคิดค่าคะแนนการย้าย', en: 'Transfer-score committee' },
  A4: {
    th: 'คณะกรรมการคิดค่าคะแนนความสามารถ วิสัยทัศน์ และการพัฒนาตนเอง (ผู้บริหารสถานศึกษา)',
    en: 'Administrators’ scoring committee (ability, vision, self-development)',
  },
};

/** A round's scoring table as its page shows it: each component, who gives it, and its levels with their points. */
export interface ScoringTableView {
  id: string;
  title: { th: string; en: string };
  year: number;
  version: number;
  source: string;
  /** the points have not been checked against an official annex: configurable placeholders */
  pointsUnverified: boolean;
  components: {
    id: string;
    label: { th: string; en: string };
    mode: 'computed' | 'entered';
    /** who gives it: the group for an entered component, "computed from the request" otherwise */
    by: { th: string; en: string };
    levels: { label: { th: string; en: string }; points: number }[];
  }[];
}

export function scoringTableView(t: ScoringTable): ScoringTableView {
  return {
    id: t.id,
    title: t.title,
    year: t.year,
    version: t.version,
    source: t.source,
    pointsUnverified: t.pointsStatus === 'configurable_unverified',
    components: t.components.map((c) => ({
      id: c.id,
      label: c.label,
      mode: c.mode,
      by:
        c.mode === 'computed'
          ? { th: 'คำนวณจากข้อมูลในคำขอ', en: 'Computed from the request' }
          : c.enteredBy
            ? ENTERED_BY_LABELS[c.enteredBy]
            : { th: 'คณะทำงาน', en: 'Working group' },
      levels: c.subCriteria.map((x) => ({ label: x.label, points: x.points })),
    })),
  };
}

export interface RoundAdministration {
  round: {
    caseId: string;
    officeId: string;
    title: string;
    label: string;
    state: string;
    status: 'active' | 'done';
    workflowVersion: number;
  };
  /** who the round is for (rounds before version 5: teachers) */
  applicants: { kind: RoundApplicants; label: { th: string; en: string } };
  scoringTable: ScoringTableView;
  phases: { key: keyof RoundPhases; label: { th: string; en: string }; date: string; time: string }[];
  vacancies: { id: string; schoolId: string; schoolName: string; subject: string; count: number; crossArea: boolean }[];
  requests: RoundRequestRow[];
  byState: { state: string; label: { th: string; en: string }; count: number }[];
  matching: {
    runs: {
      runNo: number;
      at: string;
      requestedByName: string | null;
      summary: RoundContextV3['runs'][number]['summary'];
      digest: string;
    }[];
    inForce: {
      runNo: number;
      at: string;
      requestedByName: string | null;
      summary: RoundContextV3['runs'][number]['summary'];
      digest: string;
    } | null;
    published: { runNo: number; at: string; requestedByName: string | null } | null;
    /** false when the requests or vacancies changed since the run in force: run it again before publishing */
    current: boolean;
    results: VacancyResult[];
    /** each request's own explanation (placed, swapped, or not placed and why) */
    explanations: { caseId: string; teacherName: string; placedAt: string | null; text: { th: string; en: string } }[];
  };
  may: {
    postVacancies: boolean;
    openRequests: boolean;
    runMatching: boolean;
    publish: boolean;
    scoreSheet: boolean;
    /** import requests filed in TRS (round-trs-import.ts): an HR officer, while the round takes requests or the schools review them */
    trsImport: boolean;
    /** the round's phase-closing event the reader may send now (CLOSE_REQUESTS, CLOSE_SCHOOL_REVIEW, …), as the case page offers it */
    closePhase: { type: string; label: { th: string; en: string } } | null;
  };
}

const RESULT_WHY: Record<
  PreferenceResult,
  (a: { rank: number | null; applicants: number; preference: number; seats: number }) => { th: string; en: string }
> = {
  placed: (a) => ({
    th: `ได้ย้าย: อันดับที่ ${a.rank} จากผู้ขอ ${a.applicants} คน อยู่ในจำนวน ${a.seats} อัตรา (ความประสงค์ลำดับที่ ${a.preference})`,
    en: `placed: ranked ${a.rank} of ${a.applicants}, within the ${a.seats} seat(s) (preference ${a.preference})`,
  }),
  outranked: (a) => ({
    th: `ไม่ได้ที่นี่: อันดับที่ ${a.rank} จากผู้ขอ ${a.applicants} คน มีผู้ได้อันดับสูงกว่าครบ ${a.seats} อัตรา`,
    en: `not placed here: ranked ${a.rank} of ${a.applicants}; the ${a.seats} seat(s) went to people ranked higher`,
  }),
  below_placement: (a) => ({
    th: `ได้ย้ายไปโรงเรียนที่ขอไว้ในลำดับก่อนหน้าแล้ว (ที่นี่อันดับที่ ${a.rank} จาก ${a.applicants} คน)`,
    en: `placed at a school wanted earlier (ranked ${a.rank} of ${a.applicants} here)`,
  }),
  no_vacancy: () => ({ th: 'ไม่มีตำแหน่งว่างตรงวิชาเอก', en: 'no vacancy for the major' }),
};

/** The events that close a phase of the round, as the round's workflow names them. */
const CLOSING_EVENTS = new Set([
  'CLOSE_REQUESTS',
  'CLOSE_SCHOOL_REVIEW',
  'CLOSE_SCORING',
  'CLOSE_SCREENING',
  'CLOSE_APPROVAL',
  'CLOSE_ROUND',
]);
function closePhaseOf(available: readonly { type: string; label: { th: string; en: string } }[]): RoundAdministration['may']['closePhase'] {
  const e = available.find((x) => CLOSING_EVENTS.has(x.type));
  return e ? { type: e.type, label: { th: e.label.th, en: e.label.en } } : null;
}

const PLACED_STATES = new Set(['screening', 'areaApproval', 'receivingAreaApproval', 'orderSigning', 'reportingForDuty', 'transferred']);

/** Everything the round's page shows, as `actor` may see it. A round they may not read: `CASE_NOT_FOUND`. */
export async function roundAdministration(engine: Engine, actor: Actor, roundCaseId: string): Promise<RoundAdministration> {
  const view = await engine.getCase(actor, roundCaseId);
  if (view.case.workflowId !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  const round = view.case;
  const ctx = (round.snapshot as { context: RoundContext | RoundContextV3 }).context;
  const hr = actingRolesFor(actor, round, ['hr_officer']).length > 0;
  const children = await listCycleChildren(engine, actor, roundCaseId, { workflowId: 'transfer-request' });
  const contextOf = (c: (typeof children)[number]) => (c.snapshot as { context: RequestContext }).context;

  const v3 = 'runs' in ctx ? (ctx as RoundContextV3) : null;
  const userIds = [
    ...children.flatMap((c) => (contextOf(c).scores ? [contextOf(c).scores!.enteredBy] : [])),
    ...(v3?.runs.map((r) => r.requestedBy) ?? []),
    ...(v3?.published ? [v3.published.requestedBy] : []),
  ];
  const names = await userNamesTh(engine, userIds);

  const labelOf = (version: number, state: string) => {
    const def = engine.registry.get('transfer-request', version);
    const l = state.split(',').map((s) => stateLabel(def, s) ?? { th: s, en: s });
    return { th: l.map((x) => x.th).join(' · '), en: l.map((x) => x.en).join(' · ') };
  };
  const requests: RoundRequestRow[] = children.map((c) => {
    const rc = contextOf(c);
    const placement = PLACED_STATES.has(c.state) ? rc.proposal?.placement : null;
    return {
      caseId: c.id,
      teacherName: rc.applicant?.name ?? c.subject?.nameTh ?? '',
      currentSchoolName: rc.currentSchool?.name ?? '',
      state: c.state,
      stateLabel: labelOf(c.workflowVersion, c.state),
      status: c.status,
      scoreTotal: rc.scores?.total ?? null,
      scoredByName: rc.scores ? (names.get(rc.scores.enteredBy) ?? null) : null,
      scoredByMe: rc.scores !== null && rc.scores !== undefined && rc.scores.enteredBy === actor.id,
      placedAt: placement ? placement.schoolName : null,
    };
  });
  const counts = new Map<string, { state: string; label: { th: string; en: string }; count: number }>();
  for (const r of requests) counts.set(r.state, { state: r.state, label: r.stateLabel, count: (counts.get(r.state)?.count ?? 0) + 1 });

  // the matching: the run in force explained per vacancy (recomputed: its digest must be the run's), or what was published
  let explained: {
    caseId: string;
    placement: Explanation['placement'];
    preferences: Explanation['preferences'];
    text: Explanation['text'];
  }[] = [];
  let current = false;
  // requests forwarded to this round by other offices (transfer exchanges): ranked with the round's own
  const fromOtherAreas = new Map<string, TransferExchange>();
  if (v3?.matching && round.state === 'matching') {
    const now = await previewRoundMatching(engine, ctx, roundCaseId, round.officeId);
    for (const [key, x] of now.incoming) fromOtherAreas.set(key, x);
    current = now.digest === v3.matching.digest;
    if (current)
      explained = now.explanations.map((e) => ({ caseId: e.key, placement: e.placement, preferences: e.preferences, text: e.text }));
  } else {
    explained = children.flatMap((c) => {
      const p = contextOf(c).proposal;
      return p ? [{ caseId: c.id, placement: p.placement, preferences: p.preferences, text: p.explanation }] : [];
    });
    current = explained.length > 0;
  }
  const byCase = new Map<string, { teacherName: string; scoreTotal: number | null }>(requests.map((r) => [r.caseId, r]));
  const incoming = await listTransferExchanges(engine, { receivingRoundCaseId: roundCaseId });
  for (const x of incoming) fromOtherAreas.set(x.requestCaseId, x);
  for (const [key, x] of fromOtherAreas) {
    const c = x.candidate as ForwardedCandidate;
    byCase.set(key, { teacherName: `${c.name} (${c.sendingOfficeName})`, scoreTotal: c.score });
    const placement = x.placement as Explanation['placement'];
    if (!explained.some((e) => e.caseId === key) && x.explanation) {
      // ranked by a published run: as it was ranked then
      const ranked = x.explanation as { text: Explanation['text']; preferences: Explanation['preferences'] };
      explained.push({ caseId: key, placement, preferences: ranked.preferences, text: ranked.text });
    }
  }
  const results: VacancyResult[] = ctx.vacancies.map((v) => {
    const applicants: VacancyApplicant[] = explained
      .flatMap((e) => e.preferences.filter((p) => p.vacancyId === v.id).map((p) => ({ e, p })))
      .map(({ e, p }) => ({
        caseId: e.caseId,
        teacherName: byCase.get(e.caseId)?.teacherName ?? '',
        rank: p.rank,
        applicants: p.applicants,
        score: byCase.get(e.caseId)?.scoreTotal ?? null,
        preference: p.preference,
        result: p.result,
        why: RESULT_WHY[p.result]({ rank: p.rank, applicants: p.applicants, preference: p.preference, seats: p.seats }),
      }))
      .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
    return {
      vacancyId: v.id,
      schoolName: v.schoolName,
      subject: v.subject,
      seats: v.count,
      filled: applicants.filter((a) => a.result === 'placed').length,
      applicants,
    };
  });
  const runView = (r: RoundContextV3['runs'][number]) => ({
    runNo: r.runNo,
    at: r.at,
    requestedByName: names.get(r.requestedBy) ?? null,
    summary: r.summary,
    digest: r.digest,
  });
  const inForce = v3?.matching ? runView(v3.matching) : null;
  const available = new Set(view.availableEvents.map((e) => e.type));
  return {
    round: {
      caseId: round.id,
      officeId: round.officeId,
      title: round.title,
      label: roundLabel(ctx.params),
      state: round.state,
      status: round.status,
      workflowVersion: round.workflowVersion,
    },
    applicants: { kind: roundApplicants(ctx.params), label: APPLICANTS_LABELS[roundApplicants(ctx.params)] },
    scoringTable: scoringTableView(ctx.params.scoringTable),
    phases: PHASE_ORDER.map((key) => ({
      key,
      label: PHASE_LABELS[key],
      date: ctx.params.phases[key].date,
      time: ctx.params.phases[key].time,
    })),
    vacancies: ctx.vacancies.map((v) => ({
      id: v.id,
      schoolId: v.schoolId,
      schoolName: v.schoolName,
      subject: v.subject,
      count: v.count,
      crossArea: v.area !== undefined,
    })),
    requests,
    byState: [...counts.values()],
    matching: {
      runs: v3?.runs.map(runView) ?? [],
      inForce,
      published: v3?.published
        ? { runNo: v3.published.runNo, at: v3.published.at, requestedByName: names.get(v3.published.requestedBy) ?? null }
        : null,
      current,
      results,
      explanations: explained.map((e) => ({
        caseId: e.caseId,
        teacherName: byCase.get(e.caseId)?.teacherName ?? '',
        placedAt: e.placement ? e.placement.schoolName : null,
        text: { th: e.text.th, en: e.text.en },
      })),
    },
    may: {
      postVacancies: available.has('POST_VACANCIES'),
      openRequests: available.has('OPEN_REQUESTS'),
      // at matching, run after run; during screening (or approval), a rematch of the requests the committee sent back
      runMatching:
        hr &&
        round.workflowVersion >= 4 &&
        (round.state === 'matching' ||
          ((round.state === 'screening' || round.state === 'approval') &&
            // requests sent back by the screening committee, or forwarded by other offices after the publication
            (children.some((c) => c.status === 'active' && c.state === 'awaitingMatch') || incoming.some((x) => x.state === 'forwarded')))),
      publish: hr && round.workflowVersion >= 4 && round.state === 'matching' && v3?.matching !== null && v3?.matching !== undefined,
      scoreSheet: hr || actingRolesFor(actor, round, ['group_director']).length > 0,
      trsImport: hr && round.status === 'active' && (round.state === 'requestsOpen' || round.state === 'schoolReview'),
      closePhase: closePhaseOf(view.availableEvents),
    },
  };
}
