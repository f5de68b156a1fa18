/**
 * Every `pnpm <name>` written in README.md and docs/ works when typed: it is a
 * script of the root package.json, or one of the pnpm commands we mean
 * (install, exec, …); and no root script shares its name with a pnpm command
 * (`pnpm server` runs pnpm's own command and never the script).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

// pnpm's own commands (pnpm 10): a script with one of these names is never run by `pnpm <name>`
const PNPM_BUILTINS = [
  'add',
  'approve-builds',
  'audit',
  'bin',
  'cache',
  'cat-file',
  'cat-index',
  'config',
  'create',
  'dedupe',
  'deploy',
  'dlx',
  'doctor',
  'env',
  'exec',
  'fetch',
  'find-hash',
  'get',
  'i',
  'ignored-builds',
  'import',
  'init',
  'install',
  'install-test',
  'it',
  'licenses',
  'link',
  'list',
  'ln',
  'ls',
  'outdated',
  'pack',
  'patch',
  'patch-commit',
  'patch-remove',
  'prune',
  'publish',
  'rb',
  'rebuild',
  'remove',
  'rm',
  'root',
  'run',
  'sbom',
  'self-update',
  'server',
  'set',
  'setup',
  'store',
  'un',
  'uninstall',
  'unlink',
  'up',
  'update',
  'upgrade',
  'why',
  'help',
  'info',
  'view',
  'version',
];
// pnpm commands the docs may name as such (they are not scripts)
const MEANT_BUILTINS = new Set(['install', 'exec', 'add', 'deploy', 'audit', 'run']);
// `pnpm start` and `pnpm test` run the scripts of those names (npm's lifecycle shorthands)

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

function commandsIn(text: string): string[] {
  // inside code: fenced blocks and `inline code`
  const code = [...text.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)].map((m) => m[0]).join('\n');
  return [...code.matchAll(/(?:^|[\s`(;&|])pnpm\s+([a-z][a-z0-9:-]*)/gm)].map((m) => m[1]!);
}

describe('the commands in the docs', () => {
  const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
  const found = files.flatMap((file) =>
    commandsIn(readFileSync(file, 'utf8')).map((name) => ({ file: file.slice(root.length + 1), name })),
  );

  it('finds the commands the operator types', () => {
    const names = new Set(found.map((f) => f.name));
    for (const name of ['install', 'start', 'test', 'build', 'migrate', 'esa', 'api', 'worker']) expect(names).toContain(name);
  });

  it('are root scripts or pnpm commands we mean, never a script hidden by a pnpm command', () => {
    const wrong = found.filter(({ name }) =>
      MEANT_BUILTINS.has(name) ? scripts.includes(name) : !scripts.includes(name) || PNPM_BUILTINS.includes(name),
    );
    expect(wrong).toEqual([]);
  });

  it('no root script shares its name with a pnpm command', () => {
    expect(scripts.filter((s) => PNPM_BUILTINS.includes(s))).toEqual([]);
  });
});
