/**
 * The card of a spreadsheet sent back to the server (issue 21): what the
 * file is for, the template's download link, the file input, the send button
 * (with the upload's progress) and, once answered, the report the caller
 * draws. A problem with the file itself (unreadable, not the template: 4xx,
 * nothing written) shows as a problem; a report with refused rows is a
 * report. `ImportRowsReport` is the per-row table of an import of requests
 * filed in another system (TRS, DPA): imported, already imported, refused
 * with the reason in Thai and English, skipped.
 *
 * Used by the DPA import on the cases page and the TRS import on a transfer
 * round's page; the round's score sheet has the same shell (not moved yet).
 */
import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiProblem, newIdempotencyKey, type Label } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { uploadSpreadsheet, XLSX_TYPE, type UploadParams } from '../lib/spreadsheet-upload';
import type { PathOf, ResultOf } from '../lib/api';
import { Notice, ProblemMessage } from './feedback';

export interface SheetUploadCardProps<P extends PathOf<'post'>, T = ResultOf<P, 'post'>> {
  /** the prefix of the card's ids and test ids, e.g. "dpa-import" */
  id: string;
  title: string;
  intro: ReactNode;
  templateHref: string;
  templateLabel: string;
  fileLabel: string;
  sendLabel: string;
  busyLabel: string;
  /** the route the file is sent to, and its parameters */
  uploadPath: P;
  uploadParams: UploadParams<P>;
  /** the same file sent again carries the same Idempotency-Key (a retry replays); else a new key per send */
  sameKeyPerFile?: boolean;
  onDone?: (report: T) => void;
  renderReport: (report: T) => ReactNode;
}

export function SheetUploadCard<P extends PathOf<'post'>>(p: SheetUploadCardProps<P>) {
  type T = ResultOf<P, 'post'>;
  const { tr, num } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [report, setReport] = useState<T | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);
  const key = useRef<{ file: File; key: string } | null>(null);
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setReport(null);
    if (!p.sameKeyPerFile || key.current?.file !== file) key.current = { file, key: newIdempotencyKey() };
    try {
      const r = await uploadSpreadsheet(
        p.uploadPath,
        p.uploadParams,
        new Blob([file], { type: file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE }),
        { progress: (sent, total) => setProgress({ sent, total }), uploaded: () => undefined },
        xhr,
        { 'idempotency-key': key.current.key },
      );
      setReport(r);
      p.onDone?.(r);
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  return (
    <section className="card" aria-labelledby={`${p.id}-title`} data-testid={p.id}>
      <h2 id={`${p.id}-title`}>{p.title}</h2>
      {p.intro}
      <p>
        <a href={p.templateHref} download data-testid={`${p.id}-template`}>
          {p.templateLabel}
        </a>
      </p>
      <div className="field">
        <label htmlFor={`${p.id}-file`}>{p.fileLabel}</label>
        <input
          id={`${p.id}-file`}
          type="file"
          accept=".xlsx,.csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
          }}
        />
      </div>
      <button type="button" className="btn btn-primary" disabled={!file || busy} onClick={() => void send()}>
        {busy ? p.busyLabel : p.sendLabel}
      </button>
      {progress && progress.total > 0 && (
        <p role="status">
          <progress value={progress.sent} max={progress.total} />{' '}
          {tr(
            `ส่งแล้ว ${num(Math.round((progress.sent / progress.total) * 100))}%`,
            `${num(Math.round((progress.sent / progress.total) * 100))}% sent`,
          )}
        </p>
      )}
      <ProblemMessage problem={problem} />
      {report !== null && <div data-testid={`${p.id}-report`}>{p.renderReport(report)}</div>}
    </section>
  );
}

/** One row of an import's report. */
export interface ImportReportRow {
  row: number;
  /** the other system's reference (a TRS or DPA request number) */
  ref: string;
  personName: string;
  outcome: 'imported' | 'replayed' | 'refused' | 'skipped';
  caseId: string | null;
  stateLabel: Label | null;
  reason: { code: string; th: string; en: string; details: Label[] } | null;
}

/** The per-row table of an import: the message, an alert when rows were refused, and each row's outcome with its reason or step. */
export function ImportRowsReport({
  rows,
  refused,
  message,
  refLabel,
  personLabel,
}: {
  rows: ImportReportRow[];
  refused: number;
  message: Label;
  refLabel: Label;
  personLabel: Label;
}) {
  const { tr, pick, num } = useI18n();
  const outcome = (o: ImportReportRow['outcome']) =>
    o === 'imported'
      ? tr('นำเข้าแล้ว', 'Imported')
      : o === 'replayed'
        ? tr('นำเข้าไว้แล้ว (ไม่สร้างซ้ำ)', 'Already imported (not filed twice)')
        : o === 'skipped'
          ? tr('ข้าม (แถวว่าง)', 'Skipped (empty)')
          : tr('ไม่รับ', 'Refused');
  return (
    <>
      {refused > 0 && (
        <p role="alert">
          {tr(
            'มีแถวที่นำเข้าไม่ได้ (เหตุผลแต่ละแถวด้านล่าง) แถวที่ถูกต้องนำเข้าแล้ว แก้ไขแถวที่ไม่ผ่านแล้วส่งไฟล์เดิมอีกครั้งได้โดยไม่เกิดคำขอซ้ำ',
            'Some rows could not be imported (each row’s reason is below); the good rows were imported. Fix the refused rows and send the same file again: nothing is filed twice.',
          )}
        </p>
      )}
      <Notice>{pick(message)}</Notice>
      <div className="table-wrap">
        <table className="table responsive">
          <caption>{tr('ผลการนำเข้ารายแถว', 'What each row became')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {tr('แถวที่', 'Row')}
              </th>
              <th scope="col">{pick(refLabel)}</th>
              <th scope="col">{pick(personLabel)}</th>
              <th scope="col">{tr('ผล', 'Outcome')}</th>
              <th scope="col">{tr('เหตุผล / ขั้นตอน', 'Reason / step')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row} data-outcome={r.outcome}>
                <td data-label={tr('แถวที่', 'Row')} className="num">
                  {num(r.row)}
                </td>
                <td data-label={pick(refLabel)}>{r.ref || '—'}</td>
                <td data-label={pick(personLabel)}>
                  {r.caseId ? <Link href={`/cases/${r.caseId}`}>{r.personName}</Link> : r.personName || '—'}
                </td>
                <td data-label={tr('ผล', 'Outcome')}>
                  <span
                    className={`badge ${r.outcome === 'imported' || r.outcome === 'replayed' ? 'badge-ok' : r.outcome === 'refused' ? 'badge-overdue' : 'badge-neutral'}`}
                  >
                    {outcome(r.outcome)}
                  </span>
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
    </>
  );
}
