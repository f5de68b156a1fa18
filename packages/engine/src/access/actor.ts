import type { Role } from './roles';

/** One role held by a user, for an office or for one school of it. */
export interface RoleGrant {
  readonly role: Role;
  readonly officeId: string;
  /** null: the whole office */
  readonly schoolId: string | null;
  /** held while acting for the holder of the position (รักษาราชการแทน): acts as the role, history says so */
  readonly acting?: boolean;
}

/** Who sends a command. The server builds it from the session; tests from fixtures. */
export type Actor =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly personId: string | null;
      readonly grants: readonly RoleGrant[];
    }
  | { readonly kind: 'committee'; readonly id: string; readonly officeId: string }
  | { readonly kind: 'system'; readonly id: 'system' };

export const SYSTEM_ACTOR: Actor = Object.freeze({ kind: 'system', id: 'system' });

/** What the engine knows of where a case lives, for access checks. */
export interface CaseScope {
  readonly officeId: string;
  readonly schoolId: string | null;
  readonly subjectPersonId: string | null;
}
