/**
 * Security headers on every response, from one onSend hook (docs/api.md
 * "Headers"; why not @fastify/helmet: docs/architecture.md):
 *
 * - `Content-Security-Policy`: HTML (the web app, /docs) gets
 *   {@link PAGE_CSP} — same-origin scripts only, inline styles (React and
 *   swagger-ui set style attributes), data: images (swagger-ui's icons), no
 *   plugins, no <base>, forms only to this origin, never framed. Everything
 *   else (JSON, CSV, the minutes as text) gets {@link DATA_CSP}, which lets
 *   nothing run even if a browser renders it. A route may set its own: an
 *   uploaded file opened in the tab gets {@link FILE_CSP} with
 *   `X-Frame-Options: SAMEORIGIN`, because Chromium's PDF viewer loads the
 *   PDF in a frame of the viewer and `frame-ancestors 'none'` leaves it blank
 *   (web.correction.e2e.test.ts opens one).
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 *   `X-Frame-Options: DENY`, `Cross-Origin-Opener-Policy: same-origin`.
 * - `Cache-Control: no-store` on every /api response and every page unless
 *   the route set its own (the hashed /assets/ files are cached for a year).
 * - `Strict-Transport-Security` when cookies are Secure (COOKIE_SECURE, i.e.
 *   the site is served over HTTPS).
 */
import type { FastifyInstance } from 'fastify';

export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
export const DATA_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** An uploaded file (PDF, image) opened inline: nothing runs (sandbox, no sources), framed only by this origin (the PDF viewer). */
export const FILE_CSP = "sandbox; default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
export const HSTS = 'max-age=31536000';

export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    const own = reply.getHeader('content-security-policy') === FILE_CSP && !type.startsWith('text/html');
    if (!own) reply.header('content-security-policy', type.startsWith('text/html') ? PAGE_CSP : DATA_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', own ? 'SAMEORIGIN' : 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (options.https) reply.header('strict-transport-security', HSTS);
    const path = request.url.split('?')[0] ?? '';
    if (!reply.hasHeader('cache-control') && !path.startsWith('/assets/') && !path.startsWith('/docs/static/'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
