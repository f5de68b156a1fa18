import type { DatabaseReadiness } from '@esa-flow/engine';

/**
 * Whether this release may work on its database. `pnpm api` started before
 * `pnpm migrate` listens, answers 503 on /readyz and refuses every API call
 * with SCHEMA_NOT_MIGRATED (or WORKFLOWS_NOT_PUBLISHED) until the operator has
 * migrated; then it becomes ready without a restart. Once ready it stays
 * ready (a release never un-migrates); while not ready the database is asked
 * again at most once per `recheckMs`.
 */
export interface ReadinessGate {
  current(): Promise<DatabaseReadiness>;
}

export function createReadinessGate(check: (() => Promise<DatabaseReadiness>) | undefined, recheckMs = 1000): ReadinessGate {
  if (!check) return { current: async () => ({ ready: true }) };
  let last: DatabaseReadiness | undefined;
  let checkedAt = 0;
  let pending: Promise<DatabaseReadiness> | undefined;
  return {
    async current() {
      if (last?.ready) return last;
      if (last && Date.now() - checkedAt < recheckMs) return last;
      pending ??= check()
        .then((r) => {
          last = r;
          checkedAt = Date.now();
          return r;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
}
