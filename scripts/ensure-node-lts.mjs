#!/usr/bin/env node
/**
 * The Node.js LTS runtimes the production test also runs the compiled
 * processes on (packages/app/test/production.node-lts.test.ts): installed from
 * the npm registry's `node` package into .data/node-lts/<major>, once.
 * Prints the path of each runtime's `node` binary, one per line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_LTS_VERSIONS = ['22.23.3', '24.21.0'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function ensureNodeLts() {
  return NODE_LTS_VERSIONS.map((version) => {
    const prefix = join(root, '.data', 'node-lts', version);
    const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
    if (!existsSync(bin)) {
      mkdirSync(prefix, { recursive: true });
      console.error(`[node-lts] installing node ${version} from the npm registry …`);
      execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node@${version}`], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    return bin;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const bin of ensureNodeLts()) console.log(bin);
}
