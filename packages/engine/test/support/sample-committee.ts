/** A procedure decided by a screening committee, to test committees and meetings. */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { CommitteeResolutionPayload, defineWorkflow, type EngineEvent, type EngineInput } from '../../src/index';

type Ev =
  EngineEvent<'SCREEN_PASS' | 'SCREEN_FAIL', z.infer<typeof CommitteeResolutionPayload>> | EngineEvent<'WITHDRAW', Record<string, never>>;

export const sampleCommittee = defineWorkflow({
  id: 'sample-committee',
  version: 1,
  title: { th: 'ตัวอย่างการพิจารณาของคณะกรรมการ', en: 'Sample committee decision' },
  machine: setup({ types: { events: {} as Ev, input: {} as EngineInput, context: {} as { meetingId: string | null } } }).createMachine({
    id: 'sample-committee',
    initial: 'screening',
    context: { meetingId: null },
    states: {
      screening: {
        on: {
          SCREEN_PASS: { target: 'passed', actions: assign({ meetingId: ({ event }) => event.payload.meetingId }) },
          SCREEN_FAIL: 'failed',
          WITHDRAW: 'withdrawn',
        },
      },
      passed: { type: 'final' },
      failed: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  }),
  input: z.object({}),
  starters: ['teacher', 'hr_officer'],
  steps: {
    screening: {
      label: { th: 'คณะกรรมการกลั่นกรองพิจารณา', en: 'Screening committee review' },
      roles: ['committee'],
      committee: { kind: 'screening', resolutions: { approve: 'SCREEN_PASS', reject: 'SCREEN_FAIL' } },
      source: 'engine test sample',
    },
  },
  events: {
    SCREEN_PASS: { label: { th: 'มติเห็นชอบ', en: 'Approved' }, payload: CommitteeResolutionPayload, roles: ['committee'] },
    SCREEN_FAIL: { label: { th: 'มติไม่เห็นชอบ', en: 'Rejected' }, payload: CommitteeResolutionPayload, roles: ['committee'] },
    WITHDRAW: { label: { th: 'ถอนคำขอ', en: 'Withdraw' }, payload: z.object({}).strict(), roles: ['applicant'] },
  },
});
