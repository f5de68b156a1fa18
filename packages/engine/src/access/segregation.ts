/**
 * Segregation of duties (การแบ่งแยกหน้าที่): nobody approves, appraises,
 * scores or votes on a case about themself. The subject keeps the events a
 * workflow gives the applicant (file, resubmit, withdraw, accept…): an event
 * naming `applicant`, or a role that only ever counts on one's own case
 * (`teacher`), stays theirs. Every other event is refused for the subject,
 * whatever office role they hold: `SELF_DEALING_REFUSED`.
 */
import type { Actor, CaseScope } from './actor';
import { isRole, ROLE_READ_SCOPE, type ActingRole } from './roles';

/** Is `actor` the person this case is about? */
export function isCaseSubject(actor: Actor, scope: Pick<CaseScope, 'subjectPersonId'>): boolean {
  return actor.kind === 'user' && actor.personId !== null && actor.personId === scope.subjectPersonId;
}

/** An event the subject may send on their own case: it names the applicant (or an own-case role). */
export function isApplicantEvent(allowed: readonly ActingRole[]): boolean {
  return allowed.some((r) => r === 'applicant' || (isRole(r) && ROLE_READ_SCOPE[r] === 'own'));
}

/** True when sending an event with these roles would be the subject acting on their own case. */
export function isSelfDealing(actor: Actor, scope: Pick<CaseScope, 'subjectPersonId'>, allowed: readonly ActingRole[]): boolean {
  return isCaseSubject(actor, scope) && !isApplicantEvent(allowed);
}
