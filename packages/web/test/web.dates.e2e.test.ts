/**
 * Dates people type and read, in the browser (issue 19): a date field takes
 * day, Thai month and พ.ศ. year ('1/10/2563', Thai digits too), shows the
 * value back in พ.ศ. and refuses an implausible year in Thai before anything
 * is sent; a date-time field reads Bangkok time and keeps it, in a browser
 * whose own time zone is New York (it used to move 7 hours on each edit);
 * times read '13.30 น.'; and a send refused because someone else moved the
 * case first (412) says so, keeps what was typed, reloads the case and
 * lets the person send again. A one-step workflow of this file's own gives
 * the form a date and a date-time field.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, localDateSchema, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { startWebWorld, type WebWorld } from './support/web-world';

const RecordPayload = z
  .object({ heldOn: localDateSchema, startsAt: z.iso.datetime({ offset: true }), place: z.string().max(200).optional() })
  .strict();
type Ev = EngineEvent<'RECORD', z.infer<typeof RecordPayload>>;

const machine = setup({
  types: { context: {} as { records: number }, events: {} as Ev, input: {} as EngineInput<Record<string, never>> },
  actions: { count: assign({ records: ({ context }) => context.records + 1 }) },
}).createMachine({
  id: 'date-entry',
  initial: 'open',
  context: { records: 0 },
  states: { open: { on: { RECORD: { target: 'open', actions: 'count' } } } },
});

const dateEntry = defineWorkflow({
  id: 'date-entry',
  version: 1,
  title: { th: 'บันทึกการประชุม (ทดสอบ)', en: 'Meeting record (test)' },
  machine,
  input: z.object({}).strict(),
  starters: ['hr_officer'],
  steps: { open: { label: { th: 'บันทึกการประชุม', en: 'Recording' }, roles: ['hr_officer'], source: 'web test (not a real procedure)' } },
  events: { RECORD: { label: { th: 'บันทึกการประชุม', en: 'Record a meeting' }, payload: RecordPayload, roles: ['hr_officer'] } },
  labels: {
    fields: {
      heldOn: { th: 'วันที่ประชุม', en: 'Meeting date' },
      startsAt: { th: 'เริ่มประชุม', en: 'Starts at' },
      place: { th: 'สถานที่', en: 'Place' },
    },
    values: {},
    states: { open: { th: 'บันทึกการประชุม', en: 'Recording' } },
  },
});

let w: WebWorld;
let caseId = '';

beforeAll(async () => {
  w = await startWebWorld([dateEntry]);
  caseId = (
    await w.api('a.hr', 'POST', '/api/cases', { workflowId: 'date-entry', officeId: w.a.officeId, title: 'ประชุมทดสอบวันที่', input: {} })
  ).caseId;
});
afterAll(() => w?.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the case view's history, read field by field
const history = async (): Promise<any[]> =>
  (await w.api('a.hr', 'GET', `/api/cases/${caseId}`)).history.filter((h: { eventType: string }) => h.eventType === 'RECORD');

async function openRecordForm(page: Page) {
  await page.goto(`/cases/${caseId}`);
  await page
    .getByRole('group', { name: /การดำเนินการ|Actions/ })
    .getByRole('button', { name: /^(บันทึกการประชุม|Record a meeting)$/ })
    .click();
  return page.getByRole('form', { name: /^(บันทึกการประชุม|Record a meeting)$/ });
}

describe('dates typed and read in the Buddhist era, Bangkok time, whatever the browser’s zone', () => {
  it('reads day, Thai month and พ.ศ. year (Thai digits too), refuses an implausible year in Thai, and keeps a date-time in Bangkok time in a New York browser', async () => {
    const page = await w.as('a.hr', { timezoneId: 'America/New_York' });
    const form = await openRecordForm(page);
    const heldOn = form.getByLabel('วันที่ประชุม');
    const startsAt = form.getByLabel('เริ่มประชุม');

    // 2563 is not taken for a Common-Era year: ๓๑๐๖ (3106) is refused under the field when the person leaves it, and on sending
    await heldOn.fill('1 ต.ค. ๓๑๐๖');
    await heldOn.press('Tab');
    await form.getByText('ปี พ.ศ. 3106 ไม่อยู่ในช่วงที่เป็นไปได้ (พ.ศ. 2400–2600)').waitFor();
    expect(await heldOn.getAttribute('aria-invalid')).toBe('true');
    await startsAt.fill('1/10/2563 13.30');
    await form.getByRole('button', { name: 'บันทึกการประชุม' }).click();
    await form.getByText('กรุณาแก้ไข 1 ช่องที่ไม่ถูกต้อง').waitFor();
    await heldOn.fill('พรุ่งนี้');
    await heldOn.press('Tab');
    await form.getByText(/^อ่านวันที่ไม่ได้ กรุณากรอกวัน เดือน ปี พ\.ศ\./).waitFor();
    await heldOn.fill('1 ต.ค. 2300');
    await heldOn.press('Tab');
    await form.getByText('ปี 2300 ไม่อยู่ในช่วงที่เป็นไปได้ (พ.ศ. 2400–2600)').waitFor();
    expect(await history()).toHaveLength(0); // nothing was sent

    // Thai digits, read back in พ.ศ. beside the field and written back the field's one way on leaving it
    await heldOn.fill('๑ ต.ค. ๒๕๖๓');
    await form
      .getByTestId('be-date')
      .filter({ hasText: /^= 1 ต\.ค\. 2563$/ })
      .waitFor();
    await heldOn.press('Tab');
    expect(await heldOn.inputValue()).toBe('1 ต.ค. 2563');
    expect(await startsAt.inputValue()).toBe('1 ต.ค. 2563 13.30 น.');
    // editing the time twice does not move it (it used to shift by 7 hours per edit in a browser not in Bangkok)
    for (let i = 0; i < 2; i++) {
      await startsAt.fill((await startsAt.inputValue()).replace('13.30', '13.31'));
      await startsAt.press('Tab');
      await startsAt.fill((await startsAt.inputValue()).replace('13.31', '13.30'));
      await startsAt.press('Tab');
    }
    expect(await startsAt.inputValue()).toBe('1 ต.ค. 2563 13.30 น.');
    await form.getByRole('button', { name: 'บันทึกการประชุม' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึก "บันทึกการประชุม" แล้ว' }).waitFor();

    const [sent] = await history();
    expect(sent.payload).toEqual({ heldOn: '2020-10-01', startsAt: '2020-10-01T06:30:00.000Z' });
    // read back on the timeline in พ.ศ., Bangkok time, the time as Thai writes it
    const entry = page.getByTestId('timeline').locator('li').first();
    await entry.getByText('1 ต.ค. 2563 13.30 น.').waitFor();
    expect(await entry.textContent()).toContain('วันที่ประชุม');
    expect(w.pageErrors).toEqual([]);
  });

  it('says why in English for an English reader', async () => {
    const page = await w.as('a.hr', { lang: 'en', timezoneId: 'America/New_York' });
    const form = await openRecordForm(page);
    const heldOn = form.getByLabel('Meeting date');
    await heldOn.fill('1 Oct 3106');
    await heldOn.press('Tab');
    await form.getByText('The year B.E. 3106 is out of range (B.E. 2400–2600)').waitFor();
    await heldOn.fill('1/10/2563');
    await heldOn.press('Tab');
    expect(await heldOn.inputValue()).toBe('1 Oct 2563');
  });

  it('says so when someone else moved the case first (412), keeps what was typed, reloads the case and sends again', async () => {
    const page = await w.as('a.hr');
    const form = await openRecordForm(page);
    await form.getByLabel('วันที่ประชุม').fill('15 มี.ค. 2568');
    await form.getByLabel('เริ่มประชุม').fill('15 มี.ค. 2568 09.00 น.');
    await form.getByLabel('สถานที่').fill('ห้องประชุม สพป. ชั้น 2');
    const entries = page.getByTestId('timeline').locator('li');
    const before = await entries.count();
    const recorded = (await history()).length;

    // meanwhile, another session records a meeting on the same case
    await w.api('a.hr', 'POST', `/api/cases/${caseId}/events`, {
      type: 'RECORD',
      payload: { heldOn: '2025-03-14', startsAt: '2025-03-14T03:00:00.000Z' },
    });
    await form.getByRole('button', { name: 'บันทึกการประชุม' }).click();
    const conflict = form.getByTestId('conflict');
    await conflict.getByText('ยังไม่ได้บันทึก: มีผู้อื่นดำเนินการกับเรื่องนี้ก่อนท่าน').waitFor();
    expect(await conflict.getAttribute('role')).toBe('alert');
    expect(await page.getByRole('status').filter({ hasText: 'บันทึก "บันทึกการประชุม" แล้ว' }).count()).toBe(0); // no success
    // the case is reloaded (the other session's entry appears) and the form keeps what was typed
    await entries.nth(before).waitFor();
    expect(await form.getByLabel('วันที่ประชุม').inputValue()).toBe('15 มี.ค. 2568');
    expect(await form.getByLabel('เริ่มประชุม').inputValue()).toBe('15 มี.ค. 2568 09.00 น.');
    expect(await form.getByLabel('สถานที่').inputValue()).toBe('ห้องประชุม สพป. ชั้น 2');
    expect(await history()).toHaveLength(recorded + 1); // the other session's only

    await form.getByRole('button', { name: 'บันทึกการประชุม' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึก "บันทึกการประชุม" แล้ว' }).waitFor();
    const sent = await history();
    expect(sent).toHaveLength(recorded + 2);
    expect(sent[recorded + 1].payload).toEqual({ heldOn: '2025-03-15', startsAt: '2025-03-15T02:00:00.000Z', place: 'ห้องประชุม สพป. ชั้น 2' });
    expect(w.pageErrors).toEqual([]);
  });
});
