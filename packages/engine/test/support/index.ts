export { createTestDatabase, createEmptyTestDatabase, type TestDatabase } from './test-database';
export { seedOffice, actorOf, type OfficeFixture } from './fixtures';
export { sampleApproval, sampleApprovalMachine } from './sample-approval';
export { sampleSla } from './sample-sla';
export { sampleCommittee } from './sample-committee';
export { waitUntil } from './wait-until';
export { engineOn } from './test-engine';
