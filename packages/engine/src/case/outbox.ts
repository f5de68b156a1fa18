import type { Kysely, Transaction } from 'kysely';
import type { CaseScope } from '../access/actor';
import type { DB } from '../db/schema';
import { isRole, ROLE_READ_SCOPE } from '../access/roles';
import type { WorkflowDefinition } from '../workflow/types';
import type { CaseRecord } from './case.repository';

/**
 * Writes the outbox rows for the steps a case has just entered: one 'task'
 * notification per person who must now act. The worker turns them into
 * e-mails; a unique key makes a retried write a no-op.
 */
export async function writeTaskNotifications(
  trx: Transaction<DB>,
  args: { record: CaseRecord; def: WorkflowDefinition; historySeq: number; enteredSteps: readonly string[]; at: Date },
): Promise<number> {
  const { record, def, historySeq, enteredSteps, at } = args;
  const rows: { recipient: string; step: string }[] = [];
  for (const step of enteredSteps) {
    const meta = def.steps[step];
    if (!meta) continue;
    for (const user of await recipientsFor(trx, record, meta.roles, at)) rows.push({ recipient: user, step });
  }
  if (rows.length === 0) return 0;
  await trx
    .insertInto('notifications')
    .values(
      rows.map(({ recipient, step }) => ({
        case_id: record.id,
        history_seq: historySeq,
        recipient_user_id: recipient,
        kind: 'task',
        step,
        payload: JSON.stringify({
          workflow: def.key,
          title: record.title,
          stepLabel: def.steps[step]?.label ?? null,
        }),
        available_at: at,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.constraint('notifications_once_key').doNothing())
    .execute();
  return rows.length;
}

/** The users who hold one of `roles` for this case right now. */
export async function recipientsFor(
  trx: Kysely<DB>,
  record: CaseScope,
  roles: readonly string[],
  at: Date,
): Promise<string[]> {
  const out = new Set<string>();
  const officeRoles = roles.filter((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office');
  const wantsSubject = roles.includes('applicant') || roles.some((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'own');
  if (officeRoles.length > 0) {
    const granted = await trx
      .selectFrom('role_assignments as ra')
      .innerJoin('users as u', 'u.id', 'ra.user_id')
      .select('ra.user_id')
      .distinct()
      .where('ra.office_id', '=', record.officeId)
      .where('ra.role', 'in', officeRoles)
      .where((eb) => eb.or([eb('ra.school_id', 'is', null), eb('ra.school_id', '=', record.schoolId)]))
      .where('ra.valid_from', '<=', at)
      .where((eb) => eb.or([eb('ra.valid_until', 'is', null), eb('ra.valid_until', '>', at)]))
      .where('u.disabled_at', 'is', null)
      // segregation of duties: an officer is not asked to act on a case about themself
      .$if(record.subjectPersonId !== null, (q) => q.where((eb) => eb.or([eb('u.person_id', 'is', null), eb('u.person_id', '!=', record.subjectPersonId!)])))
      .execute();
    for (const g of granted) out.add(g.user_id);
  }
  if (wantsSubject && record.subjectPersonId) {
    const subject = await trx
      .selectFrom('users')
      .select('id')
      .where('person_id', '=', record.subjectPersonId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (subject) out.add(subject.id);
  }
  return [...out].sort();
}

