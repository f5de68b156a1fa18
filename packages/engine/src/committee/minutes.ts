/**
 * Minutes (รายงานการประชุม): attendance, quorum, and per item the recusals,
 * votes and resolution. As data, as CSV (UTF-8 with BOM, for spreadsheets),
 * and as plain text in Thai with dates in the Buddhist era.
 */
import type { Actor } from '../access/actor';
import type { EngineDeps } from '../case/engine-deps';
import { localDateOfInstant } from '../calendar/bangkok-time';
import { formatThaiDate } from '../calendar/thai-date-format';
import { csvCell } from '../csv/csv-cell';
import { seatedMembers } from './committee.service';
import { loadMeeting, meetingDate, meetingQuorum } from './meeting.service';
import type { QuorumState } from './quorum';
import { tallyOf, type Tally } from './voting.service';

export interface Minutes {
  meeting: {
    id: string;
    officeId: string;
    title: string;
    scheduledAt: Date;
    place: string;
    status: string;
    /** when it was opened (เริ่มประชุม) and closed (เลิกประชุม); null before */
    openedAt: Date | null;
    closedAt: Date | null;
  };
  committee: { th: string; en: string };
  attendance: { memberId: string; name: string; seat: string; present: boolean }[];
  quorum: QuorumState;
  items: {
    /** the agenda item (to record its resolution) */
    itemId: string;
    position: number;
    caseId: string;
    title: string;
    status: string;
    resolution: string | null;
    note: string | null;
    tally: Tally;
    votes: { name: string; vote: string }[];
    recusals: { name: string; reason: string }[];
    /** decided with a list resolution; `listException`: excepted from it (its resolution and note are its own) */
    listResolutionId: string | null;
    listException: boolean;
  }[];
  /** one resolution for every item listed ("ตามบัญชีแนบท้าย"), in the order they were recorded */
  listResolutions: { id: string; resolution: string; note: string | null; items: number; exceptions: number; decidedAt: Date }[];
}

export async function buildMinutes(deps: EngineDeps, actor: Actor, meetingId: string): Promise<Minutes> {
  const { meeting, committee } = await loadMeeting(deps.db, actor, meetingId, false, localDateOfInstant(deps.clock.now()));
  const seated = await seatedMembers(deps.db, committee.id, meetingDate(meeting));
  const name = new Map(seated.map((s) => [s.memberId, s.nameTh]));
  const present = new Set(
    (
      await deps.db
        .selectFrom('meeting_attendance')
        .select('member_id')
        .where('meeting_id', '=', meetingId)
        .where('present', '=', true)
        .execute()
    ).map((r) => r.member_id),
  );
  const times = await deps.db
    .selectFrom('meetings')
    .select(['opened_at', 'closed_at'])
    .where('id', '=', meeting.id)
    .executeTakeFirstOrThrow();
  const items = await deps.db
    .selectFrom('agenda_items as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select([
      'a.id',
      'a.position',
      'a.case_id',
      'a.status',
      'a.resolution',
      'a.resolution_note',
      'a.list_resolution_id',
      'a.list_exception',
      'c.title',
    ])
    .where('a.meeting_id', '=', meetingId)
    .where('a.status', '!=', 'removed')
    .orderBy('a.position')
    .execute();
  const out: Minutes['items'] = [];
  for (const i of items) {
    const votes = await deps.db.selectFrom('agenda_votes').select(['member_id', 'vote']).where('item_id', '=', i.id).execute();
    const recusals = await deps.db.selectFrom('agenda_recusals').select(['member_id', 'reason']).where('item_id', '=', i.id).execute();
    out.push({
      itemId: i.id,
      position: i.position,
      caseId: i.case_id,
      title: i.title,
      status: i.status,
      resolution: i.resolution,
      note: i.resolution_note,
      tally: await tallyOf(deps.db, i.id),
      votes: votes.map((v) => ({ name: name.get(v.member_id) ?? v.member_id, vote: v.vote })),
      recusals: recusals.map((r) => ({ name: name.get(r.member_id) ?? r.member_id, reason: r.reason })),
      listResolutionId: i.list_resolution_id,
      listException: i.list_exception,
    });
  }
  const lists = await deps.db
    .selectFrom('list_resolutions')
    .select(['id', 'resolution', 'note', 'items', 'exceptions', 'decided_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
  return {
    meeting: {
      id: meeting.id,
      officeId: meeting.officeId,
      title: meeting.title,
      scheduledAt: meeting.scheduledAt,
      place: meeting.place,
      status: meeting.status,
      openedAt: times.opened_at,
      closedAt: times.closed_at,
    },
    committee: { th: committee.nameTh, en: committee.nameEn },
    attendance: seated.map((s) => ({ memberId: s.memberId, name: s.nameTh, seat: s.seat, present: present.has(s.memberId) })),
    quorum: await meetingQuorum(deps.db, meeting, committee),
    items: out,
    listResolutions: lists.map((l) => ({
      id: l.id,
      resolution: l.resolution,
      note: l.note,
      items: l.items,
      exceptions: l.exceptions,
      decidedAt: l.decided_at,
    })),
  };
}

export const SEAT_TH: Readonly<Record<string, string>> = { chair: 'ประธานกรรมการ', secretary: 'กรรมการและเลขานุการ', member: 'กรรมการ' };
export const RESOLUTION_TH: Readonly<Record<string, string>> = { approve: 'เห็นชอบ', reject: 'ไม่เห็นชอบ', defer: 'เลื่อนการพิจารณา' };

/** One row per agenda item; opens in a spreadsheet with Thai intact. Text cells that a spreadsheet would run as a formula are neutralised (csv/csv-cell.ts). */
export function minutesToCsv(m: Minutes): string {
  const header = [
    'ลำดับ/No.',
    'เรื่อง/Case',
    'มติ/Resolution',
    'เห็นชอบ/Approve',
    'ไม่เห็นชอบ/Reject',
    'เลื่อน/Defer',
    'งดออกเสียง/Abstain',
    'ถอนตัว/Recused',
    'หมายเหตุ/Note',
  ];
  const rows = m.items.map((i) => [
    i.position,
    i.title,
    i.resolution ? `${RESOLUTION_TH[i.resolution]} (${i.resolution})` : i.status,
    i.tally.approve,
    i.tally.reject,
    i.tally.defer,
    i.tally.abstain,
    i.tally.recused,
    i.note ?? '',
  ]);
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The minutes as a Thai text document. */
export function minutesToText(m: Minutes): string {
  const lines = [
    `รายงานการประชุม${m.committee.th}`,
    m.meeting.title,
    `วันที่ ${formatThaiDate(m.meeting.scheduledAt, 'th', { withTime: true })} ณ ${m.meeting.place}`,
    '',
    'ผู้มาประชุม',
    ...m.attendance.filter((a) => a.present).map((a, n) => `  ${n + 1}. ${a.name} ${SEAT_TH[a.seat] ?? a.seat}`),
    'ผู้ไม่มาประชุม',
    ...m.attendance.filter((a) => !a.present).map((a, n) => `  ${n + 1}. ${a.name} ${SEAT_TH[a.seat] ?? a.seat}`),
    `องค์ประชุม: มาประชุม ${m.quorum.present} จาก ${m.quorum.seated} คน (ต้องมีอย่างน้อย ${m.quorum.required} คน) ${m.quorum.met ? 'ครบองค์ประชุม' : 'ไม่ครบองค์ประชุม'}`,
    '',
  ];
  for (const l of m.listResolutions) {
    const excepted = m.items.filter((i) => i.listResolutionId === l.id && i.listException).map((i) => i.position);
    lines.push(
      `มติที่ประชุม (ตามบัญชีแนบท้าย): ${RESOLUTION_TH[l.resolution] ?? l.resolution} ทุกเรื่องในบัญชี ${l.items} เรื่อง` +
        (excepted.length > 0 ? ` ยกเว้นวาระที่ ${excepted.join(', ')}` : '') +
        (l.note ? ` — ${l.note}` : ''),
    );
  }
  if (m.listResolutions.length > 0) lines.push('');
  for (const i of m.items) {
    lines.push(`วาระที่ ${i.position} ${i.title}`);
    for (const r of i.recusals) lines.push(`  ${r.name} ขอถอนตัวจากการพิจารณา (${r.reason})`);
    lines.push(`  ผลการลงคะแนน: เห็นชอบ ${i.tally.approve} ไม่เห็นชอบ ${i.tally.reject} เลื่อน ${i.tally.defer} งดออกเสียง ${i.tally.abstain}`);
    const byList = i.listResolutionId === null ? '' : i.listException ? ' (ยกเว้นจากมติตามบัญชี)' : ' (ตามมติตามบัญชี)';
    lines.push(`  มติ: ${i.resolution ? RESOLUTION_TH[i.resolution] : 'ยังไม่มีมติ'}${byList}${i.note ? ` — ${i.note}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
