import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { healthGauges, pingDatabase } from '@esa-flow/engine';
import type { RouteContext } from './route-context';
import type { RequestCounter } from '../http/metrics';
import type { ReadinessGate } from '../http/readiness-gate';
import { problemOf, sendProblem } from '../http/problem';

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Liveness, readiness (the database answers and is migrated for this release),
 * and Prometheus metrics. Public, read-only, no case data.
 */
export function healthRoutes(app: FastifyInstance, ctx: RouteContext, counter: RequestCounter, readiness: ReadinessGate): void {
  const engine = ctx.engine;
  const { clock } = engine;
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await pingDatabase(engine);
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
    try {
      const state = await readiness.current();
      if (!state.ready) return reply.status(503).send({ status: 'not migrated', code: state.code, remedy: 'pnpm migrate' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const token = ctx.config.METRICS_TOKEN;
    if (!token) return sendProblem(reply, problemOf('ROUTE_NOT_FOUND'));
    if (!bearerMatches(request.headers.authorization, token)) return sendProblem(reply, problemOf('UNAUTHENTICATED'));
    const gauges = await healthGauges(engine, clock.now());
    const lines = [
      '# HELP esa_http_requests_total HTTP requests by method, route and status.',
      '# TYPE esa_http_requests_total counter',
      ...counter.lines('esa_http_requests_total'),
      '# HELP esa_timers_due_pending SLA timers due but not yet fired (the queue depth that matters).',
      '# TYPE esa_timers_due_pending gauge',
      `esa_timers_due_pending ${gauges.timersDuePending}`,
      '# HELP esa_timer_lag_seconds Age of the oldest due timer not yet fired.',
      '# TYPE esa_timer_lag_seconds gauge',
      `esa_timer_lag_seconds ${Math.max(0, gauges.timerLagSeconds)}`,
      '# HELP esa_sla_breaches_total Clocks closed after their due moment.',
      '# TYPE esa_sla_breaches_total counter',
      `esa_sla_breaches_total ${gauges.breaches}`,
      '# HELP esa_sla_overdue_open Running clocks past their due moment.',
      '# TYPE esa_sla_overdue_open gauge',
      `esa_sla_overdue_open ${gauges.overdueOpen}`,
      '# HELP esa_outbox_pending Notifications waiting to be sent.',
      '# TYPE esa_outbox_pending gauge',
      `esa_outbox_pending ${gauges.outboxPending}`,
    ];
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
}
