/**
 * Thai first, English second (issue 10): a person signs in to a Thai page,
 * switches to English and back; the menu, headings, step labels and dates
 * (Buddhist era in both) follow, <html lang> follows, and the choice
 * survives a reload. The main pages fit a 1366×768 screen and a phone
 * without sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let caseId = '';

beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2025-06-16T02:00:00Z'); // Monday 09:00 in Bangkok
  caseId = (
    await w.api('a.hr', 'POST', '/api/cases', {
      workflowId: 'sample-sla',
      officeId: w.a.officeId,
      title: 'คำขอตรวจสอบเอกสาร นายทดสอบ ภาษา',
      input: {},
    })
  ).caseId;
});
afterAll(() => w?.close());

const htmlLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');

describe('switching language', () => {
  it('shows Thai first, switches to English and back, and keeps the choice across a reload', async () => {
    const page = await w.as('a.hr');
    await page.getByRole('heading', { name: 'งานของฉัน' }).waitFor();
    expect(await htmlLang(page)).toBe('th');
    const row = page.getByTestId('inbox').getByRole('row', { name: /คำขอตรวจสอบเอกสาร/ });
    expect(await row.textContent()).toContain('ตรวจสอบเอกสาร');
    expect(await row.textContent()).toContain('19 มิ.ย. 2568'); // due in 3 working days, in พ.ศ.

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).textContent()).toContain('Deadlines overview');
    const rowEn = page.getByTestId('inbox').getByRole('row', { name: /คำขอตรวจสอบเอกสาร/ });
    expect(await rowEn.textContent()).toContain('Document review');
    expect(await rowEn.textContent()).toContain('19 Jun 2568 BE');

    await page.reload();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await page.getByRole('link', { name: /คำขอตรวจสอบเอกสาร/ }).click();
    await page.getByRole('heading', { name: 'What I can do now' }).waitFor();
    expect(await page.getByTestId('diagram-caption').textContent()).toContain('Document review');

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'สิ่งที่ฉันทำได้ตอนนี้' }).waitFor();
    expect(await htmlLang(page)).toBe('th');
    expect(await page.getByTestId('diagram-caption').textContent()).toContain('ตรวจสอบเอกสาร');
    expect(w.pageErrors).toEqual([]);
  });

  it('switches on the sign-in page too, and a refusal comes in the chosen language', async () => {
    const context = await w.browser.newContext({ baseURL: w.baseUrl });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').fill(await w.usernameOf('a.hr'));
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('SIGN_IN_FAILED');
    expect(await alert.textContent()).toMatch(/^[\x20-\x7E’]+$/); // the English message, not the Thai one
    await context.close();
  });

  it('fits a 1366×768 screen and a phone without sideways scrolling', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const page = await w.as('a.hr', { viewport });
      for (const path of ['/', `/cases/${caseId}`, '/cases']) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect({ viewport: viewport.width, path, overflow }).toEqual({ viewport: viewport.width, path, overflow: 0 });
      }
    }
  });
});
