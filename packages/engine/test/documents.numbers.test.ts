import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { beYearOf, formatDocumentNumber, EsaError } from '../src/index';
import { cancelDocumentNumber, issueDocumentNumber, listDocumentNumbers } from '../src/internal';
import { createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let a: OfficeFixture;
let b: OfficeFixture;
const at = new Date('2026-03-02T03:00:00Z'); // 2 มี.ค. 2569, 10.00 น.

beforeAll(async () => {
  tdb = await createTestDatabase({ maxConnections: 40 });
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
});
afterAll(async () => {
  await tdb.drop();
});

describe('document number registers', () => {
  it('200 orders issued at once get 200 distinct consecutive numbers, 1 to 200', async () => {
    const issued = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        issueDocumentNumber(tdb.db, {
          officeId: a.officeId,
          register: 'order',
          subjectKey: `case:${i}:transfer-order`,
          title: `คำสั่งย้าย ${i}`,
          issuedBy: 'u',
          issuedAt: at,
        }),
      ),
    );
    const numbers = issued.map((n) => n.number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(issued.map((n) => n.beYear))).toEqual(new Set([2569]));
    // another office and another register count on their own
    const other = await issueDocumentNumber(tdb.db, {
      officeId: b.officeId,
      register: 'order',
      subjectKey: 'x',
      title: 't',
      issuedBy: 'u',
      issuedAt: at,
    });
    const letter = await issueDocumentNumber(tdb.db, {
      officeId: a.officeId,
      register: 'outgoing',
      subjectKey: 'x',
      title: 't',
      issuedBy: 'u',
      issuedAt: at,
    });
    expect([other.number, letter.number]).toEqual([1, 1]);
  });

  it('asking again for the same subject returns its number, also when asked concurrently', async () => {
    const twice = await Promise.all(
      Array.from({ length: 10 }, () =>
        issueDocumentNumber(tdb.db, {
          officeId: a.officeId,
          register: 'order',
          subjectKey: 'case:same',
          title: 't',
          issuedBy: 'u',
          issuedAt: at,
        }),
      ),
    );
    expect(new Set(twice.map((n) => n.id)).size).toBe(1);
    expect(twice[0]!.number).toBe(201);
  });

  it('a transaction that rolls back leaves no gap', async () => {
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        const n = await issueDocumentNumber(trx, {
          officeId: a.officeId,
          register: 'order',
          subjectKey: 'case:rolled-back',
          title: 't',
          issuedBy: 'u',
          issuedAt: at,
        });
        expect(n.number).toBe(202);
        throw new Error('the order could not be written');
      }),
    ).rejects.toThrow('the order could not be written');
    const next = await issueDocumentNumber(tdb.db, {
      officeId: a.officeId,
      register: 'order',
      subjectKey: 'case:after',
      title: 't',
      issuedBy: 'u',
      issuedAt: at,
    });
    expect(next.number).toBe(202);
  });

  it('a cancelled number is recorded and never given again; its subject gets a new one', async () => {
    const n = await issueDocumentNumber(tdb.db, {
      officeId: a.officeId,
      register: 'order',
      subjectKey: 'case:cancel-me',
      title: 't',
      issuedBy: 'u',
      issuedAt: at,
    });
    const cancelled = await cancelDocumentNumber(tdb.db, { id: n.id, officeIds: [a.officeId], cancelledBy: 'v', reason: 'พิมพ์ผิด', at });
    expect(cancelled).toMatchObject({ cancelledBy: 'v', cancelReason: 'พิมพ์ผิด' });
    await expect(
      cancelDocumentNumber(tdb.db, { id: n.id, officeIds: [a.officeId], cancelledBy: 'v', reason: 'again', at }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_NUMBER_CANCELLED' });
    const again = await issueDocumentNumber(tdb.db, {
      officeId: a.officeId,
      register: 'order',
      subjectKey: 'case:cancel-me',
      title: 't',
      issuedBy: 'u',
      issuedAt: at,
    });
    expect(again.number).toBe(n.number + 1);
    const listed = await listDocumentNumbers(tdb.db, { officeId: a.officeId, register: 'order', beYear: 2569 });
    expect(listed.filter((x) => x.number === n.number).map((x) => x.cancelReason)).toEqual(['พิมพ์ผิด']);
  });

  it('another office cannot cancel a number: not found', async () => {
    const n = await issueDocumentNumber(tdb.db, {
      officeId: a.officeId,
      register: 'announcement',
      subjectKey: 'p',
      title: 't',
      issuedBy: 'u',
      issuedAt: at,
    });
    const refused = await cancelDocumentNumber(tdb.db, { id: n.id, officeIds: [b.officeId], cancelledBy: 'v', reason: 'x', at }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(EsaError);
    expect((refused as EsaError).code).toBe('DOCUMENT_NUMBER_NOT_FOUND');
  });

  it('counts per Buddhist-era year in Bangkok time and prints Thai digits when the office asks', async () => {
    expect(beYearOf(new Date('2025-12-31T16:59:59Z'))).toBe(2568);
    expect(beYearOf(new Date('2025-12-31T17:00:00Z'))).toBe(2569); // midnight in Bangkok
    const n = await issueDocumentNumber(tdb.db, {
      officeId: b.officeId,
      register: 'order',
      subjectKey: 'y',
      title: 't',
      issuedBy: 'u',
      issuedAt: new Date('2025-12-31T16:00:00Z'),
    });
    expect(formatDocumentNumber(n)).toBe('1/2568');
    expect(formatDocumentNumber({ number: 12, beYear: 2569 }, { thaiDigits: true })).toBe('๑๒/๒๕๖๙');
  });
});
