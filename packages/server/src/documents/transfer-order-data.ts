/**
 * The transfer order's data from a transfer-request case (its machine's
 * context): ready once both committees approved a placement (`orderSigning`)
 * and after the order was signed. Before that, DOCUMENT_NOT_READY.
 */
import { EsaError, formatThaiDate, localDateOfInstant, meetingHeadline, userNamesTh, type CaseRecord, type Engine } from '@esa-flow/engine';
import type { TransferOrderData } from '@esa-flow/documents';
import { transfer } from '@esa-flow/workflows';

const POSITION_TH = {
  assistant_teacher: 'ครูผู้ช่วย',
  teacher: 'ครู',
  school_director: 'ผู้อำนวยการสถานศึกษา',
  deputy_school_director: 'รองผู้อำนวยการสถานศึกษา',
} as const;
const ORDER_STATES = new Set(['orderSigning', 'reportingForDuty', 'transferred', 'didNotReport']);

export function isTransferRequest(record: CaseRecord): boolean {
  return record.workflowId === 'transfer-request';
}

export async function transferOrderData(engine: Engine, record: CaseRecord, office: { nameTh: string }): Promise<TransferOrderData> {
  const context = (record.snapshot as { context?: transfer.RequestContext }).context;
  const placement = context?.proposal?.placement ?? null;
  if (!isTransferRequest(record) || !context || !context.submission || !placement || !(ORDER_STATES.has(record.state) || context.order)) {
    throw new EsaError('DOCUMENT_NOT_READY', { caseId: record.id, document: 'transfer-order', state: record.state });
  }
  const { clock } = engine;
  const order = context.order;
  const meeting = context.approval ? await meetingHeadline(engine, context.approval.meetingId) : null;
  const signerName = order ? ((await userNamesTh(engine, [order.signedBy])).get(order.signedBy) ?? null) : null;
  const standing = context.submission.facts.academicStanding;
  const signerRole = order?.signerRole ?? transfer.requiredSigner(context.submission.facts);
  const toArea = placement.kind === 'vacancy' && placement.crossArea ? (context.receivingArea?.area ?? null) : null;
  return {
    documentNo: order?.orderNo ?? null,
    signedOn: order?.signedOn ?? null,
    draftedOn: localDateOfInstant(clock.now()),
    effectiveOn: order?.effectiveOn ?? null,
    reportBy: order ? new Date(order.reportByAt) : null,
    approvedBy: meeting
      ? `${meeting.committeeTh} ในการประชุม${meeting.title.replace(/^ประชุม\s*/, '')} เมื่อวันที่ ${formatThaiDate(meeting.scheduledAt, 'th')}`
      : null,
    people: [
      {
        name: context.applicant.name,
        position: POSITION_TH[context.submission.facts.position],
        academicStanding: standing === 'none' ? null : transfer.STANDING_LABELS[standing].th,
        fromSchool: context.currentSchool.name,
        toSchool: placement.schoolName,
        toArea,
        effectiveOn: order?.effectiveOn ?? null,
      },
    ],
    signer: {
      name: signerName,
      position: signerRole === 'school_director' ? `ผู้อำนวยการ${context.currentSchool.name}` : `ผู้อำนวยการ${office.nameTh}`,
    },
    positionGroup: transfer.isAdministratorPosition(context.submission.facts.position) ? 'school_administrators' : 'teachers',
  };
}
