/**
 * Meetings: scheduled with an agenda assembled from the cases waiting for the
 * committee, edited by the secretary until the meeting opens, opened with the
 * attendance that decides the quorum. Members are told N working days before.
 */
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../access/actor';
import { bangkokInstant, localDateOfInstant } from '../calendar/bangkok-time';
import type { EngineDeps } from '../case/engine-deps';
import { isUuid } from '../case/case.repository';
import { parseOrThrow } from '../case/validate-payload';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { workingDayBefore } from '../sla/plan-timers';
import { appendAgendaItems, casesAwaitingCommittee } from './agenda';
import { assertMayRunCommittee, loadCommittee, type CommitteeRow } from './committee-access';
import { seatedMembers } from './committee.service';
import { EditAgendaInput, OpenMeetingInput, ScheduleMeetingInput } from './committee.types';
import { quorumState, type QuorumState } from './quorum';

export interface MeetingRow {
  id: string;
  committeeId: string;
  officeId: string;
  title: string;
  scheduledAt: Date;
  place: string;
  status: 'scheduled' | 'open' | 'closed' | 'cancelled';
}

/**
 * A meeting the actor may read (see `loadCommittee`: an office-wide reader,
 * or a member seated on its committee on the meeting's date or on `today`),
 * or MEETING_NOT_FOUND.
 */
export async function loadMeeting(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  lock = false,
  today?: string,
): Promise<{ meeting: MeetingRow; committee: CommitteeRow }> {
  let q = db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', isUuid(meetingId) ? meetingId : '00000000-0000-0000-0000-000000000000');
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new EsaError('MEETING_NOT_FOUND', { meetingId });
  const seatedOn = [localDateOfInstant(row.scheduled_at), ...(today ? [today] : [])];
  const committee = await loadCommittee(db, actor, row.committee_id, seatedOn).catch(() => {
    throw new EsaError('MEETING_NOT_FOUND', { meetingId });
  });
  return {
    meeting: {
      id: row.id,
      committeeId: row.committee_id,
      officeId: row.office_id,
      title: row.title,
      scheduledAt: row.scheduled_at,
      place: row.place,
      status: row.status as MeetingRow['status'],
    },
    committee,
  };
}

export function meetingDate(meeting: Pick<MeetingRow, 'scheduledAt'>): string {
  return localDateOfInstant(meeting.scheduledAt);
}

export async function scheduleMeeting(
  deps: EngineDeps,
  actor: Actor,
  input: z.input<typeof ScheduleMeetingInput>,
): Promise<{ meetingId: string; agendaItems: number }> {
  const m = parseOrThrow(ScheduleMeetingInput, input, 'INVALID_PAYLOAD');
  const scheduledAt = new Date(m.scheduledAt);
  const committee = await loadCommittee(deps.db, actor, m.committeeId, [
    localDateOfInstant(deps.clock.now()),
    localDateOfInstant(scheduledAt),
  ]);
  await assertMayRunCommittee(deps.db, actor, committee, localDateOfInstant(scheduledAt));
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('meetings')
      .values({
        committee_id: committee.id,
        office_id: committee.officeId,
        title: m.title,
        scheduled_at: scheduledAt,
        place: m.place,
        status: 'scheduled',
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const waiting = await casesAwaitingCommittee(trx, deps.registry, committee);
    const agendaItems = await appendAgendaItems(trx, row.id, waiting);
    const meeting: MeetingRow = {
      id: row.id,
      committeeId: committee.id,
      officeId: committee.officeId,
      title: m.title,
      scheduledAt,
      place: m.place,
      status: 'scheduled',
    };
    await writeMeetingNotices(trx, deps, meeting, committee);
    return { meetingId: row.id, agendaItems };
  });
}

/** Adds waiting cases to, or removes items from, the agenda of a meeting that has not opened. */
export async function editAgenda(
  deps: EngineDeps,
  actor: Actor,
  input: z.input<typeof EditAgendaInput>,
): Promise<{ added: number; removed: number }> {
  const e = parseOrThrow(EditAgendaInput, input, 'INVALID_PAYLOAD');
  return deps.db.transaction().execute(async (trx) => {
    const { meeting, committee } = await loadMeeting(trx, actor, e.meetingId, true);
    await assertMayRunCommittee(trx, actor, committee, meetingDate(meeting));
    if (meeting.status !== 'scheduled') throw new EsaError('MEETING_STATE_CONFLICT', { meetingId: meeting.id, status: meeting.status });
    const addable = await casesAwaitingCommittee(trx, deps.registry, committee, e.add);
    const missing = e.add.filter((id) => !addable.some((c) => c.caseId === id));
    if (missing.length > 0) {
      throw new EsaError('INVALID_PAYLOAD', {
        issues: missing.map((id) => ({
          path: 'add',
          code: 'not_waiting',
          message: `case ${id} does not wait for this committee or is already on an agenda`,
        })),
      });
    }
    const added = await appendAgendaItems(trx, meeting.id, addable);
    let removed = 0;
    if (e.remove.length > 0) {
      const r = await trx
        .updateTable('agenda_items')
        .set({ status: 'removed' })
        .where('meeting_id', '=', meeting.id)
        .where('case_id', 'in', e.remove)
        .where('status', '=', 'listed')
        .executeTakeFirst();
      removed = Number(r.numUpdatedRows);
    }
    await writeMeetingNotices(trx, deps, meeting, committee);
    return { added, removed };
  });
}

/** Opens the meeting and records who is present; the quorum follows from it. */
export async function openMeeting(deps: EngineDeps, actor: Actor, input: z.input<typeof OpenMeetingInput>): Promise<QuorumState> {
  const o = parseOrThrow(OpenMeetingInput, input, 'INVALID_PAYLOAD');
  return deps.db.transaction().execute(async (trx) => {
    const { meeting, committee } = await loadMeeting(trx, actor, o.meetingId, true);
    await assertMayRunCommittee(trx, actor, committee, meetingDate(meeting));
    if (meeting.status !== 'scheduled') throw new EsaError('MEETING_STATE_CONFLICT', { meetingId: meeting.id, status: meeting.status });
    const seated = await seatedMembers(trx, committee.id, meetingDate(meeting));
    const unknown = o.present.filter((id) => !seated.some((s) => s.memberId === id));
    if (unknown.length > 0) {
      throw new EsaError('INVALID_PAYLOAD', {
        issues: unknown.map((id) => ({ path: 'present', code: 'not_seated', message: `member ${id} is not seated on this committee` })),
      });
    }
    const now = deps.clock.now();
    await trx
      .insertInto('meeting_attendance')
      .values(
        seated.map((s) => ({ meeting_id: meeting.id, member_id: s.memberId, present: o.present.includes(s.memberId), recorded_at: now })),
      )
      .execute();
    await trx.updateTable('meetings').set({ status: 'open', opened_at: now }).where('id', '=', meeting.id).execute();
    return quorumState(committee.quorum, seated.length, new Set(o.present).size);
  });
}

export async function meetingQuorum(db: Kysely<DB>, meeting: MeetingRow, committee: CommitteeRow): Promise<QuorumState> {
  const seated = await seatedMembers(db, committee.id, meetingDate(meeting));
  const present = await db
    .selectFrom('meeting_attendance')
    .select('member_id')
    .where('meeting_id', '=', meeting.id)
    .where('present', '=', true)
    .execute();
  const seatedIds = new Set(seated.map((s) => s.memberId));
  return quorumState(committee.quorum, seated.length, present.filter((p) => seatedIds.has(p.member_id)).length);
}

/**
 * One 'meeting' notification per seated member with a user account, made
 * available N working days before the meeting at 08:30 (at once when that has
 * passed). Written again (same rows) when the agenda changes, so members get
 * the agenda as it stands.
 */
async function writeMeetingNotices(trx: Transaction<DB>, deps: EngineDeps, meeting: MeetingRow, committee: CommitteeRow): Promise<void> {
  const now = deps.clock.now();
  const calendar = await deps.calendars.forOffice(trx, committee.officeId);
  const date = meetingDate(meeting);
  const noticeDay = committee.noticeWorkingDays > 0 ? workingDayBefore(calendar, date, committee.noticeWorkingDays) : date;
  const noticeAt = new Date(Math.max(bangkokInstant(noticeDay, '08:30').getTime(), now.getTime()));
  const items = await trx
    .selectFrom('agenda_items as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.case_id', 'a.step', 'a.position', 'c.title', 'c.workflow_id', 'c.workflow_version'])
    .where('a.meeting_id', '=', meeting.id)
    .where('a.status', 'in', ['listed', 'decided'])
    .orderBy('a.position')
    .execute();
  const payload = JSON.stringify({
    title: meeting.title,
    committee: { th: committee.nameTh, en: committee.nameEn },
    meetingAt: meeting.scheduledAt.toISOString(),
    place: meeting.place,
    items: items.map((i) => ({
      caseId: i.case_id,
      title: i.title,
      step: i.step,
      stepLabel: deps.registry.get(i.workflow_id, i.workflow_version).steps[i.step]?.label ?? null,
    })),
  });
  const members = (await seatedMembers(trx, committee.id, date)).filter((m) => m.userId !== null);
  if (members.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      members.map((m) => ({
        case_id: null,
        history_seq: null,
        meeting_id: meeting.id,
        recipient_user_id: m.userId!,
        kind: 'meeting',
        step: 'meeting',
        payload,
        available_at: noticeAt,
        created_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['meeting_id', 'recipient_user_id', 'kind'])
        .where('meeting_id', 'is not', null)
        .doUpdateSet({ payload })
        .where('notifications.status', '=', 'pending'),
    )
    .execute();
}
