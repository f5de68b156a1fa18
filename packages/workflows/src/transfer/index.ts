/**
 * Teacher transfer (การย้ายข้าราชการครู): the round (a cycle) and the request
 * (its child), with the pure modules they are built from.
 * See docs/workflows/transfer.md.
 */
import type { WorkflowDefinition } from '@esa-flow/engine';
import {
  transferRequest,
  transferRequestV1,
  transferRequestV3,
  transferRequestV4,
  transferRequestV5,
  transferRequestV6,
  transferRequestV7,
  transferRequestV8,
} from './request-workflow';
import { transferRound, transferRoundV2, transferRoundV3, transferRoundV4, transferRoundV5 } from './round-workflow';
import { withRetrofitSystemEvents } from '../retrofit';

export {
  transferRequest,
  transferRequestV1,
  transferRequestV3,
  transferRequestV4,
  transferRequestV5,
  transferRequestV6,
  transferRequestV7,
  transferRequestV8,
  SENT_BY_MATCHING,
  RECORDED_FROM_TRS,
  SENT_BY_EXCHANGE,
} from './request-workflow';
export { transferRequestMachineV7, oneAreaVerdict } from './request-machine-v7';
export { SignOrderPayload } from './request-events';
export { transferRequestMachineV6, externalFilingVerdict, submissionOfExternalFiling } from './request-machine-v6';
export { transferRequestMachineV4, schoolReviewEndsAt, notCertifiedMode } from './request-machine-v4';
export { transferRequestMachine } from './request-machine';
export {
  transferRound,
  transferRoundV2,
  transferRoundV3,
  transferRoundV4,
  transferRoundV5,
  transferRoundMachine,
  transferRoundMachineV3,
  PostVacanciesPayload,
  PostVacanciesPayloadV3,
  VacancyV3,
  RecordMatchingPayload,
  RecordMatchingPayloadV3,
  PublishMatchingPayload,
  SENT_BY_ROUND_MATCHING,
  type RoundContext,
  type RoundContextV3,
  type MatchingRun,
} from './round-workflow';
export * from './round-params';
export * from './request-data';
export * from './eligibility';
export * from './scoring-table';
export * from './rank';
export * from './match';
export {
  correctionDue,
  grievanceWindowNominalEnd,
  requiredSigner,
  placementFits,
  type RequestContext,
  type Resolution,
} from './request-rules';
export { settleTransferRounds, type SettledRound } from './round-settling';
export {
  fileTransferRequest,
  proposeRoundMatching,
  publishRoundMatching,
  previewRoundMatching,
  candidateOf,
  EXCHANGE_VERSION,
  type Forward,
  type ForwardedCandidate,
} from './round-service';
export {
  offeredCrossAreaVacancies,
  roundExchanges,
  requestExchange,
  decideExchange,
  signExchangeOrder,
  ordersToSign,
  ExchangeDecision,
  type OfferedRound,
  type IncomingExchange,
  type OutgoingExchange,
} from './exchange-service';
export {
  scoreSheetLayout,
  applyScoreSheet,
  enteredComponents,
  optionOf,
  optionText,
  type ScoreSheetLayout,
  type ScoreSheetRow,
  type ScoreSheetReport,
  type ScoreSheetRowReport,
  type ScoreSheetComponent,
} from './score-sheet';
export {
  trsTemplateLayout,
  importTrsFilings,
  parseTrsRow,
  parseTrsDate,
  parseTrsMoment,
  preferenceLabel,
  TRS_COLUMNS,
  type TrsColumn,
  type TrsImportRow,
  type TrsImportReport,
  type TrsRowReport,
  type TrsTemplateLayout,
  type TrsSchoolChoice,
} from './round-trs-import';
export {
  roundAdministration,
  scoringTableView,
  APPLICANTS_LABELS,
  ENTERED_BY_LABELS,
  PHASE_LABELS,
  PHASE_ORDER,
  type ScoringTableView,
  type RoundAdministration,
  type RoundRequestRow,
  type VacancyResult,
  type VacancyApplicant,
} from './round-admin';

/** The steps whose closing events the host used to send to the versions published before timed events (retrofit.ts). */
const REQUEST_TIMED_STEPS = ['draft', 'correction', 'reportingForDuty', 'notMoved'] as const;
const ROUND_TIMED_STEPS = ['requestsOpen', 'schoolReview', 'scoring', 'screening', 'approval', 'orders'] as const;

/**
 * Both transfer workflows, for the registry: request 1–2 and round 1 with the
 * system events of request 3 and round 2 retrofitted (the same events at the
 * same moments, as timer rows; their content unchanged).
 */
export const transferWorkflows: readonly WorkflowDefinition[] = [
  transferRoundV5,
  transferRoundV4,
  transferRoundV3,
  transferRoundV2,
  withRetrofitSystemEvents(transferRound, transferRoundV2, ROUND_TIMED_STEPS),
  transferRequestV8,
  transferRequestV7,
  transferRequestV6,
  transferRequestV5,
  transferRequestV4,
  transferRequestV3,
  withRetrofitSystemEvents(transferRequest, transferRequestV3, REQUEST_TIMED_STEPS),
  withRetrofitSystemEvents(transferRequestV1, transferRequestV3, REQUEST_TIMED_STEPS),
];
