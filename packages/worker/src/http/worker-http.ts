/**
 * The worker's own small HTTP server (WORKER_METRICS_PORT): `/healthz` (the
 * process answers), `/readyz` (503 with the reasons while the database is not
 * ready for this release or the queue is unreachable) and `/metrics`
 * (Prometheus text; wants `Authorization: Bearer $METRICS_TOKEN` when that is
 * set). Bind it to a private address (WORKER_METRICS_HOST, 127.0.0.1 by
 * default): it is for the monitoring system, not for people.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';

export interface Readiness {
  ready: boolean;
  /** e.g. { database: 'SCHEMA_NOT_MIGRATED', queue: 'unreachable' } */
  checks: Record<string, string>;
}

export interface WorkerHttp {
  readonly port: number;
  close(): Promise<void>;
}

export async function startWorkerHttp(options: {
  host: string;
  port: number;
  registry: Registry;
  readiness: () => Promise<Readiness>;
  metricsToken?: string | undefined;
}): Promise<WorkerHttp> {
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { error: error instanceof Error ? error.message : String(error) }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
    if (path === '/healthz') return send(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const r = await options.readiness();
      return send(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'degraded', checks: r.checks });
    }
    if (path === '/metrics') {
      if (options.metricsToken && !bearerMatches(req.headers.authorization, options.metricsToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return send(res, 401, { error: 'unauthorized' });
      }
      const body = await options.registry.metrics();
      res.writeHead(200, { 'Content-Type': options.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    return send(res, 404, { error: 'not found' });
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Compares digests, so neither the length nor the content of the token leaks through timing. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]!.trim()), digest(token));
}
