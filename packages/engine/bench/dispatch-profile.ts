/**
 * The dispatch bench at one concurrency only, for a CPU profile of the engine's
 * own work:
 *
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof packages/engine/bench/dispatch-profile.ts [concurrency] [transitions]
 *   tsx packages/engine/bench/profile-top.ts /tmp/prof/<largest>.cpuprofile 40
 */
import { formatResults } from './bench-result';
import { benchDispatch } from './dispatch.bench';

const concurrency = Number(process.argv[2] ?? 1);
const transitions = Number(process.argv[3] ?? 3000);
const results = await benchDispatch({
  concurrencies: [concurrency],
  transitionsPerRun: transitions,
  onProgress: (m) => process.stderr.write(`  … ${m}\n`),
});
console.log(formatResults(`Engine dispatch, concurrency ${concurrency}`, results));
