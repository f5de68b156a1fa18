/**
 * Demo data only when asked: `pnpm start` against a DATABASE_URL creates no
 * demo unless ESA_FLOW_DEMO=1, and never in a database that holds an office
 * of its own.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';
import { createTestDatabase, type TestDatabase, engineOn } from '../../engine/test/support/index';
import { startAllInOne, type AllInOne } from '../src/all-in-one';
import { createOffice } from '../src/operator/create-office';

let tdb: TestDatabase | undefined;
let running: AllInOne | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await tdb?.drop();
  tdb = undefined;
});

async function start(): Promise<{ lines: string[] }> {
  tdb = await createTestDatabase();
  return { lines: [] };
}

async function boot(env: Record<string, string>, lines: string[]): Promise<AllInOne> {
  running = await startAllInOne(
    createRegistry(),
    runWorkflowMaintenance,
    { DATABASE_URL: tdb!.url, PORT: '0', HOST: '127.0.0.1', ...env },
    (l) => lines.push(l),
  );
  return running;
}

async function demoSignIns(url: string): Promise<number> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hr', password: 'demo1234' }),
  });
  return res.status;
}

describe('pnpm start with a DATABASE_URL', () => {
  it('creates no demo office and no demo sign-in unless asked', async () => {
    const { lines } = await start();
    const app = await boot({}, lines);
    expect(app.demo).toBe(false);
    expect(await tdb!.db.selectFrom('offices').select('id').execute()).toEqual([]);
    expect(await tdb!.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect(await demoSignIns(app.url)).toBe(401);
    expect(lines.join('\n')).toContain('pnpm esa office create');
    expect(lines.join('\n')).not.toContain('demo1234');
  });

  it('creates the demo when ESA_FLOW_DEMO=1, its office and sign-ins marked as demo', async () => {
    const { lines } = await start();
    const app = await boot({ ESA_FLOW_DEMO: '1' }, lines);
    expect(app.demo).toBe(true);
    const offices = await tdb!.db.selectFrom('offices').select(['demo']).execute();
    expect(offices).toEqual([{ demo: true }]);
    const users = await tdb!.db.selectFrom('users').select(['demo']).execute();
    expect(users.length).toBeGreaterThan(5);
    expect(users.every((u) => u.demo)).toBe(true);
    expect(await demoSignIns(app.url)).toBe(200);
  });

  it('never creates the demo in a database that holds an office of its own, even when asked', async () => {
    const { lines } = await start();
    await createOffice(engineOn(tdb!.db), {
      code: 'spm-39',
      nameTh: 'สพม.พิษณุโลก อุตรดิตถ์',
      nameEn: 'Phitsanulok Uttaradit SESAO',
      level: 'secondary',
      adminUsername: 'admin39',
      adminPassword: 'a-long-password-1',
    });
    const app = await boot({ ESA_FLOW_DEMO: '1' }, lines);
    expect(app.demo).toBe(false);
    expect((await tdb!.db.selectFrom('offices').select('code').execute()).map((o) => o.code)).toEqual(['spm-39']);
    expect(await demoSignIns(app.url)).toBe(401);
    expect(lines.join('\n')).toContain('this database holds a real office (spm-39)');
  });
});
