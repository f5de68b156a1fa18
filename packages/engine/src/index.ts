export * from './errors';
export * from './clock';
export * from './database-clock';
export * from './config';
export { createDatabase, type Database, type DatabaseOptions } from './db/database';
export type { DB } from './db/schema';
export { migrateToLatest, assertSchemaNotNewer, KNOWN_MIGRATIONS } from './db/migrate';
export { purgeExpiredRecords, withRecordPurge, RETENTION_DAYS, type PurgeOutcome } from './db/purge-expired-records';
export { checkDatabaseReadiness, assertDatabaseReady, type DatabaseReadiness } from './db/database-readiness';
export * from './access/roles';
export * from './access/actor';
export { canReadCase, actingRolesFor } from './access/authorize';
export { isCaseSubject, isApplicantEvent, isSelfDealing } from './access/segregation';
export { loadUserActor } from './access/load-actor';
export { assigneeAt, assignedTo, type Assignee } from './access/assignee';
export {
  assigneeSnapshotPath,
  grantKey,
  holdsByKeysSql,
  holdsStepSql,
  loadRoleHolders,
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
export { WorkflowRegistry, publishWorkflows } from './workflow/registry';
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
export { readHistoriesOf } from './case/history.repository';
export { findCasesByIds } from './case/case.repository';
export { stableStringify } from './workflow/stable-json';
export { START_EVENT, startCaseThen } from './case/start-case';
export { activeCasesAbout } from './case/cases-about';
export { findIdempotentResponse } from './case/idempotency';
export { createEngine, type Engine } from './engine';
export { listAwaitingWork, type AwaitingItem } from './case/awaiting-work';
export { inboxPage, type InboxPage } from './case/inbox-page';
export { fillCaseWaiting } from './case/fill-case-waiting';
export * from './calendar/index';
export { createCalendarSource, loadCalendar, type CalendarSource } from './sla/calendar-source';
export { releaseUnsentClaim } from './outbox/release-unsent-claim';
export { fireDueTimerBatch, fireTimer, fireTimers, listTimersDueBefore, type FireOutcome, type FireRequest } from './sla/fire-timer';
export { DEFAULT_SLA_POLICY, resolveSlaPolicy, type ResolvedSlaPolicy } from './sla/sla-policy';
export { planTimers, type PlannedTimer, type TimerKind } from './sla/plan-timers';
export type { EngineDeps } from './case/engine-deps';
export {
  addCalendarDay,
  removeCalendarDay,
  listCalendarDays,
  CalendarDayInput,
  type CalendarChangeResult,
  type CalendarDayView,
} from './calendar-admin/calendar-days.service';
export * from './committee/index';
export * from './cycle/index';
export * from './exchange/index';
export { personNameEn, personNameTh } from './access/person-name';
export { schoolNamesOf } from './access/school-names';
export {
  officePersonByIdOrPosition,
  personAtSchoolByCitizenId,
  personIdsByCitizenId,
  schoolCodesById,
  schoolIdsByCode,
  swapPartnerByCitizenId,
  type OfficePerson,
} from './access/office-directory';
export { toMermaid, toStateGraph, type StateGraph, type StateGraphEdge, type StateGraphNode } from './workflow/state-diagram';
export { presentedSchema, stateLabel, unlabelled, type JsonSchema } from './workflow/presented-schema';
export {
  loadCommittee,
  readsEveryCommittee,
  isSeatedOnCommitteeOfKind,
  COMMITTEE_READER_ROLES,
  type CommitteeRow,
} from './committee/committee-access';
export { nameText, hasForbiddenNameCharacter, FORBIDDEN_IN_NAMES } from './text/plain-text';
export { csvCell, neutraliseCsvText } from './csv/csv-cell';
export * from './files/index';
export * from './documents/index';
export { officeNames, userNamesTh, personNamesTh, meetingHeadline } from './office/document-names';
export { parentCaseIdOf } from './case/case.repository';
export { planRetrofitSystemEvents } from './sla/system-events.repository';
export {
  changeDeadlinePolicy,
  dayCountPolicyAt,
  deadlinePolicyOf,
  resolveOfficeDays,
  readsDayCountPolicy,
  DAY_COUNTS,
  DEFAULT_DAY_COUNT,
  type DayCount,
  type DeadlinePolicyVersion,
  type OfficeDeadlinePolicy,
} from './office/deadline-policy';
export {
  changeDocumentSettings,
  documentSettingsOf,
  officeEmblem,
  DEFAULT_DOCUMENT_SETTINGS,
  DEFAULT_UNIT_TH,
  type Letterhead,
  type OfficeDocumentSettings,
} from './office/document-settings';
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
  personnelAsOf,
  personnelAsOfDates,
  personnelRecordStarts,
  personnelHistory,
  personnelPeople,
  personnelPerson,
  recordPersonnelChanges,
  type DatedValue,
  type PersonnelChange,
  type PersonnelHistoryEntry,
  type PersonnelSource,
  type PersonnelView,
  type RecordedChanges,
} from './personnel/personnel-record';
export {
  changeSalaryRoundSettings,
  claimRoundOpening,
  officesOpeningRoundsFromRecords,
  reportRoundOpening,
  roundOpeningOfCase,
  ROUND_OPENING_STALE_MS,
  salaryRoundCasesOf,
  salaryRoundSettingsOf,
  type RoundOpening,
  type SalaryRoundSettings,
} from './personnel/round-openings';

// server reads and commands (door-server)
export { listDemoAccounts, type DemoAccount } from './auth/demo-accounts';
export { changeOwnPassword } from './auth/passwords';
export { takeRateLimit } from './auth/rate-limits';
export {
  createSession,
  listTokens,
  resolveSessionActor,
  revokeCookieSession,
  revokeOtherSessions,
  revokeSession,
  revokeToken,
  type ResolvedSession,
  type TokenScope,
  type TokenView,
} from './auth/sessions';
export {
  clearSignInBackOff,
  clearUserFailedSignIns,
  countSignInFailure,
  countUserFailedSignIn,
  recordSignInAttempt,
  signInThrottleOf,
  userSigningIn,
  type SignInOutcome,
} from './auth/sign-in-attempts';
export { assertGrantScope, assertNotLastAdmin } from './office/grant-rules';
export { findOfficePeople, type FoundPerson } from './office/office-people';
export {
  createUserAccount,
  grantRole,
  isSchoolOfOffice,
  listOfficeUsers,
  officePersonForAccount,
  officeUserOf,
  revokeRole,
  setUserDisabled,
  setUserPasswordHash,
  type OfficeUser,
} from './office/office-users';
export { officeSchools, type OfficeSchool } from './office/schools';
export { writeSchoolImport, type SchoolImportWrites, type StoredSchool } from './import/school-import';
export {
  STAFF_PERSON_FIELDS,
  writeStaffImport,
  type StaffAccount,
  type StaffImportState,
  type StaffImportWrites,
  type StaffPersonFields,
  type StoredStaffPerson,
} from './import/staff-import';
export { ownAccount, type OwnAccount } from './auth/account';
export { actorNamesOf } from './case/actor-names';
export { caseClocks, type CaseClock } from './case/case-clocks';
export { caseOfficeOf } from './case/case-office';
export { casesWaitingAt, type CaseWaiting } from './case/cases-waiting-at';
export { activeCycles, type ActiveCycle } from './cycle/active-cycles';
export { healthGauges, pingDatabase, type HealthGauges } from './health/health-gauges';

// procedure, worker and operator reads and commands (door-rest)
export {
  CLOCK_FILTERS,
  slaByOffice,
  slaByPerson,
  slaByStep,
  slaCases,
  stepLabelOf,
  type ClockCase,
  type ClockFilter,
  type OfficeRow,
  type PersonRow,
  type SlaScope,
  type StepRow,
} from './sla/sla-overview';
export {
  committeeDetail,
  listCommittees,
  listMeetings,
  meetingView,
  type AgendaItemView,
  type CommitteeSummary,
  type MeetingView,
} from './committee/committee-views';
export { childCaseRows, officeCaseRows, procedureCaseRow } from './case/procedure-cases';
export { personNameRow, schoolNameRow } from './access/person-and-school';
export { withPassLock } from './db/pass-lock';
export { dueTimersAt } from './sla/due-timers';
export { insertDigestNotifications } from './outbox/insert-digest-notifications';
export { claimDueNotifications, type ClaimedNotification } from './outbox/claim-due-notifications';
export { markNotificationFailed, markNotificationSent, scheduleNotificationRetry } from './outbox/finish-claimed-notification';
export {
  loadNotificationsForMail,
  type MailLang,
  type MailRecipient,
  type NotificationForMail,
} from './outbox/load-notifications-for-mail';
export { reclaimStaleClaims } from './outbox/reclaim-stale-claims';
export { insertCapturedMail, listCapturedMail, type CapturedMail, type MailToCapture } from './outbox/captured-mail';
export { listFailedNotifications, type FailedNotification } from './outbox/list-failed-notifications';
export {
  appRoleName,
  connectedAsOwner,
  DEFAULT_APP_ROLE,
  grantAppRole,
  setAppRolePassword,
  urlWithUser,
  type AppRoleOutcome,
} from './db/app-role';
export { migrateDatabase, type MigrateOutcome } from './db/migrate-database';
export { insertOfficeWithAdmin, type InsertedOffice, type OfficeWithAdmin } from './operator/create-office';
export { resetUserPassword } from './operator/reset-password';
export { listOffices, type OfficeSummary } from './operator/list-offices';
export { aRealOfficeCode, officeIdByCode } from './operator/office-lookups';
export { caseIdPage } from './operator/case-id-pages';
export { claimHistoryAuditDay, finishHistoryAuditDay } from './operator/history-audits';
export { historyRowsAtLengths, readHistoryHeads, type HistoryHead } from './operator/history-heads';
export { insertDemoAccount, insertDemoOffice } from './operator/demo-accounts';
