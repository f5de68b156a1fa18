/**
 * Serves the web application (packages/web, built by Vite) from the same
 * origin as the API, so the session cookie is HTTP-only and same-site:
 * hashed assets under /assets/ (cached for a year), and index.html for any
 * other GET that asks for a page (the app routes in the browser). Without a
 * build, pages answer with a short note saying how to build it; the API is
 * unaffected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PAGE_CSP } from './security-headers';

/** packages/web/dist, next to this package */
export const DEFAULT_WEB_DIST_DIR = resolve(fileURLToPath(new URL('../../../web/dist', import.meta.url)));

const NOT_BUILT = `<!doctype html><html lang="th"><meta charset="utf-8"><title>esa-flow</title>
<p>ยังไม่ได้สร้างหน้าเว็บ: รัน <code>pnpm build</code> / The web application is not built: run <code>pnpm build</code>.</p></html>`;

export async function serveWeb(app: FastifyInstance, distDir: string = DEFAULT_WEB_DIST_DIR): Promise<void> {
  const indexPath = join(distDir, 'index.html');
  const built = existsSync(indexPath);
  if (built) {
    await app.register(fastifyStatic, {
      root: join(distDir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
      wildcard: true,
      schemaHide: true,
    });
  }
  // read per request (a few hundred bytes): a rebuild names new hashed assets and the page must follow
  app.decorate('webPage', () => (existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : NOT_BUILT));
}

/** A browser asking for a page the app routes itself (not /api, not a file). */
export function wantsAppPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/api/') || path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sendAppPage(app: FastifyInstance, reply: FastifyReply): FastifyReply {
  const page = (app as FastifyInstance & { webPage?: () => string }).webPage?.() ?? NOT_BUILT;
  return reply
    .status(200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .send(page);
}
