/** Shapes of GET /api/cycles, /api/cycles/:id/progress and /api/cases/:id, from the API's generated types (lib/api-types.ts). */
import type { ApiOk } from '../../lib/api-types';

/** one row of GET /api/cycles (`listCycles`) */
export type CycleSummary = ApiOk<'listCycles'>['items'][number];

/** GET /api/cycles/:caseId/progress (`getCycleProgress`) */
export type CycleProgress = ApiOk<'getCycleProgress'>;

/** GET /api/cases/:caseId (`getCase`) */
export type CaseView = ApiOk<'getCase'>;

export type HistoryEntry = CaseView['history'][number];
