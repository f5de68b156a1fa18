/**
 * `pnpm esa history verify [--office CODE]`: walks the hash chain of every
 * case (of one office, or all) and stops at the first case whose history was
 * edited, deleted or replaced. Cases are read in pages by id, so a national
 * database is walked in constant memory.
 */
import { EsaError, type Engine, type HistoryProblem } from '@esa-flow/engine';

export type VerifyAllResult =
  | { ok: true; cases: number; rows: number }
  | { ok: false; cases: number; rows: number; caseId: string; seq: number; problem: HistoryProblem };

export async function verifyAllHistory(
  engine: Engine,
  options: { officeCode?: string | undefined; pageSize?: number; onProgress?: (cases: number) => void } = {},
): Promise<VerifyAllResult> {
  const { db } = engine.deps;
  let officeId: string | undefined;
  if (options.officeCode !== undefined) {
    const office = await db.selectFrom('offices').select('id').where('code', '=', options.officeCode).executeTakeFirst();
    if (!office) throw new EsaError('OFFICE_NOT_FOUND', { code: options.officeCode });
    officeId = office.id;
  }
  const pageSize = options.pageSize ?? 500;
  let after = '00000000-0000-0000-0000-000000000000';
  let cases = 0;
  let rows = 0;
  for (;;) {
    let query = db.selectFrom('cases').select('id').where('id', '>', after).orderBy('id').limit(pageSize);
    if (officeId) query = query.where('office_id', '=', officeId);
    const page = await query.execute();
    for (const { id } of page) {
      const verdict = await engine.verifyHistory(id);
      cases += 1;
      if (!verdict.ok) return { ok: false, cases, rows, caseId: id, seq: verdict.seq, problem: verdict.problem };
      rows += verdict.length;
    }
    options.onProgress?.(cases);
    if (page.length < pageSize) return { ok: true, cases, rows };
    after = page[page.length - 1]!.id;
  }
}
