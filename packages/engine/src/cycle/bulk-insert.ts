/**
 * Multi-row INSERTs written straight to the driver: one statement per chunk,
 * `($1, $2, …), (…)`, as many rows as PostgreSQL's bind-parameter limit
 * allows. Opening a cycle writes tens of thousands of rows; building a query
 * tree per cell would cost more than the database does.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** PostgreSQL accepts at most 65,535 bind parameters per statement. */
const MAX_PARAMS = 65_000;

/** Rows of one table, flattened column by column, in insertion order. */
export class RowBuffer<T extends keyof DB & string> {
  readonly values: unknown[] = [];
  count = 0;

  constructor(
    readonly table: T,
    readonly columns: readonly (keyof DB[T] & string)[],
  ) {}

  /** One row: exactly one value per column, in column order. */
  push(...row: unknown[]): void {
    if (row.length !== this.columns.length) throw new Error(`${this.table}: ${row.length} values for ${this.columns.length} columns`);
    for (const v of row) this.values.push(v);
    this.count += 1;
  }
}

const tuplesCache = new Map<string, string>();

function tuples(rows: number, columns: number): string {
  const key = `${rows}x${columns}`;
  const cached = tuplesCache.get(key);
  if (cached !== undefined) return cached;
  const out: string[] = [];
  let n = 1;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) cells.push(`$${n++}`);
    out.push(`(${cells.join(',')})`);
  }
  const text = out.join(',');
  if (tuplesCache.size < 64) tuplesCache.set(key, text);
  return text;
}

/**
 * Inserts every row of the buffer, in chunks under the parameter limit.
 * `suffix` follows the VALUES list (an ON CONFLICT clause, RETURNING).
 * Returns the rows RETURNING produced, in chunk order.
 */
export async function insertRows<T extends keyof DB & string, R = never>(db: Kysely<DB>, buffer: RowBuffer<T>, suffix = ''): Promise<R[]> {
  if (buffer.count === 0) return [];
  const width = buffer.columns.length;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / width));
  const head = `insert into ${buffer.table} (${buffer.columns.map((c) => `"${c}"`).join(',')}) values `;
  const out: R[] = [];
  for (let first = 0; first < buffer.count; first += perChunk) {
    const rows = Math.min(perChunk, buffer.count - first);
    const params = buffer.values.slice(first * width, (first + rows) * width);
    const result = await db.executeQuery<R>(CompiledQuery.raw(`${head}${tuples(rows, width)} ${suffix}`, params));
    for (const row of result.rows) out.push(row);
  }
  return out;
}
