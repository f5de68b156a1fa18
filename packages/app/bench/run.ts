/**
 * `pnpm bench`: every benchmark, each against a baseline measured in the same
 * run, printed as a table with ratios. Progress goes to stderr. It lives in
 * the composition root's package (it imports every package's benchmarks), not
 * in the engine's.
 */
import { benchCalendar } from '../../engine/bench/calendar.bench';
import { benchCycleOpening } from '../../engine/bench/cycle.bench';
import { benchDispatch } from '../../engine/bench/dispatch.bench';
import { formatResults, type BenchResult } from '../../engine/bench/bench-result';
import { benchTimers } from '../../worker/bench/timers.bench';
import { benchApi } from '../../server/bench/api.bench';
import { benchExport } from '../../server/bench/export.bench';
import { benchSlaOverview } from '../../server/bench/sla.bench';
import { benchInbox } from '../../web/bench/inbox.bench';
import { benchDemoSeed } from './demo.bench';
import { benchSalaryAllocation, benchSalaryRound } from '../../workflows/bench/salary.bench';
import { benchNationalRound, nationalSizes } from '../../workflows/bench/national-round.bench';

const progress = (message: string) => process.stderr.write(`  … ${message}\n`);
const national = nationalSizes();
const sections: { title: string; run: () => Promise<BenchResult[]> }[] = [
  { title: 'Engine dispatch throughput', run: () => benchDispatch({ onProgress: progress }) },
  {
    title: 'Deadline computation (100,000 deadlines)',
    run: async () =>
      (await benchCalendar()).map((r) => ({
        name: r.name,
        unit: 'deadlines/s',
        value: r.opsPerSec,
        baselineName: 'naive day-by-day loop',
        baseline: r.baselineOpsPerSec,
        ratio: r.ratio,
        ...(r.note ? { note: r.note } : {}),
      })),
  },
  { title: 'SLA timers: firing and Redis memory', run: () => benchTimers({ onProgress: progress }) },
  { title: 'Opening a cycle of 50,000 children', run: () => benchCycleOpening({ onProgress: progress }) },
  { title: 'API latency and throughput under load', run: () => benchApi({ onProgress: progress }) },
  { title: 'Exporting 50,000 cases to a spreadsheet', run: () => benchExport({ onProgress: progress }) },
  { title: 'SLA overview over 1,000,000 cases', run: () => benchSlaOverview({ onProgress: progress }) },
  { title: 'Web inbox with 2,000 cases in Chromium', run: () => benchInbox({ onProgress: progress }) },
  { title: 'Salary round of 1,091 staff', run: () => benchSalaryRound({ onProgress: progress }) },
  { title: 'Salary allocation of 1,091 people', run: () => benchSalaryAllocation() },
  {
    title: `National salary round: ${national.people.toLocaleString('en-US')} people in ${national.offices} offices, opened by the worker`,
    run: () => benchNationalRound({ onProgress: progress }),
  },
  { title: 'Demo seeding', run: () => benchDemoSeed({ onProgress: progress }) },
];

const only = process.argv[2];
for (const section of sections) {
  if (only && !section.title.toLowerCase().includes(only.toLowerCase())) continue;
  process.stderr.write(`${section.title}\n`);
  const results = await section.run();
  console.log(`${formatResults(section.title, results)}\n`);
}
