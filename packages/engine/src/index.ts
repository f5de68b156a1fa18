export * from './errors';
export * from './clock';
export * from './database-clock';
export * from './config';

export { KNOWN_MIGRATIONS } from './db/migrate';
export { withRecordPurge, RETENTION_DAYS, type PurgeOutcome } from './db/purge-expired-records';
export { type DatabaseReadiness } from './db/database-readiness';
export * from './access/roles';
export * from './access/actor';
export { canReadCase, actingRolesFor } from './access/authorize';
export { isCaseSubject, isApplicantEvent, isSelfDealing } from './access/segregation';

export { assigneeAt, assignedTo, type Assignee } from './access/assignee';
export {
  assigneeSnapshotPath,
  grantKey,
  holdsByKeysSql,
  holdsStepSql,
  roleHoldersSql,
  stepHolderKeys,
  stepHolderRoles,
  userHolderKeys,
  type RoleHolders,
  type RoleHoldersSqlArgs,
  type SqlOperand,
  type UserHolderKeys,
} from './access/role-holders';
export * from './workflow/types';
export { defineWorkflow } from './workflow/define-workflow';
export { WorkflowRegistry } from './workflow/registry';
export { activeStepPaths, stateKey, leafStatePaths, eventsAtStep } from './workflow/state-paths';
export type { CommandResult, DispatchCommand, StartCaseCommand } from './case/command-types';
export type { CaseRecord } from './case/case.repository';
export type { CaseView, AvailableEvent, CaseDeadline } from './case/get-case';
export { DEADLINE_EXTENDED_EVENT, type ExtendDeadlineCommand } from './sla/extend-deadline';
export { momentOfSpec, momentOfValue, resolveDataMoment, valueAtPath } from './sla/data-moment';
export type { LateMark } from './case/history-hash';
export type { CaseFilter } from './case/list-cases';
export type { HistoryEntry } from './case/history.repository';
export type { HistoryVerdict, HistoryProblem } from './case/verify-history';
export type { ReplayVerdict, ReplayProblem } from './case/replay-history';
export { replayHistoryRows } from './case/replay-history';
export { verifyHistoryRows } from './case/verify-history';

export { stableStringify } from './workflow/stable-json';
export { START_EVENT } from './case/start-case';

export { openEngine, type Engine, type EngineOptions } from './engine';
export type { DatabaseOptions } from './db/database';
export { type AwaitingItem } from './case/awaiting-work';
export { type InboxCursor, type InboxFilter, type InboxPage } from './case/inbox-page';
export * from './calendar/index';
export { createCalendarSource, type CalendarSource } from './sla/calendar-source';

export { type FireOutcome, type FireRequest } from './sla/fire-timer';
export { DEFAULT_SLA_POLICY, resolveSlaPolicy, type ResolvedSlaPolicy } from './sla/sla-policy';
export { planTimers, type PlannedTimer, type TimerKind } from './sla/plan-timers';

export { CalendarDayInput, type CalendarChangeResult, type CalendarDayView } from './calendar-admin/calendar-days.service';
export * from './committee/index';
export * from './cycle/index';
export * from './exchange/index';
export { personNameEn, personNameTh } from './access/person-name';

export { type OfficePerson } from './access/office-directory';
export { toMermaid, toStateGraph, type StateGraph, type StateGraphEdge, type StateGraphNode } from './workflow/state-diagram';
export { presentedSchema, stateLabel, unlabelled, type JsonSchema } from './workflow/presented-schema';
export { readsEveryCommittee, COMMITTEE_READER_ROLES, type CommitteeRow } from './committee/committee-access';
export { nameText, hasForbiddenNameCharacter, FORBIDDEN_IN_NAMES } from './text/plain-text';
export { csvCell, neutraliseCsvText } from './csv/csv-cell';
export * from './files/index';
export * from './documents/index';

export {
  resolveOfficeDays,
  readsDayCountPolicy,
  DAY_COUNTS,
  DEFAULT_DAY_COUNT,
  type DayCount,
  type DeadlinePolicyVersion,
  type OfficeDeadlinePolicy,
} from './office/deadline-policy';
export { DEFAULT_DOCUMENT_SETTINGS, DEFAULT_UNIT_TH, type Letterhead, type OfficeDocumentSettings } from './office/document-settings';
export {
  PERSONNEL_FIELDS,
  PERSONNEL_FIELD_NAMES,
  isPersonnelField,
  type LeaveValue,
  type PenaltyValue,
  type PersonnelField,
  type ScalarPersonnelField,
} from './personnel/personnel-fields';
export {
  type DatedValue,
  type PersonnelChange,
  type PersonnelHistoryEntry,
  type PersonnelSource,
  type PersonnelView,
  type RecordedChanges,
} from './personnel/personnel-record';
export { ROUND_OPENING_STALE_MS, type RoundOpening, type SalaryRoundSettings } from './personnel/round-openings';

// server reads and commands (door-server)
export { type DemoAccount } from './auth/demo-accounts';

export { type ResolvedSession, type TokenScope, type TokenView } from './auth/sessions';
export { type SignInOutcome } from './auth/sign-in-attempts';
export { assertGrantScope } from './office/grant-rules';
export { type FoundPerson } from './office/office-people';
export { type OfficeUser } from './office/office-users';
export { type OfficeSchool } from './office/schools';
export { type SchoolImportWrites, type StoredSchool } from './import/school-import';
export {
  STAFF_PERSON_FIELDS,
  type StaffAccount,
  type StaffImportState,
  type StaffImportWrites,
  type StaffPersonFields,
  type StoredStaffPerson,
} from './import/staff-import';
export { type OwnAccount } from './auth/account';

export { type CaseClock } from './case/case-clocks';

export { type CaseWaiting } from './case/cases-waiting-at';
export { type ActiveCycle } from './cycle/active-cycles';
export { type HealthGauges } from './health/health-gauges';

// procedure, worker and operator reads and commands (door-rest)
export {
  CLOCK_FILTERS,
  type ClockCase,
  type ClockFilter,
  type OfficeRow,
  type PersonRow,
  type SlaOverview,
  type SlaScope,
  type StepRow,
} from './sla/sla-overview';
export { type AgendaItemView, type CommitteeSummary, type MeetingView } from './committee/committee-views';

export { type ClaimedNotification } from './outbox/claim-due-notifications';

export { type MailLang, type MailRecipient, type NotificationForMail } from './outbox/load-notifications-for-mail';

export { type CapturedMail, type MailToCapture } from './outbox/captured-mail';
export { type FailedNotification } from './outbox/list-failed-notifications';
export { appRoleName, DEFAULT_APP_ROLE, urlWithUser, type AppRoleOutcome } from './db/app-role';
export { type MigrateOutcome } from './db/migrate-database';
export { type InsertedOffice, type OfficeWithAdmin } from './operator/create-office';

export { type OfficeSummary } from './operator/list-offices';

export { type HistoryHead } from './operator/history-heads';

// the engine functions hosts call, taking the engine (door-functions.ts, docs/architecture.md "The engine's door")
export {
  aRealOfficeCode,
  activeCasesAbout,
  activeCasesOfOtherOffices,
  activeCycles,
  actorNamesOf,
  addCalendarDay,
  addCommitteeMember,
  advanceCycleIfSettled,
  assertDatabaseReady,
  attachFileToCase,
  attachFileToMeeting,
  buildMinutes,
  cancelDocumentNumber,
  caseClocks,
  caseIdPage,
  caseOfficeOf,
  casesAwaitingCommittee,
  casesWaitingAt,
  castVote,
  changeDeadlinePolicy,
  changeDocumentSettings,
  changeOwnPassword,
  changeSalaryRoundSettings,
  checkDatabaseReadiness,
  childCaseRows,
  childrenActorMaySend,
  claimDueNotifications,
  claimHistoryAuditDay,
  claimRoundOpening,
  clearSignInBackOff,
  clearUserFailedSignIns,
  closeMeetingAndApply,
  committeeDetail,
  connectedAsOwner,
  countSignInFailure,
  countUserFailedSignIn,
  createCommittee,
  createPostgresContentStore,
  createSession,
  createUserAccount,
  cycleProgress,
  dayCountPolicyAt,
  deadlinePolicyOf,
  documentSettingsOf,
  dueTimersAt,
  editAgenda,
  findCasesByIds,
  findCycleChild,
  findCycleExternalRef,
  findDocumentNumber,
  findExternalRef,
  findIdempotentResponse,
  findOfficePeople,
  finishHistoryAuditDay,
  fireDueTimerBatch,
  fireTimers,
  grantRole,
  healthGauges,
  historyRowsAtLengths,
  inboxPage,
  insertCapturedMail,
  insertDemoAccount,
  insertDemoOffice,
  insertDigestNotifications,
  insertOfficeWithAdmin,
  insertTransferExchange,
  isSchoolOfOffice,
  isSeatedOnCommitteeOfKind,
  issueDocumentNumber,
  listActiveCycles,
  listAwaitingWork,
  listCalendarDays,
  listCapturedMail,
  listCaseFiles,
  listCommittees,
  listCycleChildren,
  listCyclesWaitingAt,
  listDemoAccounts,
  listDocumentNumbers,
  listFailedNotifications,
  listMeetingFiles,
  listMeetings,
  listOfficeUsers,
  listOffices,
  listTimersDueBefore,
  listTokens,
  listTransferExchanges,
  loadCommittee,
  loadMeeting,
  loadNotificationsForMail,
  lockTransferExchange,
  markNotificationFailed,
  markNotificationSent,
  markTransferExchangeRanked,
  markTransferExchangeReturned,
  meetingHeadline,
  meetingQuorum,
  meetingView,
  migrateDatabase,
  officeCaseRows,
  officeEmblem,
  officeIdByCode,
  officeNames,
  officePersonByIdOrPosition,
  officePersonForAccount,
  officeSchools,
  officeUserOf,
  officesByCode,
  officesOpeningRoundsFromRecords,
  officeCalendar,
  openCycleChild,
  type OpenCycleChildOptions,
  openCycleChildren,
  openMeeting,
  ownAccount,
  parentCaseIdOf,
  personAtSchoolByCitizenId,
  personIdsByCitizenId,
  personNameRow,
  personNamesTh,
  personnelAsOf,
  personnelAsOfDates,
  personnelHistory,
  personnelPeople,
  personnelPerson,
  pingDatabase,
  planRetrofitSystemEvents,
  procedureCaseRow,
  readDatabaseTime,
  readHistoriesOf,
  readHistoryHeads,
  readableFile,
  reclaimStaleClaims,
  recordCycleExternalRef,
  recordExternalRef,
  recordListResolution,
  recordPersonnelChanges,
  recordResolution,
  recordSignInAttempt,
  recuseMember,
  releaseUnsentClaim,
  removeCalendarDay,
  removeCaseFile,
  removeMeetingFile,
  reportRoundOpening,
  resetUserPassword,
  resolveSessionActor,
  revokeCookieSession,
  revokeRole,
  revokeSession,
  revokeToken,
  roundOpeningOfCase,
  salaryRoundCasesOf,
  salaryRoundSettingsOf,
  scheduleMeeting,
  scheduleNotificationRetry,
  schoolCodesById,
  schoolIdsByCode,
  schoolNameRow,
  schoolNamesOf,
  seatedMembers,
  setAppRolePassword,
  setUserDisabled,
  setUserPasswordHash,
  signInThrottleOf,
  slaByOffice,
  slaCases,
  slaOverview,
  startCaseThen,
  stepLabelOf,
  swapPartnerByCitizenId,
  takeRateLimit,
  tallyOf,
  uploadFile,
  userNamesTh,
  userSigningIn,
  withPassLock,
  writeSchoolImport,
  writeStaffImport,
} from './door-functions';
