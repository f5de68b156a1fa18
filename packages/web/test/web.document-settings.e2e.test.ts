/**
 * The office's document settings in the browser (docs/documents.md "Office
 * settings"): the office admin opens them from the menu, uploads the office's
 * emblem (it shows at once), chooses Arabic digits and saves; the page then
 * says who changed them and when, in Thai. Saving again changes nothing. An
 * HR officer is not offered the page in the menu and, opening it by its
 * address, reads the settings without a way to change them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWebWorld, type WebWorld } from './support/web-world';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let w: WebWorld;
beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2026-12-05T03:00:00Z'); // 5 ธันวาคม 2569, 10.00 น.
});
afterAll(() => w?.close());

describe('document settings', () => {
  it('the admin uploads the emblem and chooses Arabic digits; HR reads them without changing', async () => {
    const page = await w.as('a.admin');
    await page.getByRole('link', { name: 'ตั้งค่าหนังสือราชการ' }).click();
    await page.getByRole('heading', { name: 'การตั้งค่าหนังสือราชการ' }).waitFor();
    await page.getByTestId('emblem-none').waitFor();
    await page.getByTestId('emblem-file').setInputFiles({ name: 'ครุฑ.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('emblem-preview').waitFor();
    await page.getByLabel('เลขอารบิก (12/2569)').check();
    // the letterhead of the office's letters and memos
    expect(await page.getByLabel('ส่วนราชการเจ้าของเรื่อง').inputValue()).toBe('กลุ่มบริหารงานบุคคล');
    await page.getByLabel('ที่อยู่สำนักงาน (บรรทัดละหนึ่งส่วน)').fill('ถนนราเมศวร์ ตำบลคูหาสวรรค์\nอำเภอเมืองพัทลุง จังหวัดพัทลุง 93000');
    await page.getByLabel('โทรศัพท์').fill('0 7461 3011');
    await page.getByLabel('อีเมล').fill('hr@ptl1.go.th');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await page.getByText('บันทึกแล้ว (ฉบับที่ 1)').waitFor();
    await page.getByText(/แก้ไขล่าสุด 5 ธันวาคม 2569 10\.00 น\. โดย/).waitFor();
    expect(await page.getByLabel('เลขอารบิก (12/2569)').isChecked()).toBe(true);
    expect(await page.getByRole('button', { name: 'บันทึก' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('โทรศัพท์').inputValue()).toBe('0 7461 3011');
    const settings = (await (await page.request.get(`/api/offices/${w.a.officeId}/document-settings`)).json()) as {
      addressTh: string;
      email: string;
    };
    expect(settings).toMatchObject({ addressTh: 'ถนนราเมศวร์ ตำบลคูหาสวรรค์\nอำเภอเมืองพัทลุง จังหวัดพัทลุง 93000', email: 'hr@ptl1.go.th' });

    const hr = await w.as('a.hr');
    expect(await hr.getByRole('link', { name: 'ตั้งค่าหนังสือราชการ' }).count()).toBe(0);
    await hr.goto('/admin/documents');
    await hr.getByTestId('emblem-preview').waitFor();
    expect(await hr.getByTestId('emblem-file').count()).toBe(0);
    expect(await hr.getByRole('button', { name: 'บันทึก' }).count()).toBe(0);
    expect(await hr.getByLabel('โทรศัพท์').isDisabled()).toBe(true);
    expect(w.pageErrors).toEqual([]);
  });
});
