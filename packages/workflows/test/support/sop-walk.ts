/**
 * What the SOP tests share: one engine over the SOP workflows on a test
 * database, the office fixture, and who sends each event (taken from the
 * event's own roles, so the walk exercises the real authorization).
 */
import { randomUUID } from 'node:crypto';
import { ManualClock, SYSTEM_ACTOR, WorkflowRegistry, type Actor, type Engine, type WorkflowDefinition } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../../engine/test/support/index';
import { sopWorkflows } from '../../src/sops/index';

/** Friday 11 April 2025, 14:00 Bangkok: the afternoon before Songkran. */
export const WALK_AT = '2025-04-11T07:00:00.000Z';

export interface SopHarness {
  tdb: TestDatabase;
  engine: Engine;
  clock: ManualClock;
  office: OfficeFixture;
  users: Record<keyof OfficeFixture['users'], Actor>;
  committee: Actor;
}

export async function createSopHarness(at = WALK_AT): Promise<SopHarness> {
  const tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(sopWorkflows);
  await publishWorkflows(tdb.db, registry);
  const clock = new ManualClock(at);
  const engine = createEngine({ db: tdb.db, registry, clock });
  const office = await seedOffice(tdb.db);
  const users = {} as SopHarness['users'];
  for (const [key, user] of Object.entries(office.users)) users[key as keyof OfficeFixture['users']] = await actorOf(tdb.db, user);
  return { tdb, engine, clock, office, users, committee: { kind: 'committee', id: randomUUID(), officeId: office.officeId } };
}

/**
 * The actor who sends `type`: someone holding the first role the event
 * allows. `applicant` is the user given as the case's subject.
 */
export function actorForEvent(h: SopHarness, def: WorkflowDefinition, type: string, applicant?: Actor): Actor {
  const role = def.events[type]?.roles[0];
  switch (role) {
    case 'hr_officer':
      return h.users.hr;
    case 'area_director':
      return h.users.area;
    case 'group_director':
      return h.users.group;
    case 'school_director':
      return h.users.director;
    case 'committee':
      return h.committee;
    case 'system':
      return SYSTEM_ACTOR;
    case 'applicant':
      if (applicant) return applicant;
      break;
  }
  throw new Error(`no test actor for ${def.id} event ${type} (role ${String(role)})`);
}

/** A committee resolution payload, as `closeMeetingAndApply` would send it. */
export function resolution(kind: 'approve' | 'reject') {
  return {
    meetingId: randomUUID(),
    itemId: randomUUID(),
    resolution: kind,
    note: null,
    tally:
      kind === 'approve'
        ? { approve: 5, reject: 0, defer: 0, abstain: 0, recused: 0 }
        : { approve: 1, reject: 4, defer: 0, abstain: 0, recused: 0 },
  };
}
