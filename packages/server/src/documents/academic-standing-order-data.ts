/**
 * The วิทยฐานะ appointment order's data from an academic-standing case: ready
 * once the result is certified (the order is prepared from `orderPreparation`
 * on), the signed date and signer once SIGN_ORDER is recorded. Before that,
 * DOCUMENT_NOT_READY.
 */
import {
  EsaError,
  formatThaiDate,
  localDateOfInstant,
  meetingHeadline,
  personNamesTh,
  schoolNamesOf,
  userNamesTh,
  type CaseView,
  type Engine,
} from '@esa-flow/engine';
import type { AcademicStandingOrderData } from '@esa-flow/documents';
import { academicStanding } from '@esa-flow/workflows';

export function isAcademicStandingCase(view: CaseView): boolean {
  return view.case.workflowId === 'academic-standing';
}

export async function academicStandingOrderData(
  engine: Engine,
  view: CaseView,
  office: { nameTh: string },
): Promise<AcademicStandingOrderData> {
  const record = view.case;
  const context = (record.snapshot as { context?: academicStanding.AcademicContext }).context;
  if (!isAcademicStandingCase(view) || !context || context.outcome?.result !== 'passed' || !context.certification) {
    throw new EsaError('DOCUMENT_NOT_READY', { caseId: record.id, document: 'academic-standing-order', state: record.state });
  }
  const { clock } = engine;
  const { application } = context;
  const signed = [...view.history].reverse().find((h) => h.eventType === 'SIGN_ORDER');
  const signerName = signed ? ((await userNamesTh(engine, [signed.actorId])).get(signed.actorId) ?? null) : null;
  const approval = context.aspectApprovals.aspect2 ?? context.aspectApprovals.aspect1;
  const meeting = approval ? await meetingHeadline(engine, approval.meetingId) : null;
  const personName = record.subjectPersonId
    ? ((await personNamesTh(engine, [record.subjectPersonId])).get(record.subjectPersonId) ?? '')
    : '';
  const schoolName = record.schoolId
    ? ((await schoolNamesOf(engine, record.officeId)).get(record.schoolId) ?? office.nameTh)
    : office.nameTh;
  return {
    documentNo: context.order?.number || null,
    signedOn: signed ? localDateOfInstant(signed.at) : null,
    draftedOn: localDateOfInstant(clock.now()),
    approvedBy: meeting
      ? `${meeting.committeeTh} ในการประชุม${meeting.title.replace(/^ประชุม\s*/, '')} เมื่อวันที่ ${formatThaiDate(meeting.scheduledAt, 'th')}`
      : null,
    people: [
      {
        name: personName,
        position: academicStanding.POSITION_LABELS[application.position].th,
        schoolName,
        fromLevel: application.currentLevel === 'none' ? null : academicStanding.LEVEL_LABELS[application.currentLevel].th,
        toLevel: academicStanding.positionAtLevel(application.position, application.targetLevel).th,
        effectiveOn: context.order?.effectiveDate ?? academicStanding.effectiveDateOf(context),
      },
    ],
    signer: { name: signerName, position: `ผู้อำนวยการ${office.nameTh}` },
  };
}
