import { ManualClock, WorkflowRegistry, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { actorOf, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase, engineOn } from '@esa-flow/engine/testing';
import { loadMailConfig, type DeliveryDeps, type MailConfig, type MailTransport } from '../../src/index';

export const BASE_URL = 'https://esa-flow.example.test';

/** Mail settings for tests: validated like production, with test-friendly numbers. */
export function testMailConfig(env: Record<string, string> = {}): MailConfig {
  return loadMailConfig({
    PUBLIC_BASE_URL: `${BASE_URL}/`,
    MAIL_FROM: 'สพป.ทดสอบ <no-reply@esa-flow.example.test>',
    MAIL_RETRY_BASE_SECONDS: '60',
    MAIL_RETRY_MAX_SECONDS: '3600',
    MAIL_CLAIM_TIMEOUT_SECONDS: '600',
    ...env,
  });
}

export interface OutboxWorld {
  engine: Engine;
  clock: ManualClock;
  office: OfficeFixture;
  /** a case at its first step (schoolReview); starting it wrote a 'task' for the school director */
  caseId: string;
}

/** An office, the sample workflow and one case filed by the teacher. */
export async function openSampleCase(tdb: TestDatabase, start = '2025-02-03T02:00:00Z'): Promise<OutboxWorld> {
  const clock = new ManualClock(start);
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  const engine = createEngine({ db: tdb.db, registry, clock });
  const office = await seedOffice(tdb.db, 'M');
  const teacher = await actorOf(tdb.db, office.users.teacher, clock.now());
  const started = await engine.startCase({
    actor: teacher,
    workflowId: 'sample-approval',
    officeId: office.officeId,
    schoolId: office.schoolIds[0],
    subjectPersonId: office.users.teacher.personId,
    title: 'คำขอทดสอบ',
    input: { amount: 100 },
  });
  return { engine, clock, office, caseId: started.caseId };
}

let seq = 1000;

/** An outbox row as a timer or digest job would write it. */
export async function insertNotification(
  tdb: TestDatabase,
  n: { caseId: string; recipientUserId: string; kind: string; availableAt: Date; step?: string; payload?: Record<string, unknown> },
): Promise<string> {
  seq += 1;
  const row = await tdb.db
    .insertInto('notifications')
    .values({
      case_id: n.caseId,
      history_seq: seq,
      recipient_user_id: n.recipientUserId,
      kind: n.kind,
      step: n.step ?? 'schoolReview',
      payload: JSON.stringify(
        n.payload ?? { title: 'คำขอทดสอบ', stepLabel: { th: 'ผู้อำนวยการสถานศึกษาตรวจสอบ', en: 'School director review' } },
      ),
      available_at: n.availableAt,
      created_at: n.availableAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function notificationRow(tdb: TestDatabase, id: string) {
  return tdb.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function deps(tdb: TestDatabase, clock: ManualClock, transport: MailTransport, config: MailConfig): DeliveryDeps {
  return { engine: engineOn(tdb.db), clock, transport, config };
}
