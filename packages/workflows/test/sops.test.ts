/**
 * Model-based tests of the seed-002 SOP workflows: for each, xstate/graph's
 * shortest path to every state is replayed through the real engine against
 * PostgreSQL (history, outbox, revisions, no dead ends), and the list of
 * states is kept under review.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import type { WorkflowDefinition } from '@esa-flow/engine';
import { walkEveryPath } from '../../engine/test/support/model-walk';
import {
  sopAwardSelection,
  sopDevelopmentPlan,
  sopExternalTraining,
  sopGrants,
  sopNeedsBasedTraining,
  sopTravelPermission,
  sopWorkflows,
} from '../src/sops/index';
import { workflows } from '../src/index';
import { actorForEvent, createSopHarness, resolution, WALK_AT, type SopHarness } from './support/sop-walk';

let h: SopHarness;
beforeAll(async () => {
  h = await createSopHarness();
});
afterAll(() => h.tdb.drop());

interface WalkCase {
  def: WorkflowDefinition;
  data: unknown;
  events: { type: string; payload: unknown }[];
  /** the case is about the school director of school 1 (the travel request) */
  aboutDirector?: boolean;
  /** context fields that guards read, so states differing in them are explored separately */
  contextKeys?: string[];
  leafSteps: string[];
}

const e = (type: string, payload: unknown = {}) => ({ type, payload });
const note = { note: 'เอกสารไม่ครบถ้วน' };

const CASES: WalkCase[] = [
  {
    def: sopDevelopmentPlan,
    data: { fiscalYear: 2568 },
    events: [
      e('DATA_COLLECTED'),
      e('PROJECTS_SELECTED', { actionPlanApprovedOn: '2025-03-31', projectCount: 12 }),
      e('DRAFT_COMPLETED', { dataComplete: true }),
      e('COMMITTEE_APPOINTED', { orderNo: '45/2568' }),
      e('PLAN_ENDORSED', resolution('approve')),
      e('PLAN_TO_REVISE', resolution('reject')),
      e('DRAFT_REVISED'),
      e('RESULTS_REPORTED'),
    ],
    leafSteps: [
      'collectingData',
      'analysingProjects',
      'compilingDraft',
      'appointingCommittee',
      'committeeMeeting',
      'revisingDraft',
      'followingUp',
      'completed',
    ],
  },
  {
    def: sopNeedsBasedTraining,
    data: { fiscalYear: 2568 },
    events: [
      e('SURVEY_COMPLETED', { respondents: 240 }),
      // The walk runs in fiscal Q3 of 2568: a Q3 project starts at once, a Q4 one waits.
      e('PROJECT_DRAFTED', { projectTitle: 'อบรมการจัดการเรียนรู้เชิงรุก', requestedQuarter: 3 }),
      e('PROJECT_DRAFTED', { projectTitle: 'อบรมการวัดและประเมินผล', requestedQuarter: 4 }),
      e('PROJECT_SUBMITTED'),
      e('PROJECT_APPROVED', resolution('approve')),
      e('PROJECT_NOT_APPROVED', resolution('reject')),
      e('QUARTER_BEGAN'),
      e('PROJECT_CANCELLED', { note: 'งบประมาณไม่เพียงพอ' }),
      e('INFORMATION_READY'),
      e('COMMITTEES_APPOINTED', { orderNo: '88/2568' }),
      e('ORDER_ACKNOWLEDGED'),
      e('TRAINING_PLANNED', { curriculum: 'หลักสูตร Active Learning 12 ชั่วโมง', manual: 'คู่มือการอบรม' }),
      e('TRAINING_COMPLETED', { participants: 80 }),
      e('EVALUATED'),
    ],
    contextKeys: ['requestedQuarter'],
    leafSteps: [
      'surveyingNeeds',
      'draftingProject',
      'submittingProject',
      'actionPlanCommittee',
      'awaitingQuarter',
      'delivery.window.withinRequestedQuarter',
      'delivery.work.preparingInformation',
      'delivery.work.appointingCommittees',
      'delivery.work.awaitingAcknowledgement',
      'delivery.work.planningMeeting',
      'delivery.work.conductingTraining',
      'evaluating',
      'completed',
      'notApproved',
      'cancelled',
    ],
  },
  {
    def: sopExternalTraining,
    data: { letterNo: 'ศธ 04002/ว 1234', subject: 'ประชุมเชิงปฏิบัติการพัฒนาหลักสูตร', eventKind: 'meeting', organiser: 'สพฐ.' },
    events: [
      e('PROPOSED'),
      e('PERMISSION_GRANTED'),
      e('PERMISSION_DENIED', { note: 'ติดภารกิจสอบปลายภาค' }),
      e('SCHOOLS_NOTIFIED', { schoolCount: 12 }),
      e('NAMES_RECEIVED', { participants: [{ name: 'นางสาวสมใจ ใฝ่รู้', school: 'โรงเรียนบ้านใหม่' }] }),
      e('REPLIES_SENT', { letterNo: 'ศธ 04xxx/567' }),
      e('PARTICIPANTS_RECORDED'),
      e('KPI_REPORTED'),
    ],
    leafSteps: [
      'receivingLetter',
      'superiorPermission',
      'notifyingSchools',
      'awaitingNames',
      'forwardingReplies',
      'recordingParticipants',
      'kpiReport',
      'completed',
      'notPermitted',
    ],
  },
  {
    def: sopAwardSelection,
    data: { awardName: 'ครูดีเด่น ประจำปี 2568', letterNo: 'ศธ 04009/ว 77' },
    events: [
      e('CALENDAR_SET', { applicationsCloseOn: '2025-05-09' }),
      e('CRITERIA_ANNOUNCED'),
      e('APPLICATIONS_CLOSED', { applications: 7 }),
      e('APPLICATIONS_CLOSED', { applications: 0 }),
      e('DOCUMENTS_CHECKED'),
      e('COMMITTEE_APPOINTED', { orderNo: '101/2568' }),
      e('SELECTION_MADE', resolution('approve')),
      e('NONE_SELECTED', resolution('reject')),
      e('MINUTES_DONE'),
      e('RESULTS_ANNOUNCED', { announcementNo: '12/2568', certificates: 3 }),
      e('PERSONNEL_NOTIFIED'),
      e('RESULTS_FORWARDED'),
    ],
    leafSteps: [
      'announcing.calendar.preparingCalendar',
      'announcing.calendar.done',
      'announcing.publicity.announcingCriteria',
      'announcing.publicity.done',
      'receivingApplications',
      'afterClosing.documents.checkingDocuments',
      'afterClosing.documents.done',
      'afterClosing.committee.appointingCommittee',
      'afterClosing.committee.done',
      'selectionMeeting',
      'afterSelection.minutes.writingMinutes',
      'afterSelection.minutes.done',
      'afterSelection.announcement.announcingResults',
      'afterSelection.announcement.done',
      'afterSelection.notice.notifyingPersonnel',
      'afterSelection.notice.done',
      'afterSelection.forwarding.forwardingResults',
      'afterSelection.forwarding.done',
      'completed',
      'noApplications',
    ],
  },
  {
    def: sopTravelPermission,
    data: { destination: 'สพฐ. กรุงเทพมหานคร', purpose: 'ประชุมผู้บริหารสถานศึกษา', departOn: '2025-04-21', returnOn: '2025-04-23' },
    aboutDirector: true,
    events: [
      e('REQUEST_ACCEPTED'),
      e('DOCUMENTS_COMPLETE'),
      e('DOCUMENTS_INCOMPLETE', note),
      e('RESUBMITTED'),
      e('TRAVEL_APPROVED'),
      e('TRAVEL_DENIED', { note: 'ช่วงเวลาดังกล่าวมีการประเมินสถานศึกษา' }),
      e('SCHOOL_NOTIFIED', { letterNo: 'ศธ 04xxx/890' }),
      e('REGISTERED', { registerNo: '15/2568' }),
    ],
    contextKeys: ['decision'],
    leafSteps: [
      'receivingRequest',
      'checkingDocuments',
      'returnedToSchool',
      'authorityDecision',
      'notifyingSchool',
      'controlRegister',
      'approved',
      'denied',
    ],
  },
  {
    def: sopGrants,
    data: { grantName: 'ทุนพัฒนาครูสู่ความเป็นเลิศ', sourceAgency: 'สพฐ.', letterNo: 'ศธ 04001/ว 55' },
    events: [
      e('NOTICE_REGISTERED'),
      e('PUBLICISED'),
      e('APPLICATIONS_CLOSED', { applications: 3 }),
      e('APPLICATIONS_CLOSED', { applications: 0 }),
      e('EVIDENCE_CHECKED', { eligible: 2, ineligible: 1 }),
      e('EVIDENCE_CHECKED', { eligible: 0, ineligible: 3 }),
      e('FORWARDED', { sarabanNo: 'ศธ 04xxx/321', systemRef: 'REG-2568-0042' }),
      e('FORWARD_REFUSED', { note: 'คุณสมบัติไม่ตรงตามประกาศ' }),
      e('REGISTERED', { registerNo: '3/2568' }),
    ],
    leafSteps: [
      'onNotice.receipt.registeringNotice',
      'onNotice.receipt.done',
      'onNotice.publicity.publicising',
      'onNotice.publicity.done',
      'receivingApplications',
      'checkingEvidence',
      'forwarding',
      'controlRegister',
      'forwarded',
      'notForwarded',
      'noApplications',
      'noEligibleApplicants',
    ],
  },
];

describe('seed-002 SOP workflows', () => {
  it('are all in the package registry, once each', () => {
    expect(sopWorkflows.map((d) => d.key)).toEqual([
      'sop-development-plan@1',
      'sop-needs-based-training@1',
      'sop-external-training@1',
      'sop-award-selection@1',
      'sop-travel-permission@1',
      'sop-grants@1',
    ]);
    for (const def of sopWorkflows) expect(workflows.filter((w) => w.key === def.key)).toHaveLength(1);
    expect(CASES.map((c) => c.def)).toEqual(sopWorkflows);
  });

  it.each(CASES)('$def.id: keeps its list of states under review', ({ def, leafSteps }) => {
    expect(def.leafSteps.map((s) => s.path).sort()).toEqual([...leafSteps].sort());
  });

  it.each(CASES)('$def.id: reaches every state through the engine, with history, outbox and no dead ends', async (c) => {
    const { def } = c;
    const subject = c.aboutDirector ? h.office.users.director : null;
    const schoolId = c.aboutDirector ? h.office.schoolIds[0] : null;
    const starter = c.aboutDirector ? h.users.director : h.users.hr;
    const report = await walkEveryPath({
      engine: h.engine,
      tdb: h.tdb,
      def,
      events: c.events,
      actorFor: (type) => actorForEvent(h, def, type, c.aboutDirector ? h.users.director : undefined),
      input: {
        data: c.data,
        caseId: 'model',
        officeId: h.office.officeId,
        schoolId,
        subjectPersonId: subject?.personId ?? null,
        at: WALK_AT,
      },
      start: async () =>
        (
          await h.engine.startCase({
            actor: starter,
            workflowId: def.id,
            officeId: h.office.officeId,
            schoolId,
            subjectPersonId: subject?.personId ?? null,
            title: `${def.title.th} (model)`,
            input: c.data,
          })
        ).caseId,
      serialize: (s: AnyMachineSnapshot) => {
        const ctx = s.context as Record<string, unknown>;
        return JSON.stringify([s.value, ...(c.contextKeys ?? []).map((k) => ctx[k] ?? null)]);
      },
    });
    expect(report.statesReached).toEqual(def.leafSteps.map((s) => s.path).sort());
    expect(report.paths).toBeGreaterThanOrEqual(def.leafSteps.filter((s) => s.final).length);
  });
});
