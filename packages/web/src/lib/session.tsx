/**
 * Who is signed in: /api/me, loaded once and after signing in. A 401 from
 * any call drops the session so the sign-in page shows; a 403
 * PASSWORD_CHANGE_REQUIRED reloads it, so the new-password page shows. Role helpers decide
 * only what the menu offers; the server decides what is allowed.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiProblem, client, setPasswordChangeRequiredHandler, setUnauthorizedHandler } from './api';
import type { ApiOk } from './api-types';

export type Grant = Me['grants'][number];

/** GET /api/me (`getMe`) */
export type Me = ApiOk<'getMe'>;

interface Session {
  me: Me | null;
  checking: boolean;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  has: (...roles: string[]) => boolean;
  /** the office of my first office-wide grant (for office-scoped pages) */
  officeId: string | null;
}

const SessionContext = createContext<Session | null>(null);

export const SUPERVISOR_ROLES = ['group_director', 'area_director', 'hr_officer', 'auditor', 'admin'];
export const OFFICE_ADMIN_ROLES = ['admin', 'hr_officer'];

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const refresh = useCallback(async () => {
    try {
      setMe(await client.GET('/api/me'));
    } catch (e) {
      if (!(e instanceof ApiProblem) || e.status !== 401) throw e;
      setMe(null);
    } finally {
      setChecking(false);
    }
  }, []);
  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    setPasswordChangeRequiredHandler(() => void refresh());
    void refresh();
  }, [refresh]);
  const signOut = useCallback(async () => {
    await client.POST('/api/auth/sign-out').catch(() => undefined);
    setMe(null);
  }, []);
  const value = useMemo<Session>(() => {
    const roles = new Set(me?.grants.map((g) => g.role) ?? []);
    const officeGrant = me?.grants.find((g) => g.schoolId === null) ?? me?.grants[0];
    return { me, checking, refresh, signOut, has: (...rs) => rs.some((r) => roles.has(r)), officeId: officeGrant?.officeId ?? null };
  }, [me, checking, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
