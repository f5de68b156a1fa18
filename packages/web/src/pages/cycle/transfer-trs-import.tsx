/**
 * On a transfer round's page (issue 21): the HR officer imports the requests
 * teachers filed in the national transfer system (TRS) — downloads the
 * round's template, pastes TRS's export, sends it back and reads what each
 * row became (imported at the school's review, already imported, refused and
 * why). A file with refused rows answers 422 with the same report: the good
 * rows are imported; the file can be fixed and sent again (rows already
 * imported replay, never filed twice).
 *
 * API: GET /api/transfer-rounds/:id/trs-template.xlsx, POST /api/transfer-rounds/:id/trs-import
 * (docs/workflows/transfer.md "Importing requests filed in TRS").
 */
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiProblem, newIdempotencyKey, type Label } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { uploadSpreadsheet, XLSX_TYPE } from '../../lib/spreadsheet-upload';
import { Notice, ProblemMessage } from '../../ui/feedback';

export interface TrsReport {
  rows: {
    row: number;
    trsRef: string;
    teacherName: string;
    outcome: 'imported' | 'replayed' | 'refused' | 'skipped';
    caseId: string | null;
    stateLabel: Label | null;
    reason: { code: string; th: string; en: string; details: Label[] } | null;
  }[];
  totals: { rows: number; imported: number; replayed: number; refused: number; skipped: number };
  message: Label;
}


export function TrsImport({ roundCaseId, onChanged }: { roundCaseId: string; onChanged: () => void }) {
  const { tr, pick, num } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [report, setReport] = useState<TrsReport | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);
  const base = `/api/transfer-rounds/${encodeURIComponent(roundCaseId)}`;
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setReport(null);
    try {
      const r = await uploadSpreadsheet<TrsReport>(
        `${base}/trs-import`,
        new Blob([file], { type: file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE }),
        { progress: () => undefined, uploaded: () => undefined },
        xhr,
        { 'idempotency-key': newIdempotencyKey() },
      );
      setReport(r);
      onChanged();
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  const outcome = (o: TrsReport['rows'][number]['outcome']) =>
    o === 'imported'
      ? tr('นำเข้าแล้ว', 'Imported')
      : o === 'replayed'
        ? tr('นำเข้าไว้แล้ว (ไม่สร้างซ้ำ)', 'Already imported (not filed twice)')
        : o === 'skipped'
          ? tr('ข้าม (แถวว่าง)', 'Skipped (empty)')
          : tr('ไม่รับ', 'Refused');
  return (
    <section className="card" aria-labelledby="trs-import-title" data-testid="trs-import">
      <h2 id="trs-import-title">{tr('นำเข้าคำขอย้ายที่ยื่นในระบบ TRS', 'Import requests filed in TRS')}</h2>
      <p>
        {tr(
          'ครูยื่นคำขอย้ายในระบบ TRS เพียงครั้งเดียว ดาวน์โหลดแบบฟอร์มนำเข้าของรอบ วางข้อมูลที่ส่งออกจากระบบ TRS หนึ่งแถวต่อหนึ่งคำขอ (เลือกประเภท เหตุผล ตำแหน่ง และโรงเรียนที่ขอย้ายจากรายการ) แล้วส่งไฟล์กลับ คำขอที่นำเข้าจะไปอยู่ที่ขั้นตอนผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง ส่งไฟล์เดิมซ้ำได้ คำขอที่นำเข้าแล้วจะไม่ถูกสร้างซ้ำ',
          'Teachers file once, in TRS. Download the round’s template, paste TRS’s export — one row per request, picking the kind, reason, position and schools from the lists — and send it back. Imported requests go to the school director’s review. The same file may be sent again: requests already imported are not filed twice.',
        )}
      </p>
      <p>
        <a href={`${base}/trs-template.xlsx`} download data-testid="trs-template-download">
          {tr('ดาวน์โหลดแบบฟอร์มนำเข้า (Excel)', 'Download the template (Excel)')}
        </a>
      </p>
      <div className="field">
        <label htmlFor="trs-import-file">{tr('ไฟล์คำขอย้ายจากระบบ TRS', 'The file of requests from TRS')}</label>
        <input
          id="trs-import-file"
          type="file"
          accept=".xlsx,.csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
                  }}
        />
      </div>
      <button type="button" className="btn btn-primary" disabled={!file || busy} onClick={() => void send()}>
        {busy ? tr('กำลังนำเข้า…', 'Importing…') : tr('นำเข้าคำขอย้าย', 'Import the requests')}
      </button>
      <ProblemMessage problem={problem} />
      {report && (
        <div data-testid="trs-import-report">
          {report.totals.refused > 0 && (
            <p role="alert">
              {tr(
                'มีแถวที่นำเข้าไม่ได้ (เหตุผลแต่ละแถวด้านล่าง) แถวที่ถูกต้องนำเข้าแล้ว แก้ไขแถวที่ไม่ผ่านแล้วส่งไฟล์เดิมอีกครั้งได้โดยไม่เกิดคำขอซ้ำ',
                'Some rows could not be imported (each row’s reason is below); the good rows were imported. Fix the refused rows and send the same file again: nothing is filed twice.',
              )}
            </p>
          )}
          <Notice>{pick(report.message)}</Notice>
          <div className="table-wrap">
            <table className="table responsive">
              <caption>{tr('ผลการนำเข้ารายแถว', 'What each row became')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {tr('แถวที่', 'Row')}
                  </th>
                  <th scope="col">{tr('เลขที่คำขอ TRS', 'TRS number')}</th>
                  <th scope="col">{tr('ครู', 'Teacher')}</th>
                  <th scope="col">{tr('ผล', 'Outcome')}</th>
                  <th scope="col">{tr('เหตุผล / ขั้นตอน', 'Reason / step')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.row} data-outcome={r.outcome}>
                    <td data-label={tr('แถวที่', 'Row')} className="num">
                      {num(r.row)}
                    </td>
                    <td data-label={tr('เลขที่คำขอ TRS', 'TRS number')}>{r.trsRef || '—'}</td>
                    <td data-label={tr('ครู', 'Teacher')}>{r.caseId ? <Link href={`/cases/${r.caseId}`}>{r.teacherName}</Link> : r.teacherName || '—'}</td>
                    <td data-label={tr('ผล', 'Outcome')}>
                      <span className={`badge ${r.outcome === 'imported' || r.outcome === 'replayed' ? 'badge-ok' : r.outcome === 'refused' ? 'badge-overdue' : 'badge-neutral'}`}>{outcome(r.outcome)}</span>
                    </td>
                    <td data-label={tr('เหตุผล / ขั้นตอน', 'Reason / step')}>
                      {r.reason ? (
                        <>
                          {pick(r.reason)}
                          {r.reason.details.length > 0 && (
                            <ul>
                              {r.reason.details.map((d, i) => (
                                <li key={i}>{pick(d)}</li>
                              ))}
                            </ul>
                          )}
                        </>
                      ) : r.stateLabel ? (
                        pick(r.stateLabel)
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
