/**
 * The world the API benchmarks share: the given workflows published in a
 * bench database, the engine on the system clock, one office and one HR
 * officer (`bench` / `bench-password`) who may start them, and a way to sign
 * that officer in over HTTP.
 */
import { systemClock, WorkflowRegistry, type Actor, type Engine, type WorkflowDefinition } from '@esa-flow/engine';
import { createEngine, loadUserActor, publishWorkflows, type Database } from '@esa-flow/engine/internal';
import { hashPassword } from '../src/index';

export const BENCH_USERNAME = 'bench';
export const BENCH_PASSWORD = 'bench-password';

export interface BenchOffice {
  engine: Engine;
  officeId: string;
  /** the HR officer, as the engine sees them */
  actor: Actor;
}

export async function openBenchOffice(db: Database, workflows: readonly WorkflowDefinition[]): Promise<BenchOffice> {
  const registry = new WorkflowRegistry([...workflows]);
  await publishWorkflows(db, registry);
  const engine = createEngine({ db, registry, clock: systemClock });
  const office = await db
    .insertInto('offices')
    .values({ code: 'bench', name_th: 'สพป.ทดสอบ', name_en: 'Bench', level: 'primary' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ username: BENCH_USERNAME, password_hash: await hashPassword(BENCH_PASSWORD) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'hr_officer', office_id: office.id, school_id: null, valid_from: '2020-01-01' })
    .execute();
  return { engine, officeId: office.id, actor: await loadUserActor(db, user.id, new Date()) };
}

/** Signs the bench officer in at the API at `url`: the session cookie to send. */
export async function signInCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USERNAME, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`bench sign-in: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
