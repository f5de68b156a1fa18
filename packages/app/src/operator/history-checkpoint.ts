/**
 * Signed checkpoints of the case histories, kept outside PostgreSQL.
 *
 * The hash chain shows that a history was edited only to someone who knows
 * what its head was: whoever can write the database can also recompute every
 * hash forward and store the new head. A checkpoint remembers, at one moment,
 * every case's (id, history_length, history_head) in a file in
 * HISTORY_CHECKPOINT_DIR, a directory the database's users cannot write (another
 * host, a WORM bucket, a backup that is not the database's), and signs it with
 * HMAC-SHA256 under HISTORY_CHECKPOINT_KEY, a key PostgreSQL never sees.
 *
 * Files of the directory:
 *  - `checkpoints.jsonl`: one line per checkpoint, `{v, at, cases, rows, root, entries, mac}`;
 *  - the line's `entries` file: one line `["<case id>",<length>,"<head>"]` per case,
 *    ordered by id; `root` is the sha256 of that file's bytes, so the signature
 *    covers every entry.
 *
 * Later, a history is consistent with a checkpoint when its row at the
 * checkpoint's length still has the checkpoint's head hash: the history is
 * append-only, and with an intact chain that row's hash pins every row before it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EsaError, historyRowsAtLengths, readHistoryHeads, stableStringify, type Engine } from '@esa-flow/engine';

export const CHECKPOINT_INDEX = 'checkpoints.jsonl';
const MIN_KEY_BYTES = 32;

export interface CheckpointConfig {
  dir: string;
  key: Buffer;
}

export interface CheckpointLine {
  v: 1;
  /** the moment the database snapshot was read (ISO) */
  at: string;
  cases: number;
  rows: number;
  /** sha256 (hex) of the entries file */
  root: string;
  /** file name of the entries, in the same directory */
  entries: string;
  /** HMAC-SHA256 (hex) over the other fields */
  mac: string;
}

/**
 * HISTORY_CHECKPOINT_DIR and HISTORY_CHECKPOINT_KEY (at least 32 bytes), or
 * null when neither is set. One without the other is a configuration error.
 */
export function loadCheckpointConfig(env: Record<string, string | undefined>): CheckpointConfig | null {
  const dir = env.HISTORY_CHECKPOINT_DIR?.trim();
  const key = env.HISTORY_CHECKPOINT_KEY;
  if (!dir && !key) return null;
  const variables: { name: string; message: string }[] = [];
  if (!dir)
    variables.push({
      name: 'HISTORY_CHECKPOINT_DIR',
      message: 'ต้องกำหนดคู่กับ HISTORY_CHECKPOINT_KEY / required with HISTORY_CHECKPOINT_KEY',
    });
  if (!key)
    variables.push({
      name: 'HISTORY_CHECKPOINT_KEY',
      message: 'ต้องกำหนดคู่กับ HISTORY_CHECKPOINT_DIR / required with HISTORY_CHECKPOINT_DIR',
    });
  else if (Buffer.byteLength(key, 'utf8') < MIN_KEY_BYTES)
    variables.push({
      name: 'HISTORY_CHECKPOINT_KEY',
      message: `อย่างน้อย ${MIN_KEY_BYTES} ไบต์ (openssl rand -base64 48) / at least ${MIN_KEY_BYTES} bytes (openssl rand -base64 48)`,
    });
  if (variables.length > 0) throw new EsaError('CONFIG_INVALID', { variables });
  return { dir: dir!, key: Buffer.from(key!, 'utf8') };
}

function macOf(key: Buffer, line: Omit<CheckpointLine, 'mac'>): string {
  const { v, at, cases, rows, root, entries } = line;
  return createHmac('sha256', key).update(stableStringify({ v, at, cases, rows, root, entries })).digest('hex');
}

export function checkpointSignatureValid(key: Buffer, line: CheckpointLine): boolean {
  if (typeof line.mac !== 'string' || !/^[0-9a-f]{64}$/.test(line.mac)) return false;
  return timingSafeEqual(Buffer.from(macOf(key, line), 'hex'), Buffer.from(line.mac, 'hex'));
}

/** The checkpoints of the directory, oldest first; a line that is not JSON is returned as null (tampering). */
export function readCheckpoints(dir: string): (CheckpointLine | null)[] {
  const index = join(dir, CHECKPOINT_INDEX);
  if (!existsSync(index)) return [];
  return readFileSync(index, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as CheckpointLine;
      } catch {
        return null;
      }
    });
}

/**
 * Writes a checkpoint of every case now: reads (id, history_length,
 * history_head) in one consistent snapshot (repeatable read), writes the
 * entries file, then appends the signed line to the index.
 */
export async function writeCheckpoint(engine: Engine, config: CheckpointConfig, now: Date, pageSize = 5000): Promise<CheckpointLine> {
  mkdirSync(config.dir, { recursive: true });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const entries = `checkpoint-${stamp}.cases.jsonl`;
  const partial = join(config.dir, `${entries}.partial`);
  const out = createWriteStream(partial, { flags: 'wx' });
  const hash = createHash('sha256');
  let cases = 0;
  let rows = 0;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      hash.update(text);
      out.write(text, (error) => (error ? reject(error) : resolve()));
    });
  let at: string;
  try {
    // one consistent snapshot of every case's head, page by page (the engine's read)
    at = await readHistoryHeads(engine, pageSize, async (page) => {
      await write(page.map((c) => `${JSON.stringify([c.id, c.history_length, c.history_head])}\n`).join(''));
      cases += page.length;
      rows += page.reduce((n, c) => n + c.history_length, 0);
    });
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  renameSync(partial, join(config.dir, entries));
  const unsigned = { v: 1 as const, at, cases, rows, root: hash.digest('hex'), entries };
  const line: CheckpointLine = { ...unsigned, mac: macOf(config.key, unsigned) };
  appendFileSync(join(config.dir, CHECKPOINT_INDEX), `${JSON.stringify(line)}\n`);
  return line;
}

export type CheckpointProblem =
  /** the line is not JSON, or its signature does not verify under the key: the checkpoint itself was forged or edited */
  | 'checkpoint_signature'
  /** the entries file is missing or its sha256 is not the signed root */
  | 'checkpoint_entries'
  /** a case of the checkpoint no longer exists */
  | 'case_missing'
  /** the case's history is shorter than at the checkpoint: rows were removed */
  | 'history_regressed'
  /** the history's row at the checkpoint's length has another hash: rows up to it were rewritten (a recomputed chain) */
  | 'history_rewritten';

export type CheckpointVerdict =
  | { ok: true; at: string; cases: number }
  | { ok: false; at: string | null; problem: CheckpointProblem; caseId?: string; seq?: number; detail?: string };

/** Compares the database with one checkpoint of the directory. */
export async function verifyCheckpoint(
  engine: Engine,
  config: CheckpointConfig,
  line: CheckpointLine | null,
  chunk = 1000,
): Promise<CheckpointVerdict> {
  if (!line || !checkpointSignatureValid(config.key, line)) return { ok: false, at: line?.at ?? null, problem: 'checkpoint_signature' };
  const file = join(config.dir, line.entries);
  if (line.entries.includes('/') || line.entries.includes('\\') || !existsSync(file))
    return { ok: false, at: line.at, problem: 'checkpoint_entries', detail: `${line.entries} is missing` };
  const hash = createHash('sha256');
  for await (const text of createReadStream(file)) hash.update(text as Buffer);
  if (hash.digest('hex') !== line.root)
    return { ok: false, at: line.at, problem: 'checkpoint_entries', detail: `${line.entries} does not match the signed root` };

  let batch: [string, number, string][] = [];
  let seen = 0;
  const check = async (): Promise<CheckpointVerdict | null> => {
    if (batch.length === 0) return null;
    const ids = batch.map((e) => e[0]);
    const lengths = batch.map((e) => e[1]);
    const found = await historyRowsAtLengths(engine, ids, lengths);
    const byId = new Map(found.map((r) => [r.id, r]));
    for (const [id, len, head] of batch) {
      const r = byId.get(id);
      if (!r || r.history_length === null) return { ok: false, at: line.at, problem: 'case_missing', caseId: id };
      if (r.history_length < len)
        return {
          ok: false,
          at: line.at,
          problem: 'history_regressed',
          caseId: id,
          seq: r.history_length + 1,
          detail: `length ${r.history_length} < ${len} at the checkpoint`,
        };
      if (r.hash !== head)
        return {
          ok: false,
          at: line.at,
          problem: 'history_rewritten',
          caseId: id,
          seq: len,
          detail: `row ${len} hash ${r.hash ?? 'missing'} ≠ ${head} at the checkpoint`,
        };
    }
    seen += batch.length;
    batch = [];
    return null;
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    batch.push(JSON.parse(text) as [string, number, string]);
    if (batch.length >= chunk) {
      const problem = await check();
      if (problem) return problem;
    }
  }
  const problem = await check();
  if (problem) return problem;
  return { ok: true, at: line.at, cases: seen };
}
