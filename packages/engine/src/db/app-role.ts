/**
 * The two database roles of esa-flow (docs/operations.md, "Two database roles").
 *
 * The **owner** role runs `pnpm migrate`: it owns every table, the append-only
 * trigger and its function. The **application** role (ESA_FLOW_APP_ROLE,
 * default `esa_flow_app`) is what `pnpm api`, `pnpm worker` and `pnpm esa`
 * connect as: it may read and append the case history and nothing more
 * (no UPDATE, DELETE, TRUNCATE, no trigger, no ALTER: it owns nothing), and
 * has the ordinary DML on the other tables. `pnpm migrate` creates the role
 * (NOLOGIN, when it does not exist and the owner may create roles) and sets
 * its grants again on every run, so a table a later migration adds is covered
 * too; default privileges cover tables created by the owner in between.
 */
import { sql } from 'kysely';
import { EsaError } from '../errors';
import type { Database } from './database';

export const DEFAULT_APP_ROLE = 'esa_flow_app';

/** Tables the application reads but never writes: the schema's bookkeeping and the published workflow versions. */
const READ_ONLY_TABLES = ['kysely_migration', 'kysely_migration_lock', 'workflow_versions'];
/** Append-only: read and insert, nothing else. */
const APPEND_ONLY_TABLES = ['case_history'];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface AppRoleOutcome {
  role: string;
  created: boolean;
  /** whether the role may log in (created NOLOGIN: the operator gives it LOGIN and a password) */
  canLogin: boolean;
}

export function appRoleName(env: Record<string, string | undefined>): string {
  const name = env.ESA_FLOW_APP_ROLE?.trim() || DEFAULT_APP_ROLE;
  if (!ROLE_NAME.test(name)) {
    throw new EsaError('CONFIG_INVALID', {
      variables: [{ name: 'ESA_FLOW_APP_ROLE', message: 'ชื่อบทบาทฐานข้อมูล a-z 0-9 _ / a database role name: lower-case letters, digits, _' }],
    });
  }
  return name;
}

/**
 * Creates the application role if needed and (re)sets its privileges on the
 * current schema. Run as the owner, after the migrations.
 * `queueInPostgres`: BullMQ's PostgreSQL backend (no REDIS_URL) creates its
 * own schema at the worker's start, which needs CREATE on the database.
 */
export async function grantAppRole(db: Database, role: string, options: { queueInPostgres: boolean }): Promise<AppRoleOutcome> {
  if (!ROLE_NAME.test(role)) throw new EsaError('CONFIG_INVALID', { variables: [{ name: 'ESA_FLOW_APP_ROLE', message: role }] });
  const r = sql.id(role);
  return db.connection().execute(async (conn) => {
    const me = await sql<{ user: string; createrole: boolean; superuser: boolean }>`
      select current_user as user, r.rolcreaterole as createrole, r.rolsuper as superuser
        from pg_roles r where r.rolname = current_user`.execute(conn);
    const owner = me.rows[0]!;
    if (owner.user === role) {
      throw new EsaError('CONFIG_INVALID', {
        variables: [
          {
            name: 'MIGRATION_DATABASE_URL',
            message: `pnpm migrate ต้องใช้บทบาทเจ้าของ ไม่ใช่ ${role} / pnpm migrate must connect as the owner role, not as the application role ${role}`,
          },
        ],
      });
    }
    const existing = await sql<{
      rolcanlogin: boolean;
      rolsuper: boolean;
    }>`select rolcanlogin, rolsuper from pg_roles where rolname = ${role}`.execute(conn);
    let created = false;
    if (existing.rows.length === 0) {
      if (!owner.createrole && !owner.superuser) {
        throw new EsaError('CONFIG_INVALID', {
          variables: [
            {
              name: 'ESA_FLOW_APP_ROLE',
              message: `ไม่มีบทบาท ${role} และผู้ย้ายโครงสร้างสร้างบทบาทไม่ได้: CREATE ROLE ${role} LOGIN PASSWORD '…' / role ${role} does not exist and the owner may not create roles: create it first`,
            },
          ],
        });
      }
      try {
        await sql`create role ${r} nologin`.execute(conn);
        created = true;
      } catch (error) {
        // roles belong to the cluster: another database's `pnpm migrate` made it meanwhile
        if ((error as { code?: string }).code !== '42710') throw error;
      }
    } else if (existing.rows[0]!.rolsuper) {
      throw new EsaError('CONFIG_INVALID', {
        variables: [{ name: 'ESA_FLOW_APP_ROLE', message: `${role} เป็น superuser / ${role} is a superuser: it could change the history` }],
      });
    }
    // one transaction: the running API never sees a table between its REVOKE and its GRANT
    await db.transaction().execute(async (trx) => {
      // two `pnpm migrate` at once: GRANTs on the same objects would collide
      await sql`select pg_advisory_xact_lock(hashtext('esa-flow:app-role-grants'))`.execute(trx);
      const database = sql.id((await sql<{ db: string }>`select current_database() as db`.execute(trx)).rows[0]!.db);
      const tables = await sql<{ name: string }>`
        select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p')`.execute(trx);

      await sql`grant connect on database ${database} to ${r}`.execute(trx);
      if (options.queueInPostgres) await sql`grant create on database ${database} to ${r}`.execute(trx);
      else await sql`revoke create on database ${database} from ${r}`.execute(trx);
      await sql`grant usage on schema public to ${r}`.execute(trx);
      // nothing is created in public by the application
      await sql`revoke create on schema public from ${r}`.execute(trx);
      for (const { name } of tables.rows) {
        const t = sql.id('public', name);
        await sql`revoke all on table ${t} from ${r}`.execute(trx);
        if (APPEND_ONLY_TABLES.includes(name)) await sql`grant select, insert on table ${t} to ${r}`.execute(trx);
        else if (READ_ONLY_TABLES.includes(name)) await sql`grant select on table ${t} to ${r}`.execute(trx);
        else await sql`grant select, insert, update, delete on table ${t} to ${r}`.execute(trx);
      }
      await sql`grant usage, select on all sequences in schema public to ${r}`.execute(trx);
      // tables a later migration creates (before the next `pnpm migrate` sets them again)
      await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${r}`.execute(trx);
      await sql`alter default privileges in schema public grant usage, select on sequences to ${r}`.execute(trx);
    });
    const after = await sql<{ rolcanlogin: boolean }>`select rolcanlogin from pg_roles where rolname = ${role}`.execute(conn);
    return { role, created, canLogin: after.rows[0]!.rolcanlogin };
  });
}

/** Embedded mode: the role may log in with this password (a new one at every start; it is never stored). */
export async function setAppRolePassword(db: Database, role: string, password: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new EsaError('CONFIG_INVALID', { variables: [{ name: 'ESA_FLOW_APP_ROLE', message: role }] });
  // ALTER ROLE takes no bind parameters: the password is a literal (generated, base64url only)
  if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error('setAppRolePassword: unexpected characters');
  await sql`alter role ${sql.id(role)} login password ${sql.lit(password)}`.execute(db);
}

/** `postgres://…` with another user and password. */
export function urlWithUser(url: string, user: string, password: string | null): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = password === null ? '' : encodeURIComponent(password);
  return u.toString();
}

/**
 * Whether this connection could change the history behind the engine's back
 * (it owns case_history, or is a superuser): the API and the worker say so at
 * start-up, since production should run them as the application role.
 */
export async function connectedAsOwner(db: Database): Promise<{ user: string; owner: boolean } | null> {
  const r = await sql<{ user: string; owner: boolean }>`
    select current_user as user,
           coalesce((select pg_has_role(current_user, c.relowner, 'USAGE') from pg_class c where c.oid = to_regclass('public.case_history')), false)
           or (select rolsuper from pg_roles where rolname = current_user) as owner`.execute(db);
  return r.rows[0] ?? null;
}
