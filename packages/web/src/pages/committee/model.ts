/**
 * What the committee routes answer (packages/server/src/routes/committees.routes.ts)
 * and the words the pages use for seats, votes, resolutions and statuses —
 * the same words the minutes use (packages/engine/src/committee/minutes.ts).
 */
import type { Label } from '../../lib/api';
import type { ApiOk } from '../../lib/api-types';
import type { Me } from '../../lib/session';

/** one row of GET /api/offices/:officeId/committees (`listCommittees`) */
export type CommitteeSummary = ApiOk<'listCommittees'>['items'][number];
/** GET /api/committees/:committeeId (`getCommittee`): members seated on `seatedOn` (today, Bangkok) */
export type CommitteeDetail = ApiOk<'getCommittee'>;
export type CommitteeMember = CommitteeDetail['members'][number];
/** one row of GET /api/committees/:committeeId/meetings (`listMeetings`) */
export type MeetingSummary = ApiOk<'listMeetings'>['items'][number];
/** GET /api/meetings/:meetingId (`getMeeting`) */
export type MeetingView = ApiOk<'getMeeting'>;
export type Quorum = MeetingView['quorum'];
/** an agenda item; `status`: listed | decided | applied | deferred */
export type AgendaItem = MeetingView['agenda'][number];
export type Tally = AgendaItem['tally'];
/** `present` is null until the meeting opens */
export type Attendance = MeetingView['attendance'][number];
/** GET /api/meetings/:meetingId/minutes (`getMeetingMinutes`) */
export type Minutes = Exclude<ApiOk<'getMeetingMinutes'>, string>;
export type MinutesItem = Minutes['items'][number];

export const VOTES = ['approve', 'reject', 'defer', 'abstain'] as const;
export type Vote = (typeof VOTES)[number];
export const RESOLUTIONS = ['approve', 'reject', 'defer'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const SEAT_LABEL: Record<string, Label> = {
  chair: { th: 'ประธานกรรมการ', en: 'Chair' },
  secretary: { th: 'กรรมการและเลขานุการ', en: 'Secretary' },
  member: { th: 'กรรมการ', en: 'Member' },
};

/** What a vote is called on its button ("ลงคะแนน เห็นชอบ" / "Vote approve"). */
export const VOTE_LABEL: Record<string, Label> = {
  approve: { th: 'เห็นชอบ', en: 'Approve' },
  reject: { th: 'ไม่เห็นชอบ', en: 'Reject' },
  defer: { th: 'เลื่อนการพิจารณา', en: 'Defer' },
  abstain: { th: 'งดออกเสียง', en: 'Abstain' },
};

export const RESOLUTION_LABEL: Record<string, Label> = {
  approve: { th: 'เห็นชอบ', en: 'Approved' },
  reject: { th: 'ไม่เห็นชอบ', en: 'Rejected' },
  defer: { th: 'เลื่อนการพิจารณา', en: 'Deferred' },
};

type Tone = 'open' | 'ok' | 'risk' | 'neutral' | 'overdue';

export const MEETING_STATUS: Record<string, Label & { tone: Tone }> = {
  scheduled: { th: 'นัดประชุมแล้ว', en: 'Scheduled', tone: 'open' },
  open: { th: 'กำลังประชุม', en: 'In session', tone: 'risk' },
  closed: { th: 'ปิดประชุมแล้ว', en: 'Closed', tone: 'ok' },
  cancelled: { th: 'ยกเลิก', en: 'Cancelled', tone: 'neutral' },
};

export const ITEM_STATUS: Record<string, Label & { tone: Tone }> = {
  listed: { th: 'รอพิจารณา', en: 'To consider', tone: 'open' },
  decided: { th: 'มีมติแล้ว', en: 'Resolved', tone: 'ok' },
  applied: { th: 'นำมติไปใช้แล้ว', en: 'Applied to the case', tone: 'ok' },
  deferred: { th: 'เลื่อนไปประชุมครั้งต่อไป', en: 'Deferred', tone: 'neutral' },
  removed: { th: 'นำออกจากวาระ', en: 'Removed', tone: 'neutral' },
};

/** The resolution the votes give (engine's rule): most votes among approve/reject/defer; a tie or no votes defers. */
export function resolutionFromVotes(t: Tally): Resolution {
  const ranked = (['approve', 'reject', 'defer'] as const).map((r) => [r, t[r]] as const).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] === 0 || (second && second[1] === first[1])) return 'defer';
  return first[0];
}

/** How many must be present, in words ("เกินกึ่งหนึ่ง" or "อย่างน้อย N คน"). */
export function quorumRuleText(rule: Record<string, unknown>, tr: (th: string, en: string) => string): string {
  if (rule.kind === 'at_least' && typeof rule.count === 'number') return tr(`อย่างน้อย ${rule.count} คน`, `at least ${rule.count}`);
  return tr('เกินกึ่งหนึ่งของกรรมการที่อยู่ในวาระ', 'more than half of the seated members');
}

/** The office-wide managers (HR officer, admin) of an office may run any of its committees. */
export function isOfficeManager(me: Me | null, officeId: string): boolean {
  return !!me?.grants.some((g) => g.officeId === officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'));
}

/** My seats on a committee (as seated today), from the committee's member list. */
export function mySeats(me: Me | null, members: readonly CommitteeMember[] | undefined): CommitteeMember[] {
  const personId = me?.person?.id;
  if (!personId || !members) return [];
  return members.filter((m) => m.personId === personId);
}

/** Secretary, chair, HR officer or admin: schedules, edits the agenda, opens, records, closes. */
export function mayRun(me: Me | null, officeId: string, seats: readonly CommitteeMember[]): boolean {
  return isOfficeManager(me, officeId) || seats.some((s) => s.seat === 'secretary' || s.seat === 'chair');
}
