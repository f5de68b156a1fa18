/**
 * งานของฉัน a page at a time (issue 17): the API answers 50 items with the
 * counts over all of them; "แสดงเพิ่ม" brings the next page; the overdue and
 * at-risk tiles and the search are answered by the API, so they find items
 * beyond the pages loaded. No code names, ids or ISO dates on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
const CASES = 62;

beforeAll(async () => {
  w = await startWebWorld();
  // from Mon 2 Jun 2568 09:00, one case every 3 hours for a week; each review is due in 3 working days
  for (let i = 0; i < CASES; i++) {
    w.clock.set(new Date(Date.parse('2025-06-02T02:00:00Z') + i * 3 * 3_600_000));
    await w.api('a.hr', 'POST', '/api/cases', { workflowId: 'sample-sla', officeId: w.a.officeId, title: `คำขอเลขที่ ${i + 1}`, input: {} });
  }
});
afterAll(() => w?.close());

/** In the page: the inbox shows exactly `n` rows. */
const rowsAre = (n: number) =>
  (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(
    '[data-testid=inbox] tbody tr',
  ).length === n;

describe('the inbox, a page at a time', () => {
  it('shows the first 50 with the counts, brings more on asking, and filters and searches over every page', async () => {
    w.clock.set('2025-06-12T03:00:00Z'); // Thu 12 Jun 10:00: those opened in the first week are overdue, the last are not
    const page = await w.as('a.hr');
    const rows = page.getByTestId('inbox').locator('tbody tr');
    await rows.nth(49).waitFor();
    expect(await rows.count()).toBe(50);
    const tile = (name: string) => page.getByRole('button', { name: new RegExp(name) }).locator('strong');
    expect(await tile('รอฉันดำเนินการ').textContent()).toBe(String(CASES));
    const overdue = Number(await tile('เกินกำหนด').textContent());
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(CASES);

    await page.getByRole('button', { name: `แสดงเพิ่ม (เหลือ ${CASES - 50})` }).click();
    await rows.nth(CASES - 1).waitFor();
    expect(await rows.count()).toBe(CASES);
    expect(await page.getByRole('button', { name: /แสดงเพิ่ม/ }).count()).toBe(0);

    // the search is the API's: over every page
    await page.getByLabel('ค้นหาในงานของฉัน').fill(`เลขที่ ${CASES - 1}`);
    await page.waitForFunction(rowsAre, 1);
    expect(await rows.first().textContent()).toContain(`คำขอเลขที่ ${CASES - 1}`);
    await page.getByLabel('ค้นหาในงานของฉัน').fill('');
    await rows.nth(49).waitFor();

    // the overdue tile: only the overdue, all of them
    await page.getByRole('button', { name: /เกินกำหนด/ }).click();
    await page.waitForFunction(rowsAre, Math.min(overdue, 50));
    expect(await page.getByTestId('inbox').locator('.badge-overdue').count()).toBe(Math.min(overdue, 50));
    await page.getByText(`${overdue} เรื่อง`).waitFor();

    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no ids
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no ISO dates
    expect(text).not.toContain('sample-sla');
    expect(w.pageErrors).toEqual([]);
  });
});
