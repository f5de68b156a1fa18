/**
 * `pnpm build` (after the web application): compiles each process of esa-flow
 * to one JavaScript file under packages/app/dist with esbuild. The workspace
 * packages (TypeScript) are bundled in; every other package stays an import
 * resolved from node_modules at run time, so `node dist/api.js` needs the
 * production dependencies of this package and nothing else (no tsx, no
 * TypeScript). The built web application is copied to dist/web.
 */
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const own = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const runtime = new Set([...Object.keys(own.dependencies ?? {}), ...Object.keys(own.optionalDependencies ?? {})]);

// Every third-party package a bundled workspace package depends on must be a
// dependency of this package, or `node dist/…` would not find it after `pnpm install --prod`.
const missing = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  if (dir === 'app' || dir === 'web') continue;
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    if (!name.startsWith('@esa-flow/') && !runtime.has(name)) missing.push(`${name} (from ${pkg.name})`);
  }
}
if (missing.length > 0) {
  console.error(`packages/app/package.json must list these runtime dependencies: ${missing.join(', ')}`);
  process.exit(1);
}

const outdir = join(here, 'dist');
rmSync(outdir, { recursive: true, force: true });
const entries = ['api', 'worker', 'migrate', 'esa', 'start'];
await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, join(here, 'src', 'entries', `${name}.ts`)])),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __esaCreateRequire } from 'node:module'; const require = __esaCreateRequire(import.meta.url);" },
  plugins: [
    {
      name: 'external-third-party',
      setup(b) {
        // bare imports that are not workspace packages stay imports
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('@esa-flow/') || args.path.startsWith('node:')) return undefined;
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
const web = join(root, 'packages', 'web', 'dist');
if (existsSync(join(web, 'index.html'))) cpSync(web, join(outdir, 'web'), { recursive: true });
else console.warn('packages/web/dist is missing: run `pnpm build:web` first (pnpm build does).');
console.log(`esa-flow: built ${entries.map((e) => `dist/${e}.js`).join(', ')}${existsSync(join(outdir, 'web')) ? ' and dist/web' : ''}`);
