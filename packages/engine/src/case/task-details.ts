import { bangkokInstant } from '../calendar/bangkok-time';

/**
 * What the event that moved the case asks of the person who must act now,
 * carried into their mail: the payload's `note` (a director's "what to fix")
 * and its `fixBy` moment ({ date, time } in Bangkok) as the mail's due date.
 */
export function taskDetailsOf(payload: unknown): { note?: string; dueAt?: string } {
  if (typeof payload !== 'object' || payload === null) return {};
  const p = payload as { note?: unknown; fixBy?: { date?: unknown; time?: unknown } };
  const out: { note?: string; dueAt?: string } = {};
  if (typeof p.note === 'string' && p.note.trim() !== '') out.note = p.note.trim().slice(0, 2000);
  if (p.fixBy && typeof p.fixBy.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.fixBy.date) && typeof p.fixBy.time === 'string') {
    const at = bangkokInstant(p.fixBy.date, p.fixBy.time);
    if (!Number.isNaN(at.getTime())) out.dueAt = at.toISOString();
  }
  return out;
}
