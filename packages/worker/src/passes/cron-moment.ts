/**
 * Cron patterns in Asia/Bangkok, read by cron-parser (the parser BullMQ's own
 * job schedulers use, so a pattern means the same in both places).
 */
import { CronExpressionParser } from 'cron-parser';

const TZ = 'Asia/Bangkok';

/** Five fields (minute hour day-of-month month day-of-week) that cron-parser accepts. */
export function isValidCron(pattern: string): boolean {
  if (pattern.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(pattern, { tz: TZ });
    return true;
  } catch {
    return false;
  }
}

/** The latest moment of the pattern at or before `at`. */
export function latestCronMoment(pattern: string, at: Date): Date {
  // prev() is strictly before its starting point; a second later makes `at` itself count
  const expression = CronExpressionParser.parse(pattern, { tz: TZ, currentDate: new Date(at.getTime() + 1000) });
  return expression.prev().toDate();
}

/**
 * Whether a moment of the pattern fell in (`after`, `upTo`]: the question a
 * loop asks each time it wakes, with `after` the last time it asked. A clock
 * that jumped forward over several moments gets one run, not several.
 */
export function cronMomentBetween(pattern: string, after: Date, upTo: Date): Date | undefined {
  if (upTo.getTime() <= after.getTime()) return undefined;
  const moment = latestCronMoment(pattern, upTo);
  return moment.getTime() > after.getTime() ? moment : undefined;
}
