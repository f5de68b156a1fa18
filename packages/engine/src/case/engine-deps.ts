import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { CalendarSource } from '../sla/calendar-source';
import type { WorkflowRegistry } from '../workflow/registry';

/** What every command and query needs: where data lives, what workflows exist, what time it is. */
export interface EngineDeps {
  readonly db: Database;
  readonly registry: WorkflowRegistry;
  readonly clock: Clock;
  /** the business calendar of each office, for deadlines */
  readonly calendars: CalendarSource;
}
