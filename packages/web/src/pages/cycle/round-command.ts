/**
 * A round's own command from its page (post vacancies, open requests, close a
 * phase): the event sent to the round's case (`POST /api/cases/:id/events`)
 * with an idempotency key, the busy flag and the refusal to show. One place
 * for what three cards did alike.
 */
import { useState } from 'react';
import { ApiProblem, client, newIdempotencyKey } from '../../lib/api';
import type { ApiBody } from '../../lib/api-types';

export function useRoundCommand(roundCaseId: string, onChanged: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  /** true when the round took the event; a refusal is kept in `problem` */
  const send = async (type: string, payload: unknown = {}): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await client.POST('/api/cases/{caseId}/events', {
        params: { path: { caseId: roundCaseId } },
        // the payload is the event's (the card built it; the server validates it)
        body: { type, payload } as ApiBody<'dispatchCaseEvent'>,
        idempotencyKey: newIdempotencyKey(),
      });
      onChanged();
      return true;
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { send, busy, problem };
}
