/**
 * A meeting as an office keeps it in a spreadsheet (issue 20, "committee
 * agendas and minutes"): the agenda with each item's resolution and votes,
 * and the attendance — from the same minutes the PDF prints, in Thai words,
 * no code name and no id.
 */
import type { Minutes } from '@esa-flow/engine';
import type { SheetColumn, SheetSpec } from '../spreadsheet/write-xlsx';

export const AGENDA_COLUMNS: readonly SheetColumn[] = [
  { header: 'ลำดับ', kind: 'number', width: 8 },
  { header: 'เรื่อง', kind: 'text', width: 52 },
  { header: 'มติ', kind: 'text', width: 20 },
  { header: 'วิธีลงมติ', kind: 'text', width: 30 },
  { header: 'เห็นชอบ', kind: 'number', width: 10 },
  { header: 'ไม่เห็นชอบ', kind: 'number', width: 12 },
  { header: 'เลื่อนการพิจารณา', kind: 'number', width: 16 },
  { header: 'งดออกเสียง', kind: 'number', width: 12 },
  { header: 'ไม่ร่วมพิจารณา', kind: 'number', width: 14 },
  { header: 'ผู้ไม่ร่วมพิจารณาและเหตุผล', kind: 'text', width: 40 },
  { header: 'หมายเหตุ', kind: 'text', width: 40 },
];

export const ATTENDANCE_COLUMNS: readonly SheetColumn[] = [
  { header: 'ชื่อ', kind: 'text', width: 36 },
  { header: 'ตำแหน่งในคณะกรรมการ', kind: 'text', width: 28 },
  { header: 'การเข้าประชุม', kind: 'text', width: 16 },
];

const UNDECIDED = 'ยังไม่มีมติ';

function how(item: Minutes['items'][number]): string {
  if (item.resolution === null) return '';
  if (item.listResolutionId === null) return 'ลงมติเป็นรายเรื่อง';
  return item.listException ? 'ยกเว้นจากมติตามบัญชี' : 'ตามบัญชีแนบท้าย';
}

export function meetingWorkbookSheets(
  m: Minutes,
  th: { resolution: Readonly<Record<string, string>>; seat: Readonly<Record<string, string>> },
): SheetSpec[] {
  const opened = m.meeting.openedAt !== null;
  return [
    {
      name: 'ระเบียบวาระและมติ',
      columns: AGENDA_COLUMNS,
      rows: m.items.map((i) => [
        i.position,
        i.title,
        i.resolution === null ? UNDECIDED : (th.resolution[i.resolution] ?? UNDECIDED),
        how(i),
        i.tally.approve,
        i.tally.reject,
        i.tally.defer,
        i.tally.abstain,
        i.tally.recused,
        i.recusals.map((r) => `${r.name} (${r.reason})`).join('; '),
        i.note ?? '',
      ]),
    },
    {
      name: 'ผู้เข้าประชุม',
      columns: ATTENDANCE_COLUMNS,
      rows: m.attendance.map((a) => [a.name, th.seat[a.seat] ?? 'กรรมการ', !opened ? 'ยังไม่บันทึก' : a.present ? 'มาประชุม' : 'ไม่มาประชุม']),
    },
  ];
}
