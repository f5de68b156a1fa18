/**
 * The SOP steps a committee decides are decided by a real meeting: the case
 * waiting there is put on the agenda of the office's committee of that kind,
 * and the recorded resolution moves it, opening the clocks that count from
 * the meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bangkokInstant, type Actor } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  openMeeting,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { createSopHarness, type SopHarness } from './support/sop-walk';

let h: SopHarness;
beforeAll(async () => {
  h = await createSopHarness('2025-06-03T02:00:00Z'); // Tuesday 3 June 2025, 09:00 Bangkok
});
afterAll(() => h.tdb.drop());

/** A committee of `kind` with three members, run by the HR officer. */
async function committeeOf(kind: string, nameTh: string): Promise<{ committeeId: string; memberIds: string[] }> {
  const hr: Actor = h.users.hr;
  const { committeeId } = await createCommittee(engineDeps(h.engine), hr, { officeId: h.office.officeId, kind, nameTh, nameEn: kind });
  const memberIds: string[] = [];
  for (const [i, seat] of (['chair', 'secretary', 'member'] as const).entries()) {
    const person = await h.tdb.db
      .insertInto('people')
      .values({ first_name_th: `กรรมการ${i + 1}`, last_name_th: kind, office_id: h.office.officeId, email: `${kind}-${i}@example.test` })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberIds.push(
      (
        await addCommitteeMember(engineDeps(h.engine), hr, {
          committeeId,
          personId: person.id,
          seat,
          termFrom: '2025-01-01',
          termUntil: null,
        })
      ).memberId,
    );
  }
  return { committeeId, memberIds };
}

async function decide(committeeId: string, memberIds: string[], resolution: 'approve' | 'reject'): Promise<void> {
  const hr = h.users.hr;
  const { meetingId, agendaItems } = await scheduleMeeting(engineDeps(h.engine), hr, {
    committeeId,
    title: 'ประชุมครั้งที่ 1/2568',
    scheduledAt: '2025-06-03T03:00:00Z',
    place: 'ห้องประชุม สพป.',
  });
  expect(agendaItems).toBe(1);
  await openMeeting(engineDeps(h.engine), hr, { meetingId, present: memberIds });
  const [item] = await h.tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
  await recordResolution(engineDeps(h.engine), hr, {
    itemId: item!.id,
    resolution,
    ...(resolution === 'reject' ? { note: 'ให้ปรับปรุงเป้าหมายโครงการ' } : {}),
  });
  expect(await closeMeetingAndApply(engineDeps(h.engine), hr, meetingId)).toEqual({ applied: 1, deferred: 0 });
}

const send = (caseId: string, type: string, payload: unknown = {}, actor: Actor = h.users.hr) =>
  h.engine.dispatch({ actor, caseId, type, payload });
const stateOf = async (caseId: string) =>
  (await h.tdb.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state;

describe('committee steps of the SOPs', () => {
  it('the award selection committee selects; the four reporting clocks start from the meeting', async () => {
    const { committeeId, memberIds } = await committeeOf('award_selection', 'คณะกรรมการพิจารณาคัดเลือกครูดีเด่น');
    const { caseId } = await h.engine.startCase({
      actor: h.users.hr,
      workflowId: 'sop-award-selection',
      officeId: h.office.officeId,
      title: 'ครูดีเด่น 2568',
      input: { awardName: 'ครูดีเด่น', letterNo: 'ศธ 04009/ว 77' },
    });
    await send(caseId, 'CALENDAR_SET', { applicationsCloseOn: '2025-06-02' });
    await send(caseId, 'CRITERIA_ANNOUNCED');
    await send(caseId, 'APPLICATIONS_CLOSED', { applications: 4 });
    await send(caseId, 'DOCUMENTS_CHECKED');
    await send(caseId, 'COMMITTEE_APPOINTED', { orderNo: '101/2568' }, h.users.area);
    expect(await stateOf(caseId)).toBe('selectionMeeting');

    await decide(committeeId, memberIds, 'approve');
    expect((await stateOf(caseId)).split(',')).toEqual([
      'afterSelection.announcement.announcingResults',
      'afterSelection.forwarding.forwardingResults',
      'afterSelection.minutes.writingMinutes',
      'afterSelection.notice.notifyingPersonnel',
    ]);
    const clocks = await h.tdb.db
      .selectFrom('sla_clocks')
      .select(['step', 'due_at'])
      .where('case_id', '=', caseId)
      .where('status', '=', 'running')
      .orderBy('step')
      .execute();
    // meeting on Tuesday 3 June: 1 day → Wednesday 4, 2 days → Thursday 5, 3 days → Friday 6
    expect(clocks.map((c) => [c.step, c.due_at])).toEqual([
      ['afterSelection.announcement.announcingResults', bangkokInstant('2025-06-04', '16:30')],
      ['afterSelection.forwarding.forwardingResults', bangkokInstant('2025-06-05', '16:30')],
      ['afterSelection.minutes.writingMinutes', bangkokInstant('2025-06-06', '16:30')],
      ['afterSelection.notice.notifyingPersonnel', bangkokInstant('2025-06-05', '16:30')],
    ]);
    const row = await h.tdb.db
      .selectFrom('case_history')
      .select(['actor_kind', 'event_type'])
      .where('case_id', '=', caseId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_kind: 'committee', event_type: 'SELECTION_MADE' });
  });

  it('the plan committee sends the draft back for revision', async () => {
    const { committeeId, memberIds } = await committeeOf('development_plan', 'คณะกรรมการจัดทำแผนพัฒนาครูฯ');
    const { caseId } = await h.engine.startCase({
      actor: h.users.group,
      workflowId: 'sop-development-plan',
      officeId: h.office.officeId,
      title: 'แผนพัฒนาครู 2568',
      input: { fiscalYear: 2568 },
    });
    await send(caseId, 'DATA_COLLECTED');
    await send(caseId, 'PROJECTS_SELECTED', { actionPlanApprovedOn: '2025-05-30', projectCount: 9 });
    await send(caseId, 'DRAFT_COMPLETED', { dataComplete: true });
    await send(caseId, 'COMMITTEE_APPOINTED', { orderNo: '77/2568' });
    await decide(committeeId, memberIds, 'reject');
    expect(await stateOf(caseId)).toBe('revisingDraft');
  });
});
