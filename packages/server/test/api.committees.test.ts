import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w.close());

type Member = { memberId: string; personId: string; seat: string };

async function fileCases(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await w.call('a.hr', 'POST', '/api/cases', {
      workflowId: 'sample-committee',
      officeId: w.a.officeId,
      schoolId: w.a.schoolIds[0],
      subjectPersonId: w.a.users.teacher.personId,
      title: `คำขอย้าย ${i + 1}`,
      input: {},
    });
    expect(res.statusCode).toBe(201);
    ids.push(res.json().caseId);
  }
  return ids;
}
const stateOf = async (caseId: string) => (await w.call('a.hr', 'GET', `/api/cases/${caseId}`)).json().case.state;

describe('committees over HTTP', () => {
  let committeeId: string;
  const members: Record<string, Member> = {};

  it('creates a committee in my office only: 404 for another office, 403 for a role that may not', async () => {
    const body = { kind: 'screening', nameTh: 'คณะกรรมการกลั่นกรองการย้าย', nameEn: 'Transfer screening committee' };
    const other = await w.call('b.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, body);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('OFFICE_NOT_FOUND');
    const teacher = await w.call('a.teacher', 'POST', `/api/offices/${w.a.officeId}/committees`, body);
    expect(teacher.statusCode).toBe(403);
    expect(teacher.json().code).toBe('FORBIDDEN');
    const bad = await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, { ...body, kind: 'Bad Kind' });
    expect(bad.statusCode).toBe(400);

    const ok = await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, body);
    expect(ok.statusCode).toBe(201);
    committeeId = ok.json().committeeId;

    const list = await w.call('a.auditor', 'GET', `/api/offices/${w.a.officeId}/committees`);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: committeeId, kind: 'screening', quorum: { kind: 'majority' }, noticeWorkingDays: 3 }),
    ]);
    // a teacher is not seated on it and reads no committee of the office
    expect((await w.call('a.teacher', 'GET', `/api/offices/${w.a.officeId}/committees`)).json().items).toEqual([]);
    expect((await w.call('a.teacher', 'GET', `/api/committees/${committeeId}`)).json().code).toBe('COMMITTEE_NOT_FOUND');
    expect((await w.call('b.hr', 'GET', `/api/offices/${w.a.officeId}/committees`)).statusCode).toBe(404);
    expect((await w.call('b.hr', 'GET', `/api/committees/${committeeId}`)).json().code).toBe('COMMITTEE_NOT_FOUND');
  });

  it('seats members (HR officers and admins only) and shows them with the cases waiting', async () => {
    const seats = { area: 'chair', group: 'secretary', director: 'member', director2: 'member', auditor: 'member' } as const;
    const refused = await w.call('a.group', 'POST', `/api/committees/${committeeId}/members`, {
      personId: w.a.users.group.personId,
      seat: 'member',
      termFrom: '2025-01-01',
    });
    expect(refused.statusCode).toBe(403);
    for (const [key, seat] of Object.entries(seats)) {
      const personId = w.a.users[key as keyof typeof seats].personId;
      const res = await w.call('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
        personId,
        seat,
        termFrom: '2025-01-01',
        termUntil: '2026-09-30',
      });
      expect(res.statusCode).toBe(201);
      members[key] = { memberId: res.json().memberId, personId, seat };
    }
    await fileCases(3);
    const detail = await w.call('a.director', 'GET', `/api/committees/${committeeId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ waitingCases: 3, seatedOn: '2025-06-16' });
    expect(detail.json().members.map((m: Member) => m.seat)).toEqual(['chair', 'secretary', 'member', 'member', 'member']);
  });

  it('runs a meeting: agenda from waiting cases, edits, attendance, recusal, votes, resolutions, close-and-apply, minutes', async () => {
    // the secretary (a group director by role) runs the meeting by their seat
    const scheduled = await w.call('a.group', 'POST', `/api/committees/${committeeId}/meetings`, {
      title: 'ประชุมครั้งที่ 1/2568',
      scheduledAt: '2025-06-25T02:00:00Z',
      place: 'ห้องประชุม สพป.',
    });
    expect(scheduled.statusCode).toBe(201);
    const { meetingId, agendaItems } = scheduled.json();
    expect(agendaItems).toBe(3);

    // a seated member reads the meeting; a teacher of the office does not
    expect((await w.call('a.teacher', 'GET', `/api/meetings/${meetingId}`)).json().code).toBe('MEETING_NOT_FOUND');
    const view = await w.call('a.director2', 'GET', `/api/meetings/${meetingId}`);
    expect(view.statusCode).toBe(200);
    const v = view.json();
    expect(v.quorum).toEqual({ seated: 5, present: 0, required: 3, met: false });
    expect(v.attendance.every((a: { present: boolean | null }) => a.present === null)).toBe(true);
    expect(v.agenda).toHaveLength(3);
    // oldest first; these three were filed at the same moment, so their order among themselves is the engine's tie-break
    expect(v.agenda.map((i: { title: string }) => i.title).sort()).toEqual(['คำขอย้าย 1', 'คำขอย้าย 2', 'คำขอย้าย 3']);
    expect(v.agenda[0]).toMatchObject({
      position: 1,
      step: 'screening',
      stepLabel: { th: 'คณะกรรมการกลั่นกรองพิจารณา', en: 'Screening committee review' },
      status: 'listed',
    });
    expect((await w.call('b.hr', 'GET', `/api/meetings/${meetingId}`)).json().code).toBe('MEETING_NOT_FOUND');
    const meetings = await w.call('a.hr', 'GET', `/api/committees/${committeeId}/meetings`);
    expect(meetings.json().items).toEqual([expect.objectContaining({ id: meetingId, status: 'scheduled', items: 3 })]);

    const [first, second, third] = v.agenda as { id: string; caseId: string }[];
    expect((await w.call('a.director', 'PATCH', `/api/meetings/${meetingId}/agenda`, { remove: [third!.caseId] })).statusCode).toBe(403);
    const edited = await w.call('a.group', 'PATCH', `/api/meetings/${meetingId}/agenda`, { remove: [third!.caseId] });
    expect(edited.json()).toEqual({ added: 0, removed: 1 });

    expect((await w.call('a.director', 'POST', `/api/meetings/${meetingId}/open`, { present: [] })).statusCode).toBe(403);
    const present = ['area', 'group', 'director', 'director2'].map((k) => members[k]!.memberId);
    const opened = await w.call('a.group', 'POST', `/api/meetings/${meetingId}/open`, { present });
    expect(opened.json()).toEqual({ seated: 5, present: 4, required: 3, met: true });
    expect((await w.call('a.group', 'POST', `/api/meetings/${meetingId}/open`, { present })).json().code).toBe('MEETING_STATE_CONFLICT');

    const recused = await w.call('a.director', 'POST', `/api/agenda-items/${first!.id}/recusals`, {
      memberId: members.director!.memberId,
      reason: 'เป็นญาติของผู้ยื่นคำขอ',
    });
    expect(recused.statusCode).toBe(204);
    expect((await w.call('a.director', 'POST', `/api/agenda-items/${first!.id}/votes`, { vote: 'approve' })).json().code).toBe(
      'MEMBER_RECUSED',
    );
    expect((await w.call('a.auditor', 'POST', `/api/agenda-items/${first!.id}/votes`, { vote: 'approve' })).json().code).toBe(
      'MEMBER_NOT_PRESENT',
    );
    expect((await w.call('a.hr', 'POST', `/api/agenda-items/${first!.id}/votes`, { vote: 'approve' })).statusCode).toBe(403);
    expect((await w.call('b.hr', 'POST', `/api/agenda-items/${first!.id}/votes`, { vote: 'approve' })).json().code).toBe(
      'AGENDA_ITEM_NOT_FOUND',
    );
    for (const [who, vote] of [
      ['a.area', 'approve'],
      ['a.group', 'approve'],
      ['a.director2', 'reject'],
    ] as const) {
      expect((await w.call(who, 'POST', `/api/agenda-items/${first!.id}/votes`, { vote })).statusCode).toBe(204);
    }

    expect((await w.call('a.director', 'POST', `/api/agenda-items/${first!.id}/resolution`, {})).statusCode).toBe(403);
    const fromVotes = await w.call('a.group', 'POST', `/api/agenda-items/${first!.id}/resolution`, {});
    expect(fromVotes.json()).toEqual({ resolution: 'approve', tally: { approve: 2, reject: 1, defer: 0, abstain: 0, recused: 1 } });
    const stated = await w.call('a.group', 'POST', `/api/agenda-items/${second!.id}/resolution`, {
      resolution: 'reject',
      note: 'ไม่ผ่านเกณฑ์',
    });
    expect(stated.json().resolution).toBe('reject');

    expect((await w.call('b.hr', 'POST', `/api/meetings/${meetingId}/close`)).statusCode).toBe(404);
    const closed = await w.call('a.group', 'POST', `/api/meetings/${meetingId}/close`);
    expect(closed.json()).toEqual({ applied: 2, deferred: 0 });
    expect([await stateOf(first!.caseId), await stateOf(second!.caseId), await stateOf(third!.caseId)]).toEqual([
      'passed',
      'failed',
      'screening',
    ]);
    expect((await w.call('a.group', 'POST', `/api/meetings/${meetingId}/close`)).json().code).toBe('MEETING_STATE_CONFLICT');

    expect((await w.call('a.teacher', 'GET', `/api/meetings/${meetingId}/minutes`)).statusCode).toBe(404);
    const json = await w.call('a.director2', 'GET', `/api/meetings/${meetingId}/minutes`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      meeting: { id: meetingId, status: 'closed', scheduledAt: '2025-06-25T02:00:00.000Z' },
      quorum: { seated: 5, present: 4, met: true },
      items: [
        { position: 1, resolution: 'approve', recusals: [{ reason: 'เป็นญาติของผู้ยื่นคำขอ' }] },
        { position: 2, resolution: 'reject', note: 'ไม่ผ่านเกณฑ์' },
      ],
    });
    const csv = await w.call('a.hr', 'GET', `/api/meetings/${meetingId}/minutes?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFลำดับ/No.')).toBe(true);
    expect(csv.body).toContain('เห็นชอบ (approve),2,1,0,0,1');
    const text = await w.call('a.hr', 'GET', `/api/meetings/${meetingId}/minutes?format=text`);
    expect(text.headers['content-type']).toContain('text/plain');
    expect(text.body).toContain('รายงานการประชุมคณะกรรมการกลั่นกรองการย้าย');
    expect(text.body).toContain('25 มิถุนายน 2568');
    expect(text.body).toContain('มติ: ไม่เห็นชอบ — ไม่ผ่านเกณฑ์');
    expect((await w.call('b.area', 'GET', `/api/meetings/${meetingId}/minutes?format=text`)).statusCode).toBe(404);
    expect((await w.call('a.hr', 'GET', `/api/meetings/${meetingId}/minutes?format=pdf`)).statusCode).toBe(400);
  });

  it('decides a list in one resolution, with an exception and its reason, and the minutes say so item by item', async () => {
    const ids = await fileCases(4);
    const scheduled = await w.call('a.group', 'POST', `/api/committees/${committeeId}/meetings`, {
      title: 'ประชุมครั้งที่ 2/2568',
      scheduledAt: '2025-06-26T02:00:00Z',
      place: 'ห้องประชุม สพป.',
    });
    const { meetingId } = scheduled.json();
    const agenda = (await w.call('a.group', 'GET', `/api/meetings/${meetingId}`)).json().agenda as {
      id: string;
      caseId: string;
      position: number;
    }[];
    // the third case of the first meeting (removed from its agenda) is listed again, with the four new ones
    expect(agenda.map((i) => i.caseId)).toEqual(expect.arrayContaining(ids));
    const itemOf = (caseId: string) => agenda.find((i) => i.caseId === caseId)!;
    const excepted = itemOf(ids[1]!);
    const body = {
      resolution: 'approve',
      note: 'เห็นชอบตามบัญชีแนบท้าย',
      exceptions: [{ itemId: excepted.id, resolution: 'reject', note: 'เอกสารหลักฐานไม่ครบ' }],
    };
    const url = `/api/meetings/${meetingId}/list-resolution`;
    // before the meeting is opened; by a member who does not run it; an exception without its reason or not on this agenda
    expect((await w.call('a.group', 'POST', url, body)).json().code).toBe('MEETING_STATE_CONFLICT');
    const present = ['area', 'group', 'director', 'director2'].map((k) => members[k]!.memberId);
    expect((await w.call('a.group', 'POST', `/api/meetings/${meetingId}/open`, { present })).json()).toMatchObject({ met: true });
    expect((await w.call('a.director', 'POST', url, body)).statusCode).toBe(403);
    expect((await w.call('b.hr', 'POST', url, body)).statusCode).toBe(404);
    const noReason = await w.call('a.group', 'POST', url, {
      ...body,
      exceptions: [{ itemId: excepted.id, resolution: 'reject', note: ' ' }],
    });
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'INVALID_PAYLOAD']);
    const stray = await w.call('a.group', 'POST', url, {
      ...body,
      exceptions: [{ itemId: '00000000-0000-4000-8000-000000000001', resolution: 'reject', note: 'x' }],
    });
    expect([stray.statusCode, stray.json().code]).toEqual([404, 'AGENDA_ITEM_NOT_FOUND']);
    const undecided = await w.tdb.db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'decided')
      .execute();
    expect(undecided).toEqual([]);

    // one item decided on its own first keeps its resolution
    const single = itemOf(ids[3]!);
    expect(
      (await w.call('a.group', 'POST', `/api/agenda-items/${single.id}/resolution`, { resolution: 'defer', note: 'รอข้อมูลเพิ่มเติม' })).json()
        .resolution,
    ).toBe('defer');
    const list = await w.call('a.group', 'POST', url, body);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ resolution: 'approve', decided: agenda.length - 1, exceptions: 1, alreadyDecided: 1 });
    // a second list resolution finds nothing listed without a resolution
    expect((await w.call('a.group', 'POST', url, { resolution: 'approve' })).json().code).toBe('MEETING_STATE_CONFLICT');

    expect((await w.call('a.group', 'POST', `/api/meetings/${meetingId}/close`)).json()).toEqual({
      applied: agenda.length - 1,
      deferred: 1,
    });
    expect(await Promise.all(ids.map(stateOf))).toEqual(['passed', 'failed', 'passed', 'screening']);

    const minutes = (await w.call('a.hr', 'GET', `/api/meetings/${meetingId}/minutes`)).json();
    expect(minutes.listResolutions).toEqual([
      expect.objectContaining({ resolution: 'approve', note: 'เห็นชอบตามบัญชีแนบท้าย', items: agenda.length - 1, exceptions: 1 }),
    ]);
    const listId = minutes.listResolutions[0].id;
    expect(minutes.items.find((i: { caseId: string }) => i.caseId === ids[1])).toMatchObject({
      resolution: 'reject',
      note: 'เอกสารหลักฐานไม่ครบ',
      listResolutionId: listId,
      listException: true,
    });
    expect(minutes.items.find((i: { caseId: string }) => i.caseId === ids[0])).toMatchObject({
      resolution: 'approve',
      listResolutionId: listId,
      listException: false,
    });
    expect(minutes.items.find((i: { caseId: string }) => i.caseId === ids[3])).toMatchObject({
      resolution: 'defer',
      listResolutionId: null,
    });
    const text = (await w.call('a.hr', 'GET', `/api/meetings/${meetingId}/minutes?format=text`)).body;
    expect(text).toContain(
      `มติที่ประชุม (ตามบัญชีแนบท้าย): เห็นชอบ ทุกเรื่องในบัญชี ${agenda.length - 1} เรื่อง ยกเว้นวาระที่ ${excepted.position} — เห็นชอบตามบัญชีแนบท้าย`,
    );
    expect(text).toContain('มติ: ไม่เห็นชอบ (ยกเว้นจากมติตามบัญชี) — เอกสารหลักฐานไม่ครบ');
    // every person on the list is in the minutes, one item each
    expect(minutes.items.filter((i: { caseId: string }) => ids.includes(i.caseId))).toHaveLength(4);
  });

  it('documents every committee endpoint in the OpenAPI document', async () => {
    const paths = (await w.call(null, 'GET', '/openapi.json')).json().paths as Record<
      string,
      Record<string, { summary: string; tags: string[] }>
    >;
    for (const p of [
      '/api/offices/{officeId}/committees',
      '/api/meetings/{meetingId}/minutes',
      '/api/agenda-items/{itemId}/votes',
      '/api/meetings/{meetingId}/list-resolution',
      '/api/meetings/{meetingId}/close',
    ]) {
      const op = Object.values(paths[p]!)[0]!;
      expect(op.tags).toEqual(['committees']);
      expect(op.summary).toMatch(/[\u0e00-\u0e7f].* \/ [A-Z]/);
    }
  });
});
