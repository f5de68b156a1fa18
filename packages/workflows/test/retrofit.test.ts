/**
 * No poller remains (issue 18): the versions published before steps could
 * declare timed system events carry their next version's events on the same
 * steps (retrofit.ts), without changing what was published (the content hash),
 * and the modules that scanned cases for them are gone.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { WorkflowDefinition } from '@esa-flow/engine';
import { academicStanding, academicStandingV2 } from '../src/academic-standing/index';
import { createRegistry } from '../src/index';
import { transferRequest, transferRequestV1, transferRequestV3, transferRound, transferRoundV2 } from '../src/transfer/index';

const registry = createRegistry();

describe('the versions published before timed system events', () => {
  const cases: readonly (readonly [WorkflowDefinition, WorkflowDefinition, readonly string[]])[] = [
    [transferRequestV1, transferRequestV3, ['draft', 'correction', 'reportingForDuty', 'notMoved']],
    [transferRequest, transferRequestV3, ['draft', 'correction', 'reportingForDuty', 'notMoved']],
    [transferRound, transferRoundV2, ['requestsOpen', 'schoolReview', 'scoring', 'screening', 'approval', 'orders']],
    [academicStanding, academicStandingV2, ['revision', 'notPassed', 'notEligible']],
  ];
  it.each(cases.map(([published, next, steps]) => [published.key, published, next, steps] as const))(
    '%s: the registered one carries the next version’s system events, with the content published unchanged',
    (_key, published, next, steps) => {
      const registered = registry.get(published.id, published.version);
      expect(registered.contentHash).toBe(published.contentHash);
      expect(Object.keys(registered.retrofitSystemEvents ?? {}).sort()).toEqual([...steps].sort());
      for (const step of steps) expect(registered.retrofitSystemEvents![step]).toEqual(next.steps[step]!.systemEvents);
    },
  );

  it('no version is left whose dated events a poller would have to send, and the pollers are gone', () => {
    // the steps the old pollers closed by date: in every registered version, their closing event is a timer row (declared or retrofitted)
    const closedByDate: Record<string, readonly string[]> = {
      'transfer-request': ['draft', 'correction', 'reportingForDuty'],
      'transfer-round': ['requestsOpen', 'schoolReview', 'scoring', 'screening', 'approval', 'orders'],
      'academic-standing': ['revision'],
    };
    for (const def of registry.list()) {
      for (const step of closedByDate[def.id] ?? []) {
        const closing = (def.steps[step]?.systemEvents ?? []).length + (def.retrofitSystemEvents?.[step] ?? []).length;
        expect([def.key, step, closing > 0]).toEqual([def.key, step, true]);
      }
    }
    expect(existsSync(new URL('../src/transfer/system-events.ts', import.meta.url))).toBe(false);
    expect(existsSync(new URL('../src/academic-standing/lapses.ts', import.meta.url))).toBe(false);
  });
});
