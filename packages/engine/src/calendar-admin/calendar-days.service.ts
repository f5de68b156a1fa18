/**
 * Special holidays (วันหยุดพิเศษตามมติ ครม.) and office closures are data
 * that people add and remove, with who did it and on what authority. A change
 * re-computes, in the same transaction, the due moments and timers of the open
 * SLA clocks it affects.
 *
 * Who may: an office closure — an `admin` of that office; a nationwide cabinet
 * day — the system actor (the operators' command line), since it changes the
 * deadlines of every office.
 */
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../access/actor';
import { localDateSchema } from '../calendar/extra-days';
import { nameText } from '../text/plain-text';
import type { EngineDeps } from '../case/engine-deps';
import { isUuid } from '../case/case.repository';
import { parseOrThrow } from '../case/validate-payload';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { recomputeOpenClocks } from '../sla/recompute-clocks';

export const CalendarDayInput = z
  .object({
    date: localDateSchema,
    kind: z.enum(['special', 'office_closure']),
    officeId: z.string().uuid().nullable().default(null),
    nameTh: nameText(200),
    nameEn: nameText(200),
    /** on what authority, e.g. 'มติ ครม. 13 พ.ค. 2568' or the office's order number */
    source: z.string().trim().min(1).max(300),
  })
  .strict()
  .refine((d) => (d.kind === 'special') === (d.officeId === null), {
    message: 'a special day is nationwide (no officeId); an office closure names its office',
    path: ['officeId'],
  });

export type CalendarDayInput = z.input<typeof CalendarDayInput>;

export interface CalendarChangeResult {
  id: string;
  /** open clocks whose due moment moved */
  recomputedClocks: number;
  /** true when the same day was already there (nothing was written) */
  unchanged: boolean;
}

function assertMayChange(actor: Actor, officeId: string | null): void {
  const allowed =
    actor.kind === 'system' ||
    (officeId !== null &&
      actor.kind === 'user' &&
      actor.grants.some((g) => g.role === 'admin' && g.officeId === officeId && g.schoolId === null));
  if (!allowed) throw new EsaError('FORBIDDEN', { action: 'calendar.change', officeId });
}

async function bumpRevision(trx: Transaction<DB>): Promise<void> {
  await sql`update calendar_revision set revision = nextval('calendar_revision_seq') where id = 1`.execute(trx);
}

export async function addCalendarDay(deps: EngineDeps, actor: Actor, input: CalendarDayInput): Promise<CalendarChangeResult> {
  const day = parseOrThrow(CalendarDayInput, input, 'INVALID_PAYLOAD');
  assertMayChange(actor, day.officeId);
  return deps.db.transaction().execute(async (trx) => {
    if (day.officeId !== null) {
      const office = await trx.selectFrom('offices').select('id').where('id', '=', day.officeId).executeTakeFirst();
      if (!office) throw new EsaError('OFFICE_NOT_FOUND', { officeId: day.officeId });
    }
    const now = deps.clock.now();
    const inserted = await trx
      .insertInto('calendar_days')
      .values({
        date: day.date,
        office_id: day.officeId,
        kind: day.kind,
        name_th: day.nameTh,
        name_en: day.nameEn,
        source: day.source,
        created_by: actor.id,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('calendar_days')
        .select('id')
        .where('date', '=', day.date)
        .where((eb) => (day.officeId === null ? eb('office_id', 'is', null) : eb('office_id', '=', day.officeId)))
        .where('removed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { id: existing.id, recomputedClocks: 0, unchanged: true };
    }
    const id = inserted.id;
    await bumpRevision(trx);
    const recomputedClocks = await recomputeOpenClocks(trx, deps, { officeId: day.officeId, fromDate: day.date, now });
    return { id, recomputedClocks, unchanged: false };
  });
}

export async function removeCalendarDay(deps: EngineDeps, actor: Actor, id: string): Promise<CalendarChangeResult> {
  if (!/^\d{1,18}$/.test(id)) throw new EsaError('CALENDAR_DAY_NOT_FOUND', { id });
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('calendar_days').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    const visible =
      row &&
      (actor.kind === 'system' ||
        row.office_id === null ||
        (actor.kind === 'user' && actor.grants.some((g) => g.officeId === row.office_id)));
    if (!row || !visible) throw new EsaError('CALENDAR_DAY_NOT_FOUND', { id });
    assertMayChange(actor, row.office_id);
    if (row.removed_at !== null) return { id, recomputedClocks: 0, unchanged: true };
    const now = deps.clock.now();
    await trx.updateTable('calendar_days').set({ removed_at: now, removed_by: actor.id }).where('id', '=', id).execute();
    await bumpRevision(trx);
    const recomputedClocks = await recomputeOpenClocks(trx, deps, { officeId: row.office_id, fromDate: row.date, now });
    return { id, recomputedClocks, unchanged: false };
  });
}

export interface CalendarDayView {
  id: string;
  date: string;
  kind: 'special' | 'office_closure';
  officeId: string | null;
  nameTh: string;
  nameEn: string;
  source: string;
  createdBy: string;
  createdAt: Date;
}

/** The stored days an actor's office observes (nationwide ones and its own closures), live only, by date. */
export async function listCalendarDays(deps: EngineDeps, officeId: string | null, year?: number): Promise<CalendarDayView[]> {
  if (officeId !== null && !isUuid(officeId)) return [];
  let q = deps.db
    .selectFrom('calendar_days')
    .selectAll()
    .where('removed_at', 'is', null)
    .where((eb) =>
      officeId === null ? eb('office_id', 'is', null) : eb.or([eb('office_id', 'is', null), eb('office_id', '=', officeId)]),
    );
  if (year !== undefined) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  const rows = await q.orderBy('date').execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    kind: r.kind as CalendarDayView['kind'],
    officeId: r.office_id,
    nameTh: r.name_th,
    nameEn: r.name_en,
    source: r.source,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}
