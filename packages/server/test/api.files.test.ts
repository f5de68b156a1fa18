/**
 * Files over HTTP (docs/files.md): upload and download round trip, the same
 * bytes stored once, the size and type limits refused with nothing stored,
 * attaching to a transfer request through its evidence, and who may read a
 * file: its uploader before it is attached, whoever may read the case after,
 * and nobody else (404, never 403). Removing a file is a history row.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { actorOf } from '../../engine/test/support/index';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let roundId = '';

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
  // the round, set up through the engine before anyone signs in (the clock moves)
  const hr = await actorOf(w.tdb.db, w.a.users.hr);
  w.clock.set('2025-01-06T02:00:00Z');
  roundId = (
    await w.engine.startCase({
      actor: hr,
      workflowId: 'transfer-round',
      officeId: w.a.officeId,
      title: 'การย้าย 1/2568',
      input: ROUND_1_2568,
    })
  ).caseId;
  w.clock.set('2025-01-10T03:00:00Z');
  await w.engine.dispatch({
    actor: hr,
    caseId: roundId,
    type: 'POST_VACANCIES',
    payload: { vacancies: [{ id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 1 }] },
  });
  w.clock.set('2025-01-16T02:00:00Z');
  await w.engine.dispatch({ actor: hr, caseId: roundId, type: 'OPEN_REQUESTS', payload: {} });
  w.clock.set('2025-01-20T03:00:00Z');
});
afterAll(() => w.close());

/** A PDF of `bytes` bytes: the PDF signature, then random bytes (spans several 256 KiB chunks). */
const pdfOf = (bytes: number): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 9)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function upload(who: string, body: Buffer | Readable, name: string, headers: Record<string, string> = {}) {
  return w.call(who, 'POST', '/api/files?kind=evidence', body, {
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(name),
    ...headers,
  });
}

async function stored(): Promise<{ contents: number; chunks: number; files: number }> {
  const { rows } = await sql<{
    contents: number;
    chunks: number;
    files: number;
  }>`select (select count(*)::int from file_contents) as contents, (select count(*)::int from file_chunks) as chunks, (select count(*)::int from files) as files`.execute(
    w.tdb.db,
  );
  return rows[0]!;
}

const evidenceOf = (f: { id: string; name: string; size: number; sha256: string }) => ({
  name: f.name,
  size: f.size,
  sha256: f.sha256,
  fileId: f.id,
  kind: 'ทะเบียนบ้าน',
});

describe('files', () => {
  const bytes = pdfOf(600 * 1024);
  let fileId = '';
  let requestId = '';

  it('uploads streamed in chunks and downloads the same bytes, with the original Thai name', async () => {
    const res = await upload('a.teacher', bytes, 'สำเนาทะเบียนบ้าน (ชุดที่ 1).pdf', { 'content-type': 'application/pdf' });
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      name: 'สำเนาทะเบียนบ้าน (ชุดที่ 1).pdf',
      size: bytes.length,
      sha256: sha(bytes),
      type: 'application/pdf',
      kind: 'evidence',
    });
    fileId = file.id;
    const chunks = await w.tdb.db
      .selectFrom('file_chunks')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('content_sha256', '=', sha(bytes))
      .executeTakeFirstOrThrow();
    expect(chunks.n).toBe(3); // 600 KiB in 256 KiB chunks

    const down = await w.call('a.teacher', 'GET', `/api/files/${fileId}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(bytes)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['cache-control']).toBe('no-store');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="${'_'.repeat('สำเนาทะเบียนบ้าน'.length)} (${'_'.repeat('ชุดที่'.length)} 1).pdf"; filename*=UTF-8''${encodeURIComponent('สำเนาทะเบียนบ้าน')}%20%28${encodeURIComponent('ชุดที่')}%201%29.pdf`,
    );
    const inline = await w.call('a.teacher', 'GET', `/api/files/${fileId}?inline=true`);
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    // Chromium's PDF viewer frames the file: framed by this origin only (frame-ancestors 'none' leaves the viewer blank), nothing runs
    expect([
      inline.headers['content-security-policy'],
      inline.headers['x-frame-options'],
      inline.headers['x-content-type-options'],
      inline.headers['cache-control'],
    ]).toEqual([
      "sandbox; default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
      'SAMEORIGIN',
      'nosniff',
      'no-store',
    ]);
    // anything else keeps the data CSP: a refusal of the same route too
    const missing = await w.call('a.teacher', 'GET', '/api/files/00000000-0000-4000-8000-000000000000?inline=true');
    expect([missing.headers['content-security-policy'], missing.headers['x-frame-options']]).toEqual([
      "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'DENY',
    ]);
  });

  it('stores the same bytes once however often they are uploaded', async () => {
    const before = await stored();
    const again = await upload('a.teacher2', bytes, 'copy.pdf');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(again.json().id).not.toBe(fileId);
    expect(await stored()).toEqual({ ...before, files: before.files + 1 });
  });

  it('refuses a file over the limit (413), by its Content-Length or while it streams, and keeps nothing', async () => {
    const before = await stored();
    const big = pdfOf(20 * 1024 * 1024 + 1);
    const declared = await upload('a.teacher', big, 'big.pdf');
    expect([declared.statusCode, declared.json().code]).toEqual([413, 'FILE_TOO_LARGE']);
    // no Content-Length: counted while it streams
    const streamed = await upload(
      'a.teacher',
      Readable.from(
        (function* () {
          for (let i = 0; i < 22; i++) yield i === 0 ? pdfOf(1024 * 1024) : randomBytes(1024 * 1024);
        })(),
      ),
      'big.pdf',
    );
    expect([streamed.statusCode, streamed.json().code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await stored()).toEqual(before);
  });

  it('refuses anything but PDF, PNG and JPEG by its content, whatever its name says (415), and keeps nothing', async () => {
    const before = await stored();
    const res = await upload('a.teacher', Buffer.from('MZ\x90\x00 not a pdf at all'), 'ทะเบียนบ้าน.pdf', {
      'content-type': 'application/pdf',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: { th: expect.stringContaining('ไม่รับไฟล์ประเภทนี้'), en: expect.stringContaining('not accepted') },
    });
    const png = await upload(
      'a.teacher',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(100)]),
      'scan.png',
    );
    expect([png.statusCode, png.json().type]).toEqual([201, 'image/png']);
    expect((await stored()).files).toBe(before.files + 1);
    const empty = await upload('a.teacher', Buffer.alloc(0), 'empty.pdf');
    expect(empty.statusCode).toBe(400);
    const anonymous = await w.call(null, 'POST', '/api/files', tinyPdf(), { 'content-type': 'application/octet-stream' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('keeps an unattached file to its uploader: 404 for everyone else', async () => {
    for (const who of ['a.hr', 'a.director', 'a.teacher2', 'b.hr', 'b.teacher']) {
      const res = await w.call(who, 'GET', `/api/files/${fileId}`);
      expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status: 404, code: 'FILE_NOT_FOUND' });
    }
    expect((await w.call('a.hr', 'GET', '/api/files/not-a-uuid')).statusCode).toBe(404);
  });

  it("refuses evidence naming another office's file or another teacher's upload, then attaches the teacher's own", async () => {
    const theirs = (await upload('b.teacher', tinyPdf('office B'), 'b.pdf')).json();
    const colleague = (await upload('a.teacher2', tinyPdf('teacher2'), 'c.pdf')).json();
    for (const f of [theirs, colleague, { ...theirs, id: '00000000-0000-4000-8000-000000000000' }]) {
      const res = await w.call('a.teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
        submission: submission({ preferences: [w.a.schoolIds[1]], evidence: [evidenceOf(f)] }),
      });
      expect([res.statusCode, res.json().code]).toEqual([404, 'FILE_NOT_FOUND']);
    }
    const own = (await w.call('a.teacher', 'GET', `/api/files/${fileId}`)).rawPayload;
    const lied = await w.call('a.teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
      submission: submission({
        preferences: [w.a.schoolIds[1]],
        evidence: [{ ...evidenceOf({ id: fileId, name: 'x.pdf', size: own.length, sha256: 'f'.repeat(64) }) }],
      }),
    });
    expect([lied.statusCode, lied.json().code]).toEqual([400, 'INVALID_PAYLOAD']);
    expect(await w.tdb.db.selectFrom('case_files').selectAll().execute()).toEqual([]);

    const filed = await w.call('a.teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
      submission: submission({
        preferences: [w.a.schoolIds[1]],
        evidence: [evidenceOf({ id: fileId, name: 'สำเนาทะเบียนบ้าน (ชุดที่ 1).pdf', size: own.length, sha256: sha(own) })],
      }),
    });
    expect(filed.statusCode).toBe(201);
    requestId = filed.json().caseId;
  });

  it('lets whoever may read the case download its files; a teacher not on it and another office get 404', async () => {
    for (const who of ['a.teacher', 'a.director', 'a.hr', 'a.group', 'a.area', 'a.auditor']) {
      const res = await w.call(who, 'GET', `/api/files/${fileId}`);
      expect({ who, status: res.statusCode, same: res.rawPayload.equals(bytes) }).toEqual({ who, status: 200, same: true });
    }
    for (const who of ['a.teacher2', 'b.hr', 'b.admin', 'b.teacher']) {
      const res = await w.call(who, 'GET', `/api/files/${fileId}`);
      expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status: 404, code: 'FILE_NOT_FOUND' });
    }
    const list = await w.call('a.hr', 'GET', `/api/cases/${requestId}/files`);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: fileId, name: 'สำเนาทะเบียนบ้าน (ชุดที่ 1).pdf', type: 'application/pdf', removedAt: null }),
    ]);
    expect((await w.call('a.teacher2', 'GET', `/api/cases/${requestId}/files`)).statusCode).toBe(404);
    expect((await w.call('b.hr', 'GET', `/api/cases/${requestId}/files`)).statusCode).toBe(404);
  });

  it("records removing a file from a case in its history; the case's readers lose it, the uploader keeps it", async () => {
    expect((await w.call('a.director', 'DELETE', `/api/cases/${requestId}/files/${fileId}`)).statusCode).toBe(403);
    expect((await w.call('a.teacher2', 'DELETE', `/api/cases/${requestId}/files/${fileId}`)).statusCode).toBe(404);
    const removed = await w.call('a.teacher', 'DELETE', `/api/cases/${requestId}/files/${fileId}?reason=${encodeURIComponent('แนบผิดไฟล์')}`);
    expect(removed.statusCode).toBe(200);
    const view = (await w.call('a.hr', 'GET', `/api/cases/${requestId}`)).json();
    expect(view.history.at(-1)).toMatchObject({
      eventType: '@file.removed',
      payload: { fileId, name: 'สำเนาทะเบียนบ้าน (ชุดที่ 1).pdf' },
      reason: 'แนบผิดไฟล์',
    });
    expect((await w.call('a.hr', 'GET', `/api/files/${fileId}`)).statusCode).toBe(404);
    expect((await w.call('a.teacher', 'GET', `/api/files/${fileId}`)).statusCode).toBe(200);
    expect((await w.call('a.hr', 'GET', `/api/cases/${requestId}/files`)).json().items[0].removedAt).not.toBeNull();
    expect(await w.engine.verifyHistory(requestId)).toMatchObject({ ok: true });
    expect(await w.engine.replayHistory(requestId)).toMatchObject({ ok: true });
    expect((await w.call('a.teacher', 'DELETE', `/api/cases/${requestId}/files/${fileId}`)).statusCode).toBe(404);
  });
});

describe('papers of a committee meeting', () => {
  let committeeId = '';
  let meetingId = '';
  let paperId = '';

  it('lets the secretary attach an agenda paper; the members seated on the committee read it, nobody else', async () => {
    const committee = await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, {
      kind: 'screening',
      nameTh: 'คณะกรรมการกลั่นกรองการย้าย',
      nameEn: 'Transfer screening committee',
    });
    committeeId = committee.json().committeeId;
    for (const [key, seat] of [
      ['area', 'chair'],
      ['group', 'secretary'],
      ['director', 'member'],
    ] as const) {
      const res = await w.call('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
        personId: w.a.users[key].personId,
        seat,
        termFrom: '2025-01-01',
        termUntil: '2026-09-30',
      });
      expect(res.statusCode).toBe(201);
    }
    const meeting = await w.call('a.group', 'POST', `/api/committees/${committeeId}/meetings`, {
      title: 'ประชุมครั้งที่ 1/2568',
      scheduledAt: '2025-02-10T02:00:00Z',
      place: 'ห้องประชุม สพป.',
    });
    expect(meeting.statusCode).toBe(201);
    meetingId = meeting.json().meetingId;

    const paper = await w.call('a.group', 'POST', '/api/files?kind=committee-paper', tinyPdf('วาระที่ 1'), {
      'x-file-name': encodeURIComponent('วาระที่ 1 บัญชีรายชื่อ.pdf'),
    });
    expect([paper.statusCode, paper.json().kind]).toEqual([201, 'committee-paper']);
    paperId = paper.json().id;
    // a member who does not run the committee may not attach; evidence is not a committee paper
    expect((await w.call('a.director', 'POST', `/api/meetings/${meetingId}/files`, { fileId: paperId })).json().code).toBe('FORBIDDEN');
    const evidence = (await upload('a.group', tinyPdf('หลักฐาน'), 'หลักฐาน.pdf')).json();
    expect((await w.call('a.group', 'POST', `/api/meetings/${meetingId}/files`, { fileId: evidence.id })).json().code).toBe(
      'INVALID_PAYLOAD',
    );
    // another office's HR finds no such meeting
    expect((await w.call('b.hr', 'POST', `/api/meetings/${meetingId}/files`, { fileId: paperId })).json().code).toBe('MEETING_NOT_FOUND');

    const attached = await w.call('a.group', 'POST', `/api/meetings/${meetingId}/files`, { fileId: paperId });
    expect([attached.statusCode, attached.json()]).toEqual([201, { replayed: false }]);
    expect((await w.call('a.group', 'POST', `/api/meetings/${meetingId}/files`, { fileId: paperId })).statusCode).toBe(200);

    for (const who of ['a.group', 'a.area', 'a.director', 'a.hr', 'a.auditor']) {
      const res = await w.call(who, 'GET', `/api/files/${paperId}`);
      expect({ who, status: res.statusCode }).toEqual({ who, status: 200 });
    }
    for (const who of ['a.teacher', 'a.director2', 'b.hr', 'b.admin']) {
      const res = await w.call(who, 'GET', `/api/files/${paperId}`);
      expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status: 404, code: 'FILE_NOT_FOUND' });
    }
    const list = await w.call('a.director', 'GET', `/api/meetings/${meetingId}/files`);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: paperId,
        name: 'วาระที่ 1 บัญชีรายชื่อ.pdf',
        kind: 'committee-paper',
        attachedByName: expect.any(String),
        removedAt: null,
      }),
    ]);
    expect((await w.call('a.teacher', 'GET', `/api/meetings/${meetingId}/files`)).json().code).toBe('MEETING_NOT_FOUND');
    expect((await w.call('b.hr', 'GET', `/api/meetings/${meetingId}/files`)).statusCode).toBe(404);
  });

  it('records removing a paper (who, when, why); the members lose it, the row and the bytes stay', async () => {
    expect((await w.call('a.director', 'DELETE', `/api/meetings/${meetingId}/files/${paperId}?reason=x`)).json().code).toBe('FORBIDDEN');
    expect((await w.call('a.group', 'DELETE', `/api/meetings/${meetingId}/files/${paperId}`)).statusCode).toBe(400);
    const removed = await w.call(
      'a.group',
      'DELETE',
      `/api/meetings/${meetingId}/files/${paperId}?reason=${encodeURIComponent('ฉบับแก้ไขแทน')}`,
    );
    expect(removed.statusCode).toBe(204);
    const item = (await w.call('a.area', 'GET', `/api/meetings/${meetingId}/files`)).json().items[0];
    expect(item).toMatchObject({
      id: paperId,
      removedReason: 'ฉบับแก้ไขแทน',
      removedByName: expect.any(String),
      removedAt: expect.any(String),
    });
    expect((await w.call('a.director', 'GET', `/api/files/${paperId}`)).statusCode).toBe(404);
    expect((await w.call('a.group', 'GET', `/api/files/${paperId}`)).statusCode).toBe(200); // the uploader keeps it
    expect((await w.call('a.group', 'DELETE', `/api/meetings/${meetingId}/files/${paperId}?reason=x`)).statusCode).toBe(404);
  });
});

describe('documents of a transfer round', () => {
  it("lets HR attach a round document to the round case, recorded in its history; the round's readers open it, another office gets 404", async () => {
    const doc = (
      await w.call('a.hr', 'POST', '/api/files?kind=round-document', tinyPdf('ประกาศ'), {
        'x-file-name': encodeURIComponent('ประกาศรับย้าย 1-2568.pdf'),
      })
    ).json();
    const teacherDoc = (
      await w.call('a.teacher', 'POST', '/api/files?kind=round-document', tinyPdf('ครู'), { 'x-file-name': 'x.pdf' })
    ).json();
    expect((await w.call('a.teacher', 'POST', `/api/cases/${roundId}/files`, { fileId: teacherDoc.id })).statusCode).toBe(404); // a teacher does not read the round case
    expect((await w.call('a.group', 'POST', `/api/cases/${roundId}/files`, { fileId: doc.id })).json().code).toBe('FILE_NOT_FOUND'); // not theirs
    const groupDoc = (await w.call('a.group', 'POST', '/api/files?kind=round-document', tinyPdf('กลุ่ม'), { 'x-file-name': 'g.pdf' })).json();
    expect((await w.call('a.group', 'POST', `/api/cases/${roundId}/files`, { fileId: groupDoc.id })).json().code).toBe('FORBIDDEN'); // reads the round, does not run it
    expect((await w.call('b.hr', 'POST', `/api/cases/${roundId}/files`, { fileId: doc.id })).json().code).toBe('CASE_NOT_FOUND');
    const bDoc = (await w.call('b.hr', 'POST', '/api/files?kind=round-document', tinyPdf('B'), { 'x-file-name': 'b.pdf' })).json();
    expect((await w.call('a.hr', 'POST', `/api/cases/${roundId}/files`, { fileId: bDoc.id })).json().code).toBe('FILE_NOT_FOUND');

    const attached = await w.call('a.hr', 'POST', `/api/cases/${roundId}/files`, { fileId: doc.id, note: 'ประกาศรับย้าย' });
    expect(attached.statusCode).toBe(201);
    const view = (await w.call('a.hr', 'GET', `/api/cases/${roundId}`)).json();
    expect(view.history.at(-1)).toMatchObject({
      eventType: '@file.attached',
      reason: 'ประกาศรับย้าย',
      payload: { fileId: doc.id, kind: 'round-document' },
      fromState: view.case.state,
      toState: view.case.state,
    });
    for (const who of ['a.hr', 'a.group', 'a.area', 'a.auditor'])
      expect({ who, status: (await w.call(who, 'GET', `/api/files/${doc.id}`)).statusCode }).toEqual({ who, status: 200 });
    for (const who of ['b.hr', 'b.admin'])
      expect({ who, status: (await w.call(who, 'GET', `/api/files/${doc.id}`)).statusCode }).toEqual({ who, status: 404 });
    expect((await w.call('b.hr', 'GET', `/api/cases/${roundId}/files`)).statusCode).toBe(404);

    const removed = await w.call('a.hr', 'DELETE', `/api/cases/${roundId}/files/${doc.id}?reason=${encodeURIComponent('ออกประกาศฉบับใหม่')}`);
    expect(removed.statusCode).toBe(200);
    expect((await w.call('a.hr', 'GET', `/api/cases/${roundId}`)).json().history.at(-1)).toMatchObject({
      eventType: '@file.removed',
      reason: 'ออกประกาศฉบับใหม่',
    });
    expect(await w.engine.verifyHistory(roundId)).toMatchObject({ ok: true });
    expect(await w.engine.replayHistory(roundId)).toMatchObject({ ok: true });
  });

  it('takes the office a person of two offices chose for an upload, and refuses to guess', async () => {
    await w.tdb.db
      .insertInto('role_assignments')
      .values({
        user_id: w.a.users.hr.userId,
        role: 'hr_officer',
        office_id: w.b.officeId,
        school_id: null,
        valid_from: '2020-01-01T00:00:00Z',
      })
      .execute();
    const guess = await w.call('a.hr', 'POST', '/api/files?kind=round-document', tinyPdf('?'), { 'x-file-name': 'x.pdf' });
    expect([guess.statusCode, guess.json().code]).toEqual([400, 'INVALID_PAYLOAD']);
    const inB = await w.call('a.hr', 'POST', `/api/files?kind=round-document&officeId=${w.b.officeId}`, tinyPdf('B'), {
      'x-file-name': 'b.pdf',
    });
    expect(inB.statusCode).toBe(201);
    // a file of office B does not go on office A's round
    expect((await w.call('a.hr', 'POST', `/api/cases/${roundId}/files`, { fileId: inB.json().id })).json().code).toBe('FILE_NOT_FOUND');
    const inA = await w.call('a.hr', 'POST', `/api/files?kind=round-document&officeId=${w.a.officeId}`, tinyPdf('A'), {
      'x-file-name': 'a.pdf',
    });
    expect((await w.call('a.hr', 'POST', `/api/cases/${roundId}/files`, { fileId: inA.json().id })).statusCode).toBe(201);
    expect(
      (
        await w.call('a.hr', 'POST', `/api/files?kind=round-document&officeId=00000000-0000-4000-8000-000000000000`, tinyPdf('A'), {
          'x-file-name': 'a.pdf',
        })
      ).json().code,
    ).toBe('OFFICE_NOT_FOUND');
    await w.tdb.db
      .deleteFrom('role_assignments')
      .where('user_id', '=', w.a.users.hr.userId)
      .where('office_id', '=', w.b.officeId)
      .execute();
  });
});
