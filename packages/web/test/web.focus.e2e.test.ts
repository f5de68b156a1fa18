/**
 * Where the keyboard lands (issue 19): after moving to another page through
 * the menu or a link, on the new page's heading; after opening an action on a
 * case, in the action's form. Checked by what the browser reports as focused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;

beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2025-06-16T02:00:00Z'); // Monday 09:00 in Bangkok
  await w.api('a.hr', 'POST', '/api/cases', { workflowId: 'sample-sla', officeId: w.a.officeId, title: 'คำขอทดสอบโฟกัส', input: {} });
});
afterAll(() => w?.close());

/** what has the focus: its tag, its text (a heading) or its label (a field) */
const focused = (page: Page) =>
  page.evaluate<{ tag: string; text: string; inForm: string | null }>(`(() => {
    const el = document.activeElement;
    return { tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim(), inForm: el.closest('form')?.getAttribute('aria-label') ?? null };
  })()`);

describe('focus after navigation', () => {
  it('lands on the new page\u2019s heading after the menu or a link, and in the form of an action that opens', async () => {
    const page = await w.as('a.hr');
    await page.getByRole('heading', { name: 'งานของฉัน' }).waitFor();

    const menu = page.getByRole('navigation', { name: 'เมนูหลัก' });
    await menu.getByRole('link', { name: 'ค้นหาเรื่อง' }).click();
    await page.getByRole('heading', { level: 1, name: 'ค้นหาเรื่อง' }).waitFor();
    await page.waitForFunction(`document.activeElement && document.activeElement.tagName === 'H1'`);
    expect(await focused(page)).toMatchObject({ tag: 'h1', text: 'ค้นหาเรื่อง' });

    await menu.getByRole('link', { name: 'งานของฉัน' }).click();
    await page.getByRole('link', { name: /คำขอทดสอบโฟกัส/ }).click();
    await page.getByRole('heading', { name: 'สิ่งที่ฉันทำได้ตอนนี้' }).waitFor();
    await page.waitForFunction(`document.activeElement && document.activeElement.tagName === 'H1'`);
    expect((await focused(page)).text).toContain('คำขอทดสอบโฟกัส');

    // opening an action puts the keyboard in its form
    const actions = page.getByRole('group', { name: 'การดำเนินการ' });
    const first = actions.getByRole('button').first();
    const label = (await first.textContent())!.trim();
    await first.click();
    await page.waitForFunction(`document.activeElement && document.activeElement.closest('form.event-form') !== null`);
    const inForm = await focused(page);
    expect(inForm.inForm).toBe(label);
    expect(['input', 'select', 'textarea']).toContain(inForm.tag);
    expect(w.pageErrors).toEqual([]);
  });
});
