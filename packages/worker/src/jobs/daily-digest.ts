/**
 * The daily digest: at 08:00 on working days, one notification per person
 * listing everything awaiting them, soonest due first. Keyed by person and
 * date, so a second run the same day writes nothing new.
 */
import {
  officeCalendar,
  insertDigestNotifications,
  listAwaitingWork,
  localDateOfInstant,
  type AwaitingItem,
  type Engine,
} from '@esa-flow/engine';

export async function writeDailyDigests(engine: Engine): Promise<{ people: number; skipped?: 'non_working_day' }> {
  const now = engine.clock.now();
  const today = localDateOfInstant(now);
  const calendar = await officeCalendar(engine, null);
  if (!calendar.isWorkingDay(today)) return { people: 0, skipped: 'non_working_day' };
  const byUser = new Map<string, AwaitingItem[]>();
  for (const item of await listAwaitingWork(engine, now)) {
    const list = byUser.get(item.userId) ?? [];
    list.push(item);
    byUser.set(item.userId, list);
  }
  if (byUser.size === 0) return { people: 0 };
  const rows = [...byUser].map(([userId, items]) => ({
    case_id: null,
    history_seq: null,
    recipient_user_id: userId,
    kind: 'digest',
    step: today,
    payload: JSON.stringify({
      date: today,
      items: items.map((i) => ({
        caseId: i.caseId,
        title: i.title,
        step: i.step,
        stepLabel: i.stepLabel,
        dueAt: i.dueAt?.toISOString() ?? null,
        overdue: i.overdue,
      })),
    }),
    available_at: now,
    created_at: now,
  }));
  await insertDigestNotifications(engine, rows);
  return { people: rows.length };
}
