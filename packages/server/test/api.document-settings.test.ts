/**
 * How an office prints its documents (docs/documents.md "Office settings"):
 * its admin uploads the emblem and chooses the digits once; every document
 * of the office is printed with them from then on (a reader may still ask for
 * other digits). Each change is a new version; the same change again writes
 * nothing; only the office's admin changes them, with an emblem of the right
 * kind that they uploaded; every user of the office may see the emblem,
 * nobody of another office.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import { missingInOrder, pdfImageCount, pdfText } from '../../documents/test/support/pdf-checks';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

type Who = 'a.admin' | 'a.hr' | 'a.teacher' | 'b.admin' | 'b.hr';

/** A real 1×1 PNG (Chromium draws it). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let w: ServerWorld;
const cookies = new Map<string, string>();

beforeAll(async () => {
  w = await startServerWorld({});
  w.clock.set('2026-12-05T03:00:00Z');
});
afterAll(() => w.close());

async function cookieOf(who: Who): Promise<string> {
  const cached = cookies.get(who);
  if (cached) return cached;
  const [office, role] = who.split('.') as ['a' | 'b', 'admin' | 'hr' | 'teacher'];
  const userId = (office === 'a' ? w.a : w.b).users[role].userId;
  const { username } = await w.tdb.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
  const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  const value = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
  cookies.set(who, value);
  return value;
}

async function call(
  who: Who,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return w.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as Buffer } : {}),
    headers: { cookie: await cookieOf(who), ...headers },
  });
}

const upload = async (who: Who, bytes: Buffer, kind: string) =>
  (
    await call(who, 'POST', `/api/files?kind=${kind}`, bytes, { 'content-type': 'application/octet-stream', 'x-file-name': 'garuda.png' })
  ).json() as { id: string };
const settingsUrl = () => `/api/offices/${w.a.officeId}/document-settings`;
const versions = async () =>
  Number(
    (
      await w.tdb.db
        .selectFrom('office_document_settings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

let meetingId = '';

describe('the office’s document settings', () => {
  it('start as Thai digits and no emblem, and the office’s documents print so', async () => {
    expect((await call('a.teacher', 'GET', settingsUrl())).json()).toMatchObject({
      version: 0,
      emblemFileId: null,
      thaiDigits: true,
      addressTh: null,
      unitTh: 'กลุ่มบริหารงานบุคคล',
      phone: null,
      email: null,
      changedByName: null,
    });
    const committee = (
      await call('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, {
        kind: 'transfer_screening',
        nameTh: 'คณะกรรมการกลั่นกรองการย้าย',
        nameEn: 'Screening',
      })
    ).json() as { committeeId: string };
    const present: string[] = [];
    for (const [role, seat] of [
      ['area', 'chair'],
      ['group', 'secretary'],
      ['auditor', 'member'],
    ] as const) {
      const m = await call('a.hr', 'POST', `/api/committees/${committee.committeeId}/members`, {
        personId: w.a.users[role].personId,
        seat,
        termFrom: '2026-01-01',
        termUntil: null,
      });
      present.push((m.json() as { memberId: string }).memberId);
    }
    meetingId = (
      (
        await call('a.hr', 'POST', `/api/committees/${committee.committeeId}/meetings`, {
          title: 'ประชุมครั้งที่ 12/2569',
          scheduledAt: '2026-12-05T02:00:00Z',
          place: 'ห้องประชุม 1',
        })
      ).json() as { meetingId: string }
    ).meetingId;
    expect((await call('a.hr', 'POST', `/api/meetings/${meetingId}/open`, { present })).statusCode).toBe(200);
    expect((await call('a.hr', 'POST', `/api/meetings/${meetingId}/close`)).statusCode).toBe(200);
    const pdf = (await call('a.hr', 'GET', `/api/meetings/${meetingId}/documents/memo.pdf`)).rawPayload;
    expect(pdfText(pdf)).toContain('ครั้งที่ ๑๒/๒๕๖๙');
    expect(pdfImageCount(pdf)).toBe(0);
  });

  it('are changed by the office’s admin only, with an emblem of the right kind that the admin uploaded', async () => {
    const emblem = await upload('a.admin', PNG, 'office-emblem');
    const evidence = await upload('a.admin', PNG, 'evidence');
    const hrs = await upload('a.hr', PNG, 'office-emblem');
    const before = await versions();
    expect((await call('a.hr', 'PUT', settingsUrl(), { emblemFileId: emblem.id, thaiDigits: false })).json()).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await call('b.admin', 'PUT', settingsUrl(), { emblemFileId: emblem.id, thaiDigits: false })).statusCode).toBe(404);
    expect((await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: evidence.id, thaiDigits: false })).json()).toMatchObject({
      code: 'INVALID_PAYLOAD',
    });
    expect((await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: hrs.id, thaiDigits: false })).json()).toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    expect((await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: 'not-a-uuid', thaiDigits: false })).statusCode).toBe(400);
    expect(await versions()).toBe(before);

    const set = await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: emblem.id, thaiDigits: false });
    expect(set.json()).toMatchObject({
      version: 1,
      emblemFileId: emblem.id,
      thaiDigits: false,
      changed: true,
      changedAtTh: '5 ธันวาคม 2569 10.00 น.',
    });
    // the same again: nothing written (a retried click)
    expect((await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: emblem.id, thaiDigits: false })).json()).toMatchObject({
      version: 1,
      changed: false,
    });
    expect(await versions()).toBe(before + 1);
    // every user of the office sees the emblem; another office does not
    expect((await call('a.teacher', 'GET', `/api/files/${emblem.id}?inline=true`)).statusCode).toBe(200);
    expect((await call('b.hr', 'GET', `/api/files/${emblem.id}`)).statusCode).toBe(404);
    expect((await call('b.hr', 'GET', settingsUrl())).statusCode).toBe(404);
  });

  it('print every document of the office with the emblem and 0–9 from then on; a reader may still ask for Thai digits', async () => {
    const pdf = (await call('a.hr', 'GET', `/api/meetings/${meetingId}/documents/memo.pdf`)).rawPayload;
    expect(missingInOrder(pdfText(pdf), ['บันทึกข้อความ', 'ครั้งที่ 12/2569'])).toBeNull();
    expect(pdfImageCount(pdf)).toBe(1);
    expect(pdfText((await call('a.hr', 'GET', `/api/meetings/${meetingId}/documents/minutes.pdf?digits=thai`)).rawPayload)).toContain(
      'ครั้งที่ ๑๒/๒๕๖๙',
    );
    // taking the emblem away is a change of its own; the version before stays
    expect((await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: null, thaiDigits: true })).json()).toMatchObject({
      version: 2,
      emblemFileId: null,
      thaiDigits: true,
    });
    expect(pdfImageCount((await call('a.hr', 'GET', `/api/meetings/${meetingId}/documents/memo.pdf`)).rawPayload)).toBe(0);
  });

  it('keep the letterhead: the memo prints the unit and telephone the admin set; a bad e-mail or an address too long is refused, naming the field, and nothing is written', async () => {
    const before = await versions();
    const bad = await call('a.admin', 'PUT', settingsUrl(), {
      emblemFileId: null,
      thaiDigits: true,
      email: 'hr at ptl1',
      addressTh: 'ก'.repeat(301),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(JSON.stringify(bad.json())).toContain('email');
    expect(JSON.stringify(bad.json())).toContain('addressTh');
    expect(await versions()).toBe(before);

    const set = await call('a.admin', 'PUT', settingsUrl(), {
      emblemFileId: null,
      thaiDigits: false,
      addressTh: '  ถนนราเมศวร์\nจังหวัดพัทลุง 93000 ',
      unitTh: 'กลุ่มบริหารงานบุคคล',
      phone: '0 7461 3011',
      email: 'hr@ptl1.go.th',
    });
    expect(set.json()).toMatchObject({
      changed: true,
      addressTh: 'ถนนราเมศวร์\nจังหวัดพัทลุง 93000',
      unitTh: 'กลุ่มบริหารงานบุคคล',
      phone: '0 7461 3011',
      email: 'hr@ptl1.go.th',
    });
    // a client that sends only the emblem and digits keeps the letterhead
    const kept = await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: null, thaiDigits: false });
    expect(kept.json()).toMatchObject({ changed: false, phone: '0 7461 3011' });
    const memo = pdfText((await call('a.hr', 'GET', `/api/meetings/${meetingId}/documents/memo.pdf`)).rawPayload);
    expect(memo).toContain('กลุ่มบริหารงานบุคคล โทร. 0 7461 3011');
    // blank is none: the unit falls back to the HR group
    expect(
      (await call('a.admin', 'PUT', settingsUrl(), { emblemFileId: null, thaiDigits: false, unitTh: ' ', phone: null })).json(),
    ).toMatchObject({ changed: true, unitTh: 'กลุ่มบริหารงานบุคคล', phone: null, email: 'hr@ptl1.go.th' });
  });
});
