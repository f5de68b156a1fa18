/**
 * The form of the stored holder keys (`cases.waiting_for`, `waiting_keys`:
 * role-holders.ts `stepHolderKeys`) as one fingerprint: the keys the program
 * writes for every acting role alone and with the others, for a case of a
 * school and of the office, with and without an assignee of each role, hashed.
 * A release whose rule names other holders — a role added, a role's reach
 * (`ROLE_READ_SCOPE`) changed, the assignee narrowed differently, the key's
 * spelling changed — has another fingerprint, and `pnpm migrate` then has the
 * active cases' holders written again (case/refresh-stored-holders.ts); the
 * same rule, the same fingerprint, nothing to do. No one has to remember.
 */
import { createHash } from 'node:crypto';
import { stableStringify } from '../workflow/stable-json';
import type { CaseScope } from './actor';
import { stepHolderKeys } from './role-holders';
import { RELATION_ROLES, ROLES, type ActingRole } from './roles';

const OFFICE = '00000000-0000-4000-8000-000000000001';
const SCHOOL = '00000000-0000-4000-8000-000000000002';
const OTHER_SCHOOL = '00000000-0000-4000-8000-000000000003';
const PERSON = '00000000-0000-4000-8000-000000000004';

/** `keysOf`: the rule to fingerprint (the program's; a test gives another). */
export function holderKeysFingerprint(keysOf: typeof stepHolderKeys = stepHolderKeys): string {
  const acting: readonly ActingRole[] = [...ROLES, ...RELATION_ROLES];
  const metas = [...acting.map((r) => [r]), [...acting]].flatMap((roles) => [{ roles }, { roles, assignee: 'assignee' }]);
  const scopes: CaseScope[] = [
    { officeId: OFFICE, schoolId: SCHOOL, subjectPersonId: PERSON },
    { officeId: OFFICE, schoolId: null, subjectPersonId: null },
  ];
  const contexts: unknown[] = [
    undefined,
    ...ROLES.flatMap((role) => [SCHOOL, OTHER_SCHOOL, null].map((schoolId) => ({ assignee: { role, schoolId } }))),
  ];
  const seen = metas.flatMap((meta) => scopes.flatMap((scope) => contexts.map((context) => keysOf(meta, scope, context))));
  return createHash('sha256').update(stableStringify(seen)).digest('hex');
}
