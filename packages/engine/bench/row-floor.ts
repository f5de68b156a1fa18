/**
 * A floor for benchmarks of whole procedures: the rows a measured run left
 * behind, written again with plain `pg` multi-row INSERTs — same tables, same
 * row count, same contents — into copies of those tables (same columns,
 * defaults, checks and indexes; no triggers; the same foreign keys, to the
 * same tables, when asked), in batches of 1,000 rows, one transaction per
 * batch, with no engine logic at all.
 */
import pg from 'pg';

export type RowCounts = Record<string, number>;

/** A small pool of plain `pg` connections to the benchmark's database, for counting and for the floor. */
export function openRawPool(url: string, max = 2): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}

/** The types of every column come back as text and go in as text: no conversion on either side. */
const asText = { getTypeParser: () => (value: string) => value };

/** Exact row counts of every table in the public schema. */
export async function tableRowCounts(pool: pg.Pool): Promise<RowCounts> {
  const { rows } = await pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const out: RowCounts = {};
  for (const { name } of rows) out[name] = (await pool.query<{ n: number }>(`select count(*)::int as n from "${name}"`)).rows[0]!.n;
  return out;
}

/** The tables that grew between two counts, and by how many rows. */
export function rowsWritten(before: RowCounts, after: RowCounts): RowCounts {
  const out: RowCounts = {};
  for (const [t, n] of Object.entries(after)) if (n > (before[t] ?? 0)) out[t] = n - (before[t] ?? 0);
  return out;
}

export function totalRows(c: RowCounts): number {
  return Object.values(c).reduce((s, n) => s + n, 0);
}

/**
 * Writes `written[t]` rows of each table `t` again (read from `t`: for a
 * table that was empty before the run, exactly the rows it wrote) into
 * `floor_t`, and returns the seconds the writing took (reading and building
 * the statements are not measured). With `foreignKeys`, `floor_t` also gets
 * every foreign key of `t`, referring to the same tables as `t`'s (the rows
 * copied refer to rows that exist there): each row then costs the floor the
 * same key look-ups it cost the run.
 */
export async function rawRowFloor(
  pool: pg.Pool,
  written: RowCounts,
  opts: { batch?: number; foreignKeys?: boolean } = {},
): Promise<number> {
  const batch = opts.batch ?? 1000;
  const statements: { text: string; values: (string | null)[] }[][] = [];
  for (const [table, n] of Object.entries(written)) {
    const floor = `floor_${table}`;
    await pool.query(
      `drop table if exists "${floor}"; create table "${floor}" (like "${table}" including defaults including constraints including indexes)`,
    );
    if (opts.foreignKeys) {
      const { rows: keys } = await pool.query<{ name: string; def: string }>(
        `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass and contype = 'f' order by conname`,
        [`"${table}"`],
      );
      for (const k of keys) await pool.query(`alter table "${floor}" add constraint "floor_${k.name}" ${k.def}`);
    }
    const { rows, fields } = await pool.query<Record<string, string | null>>({
      text: `select * from "${table}" limit ${n}`,
      types: asText,
    });
    const columns = fields.map((f) => `"${f.name}"`).join(',');
    const perStatement = Math.max(1, Math.floor(65_000 / fields.length));
    for (let first = 0; first < rows.length; first += batch) {
      const chunk = rows.slice(first, first + batch);
      const txn: { text: string; values: (string | null)[] }[] = [];
      for (let s = 0; s < chunk.length; s += perStatement) {
        const values: (string | null)[] = [];
        const tuples = chunk
          .slice(s, s + perStatement)
          .map((row) => `(${fields.map((f) => `$${values.push(row[f.name] ?? null)}`).join(',')})`);
        txn.push({ text: `insert into "${floor}" (${columns}) values ${tuples.join(',')}`, values });
      }
      statements.push(txn);
    }
  }
  await pool.query('checkpoint');
  const client = await pool.connect();
  try {
    const started = process.hrtime.bigint();
    for (const txn of statements) {
      await client.query('begin');
      for (const st of txn) await client.query(st);
      await client.query('commit');
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    client.release();
  }
}
