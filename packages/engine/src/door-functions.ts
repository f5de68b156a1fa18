/**
 * The engine functions hosts call, as functions of the engine (the door):
 * each takes the `Engine` where the function it wraps takes the database, the
 * engine's deps or an open transaction (door.ts). The main entry exports these;
 * the functions they wrap are listed once, in raw-functions.ts, which
 * `@esa-flow/engine/internal` exports for tests.
 */
import type { Actor } from './access/actor';
import type { CalendarSource } from './sla/calendar-source';
import type { OpenCycleChildOptions as RawOpenCycleChildOptions } from './cycle/open-cycle-child';
import { engineInTransaction, type Engine } from './engine';
import type { CommandResult, StartCaseCommand } from './case/command-types';
import { dbOf, depsOf, viaDb, viaDeps, viaTransaction } from './door';
import * as raw from './raw-functions';

export const officePersonByIdOrPosition = viaDb(raw.officePersonByIdOrPosition);
export const personAtSchoolByCitizenId = viaDb(raw.personAtSchoolByCitizenId);
export const personIdsByCitizenId = viaDb(raw.personIdsByCitizenId);
export const schoolCodesById = viaDb(raw.schoolCodesById);
export const schoolIdsByCode = viaDb(raw.schoolIdsByCode);
export const swapPartnerByCitizenId = viaDb(raw.swapPartnerByCitizenId);
export const personNameRow = viaDb(raw.personNameRow);
export const schoolNameRow = viaDb(raw.schoolNameRow);
export const schoolNamesOf = viaDb(raw.schoolNamesOf);
export const ownAccount = viaDb(raw.ownAccount);
export const listDemoAccounts = viaDb(raw.listDemoAccounts);
export const changeOwnPassword = viaDb(raw.changeOwnPassword);
export const takeRateLimit = viaDb(raw.takeRateLimit);
export const createSession = viaDb(raw.createSession);
export const listTokens = viaDb(raw.listTokens);
export const resolveSessionActor = viaDb(raw.resolveSessionActor);
export const revokeCookieSession = viaDb(raw.revokeCookieSession);
export const revokeSession = viaDb(raw.revokeSession);
export const revokeToken = viaDb(raw.revokeToken);
export const clearSignInBackOff = viaDb(raw.clearSignInBackOff);
export const clearUserFailedSignIns = viaDb(raw.clearUserFailedSignIns);
export const countSignInFailure = viaDb(raw.countSignInFailure);
export const countUserFailedSignIn = viaDb(raw.countUserFailedSignIn);
export const recordSignInAttempt = viaDb(raw.recordSignInAttempt);
export const signInThrottleOf = viaDb(raw.signInThrottleOf);
export const userSigningIn = viaDb(raw.userSigningIn);
export const addCalendarDay = viaDeps(raw.addCalendarDay);
export const listCalendarDays = viaDeps(raw.listCalendarDays);
export const removeCalendarDay = viaDeps(raw.removeCalendarDay);
export const actorNamesOf = viaDb(raw.actorNamesOf);
export const listAwaitingWork = viaDeps(raw.listAwaitingWork);
export const caseClocks = viaDb(raw.caseClocks);
export const caseOfficeOf = viaDb(raw.caseOfficeOf);
export const findCasesByIds = viaDb(raw.findCasesByIds);
export const parentCaseIdOf = viaDb(raw.parentCaseIdOf);
export const activeCasesAbout = viaDb(raw.activeCasesAbout);
export const casesWaitingAt = viaDb(raw.casesWaitingAt);
export const readHistoriesOf = viaDb(raw.readHistoriesOf);
export const inboxPage = viaDeps(raw.inboxPage);
export const childCaseRows = viaDb(raw.childCaseRows);
export const officeCaseRows = viaDb(raw.officeCaseRows);
export const procedureCaseRow = viaDb(raw.procedureCaseRow);
export const casesAwaitingCommittee = viaDb(raw.casesAwaitingCommittee);
export const closeMeetingAndApply = viaDeps(raw.closeMeetingAndApply);
export const isSeatedOnCommitteeOfKind = viaDb(raw.isSeatedOnCommitteeOfKind);
export const loadCommittee = viaDb(raw.loadCommittee);
export const committeeDetail = viaDeps(raw.committeeDetail);
export const listCommittees = viaDeps(raw.listCommittees);
export const listMeetings = viaDeps(raw.listMeetings);
export const meetingView = viaDeps(raw.meetingView);
export const addCommitteeMember = viaDeps(raw.addCommitteeMember);
export const createCommittee = viaDeps(raw.createCommittee);
export const seatedMembers = viaDb(raw.seatedMembers);
export const recordListResolution = viaDeps(raw.recordListResolution);
export const editAgenda = viaDeps(raw.editAgenda);
export const loadMeeting = viaDb(raw.loadMeeting);
export const meetingQuorum = viaDb(raw.meetingQuorum);
export const openMeeting = viaDeps(raw.openMeeting);
export const scheduleMeeting = viaDeps(raw.scheduleMeeting);
export const buildMinutes = viaDeps(raw.buildMinutes);
export const castVote = viaDeps(raw.castVote);
export const recordResolution = viaDeps(raw.recordResolution);
export const recuseMember = viaDeps(raw.recuseMember);
export const tallyOf = viaDb(raw.tallyOf);
export const activeCycles = viaDb(raw.activeCycles);
export const advanceCycleIfSettled = viaDeps(raw.advanceCycleIfSettled);
export const childrenActorMaySend = viaDeps(raw.childrenActorMaySend);
export const cycleProgress = viaDeps(raw.cycleProgress);
export const findCycleExternalRef = viaDeps(raw.findCycleExternalRef);
export const findExternalRef = viaDeps(raw.findExternalRef);
export const recordCycleExternalRef = viaTransaction(raw.recordCycleExternalRef);
export const recordExternalRef = viaTransaction(raw.recordExternalRef);
export const findCycleChild = viaDeps(raw.findCycleChild);
export const listActiveCycles = viaDeps(raw.listActiveCycles);
export const listCyclesWaitingAt = viaDeps(raw.listCyclesWaitingAt);
export const listCycleChildren = viaDeps(raw.listCycleChildren);
export const openCycleChildren = viaDeps(raw.openCycleChildren);
export const readDatabaseTime = viaDb(raw.readDatabaseTime);
export const connectedAsOwner = viaDb(raw.connectedAsOwner);
export const setAppRolePassword = viaDb(raw.setAppRolePassword);
export const assertDatabaseReady = viaDb(raw.assertDatabaseReady);
export const checkDatabaseReadiness = viaDb(raw.checkDatabaseReadiness);
export const migrateDatabase = viaDb(raw.migrateDatabase);
export const cancelDocumentNumber = viaDb(raw.cancelDocumentNumber);
export const findDocumentNumber = viaDb(raw.findDocumentNumber);
export const issueDocumentNumber = viaDb(raw.issueDocumentNumber);
export const listDocumentNumbers = viaDb(raw.listDocumentNumbers);
export const activeCasesOfOtherOffices = viaDb(raw.activeCasesOfOtherOffices);
export const insertTransferExchange = viaTransaction(raw.insertTransferExchange);
export const listTransferExchanges = viaDb(raw.listTransferExchanges);
export const lockTransferExchange = viaTransaction(raw.lockTransferExchange);
export const markTransferExchangeRanked = viaTransaction(raw.markTransferExchangeRanked);
export const markTransferExchangeReturned = viaTransaction(raw.markTransferExchangeReturned);
export const officesByCode = viaDb(raw.officesByCode);
export const attachFileToCase = viaDeps(raw.attachFileToCase);
export const attachFileToMeeting = viaDeps(raw.attachFileToMeeting);
export const listCaseFiles = viaDeps(raw.listCaseFiles);
export const listMeetingFiles = viaDeps(raw.listMeetingFiles);
export const readableFile = viaDb(raw.readableFile);
export const removeCaseFile = viaDeps(raw.removeCaseFile);
export const removeMeetingFile = viaDeps(raw.removeMeetingFile);
export const uploadFile = viaDb(raw.uploadFile);
export const createPostgresContentStore = viaDb(raw.createPostgresContentStore);
export const healthGauges = viaDb(raw.healthGauges);
export const pingDatabase = viaDb(raw.pingDatabase);
export const writeSchoolImport = viaDb(raw.writeSchoolImport);
export const writeStaffImport = viaDb(raw.writeStaffImport);
export const changeDeadlinePolicy = viaDb(raw.changeDeadlinePolicy);
export const dayCountPolicyAt = viaDb(raw.dayCountPolicyAt);
export const deadlinePolicyOf = viaDb(raw.deadlinePolicyOf);
export const meetingHeadline = viaDb(raw.meetingHeadline);
export const officeNames = viaDb(raw.officeNames);
export const personNamesTh = viaDb(raw.personNamesTh);
export const userNamesTh = viaDb(raw.userNamesTh);
export const changeDocumentSettings = viaDb(raw.changeDocumentSettings);
export const documentSettingsOf = viaDb(raw.documentSettingsOf);
export const officeEmblem = viaDb(raw.officeEmblem);
export const findOfficePeople = viaDb(raw.findOfficePeople);
export const createUserAccount = viaDb(raw.createUserAccount);
export const grantRole = viaDb(raw.grantRole);
export const isSchoolOfOffice = viaDb(raw.isSchoolOfOffice);
export const listOfficeUsers = viaDb(raw.listOfficeUsers);
export const officePersonForAccount = viaDb(raw.officePersonForAccount);
export const officeUserOf = viaDb(raw.officeUserOf);
export const revokeRole = viaDb(raw.revokeRole);
export const setUserDisabled = viaDb(raw.setUserDisabled);
export const setUserPasswordHash = viaDb(raw.setUserPasswordHash);
export const officeSchools = viaDb(raw.officeSchools);
export const caseIdPage = viaDb(raw.caseIdPage);
export const insertOfficeWithAdmin = viaDb(raw.insertOfficeWithAdmin);
export const insertDemoAccount = viaDb(raw.insertDemoAccount);
export const insertDemoOffice = viaDb(raw.insertDemoOffice);
export const claimHistoryAuditDay = viaDb(raw.claimHistoryAuditDay);
export const finishHistoryAuditDay = viaDb(raw.finishHistoryAuditDay);
export const historyRowsAtLengths = viaDb(raw.historyRowsAtLengths);
export const readHistoryHeads = viaDb(raw.readHistoryHeads);
export const listOffices = viaDb(raw.listOffices);
export const aRealOfficeCode = viaDb(raw.aRealOfficeCode);
export const officeIdByCode = viaDb(raw.officeIdByCode);
export const resetUserPassword = viaDb(raw.resetUserPassword);
export const insertCapturedMail = viaDb(raw.insertCapturedMail);
export const listCapturedMail = viaDb(raw.listCapturedMail);
export const claimDueNotifications = viaDb(raw.claimDueNotifications);
export const markNotificationFailed = viaDb(raw.markNotificationFailed);
export const markNotificationSent = viaDb(raw.markNotificationSent);
export const scheduleNotificationRetry = viaDb(raw.scheduleNotificationRetry);
export const insertDigestNotifications = viaDb(raw.insertDigestNotifications);
export const listFailedNotifications = viaDb(raw.listFailedNotifications);
export const loadNotificationsForMail = viaDb(raw.loadNotificationsForMail);
export const reclaimStaleClaims = viaDb(raw.reclaimStaleClaims);
export const releaseUnsentClaim = viaDb(raw.releaseUnsentClaim);
export const personnelAsOf = viaDb(raw.personnelAsOf);
export const personnelAsOfDates = viaDb(raw.personnelAsOfDates);
export const personnelHistory = viaDb(raw.personnelHistory);
export const personnelPeople = viaDb(raw.personnelPeople);
export const personnelPerson = viaDb(raw.personnelPerson);
export const recordPersonnelChanges = viaDb(raw.recordPersonnelChanges);
export const changeSalaryRoundSettings = viaDb(raw.changeSalaryRoundSettings);
export const claimRoundOpening = viaDb(raw.claimRoundOpening);
export const officesOpeningRoundsFromRecords = viaDb(raw.officesOpeningRoundsFromRecords);
export const reportRoundOpening = viaDb(raw.reportRoundOpening);
export const roundOpeningOfCase = viaDb(raw.roundOpeningOfCase);
export const salaryRoundCasesOf = viaDb(raw.salaryRoundCasesOf);
export const salaryRoundSettingsOf = viaDb(raw.salaryRoundSettingsOf);
export const dueTimersAt = viaDb(raw.dueTimersAt);
export const fireDueTimerBatch = viaDeps(raw.fireDueTimerBatch);
export const fireTimers = viaDeps(raw.fireTimers);
export const listTimersDueBefore = viaDeps(raw.listTimersDueBefore);
export const slaByOffice = viaDeps(raw.slaByOffice);
export const slaCases = viaDeps(raw.slaCases);
export const slaOverview = viaDeps(raw.slaOverview);
export const stepLabelOf = viaDeps(raw.stepLabelOf);
export const planRetrofitSystemEvents = viaDeps(raw.planRetrofitSystemEvents);

/** Opens a case and, in the same transaction, runs `then` with the engine bound to it. */
export async function startCaseThen<T>(
  engine: Engine,
  cmd: StartCaseCommand,
  then: (tx: Engine, opened: CommandResult) => Promise<T>,
): Promise<T> {
  return engine.transaction(async (tx) => then(tx, await tx.startCase(cmd)));
}
export function withPassLock<T>(engine: Engine, pass: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return raw.withPassLock(dbOf(engine), pass, fn);
}
export function findIdempotentResponse<T>(
  engine: Engine,
  claim: { actorId: string; key: string; command: string },
): Promise<T | undefined> {
  return raw.findIdempotentResponse<T>(dbOf(engine), claim);
}
/** `openCycleChild`'s options, its `then` given the engine bound to the opening's transaction. */
export interface OpenCycleChildOptions<T> extends Omit<RawOpenCycleChildOptions<T>, 'then'> {
  /** runs in the opening's transaction with the child's id; `created`: opened by this call */
  readonly then: (tx: Engine, child: { caseId: string; created: boolean }) => Promise<T>;
}
export function openCycleChild<T>(engine: Engine, actor: Actor, opts: OpenCycleChildOptions<T>): Promise<T> {
  return raw.openCycleChild(depsOf(engine), actor, { ...opts, then: (trx, child) => opts.then(engineInTransaction(engine, trx), child) });
}

/** The business calendar of an office (`null`: the national one), for deadlines a host computes. */
export function officeCalendar(engine: Engine, officeId: string | null): ReturnType<CalendarSource['forOffice']> {
  const deps = depsOf(engine);
  return deps.calendars.forOffice(deps.db, officeId);
}
