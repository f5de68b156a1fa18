/**
 * A transfer round's ranking as the office files it (issue 20, "a transfer
 * round's ranking"): per vacancy, each applicant in rank order with the
 * score, the preference and the result in words; then every request with
 * where it is placed and why — from the same view the round's page reads
 * (transfer.roundAdministration), in Thai, no code name and no id.
 */
import type { transfer } from '@esa-flow/workflows';
import type { SheetCell, SheetColumn, SheetSpec } from '../spreadsheet/write-xlsx';

export const RANKING_COLUMNS: readonly SheetColumn[] = [
  { header: 'โรงเรียน', kind: 'text', width: 32 },
  { header: 'วิชาเอก', kind: 'text', width: 18 },
  { header: 'จำนวนอัตรา', kind: 'number', width: 12 },
  { header: 'อันดับ', kind: 'number', width: 8 },
  { header: 'ผู้ขอย้าย', kind: 'text', width: 28 },
  { header: 'คะแนนรวม', kind: 'decimal', width: 12 },
  { header: 'ความประสงค์ลำดับที่', kind: 'number', width: 18 },
  { header: 'ผล', kind: 'text', width: 70 },
];

export const REQUEST_COLUMNS: readonly SheetColumn[] = [
  { header: 'ผู้ขอย้าย', kind: 'text', width: 28 },
  { header: 'โรงเรียนปัจจุบัน', kind: 'text', width: 32 },
  { header: 'ขั้นตอน', kind: 'text', width: 36 },
  { header: 'คะแนนรวม', kind: 'decimal', width: 12 },
  { header: 'ได้ย้ายไป', kind: 'text', width: 32 },
  { header: 'คำอธิบาย', kind: 'text', width: 80 },
];

export function rankingWorkbookSheets(admin: transfer.RoundAdministration): SheetSpec[] {
  const byVacancy: SheetCell[][] = admin.matching.results.flatMap((v) =>
    [...v.applicants]
      .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))
      .map((a) => [v.schoolName, v.subject, v.seats, a.rank, a.teacherName, a.score, a.preference, a.why.th]),
  );
  const explained = new Map(admin.matching.explanations.map((e) => [e.caseId, e]));
  const requests: SheetCell[][] = admin.requests.map((r) => {
    const e = explained.get(r.caseId);
    return [r.teacherName, r.currentSchoolName, r.stateLabel.th, r.scoreTotal, e?.placedAt ?? r.placedAt ?? '', e?.text.th ?? ''];
  });
  return [
    { name: 'ผลการจัดลำดับตามตำแหน่งว่าง', columns: RANKING_COLUMNS, rows: byVacancy },
    { name: 'คำขอย้ายทั้งหมด', columns: REQUEST_COLUMNS, rows: requests },
  ];
}
