/**
 * Every route against a matrix of role × office × action (design.md §6): the
 * expected answer for each fixture user, and nothing written by any refused
 * call. A route missing from the matrix fails the test, so new routes must be
 * placed in it.
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import {
  addCommitteeMember,
  createCommittee,
  createPostgresContentStore,
  createSession,
  issueDocumentNumber,
  openMeeting,
  scheduleMeeting,
  uploadFile,
  engineDeps,
} from '@esa-flow/engine/internal';
import { actorOf } from '../../engine/test/support/index';
import { hashPassword } from '../src/index';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w.close());

const A = ['a.teacher', 'a.teacher2', 'a.director', 'a.director2', 'a.hr', 'a.area', 'a.group', 'a.auditor', 'a.admin'] as const;
const B = ['b.hr', 'b.admin', 'b.director', 'b.teacher'] as const;
const EVERYONE = [...A, ...B];
type Who = (typeof EVERYONE)[number] | null;

interface Cell {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** the OpenAPI path this cell covers */
  route: string;
  /** builds the concrete request (fresh resources per call when needed) */
  request: () => Promise<{ url: string; body?: unknown; headers?: Record<string, string> }>;
  expect: Partial<Record<Exclude<Who, null> | 'anonymous', number>>;
  /** the status for everyone not listed */
  otherwise: number;
}

async function fileCase(): Promise<string> {
  const r = await w.engine.startCase({
    actor: await actorOf(w.tdb.db, w.a.users.teacher),
    workflowId: 'sample-approval',
    officeId: w.a.officeId,
    schoolId: w.a.schoolIds[0],
    subjectPersonId: w.a.users.teacher.personId,
    title: 'คำขอในตาราง',
    input: { amount: 1 },
  });
  return r.caseId;
}

/** a teacher's case with the teacher's upload attached (as an event naming it would attach it) */
async function caseWithFile(): Promise<{ caseId: string; fileId: string }> {
  const caseId = await fileCase();
  const teacher = await actorOf(w.tdb.db, w.a.users.teacher);
  const bytes = Buffer.from(`%PDF-1.4\n% matrix ${caseId}\n`);
  const file = await uploadFile(w.tdb.db, createPostgresContentStore(w.tdb.db), {
    actor: teacher,
    officeId: w.a.officeId,
    kind: 'evidence',
    name: 'หลักฐาน.pdf',
    now: new Date(),
    source: (async function* () {
      yield bytes;
    })(),
  });
  await w.tdb.db
    .insertInto('case_files')
    .values({ case_id: caseId, file_id: file.id, attached_by: teacher.id, attached_at: new Date(), attached_seq: 1 })
    .execute();
  return { caseId, fileId: file.id };
}

/** an upload of a.hr of office A, of `kind`; `shared`: also attached to a teacher's case, so that case's readers may read it too */
async function hrUpload(kind: 'round-document' | 'committee-paper', shared = false): Promise<string> {
  const hr = await actorOf(w.tdb.db, w.a.users.hr);
  const bytes = Buffer.from(`%PDF-1.4\n% matrix ${kind} ${++seq}\n`);
  const fileId = (
    await uploadFile(w.tdb.db, createPostgresContentStore(w.tdb.db), {
      actor: hr,
      officeId: w.a.officeId,
      kind,
      name: 'เอกสาร.pdf',
      now: new Date(),
      source: (async function* () {
        yield bytes;
      })(),
    })
  ).id;
  if (shared)
    await w.tdb.db
      .insertInto('case_files')
      .values({ case_id: await fileCase(), file_id: fileId, attached_by: hr.id, attached_at: new Date(), attached_seq: 1 })
      .execute();
  return fileId;
}

let passwordHash: Promise<string> | undefined;
const fixturePasswordHash = () => (passwordHash ??= hashPassword(PASSWORD));

let closureDate = 0;
async function closure(): Promise<string> {
  closureDate += 1;
  const date = new Date(Date.UTC(2026, 0, 1) + closureDate * 86_400_000).toISOString().slice(0, 10);
  const row = await w.tdb.db
    .insertInto('calendar_days')
    .values({
      date,
      office_id: w.a.officeId,
      kind: 'office_closure',
      name_th: 'ปิด',
      name_en: 'Closed',
      source: 'matrix',
      created_by: 'test',
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const readers = {
  'a.teacher': 200,
  'a.director': 200,
  'a.hr': 200,
  'a.area': 200,
  'a.group': 200,
  'a.auditor': 200,
  'a.admin': 200,
} as const;
const readers409 = {
  'a.teacher': 409,
  'a.director': 409,
  'a.hr': 409,
  'a.area': 409,
  'a.group': 409,
  'a.auditor': 409,
  'a.admin': 409,
} as const;

// ---- committees, cycles, supervision, admin and import ----
let seq = 0;
const hrActor = () => actorOf(w.tdb.db, w.a.users.hr);
/** a screening committee of office A with a.group seated as a member (votes), and one person without an account */
async function committee(): Promise<{ committeeId: string; groupMemberId: string; otherMemberId: string }> {
  const hr = await hrActor();
  const { committeeId } = await createCommittee(engineDeps(w.engine), hr, {
    officeId: w.a.officeId,
    kind: 'screening',
    nameTh: 'คณะกรรมการในตาราง',
    nameEn: 'Matrix committee',
  });
  const groupMemberId = (
    await addCommitteeMember(engineDeps(w.engine), hr, {
      committeeId,
      personId: w.a.users.group.personId,
      seat: 'member',
      termFrom: '2025-01-01',
    })
  ).memberId;
  const person = await w.tdb.db
    .insertInto('people')
    .values({ first_name_th: 'กรรมการภายนอก', last_name_th: `${++seq}`, office_id: w.a.officeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherMemberId = (
    await addCommitteeMember(engineDeps(w.engine), hr, { committeeId, personId: person.id, seat: 'member', termFrom: '2025-01-01' })
  ).memberId;
  return { committeeId, groupMemberId, otherMemberId };
}
/** a meeting with one waiting case on its agenda; `open`: opened with a.group and the other member present */
async function meeting(open: boolean): Promise<{ meetingId: string; itemId: string; otherMemberId: string }> {
  const hr = await hrActor();
  const c = await committee();
  await w.engine.startCase({
    actor: hr,
    workflowId: 'sample-committee',
    officeId: w.a.officeId,
    schoolId: w.a.schoolIds[0],
    subjectPersonId: w.a.users.teacher.personId,
    title: 'คำขอในตาราง',
    input: {},
  });
  const { meetingId } = await scheduleMeeting(engineDeps(w.engine), hr, {
    committeeId: c.committeeId,
    title: 'ประชุมในตาราง',
    scheduledAt: '2025-07-01T02:00:00Z',
    place: 'ห้อง 1',
  });
  if (open) await openMeeting(engineDeps(w.engine), hr, { meetingId, present: [c.groupMemberId, c.otherMemberId] });
  const item = await w.tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
  return { meetingId, itemId: item.id, otherMemberId: c.otherMemberId };
}
async function officeUser(): Promise<string> {
  const person = await w.tdb.db
    .insertInto('people')
    .values({ first_name_th: 'ผู้ใช้ในตาราง', last_name_th: `${++seq}`, office_id: w.a.officeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await w.tdb.db
    .insertInto('users')
    .values({ username: `matrix-user-${seq}-${w.a.officeId.slice(0, 8)}`, person_id: person.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  return user.id;
}
const matrixToken = (userId: string) =>
  createSession(w.tdb.db, { userId, kind: 'token', now: w.clock.now(), ttlMs: 86_400_000, name: 'matrix', scope: 'read' });
const managers = { 'a.hr': 0, 'a.admin': 0 };
const asManagers = (status: number) =>
  Object.fromEntries(Object.keys(managers).map((k) => [k, status])) as Record<keyof typeof managers, number>;
const notA = { 'b.hr': 404, 'b.admin': 404, 'b.director': 404, 'b.teacher': 404 } as const;
/** of office A, but neither an office-wide committee reader nor seated: committees, meetings and minutes do not exist for them */
const notCommitteeReaders = { 'a.teacher': 404, 'a.teacher2': 404, 'a.director': 404, 'a.director2': 404 } as const;
const supervisors = { 'a.hr': 200, 'a.area': 200, 'a.group': 200, 'a.auditor': 200, 'a.admin': 200, 'b.hr': 200, 'b.admin': 200 } as const;

const OFFICE_MODULE_CELLS: Cell[] = [
  // committees
  {
    method: 'GET',
    route: '/api/offices/{officeId}/committees',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/committees` }),
    expect: { ...notA, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    route: '/api/offices/{officeId}/committees',
    request: async () => ({
      url: `/api/offices/${w.a.officeId}/committees`,
      body: { kind: 'screening', nameTh: 'คณะกรรมการ', nameEn: 'Committee' },
    }),
    expect: { ...asManagers(201), ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/committees/{committeeId}',
    request: async () => ({ url: `/api/committees/${(await committee()).committeeId}` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    route: '/api/committees/{committeeId}/members',
    request: async () => ({
      url: `/api/committees/${(await committee()).committeeId}/members`,
      body: { personId: w.a.users.director.personId, seat: 'member', termFrom: '2025-01-01' },
    }),
    expect: { ...asManagers(201), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/committees/{committeeId}/meetings',
    request: async () => ({ url: `/api/committees/${(await committee()).committeeId}/meetings` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    route: '/api/committees/{committeeId}/meetings',
    request: async () => ({
      url: `/api/committees/${(await committee()).committeeId}/meetings`,
      body: { title: 'ประชุม', scheduledAt: '2025-07-02T02:00:00Z', place: 'ห้อง 2' },
    }),
    expect: { ...asManagers(201), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/meetings/{meetingId}',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'PATCH',
    route: '/api/meetings/{meetingId}/agenda',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/agenda`, body: { remove: [] } }),
    expect: { ...asManagers(200), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/meetings/{meetingId}/open',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/open`, body: { present: [] } }),
    expect: { ...asManagers(200), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/agenda-items/{itemId}/recusals',
    request: async () => {
      const m = await meeting(true);
      return { url: `/api/agenda-items/${m.itemId}/recusals`, body: { memberId: m.otherMemberId, reason: 'มีส่วนได้เสีย' } };
    },
    expect: { ...asManagers(204), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/agenda-items/{itemId}/votes',
    request: async () => ({ url: `/api/agenda-items/${(await meeting(true)).itemId}/votes`, body: { vote: 'approve' } }),
    expect: { 'a.group': 204, ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/agenda-items/{itemId}/resolution',
    request: async () => ({ url: `/api/agenda-items/${(await meeting(true)).itemId}/resolution`, body: { resolution: 'defer' } }),
    expect: { ...asManagers(200), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/meetings/{meetingId}/list-resolution',
    request: async () => ({ url: `/api/meetings/${(await meeting(true)).meetingId}/list-resolution`, body: { resolution: 'defer' } }),
    expect: { ...asManagers(200), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/meetings/{meetingId}/close',
    request: async () => ({ url: `/api/meetings/${(await meeting(true)).meetingId}/close` }),
    expect: { ...asManagers(200), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  // committee papers: read by the meeting's readers; attached by whoever runs it (a seated member who reads the paper may not)
  {
    method: 'GET',
    route: '/api/meetings/{meetingId}/files',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/files` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    route: '/api/meetings/{meetingId}/files',
    request: async () => ({
      url: `/api/meetings/${(await meeting(false)).meetingId}/files`,
      body: { fileId: await hrUpload('committee-paper', true) },
    }),
    expect: { ...asManagers(201), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'DELETE',
    route: '/api/meetings/{meetingId}/files/{fileId}',
    request: async () => {
      const { meetingId } = await meeting(false);
      const fileId = await hrUpload('committee-paper');
      await w.tdb.db
        .insertInto('meeting_files')
        .values({ meeting_id: meetingId, file_id: fileId, attached_by: w.a.users.hr.userId, attached_at: new Date() })
        .execute();
      return { url: `/api/meetings/${meetingId}/files/${fileId}?reason=${encodeURIComponent('แนบผิด')}` };
    },
    expect: { ...asManagers(204), ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/meetings/{meetingId}/minutes',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/minutes?format=text` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 200,
  },
  // cycles
  { method: 'GET', route: '/api/cycles', request: async () => ({ url: '/api/cycles' }), expect: { anonymous: 401 }, otherwise: 200 },
  {
    method: 'GET',
    route: '/api/cycles/{caseId}/progress',
    request: async () => ({ url: `/api/cycles/${await fileCase()}/progress` }),
    expect: { ...readers, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'POST',
    route: '/api/cycles/{caseId}/children',
    request: async () => ({
      url: `/api/cycles/${await fileCase()}/children`,
      body: { workflowId: 'sample-sla', population: [{ key: 'K1', title: 'ลูก', input: {} }] },
    }),
    // sample-sla's starters are hr_officer and teacher; only an office-wide grant opens a round
    expect: {
      'a.hr': 200,
      'a.teacher': 403,
      'a.director': 403,
      'a.area': 403,
      'a.group': 403,
      'a.auditor': 403,
      'a.admin': 403,
      anonymous: 401,
    },
    otherwise: 404,
  },
  // supervision
  {
    method: 'GET',
    route: '/api/supervision/sla',
    request: async () => ({ url: '/api/supervision/sla' }),
    expect: { ...supervisors, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/supervision/sla/cases',
    request: async () => ({ url: '/api/supervision/sla/cases?filter=overdue' }),
    expect: { ...supervisors, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/supervision/sla/cases.xlsx',
    request: async () => ({ url: '/api/supervision/sla/cases.xlsx?filter=overdue' }),
    expect: { ...supervisors, anonymous: 401 },
    otherwise: 403,
  },
  // admin
  {
    method: 'GET',
    route: '/api/offices/{officeId}/people',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/people?q=${encodeURIComponent('ผู้ใช้')}` }),
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/offices/{officeId}/users',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/users` }),
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/offices/{officeId}/users',
    request: async () => {
      const person = await w.tdb.db
        .insertInto('people')
        .values({ first_name_th: 'ใหม่', last_name_th: `${++seq}`, office_id: w.a.officeId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        url: `/api/offices/${w.a.officeId}/users`,
        body: { personId: person.id, username: `matrix-new-${seq}-${w.a.officeId.slice(0, 8)}`, password: 'รหัสผ่านตาราง-12345' },
      };
    },
    expect: { 'a.admin': 201, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  ...(['disable', 'enable'] as const).map((action): Cell => ({
    method: 'POST',
    route: `/api/offices/{officeId}/users/{userId}/${action}`,
    request: async () => ({ url: `/api/offices/${w.a.officeId}/users/${await officeUser()}/${action}` }),
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  })),
  {
    method: 'POST',
    route: '/api/offices/{officeId}/users/{userId}/password',
    request: async () => ({
      url: `/api/offices/${w.a.officeId}/users/${await officeUser()}/password`,
      body: { password: 'รหัสผ่านใหม่ตาราง-12345' },
    }),
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/offices/{officeId}/users/{userId}/roles',
    request: async () => ({
      url: `/api/offices/${w.a.officeId}/users/${await officeUser()}/roles`,
      body: { role: 'teacher', schoolId: w.a.schoolIds[0] },
    }),
    expect: { 'a.admin': 201, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'DELETE',
    route: '/api/offices/{officeId}/users/{userId}/roles/{assignmentId}',
    request: async () => {
      const userId = await officeUser();
      const g = await w.tdb.db
        .insertInto('role_assignments')
        .values({ user_id: userId, role: 'teacher', office_id: w.a.officeId, school_id: w.a.schoolIds[0] })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { url: `/api/offices/${w.a.officeId}/users/${userId}/roles/${g.id}` };
    },
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  // import
  {
    method: 'GET',
    route: '/api/import/{kind}/columns',
    request: async () => ({ url: '/api/import/staff/columns' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  ...(['schools', 'staff', 'personnel'] as const).map((kind): Cell => ({
    method: 'POST',
    route: `/api/offices/{officeId}/import/${kind}`,
    request: async () => ({
      url: `/api/offices/${w.a.officeId}/import/${kind}?dryRun=true`,
      body:
        kind === 'schools'
          ? 'code,name_th\r\n10020001,โรงเรียนในตาราง\r\n'
          : kind === 'staff'
            ? 'citizen_id,first_name_th,last_name_th\r\n1234567890121,ใน,ตาราง\r\n'
            : 'citizen_id,effective_on\r\n1234567890121,1 เม.ย. 2568\r\n',
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { ...asManagers(200), ...notA, anonymous: 401 },
    otherwise: 403,
  })),
  // a transfer request's score table: this world has no transfer workflows, so a case that is not a transfer request is 404 for everyone
  {
    method: 'GET',
    route: '/api/transfer-requests/{caseId}/scoring-table',
    request: async () => ({ url: `/api/transfer-requests/${await fileCase()}/scoring-table` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  // transfers: this world has no transfer workflows, so a case that is not a transfer round is 404 for everyone;
  // who may file and match in a real round is covered by api.transfer-e2e.test.ts
  ...(['requests', 'matching', 'matching/publish'] as const).map((action): Cell => ({
    method: 'POST',
    route: `/api/transfer-rounds/{caseId}/${action}`,
    request: async () => ({
      url: `/api/transfer-rounds/${await fileCase()}/${action}`,
      ...(action === 'requests' ? { body: { submission: {} } } : action === 'matching/publish' ? { body: {} } : {}),
    }),
    expect: { anonymous: 401 },
    otherwise: 404,
  })),
  // a round's administration view and score sheet: likewise 404 for a case that is not a transfer round; who may
  // read and send a real round's sheet (the office's HR officers and group director; 404 for another office) is covered by api.transfer-score-sheet.test.ts
  ...(['administration', 'score-sheet.xlsx', 'ranking.xlsx', 'trs-template.xlsx'] as const).map((view): Cell => ({
    method: 'GET',
    route: `/api/transfer-rounds/{caseId}/${view}`,
    request: async () => ({ url: `/api/transfer-rounds/${await fileCase()}/${view}` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  })),
  // the swap partner by citizen id: likewise 404 for a case that is not a round; a real round's answers are in api.transfer-swap-partner.test.ts
  {
    method: 'GET',
    route: '/api/transfer-rounds/{caseId}/swap-partner',
    request: async () => ({ url: `/api/transfer-rounds/${await fileCase()}/swap-partner?citizenId=3101200000011` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'POST',
    route: '/api/transfer-rounds/{caseId}/score-sheet',
    request: async () => ({
      url: `/api/transfer-rounds/${await fileCase()}/score-sheet`,
      body: 'x',
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  // the TRS import: likewise 404 for a case that is not a round; a real round's (the office's HR officers; 403 for the
  // office's others, 404 for another office) is covered by api.transfer-trs-import.test.ts
  {
    method: 'POST',
    route: '/api/transfer-rounds/{caseId}/trs-import',
    request: async () => ({
      url: `/api/transfer-rounds/${await fileCase()}/trs-import`,
      body: 'x',
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  // moves to another area (transfer exchanges): likewise 404 for a case that is not a round or request, and for an exchange
  // that does not exist; who reads and decides a real exchange (each office its side, the receiving HR officer decides,
  // the receiving authority orders) is covered by api.transfer-cross-area.test.ts and transfer.cross-area.test.ts
  ...(['cross-area-vacancies', 'exchanges'] as const).map((view): Cell => ({
    method: 'GET',
    route: `/api/transfer-rounds/{caseId}/${view}`,
    request: async () => ({ url: `/api/transfer-rounds/${await fileCase()}/${view}` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  })),
  {
    method: 'GET',
    route: '/api/transfer-requests/{caseId}/exchange',
    request: async () => ({ url: `/api/transfer-requests/${await fileCase()}/exchange` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/transfer-exchanges/orders-to-sign',
    request: async () => ({ url: '/api/transfer-exchanges/orders-to-sign' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    route: '/api/transfer-exchanges/{exchangeId}/decision',
    request: async () => ({
      url: '/api/transfer-exchanges/00000000-0000-4000-8000-00000000e001/decision',
      body: { decision: 'approved', resolutionRef: 'มติ 1/2568', decidedOn: '2025-01-01' },
    }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'POST',
    route: '/api/transfer-exchanges/{exchangeId}/order',
    request: async () => ({
      url: '/api/transfer-exchanges/00000000-0000-4000-8000-00000000e001/order',
      body: { orderNo: '1/2568', signedOn: '2025-01-01', effectiveOn: '2025-01-02', reportBy: { date: '2025-12-01', time: '16:30' } },
    }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  // salary rounds: likewise no salary workflows here, so a case that is not a salary round is 404 for everyone;
  // who may drive a real round (the office's HR officers) is covered by api.salary-round.test.ts
  ...(
    [
      'roster',
      'roster-from-records',
      'close-appraisal',
      'tell-results',
      'allocation',
      'publish',
      'orders',
      'close-grievance-window',
    ] as const
  ).map((action): Cell => ({
    method: 'POST',
    route: `/api/salary-rounds/{caseId}/${action}`,
    request: async () => ({ url: `/api/salary-rounds/${await fileCase()}/${action}` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  })),
  // the appraisers' reads: a case that is not a salary round is 404 for everyone; who appraises whom is api.salary-appraisals.test.ts
  ...(['appraisals', 'people', 'opening'] as const).map((view): Cell => ({
    method: 'GET',
    route: `/api/salary-rounds/{caseId}/${view}`,
    request: async () => ({ url: `/api/salary-rounds/${await fileCase()}/${view}` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  })),
  // the DPA import of academic-standing requests: the office's HR officers (403 for the office's others, 404 for another
  // office); what the rows become is api.academic-dpa-import.test.ts (a CSV without the template's columns: 400, nothing written)
  {
    method: 'GET',
    route: '/api/offices/{officeId}/academic-standing/dpa-template.xlsx',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/academic-standing/dpa-template.xlsx` }),
    expect: { 'a.hr': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/offices/{officeId}/academic-standing/dpa-import',
    request: async () => ({
      url: `/api/offices/${w.a.officeId}/academic-standing/dpa-import`,
      body: 'x',
      headers: { 'content-type': 'text/csv' },
    }),
    expect: { 'a.hr': 400, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  // the person records (docs/personnel.md): the office's admins and HR officers; another office is 404
  {
    method: 'GET',
    route: '/api/offices/{officeId}/personnel',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/personnel` }),
    expect: { ...asManagers(200), ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/offices/{officeId}/personnel/{personId}',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/personnel/${w.a.users.teacher.personId}` }),
    expect: { ...asManagers(200), ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/offices/{officeId}/personnel/{personId}',
    request: async () => ({
      url: `/api/offices/${w.a.officeId}/personnel/${w.a.users.teacher.personId}`,
      body: { effectiveOn: '2025-04-01', reason: 'ตารางสิทธิ์', values: { position: 'ครู' } },
    }),
    expect: { ...asManagers(200), ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/offices/{officeId}/salary-round-settings',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/salary-round-settings` }),
    expect: { ...asManagers(200), ...notA, anonymous: 401 },
    otherwise: 403,
  },
  // opening a salary round: the office's HR officers only (this world has no salary workflows, so even they are refused
  // for the workflow; a real opening and its replay are api.salary-round.test.ts)
  {
    method: 'POST',
    route: '/api/offices/{officeId}/salary-rounds',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/salary-rounds`, body: { fiscalYearBe: 2568, round: 1 } }),
    expect: { 'a.hr': 404, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'PUT',
    route: '/api/offices/{officeId}/salary-round-settings',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/salary-round-settings`, body: { autoOpen: false } }),
    expect: { ...asManagers(200), ...notA, anonymous: 401 },
    otherwise: 403,
  },
  // the budget committee's allocation of a version-3 round: a case that is not a salary round is 404 for everyone;
  // who may read and save (HR, the members seated on the budget committee) is api.salary-allocation.test.ts
  {
    method: 'GET',
    route: '/api/salary-rounds/{caseId}/allocation',
    request: async () => ({ url: `/api/salary-rounds/${await fileCase()}/allocation` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'PUT',
    route: '/api/salary-rounds/{caseId}/allocation/ranges',
    request: async () => ({
      url: `/api/salary-rounds/${await fileCase()}/allocation/ranges`,
      body: { ranges: [{ tier: 'outstanding', minBp: 300, maxBp: 600 }], bySchool: [] },
    }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'PUT',
    route: '/api/salary-rounds/{caseId}/allocation/overrides',
    request: async () => ({
      url: `/api/salary-rounds/${await fileCase()}/allocation/overrides`,
      body: { overrides: [{ personnelNo: 'P1', pctBp: 300, reason: 'ผลงานเด่น' }] },
    }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  // my rounds to appraise in: everyone signed in may ask (an empty list when nobody waits on them)
  {
    method: 'GET',
    route: '/api/salary-appraisals',
    request: async () => ({ url: '/api/salary-appraisals' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
];

const MATRIX: Cell[] = [
  { method: 'GET', route: '/api/me', request: async () => ({ url: '/api/me' }), expect: { anonymous: 401 }, otherwise: 200 },
  { method: 'GET', route: '/api/inbox', request: async () => ({ url: '/api/inbox' }), expect: { anonymous: 401 }, otherwise: 200 },
  { method: 'GET', route: '/api/mailbox', request: async () => ({ url: '/api/mailbox' }), expect: { anonymous: 401 }, otherwise: 200 },
  // workflows (definitions are not secret; starting one is the engine's decision)
  { method: 'GET', route: '/api/workflows', request: async () => ({ url: '/api/workflows' }), expect: { anonymous: 401 }, otherwise: 200 },
  {
    method: 'GET',
    route: '/api/workflows/{workflowId}/versions/{version}/graph',
    request: async () => ({ url: '/api/workflows/sample-approval/versions/1/graph' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    route: '/api/transfer-rounds/open',
    request: async () => ({ url: '/api/transfer-rounds/open' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    route: '/api/offices/{officeId}/directory/people',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/directory/people?q=${encodeURIComponent('ผู้ใช้')}` }),
    expect: { 'b.hr': 404, 'b.admin': 404, 'b.director': 404, 'b.teacher': 404, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    route: '/api/offices/{officeId}/schools',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/schools` }),
    expect: { 'b.hr': 404, 'b.admin': 404, 'b.director': 404, 'b.teacher': 404, anonymous: 401 },
    otherwise: 200,
  },
  // a case that is not a salary round has no published lists: 404 for everyone, like any round one may not read
  {
    method: 'GET',
    route: '/api/cycles/{caseId}/publication',
    request: async () => ({ url: `/api/cycles/${await fileCase()}/publication` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  { method: 'GET', route: '/api/cases', request: async () => ({ url: '/api/cases' }), expect: { anonymous: 401 }, otherwise: 200 },
  { method: 'GET', route: '/api/cases.csv', request: async () => ({ url: '/api/cases.csv' }), expect: { anonymous: 401 }, otherwise: 200 },
  {
    method: 'GET',
    route: '/api/cases.xlsx',
    request: async () => ({ url: '/api/cases.xlsx' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    route: '/api/cases/{caseId}',
    request: async () => ({ url: `/api/cases/${await fileCase()}` }),
    expect: { ...readers, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'POST',
    route: '/api/cases',
    request: async () => ({
      url: '/api/cases',
      body: {
        workflowId: 'sample-approval',
        officeId: w.a.officeId,
        schoolId: w.a.schoolIds[0],
        subjectPersonId: w.a.users.teacher.personId,
        title: 'เปิดในตาราง',
        input: { amount: 2 },
      },
    }),
    expect: { 'a.teacher': 201, 'a.hr': 201, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/cases/{caseId}/events',
    request: async () => ({ url: `/api/cases/${await fileCase()}/events`, body: { type: 'CERTIFY', payload: {} } }),
    expect: {
      'a.director': 200,
      'a.teacher': 403,
      'a.hr': 403,
      'a.area': 403,
      'a.group': 403,
      'a.auditor': 403,
      'a.admin': 403,
      anonymous: 401,
    },
    otherwise: 404,
  },
  {
    method: 'POST',
    route: '/api/files',
    request: async () => ({
      url: `/api/files?kind=evidence&officeId=${w.a.officeId}`,
      body: Buffer.from(`%PDF-1.4\n% ${++seq}\n`),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.pdf' },
    }),
    // the file belongs to the office named (the uploader's only office when they hold roles in one): another office is 404
    expect: { 'b.hr': 404, 'b.admin': 404, 'b.director': 404, 'b.teacher': 404, anonymous: 401 },
    otherwise: 201,
  },
  {
    method: 'GET',
    route: '/api/files/{fileId}',
    request: async () => ({ url: `/api/files/${(await caseWithFile()).fileId}` }),
    expect: { ...readers, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cases/{caseId}/files',
    request: async () => ({ url: `/api/cases/${(await caseWithFile()).caseId}/files` }),
    expect: { ...readers, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'DELETE',
    route: '/api/cases/{caseId}/files/{fileId}',
    request: async () => {
      const { caseId, fileId } = await caseWithFile();
      return { url: `/api/cases/${caseId}/files/${fileId}` };
    },
    // whoever attached it (the teacher), or the office's HR officers and admins
    expect: {
      'a.teacher': 200,
      'a.hr': 200,
      'a.admin': 200,
      'a.director': 403,
      'a.area': 403,
      'a.group': 403,
      'a.auditor': 403,
      anonymous: 401,
    },
    otherwise: 404,
  },
  {
    method: 'POST',
    route: '/api/cases/{caseId}/files',
    // a round document readable by the case's readers: HR officers and admins attach it, other readers may not, the rest do not see the case
    request: async () => ({ url: `/api/cases/${await fileCase()}/files`, body: { fileId: await hrUpload('round-document', true) } }),
    expect: { ...asManagers(201), 'a.teacher': 403, 'a.director': 403, 'a.area': 403, 'a.group': 403, 'a.auditor': 403, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/calendar/days',
    request: async () => ({ url: `/api/calendar/days?officeId=${w.a.officeId}` }),
    expect: { 'b.hr': 404, 'b.admin': 404, 'b.director': 404, 'b.teacher': 404, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    route: '/api/calendar/days',
    request: async () => {
      closureDate += 1;
      const date = new Date(Date.UTC(2028, 0, 1) + closureDate * 86_400_000).toISOString().slice(0, 10);
      return {
        url: '/api/calendar/days',
        body: { date, kind: 'office_closure', officeId: w.a.officeId, nameTh: 'ปิดสำนักงาน', nameEn: 'Closed', source: 'คำสั่งที่ 1/2569' },
      };
    },
    expect: { 'a.admin': 201, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'DELETE',
    route: '/api/calendar/days/{id}',
    request: async () => ({ url: `/api/calendar/days/${await closure()}` }),
    expect: { 'a.admin': 200, 'b.hr': 404, 'b.admin': 404, 'b.director': 404, 'b.teacher': 404, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    route: '/api/offices/{officeId}/registers/{register}',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/registers/order` }),
    expect: {
      'a.hr': 200,
      'a.area': 200,
      'a.group': 200,
      'a.admin': 200,
      'a.auditor': 200,
      'b.hr': 404,
      'b.admin': 404,
      'b.director': 404,
      'b.teacher': 404,
      anonymous: 401,
    },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/offices/{officeId}/registers/{register}',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/registers/outgoing`, body: { title: `หนังสือส่ง ${++seq}` } }),
    expect: {
      'a.hr': 201,
      'a.area': 201,
      'a.group': 201,
      'a.admin': 201,
      'b.hr': 404,
      'b.admin': 404,
      'b.director': 404,
      'b.teacher': 404,
      anonymous: 401,
    },
    otherwise: 403,
  },
  {
    method: 'POST',
    route: '/api/registers/numbers/{id}/cancel',
    request: async () => {
      const n = await issueDocumentNumber(w.tdb.db, {
        officeId: w.a.officeId,
        register: 'outgoing',
        subjectKey: `matrix:${++seq}`,
        title: 'ทดสอบ',
        issuedBy: w.a.users.hr.userId,
        issuedAt: w.clock.now(),
      });
      return { url: `/api/registers/numbers/${n.id}/cancel`, body: { reason: 'ออกซ้ำ' } };
    },
    // only an issuer of the number's office finds it
    expect: { 'a.hr': 200, 'a.area': 200, 'a.group': 200, 'a.admin': 200, anonymous: 401 },
    otherwise: 404,
  },
  // everyone signed in may change their own password; every password is put back first, so each caller changes the one they signed in with
  {
    method: 'POST',
    route: '/api/me/password',
    request: async () => {
      await w.tdb.db
        .updateTable('users')
        .set({ password_hash: await fixturePasswordHash() })
        .execute();
      return { url: '/api/me/password', body: { currentPassword: PASSWORD, newPassword: 'รหัสผ่านใหม่ในตาราง-1' } };
    },
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  // public: the sign-in page asks before anyone signs in (empty outside demo mode)
  {
    method: 'GET',
    route: '/api/auth/demo-accounts',
    request: async () => ({ url: '/api/auth/demo-accounts' }),
    expect: {},
    otherwise: 200,
  },
  {
    method: 'POST',
    route: '/api/auth/tokens',
    request: async () => ({ url: '/api/auth/tokens', body: { name: 'matrix' } }),
    expect: { anonymous: 401 },
    otherwise: 201,
  },
  // one's own tokens: listed by everyone signed in; a token is revoked by its owner only (another user's is 404)
  { method: 'GET', route: '/api/me/tokens', request: async () => ({ url: '/api/me/tokens' }), expect: { anonymous: 401 }, otherwise: 200 },
  {
    method: 'DELETE',
    route: '/api/me/tokens/{tokenId}',
    request: async () => ({ url: `/api/me/tokens/${(await matrixToken(w.a.users.teacher.userId)).sessionId}` }),
    expect: { 'a.teacher': 204, anonymous: 401 },
    otherwise: 404,
  },
  // an office admin lists and revokes the tokens of the office's users
  {
    method: 'GET',
    route: '/api/offices/{officeId}/users/{userId}/tokens',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/users/${await officeUser()}/tokens` }),
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'DELETE',
    route: '/api/offices/{officeId}/users/{userId}/tokens/{tokenId}',
    request: async () => {
      const userId = await officeUser();
      return { url: `/api/offices/${w.a.officeId}/users/${userId}/tokens/${(await matrixToken(userId)).sessionId}` };
    },
    expect: { 'a.admin': 204, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  ...OFFICE_MODULE_CELLS,
  // deadlines: a sample case's step names nobody who may extend it: readers are told there is nothing to extend
  {
    method: 'POST',
    route: '/api/cases/{caseId}/deadline-extensions',
    request: async () => ({
      url: `/api/cases/${await fileCase()}/deadline-extensions`,
      body: { newDueAt: '2030-01-01T02:00:00Z', reason: 'ขยายเวลา' },
    }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  // documents: a sample case is no transfer request nor salary round, so its readers are told the document is not ready;
  // who may print a real one is covered by api.documents*.test.ts
  {
    method: 'GET',
    route: '/api/cases/{caseId}/documents/transfer-order.pdf',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/transfer-order.pdf` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  // the number given, if any: read by whoever reads the case (none here)
  {
    method: 'GET',
    route: '/api/cases/{caseId}/documents/transfer-order/number',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/transfer-order/number` }),
    expect: {
      'a.teacher': 200,
      'a.director': 200,
      'a.hr': 200,
      'a.area': 200,
      'a.group': 200,
      'a.auditor': 200,
      'a.admin': 200,
      anonymous: 401,
    },
    otherwise: 404,
  },
  // numbers are given by the office's HR officers and admins only
  {
    method: 'POST',
    route: '/api/cases/{caseId}/documents/transfer-order/number',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/transfer-order/number` }),
    expect: {
      'a.teacher': 403,
      'a.director': 403,
      'a.area': 403,
      'a.group': 403,
      'a.auditor': 403,
      'a.hr': 409,
      'a.admin': 409,
      anonymous: 401,
    },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cases/{caseId}/documents/academic-standing-order.pdf',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/academic-standing-order.pdf` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'POST',
    route: '/api/cases/{caseId}/documents/academic-standing-order/number',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/academic-standing-order/number` }),
    expect: {
      'a.teacher': 403,
      'a.director': 403,
      'a.area': 403,
      'a.group': 403,
      'a.auditor': 403,
      'a.hr': 409,
      'a.admin': 409,
      anonymous: 401,
    },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cases/{caseId}/documents/salary-notice.pdf',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/salary-notice.pdf` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cycles/{caseId}/documents/salary-order.pdf',
    request: async () => ({ url: `/api/cycles/${await fileCase()}/documents/salary-order.pdf?order=1` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cycles/{caseId}/documents/salary-notices.pdf',
    request: async () => ({ url: `/api/cycles/${await fileCase()}/documents/salary-notices.pdf` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  // how the office prints: every user of the office reads it, its admins change it
  {
    method: 'GET',
    route: '/api/offices/{officeId}/document-settings',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/document-settings` }),
    expect: { ...notA, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'PUT',
    route: '/api/offices/{officeId}/document-settings',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/document-settings`, body: { emblemFileId: null, thaiDigits: true } }),
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  // how the office counts the "วัน" its SOP sources leave open: every user of the office reads it, its admins change it
  {
    method: 'GET',
    route: '/api/offices/{officeId}/deadline-policy',
    request: async () => ({ url: `/api/offices/${w.a.officeId}/deadline-policy` }),
    expect: { ...notA, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'PUT',
    route: '/api/offices/{officeId}/deadline-policy',
    request: async () => ({
      url: `/api/offices/${w.a.officeId}/deadline-policy`,
      body: { dayCount: 'calendar_days', reason: 'ตามถ้อยคำของคู่มือ' },
    }),
    expect: { 'a.admin': 200, ...notA, anonymous: 401 },
    otherwise: 403,
  },
  // the orders as DOCX, to edit before signing: the same readers as the PDF
  {
    method: 'GET',
    route: '/api/cases/{caseId}/documents/transfer-order.docx',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/transfer-order.docx` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cases/{caseId}/documents/academic-standing-order.docx',
    request: async () => ({ url: `/api/cases/${await fileCase()}/documents/academic-standing-order.docx` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cycles/{caseId}/documents/salary-order.docx',
    request: async () => ({ url: `/api/cycles/${await fileCase()}/documents/salary-order.docx?order=1` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cycles/{caseId}/documents/salary-lists.xlsx',
    request: async () => ({ url: `/api/cycles/${await fileCase()}/documents/salary-lists.xlsx` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/cycles/{caseId}/documents/announcement.pdf',
    request: async () => ({ url: `/api/cycles/${await fileCase()}/documents/announcement.pdf` }),
    expect: { ...readers409, anonymous: 401 },
    otherwise: 404,
  },
  {
    method: 'GET',
    route: '/api/meetings/{meetingId}/documents/minutes.pdf',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/documents/minutes.pdf` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    route: '/api/meetings/{meetingId}/documents/agenda.xlsx',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/documents/agenda.xlsx` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 200,
  },
  // the memo reports a closed meeting's resolutions: an open meeting has none yet
  {
    method: 'GET',
    route: '/api/meetings/{meetingId}/documents/memo.pdf',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/documents/memo.pdf` }),
    expect: { ...notA, ...notCommitteeReaders, anonymous: 401 },
    otherwise: 409,
  },
  {
    method: 'POST',
    route: '/api/meetings/{meetingId}/documents/memo/number',
    request: async () => ({ url: `/api/meetings/${(await meeting(false)).meetingId}/documents/memo/number` }),
    expect: { ...notA, ...notCommitteeReaders, 'a.area': 403, 'a.group': 403, 'a.auditor': 403, anonymous: 401 },
    otherwise: 409,
  },
];

/** Rows that only a successful write adds (sign-in attempts and sessions are the price of asking). */
async function writtenRows(): Promise<number> {
  const r = await sql<{ n: string }>`
    select (select count(*) from cases) + (select count(*) from case_history) + (select count(*) from notifications)
         + (select count(*) from calendar_days where removed_at is null) + (select count(*) from idempotency_keys)
         + (select count(*) from sla_clocks) + (select count(*) from committees) + (select count(*) from committee_members)
         + (select count(*) from meetings) + (select count(*) from agenda_votes) + (select count(*) from agenda_recusals)
         + (select count(*) from agenda_items where status = 'decided') + (select count(*) from users where disabled_at is null)
         + (select count(*) from role_assignments where valid_until is null) + (select count(*) from schools) + (select count(*) from people)
         + (select count(*) from files) + (select count(*) from file_contents) + (select count(*) from case_files where removed_at is null)
         + (select count(*) from meeting_files where removed_at is null) + (select count(*) from personnel_entries)
         + (select count(*) from office_salary_round_settings) + (select count(*) from salary_round_openings) as n`.execute(w.tdb.db);
  return Number(r.rows[0]!.n);
}

describe('the access matrix', () => {
  it('covers every route the API serves', async () => {
    const openapi = (await w.call(null, 'GET', '/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set([...MATRIX.map((c) => `${c.method} ${c.route}`), 'POST /api/auth/sign-in', 'POST /api/auth/sign-out']);
    expect(served.filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(MATRIX.map((c) => [`${c.method} ${c.route}`, c] as const))('%s', async (_name, cell) => {
    for (const who of [...EVERYONE, null] as Who[]) {
      const key = who ?? 'anonymous';
      const expected = cell.expect[key as keyof Cell['expect']] ?? cell.otherwise;
      const { url, body, headers } = await cell.request();
      const before = await writtenRows();
      const res = await w.call(who, cell.method, url, body, headers);
      expect({ who: key, status: res.statusCode }).toEqual({ who: key, status: expected });
      if (expected >= 400) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(await writtenRows()).toBe(before);
      }
    }
  });

  it('never lists another office’s cases', async () => {
    const caseId = await fileCase();
    for (const who of B) {
      const list = (await w.call(who, 'GET', '/api/cases?limit=500')).json() as { items: { id: string }[] };
      expect(list.items.some((c) => c.id === caseId)).toBe(false);
      // the export names no case id: the case is found by its title
      expect((await w.call('a.hr', 'GET', '/api/cases.csv')).body).toContain('คำขอในตาราง');
      expect((await w.call(who, 'GET', '/api/cases.csv')).body).not.toContain('คำขอในตาราง');
    }
  });
});

describe('who reads committees, meetings, agendas, votes and minutes (the bodies)', () => {
  it('shows a teacher or school director nothing of a committee they are not seated on; a seated teacher and the office readers read it all', async () => {
    const hr = await hrActor();
    const c = await committee(); // a.group seated
    const teacher2Seat = (
      await addCommitteeMember(engineDeps(w.engine), hr, {
        committeeId: c.committeeId,
        personId: w.a.users.teacher2.personId,
        seat: 'member',
        termFrom: '2025-01-01',
      })
    ).memberId;
    const title = `คำขอย้ายของนายลับ ${++seq}`;
    const { caseId } = await w.engine.startCase({
      actor: hr,
      workflowId: 'sample-committee',
      officeId: w.a.officeId,
      schoolId: w.a.schoolIds[0],
      subjectPersonId: w.a.users.teacher.personId,
      title,
      input: {},
    });
    const { meetingId } = await scheduleMeeting(engineDeps(w.engine), hr, {
      committeeId: c.committeeId,
      title: 'ประชุมลับ',
      scheduledAt: '2025-07-03T02:00:00Z',
      place: 'ห้อง 3',
    });
    await openMeeting(engineDeps(w.engine), hr, { meetingId, present: [c.groupMemberId, c.otherMemberId, teacher2Seat] });
    const item = await w.tdb.db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const reason = `เป็นญาติของผู้ยื่น ${seq}`;
    expect((await w.call('a.hr', 'POST', `/api/agenda-items/${item.id}/recusals`, { memberId: c.otherMemberId, reason })).statusCode).toBe(
      204,
    );
    expect((await w.call('a.teacher2', 'POST', `/api/agenda-items/${item.id}/votes`, { vote: 'reject' })).statusCode).toBe(204);
    const secrets = [title, reason, caseId];
    const urls = [
      `/api/committees/${c.committeeId}`,
      `/api/committees/${c.committeeId}/meetings`,
      `/api/meetings/${meetingId}`,
      `/api/meetings/${meetingId}/minutes`,
      `/api/meetings/${meetingId}/minutes?format=csv`,
      `/api/meetings/${meetingId}/minutes?format=text`,
    ];

    // not seated, no office-wide reader role: the committee is not listed, and nothing of it answers
    for (const who of ['a.teacher', 'a.director', 'a.director2'] as const) {
      const list = (await w.call(who, 'GET', `/api/offices/${w.a.officeId}/committees`)).json() as { items: { id: string }[] };
      // (the matrix's cells above seat a.director on committees of their own: those it lists)
      expect({ who, listed: list.items.some((i) => i.id === c.committeeId) }).toEqual({ who, listed: false });
      if (who === 'a.teacher') expect(list.items).toEqual([]);
      for (const url of urls) {
        const res = await w.call(who, 'GET', url);
        expect({ who, url, status: res.statusCode }).toEqual({ who, url, status: 404 });
        for (const secret of secrets) expect(res.body).not.toContain(secret);
      }
    }
    // the subject reads the committee's decision on their case, not the meeting: the case stays theirs
    expect((await w.call('a.teacher', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);

    // a seated teacher lists only the committees they sit on, and reads the agenda, the named votes and the recusal reasons
    const seatedList = (await w.call('a.teacher2', 'GET', `/api/offices/${w.a.officeId}/committees`)).json() as { items: { id: string }[] };
    expect(seatedList.items.map((i) => i.id)).toEqual([c.committeeId]);
    const view = (await w.call('a.teacher2', 'GET', `/api/meetings/${meetingId}`)).json() as {
      agenda: { caseId: string; title: string }[];
    };
    expect(view.agenda).toContainEqual(expect.objectContaining({ caseId, title }));
    const minutes = (await w.call('a.teacher2', 'GET', `/api/meetings/${meetingId}/minutes`)).json() as {
      items: { caseId: string; votes: { vote: string }[]; recusals: { reason: string }[] }[];
    };
    const mine = minutes.items.find((i) => i.caseId === caseId)!;
    expect(mine.votes).toEqual([expect.objectContaining({ vote: 'reject' })]);
    expect(mine.recusals).toEqual([expect.objectContaining({ reason })]);

    // the office-wide readers see every committee and read the same minutes
    for (const who of ['a.hr', 'a.area', 'a.group', 'a.auditor', 'a.admin'] as const) {
      const list = (await w.call(who, 'GET', `/api/offices/${w.a.officeId}/committees`)).json() as { items: { id: string }[] };
      expect(list.items.length).toBeGreaterThan(1);
      expect(list.items.map((i) => i.id)).toContain(c.committeeId);
      const text = await w.call(who, 'GET', `/api/meetings/${meetingId}/minutes?format=text`);
      expect({ who, status: text.statusCode }).toEqual({ who, status: 200 });
      expect(text.body).toContain(title);
      expect(text.body).toContain(reason);
    }
    // another office: nothing
    for (const who of B) for (const url of urls) expect((await w.call(who, 'GET', url)).statusCode).toBe(404);
  });

  it('refuses the case’s subject a vote on their own item, even when seated', async () => {
    const hr = await hrActor();
    const c = await committee();
    const seat = (
      await addCommitteeMember(engineDeps(w.engine), hr, {
        committeeId: c.committeeId,
        personId: w.a.users.teacher.personId,
        seat: 'member',
        termFrom: '2025-01-01',
      })
    ).memberId;
    const { caseId } = await w.engine.startCase({
      actor: hr,
      workflowId: 'sample-committee',
      officeId: w.a.officeId,
      schoolId: w.a.schoolIds[0],
      subjectPersonId: w.a.users.teacher.personId,
      title: 'คำขอของกรรมการ',
      input: {},
    });
    const { meetingId } = await scheduleMeeting(engineDeps(w.engine), hr, {
      committeeId: c.committeeId,
      title: 'ประชุม',
      scheduledAt: '2025-07-04T02:00:00Z',
      place: 'ห้อง 4',
    });
    await openMeeting(engineDeps(w.engine), hr, { meetingId, present: [c.groupMemberId, c.otherMemberId, seat] });
    const item = await w.tdb.db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    const before = await writtenRows();
    const res = await w.call('a.teacher', 'POST', `/api/agenda-items/${item.id}/votes`, { vote: 'approve' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'SELF_DEALING_REFUSED' });
    expect(await writtenRows()).toBe(before);
  });
});

/**
 * The same routes for the principals that are not a fixture user's cookie: bearer tokens (read, full, expired,
 * revoked), a disabled user's live session and token, grants out of their period, a user with grants in two
 * offices; and every route asked with HEAD and OPTIONS. Each principal answers like a fixture user of the matrix
 * (the same status and the same problem code, asked of the same cell with a fresh resource) or with a fixed problem.
 */
type Answer = { status: number; code: string | undefined };
type Principal = {
  name: string;
  headers: () => Record<string, string>;
  /** the fixture user (null: anonymous) it must answer like, or the fixed answer */
  expect: (cell: Cell) => { like: Who } | Answer;
};

const answerOf = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }): Answer => ({
  status: res.statusCode,
  code: String(res.headers['content-type'] ?? '').includes('application/problem+json') ? (res.json() as { code: string }).code : undefined,
});
const isPublic = (cell: Cell) => (cell.expect.anonymous ?? cell.otherwise) !== 401;

describe('the access matrix for tokens, disabled users, grants out of their period, two offices, HEAD and OPTIONS', () => {
  const secrets: Record<string, { cookie?: string; token?: string }> = {};
  let dualUserId = '';
  const cookieOfSecret = (secret: string) => `esa_session=${secret}`;

  /** a user of office A with these grants (role, office, school, period), and a live cookie session */
  async function principalUser(
    label: string,
    grants: { role: 'hr_officer' | 'admin' | 'teacher'; officeId: string; schoolId?: string; validFrom?: Date; validUntil?: Date }[],
  ) {
    const person = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: label, last_name_th: `${++seq}`, office_id: w.a.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await w.tdb.db
      .insertInto('users')
      .values({
        username: `principal-${label}-${seq}-${w.a.officeId.slice(0, 8)}`,
        person_id: person.id,
        password_hash: await fixturePasswordHash(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const g of grants) {
      await w.tdb.db
        .insertInto('role_assignments')
        .values({
          user_id: user.id,
          role: g.role,
          office_id: g.officeId,
          school_id: g.schoolId ?? null,
          valid_from: g.validFrom ?? new Date('2020-01-01T00:00:00Z'),
          valid_until: g.validUntil ?? null,
        })
        .execute();
    }
    const cookie = cookieOfSecret(
      (await createSession(w.tdb.db, { userId: user.id, kind: 'cookie', now: w.clock.now(), ttlMs: 30 * 86_400_000 })).secret,
    );
    return { userId: user.id, cookie };
  }
  /** a token minted the only way there is: by its user's cookie session */
  async function mint(cookie: string, scope: 'read' | 'full'): Promise<{ id: string; token: string }> {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie },
      payload: { name: `principal-${scope}`, scope },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string };
  }

  const PRINCIPALS: Principal[] = [];
  const dead = (cell: Cell) => (isPublic(cell) ? { like: null } : { status: 401, code: 'UNAUTHENTICATED' });

  beforeAll(async () => {
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const day = 86_400_000;
    const now = w.clock.now();
    const hrIn = (officeId: string) => ({ role: 'hr_officer' as const, officeId });

    const reader = await principalUser('read-token', [hrIn(w.a.officeId)]);
    secrets.read = { token: (await mint(reader.cookie, 'read')).token };
    const full = await principalUser('full-token', [{ role: 'admin', officeId: w.a.officeId }]);
    secrets.full = { token: (await mint(full.cookie, 'full')).token };
    const expiring = await principalUser('expired-token', [hrIn(w.a.officeId)]);
    secrets.expired = {
      token: (
        await createSession(w.tdb.db, {
          userId: expiring.userId,
          kind: 'token',
          scope: 'full',
          name: 'expired',
          now: new Date(now.getTime() - 2 * day),
          ttlMs: day,
        })
      ).secret,
    };
    const revoking = await principalUser('revoked-token', [hrIn(w.a.officeId)]);
    const revoked = await mint(revoking.cookie, 'full');
    expect(
      (await w.app.inject({ method: 'DELETE', url: `/api/me/tokens/${revoked.id}`, headers: { cookie: revoking.cookie } })).statusCode,
    ).toBe(204);
    secrets.revoked = { token: revoked.token };
    // disabled by an admin (every session revoked), and disabled in the table behind the API's back (sessions left live)
    const disabled = await principalUser('disabled', [hrIn(w.a.officeId)]);
    secrets.disabled = { cookie: disabled.cookie, token: (await mint(disabled.cookie, 'full')).token };
    expect((await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${disabled.userId}/disable`)).statusCode).toBe(200);
    const disabledRaw = await principalUser('disabled-raw', [hrIn(w.a.officeId)]);
    secrets.disabledRaw = { cookie: disabledRaw.cookie, token: (await mint(disabledRaw.cookie, 'full')).token };
    await w.tdb.db.updateTable('users').set({ disabled_at: now }).where('id', '=', disabledRaw.userId).execute();
    // grants out of their period: A's role is not held, B's (the same role) is, so they answer like b.hr / b.admin
    const expiredGrant = await principalUser('expired-grant', [
      { ...hrIn(w.a.officeId), validUntil: new Date(now.getTime() - day) },
      hrIn(w.b.officeId),
    ]);
    secrets.expiredGrant = { cookie: expiredGrant.cookie };
    const futureGrant = await principalUser('future-grant', [
      { role: 'admin', officeId: w.a.officeId, validFrom: new Date(now.getTime() + day) },
      { role: 'admin', officeId: w.b.officeId },
    ]);
    secrets.futureGrant = { cookie: futureGrant.cookie };
    // hr_officer of A, teacher of B: A's routes answer as to a.hr
    const dual = await principalUser('dual', [hrIn(w.a.officeId), { role: 'teacher', officeId: w.b.officeId, schoolId: w.b.schoolIds[0] }]);
    dualUserId = dual.userId;
    secrets.dual = { cookie: dual.cookie };
  });

  const bearer = (key: string) => () => ({ authorization: `Bearer ${secrets[key]!.token!}` });
  const cookie = (key: string) => () => ({ cookie: secrets[key]!.cookie! });
  PRINCIPALS.push(
    {
      name: 'read token of an hr_officer',
      headers: bearer('read'),
      expect: (c) => (c.method === 'GET' ? { like: 'a.hr' } : { status: 403, code: 'TOKEN_READ_ONLY' }),
    },
    {
      name: 'full token of an admin',
      headers: bearer('full'),
      expect: (c) => (c.route === '/api/auth/tokens' ? { status: 403, code: 'TOKEN_NEEDS_SIGN_IN' } : { like: 'a.admin' }),
    },
    { name: 'expired token', headers: bearer('expired'), expect: dead },
    { name: 'revoked token', headers: bearer('revoked'), expect: dead },
    { name: 'session of a disabled user', headers: cookie('disabled'), expect: dead },
    { name: 'token of a disabled user', headers: bearer('disabled'), expect: dead },
    { name: 'session of a user disabled in the table', headers: cookie('disabledRaw'), expect: dead },
    { name: 'token of a user disabled in the table', headers: bearer('disabledRaw'), expect: dead },
    { name: 'expired hr_officer grant in A (hr_officer of B)', headers: cookie('expiredGrant'), expect: () => ({ like: 'b.hr' }) },
    { name: 'future admin grant in A (admin of B)', headers: cookie('futureGrant'), expect: () => ({ like: 'b.admin' }) },
    { name: 'hr_officer of A and teacher of B', headers: cookie('dual'), expect: () => ({ like: 'a.hr' }) },
  );

  type Built = Awaited<ReturnType<Cell['request']>>;
  const send = (headers: Record<string, string>, method: string, { url, body, headers: extra }: Built) =>
    w.app.inject({
      method: method as 'GET',
      url,
      ...(body !== undefined && method !== 'HEAD' && method !== 'OPTIONS' ? { payload: body as Record<string, unknown> } : {}),
      headers: { ...headers, ...(extra ?? {}) },
    });
  const headersOf = async (who: Who): Promise<Record<string, string>> => (who ? { cookie: await w.cookieOf(who) } : {});
  /** HEAD as it leaves the socket (inject hands back a body Node never sends for HEAD): the status line and what follows the headers */
  async function headOnTheWire(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    const { port } = w.app.server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          `HEAD ${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')}\r\n`,
        ),
      );
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    const split = raw.indexOf('\r\n\r\n');
    return { status: Number(raw.slice(9, 12)), body: raw.slice(split + 4) };
  }

  it.each(MATRIX.map((c) => [`${c.method} ${c.route}`, c] as const))('%s', async (_name, cell) => {
    const references = new Map<Who, Answer>();
    for (const p of PRINCIPALS) {
      const rule = p.expect(cell);
      let expected: Answer;
      if ('like' in rule) {
        if (!references.has(rule.like))
          references.set(rule.like, answerOf(await send(await headersOf(rule.like), cell.method, await cell.request())));
        expected = references.get(rule.like)!;
        // the fixture user answers as the matrix says
        const key = (rule.like ?? 'anonymous') as keyof Cell['expect'];
        expect({ like: key, status: expected.status }).toEqual({ like: key, status: cell.expect[key] ?? cell.otherwise });
      } else expected = rule;
      const request = await cell.request();
      const before = await writtenRows();
      const res = await send(p.headers(), cell.method, request);
      expect({ who: p.name, ...answerOf(res) }).toEqual({ who: p.name, ...expected });
      if (expected.status >= 400) expect({ who: p.name, written: (await writtenRows()) - before }).toEqual({ who: p.name, written: 0 });
    }

    // HEAD answers as GET does on the same URL (the route's own GET, another route's GET on that path, or 404), with no body
    for (const who of ['a.hr', 'b.hr', null] as Who[]) {
      const request = await cell.request();
      const get = answerOf(await send(await headersOf(who), 'GET', request));
      const head = await headOnTheWire(request.url, { ...(await headersOf(who)), ...(request.headers ?? {}) });
      expect({ who, head }).toEqual({ who, head: { status: get.status, body: '' } });
      if (cell.method === 'GET')
        expect({ who, get: get.status }).toEqual({ who, get: cell.expect[(who ?? 'anonymous') as keyof Cell['expect']] ?? cell.otherwise });
    }
    // OPTIONS: no route answers it (no CORS): 404 ROUTE_NOT_FOUND for everyone, nothing of the resource, nothing written
    for (const who of ['a.hr', 'a.admin', null] as Who[]) {
      const request = await cell.request();
      const before = await writtenRows();
      const res = await send(await headersOf(who), 'OPTIONS', request);
      expect({ who, ...answerOf(res) }).toEqual({ who, status: 404, code: 'ROUTE_NOT_FOUND' });
      expect(Object.keys(res.json() as object).sort()).toEqual(['code', 'message', 'status', 'title', 'type']);
      expect(await writtenRows()).toBe(before);
    }
  });

  it('a user with grants in two offices reads A’s data as its hr_officer and B’s as a teacher of B', async () => {
    const as = (url: string, method: 'GET' | 'POST' = 'GET', body?: unknown) =>
      w.app.inject({
        method,
        url,
        headers: { cookie: secrets.dual!.cookie! },
        ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
      });
    // A: every case of the office, committees, the office's users refused (not an admin)
    const aTitle = `คำขอของสำนักงาน A ${++seq}`;
    const { caseId: aCase } = await w.engine.startCase({
      actor: await hrActor(),
      workflowId: 'sample-approval',
      officeId: w.a.officeId,
      schoolId: w.a.schoolIds[0],
      subjectPersonId: w.a.users.teacher.personId,
      title: aTitle,
      input: { amount: 1 },
    });
    expect((await as(`/api/cases/${aCase}`)).json()).toMatchObject({ case: { id: aCase, title: aTitle } });
    expect(((await as(`/api/cases?q=${encodeURIComponent(aTitle)}`)).json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(
      [aCase],
    );
    expect(answerOf(await as(`/api/offices/${w.a.officeId}/users`))).toEqual({ status: 403, code: 'FORBIDDEN' });
    // B: a teacher sees only cases about themself, no committee, no users
    const bCase = await w.engine.startCase({
      actor: await actorOf(w.tdb.db, w.b.users.teacher),
      workflowId: 'sample-approval',
      officeId: w.b.officeId,
      schoolId: w.b.schoolIds[0],
      subjectPersonId: w.b.users.teacher.personId,
      title: 'คำขอของสำนักงาน B',
      input: { amount: 1 },
    });
    const other = await as(`/api/cases/${bCase.caseId}`);
    expect(answerOf(other)).toEqual({ status: 404, code: 'CASE_NOT_FOUND' });
    expect(other.body).not.toContain('คำขอของสำนักงาน B');
    expect((await as(`/api/cases?q=${encodeURIComponent('คำขอของสำนักงาน B')}`)).json()).toEqual({ items: [] });
    expect((await as(`/api/offices/${w.b.officeId}/schools`)).statusCode).toBe(200);
    expect((await as(`/api/offices/${w.b.officeId}/committees`)).json()).toMatchObject({ items: [] });
    expect(answerOf(await as(`/api/offices/${w.b.officeId}/users`))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(answerOf(await as(`/api/offices/${w.b.officeId}/committees`, 'POST', { kind: 'screening', nameTh: 'ก', nameEn: 'C' }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    const me = (await as('/api/me')).json() as Record<string, unknown>;
    expect(JSON.stringify(me)).toContain(dualUserId);
  });
});
