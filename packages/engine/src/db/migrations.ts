/**
 * The list of migrations, in order. A static list (not a folder scan) so the
 * set is type-checked and bundles cleanly; Kysely's migrator takes an advisory
 * lock so concurrent starters never race.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as createCoreTables from './migrations/2026_11_21_0001_create_core_tables';
import * as calendarAndSla from './migrations/2026_11_21_0002_calendar_and_sla';
import * as notificationDelivery from './migrations/2026_11_21_0003_notification_delivery';
import * as committees from './migrations/2026_11_21_0004_committees';
import * as cycles from './migrations/2026_11_21_0005_cycles';
import * as signIn from './migrations/2026_11_21_0006_sign_in';
import * as operatorAccounts from './migrations/2026_12_03_0007_operator_accounts';
import * as signInPolicy from './migrations/2026_12_03_0010_sign_in_policy';
import * as historyAudits from './migrations/2026_12_03_0011_history_audits';
import * as schemaComments from './migrations/2026_12_04_0012_schema_comments';
import * as files from './migrations/2026_12_04_0013_files';
import * as documentNumbers from './migrations/2026_12_05_0014_document_numbers';
import * as datedSteps from './migrations/2026_12_05_0015_dated_steps';
import * as meetingFiles from './migrations/2026_12_05_0016_meeting_files';
import * as officeDocumentSettings from './migrations/2026_12_05_0017_office_document_settings';
import * as listResolutions from './migrations/2026_12_05_0019_list_resolutions';
import * as actingGrants from './migrations/2026_12_05_0020_acting_grants';
import * as officeDeadlinePolicies from './migrations/2026_12_06_0050_office_deadline_policies';
import * as personnelRecords from './migrations/2026_12_06_0060_personnel_records';
import * as officeLetterhead from './migrations/2026_12_06_0070_office_letterhead';
import * as slaOfficeIndexes from './migrations/2026_12_06_0071_sla_office_indexes';
import * as cycleExternalRefs from './migrations/2026_12_07_0100_create_cycle_external_refs';
import * as externalRefsByOffice from './migrations/2026_12_07_0140_external_refs_by_office';
import * as transferExchanges from './migrations/2026_12_08_0120_transfer_exchanges';
import * as personnelMovedTo from './migrations/2026_12_08_0150_personnel_moved_to';
import * as caseWaitingFor from './migrations/2026_12_09_0200_case_waiting_for';
import * as slaOverviewCoveringIndexes from './migrations/2026_12_09_0250_sla_overview_covering_indexes';
import * as caseWaitingTable from './migrations/2026_12_09_0400_case_waiting_table';
import * as storedForms from './migrations/2026_12_09_0500_stored_forms';
import * as caseWaitingTriggersPlannedOnce from './migrations/2026_12_10_0100_case_waiting_triggers_planned_once';

export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '2026_11_21_0001_create_core_tables': createCoreTables,
  '2026_11_21_0002_calendar_and_sla': calendarAndSla,
  '2026_11_21_0003_notification_delivery': notificationDelivery,
  '2026_11_21_0004_committees': committees,
  '2026_11_21_0005_cycles': cycles,
  '2026_11_21_0006_sign_in': signIn,
  '2026_12_03_0007_operator_accounts': operatorAccounts,
  '2026_12_03_0010_sign_in_policy': signInPolicy,
  '2026_12_03_0011_history_audits': historyAudits,
  '2026_12_04_0012_schema_comments': schemaComments,
  '2026_12_04_0013_files': files,
  '2026_12_05_0014_document_numbers': documentNumbers,
  '2026_12_05_0015_dated_steps': datedSteps,
  '2026_12_05_0016_meeting_files': meetingFiles,
  '2026_12_05_0017_office_document_settings': officeDocumentSettings,
  '2026_12_05_0019_list_resolutions': listResolutions,
  '2026_12_05_0020_acting_grants': actingGrants,
  '2026_12_06_0050_office_deadline_policies': officeDeadlinePolicies,
  '2026_12_06_0060_personnel_records': personnelRecords,
  '2026_12_06_0070_office_letterhead': officeLetterhead,
  '2026_12_06_0071_sla_office_indexes': slaOfficeIndexes,
  '2026_12_07_0100_create_cycle_external_refs': cycleExternalRefs,
  '2026_12_07_0140_external_refs_by_office': externalRefsByOffice,
  '2026_12_08_0120_transfer_exchanges': transferExchanges,
  '2026_12_08_0150_personnel_moved_to': personnelMovedTo,
  '2026_12_09_0200_case_waiting_for': caseWaitingFor,
  '2026_12_09_0250_sla_overview_covering_indexes': slaOverviewCoveringIndexes,
  '2026_12_09_0400_case_waiting_table': caseWaitingTable,
  '2026_12_09_0500_stored_forms': storedForms,
  '2026_12_10_0100_case_waiting_triggers_planned_once': caseWaitingTriggersPlannedOnce,
});

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
