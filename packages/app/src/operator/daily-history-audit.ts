/**
 * The worker's daily audit of the histories: `pnpm esa history verify`
 * (chain, replay, the latest signed checkpoint), then — only when nothing was
 * found, so a forgery is never signed — `pnpm esa history checkpoint`.
 *
 * Composed into the worker's workflow-maintenance hook (entries/worker.ts,
 * all-in-one.ts), which runs every few seconds: each call only tries to claim
 * today's row of `history_audits` (Bangkok day); the first worker to claim it
 * runs the audit in the background, so the maintenance pass is never held up
 * by a long walk. A claim left unfinished for 6 hours (a worker that stopped
 * mid-audit) is taken over.
 *
 * The alert: one `level: "error"` line in the worker's log, `msg: "history
 * tampering found"`, with the finding; the day's row keeps `ok = false` and
 * the finding. docs/operations.md says how to watch for it.
 */
import { hostname } from 'node:os';
import { claimHistoryAuditDay, finishHistoryAuditDay, type Engine } from '@esa-flow/engine';
import { loadCheckpointConfig, writeCheckpoint } from './history-checkpoint';
import { describeFinding, verifyAllHistory } from './verify-all-history';

export type AuditLog = (line: Record<string, unknown>) => void;

/** 'YYYY-MM-DD' in Asia/Bangkok (UTC+7, no daylight saving). */
export function bangkokDay(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface DailyAuditOutcome {
  day: string;
  ok: boolean;
  cases: number;
  checkpoint: string | null;
}

/**
 * Runs today's audit if no worker has claimed it yet; resolves with its
 * outcome, or null when another run has the day. Never throws for a finding
 * (it logs the alert); throws only when the database cannot be read.
 */
export async function runDailyHistoryAudit(
  engine: Engine,
  env: Record<string, string | undefined>,
  log: AuditLog,
): Promise<DailyAuditOutcome | null> {
  const { clock } = engine;
  const now = clock.now();
  const day = bangkokDay(now);
  const claimedBy = `${hostname()}:${process.pid}`;
  if (!(await claimHistoryAuditDay(engine, { day, now, claimedBy }))) return null;

  const checkpoints = loadCheckpointConfig(env);
  if (!checkpoints)
    log({ level: 'warn', msg: 'history audit without checkpoints: HISTORY_CHECKPOINT_DIR and HISTORY_CHECKPOINT_KEY are not set' });
  const result = await verifyAllHistory(engine, { checkpoints });
  if (!result.ok) {
    const { en } = describeFinding(result);
    log({ level: 'error', msg: 'history tampering found', alert: 'HISTORY_TAMPERED', day, finding: result, text: en });
    await finishHistoryAuditDay(engine, day, { finishedAt: clock.now(), ok: false, cases: result.cases, finding: JSON.stringify(result) });
    return { day, ok: false, cases: result.cases, checkpoint: null };
  }
  const line = checkpoints ? await writeCheckpoint(engine, checkpoints, clock.now()) : null;
  await finishHistoryAuditDay(engine, day, { finishedAt: clock.now(), ok: true, cases: result.cases, checkpoint: line?.entries ?? null });
  log({
    level: 'info',
    msg: 'history audit passed',
    day,
    cases: result.cases,
    rows: result.rows,
    checkpoints: result.checkpoints,
    checkpoint: line?.entries ?? null,
  });
  return { day, ok: true, cases: result.cases, checkpoint: line?.entries ?? null };
}

/**
 * For the maintenance hook: starts today's audit in the background at most
 * once per process at a time, and returns at once. Errors are logged.
 */
export function dailyHistoryAudit(env: Record<string, string | undefined>, log: AuditLog): (engine: Engine) => void {
  // a configuration error shows at start-up, not at the first audit
  loadCheckpointConfig(env);
  let running: Promise<unknown> | null = null;
  let lastDay: string | null = null;
  let nextTry = 0;
  return (engine) => {
    const now = engine.clock.now();
    const day = bangkokDay(now);
    if (running || lastDay === day || now.getTime() < nextTry) return;
    running = runDailyHistoryAudit(engine, env, log)
      .then((outcome) => {
        if (outcome) lastDay = day;
        // another worker has the day: look again later (it may stop half-way)
        else nextTry = now.getTime() + 15 * 60_000;
      })
      .catch((error: unknown) =>
        log({ level: 'error', msg: 'history audit failed', err: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        running = null;
      });
  };
}
