/**
 * The API's request log (pino through Fastify): the level from LOG_LEVEL,
 * `Authorization` and `Cookie` (and `Set-Cookie`) redacted should a
 * serializer ever include headers, and URLs logged without search terms:
 * `q=` (which may be a citizen id) and any 13-digit run read `[redacted]`.
 */
import type { FastifyServerOptions } from 'fastify';

/** `/api/cases?q=1101700203451&x=1` → `/api/cases?q=[redacted]&x=1` */
export function redactUrl(url: string): string {
  return url.replace(/([?&]q=)[^&#]*/gi, '$1[redacted]').replace(/(?<!\d)\d(?:-?\d){12}(?!\d)/g, '[redacted]');
}

export function loggerOptions(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactUrl(req.url),
        hostname: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}
