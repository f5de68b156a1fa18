/**
 * Checks a cycle's population before anything is written: every row's key,
 * title and input (the child workflow's zod schema), and that its school and
 * person belong to the parent's office (two queries for the whole
 * population). A bad row is rejected with its key and reasons; the others
 * are opened.
 */
import { sql, type Kysely } from 'kysely';
import { isUuid } from '../case/case.repository';
import type { DB } from '../db/schema';
import { stableStringify } from '../workflow/stable-json';
import type { WorkflowDefinition } from '../workflow/types';
import type { CycleChildSpec, RejectedChild } from './types';

export interface ValidChild {
  readonly index: number;
  readonly key: string;
  readonly subjectPersonId: string | null;
  readonly schoolId: string | null;
  readonly title: string;
  /** the input as the schema parsed it */
  readonly data: unknown;
  /** its stable JSON: stored as the `@start` payload, and the snapshot cache key */
  readonly dataJson: string;
}

export const MAX_KEY_LENGTH = 200;

export async function materialise(population: Iterable<CycleChildSpec> | AsyncIterable<CycleChildSpec>): Promise<CycleChildSpec[]> {
  if (Array.isArray(population)) return population as CycleChildSpec[];
  const out: CycleChildSpec[] = [];
  for await (const row of population) out.push(row);
  return out;
}

export async function validatePopulation(
  db: Kysely<DB>,
  def: WorkflowDefinition,
  officeId: string,
  rows: readonly CycleChildSpec[],
): Promise<{ valid: ValidChild[]; rejected: RejectedChild[] }> {
  const rejected: RejectedChild[] = [];
  const candidates: ValidChild[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const key = typeof row?.key === 'string' ? row.key : '';
    const reject = (path: string, code: string, message: string) =>
      rejected.push({ index, key, code: 'INVALID_INPUT', issues: [{ path, code, message }] });
    if (key.length === 0 || key.length > MAX_KEY_LENGTH || key.includes('\u0000'))
      return reject('key', 'invalid_key', `key must be 1–${MAX_KEY_LENGTH} characters`);
    if (seen.has(key)) return reject('key', 'duplicate', 'key appears earlier in the population');
    seen.add(key);
    const title = typeof row.title === 'string' ? row.title.trim() : '';
    if (!title) return reject('title', 'too_small', 'title is empty');
    const parsed = def.input.safeParse(row.input);
    if (!parsed.success) {
      rejected.push({
        index,
        key,
        code: 'INVALID_INPUT',
        issues: parsed.error.issues.map((i) => ({ path: ['input', ...i.path.map(String)].join('.'), code: i.code, message: i.message })),
      });
      return;
    }
    candidates.push({
      index,
      key,
      subjectPersonId: row.subjectPersonId ?? null,
      schoolId: row.schoolId ?? null,
      title,
      data: parsed.data,
      dataJson: stableStringify(parsed.data ?? null),
    });
  });

  const schools = await idsInOffice(
    db,
    'schools',
    officeId,
    candidates.map((c) => c.schoolId),
  );
  const people = await idsInOffice(
    db,
    'people',
    officeId,
    candidates.map((c) => c.subjectPersonId),
  );
  const valid: ValidChild[] = [];
  for (const c of candidates) {
    if (c.schoolId !== null && !schools.has(c.schoolId)) {
      rejected.push({
        index: c.index,
        key: c.key,
        code: 'SCHOOL_NOT_IN_OFFICE',
        issues: [{ path: 'schoolId', code: 'not_in_office', message: 'school is not of the cycle’s office' }],
      });
    } else if (c.subjectPersonId !== null && !people.has(c.subjectPersonId)) {
      rejected.push({
        index: c.index,
        key: c.key,
        code: 'PERSON_NOT_IN_OFFICE',
        issues: [{ path: 'subjectPersonId', code: 'not_in_office', message: 'person is not of the cycle’s office' }],
      });
    } else {
      valid.push(c);
    }
  }
  rejected.sort((a, b) => a.index - b.index);
  return { valid, rejected };
}

async function idsInOffice(
  db: Kysely<DB>,
  table: 'schools' | 'people',
  officeId: string,
  ids: readonly (string | null)[],
): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && isUuid(id)))];
  if (wanted.length === 0) return new Set();
  const found = new Set<string>();
  // in slices, so a population of any size stays one modest array parameter per query
  for (let i = 0; i < wanted.length; i += 20_000) {
    const slice = wanted.slice(i, i + 20_000);
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('office_id', '=', officeId)
      .where(sql<boolean>`id = any(${slice}::uuid[])`)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}
