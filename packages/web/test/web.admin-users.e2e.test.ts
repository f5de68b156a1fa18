/**
 * The office admin creates a user without ever typing (or seeing) an id:
 * on the users page they open "create a user", type part of a name in the
 * person picker, choose the person (shown with school and citizen id), give
 * a username and a generated password, create the account, then grant a
 * role for the person's school from the panel that opens. Someone who
 * already has an account is shown with it and cannot be chosen. The new
 * user then signs in with that password and holds the role.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let personId = '';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

beforeAll(async () => {
  w = await startWebWorld();
  personId = (
    await w.tdb.db
      .insertInto('people')
      .values({
        citizen_id: '1509901234566',
        title_th: 'นาง',
        first_name_th: 'วิไลวรรณ',
        last_name_th: 'เลือกได้',
        first_name_en: 'Wilaiwan',
        last_name_en: 'Lueakdai',
        office_id: w.a.officeId,
        school_id: w.a.schoolIds[1],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await w.tdb.db
    .insertInto('people')
    .values({ citizen_id: '1509901234574', first_name_th: 'วิไลวรรณ', last_name_th: 'เขตอื่น', office_id: w.b.officeId })
    .execute();
});
afterAll(() => w?.close());

describe('creating a user from the person picker', () => {
  it('finds the person by name, creates the account and grants a role, with no id in sight', async () => {
    const page = await w.as('a.admin');
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'ผู้ใช้และบทบาท' }).waitFor();
    await page.getByRole('button', { name: 'สร้างบัญชีผู้ใช้' }).click();

    const picker = page.getByRole('searchbox', { name: /บุคลากร/ });
    // someone who already has an account shows it and cannot be chosen
    await picker.fill('admin');
    const taken = page.getByRole('button', { name: /มีบัญชีแล้ว/ });
    await taken.waitFor();
    expect(await taken.isDisabled()).toBe(true);

    await picker.fill('วิไล');
    const found = page.getByRole('list', { name: 'ผลการค้นหาบุคลากร' }).getByRole('button');
    await found.filter({ hasText: 'วิไลวรรณ' }).first().waitFor();
    expect(await found.count()).toBe(1); // not the person of the other office
    expect(await found.first().textContent()).toContain('โรงเรียน 2');
    expect(await found.first().textContent()).toContain('1-5099-01234-56-6');
    await found.first().click();
    const picked = page.getByTestId('picked-person');
    expect(await picked.textContent()).toContain('นางวิไลวรรณ เลือกได้');

    await page.getByRole('textbox', { name: /^ชื่อผู้ใช้/ }).fill('wilaiwan.l');
    await page.getByRole('button', { name: 'สุ่มรหัสผ่าน' }).click();
    const password = await page.locator('#new-password').inputValue();
    expect(password).toHaveLength(16);
    expect(await page.locator('main').innerText()).not.toMatch(UUID);
    await page.getByRole('button', { name: 'สร้างบัญชี', exact: true }).click();
    await page.getByText('สร้างบัญชี wilaiwan.l แล้ว').waitFor();

    // the new user's panel opens: grant a role, for the school where they work by default
    const grant = page.locator('form[aria-labelledby="grant-title"]');
    await grant.getByRole('combobox', { name: 'บทบาท' }).selectOption({ label: 'ครู' });
    // the school list arrives after the panel: wait for it to show the user's school as the chosen scope
    await grant
      .getByRole('combobox', { name: 'ขอบเขต' })
      .locator('option:checked', { hasText: 'โรงเรียน 2' })
      .waitFor({ state: 'attached' });
    await grant.getByRole('button', { name: 'มอบบทบาท' }).click();
    await page.getByText('มอบบทบาทครูให้ wilaiwan.l แล้ว').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(UUID);

    const user = await w.tdb.db
      .selectFrom('users')
      .select('id')
      .where('person_id', '=', personId)
      .where('username', '=', 'wilaiwan.l')
      .executeTakeFirstOrThrow();
    const grants = await w.tdb.db
      .selectFrom('role_assignments')
      .select(['role', 'school_id', 'valid_until'])
      .where('user_id', '=', user.id)
      .execute();
    expect(grants).toEqual([{ role: 'teacher', school_id: w.a.schoolIds[1], valid_until: null }]);
    const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'wilaiwan.l', password } });
    expect(signIn.statusCode).toBe(200);
    expect(w.pageErrors).toEqual([]);
  });
});
