/** One step whose only deadline is a timed system event (LAPSE one second after `lapseAt`): the worker's volume test. */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, type EngineEvent, type EngineInput } from '../../src/index';

const Input = z.object({ lapseAt: z.iso.datetime() });
type Ev = EngineEvent<'LAPSE', Record<string, never>>;
export const lapsing = defineWorkflow({
  id: 'volume-lapse',
  version: 1,
  title: { th: 'ทดสอบการพ้นกำหนดจำนวนมาก', en: 'Lapses at volume' },
  machine: setup({
    types: {
      context: {} as { lapseAt: string; lapsedAt: string | null },
      events: {} as Ev,
      input: {} as EngineInput<z.infer<typeof Input>>,
    },
  }).createMachine({
    id: 'volume-lapse',
    initial: 'waiting',
    context: ({ input }) => ({ lapseAt: input.data.lapseAt, lapsedAt: null }),
    states: {
      waiting: { on: { LAPSE: { target: 'lapsed', actions: assign({ lapsedAt: ({ event }) => event.at }) } } },
      lapsed: { type: 'final' },
    },
  }),
  input: Input,
  starters: ['hr_officer'],
  steps: {
    waiting: {
      label: { th: 'รอแก้ไข', en: 'Waiting' },
      roles: ['applicant'],
      systemEvents: [{ event: 'LAPSE', at: { kind: 'from_data', path: 'lapseAt', offsetSeconds: 1, phrase: 'หากพ้นกำหนดถือว่าสละสิทธิ์' } }],
      source: 'worker volume test',
    },
  },
  events: { LAPSE: { label: { th: 'พ้นกำหนด', en: 'Lapsed' }, payload: z.object({}).strict(), roles: ['system'] } },
});
