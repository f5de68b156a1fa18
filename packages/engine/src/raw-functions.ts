/**
 * The engine's functions of the database (or of its deps, or of an open
 * transaction): the one list of them. `@esa-flow/engine/internal` exports
 * them as they are, for the engine's migrations, tests, benchmarks and
 * scripts; door-functions.ts wraps the ones hosts call into functions of the
 * `Engine` (docs/architecture.md, "The engine's door").
 */
export { loadUserActor } from './access/load-actor';
export {
  officePersonByIdOrPosition,
  personAtSchoolByCitizenId,
  personIdsByCitizenId,
  schoolCodesById,
  schoolIdsByCode,
  swapPartnerByCitizenId,
} from './access/office-directory';
export { personNameRow, schoolNameRow } from './access/person-and-school';
export { loadRoleHolders } from './access/role-holders';
export { schoolNamesOf } from './access/school-names';
export { ownAccount } from './auth/account';
export { listDemoAccounts } from './auth/demo-accounts';
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
} from './auth/sessions';
export {
  clearSignInBackOff,
  clearUserFailedSignIns,
  countSignInFailure,
  countUserFailedSignIn,
  recordSignInAttempt,
  signInThrottleOf,
  userSigningIn,
} from './auth/sign-in-attempts';
export { addCalendarDay, listCalendarDays, removeCalendarDay } from './calendar-admin/calendar-days.service';
export { actorNamesOf } from './case/actor-names';
export { listAwaitingWork } from './case/awaiting-work';
export { caseClocks } from './case/case-clocks';
export { caseOfficeOf } from './case/case-office';
export { findCasesByIds, parentCaseIdOf } from './case/case.repository';
export { activeCasesAbout } from './case/cases-about';
export { casesWaitingAt } from './case/cases-waiting-at';
export { readHistoriesOf } from './case/history.repository';
export { findIdempotentResponse } from './case/idempotency';
export { inboxPage } from './case/inbox-page';
export { childCaseRows, officeCaseRows, procedureCaseRow } from './case/procedure-cases';
export { startCaseThen } from './case/start-case';
export { casesAwaitingCommittee } from './committee/agenda';
export { closeMeetingAndApply } from './committee/apply-resolutions';
export { isSeatedOnCommitteeOfKind, loadCommittee } from './committee/committee-access';
export { committeeDetail, listCommittees, listMeetings, meetingView } from './committee/committee-views';
export { addCommitteeMember, createCommittee, seatedMembers } from './committee/committee.service';
export { recordListResolution } from './committee/list-resolution';
export { editAgenda, loadMeeting, meetingQuorum, openMeeting, scheduleMeeting } from './committee/meeting.service';
export { buildMinutes } from './committee/minutes';
export { castVote, recordResolution, recuseMember, tallyOf } from './committee/voting.service';
export { activeCycles } from './cycle/active-cycles';
export { advanceCycleIfSettled } from './cycle/advance-cycle';
export { childrenActorMaySend } from './cycle/children-for-actor';
export { cycleProgress } from './cycle/cycle-progress';
export { findCycleExternalRef, findExternalRef, recordCycleExternalRef, recordExternalRef } from './cycle/external-refs';
export { findCycleChild } from './cycle/find-cycle-child';
export { listActiveCycles, listCyclesWaitingAt } from './cycle/list-active-cycles';
export { listCycleChildren } from './cycle/list-cycle-children';
export { openCycleChild } from './cycle/open-cycle-child';
export { openCycleChildren } from './cycle/open-cycle-children';
export { readDatabaseTime } from './database-clock';
export { connectedAsOwner, grantAppRole, setAppRolePassword } from './db/app-role';
export { assertDatabaseReady, checkDatabaseReadiness } from './db/database-readiness';
export { migrateDatabase } from './db/migrate-database';
export { assertSchemaNotNewer, migrateToLatest } from './db/migrate';
export { withPassLock } from './db/pass-lock';
export { purgeExpiredRecords } from './db/purge-expired-records';
export { cancelDocumentNumber, findDocumentNumber, issueDocumentNumber, listDocumentNumbers } from './documents/number-register';
export {
  activeCasesOfOtherOffices,
  insertTransferExchange,
  listTransferExchanges,
  lockTransferExchange,
  markTransferExchangeRanked,
  markTransferExchangeReturned,
  officesByCode,
} from './exchange/transfer-exchanges';
export {
  attachFileToCase,
  attachFileToMeeting,
  listCaseFiles,
  listMeetingFiles,
  readableFile,
  removeCaseFile,
  removeMeetingFile,
  uploadFile,
} from './files/file-service';
export { createPostgresContentStore } from './files/postgres-content-store';
export { healthGauges, pingDatabase } from './health/health-gauges';
export { writeSchoolImport } from './import/school-import';
export { writeStaffImport } from './import/staff-import';
export { changeDeadlinePolicy, dayCountPolicyAt, deadlinePolicyOf } from './office/deadline-policy';
export { meetingHeadline, officeNames, personNamesTh, userNamesTh } from './office/document-names';
export { changeDocumentSettings, documentSettingsOf, officeEmblem } from './office/document-settings';
export { assertNotLastAdmin } from './office/grant-rules';
export { findOfficePeople } from './office/office-people';
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
} from './office/office-users';
export { officeSchools } from './office/schools';
export { caseIdPage } from './operator/case-id-pages';
export { insertOfficeWithAdmin } from './operator/create-office';
export { insertDemoAccount, insertDemoOffice } from './operator/demo-accounts';
export { claimHistoryAuditDay, finishHistoryAuditDay } from './operator/history-audits';
export { historyRowsAtLengths, readHistoryHeads } from './operator/history-heads';
export { listOffices } from './operator/list-offices';
export { aRealOfficeCode, officeIdByCode } from './operator/office-lookups';
export { resetUserPassword } from './operator/reset-password';
export { insertCapturedMail, listCapturedMail } from './outbox/captured-mail';
export { claimDueNotifications } from './outbox/claim-due-notifications';
export { markNotificationFailed, markNotificationSent, scheduleNotificationRetry } from './outbox/finish-claimed-notification';
export { insertDigestNotifications } from './outbox/insert-digest-notifications';
export { listFailedNotifications } from './outbox/list-failed-notifications';
export { loadNotificationsForMail } from './outbox/load-notifications-for-mail';
export { reclaimStaleClaims } from './outbox/reclaim-stale-claims';
export { releaseUnsentClaim } from './outbox/release-unsent-claim';
export {
  personnelAsOf,
  personnelAsOfDates,
  personnelHistory,
  personnelPeople,
  personnelPerson,
  personnelRecordStarts,
  recordPersonnelChanges,
} from './personnel/personnel-record';
export {
  changeSalaryRoundSettings,
  claimRoundOpening,
  officesOpeningRoundsFromRecords,
  reportRoundOpening,
  roundOpeningOfCase,
  salaryRoundCasesOf,
  salaryRoundSettingsOf,
} from './personnel/round-openings';
export { loadCalendar } from './sla/calendar-source';
export { dueTimersAt } from './sla/due-timers';
export { fireDueTimerBatch, fireTimer, fireTimers, listTimersDueBefore } from './sla/fire-timer';
export { slaByOffice, slaCases, slaOverview, stepLabelOf } from './sla/sla-overview';
export { planRetrofitSystemEvents } from './sla/system-events.repository';
export { publishWorkflows } from './workflow/registry';
