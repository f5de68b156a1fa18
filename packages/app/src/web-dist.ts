import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WEB_DIST_DIR } from '@esa-flow/server';

/**
 * Where the built web application is: `dist/web` beside the compiled entry
 * (what `pnpm build` copies, and what a deploy folder carries), else the
 * workspace's packages/web/dist (running from source).
 */
export function webDistDir(entryUrl: string): string {
  const beside = fileURLToPath(new URL('./web', entryUrl));
  return existsSync(`${beside}/index.html`) ? beside : DEFAULT_WEB_DIST_DIR;
}
