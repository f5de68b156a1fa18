/**
 * Errors of the calendar module. Each carries a stable `code` so callers
 * branch on it, never on the message.
 */
export type CalendarErrorCode = 'CALENDAR_OUT_OF_RANGE';

/**
 * A date outside the years the calendar has holiday data for. Raised rather
 * than guessing, because a deadline counted without the holidays would be wrong.
 */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
  readonly code: CalendarErrorCode = 'CALENDAR_OUT_OF_RANGE';

  constructor(
    message: string,
    readonly range: { readonly first: string; readonly last: string },
  ) {
    super(message);
  }
}
