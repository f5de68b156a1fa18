import type { Kysely } from 'kysely';
import { BusinessCalendar } from '../calendar/business-calendar';
import type { DB } from '../db/schema';

/** Where commands get the business calendar of an office (official holidays + stored special days and closures). */
export interface CalendarSource {
  /** `null`: the nationwide calendar (official holidays and cabinet special days, no office closures) */
  forOffice(db: Kysely<DB>, officeId: string | null): Promise<BusinessCalendar>;
  /**
   * The calendar last built for the office and the `calendar_revision` it was
   * built at, without reading anything: for a reader that checks the revision
   * in its own statement and asks `forOffice` again when it moved (the inbox's
   * "at risk", case/inbox-page.ts). Undefined: none built yet.
   */
  cached?(officeId: string | null): { revision: string; calendar: BusinessCalendar } | undefined;
}

/**
 * Caches one calendar per office and rebuilds it when `calendar_revision`
 * moved (every add or remove bumps it in the same transaction), so every
 * process sees a change at its next deadline computation. One primary-key
 * read per computation.
 */
export function createCalendarSource(): CalendarSource {
  const cache = new Map<string, { revision: string; calendar: BusinessCalendar }>();
  return {
    async forOffice(db, officeId) {
      const { revision } = await db.selectFrom('calendar_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
      const key = officeId ?? '*';
      const cached = cache.get(key);
      if (cached && cached.revision === String(revision)) return cached.calendar;
      const calendar = await loadCalendar(db, officeId);
      cache.set(key, { revision: String(revision), calendar });
      return calendar;
    },
    cached(officeId) {
      return cache.get(officeId ?? '*');
    },
  };
}

export async function loadCalendar(db: Kysely<DB>, officeId: string | null): Promise<BusinessCalendar> {
  const days = await db
    .selectFrom('calendar_days')
    .select(['date', 'office_id', 'kind', 'name_th', 'name_en'])
    .where('removed_at', 'is', null)
    .where((eb) => (officeId === null ? eb('office_id', 'is', null) : eb.or([eb('office_id', 'is', null), eb('office_id', '=', officeId)])))
    .execute();
  return new BusinessCalendar({
    ...(officeId !== null ? { officeId } : {}),
    extraDays: days.map((d) => ({
      date: d.date,
      nameTh: d.name_th,
      nameEn: d.name_en,
      kind: d.kind === 'office_closure' ? ('office_closure' as const) : ('special' as const),
      ...(d.office_id ? { officeId: d.office_id } : {}),
    })),
  });
}
