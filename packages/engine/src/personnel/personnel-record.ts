/**
 * The person record (docs/personnel.md): effective-dated values of each
 * person of an office, appended (never updated) with who, when and where from
 * (an import file or a hand edit), and read "as of" a date.
 *
 * A value is keyed by person, field and date (a penalty also by its kind):
 * recording the value already in force for that key writes nothing, so
 * importing the same file twice changes nothing; another value for the same
 * key is a correction, in force from then on and kept beside the first in
 * the history.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { EsaError } from '../errors';
import { personNameEn, personNameTh } from '../access/person-name';
import { isUuid } from '../case/case.repository';
import { stableStringify } from '../workflow/stable-json';
import type { LeaveValue, PenaltyValue, PersonnelField, ScalarPersonnelField } from './personnel-fields';

export interface PersonnelChange {
  personId: string;
  field: PersonnelField;
  /** YYYY-MM-DD: the value holds from this day */
  effectiveOn: string;
  /** text, satang (integer), YYYY-MM-DD, a school id, a boolean, LeaveValue, PenaltyValue; null clears the field */
  value: unknown;
}

export interface PersonnelSource {
  kind: 'import' | 'edit';
  /** the file's name, or the reason of the edit */
  ref: string | null;
}

export interface RecordedChanges {
  /** per change, in order: a new value was written (a dry run: would be) */
  written: boolean[];
  /** the people who had a record before */
  hadRecord: Set<string>;
}

const keyOf = (c: { personId: string; field: string; effectiveOn: string; value: unknown }) =>
  `${c.personId}|${c.field}|${c.effectiveOn}${c.field === 'penalty' ? `|${(c.value as PenaltyValue | null)?.kind ?? ''}` : ''}`;

/**
 * Records values of the office's people. Every person must be of the office
 * (else `PERSON_NOT_IN_OFFICE`, nothing written). One writer per office at
 * a time; all or nothing.
 */
export async function recordPersonnelChanges(
  db: Database,
  a: {
    officeId: string;
    changes: readonly PersonnelChange[];
    source: PersonnelSource;
    recordedBy: string | null;
    now: Date;
    dryRun?: boolean;
  },
): Promise<RecordedChanges> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`esa-flow:personnel:${a.officeId}`}))`.execute(trx);
    const personIds = [...new Set(a.changes.map((c) => c.personId))];
    if (personIds.some((id) => !isUuid(id))) throw new EsaError('PERSON_NOT_IN_OFFICE', { officeId: a.officeId });
    const ours =
      personIds.length === 0
        ? []
        : await trx.selectFrom('people').select('id').where('office_id', '=', a.officeId).where('id', 'in', personIds).execute();
    if (ours.length !== personIds.length) throw new EsaError('PERSON_NOT_IN_OFFICE', { officeId: a.officeId });
    const existing =
      personIds.length === 0
        ? []
        : await trx
            .selectFrom('personnel_entries')
            .select(['person_id', 'field', 'effective_on', 'value'])
            .where('person_id', 'in', personIds)
            .orderBy('id')
            .execute();
    const current = new Map<string, string>();
    for (const e of existing)
      current.set(keyOf({ personId: e.person_id, field: e.field, effectiveOn: e.effective_on, value: e.value }), stableStringify(e.value));
    const hadRecord = new Set(existing.map((e) => e.person_id));
    const written: boolean[] = [];
    const rows: { person_id: string; field: string; effective_on: string; value: string }[] = [];
    for (const c of a.changes) {
      const key = keyOf(c);
      const value = stableStringify(c.value ?? null);
      const isNew = current.get(key) !== value;
      written.push(isNew);
      if (!isNew) continue;
      current.set(key, value);
      rows.push({ person_id: c.personId, field: c.field, effective_on: c.effectiveOn, value });
    }
    // one statement per 10,000 values: the columns as arrays (unnest), in the given order (a later value of a key gets the higher id), the rest the same for every row
    if (!a.dryRun) {
      for (let i = 0; i < rows.length; i += 10_000) {
        const chunk = rows.slice(i, i + 10_000);
        await sql`
          insert into personnel_entries (office_id, person_id, field, effective_on, value, source, source_ref, recorded_by, recorded_at)
          select ${a.officeId}::uuid, r.person_id, r.field, r.effective_on, r.value::jsonb, ${a.source.kind}, ${a.source.ref}::text, ${a.recordedBy}::uuid, ${a.now}::timestamptz
          from unnest(${chunk.map((r) => r.person_id)}::uuid[], ${chunk.map((r) => r.field)}::text[], ${chunk.map((r) => r.effective_on)}::date[], ${chunk.map((r) => r.value)}::text[])
            with ordinality as r(person_id, field, effective_on, value, n)
          order by r.n`.execute(trx);
      }
    }
    return { written, hadRecord };
  });
}

export interface DatedValue<T = unknown> {
  value: T;
  effectiveOn: string;
}

export interface PersonnelView {
  personId: string;
  citizenId: string | null;
  nameTh: string;
  nameEn: string | null;
  /** the values in force on the date, by field (a cleared field is absent) */
  values: Partial<Record<ScalarPersonnelField, DatedValue>>;
  /** leave per half-year, by the half-year's first day (YYYY-MM-DD) */
  leave: Record<string, LeaveValue>;
  /** penalties on or before the date, not cancelled, oldest first */
  penalties: { on: string; kind: string }[];
}

type EntryRow = { person_id: string; field: string; effective_on: string; value: unknown };

function fold(rows: readonly EntryRow[]): Map<string, Omit<PersonnelView, 'personId' | 'citizenId' | 'nameTh' | 'nameEn'>> {
  const out = new Map<string, Omit<PersonnelView, 'personId' | 'citizenId' | 'nameTh' | 'nameEn'>>();
  const penalties = new Map<string, Map<string, { on: string; kind: string; cancelled: boolean }>>();
  for (const r of rows) {
    let v = out.get(r.person_id);
    if (!v) out.set(r.person_id, (v = { values: {}, leave: {}, penalties: [] }));
    if (r.field === 'leave') {
      if (r.value === null) delete v.leave[r.effective_on];
      else v.leave[r.effective_on] = r.value as LeaveValue;
    } else if (r.field === 'penalty') {
      const p = r.value as PenaltyValue | null;
      if (!p) continue;
      const list = penalties.get(r.person_id) ?? new Map();
      penalties.set(r.person_id, list);
      list.set(`${r.effective_on}|${p.kind}`, { on: r.effective_on, kind: p.kind, cancelled: p.cancelled === true });
    } else if (r.value === null) delete v.values[r.field as ScalarPersonnelField];
    else v.values[r.field as ScalarPersonnelField] = { value: r.value, effectiveOn: r.effective_on };
  }
  for (const [personId, list] of penalties) {
    out.get(personId)!.penalties = [...list.values()]
      .filter((p) => !p.cancelled)
      .map(({ on, kind }) => ({ on, kind }))
      .sort((x, y) => x.on.localeCompare(y.on));
  }
  return out;
}

/**
 * The records of the office's people as of `asOf` (YYYY-MM-DD): per field the
 * value of the latest date on or before it (the latest recorded for that
 * date). People with no value on or before the date are left out; `personIds`
 * narrows to some.
 */
export async function personnelAsOf(db: Database, officeId: string, asOf: string, personIds?: readonly string[]): Promise<PersonnelView[]> {
  return (await personnelAsOfDates(db, officeId, [asOf], personIds)).views[0]!;
}

/**
 * The records as of several dates at once (one `personnelAsOf` per date, in
 * order): the values up to the latest date read once, folded per date. With
 * `recordStarts`, also `personnelRecordStarts` of everyone in them, from the
 * same rows (asked of the database only for whoever has no value recorded by
 * this office up to the latest date).
 */
export async function personnelAsOfDates(
  db: Database,
  officeId: string,
  dates: readonly string[],
  personIds?: readonly string[],
  opts: { recordStarts?: boolean } = {},
): Promise<{ views: PersonnelView[][]; recordStarts: Map<string, string> }> {
  const none = { views: dates.map(() => []), recordStarts: new Map<string, string>() };
  if (dates.length === 0) return none;
  if (!isUuid(officeId) || (personIds && (personIds.length === 0 || personIds.some((id) => !isUuid(id))))) return none;
  const latest = dates.reduce((a, b) => (b > a ? b : a));
  // the office's people first (an array computed once), then their values by the person index: a large
  // country's records are never scanned whole for one office
  let q = db
    .selectFrom('personnel_entries as e')
    .select(['e.person_id', 'e.field', 'e.effective_on', 'e.value', 'e.office_id'])
    .where(sql<boolean>`e.person_id = any(array(select p.id from people p where p.office_id = ${officeId}))`)
    .where('e.effective_on', '<=', latest);
  if (personIds) q = q.where('e.person_id', 'in', [...personIds]);
  const rows = await q.orderBy('e.person_id').orderBy('e.effective_on').orderBy('e.id').execute();
  const folded = dates.map((asOf) => fold(asOf === latest ? rows : rows.filter((r) => r.effective_on <= asOf)));
  const everyone = new Set(folded.flatMap((f) => [...f.keys()]));
  if (everyone.size === 0) return none;
  const people = await db
    .selectFrom('people')
    .select(['id', 'citizen_id', 'title_th', 'first_name_th', 'last_name_th', 'first_name_en', 'last_name_en'])
    .where('id', 'in', [...everyone])
    .execute();
  const byThaiName = new Intl.Collator('th').compare;
  const views = folded.map((f) =>
    people
      .filter((p) => f.has(p.id))
      .map((p) => ({ personId: p.id, citizenId: p.citizen_id, nameTh: personNameTh(p) ?? '', nameEn: personNameEn(p), ...f.get(p.id)! }))
      .sort(
        (x, y) =>
          String(x.values.position_no?.value ?? '').localeCompare(String(y.values.position_no?.value ?? '')) ||
          byThaiName(x.nameTh, y.nameTh),
      ),
  );
  const recordStarts = new Map<string, string>();
  if (opts.recordStarts) {
    // rows come by person and date: a person's first row of this office is where their record here starts; any
    // later one is after `latest`, so those without one up to it are asked for
    for (const r of rows) if (r.office_id === officeId && !recordStarts.has(r.person_id)) recordStarts.set(r.person_id, r.effective_on);
    const rest = [...everyone].filter((id) => !recordStarts.has(id));
    if (rest.length > 0) for (const [id, on] of await personnelRecordStarts(db, officeId, rest)) recordStarts.set(id, on);
  }
  return { views, recordStarts };
}

/**
 * The day each person's record in this office starts: the earliest date any
 * value of theirs holds from (what a move into the office looks like: every
 * value recorded from the day the person came). Only the office's people.
 */
export async function personnelRecordStarts(db: Database, officeId: string, personIds: readonly string[]): Promise<Map<string, string>> {
  if (!isUuid(officeId) || personIds.length === 0 || personIds.some((id) => !isUuid(id))) return new Map();
  const rows = await db
    .selectFrom('personnel_entries as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select(['e.person_id', (eb) => eb.fn.min('e.effective_on').as('starts')])
    .where('p.office_id', '=', officeId)
    .where('e.office_id', '=', officeId)
    .where('e.person_id', 'in', [...personIds])
    .groupBy('e.person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, String(r.starts)]));
}

export interface PersonnelHistoryEntry {
  id: string;
  field: PersonnelField;
  effectiveOn: string;
  value: unknown;
  source: 'import' | 'edit';
  sourceRef: string | null;
  recordedAt: Date;
  recordedByName: string | null;
}

/** Every value ever recorded for the person, newest first; null when the person is not of the office. */
export async function personnelHistory(db: Database, officeId: string, personId: string): Promise<PersonnelHistoryEntry[] | null> {
  if (!isUuid(officeId) || !isUuid(personId)) return null;
  const person = await db.selectFrom('people').select('id').where('id', '=', personId).where('office_id', '=', officeId).executeTakeFirst();
  if (!person) return null;
  const rows = await db
    .selectFrom('personnel_entries as e')
    .leftJoin('users as u', 'u.id', 'e.recorded_by')
    .leftJoin('people as rp', 'rp.id', 'u.person_id')
    .select([
      'e.id',
      'e.field',
      'e.effective_on',
      'e.value',
      'e.source',
      'e.source_ref',
      'e.recorded_at',
      'u.username',
      'rp.title_th',
      'rp.first_name_th',
      'rp.last_name_th',
    ])
    .where('e.person_id', '=', personId)
    .orderBy('e.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    field: r.field as PersonnelField,
    effectiveOn: r.effective_on,
    value: r.value,
    source: r.source as 'import' | 'edit',
    sourceRef: r.source_ref,
    recordedAt: r.recorded_at,
    recordedByName: r.first_name_th
      ? personNameTh({ title_th: r.title_th, first_name_th: r.first_name_th, last_name_th: r.last_name_th ?? '' })
      : r.username,
  }));
}

/** One person of the office (name, citizen id), or null when not of the office. */
export async function personnelPerson(
  db: Database,
  officeId: string,
  personId: string,
): Promise<{ personId: string; citizenId: string | null; nameTh: string } | null> {
  if (!isUuid(officeId) || !isUuid(personId)) return null;
  const p = await db
    .selectFrom('people')
    .select(['id', 'citizen_id', 'title_th', 'first_name_th', 'last_name_th'])
    .where('id', '=', personId)
    .where('office_id', '=', officeId)
    .executeTakeFirst();
  return p ? { personId: p.id, citizenId: p.citizen_id, nameTh: personNameTh(p) ?? '' } : null;
}

/** The office's people (id, name, citizen id) who have a record or could have one: for the list page. */
export async function personnelPeople(
  db: Database,
  officeId: string,
): Promise<{ personId: string; citizenId: string | null; nameTh: string; hasRecord: boolean }[]> {
  if (!isUuid(officeId)) return [];
  const rows = await db
    .selectFrom('people as p')
    .select(['p.id', 'p.citizen_id', 'p.title_th', 'p.first_name_th', 'p.last_name_th'])
    .select((eb) => eb.exists(eb.selectFrom('personnel_entries as e').select('e.id').whereRef('e.person_id', '=', 'p.id')).as('has_record'))
    .where('p.office_id', '=', officeId)
    .where('p.citizen_id', 'is not', null)
    .execute();
  return rows
    .map((r) => ({ personId: r.id, citizenId: r.citizen_id, nameTh: personNameTh(r) ?? '', hasRecord: Boolean(r.has_record) }))
    .sort((x, y) => x.nameTh.localeCompare(y.nameTh, 'th'));
}
