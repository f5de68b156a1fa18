/**
 * `pnpm esa history verify [--office CODE] [--all-checkpoints] [--no-replay]`:
 * the audit of every case (of one office, or all), stopping at the first
 * finding:
 *  1. the hash chain of its history (edited, deleted or replaced rows);
 *  2. the replay of its history through its workflow equals the case row
 *     (state, status, snapshot): a case row edited behind the engine's back;
 *  3. the signed checkpoints of HISTORY_CHECKPOINT_DIR (the latest, or all):
 *     a checkpoint whose signature fails, a case that is gone, a history that
 *     is shorter than it was or whose row at the checkpoint has another hash
 *     (a chain recomputed forward).
 * Cases are read in pages by id (a page and its histories in two queries), so
 * a national database is walked in constant memory.
 */
import {
  caseIdPage,
  EsaError,
  findCasesByIds,
  officeIdByCode,
  readHistoriesOf,
  replayHistoryRows,
  verifyHistoryRows,
  type Engine,
  type HistoryProblem,
  type ReplayProblem,
} from '@esa-flow/engine';
import { readCheckpoints, verifyCheckpoint, type CheckpointConfig, type CheckpointProblem } from './history-checkpoint';

export type AuditFinding =
  | { kind: 'chain'; caseId: string; seq: number; problem: HistoryProblem }
  | { kind: 'replay'; caseId: string; seq: number; problem: ReplayProblem; expected?: string | undefined; actual?: string | undefined }
  | {
      kind: 'checkpoint';
      at: string | null;
      problem: CheckpointProblem;
      caseId?: string | undefined;
      seq?: number | undefined;
      detail?: string | undefined;
    };

export type VerifyAllResult =
  { ok: true; cases: number; rows: number; checkpoints: number } | ({ ok: false; cases: number; rows: number } & AuditFinding);

export interface VerifyAllOptions {
  officeCode?: string | undefined;
  pageSize?: number;
  onProgress?: (cases: number) => void;
  /** replay every case through its workflow (default true) */
  replay?: boolean;
  /** null: no checkpoints configured (only the database is checked) */
  checkpoints?: CheckpointConfig | null;
  /** every checkpoint of the directory instead of the latest */
  allCheckpoints?: boolean;
}

export async function verifyAllHistory(engine: Engine, options: VerifyAllOptions = {}): Promise<VerifyAllResult> {
  let officeId: string | undefined;
  if (options.officeCode !== undefined) {
    officeId = await officeIdByCode(engine, options.officeCode);
    if (!officeId) throw new EsaError('OFFICE_NOT_FOUND', { code: options.officeCode });
  }
  const replay = options.replay ?? true;
  const pageSize = options.pageSize ?? 200;
  let after = '00000000-0000-0000-0000-000000000000';
  let cases = 0;
  let rows = 0;
  for (;;) {
    // a page of cases and their histories in two queries; each case then checked in memory
    const ids = await caseIdPage(engine, { after, pageSize, officeId });
    const [records, histories] = await Promise.all([findCasesByIds(engine, ids), readHistoriesOf(engine, ids)]);
    for (const id of ids) {
      const record = records.get(id);
      const history = histories.get(id) ?? [];
      const verdict = verifyHistoryRows(record, history);
      cases += 1;
      if (!verdict.ok) return { ok: false, cases, rows, kind: 'chain', caseId: id, seq: verdict.seq, problem: verdict.problem };
      rows += verdict.length;
      if (replay) {
        const replayed = replayHistoryRows(engine.registry, record, history);
        if (!replayed.ok)
          return {
            ok: false,
            cases,
            rows,
            kind: 'replay',
            caseId: id,
            seq: replayed.seq,
            problem: replayed.problem,
            expected: replayed.expected,
            actual: replayed.actual,
          };
      }
    }
    options.onProgress?.(cases);
    if (ids.length < pageSize) break;
    after = ids[ids.length - 1]!;
  }
  let checked = 0;
  if (options.checkpoints) {
    const lines = readCheckpoints(options.checkpoints.dir);
    const chosen = options.allCheckpoints ? lines : lines.slice(-1);
    for (const line of chosen) {
      const verdict = await verifyCheckpoint(engine, options.checkpoints, line);
      if (!verdict.ok)
        return {
          ok: false,
          cases,
          rows,
          kind: 'checkpoint',
          at: verdict.at,
          problem: verdict.problem,
          caseId: verdict.caseId,
          seq: verdict.seq,
          detail: verdict.detail,
        };
      checked += 1;
    }
  }
  return { ok: true, cases, rows, checkpoints: checked };
}

/** One line for the operator (and the worker's alert), Thai first. */
export function describeFinding(result: Extract<VerifyAllResult, { ok: false }>): { th: string; en: string } {
  switch (result.kind) {
    case 'chain':
      return {
        th: `ประวัติของเรื่อง ${result.caseId} ถูกแก้ไข ที่รายการที่ ${result.seq} (${result.problem})`,
        en: `the history of case ${result.caseId} was tampered with at entry ${result.seq} (${result.problem})`,
      };
    case 'replay':
      return {
        th: `สถานะของเรื่อง ${result.caseId} ไม่ตรงกับการเล่นประวัติซ้ำ ที่รายการที่ ${result.seq} (${result.problem})`,
        en: `the case ${result.caseId} does not match the replay of its history at entry ${result.seq} (${result.problem}: expected ${result.expected ?? '?'}, found ${result.actual ?? '?'})`,
      };
    case 'checkpoint':
      return {
        th: `ไม่ตรงกับจุดตรวจสอบที่ลงนามไว้ ${result.at ?? '(อ่านไม่ได้)'} (${result.problem})${result.caseId ? ` เรื่อง ${result.caseId}` : ''}`,
        en: `does not match the signed checkpoint of ${result.at ?? '(unreadable)'} (${result.problem})${result.caseId ? ` for case ${result.caseId}` : ''}${result.detail ? `: ${result.detail}` : ''}`,
      };
  }
}
