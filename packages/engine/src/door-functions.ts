/**
 * The engine functions hosts call, as functions of the engine (the door):
 * each takes the `Engine` where the function it wraps takes the database, the
 * engine's deps or an open transaction (door.ts). The main entry exports these;
 * `@esa-flow/engine/internal` exports the functions they wrap, for tests.
 */
import type { Actor } from './access/actor';
import type { CalendarSource } from './sla/calendar-source';
import type { OpenCycleChildOptions as RawOpenCycleChildOptions } from './cycle/open-cycle-child';
import { engineInTransaction, type Engine } from './engine';
import type { CommandResult, StartCaseCommand } from './case/command-types';
import { dbOf, depsOf, viaDb, viaDeps, viaTransaction } from './door';
import {
  officePersonByIdOrPosition as officePersonByIdOrPosition_,
  personAtSchoolByCitizenId as personAtSchoolByCitizenId_,
  personIdsByCitizenId as personIdsByCitizenId_,
  schoolCodesById as schoolCodesById_,
  schoolIdsByCode as schoolIdsByCode_,
  swapPartnerByCitizenId as swapPartnerByCitizenId_,
} from './access/office-directory';
import { personNameRow as personNameRow_, schoolNameRow as schoolNameRow_ } from './access/person-and-school';
import { schoolNamesOf as schoolNamesOf_ } from './access/school-names';
import { ownAccount as ownAccount_ } from './auth/account';
import { listDemoAccounts as listDemoAccounts_ } from './auth/demo-accounts';
import { changeOwnPassword as changeOwnPassword_ } from './auth/passwords';
import { takeRateLimit as takeRateLimit_ } from './auth/rate-limits';
import {
  createSession as createSession_,
  listTokens as listTokens_,
  resolveSessionActor as resolveSessionActor_,
  revokeCookieSession as revokeCookieSession_,
  revokeSession as revokeSession_,
  revokeToken as revokeToken_,
} from './auth/sessions';
import {
  clearSignInBackOff as clearSignInBackOff_,
  clearUserFailedSignIns as clearUserFailedSignIns_,
  countSignInFailure as countSignInFailure_,
  countUserFailedSignIn as countUserFailedSignIn_,
  recordSignInAttempt as recordSignInAttempt_,
  signInThrottleOf as signInThrottleOf_,
  userSigningIn as userSigningIn_,
} from './auth/sign-in-attempts';
import {
  addCalendarDay as addCalendarDay_,
  listCalendarDays as listCalendarDays_,
  removeCalendarDay as removeCalendarDay_,
} from './calendar-admin/calendar-days.service';
import { actorNamesOf as actorNamesOf_ } from './case/actor-names';
import { listAwaitingWork as listAwaitingWork_ } from './case/awaiting-work';
import { caseClocks as caseClocks_ } from './case/case-clocks';
import { caseOfficeOf as caseOfficeOf_ } from './case/case-office';
import { findCasesByIds as findCasesByIds_, parentCaseIdOf as parentCaseIdOf_ } from './case/case.repository';
import { activeCasesAbout as activeCasesAbout_ } from './case/cases-about';
import { casesWaitingAt as casesWaitingAt_ } from './case/cases-waiting-at';
import { readHistoriesOf as readHistoriesOf_ } from './case/history.repository';
import { findIdempotentResponse as findIdempotentResponse_ } from './case/idempotency';
import { inboxPage as inboxPage_ } from './case/inbox-page';
import {
  childCaseRows as childCaseRows_,
  officeCaseRows as officeCaseRows_,
  procedureCaseRow as procedureCaseRow_,
} from './case/procedure-cases';
import { casesAwaitingCommittee as casesAwaitingCommittee_ } from './committee/agenda';
import { closeMeetingAndApply as closeMeetingAndApply_ } from './committee/apply-resolutions';
import { isSeatedOnCommitteeOfKind as isSeatedOnCommitteeOfKind_, loadCommittee as loadCommittee_ } from './committee/committee-access';
import {
  committeeDetail as committeeDetail_,
  listCommittees as listCommittees_,
  listMeetings as listMeetings_,
  meetingView as meetingView_,
} from './committee/committee-views';
import {
  addCommitteeMember as addCommitteeMember_,
  createCommittee as createCommittee_,
  seatedMembers as seatedMembers_,
} from './committee/committee.service';
import { recordListResolution as recordListResolution_ } from './committee/list-resolution';
import {
  editAgenda as editAgenda_,
  loadMeeting as loadMeeting_,
  meetingQuorum as meetingQuorum_,
  openMeeting as openMeeting_,
  scheduleMeeting as scheduleMeeting_,
} from './committee/meeting.service';
import { buildMinutes as buildMinutes_ } from './committee/minutes';
import {
  castVote as castVote_,
  recordResolution as recordResolution_,
  recuseMember as recuseMember_,
  tallyOf as tallyOf_,
} from './committee/voting.service';
import { activeCycles as activeCycles_ } from './cycle/active-cycles';
import { advanceCycleIfSettled as advanceCycleIfSettled_ } from './cycle/advance-cycle';
import { childrenActorMaySend as childrenActorMaySend_ } from './cycle/children-for-actor';
import { cycleProgress as cycleProgress_ } from './cycle/cycle-progress';
import {
  findCycleExternalRef as findCycleExternalRef_,
  findExternalRef as findExternalRef_,
  recordCycleExternalRef as recordCycleExternalRef_,
  recordExternalRef as recordExternalRef_,
} from './cycle/external-refs';
import { findCycleChild as findCycleChild_ } from './cycle/find-cycle-child';
import { listActiveCycles as listActiveCycles_, listCyclesWaitingAt as listCyclesWaitingAt_ } from './cycle/list-active-cycles';
import { listCycleChildren as listCycleChildren_ } from './cycle/list-cycle-children';
import { openCycleChild as openCycleChild_ } from './cycle/open-cycle-child';
import { openCycleChildren as openCycleChildren_ } from './cycle/open-cycle-children';
import { readDatabaseTime as readDatabaseTime_ } from './database-clock';
import { connectedAsOwner as connectedAsOwner_, setAppRolePassword as setAppRolePassword_ } from './db/app-role';
import { assertDatabaseReady as assertDatabaseReady_, checkDatabaseReadiness as checkDatabaseReadiness_ } from './db/database-readiness';
import { migrateDatabase as migrateDatabase_ } from './db/migrate-database';
import { withPassLock as withPassLock_ } from './db/pass-lock';
import {
  cancelDocumentNumber as cancelDocumentNumber_,
  findDocumentNumber as findDocumentNumber_,
  issueDocumentNumber as issueDocumentNumber_,
  listDocumentNumbers as listDocumentNumbers_,
} from './documents/number-register';
import {
  activeCasesOfOtherOffices as activeCasesOfOtherOffices_,
  insertTransferExchange as insertTransferExchange_,
  listTransferExchanges as listTransferExchanges_,
  lockTransferExchange as lockTransferExchange_,
  markTransferExchangeRanked as markTransferExchangeRanked_,
  markTransferExchangeReturned as markTransferExchangeReturned_,
  officesByCode as officesByCode_,
} from './exchange/transfer-exchanges';
import {
  attachFileToCase as attachFileToCase_,
  attachFileToMeeting as attachFileToMeeting_,
  listCaseFiles as listCaseFiles_,
  listMeetingFiles as listMeetingFiles_,
  readableFile as readableFile_,
  removeCaseFile as removeCaseFile_,
  removeMeetingFile as removeMeetingFile_,
  uploadFile as uploadFile_,
} from './files/file-service';
import { createPostgresContentStore as createPostgresContentStore_ } from './files/postgres-content-store';
import { healthGauges as healthGauges_, pingDatabase as pingDatabase_ } from './health/health-gauges';
import { writeSchoolImport as writeSchoolImport_ } from './import/school-import';
import { writeStaffImport as writeStaffImport_ } from './import/staff-import';
import {
  changeDeadlinePolicy as changeDeadlinePolicy_,
  dayCountPolicyAt as dayCountPolicyAt_,
  deadlinePolicyOf as deadlinePolicyOf_,
} from './office/deadline-policy';
import {
  meetingHeadline as meetingHeadline_,
  officeNames as officeNames_,
  personNamesTh as personNamesTh_,
  userNamesTh as userNamesTh_,
} from './office/document-names';
import {
  changeDocumentSettings as changeDocumentSettings_,
  documentSettingsOf as documentSettingsOf_,
  officeEmblem as officeEmblem_,
} from './office/document-settings';
import { findOfficePeople as findOfficePeople_ } from './office/office-people';
import {
  createUserAccount as createUserAccount_,
  grantRole as grantRole_,
  isSchoolOfOffice as isSchoolOfOffice_,
  listOfficeUsers as listOfficeUsers_,
  officePersonForAccount as officePersonForAccount_,
  officeUserOf as officeUserOf_,
  revokeRole as revokeRole_,
  setUserDisabled as setUserDisabled_,
  setUserPasswordHash as setUserPasswordHash_,
} from './office/office-users';
import { officeSchools as officeSchools_ } from './office/schools';
import { caseIdPage as caseIdPage_ } from './operator/case-id-pages';
import { insertOfficeWithAdmin as insertOfficeWithAdmin_ } from './operator/create-office';
import { insertDemoAccount as insertDemoAccount_, insertDemoOffice as insertDemoOffice_ } from './operator/demo-accounts';
import { claimHistoryAuditDay as claimHistoryAuditDay_, finishHistoryAuditDay as finishHistoryAuditDay_ } from './operator/history-audits';
import { historyRowsAtLengths as historyRowsAtLengths_, readHistoryHeads as readHistoryHeads_ } from './operator/history-heads';
import { listOffices as listOffices_ } from './operator/list-offices';
import { aRealOfficeCode as aRealOfficeCode_, officeIdByCode as officeIdByCode_ } from './operator/office-lookups';
import { resetUserPassword as resetUserPassword_ } from './operator/reset-password';
import { insertCapturedMail as insertCapturedMail_, listCapturedMail as listCapturedMail_ } from './outbox/captured-mail';
import { claimDueNotifications as claimDueNotifications_ } from './outbox/claim-due-notifications';
import {
  markNotificationFailed as markNotificationFailed_,
  markNotificationSent as markNotificationSent_,
  scheduleNotificationRetry as scheduleNotificationRetry_,
} from './outbox/finish-claimed-notification';
import { insertDigestNotifications as insertDigestNotifications_ } from './outbox/insert-digest-notifications';
import { listFailedNotifications as listFailedNotifications_ } from './outbox/list-failed-notifications';
import { loadNotificationsForMail as loadNotificationsForMail_ } from './outbox/load-notifications-for-mail';
import { reclaimStaleClaims as reclaimStaleClaims_ } from './outbox/reclaim-stale-claims';
import { releaseUnsentClaim as releaseUnsentClaim_ } from './outbox/release-unsent-claim';
import {
  personnelAsOf as personnelAsOf_,
  personnelAsOfDates as personnelAsOfDates_,
  personnelHistory as personnelHistory_,
  personnelPeople as personnelPeople_,
  personnelPerson as personnelPerson_,
  recordPersonnelChanges as recordPersonnelChanges_,
} from './personnel/personnel-record';
import {
  changeSalaryRoundSettings as changeSalaryRoundSettings_,
  claimRoundOpening as claimRoundOpening_,
  officesOpeningRoundsFromRecords as officesOpeningRoundsFromRecords_,
  reportRoundOpening as reportRoundOpening_,
  roundOpeningOfCase as roundOpeningOfCase_,
  salaryRoundCasesOf as salaryRoundCasesOf_,
  salaryRoundSettingsOf as salaryRoundSettingsOf_,
} from './personnel/round-openings';
import { dueTimersAt as dueTimersAt_ } from './sla/due-timers';
import {
  fireDueTimerBatch as fireDueTimerBatch_,
  fireTimers as fireTimers_,
  listTimersDueBefore as listTimersDueBefore_,
} from './sla/fire-timer';
import {
  slaByOffice as slaByOffice_,
  slaByPerson as slaByPerson_,
  slaByStep as slaByStep_,
  slaCases as slaCases_,
  stepLabelOf as stepLabelOf_,
} from './sla/sla-overview';
import { planRetrofitSystemEvents as planRetrofitSystemEvents_ } from './sla/system-events.repository';

export const officePersonByIdOrPosition = viaDb(officePersonByIdOrPosition_);
export const personAtSchoolByCitizenId = viaDb(personAtSchoolByCitizenId_);
export const personIdsByCitizenId = viaDb(personIdsByCitizenId_);
export const schoolCodesById = viaDb(schoolCodesById_);
export const schoolIdsByCode = viaDb(schoolIdsByCode_);
export const swapPartnerByCitizenId = viaDb(swapPartnerByCitizenId_);
export const personNameRow = viaDb(personNameRow_);
export const schoolNameRow = viaDb(schoolNameRow_);
export const schoolNamesOf = viaDb(schoolNamesOf_);
export const ownAccount = viaDb(ownAccount_);
export const listDemoAccounts = viaDb(listDemoAccounts_);
export const changeOwnPassword = viaDb(changeOwnPassword_);
export const takeRateLimit = viaDb(takeRateLimit_);
export const createSession = viaDb(createSession_);
export const listTokens = viaDb(listTokens_);
export const resolveSessionActor = viaDb(resolveSessionActor_);
export const revokeCookieSession = viaDb(revokeCookieSession_);
export const revokeSession = viaDb(revokeSession_);
export const revokeToken = viaDb(revokeToken_);
export const clearSignInBackOff = viaDb(clearSignInBackOff_);
export const clearUserFailedSignIns = viaDb(clearUserFailedSignIns_);
export const countSignInFailure = viaDb(countSignInFailure_);
export const countUserFailedSignIn = viaDb(countUserFailedSignIn_);
export const recordSignInAttempt = viaDb(recordSignInAttempt_);
export const signInThrottleOf = viaDb(signInThrottleOf_);
export const userSigningIn = viaDb(userSigningIn_);
export const addCalendarDay = viaDeps(addCalendarDay_);
export const listCalendarDays = viaDeps(listCalendarDays_);
export const removeCalendarDay = viaDeps(removeCalendarDay_);
export const actorNamesOf = viaDb(actorNamesOf_);
export const listAwaitingWork = viaDeps(listAwaitingWork_);
export const caseClocks = viaDb(caseClocks_);
export const caseOfficeOf = viaDb(caseOfficeOf_);
export const findCasesByIds = viaDb(findCasesByIds_);
export const parentCaseIdOf = viaDb(parentCaseIdOf_);
export const activeCasesAbout = viaDb(activeCasesAbout_);
export const casesWaitingAt = viaDb(casesWaitingAt_);
export const readHistoriesOf = viaDb(readHistoriesOf_);
export const inboxPage = viaDeps(inboxPage_);
export const childCaseRows = viaDb(childCaseRows_);
export const officeCaseRows = viaDb(officeCaseRows_);
export const procedureCaseRow = viaDb(procedureCaseRow_);
export const casesAwaitingCommittee = viaDb(casesAwaitingCommittee_);
export const closeMeetingAndApply = viaDeps(closeMeetingAndApply_);
export const isSeatedOnCommitteeOfKind = viaDb(isSeatedOnCommitteeOfKind_);
export const loadCommittee = viaDb(loadCommittee_);
export const committeeDetail = viaDeps(committeeDetail_);
export const listCommittees = viaDeps(listCommittees_);
export const listMeetings = viaDeps(listMeetings_);
export const meetingView = viaDeps(meetingView_);
export const addCommitteeMember = viaDeps(addCommitteeMember_);
export const createCommittee = viaDeps(createCommittee_);
export const seatedMembers = viaDb(seatedMembers_);
export const recordListResolution = viaDeps(recordListResolution_);
export const editAgenda = viaDeps(editAgenda_);
export const loadMeeting = viaDb(loadMeeting_);
export const meetingQuorum = viaDb(meetingQuorum_);
export const openMeeting = viaDeps(openMeeting_);
export const scheduleMeeting = viaDeps(scheduleMeeting_);
export const buildMinutes = viaDeps(buildMinutes_);
export const castVote = viaDeps(castVote_);
export const recordResolution = viaDeps(recordResolution_);
export const recuseMember = viaDeps(recuseMember_);
export const tallyOf = viaDb(tallyOf_);
export const activeCycles = viaDb(activeCycles_);
export const advanceCycleIfSettled = viaDeps(advanceCycleIfSettled_);
export const childrenActorMaySend = viaDeps(childrenActorMaySend_);
export const cycleProgress = viaDeps(cycleProgress_);
export const findCycleExternalRef = viaDeps(findCycleExternalRef_);
export const findExternalRef = viaDeps(findExternalRef_);
export const recordCycleExternalRef = viaTransaction(recordCycleExternalRef_);
export const recordExternalRef = viaTransaction(recordExternalRef_);
export const findCycleChild = viaDeps(findCycleChild_);
export const listActiveCycles = viaDeps(listActiveCycles_);
export const listCyclesWaitingAt = viaDeps(listCyclesWaitingAt_);
export const listCycleChildren = viaDeps(listCycleChildren_);
export const openCycleChildren = viaDeps(openCycleChildren_);
export const readDatabaseTime = viaDb(readDatabaseTime_);
export const connectedAsOwner = viaDb(connectedAsOwner_);
export const setAppRolePassword = viaDb(setAppRolePassword_);
export const assertDatabaseReady = viaDb(assertDatabaseReady_);
export const checkDatabaseReadiness = viaDb(checkDatabaseReadiness_);
export const migrateDatabase = viaDb(migrateDatabase_);
export const cancelDocumentNumber = viaDb(cancelDocumentNumber_);
export const findDocumentNumber = viaDb(findDocumentNumber_);
export const issueDocumentNumber = viaDb(issueDocumentNumber_);
export const listDocumentNumbers = viaDb(listDocumentNumbers_);
export const activeCasesOfOtherOffices = viaDb(activeCasesOfOtherOffices_);
export const insertTransferExchange = viaTransaction(insertTransferExchange_);
export const listTransferExchanges = viaDb(listTransferExchanges_);
export const lockTransferExchange = viaTransaction(lockTransferExchange_);
export const markTransferExchangeRanked = viaTransaction(markTransferExchangeRanked_);
export const markTransferExchangeReturned = viaTransaction(markTransferExchangeReturned_);
export const officesByCode = viaDb(officesByCode_);
export const attachFileToCase = viaDeps(attachFileToCase_);
export const attachFileToMeeting = viaDeps(attachFileToMeeting_);
export const listCaseFiles = viaDeps(listCaseFiles_);
export const listMeetingFiles = viaDeps(listMeetingFiles_);
export const readableFile = viaDb(readableFile_);
export const removeCaseFile = viaDeps(removeCaseFile_);
export const removeMeetingFile = viaDeps(removeMeetingFile_);
export const uploadFile = viaDb(uploadFile_);
export const createPostgresContentStore = viaDb(createPostgresContentStore_);
export const healthGauges = viaDb(healthGauges_);
export const pingDatabase = viaDb(pingDatabase_);
export const writeSchoolImport = viaDb(writeSchoolImport_);
export const writeStaffImport = viaDb(writeStaffImport_);
export const changeDeadlinePolicy = viaDb(changeDeadlinePolicy_);
export const dayCountPolicyAt = viaDb(dayCountPolicyAt_);
export const deadlinePolicyOf = viaDb(deadlinePolicyOf_);
export const meetingHeadline = viaDb(meetingHeadline_);
export const officeNames = viaDb(officeNames_);
export const personNamesTh = viaDb(personNamesTh_);
export const userNamesTh = viaDb(userNamesTh_);
export const changeDocumentSettings = viaDb(changeDocumentSettings_);
export const documentSettingsOf = viaDb(documentSettingsOf_);
export const officeEmblem = viaDb(officeEmblem_);
export const findOfficePeople = viaDb(findOfficePeople_);
export const createUserAccount = viaDb(createUserAccount_);
export const grantRole = viaDb(grantRole_);
export const isSchoolOfOffice = viaDb(isSchoolOfOffice_);
export const listOfficeUsers = viaDb(listOfficeUsers_);
export const officePersonForAccount = viaDb(officePersonForAccount_);
export const officeUserOf = viaDb(officeUserOf_);
export const revokeRole = viaDb(revokeRole_);
export const setUserDisabled = viaDb(setUserDisabled_);
export const setUserPasswordHash = viaDb(setUserPasswordHash_);
export const officeSchools = viaDb(officeSchools_);
export const caseIdPage = viaDb(caseIdPage_);
export const insertOfficeWithAdmin = viaDb(insertOfficeWithAdmin_);
export const insertDemoAccount = viaDb(insertDemoAccount_);
export const insertDemoOffice = viaDb(insertDemoOffice_);
export const claimHistoryAuditDay = viaDb(claimHistoryAuditDay_);
export const finishHistoryAuditDay = viaDb(finishHistoryAuditDay_);
export const historyRowsAtLengths = viaDb(historyRowsAtLengths_);
export const readHistoryHeads = viaDb(readHistoryHeads_);
export const listOffices = viaDb(listOffices_);
export const aRealOfficeCode = viaDb(aRealOfficeCode_);
export const officeIdByCode = viaDb(officeIdByCode_);
export const resetUserPassword = viaDb(resetUserPassword_);
export const insertCapturedMail = viaDb(insertCapturedMail_);
export const listCapturedMail = viaDb(listCapturedMail_);
export const claimDueNotifications = viaDb(claimDueNotifications_);
export const markNotificationFailed = viaDb(markNotificationFailed_);
export const markNotificationSent = viaDb(markNotificationSent_);
export const scheduleNotificationRetry = viaDb(scheduleNotificationRetry_);
export const insertDigestNotifications = viaDb(insertDigestNotifications_);
export const listFailedNotifications = viaDb(listFailedNotifications_);
export const loadNotificationsForMail = viaDb(loadNotificationsForMail_);
export const reclaimStaleClaims = viaDb(reclaimStaleClaims_);
export const releaseUnsentClaim = viaDb(releaseUnsentClaim_);
export const personnelAsOf = viaDb(personnelAsOf_);
export const personnelAsOfDates = viaDb(personnelAsOfDates_);
export const personnelHistory = viaDb(personnelHistory_);
export const personnelPeople = viaDb(personnelPeople_);
export const personnelPerson = viaDb(personnelPerson_);
export const recordPersonnelChanges = viaDb(recordPersonnelChanges_);
export const changeSalaryRoundSettings = viaDb(changeSalaryRoundSettings_);
export const claimRoundOpening = viaDb(claimRoundOpening_);
export const officesOpeningRoundsFromRecords = viaDb(officesOpeningRoundsFromRecords_);
export const reportRoundOpening = viaDb(reportRoundOpening_);
export const roundOpeningOfCase = viaDb(roundOpeningOfCase_);
export const salaryRoundCasesOf = viaDb(salaryRoundCasesOf_);
export const salaryRoundSettingsOf = viaDb(salaryRoundSettingsOf_);
export const dueTimersAt = viaDb(dueTimersAt_);
export const fireDueTimerBatch = viaDeps(fireDueTimerBatch_);
export const fireTimers = viaDeps(fireTimers_);
export const listTimersDueBefore = viaDeps(listTimersDueBefore_);
export const slaByOffice = viaDeps(slaByOffice_);
export const slaByPerson = viaDeps(slaByPerson_);
export const slaByStep = viaDeps(slaByStep_);
export const slaCases = viaDeps(slaCases_);
export const stepLabelOf = viaDeps(stepLabelOf_);
export const planRetrofitSystemEvents = viaDeps(planRetrofitSystemEvents_);

/** Opens a case and, in the same transaction, runs `then` with the engine bound to it. */
export async function startCaseThen<T>(
  engine: Engine,
  cmd: StartCaseCommand,
  then: (tx: Engine, opened: CommandResult) => Promise<T>,
): Promise<T> {
  return engine.transaction(async (tx) => then(tx, await tx.startCase(cmd)));
}
export function withPassLock<T>(engine: Engine, pass: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return withPassLock_(dbOf(engine), pass, fn);
}
export function findIdempotentResponse<T>(
  engine: Engine,
  claim: { actorId: string; key: string; command: string },
): Promise<T | undefined> {
  return findIdempotentResponse_<T>(dbOf(engine), claim);
}
/** `openCycleChild`'s options, its `then` given the engine bound to the opening's transaction. */
export interface OpenCycleChildOptions<T> extends Omit<RawOpenCycleChildOptions<T>, 'then'> {
  /** runs in the opening's transaction with the child's id; `created`: opened by this call */
  readonly then: (tx: Engine, child: { caseId: string; created: boolean }) => Promise<T>;
}
export function openCycleChild<T>(engine: Engine, actor: Actor, opts: OpenCycleChildOptions<T>): Promise<T> {
  return openCycleChild_(depsOf(engine), actor, { ...opts, then: (trx, child) => opts.then(engineInTransaction(engine, trx), child) });
}

/** The business calendar of an office (`null`: the national one), for deadlines a host computes. */
export function officeCalendar(engine: Engine, officeId: string | null): ReturnType<CalendarSource['forOffice']> {
  const deps = depsOf(engine);
  return deps.calendars.forOffice(deps.db, officeId);
}
