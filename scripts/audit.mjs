#!/usr/bin/env node
/**
 * CI's dependency audit: `pnpm audit --prod --json`, failing only on an
 * advisory of severity high or critical for which a patched version exists
 * (so the fix is an upgrade away); everything found is printed.
 *
 * When the registry's audit service cannot be asked (offline, a mirror that
 * does not offer it), it says so loudly and passes, unless AUDIT_REQUIRED=1.
 * AUDIT_REPORT=<file> reads a saved `pnpm audit --json` report instead (tests).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FAILING = new Set(['high', 'critical']);
const NO_PATCH = new Set(['', '<0.0.0', 'none']);

function readReport() {
  if (process.env.AUDIT_REPORT) return { text: readFileSync(process.env.AUDIT_REPORT, 'utf8'), status: 0 };
  const run = spawnSync('pnpm', ['audit', '--prod', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { text: run.stdout ?? '', status: run.status, stderr: run.stderr };
}

const { text, status, stderr } = readReport();
let report;
try {
  report = JSON.parse(text);
} catch {
  report = null;
}
if (!report || report.error || !report.advisories) {
  const why = report?.error
    ? `${report.error.code}: ${report.error.message}`
    : `pnpm audit exited ${status}${stderr ? `: ${stderr.trim().slice(0, 500)}` : ''}`;
  console.log(`audit: the registry's audit service could not be asked (${why})`);
  if (process.env.AUDIT_REQUIRED === '1') {
    console.log('audit: AUDIT_REQUIRED=1: failing');
    process.exit(1);
  }
  console.log('audit: WARNING: dependencies were NOT audited in this run');
  process.exit(0);
}

const advisories = Object.values(report.advisories);
const failing = [];
for (const a of advisories) {
  const versions = [...new Set((a.findings ?? []).map((f) => f.version))].join(', ');
  const fixable = !NO_PATCH.has(String(a.patched_versions ?? '').trim());
  const blocks = FAILING.has(a.severity) && fixable;
  console.log(
    `audit: ${blocks ? 'FAIL' : 'note'} ${a.severity} ${a.module_name}@${versions || '?'}: ${a.title} (patched: ${a.patched_versions ?? 'none'}) ${a.url ?? ''}`,
  );
  if (blocks) failing.push(a);
}
const counts = report.metadata?.vulnerabilities ?? {};
console.log(
  `audit: ${advisories.length} advisories (${
    Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'
  }); ${failing.length} high/critical with a fix`,
);
process.exit(failing.length > 0 ? 1 : 0);
