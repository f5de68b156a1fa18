#!/usr/bin/env node
/**
 * Runs one compiled process of esa-flow: `node packages/app/bin/run.mjs api`.
 * The root scripts (`pnpm api`, `pnpm worker`, `pnpm migrate`, `pnpm esa`)
 * call it; it says what to do when `pnpm build` has not been run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [name, ...rest] = process.argv.slice(2);
const known = ['api', 'worker', 'migrate', 'esa', 'start'];
if (!name || !known.includes(name)) {
  console.error(`ใช้ / usage: node packages/app/bin/run.mjs <${known.join('|')}> [arguments]`);
  process.exit(2);
}
const entry = fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url));
if (!existsSync(entry)) {
  console.error(`ยังไม่ได้คอมไพล์โปรแกรม ให้สั่ง pnpm build ก่อน\nesa-flow is not built yet: run \`pnpm build\` first (${entry} is missing).`);
  process.exit(1);
}
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(entry).href);
