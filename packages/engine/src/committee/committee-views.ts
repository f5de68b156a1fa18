/**
 * What the committee routes show: committees of an office, a committee with
 * its seated members, and a meeting with its agenda, attendance and quorum.
 * Reads only; who may see what is the engine's rule (`loadCommittee`,
 * `loadMeeting`, `readsEveryCommittee`: the office's HR officers, group and
 * area directors, auditors and admins, and the members seated on the
 * committee; nobody else of the office).
 */
import { sql } from 'kysely';
import type { Actor } from '../access/actor';
import { localDateOfInstant } from '../calendar/bangkok-time';
import type { EngineDeps } from '../case/engine-deps';
import type { Label } from '../workflow/types';
import { casesAwaitingCommittee } from './agenda';
import { loadCommittee, readsEveryCommittee } from './committee-access';
import { seatedMembers } from './committee.service';
import { loadMeeting, meetingQuorum } from './meeting.service';
import type { QuorumState } from './quorum';
import { tallyOf, type Tally } from './voting.service';

export interface CommitteeSummary {
  id: string;
  officeId: string;
  kind: string;
  nameTh: string;
  nameEn: string;
  quorum: Record<string, unknown>;
  noticeWorkingDays: number;
  createdAt: string;
}

/** The committees of the office the actor may read: all of them for an office-wide reader, else those they are seated on today. */
export async function listCommittees(deps: EngineDeps, actor: Actor, officeId: string): Promise<CommitteeSummary[]> {
  const today = localDateOfInstant(deps.clock.now());
  const personId = actor.kind === 'user' ? actor.personId : null;
  const rows = await deps.db
    .selectFrom('committees as c')
    .selectAll('c')
    .where('c.office_id', '=', officeId)
    .$if(!readsEveryCommittee(actor, officeId), (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('committee_members as m')
            .select('m.id')
            .whereRef('m.committee_id', '=', 'c.id')
            .where('m.person_id', '=', personId ?? '00000000-0000-0000-0000-000000000000')
            .where('m.term_from', '<=', today)
            .where((w) => w.or([w('m.term_until', 'is', null), w('m.term_until', '>=', today)])),
        ),
      ),
    )
    .orderBy('c.name_th')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    officeId: r.office_id,
    kind: r.kind,
    nameTh: r.name_th,
    nameEn: r.name_en,
    quorum: r.quorum,
    noticeWorkingDays: r.notice_working_days,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function committeeDetail(deps: EngineDeps, actor: Actor, committeeId: string) {
  const today = localDateOfInstant(deps.clock.now());
  const c = await loadCommittee(deps.db, actor, committeeId, [today]);
  const members = await seatedMembers(deps.db, c.id, today);
  const waiting = await casesAwaitingCommittee(deps.db, deps.registry, c);
  return {
    committee: {
      id: c.id,
      officeId: c.officeId,
      kind: c.kind,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      quorum: c.quorum,
      noticeWorkingDays: c.noticeWorkingDays,
    },
    members: members.map((m) => ({
      memberId: m.memberId,
      personId: m.personId,
      seat: m.seat,
      nameTh: m.nameTh,
      hasAccount: m.userId !== null,
    })),
    seatedOn: today,
    waitingCases: waiting.length,
  };
}

export async function listMeetings(deps: EngineDeps, actor: Actor, committeeId: string) {
  const c = await loadCommittee(deps.db, actor, committeeId, [localDateOfInstant(deps.clock.now())]);
  const rows = await deps.db
    .selectFrom('meetings as m')
    .select(['m.id', 'm.title', 'm.scheduled_at', 'm.place', 'm.status'])
    .select((eb) =>
      eb
        .selectFrom('agenda_items as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.meeting_id', '=', 'm.id')
        .where('a.status', '!=', 'removed')
        .as('items'),
    )
    .where('m.committee_id', '=', c.id)
    .orderBy('m.scheduled_at', 'desc')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    scheduledAt: r.scheduled_at.toISOString(),
    place: r.place,
    status: r.status,
    items: r.items ?? 0,
  }));
}

export interface AgendaItemView {
  id: string;
  position: number;
  caseId: string;
  title: string;
  workflowId: string;
  step: string;
  stepLabel: Label | null;
  status: string;
  resolution: string | null;
  note: string | null;
  tally: Tally;
}

export interface MeetingView {
  meeting: { id: string; committeeId: string; officeId: string; title: string; scheduledAt: string; place: string; status: string };
  committee: { id: string; kind: string; nameTh: string; nameEn: string };
  attendance: { memberId: string; nameTh: string; seat: string; present: boolean | null }[];
  quorum: QuorumState;
  agenda: AgendaItemView[];
}

/** A meeting with its agenda (case title, step and its label, resolution, tally), attendance and quorum. */
export async function meetingView(deps: EngineDeps, actor: Actor, meetingId: string): Promise<MeetingView> {
  const { meeting, committee } = await loadMeeting(deps.db, actor, meetingId, false, localDateOfInstant(deps.clock.now()));
  const items = await deps.db
    .selectFrom('agenda_items as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select([
      'a.id',
      'a.position',
      'a.case_id',
      'a.step',
      'a.status',
      'a.resolution',
      'a.resolution_note',
      'c.title',
      'c.workflow_id',
      'c.workflow_version',
    ])
    .where('a.meeting_id', '=', meeting.id)
    .where('a.status', '!=', 'removed')
    .orderBy('a.position')
    .execute();
  const agenda: AgendaItemView[] = [];
  for (const i of items) {
    agenda.push({
      id: i.id,
      position: i.position,
      caseId: i.case_id,
      title: i.title,
      workflowId: i.workflow_id,
      step: i.step,
      stepLabel: stepLabel(deps, i.workflow_id, i.workflow_version, i.step),
      status: i.status,
      resolution: i.resolution,
      note: i.resolution_note,
      tally: await tallyOf(deps.db, i.id),
    });
  }
  const seated = await seatedMembers(deps.db, committee.id, localDateOfInstant(meeting.scheduledAt));
  const recorded = await deps.db
    .selectFrom('meeting_attendance')
    .select(['member_id', 'present'])
    .where('meeting_id', '=', meeting.id)
    .execute();
  const presence = new Map(recorded.map((r) => [r.member_id, r.present]));
  return {
    meeting: {
      id: meeting.id,
      committeeId: meeting.committeeId,
      officeId: meeting.officeId,
      title: meeting.title,
      scheduledAt: meeting.scheduledAt.toISOString(),
      place: meeting.place,
      status: meeting.status,
    },
    committee: { id: committee.id, kind: committee.kind, nameTh: committee.nameTh, nameEn: committee.nameEn },
    // null: attendance not recorded yet (the meeting has not opened)
    attendance: seated.map((s) => ({ memberId: s.memberId, nameTh: s.nameTh, seat: s.seat, present: presence.get(s.memberId) ?? null })),
    quorum: await meetingQuorum(deps.db, meeting, committee),
    agenda,
  };
}

function stepLabel(deps: EngineDeps, workflowId: string, version: number, step: string): Label | null {
  try {
    return deps.registry.get(workflowId, version).steps[step]?.label ?? null;
  } catch {
    return null; // a version this process does not know: show the step path alone
  }
}
