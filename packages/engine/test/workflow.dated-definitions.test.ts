/**
 * A workflow definition's `informs` (notices) and date guards read against
 * `occurredAt` are checked when it is defined (issue 18): a notice names
 * someone and has both languages; a guard against `occurredAt` needs an event
 * that declares it.
 */
import { describe, expect, it } from '@jest/globals';
import { defineWorkflow } from '../src/index';
import { sampleDated } from './support/sample-dated';

const { key: _k, contentHash: _h, leafSteps: _l, ...config } = sampleDated;
const problemsOf = (events: Record<string, unknown>): string[] => {
  try {
    defineWorkflow({ ...config, version: 99, events: { ...config.events, ...events } } as typeof config);
    return [];
  } catch (e) {
    return (e as { details?: { problems?: string[] } }).details?.problems ?? [String(e)];
  }
};

describe('dated definitions', () => {
  it('accepts a notice with roles and both languages, and a guard against occurredAt on an event that declares it', () => {
    expect(
      problemsOf({
        EXPIRE: {
          ...config.events.EXPIRE,
          informs: {
            roles: ['applicant'],
            message: { th: 'พ้นกำหนดแล้ว', en: 'The period has ended.' },
            byState: { expired: { th: 'สิ้นสุด', en: 'Ended' } },
          },
        },
        ACK: {
          ...config.events.ACK,
          dateGuard: {
            until: { kind: 'calendar_days', days: 5, phrase: 'ภายใน 5 วัน' },
            mode: 'refuse',
            against: 'occurred_at',
            rule: { th: 'พ้นกำหนด', en: 'Too late' },
          },
        },
      }),
    ).toEqual([]);
  });

  it('refuses a notice to nobody or without a language, and a guard against an occurredAt the event does not declare', () => {
    expect(problemsOf({ EXPIRE: { ...config.events.EXPIRE, informs: { roles: [], message: { th: 'x', en: 'x' } } } })).toEqual([
      'event "EXPIRE": informs names nobody',
    ]);
    expect(problemsOf({ EXPIRE: { ...config.events.EXPIRE, informs: { roles: ['applicant'], message: { th: 'x', en: ' ' } } } })).toEqual([
      'event "EXPIRE": a notice without its Thai or English text',
    ]);
    expect(
      problemsOf({
        CERTIFY: {
          ...config.events.CERTIFY,
          dateGuard: { until: 'step_deadline', mode: 'refuse', against: 'occurred_at', rule: { th: 'x', en: 'x' } },
        },
      }),
    ).toEqual(['event "CERTIFY": its date guard reads occurredAt, which the event does not declare']);
  });
});
