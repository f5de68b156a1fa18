/**
 * A private redis-server for one test file, on a free port, with no
 * persistence: FLUSHALL and restarts hit nobody else. Needs the redis-server
 * binary (.ci/run installs Debian's package when it is missing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
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

async function waitForPing(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await redisCommand(port, 'PING').then((r) => r.includes('PONG'), () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server on ${port} did not answer`);
}

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], {
      stdio: 'ignore',
    });
    await waitForPing(port);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    flushAll: async () => {
      await redisCommand(port, 'FLUSHALL');
    },
    restart: async () => {
      await stop();
      await start();
    },
    start,
    stop,
  };
}
