/**
 * The time of a V8 CPU profile spent under the frames whose label contains
 * `frame` (e.g. `dispatchEventInTransaction`), split by the chain of frames it
 * called, `depth` deep: where a function's time goes (`profile-top.ts` gives
 * the flat list).
 *
 *   tsx packages/engine/bench/profile-under.ts pass.cpuprofile <frame> [depth] [count]
 */
import { readFileSync } from 'node:fs';
interface N {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, root, depthArg, countArg] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: N[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: N) =>
  `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/.*\/packages\//, '')}:${n.callFrame.lineNumber + 1}`;
const depth = Number(depthArg ?? 1);
const agg = new Map<string, number>();
let all = 0;
p.samples.forEach((id, i) => {
  const dt = p.timeDeltas[i] ?? 0;
  const chain: N[] = [];
  for (let n: N | undefined = byId.get(id); n; n = byId.get(parent.get(n.id) ?? -1)) chain.unshift(n);
  const at = chain.findIndex((n) => label(n).includes(root!));
  if (at < 0) return;
  all += dt;
  const key = chain
    .slice(at, at + 1 + depth)
    .map(label)
    .join(' > ');
  agg.set(key, (agg.get(key) ?? 0) + dt);
});
console.log(`under ${root}: ${(all / 1e6).toFixed(2)} s`);
[...agg]
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(countArg ?? 40))
  .forEach(([k, v]) => console.log(`${(v / 1e3).toFixed(0).padStart(7)} ms  ${k}`));
