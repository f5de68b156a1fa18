/**
 * A committee meeting with a vote, in the browser (issue 10). Through the API
 * the HR officer seats a screening committee (the group director as its
 * secretary, the area director as chair, a school director and a teacher as
 * members) and opens three 'sample-committee' cases, which wait for it. Then
 * the secretary finds the committee from the menu and schedules a meeting with
 * the form (the agenda is the waiting cases), sees another meeting open
 * without a quorum, opens this one with three of the four present, each
 * present member votes on each item with the vote buttons (the absent chair
 * may not), the secretary records the resolutions — two from the votes, one
 * deferred — and closes the meeting, which moves the cases; the decided case
 * shows its new state and the committee's decision on its timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let committeeId = '';
let meetingId = '';
let secretary: Page;
const COMMITTEE = 'คณะกรรมการกลั่นกรองทดสอบ';
const MEETING = 'การประชุมครั้งที่ 1/2568';
const TITLES = ['คำขอพิจารณา นายหนึ่ง', 'คำขอพิจารณา นายสอง', 'คำขอพิจารณา นายสาม'];
const caseIds: string[] = [];
const members: Record<'area' | 'group' | 'director2' | 'teacher2', string> = { area: '', group: '', director2: '', teacher2: '' };

beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2025-06-16T02:00:00Z'); // Monday 09:00 in Bangkok
  committeeId = (
    await w.api('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, {
      kind: 'screening',
      nameTh: COMMITTEE,
      nameEn: 'Test screening committee',
    })
  ).committeeId;
  const seats = { area: 'chair', group: 'secretary', director2: 'member', teacher2: 'member' } as const;
  for (const [who, seat] of Object.entries(seats) as [keyof typeof seats, string][]) {
    members[who] = (
      await w.api('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
        personId: w.a.users[who].personId,
        seat,
        termFrom: '2025-01-01',
        termUntil: '2026-09-30',
      })
    ).memberId;
  }
  for (const title of TITLES) {
    w.clock.advanceMs(60_000); // one a minute: the agenda lists the oldest first
    const body = {
      workflowId: 'sample-committee',
      officeId: w.a.officeId,
      schoolId: w.a.schoolIds[0],
      subjectPersonId: w.a.users.teacher.personId,
      title,
      input: {},
    };
    caseIds.push((await w.api('a.hr', 'POST', '/api/cases', body)).caseId);
  }
});
afterAll(() => w?.close());

const itemOf = (page: Page, n: number) => page.locator(`[data-testid="agenda-item"][data-case-id="${caseIds[n]}"]`);
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
const stateOf = async (id: string) =>
  await w.tdb.db.selectFrom('cases').select(['state', 'status']).where('id', '=', id).executeTakeFirstOrThrow();

describe('a committee meeting with a vote, in the browser', () => {
  it('has the secretary find the committee from the menu and schedule a meeting whose agenda is the waiting cases', async () => {
    // the secretary's browser is in New York: the meeting is still at 09.30 Bangkok time, typed and read in พ.ศ.
    secretary = await w.as('a.group', { timezoneId: 'America/New_York' });
    await secretary.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'คณะกรรมการ', exact: true }).click();
    await secretary.getByRole('heading', { level: 1, name: 'คณะกรรมการ', exact: true }).waitFor();
    const row = secretary.getByRole('row', { name: new RegExp(COMMITTEE) });
    await row.getByText('3 เรื่อง', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('กรรมการและเลขานุการ'); // my seat
    await row.getByRole('link', { name: COMMITTEE }).click();

    await secretary.getByRole('heading', { level: 1, name: COMMITTEE }).waitFor();
    const form = secretary.getByRole('form', { name: 'นัดประชุม' });
    await form.getByText('ระเบียบวาระจะจัดจากเรื่องที่รอพิจารณา 3 เรื่อง', { exact: false }).waitFor();
    await form.getByLabel('ชื่อการประชุม').fill(MEETING);
    await form.getByLabel('วันและเวลา').fill('20/6/2568 9.30');
    await form.getByText('= 20 มิ.ย. 2568 09.30 น.').waitFor(); // read back in พ.ศ., Bangkok time
    await form.getByLabel('วันและเวลา').blur();
    expect(await form.getByLabel('วันและเวลา').inputValue()).toBe('20 มิ.ย. 2568 09.30 น.');
    await form.getByLabel('สถานที่').fill('ห้องประชุม สพป. ชั้น 2');
    await form.getByRole('button', { name: 'นัดประชุม', exact: true }).click();

    await secretary.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    meetingId = secretary.url().split('/').pop()!;
    await secretary.getByRole('heading', { level: 1, name: MEETING }).waitFor();
    await secretary.getByText('20 มิ.ย. 2568 09.30 น.', { exact: true }).first().waitFor(); // the meeting page reads it back in Bangkok time too
    await secretary.getByTestId('agenda-item').nth(2).waitFor();
    const items = secretary.getByTestId('agenda-item');
    expect(await items.count()).toBe(3);
    const listed = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')));
    expect(listed).toEqual(caseIds); // the waiting cases, oldest first
    for (const [n, title] of TITLES.entries()) expect(await itemOf(secretary, n).getByRole('link', { name: title }).count()).toBe(1);
    expect(await secretary.getByTestId('quorum').getAttribute('data-state')).toBe('pending');

    const meeting = await w.tdb.db
      .selectFrom('meetings')
      .select(['committee_id', 'status', 'scheduled_at', 'place'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(meeting).toEqual({
      committee_id: committeeId,
      status: 'scheduled',
      scheduled_at: new Date('2025-06-20T02:30:00Z'),
      place: 'ห้องประชุม สพป. ชั้น 2',
    });
    const agenda = await w.tdb.db
      .selectFrom('agenda_items')
      .select(['case_id', 'status'])
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute();
    expect(agenda).toEqual(caseIds.map((id) => ({ case_id: id, status: 'listed' })));
  });

  it('shows no quorum when a meeting opens with too few members present', async () => {
    // another meeting the same morning: every waiting case is on the first agenda already, so this one has none
    const other = await w.api('a.group', 'POST', `/api/committees/${committeeId}/meetings`, {
      title: 'การประชุมนัดพิเศษ',
      scheduledAt: '2025-06-20T02:00:00Z',
      place: 'ห้องประชุมเล็ก',
    });
    expect(other.agendaItems).toBe(0);
    w.clock.set('2025-06-20T02:00:00Z'); // Friday 09:00
    secretary = await w.as('a.group', { timezoneId: 'America/New_York' });
    await secretary.goto(`/meetings/${other.meetingId}`);
    const form = secretary.getByRole('form', { name: 'เปิดประชุม' });
    await form.getByRole('checkbox', { name: /group/ }).check();
    await form.getByText('เลือกแล้ว 1 คน — ต้องมีอย่างน้อย 3 คน', { exact: false }).waitFor();
    expect(await form.getByText('ยังไม่ครบองค์ประชุม', { exact: true }).count()).toBe(1);
    await form.getByRole('button', { name: 'เปิดประชุม', exact: true }).click();
    await status(secretary, 'เปิดประชุมแล้ว — ไม่ครบองค์ประชุม (1/3)');
    const quorum = secretary.getByTestId('quorum');
    expect(await quorum.getAttribute('data-state')).toBe('not-met');
    expect(await quorum.getAttribute('data-met')).toBe('false');
    expect(await quorum.textContent()).toContain('มาประชุม 1 คน จากที่ต้องมีอย่างน้อย 3 คน (กรรมการทั้งหมด 4 คน)');
  });

  it('has the secretary open the meeting with a quorum: three of the four present', async () => {
    w.clock.set('2025-06-20T02:30:00Z'); // 09:30, the meeting's time
    secretary = await w.as('a.group', { timezoneId: 'America/New_York' });
    await secretary.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'คณะกรรมการ', exact: true }).click();
    await secretary.getByRole('link', { name: COMMITTEE }).click();
    await secretary.getByRole('link', { name: MEETING }).click();
    await secretary.waitForURL(`**/meetings/${meetingId}`);

    const form = secretary.getByRole('form', { name: 'เปิดประชุม' });
    await form.getByRole('button', { name: 'เลือกทุกคน' }).click();
    await form.getByText('เลือกแล้ว 4 คน', { exact: false }).waitFor();
    await form.getByRole('checkbox', { name: /area/ }).uncheck(); // the chair is away
    await form.getByText('เลือกแล้ว 3 คน — ต้องมีอย่างน้อย 3 คน: ครบองค์ประชุม').waitFor();
    for (const who of ['group', 'director2', 'teacher2'])
      expect(await form.getByRole('checkbox', { name: new RegExp(who) }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'เปิดประชุม', exact: true }).click();
    await status(secretary, 'เปิดประชุมแล้ว — ครบองค์ประชุม (3/3)');
    const quorum = secretary.getByTestId('quorum');
    expect(await quorum.getAttribute('data-state')).toBe('met');
    expect(await quorum.getAttribute('data-met')).toBe('true');

    const attendance = await w.tdb.db
      .selectFrom('meeting_attendance')
      .select(['member_id', 'present'])
      .where('meeting_id', '=', meetingId)
      .execute();
    expect(Object.fromEntries(attendance.map((a) => [a.member_id, a.present]))).toEqual({
      [members.area]: false,
      [members.group]: true,
      [members.director2]: true,
      [members.teacher2]: true,
    });
    expect((await w.tdb.db.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe(
      'open',
    );
  });

  it('has each present member vote on every item with the vote buttons; the absent chair may not', async () => {
    const LABEL = { approve: 'เห็นชอบ', reject: 'ไม่เห็นชอบ' } as const;
    const plan = {
      'a.group': ['approve', 'approve', 'approve'],
      'a.director2': ['approve', 'approve', 'reject'],
      'a.teacher2': ['approve', 'reject', 'reject'],
    } as const;
    for (const [who, votes] of Object.entries(plan)) {
      const page = who === 'a.group' ? secretary : await w.as(who);
      if (page !== secretary) await page.goto(`/meetings/${meetingId}`);
      for (const [n, vote] of votes.entries()) {
        const item = itemOf(page, n);
        await item.getByRole('button', { name: `ลงคะแนน ${LABEL[vote]}`, exact: true }).click();
        await status(page, `บันทึกคะแนนของคุณแล้ว: ${LABEL[vote]} (วาระ: ${TITLES[n]})`);
        expect(await item.getByRole('button', { name: `ลงคะแนน ${LABEL[vote]}`, exact: true }).getAttribute('aria-pressed')).toBe('true');
        const other = vote === 'approve' ? 'reject' : 'approve';
        expect(await item.getByRole('button', { name: `ลงคะแนน ${LABEL[other]}`, exact: true }).getAttribute('aria-pressed')).toBe('false');
      }
    }
    // the chair was not recorded as present: told so, no vote buttons
    const chair = await w.as('a.area');
    await chair.goto(`/meetings/${meetingId}`);
    await itemOf(chair, 0).getByText('คุณไม่ได้ลงชื่อเข้าประชุม จึงลงคะแนนไม่ได้').waitFor();
    expect(await chair.getByRole('button', { name: /^ลงคะแนน / }).count()).toBe(0);

    const votes = await w.tdb.db
      .selectFrom('agenda_votes as v')
      .innerJoin('agenda_items as i', 'i.id', 'v.item_id')
      .select(['i.case_id', 'v.member_id', 'v.vote'])
      .where('i.meeting_id', '=', meetingId)
      .execute();
    expect(votes).toHaveLength(9);
    expect(
      votes
        .filter((v) => v.vote === 'reject')
        .map((v) => [v.case_id, v.member_id])
        .sort(),
    ).toEqual(
      [
        [caseIds[1], members.teacher2],
        [caseIds[2], members.director2],
        [caseIds[2], members.teacher2],
      ].sort(),
    );
  });

  it('has the secretary record the resolutions (from the votes, and one deferred) and close the meeting, applying them', async () => {
    await secretary.getByRole('button', { name: 'ปรับปรุงผลคะแนน' }).click();
    // the others' votes reach the secretary's screen: the third item, by the votes, is rejected
    const third = itemOf(secretary, 2);
    await third.getByRole('radio', { name: /^ตามผลการลงคะแนน\s*\(ขณะนี้: ไม่เห็นชอบ\)$/ }).waitFor();
    expect(await third.getByRole('radio', { name: /^ตามผลการลงคะแนน/ }).isChecked()).toBe(true);

    const first = itemOf(secretary, 0);
    await first.getByRole('radio', { name: /^ตามผลการลงคะแนน\s*\(ขณะนี้: เห็นชอบ\)$/ }).waitFor();
    await first.getByRole('button', { name: 'บันทึกมติ', exact: true }).click();
    await status(secretary, `บันทึกมติแล้ว: เห็นชอบ (วาระ: ${TITLES[0]})`);
    expect(await first.getByTestId('resolution').getAttribute('data-resolution')).toBe('approve');

    // two for, one against — but the meeting asks for more documents first
    const second = itemOf(secretary, 1);
    await second.getByRole('radio', { name: /^ตามผลการลงคะแนน\s*\(ขณะนี้: เห็นชอบ\)$/ }).waitFor();
    await second.getByRole('radio', { name: 'เลื่อนการพิจารณา', exact: true }).check();
    await second.getByLabel('บันทึกมติ/หมายเหตุ').fill('ขอเอกสารเพิ่มเติม');
    await second.getByRole('button', { name: 'บันทึกมติ', exact: true }).click();
    await status(secretary, `บันทึกมติแล้ว: เลื่อนการพิจารณา (วาระ: ${TITLES[1]})`);
    expect(await second.getByTestId('resolution').getAttribute('data-resolution')).toBe('defer');
    expect(await second.getByTestId('resolution').textContent()).toContain('ขอเอกสารเพิ่มเติม');

    await third.getByRole('button', { name: 'บันทึกมติ', exact: true }).click();
    await status(secretary, `บันทึกมติแล้ว: ไม่เห็นชอบ (วาระ: ${TITLES[2]})`);
    expect(await third.getByTestId('resolution').getAttribute('data-resolution')).toBe('reject');

    // nothing is applied before the meeting closes
    expect(await Promise.all(caseIds.map(stateOf))).toEqual(caseIds.map(() => ({ state: 'screening', status: 'active' })));

    await secretary.getByRole('button', { name: 'ปิดประชุมและนำมติไปใช้' }).click();
    await secretary.getByText('ยืนยันปิดประชุม? นำมติไปใช้ 2 เรื่อง เลื่อน 1 เรื่อง — ย้อนกลับไม่ได้').waitFor();
    await secretary.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
    await status(secretary, 'ปิดประชุมแล้ว — นำมติไปใช้ 2 เรื่อง เลื่อน 1 เรื่อง');
    await secretary.locator('.page-head').getByText('ปิดประชุมแล้ว', { exact: true }).waitFor();
    expect(await secretary.getByRole('button', { name: /^ลงคะแนน / }).count()).toBe(0);

    expect(await Promise.all(caseIds.map(stateOf))).toEqual([
      { state: 'passed', status: 'done' },
      { state: 'screening', status: 'active' }, // deferred: waits for the next meeting
      { state: 'failed', status: 'done' },
    ]);
    const agenda = await w.tdb.db
      .selectFrom('agenda_items')
      .select(['status', 'resolution'])
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute();
    expect(agenda).toEqual([
      { status: 'applied', resolution: 'approve' },
      { status: 'deferred', resolution: 'defer' },
      { status: 'applied', resolution: 'reject' },
    ]);
    expect((await w.tdb.db.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe(
      'closed',
    );
  });

  it('shows the decided case in its new state, with the committee’s decision on its timeline', async () => {
    await itemOf(secretary, 0).getByRole('link', { name: TITLES[0] }).click();
    await secretary.waitForURL(`**/cases/${caseIds[0]}`);
    await secretary.getByTestId('case-state').filter({ hasText: 'passed' }).waitFor();
    expect(await secretary.getByTestId('case-state').textContent()).toBe('passed');
    await secretary.getByText('เสร็จสิ้น', { exact: true }).waitFor();
    const timeline = secretary.getByTestId('timeline');
    const latest = timeline.getByRole('listitem').first();
    // the event's label comes with the workflow's diagram: wait for it rather than its code
    await latest.getByText('มติเห็นชอบ', { exact: true }).waitFor();
    const text = await latest.textContent();
    expect(text).toContain('มติเห็นชอบ → passed');
    expect(text).toContain(`20 มิ.ย. 2568 09.30 น. · ${COMMITTEE} (คณะกรรมการ)`); // decided by the committee, at its meeting
    expect(text).not.toContain(meetingId); // the payload is shown by label, never as raw keys and ids
    expect(text).not.toContain('meetingId');
    expect(await timeline.textContent()).toContain('เปิดเรื่อง');

    await secretary.goto(`/cases/${caseIds[2]}`);
    await secretary.getByTestId('case-state').filter({ hasText: 'failed' }).waitFor();
    const rejected = secretary.getByTestId('timeline').getByRole('listitem').first();
    await rejected.getByText('มติไม่เห็นชอบ', { exact: true }).waitFor();
    expect(await rejected.textContent()).toContain('มติไม่เห็นชอบ → failed');

    // the deferred case waits for the committee again
    await secretary.goto(`/committees/${committeeId}`);
    await secretary.getByRole('form', { name: 'นัดประชุม' }).getByText('ระเบียบวาระจะจัดจากเรื่องที่รอพิจารณา 1 เรื่อง', { exact: false }).waitFor();
    expect(w.pageErrors).toEqual([]);
  });
});
