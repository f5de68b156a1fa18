/**
 * A private redis-server for one test file, on a free port (checked to be
 * answered by this very process), with no persistence: FLUSHALL and restarts
 * hit nobody else. Needs the redis-server
 * binary (.ci/run installs Debian's package when it is missing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { waitUntil } from '../../../engine/test/support/wait-until';
import { freePort } from '../../../engine/test/support/free-port';

export interface TestRedis {
  url: string;
  port: number;
  flushAll(): Promise<void>;
  /** stop and start again: everything in memory is gone, like a restart without persistence */
  restart(): Promise<void>;
  /** start again after stop(), on the same port, empty */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
  });
}

/** The pid of the redis-server answering on `port` (from `INFO server`), or undefined while nothing answers. */
function serverPid(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    const done = (pid: number | undefined) => {
      socket.destroy();
      resolve(pid);
    };
    socket.on('error', () => done(undefined));
    socket.setTimeout(2000, () => done(undefined)); // something on the port that is not a redis-server
    socket.on('connect', () => socket.write('INFO server\r\n'));
    socket.on('data', (d) => {
      text += d.toString();
      const m = /process_id:(\d+)\r\n/.exec(text);
      if (m) done(Number(m[1]));
    });
    socket.on('end', () => done(undefined));
  });
}

/**
 * Starts redis-server on `port` and waits (bounded) until it answers — and
 * until it is this very process that answers: a free port found a moment ago
 * may have been taken since by another file's server, which must never get
 * our FLUSHALL. Throws when the port turns out to be taken.
 */
async function spawnOn(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    {
      stdio: 'ignore',
    },
  );
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  try {
    await waitUntil(
      async () => {
        if (spawnError) throw spawnError;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`redis-server on ${port} exited (${child.exitCode ?? child.signalCode}): port taken?`);
        const pid = await serverPid(port);
        if (pid !== undefined && pid !== child.pid) throw new Error(`port ${port} is answered by another redis-server (pid ${pid})`);
        return pid !== undefined;
      },
      `redis-server on ${port} to answer`,
      30_000,
      25,
    );
    return child;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

export async function startTestRedis(): Promise<TestRedis> {
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    try {
      child = await spawnOn(port);
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    flushAll: async () => {
      await redisCommand(port, 'FLUSHALL');
    },
    restart: async () => {
      await stop();
      child = await spawnOn(port); // the same port, as a restarted server would have
    },
    start: async () => {
      child = await spawnOn(port);
    },
    stop,
  };
}
