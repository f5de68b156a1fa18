/**
 * A password someone else set (an admin's reset, the operator's first admin):
 * the person signs in, is taken to "ตั้งรหัสผ่านใหม่" and nothing else, sets a
 * new one (a too-short one refused with the reason), lands on their work;
 * signs out and in again with the new password. The sign-in page lists the
 * demo sign-ins only when the server (in demo mode) has some.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PASSWORD } from '../../server/test/support/server-world';
import { signInThroughPage } from './support/browser';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;

beforeAll(async () => {
  w = await startWebWorld(undefined, { ESA_FLOW_DEMO: '1' });
});
afterAll(() => w?.close());

const NEW_PASSWORD = 'รหัสผ่านใหม่-ของครู-2569';

describe('a password someone else set', () => {
  it('must be changed at the first sign-in; the new one works the next time', async () => {
    await w.tdb.db.updateTable('users').set({ must_change_password: true }).where('id', '=', w.a.users.teacher.userId).execute();
    const username = await w.usernameOf('a.teacher');
    const context = await w.browser.newContext({ baseURL: w.baseUrl, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => w.pageErrors.push(error.message));
    await page.goto('/');
    await page.getByLabel('ชื่อผู้ใช้').fill(username);
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();

    await page.getByRole('heading', { name: 'ตั้งรหัสผ่านใหม่' }).waitFor();
    expect(await page.getByTestId('whoami').count()).toBe(0); // no menu, nothing else
    expect(await page.getByTestId('password-form').textContent()).toContain('ยาวอย่างน้อย 10 ตัวอักษร');

    await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
    await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill('สั้นไป');
    await page.getByLabel('ยืนยันรหัสผ่านใหม่').fill('สั้นไป');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('PASSWORD_POLICY_UNMET');
    expect(await alert.textContent()).toContain('อย่างน้อย 10 ตัวอักษร');

    await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
    await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('ยืนยันรหัสผ่านใหม่').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
    await page.getByRole('heading', { name: 'งานของฉัน' }).waitFor();
    await page.getByTestId('whoami').waitFor();
    expect(await page.getByRole('link', { name: 'เปลี่ยนรหัสผ่าน' }).count()).toBe(1);

    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
    await signInThroughPage(page, username, NEW_PASSWORD);
    await page.getByRole('heading', { name: 'งานของฉัน' }).waitFor();

    // anyone may change theirs from the top bar; a wrong current password is refused
    await page.getByRole('link', { name: 'เปลี่ยนรหัสผ่าน' }).click();
    await page.getByRole('heading', { name: 'เปลี่ยนรหัสผ่าน' }).waitFor();
    await page.getByLabel('รหัสผ่านปัจจุบัน').fill(PASSWORD);
    await page.getByLabel('รหัสผ่านใหม่', { exact: true }).fill('อีกรหัสหนึ่ง-ยาวพอแล้ว');
    await page.getByLabel('ยืนยันรหัสผ่านใหม่').fill('อีกรหัสหนึ่ง-ยาวพอแล้ว');
    await page.getByRole('button', { name: 'บันทึกรหัสผ่านใหม่' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').getAttribute('data-code')).toBe('CURRENT_PASSWORD_WRONG');
    expect(w.pageErrors).toEqual([]);
    await context.close();
  });
});

describe('my tokens', () => {
  it('are listed on the password page and revoked there', async () => {
    const token = await w.api('a.hr', 'POST', '/api/auth/tokens', { name: 'ระบบเงินเดือน' });
    const page = await w.as('a.hr');
    await page.getByRole('link', { name: 'เปลี่ยนรหัสผ่าน' }).click();
    const section = page.getByTestId('my-tokens');
    await section.getByRole('cell', { name: 'ระบบเงินเดือน', exact: true }).waitFor();
    expect(await section.textContent()).toContain('อ่านอย่างเดียว');
    await section.getByRole('button', { name: 'ยกเลิกโทเคน ระบบเงินเดือน' }).click();
    await section.getByText('ไม่มีโทเคนที่ใช้งานได้').waitFor();
    const res = await w.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token.token}` } });
    expect(res.statusCode).toBe(401);
    expect(w.pageErrors).toEqual([]);
  });
});

describe('the demo sign-ins', () => {
  it('are listed only when there are some, and a button fills in the username', async () => {
    const context = await w.browser.newContext({ baseURL: w.baseUrl });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'เข้าสู่ระบบ' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('demo-accounts').count()).toBe(0);

    await w.tdb.db.updateTable('users').set({ demo: true }).where('id', 'in', [w.b.users.hr.userId, w.b.users.teacher.userId]).execute();
    await page.reload();
    const list = page.getByTestId('demo-accounts');
    await list.waitFor();
    expect(await list.textContent()).toContain('demo1234');
    expect(await list.textContent()).toContain('เจ้าหน้าที่กลุ่มบริหารงานบุคคล');
    const hr = await w.usernameOf('b.hr');
    await list.getByRole('button', { name: new RegExp(hr) }).click();
    expect(await page.getByLabel('ชื่อผู้ใช้').inputValue()).toBe(hr);
    await page.getByLabel('รหัสผ่าน', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
    await page.getByTestId('whoami').waitFor();
    await context.close();
  });
});
