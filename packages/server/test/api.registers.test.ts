/**
 * The document-number registers over HTTP (docs/document-numbers.md):
 * a number given by hand is safe to retry with its Idempotency-Key, the list
 * names who gave and who cancelled each number in Thai, and a cancelled
 * number is never given again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
  w.clock.set('2026-03-02T03:00:00Z'); // 2 มีนาคม 2569 10.00 น.
});
afterAll(() => w.close());

describe('document-number registers', () => {
  it('gives the next number once per Idempotency-Key, lists it by name, and never gives a cancelled one again', async () => {
    const url = `/api/offices/${w.a.officeId}/registers/outgoing`;
    const first = await w.call('a.hr', 'POST', url, { title: 'ส่งรายชื่อผู้ขอย้ายไปยัง สพป.ข' }, { 'idempotency-key': 'letter-1' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      number: 1,
      beYear: 2569,
      text: '1/2569',
      textThai: '๑/๒๕๖๙',
      issuedAtTh: '2 มีนาคม 2569 10.00 น.',
    });
    expect(first.json().issuedByName).toEqual(expect.stringMatching(/\S+ \S+/));
    const retried = await w.call('a.hr', 'POST', url, { title: 'ส่งรายชื่อผู้ขอย้ายไปยัง สพป.ข' }, { 'idempotency-key': 'letter-1' });
    expect(retried.json()).toMatchObject({ id: first.json().id, number: 1 });
    const second = await w.call('a.group', 'POST', url, { title: 'ขอความอนุเคราะห์' });
    expect(second.json().number).toBe(2);

    const cancel = await w.call('a.area', 'POST', `/api/registers/numbers/${first.json().id}/cancel`, { reason: 'ออกเลขซ้ำกับหนังสือฉบับอื่น' });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ cancelReason: 'ออกเลขซ้ำกับหนังสือฉบับอื่น', cancelledAtTh: '2 มีนาคม 2569 10.00 น.' });
    const again = await w.call('a.area', 'POST', `/api/registers/numbers/${first.json().id}/cancel`, { reason: 'อีกครั้ง' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DOCUMENT_NUMBER_CANCELLED');

    const third = await w.call('a.hr', 'POST', url, { title: 'หนังสือฉบับใหม่' }, { 'idempotency-key': 'letter-1' });
    expect(third.json().number).toBe(3); // the key's number was cancelled: a new one, never 1 again

    const list = await w.call('a.auditor', 'GET', url);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ number: number; cancelledByName: string | null; cancelReason: string | null }>;
    expect(items.map((i) => i.number)).toEqual([3, 2, 1]);
    expect(items[2]).toMatchObject({ cancelReason: 'ออกเลขซ้ำกับหนังสือฉบับอื่น', cancelledByName: expect.stringMatching(/\S+ \S+/) });
  });

  it('refuses an empty title and another office with nothing written', async () => {
    const empty = await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/registers/order`, { title: '   ' });
    expect(empty.statusCode).toBe(400);
    const other = await w.call('b.hr', 'POST', `/api/offices/${w.a.officeId}/registers/order`, { title: 'x' });
    expect(other.statusCode).toBe(404);
    const list = await w.call('a.hr', 'GET', `/api/offices/${w.a.officeId}/registers/order`);
    expect(list.json().items).toEqual([]);
  });
});
