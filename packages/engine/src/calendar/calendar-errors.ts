/**
 * The calendar's one user-facing error, from the engine's error catalogue:
 * a date outside the years the calendar has holiday data for. Raised rather
 * than guessing, because a deadline counted without the holidays would be
 * wrong. (Invalid arguments are programming errors and stay plain RangeErrors.)
 */
import { EsaError } from '../errors';

export type CalendarErrorCode = 'CALENDAR_OUT_OF_RANGE';

export class CalendarRangeError extends EsaError {
  readonly range: { readonly first: string; readonly last: string };

  constructor(message: string, range: { readonly first: string; readonly last: string }) {
    super('CALENDAR_OUT_OF_RANGE', { reason: message, first: range.first, last: range.last });
    this.range = range;
  }
}
