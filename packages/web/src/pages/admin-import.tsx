/**
 * /admin/import — schools, staff and person records of my office from an Excel workbook
 * (.xlsx, its first sheet) or a CSV file. Choose the kind, see its columns
 * (and download the empty template, .xlsx with the citizen id column typed as
 * text, or CSV), pick the file; a workbook is posted as it is, a CSV is read
 * in the browser and posted as UTF-8 `text/csv`. "Check only" asks the
 * server for the report without writing (dryRun); "Import" writes the valid
 * rows in one transaction. The report lists every row: created, updated,
 * unchanged or rejected with the column and the reason in Thai and English.
 *
 * The upload goes through XMLHttpRequest, not fetch: only it reports upload
 * progress, which a 20 MiB file needs.
 *
 * API: GET /api/import/:kind/columns (?format=xlsx or csv for the template),
 * POST /api/offices/:officeId/import/:kind?dryRun=true|false (body xlsx or text/csv).
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiProblem, type Label, type ResultOf } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { readSpreadsheetFile, uploadSpreadsheet, type LoadedFile } from '../lib/spreadsheet-upload';
import { Link } from 'wouter';
import { roleLabel } from '../lib/roles';
import { Empty, Loading, ProblemMessage } from '../ui/feedback';

type Kind = 'schools' | 'staff' | 'personnel';
/** What an import answers (POST /api/offices/{officeId}/import/{schools,staff,personnel}). */
type ImportReport = ResultOf<`/api/offices/{officeId}/import/${Kind}`, 'post'>;
type RowStatus = ImportReport['rows'][number]['status'];

const MAX_BYTES = 20 * 1024 * 1024;
const PAGE = 200;

const KINDS: Record<Kind, Label & { keyTh: string; keyEn: string }> = {
  schools: { th: 'โรงเรียน', en: 'Schools', keyTh: 'รหัสโรงเรียน', keyEn: 'School code' },
  staff: { th: 'บุคลากร', en: 'Staff', keyTh: 'เลขประจำตัวประชาชน', keyEn: 'Citizen id' },
  personnel: { th: 'ระเบียนบุคคล', en: 'Person records', keyTh: 'เลขประจำตัวประชาชน', keyEn: 'Citizen id' },
};

const STATUS: Record<RowStatus, { label: Label; badge: string }> = {
  created: { label: { th: 'เพิ่มใหม่', en: 'Created' }, badge: 'badge-ok' },
  updated: { label: { th: 'ปรับปรุง', en: 'Updated' }, badge: 'badge-open' },
  unchanged: { label: { th: 'ไม่เปลี่ยนแปลง', en: 'Unchanged' }, badge: 'badge-neutral' },
  rejected: { label: { th: 'ไม่ผ่าน', en: 'Rejected' }, badge: 'badge-overdue' },
};

/** In a check (dry run) nothing is written yet: say what would happen. */
const DRY_RUN_LABEL: Partial<Record<RowStatus, Label>> = {
  created: { th: 'จะเพิ่มใหม่', en: 'To create' },
  updated: { th: 'จะปรับปรุง', en: 'To update' },
};

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function ImportPage(_props: Record<string, unknown>) {
  const { tr, pick, num, lang } = useI18n();
  const { officeId, has, refresh } = useSession();
  const [kind, setKind] = useState<Kind>('staff');
  const columns = useApiGet('/api/import/{kind}/columns', { params: { path: { kind } } });
  // the JSON answer (the route also answers the template as CSV or a workbook, by ?format=)
  const importColumns = typeof columns.data === 'string' ? null : columns.data;
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [reading, setReading] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing'>('idle');
  const [progress, setProgress] = useState({ sent: 0, total: 0 });
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = phase !== 'idle';

  const chooseKind = (k: Kind) => {
    setKind(k);
    setReport(null);
    setProblem(null);
  };

  const pickFile = async (f: File | undefined) => {
    setFile(null);
    setReport(null);
    setProblem(null);
    setFileProblem(null);
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setFileProblem(tr(`ไฟล์ใหญ่เกิน 20 MB (${num(f.size / 1048576, 1)} MB)`, `The file is over 20 MB (${num(f.size / 1048576, 1)} MB)`));
      return;
    }
    if (f.size === 0) {
      setFileProblem(tr('ไฟล์ว่าง', 'The file is empty'));
      return;
    }
    setReading(true);
    try {
      setFile(await readSpreadsheetFile(f));
    } catch {
      setFileProblem(tr('อ่านไฟล์ไม่ได้', 'Cannot read the file'));
    } finally {
      setReading(false);
    }
  };

  const send = async (dryRun: boolean) => {
    if (!file || !officeId) return;
    setProblem(null);
    setReport(null);
    setPhase('uploading');
    setProgress({ sent: 0, total: file.size });
    try {
      const r = await uploadSpreadsheet(
        `/api/offices/{officeId}/import/${kind}` as const,
        { path: { officeId }, query: { dryRun: dryRun ? 'true' : 'false' } },
        file.body,
        { progress: (sent, total) => setProgress({ sent, total }), uploaded: () => setPhase('processing') },
        xhr,
        { 'x-file-name': encodeURIComponent(file.name) },
      );
      setReport(r);
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
      if (e.status === 401) void refresh();
      setProblem(e);
    } finally {
      setPhase('idle');
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void send(submitter?.value !== 'import');
  };

  if (!officeId || !has('admin', 'hr_officer')) {
    return (
      <>
        <h1>{tr('นำเข้าข้อมูล', 'Import data')}</h1>
        <p className="muted">
          {tr('หน้านี้สำหรับผู้ดูแลระบบและเจ้าหน้าที่บุคคลของสำนักงานเขต', 'This page is for the office’s administrators and HR officers.')}
        </p>
      </>
    );
  }

  const percent = progress.total > 0 ? Math.min(100, Math.round((progress.sent / progress.total) * 100)) : 0;
  const k = KINDS[kind];
  return (
    <>
      <div className="page-head">
        <h1>{tr('นำเข้าข้อมูลจากไฟล์ Excel หรือ CSV', 'Import from an Excel or CSV file')}</h1>
      </div>
      <p className="adm-lead">
        {tr(
          'นำเข้าข้อมูลโรงเรียนหรือบุคลากรของสำนักงานเขตจากไฟล์ตาราง (บันทึกจาก Excel หรือ Google Sheets เป็น CSV) แถวที่ถูกต้องจะถูกบันทึกพร้อมกันทั้งหมด แถวที่ไม่ผ่านจะไม่ถูกบันทึกและแจ้งเหตุผล นำเข้าไฟล์เดิมซ้ำได้โดยไม่เกิดข้อมูลซ้ำ',
          'Import the office’s schools or staff from a spreadsheet saved as CSV (Excel, Google Sheets). Valid rows are written together; rejected rows write nothing and say why. Importing the same file again changes nothing.',
        )}
      </p>

      <div className="grid-2">
        <div>
          <form className="card" onSubmit={submit} aria-labelledby="import-form-title">
            <h2 id="import-form-title">{tr('1. เลือกข้อมูลและไฟล์', '1. Choose the data and the file')}</h2>
            <fieldset className="group">
              <legend>{tr('ข้อมูลที่จะนำเข้า', 'What to import')}</legend>
              {(Object.keys(KINDS) as Kind[]).map((kk) => (
                <label key={kk} className="field check">
                  <input type="radio" name="kind" value={kk} checked={kind === kk} onChange={() => chooseKind(kk)} disabled={busy} />
                  <span>
                    {pick(KINDS[kk])}{' '}
                    <span className="hint">{tr(`(ใช้${KINDS[kk].keyTh}เป็นตัวระบุ)`, `(matched by ${KINDS[kk].keyEn.toLowerCase()})`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>

            <div className="field">
              <label htmlFor="csv-file">
                <strong>{tr('ไฟล์ Excel (.xlsx) หรือ CSV', 'Excel (.xlsx) or CSV file')}</strong>{' '}
                <span className="hint">{tr('(UTF-8 หรือภาษาไทย Windows; ไม่เกิน 20 MB)', '(UTF-8 or Thai Windows; up to 20 MB)')}</span>
              </label>
              <input
                id="csv-file"
                ref={fileInput}
                type="file"
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => void pickFile(e.target.files?.[0])}
                disabled={busy}
                aria-describedby="csv-file-info"
              />
              <span id="csv-file-info" className="hint" aria-live="polite">
                {reading
                  ? tr('กำลังอ่านไฟล์…', 'Reading the file…')
                  : file?.dataRows === null
                    ? tr(
                        `${file.name} — ${num(file.size / 1024, 1)} KB (ไฟล์ Excel)`,
                        `${file.name} — ${num(file.size / 1024, 1)} KB (Excel workbook)`,
                      )
                    : file && file.dataRows !== null
                      ? tr(
                          `${file.name} — ${num(file.size / 1024, 1)} KB, ประมาณ ${num(file.dataRows)} แถวข้อมูล`,
                          `${file.name} — ${num(file.size / 1024, 1)} KB, about ${num(file.dataRows)} data rows`,
                        )
                      : ''}
              </span>
              {file?.legacyEncoding && (
                <span className="hint">
                  {tr('ไฟล์นี้ไม่ใช่ UTF-8 จึงอ่านเป็นภาษาไทยแบบ Windows-874 ให้แล้ว', 'This file is not UTF-8; it was read as Thai Windows-874.')}
                </span>
              )}
              {fileProblem && (
                <span className="field-error" role="alert">
                  {fileProblem}
                </span>
              )}
              {file && importColumns && file.dataRows !== null && file.dataRows > importColumns.maxRows && (
                <span className="field-error">
                  {tr(
                    `เกิน ${num(importColumns.maxRows)} แถว กรุณาแบ่งไฟล์`,
                    `More than ${num(importColumns.maxRows)} rows: please split the file`,
                  )}
                </span>
              )}
            </div>

            <h2>{tr('2. ตรวจสอบ แล้วนำเข้า', '2. Check, then import')}</h2>
            <p className="muted adm-small">
              {tr(
                '“ตรวจสอบไฟล์” แสดงผลรายแถวโดยยังไม่บันทึกข้อมูล เมื่อผลถูกต้องแล้วจึงกด “นำเข้า”',
                '“Check the file” reports every row without writing anything; when the report looks right, press “Import”.',
              )}
            </p>
            <div className="btn-row">
              <button type="submit" name="action" value="check" className="btn btn-ghost" disabled={!file || busy}>
                {tr('ตรวจสอบไฟล์ (ยังไม่บันทึก)', 'Check the file (no changes)')}
              </button>
              <button type="submit" name="action" value="import" className="btn btn-primary" disabled={!file || busy}>
                {tr(`นำเข้า${k.th}`, `Import ${k.en.toLowerCase()}`)}
              </button>
            </div>

            {busy && (
              <div className="adm-upload" role="status" aria-live="polite">
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={tr('ความคืบหน้าการส่งไฟล์', 'Upload progress')}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={phase === 'processing' ? 100 : percent}
                >
                  <span
                    className={phase === 'processing' ? 'adm-progress-busy' : undefined}
                    style={{ width: `${phase === 'processing' ? 100 : percent}%` }}
                  />
                </div>
                <p className="adm-small">
                  {phase === 'uploading'
                    ? tr(
                        `กำลังส่งไฟล์… ${num(percent)}% (${num(progress.sent / 1024, 0)} / ${num(progress.total / 1024, 0)} KB)`,
                        `Uploading… ${num(percent)}% (${num(progress.sent / 1024, 0)} / ${num(progress.total / 1024, 0)} KB)`,
                      )
                    : tr('ส่งไฟล์ครบแล้ว กำลังตรวจสอบและบันทึกข้อมูล…', 'Uploaded; the server is checking the rows…')}
                </p>
                {phase === 'uploading' && (
                  <button type="button" className="btn btn-ghost" onClick={() => xhr.current?.abort()}>
                    {tr('ยกเลิกการส่ง', 'Cancel the upload')}
                  </button>
                )}
              </div>
            )}
            <ProblemMessage problem={problem} />
          </form>
        </div>

        <section className="card" aria-labelledby="columns-title">
          <h2 id="columns-title">{tr(`คอลัมน์ของไฟล์${k.th}`, `Columns of the ${k.en.toLowerCase()} file`)}</h2>
          <p className="adm-small">
            {tr(
              'แถวแรกเป็นหัวตาราง ใช้ชื่อภาษาไทย ภาษาอังกฤษ หรือรหัสคอลัมน์ก็ได้ ',
              'The first row is the header: Thai, English or the column key all work. ',
            )}
            <a href={`/api/import/${kind}/columns?format=xlsx`} download={`${kind}-template.xlsx`}>
              {tr('ดาวน์โหลดแม่แบบ Excel (ไฟล์ว่าง)', 'Download the empty Excel template')}
            </a>
            {tr(' หรือ ', ' or ')}
            <a href={`/api/import/${kind}/columns?format=csv`} download={`${kind}-template.csv`}>
              {tr('แม่แบบ CSV', 'the CSV template')}
            </a>
          </p>
          <ProblemMessage problem={columns.error} />
          {columns.loading && !importColumns ? (
            <Loading />
          ) : (
            <div className="table-wrap">
              <table className="table responsive">
                <caption className="visually-hidden">{tr('คอลัมน์ที่รับ', 'Accepted columns')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('คอลัมน์', 'Column')}</th>
                    <th scope="col">{tr('จำเป็น', 'Required')}</th>
                    <th scope="col">{tr('หัวตารางที่รับ', 'Accepted headers')}</th>
                  </tr>
                </thead>
                <tbody>
                  {importColumns?.columns.map((c) => (
                    <tr key={c.key}>
                      <th scope="row" data-label={tr('คอลัมน์', 'Column')} className="adm-rowhead">
                        {lang === 'th' ? c.th : c.en} <code>{c.key}</code>
                      </th>
                      <td data-label={tr('จำเป็น', 'Required')}>
                        {c.required ? (
                          <span className="badge badge-risk">{tr('จำเป็น', 'Required')}</span>
                        ) : (
                          <span className="muted">{tr('ไม่บังคับ', 'Optional')}</span>
                        )}
                      </td>
                      <td data-label={tr('หัวตารางที่รับ', 'Accepted headers')} className="adm-small">
                        {c.headers.join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {importColumns && (
            <p className="muted adm-small">
              {tr(`ไม่เกิน ${num(importColumns.maxRows)} แถวต่อไฟล์`, `Up to ${num(importColumns.maxRows)} rows per file.`)}
              {kind === 'personnel' &&
                ` ${tr(
                  'หนึ่งแถวต่อบุคคลต่อวันที่มีผล: ค่าในแถวมีผลตั้งแต่วันที่นั้น ช่องที่เว้นว่างไม่เปลี่ยนค่าเดิม บุคคลต้องนำเข้าเป็นบุคลากรของสำนักงานเขตก่อน การลาระบุครึ่งปีเป็น ครั้งที่/ปีงบประมาณ เช่น 2/2568 ทุกค่าเก็บเป็นประวัติ (ผู้นำเข้า เวลา และชื่อไฟล์) ดูได้ที่หน้าระเบียนบุคคล',
                  'One row per person and effective date: the row’s values hold from that date; a blank cell keeps what the record had. People must be imported as the office’s staff first. Leave names its half-year as round/fiscal year, e.g. 2/2568. Every value is kept in the history (who, when, the file) on the person records page.',
                )}`}
              {kind === 'staff' &&
                ` ${tr(
                  'เลขประจำตัวประชาชนต้องถูกต้องตามหลักตรวจสอบ รหัสโรงเรียนต้องเป็นโรงเรียนในสังกัด (ว่าง = ปฏิบัติงานที่สำนักงานเขต) ช่องที่เว้นว่างจะล้างข้อมูลเดิมของช่องนั้น',
                  'Citizen ids must pass the check digit; a school code must be one of the office’s schools (empty: works at the office). An empty optional cell clears that field.',
                )} ${tr(
                  'ชื่อผู้ใช้และบทบาท (ไม่บังคับ เฉพาะผู้ดูแลระบบ): สร้างบัญชีผู้ใช้ให้บุคคลที่ยังไม่มี และมอบบทบาท (รหัสหรือชื่อบทบาท เช่น ครู) บทบาทครูและผู้อำนวยการสถานศึกษาใช้โรงเรียนของแถว บัญชีที่สร้างยังไม่มีรหัสผ่าน ต้องตั้งรหัสผ่านที่หน้าผู้ใช้และบทบาท',
                  'Username and role (optional, admins only): create the account of a person who has none and grant a role (its code or name, e.g. teacher); teacher and school director are granted for the row’s school. Created accounts have no password until one is set on the Users and roles page.',
                )}`}
            </p>
          )}
        </section>
      </div>

      {report && <ReportView report={report} onImport={report.dryRun && file ? () => void send(false) : null} busy={busy} />}
    </>
  );
}

function ReportView({ report, onImport, busy }: { report: ImportReport; onImport: (() => void) | null; busy: boolean }) {
  const { tr, pick, num, lang } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // a new report takes the focus (it appears below the form, maybe out of sight)
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, []);
  const [filter, setFilter] = useState<RowStatus | ''>(report.totals.rejected > 0 ? 'rejected' : '');
  const [limit, setLimit] = useState(PAGE);
  const rows = useMemo(() => (filter ? report.rows.filter((r) => r.status === filter) : report.rows), [report, filter]);
  const shown = rows.slice(0, limit);
  const k = KINDS[report.kind];
  const t = report.totals;

  const downloadRejected = () => {
    const header = [tr('แถวที่', 'row'), lang === 'th' ? k.keyTh : k.keyEn, tr('คอลัมน์', 'column'), tr('เหตุผล', 'reason')];
    const lines = [header.map(csvCell).join(',')];
    for (const r of report.rows.filter((x) => x.status === 'rejected')) {
      for (const reason of r.reasons.length > 0 ? r.reasons : [null]) {
        lines.push(
          [String(r.row), r.key, reason?.column ?? '', reason ? (lang === 'th' ? reason.th : reason.en) : ''].map(csvCell).join(','),
        );
      }
    }
    const url = URL.createObjectURL(new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${report.kind}-rejected-rows.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="card" aria-labelledby="report-title">
      <h2 id="report-title" ref={headingRef} tabIndex={-1}>
        {report.dryRun
          ? tr(`ผลการตรวจสอบไฟล์${k.th} (ยังไม่ได้บันทึก)`, `Check of the ${k.en.toLowerCase()} file (nothing written)`)
          : tr(`ผลการนำเข้า${k.th}`, `${k.en} import report`)}
      </h2>
      {report.dryRun ? (
        <div className="alert adm-info" role="status">
          {t.rejected > 0
            ? tr(
                `มี ${num(t.rejected)} แถวที่ไม่ผ่าน — หากนำเข้าตอนนี้ จะบันทึกเฉพาะแถวที่ผ่าน แก้ไขไฟล์แล้วตรวจสอบอีกครั้งได้`,
                `${num(t.rejected)} row(s) rejected — importing now writes only the valid rows. You can fix the file and check again.`,
              )
            : tr('ทุกแถวผ่านการตรวจสอบ พร้อมนำเข้า', 'Every row passed the check; ready to import.')}
          {onImport && (
            <div className="btn-row adm-gap">
              <button type="button" className="btn btn-primary" onClick={onImport} disabled={busy || t.created + t.updated === 0}>
                {tr(`นำเข้าตอนนี้ (${num(t.created + t.updated)} แถวที่เปลี่ยน)`, `Import now (${num(t.created + t.updated)} row(s) to write)`)}
              </button>
            </div>
          )}
        </div>
      ) : (
        <div className={`alert ${t.rejected > 0 ? 'alert-error' : 'alert-ok'}`} role="status">
          {t.created + t.updated === 0 && t.rejected > 0
            ? tr(`ไม่มีข้อมูลถูกบันทึก — ไม่ผ่านการตรวจสอบ ${num(t.rejected)} แถว`, `Nothing was written — ${num(t.rejected)} row(s) rejected`)
            : tr(
                `บันทึกแล้ว: เพิ่มใหม่ ${num(t.created)} ปรับปรุง ${num(t.updated)} ไม่เปลี่ยนแปลง ${num(t.unchanged)}${t.rejected > 0 ? ` — ไม่ผ่าน ${num(t.rejected)} แถว (ไม่ถูกบันทึก)` : ''}`,
                `Written: ${num(t.created)} created, ${num(t.updated)} updated, ${num(t.unchanged)} unchanged${t.rejected > 0 ? ` — ${num(t.rejected)} rejected (not written)` : ''}`,
              )}
        </div>
      )}

      {report.accounts && (report.accounts.created > 0 || report.accounts.rolesGranted > 0 || report.accounts.note) && (
        <div className="alert adm-info" role="note" data-testid="import-accounts">
          {report.dryRun
            ? tr(
                `จะสร้างบัญชีผู้ใช้ ${num(report.accounts.created)} บัญชี และมอบบทบาท ${num(report.accounts.rolesGranted)} รายการ`,
                `Would create ${num(report.accounts.created)} user account(s) and grant ${num(report.accounts.rolesGranted)} role(s).`,
              )
            : tr(
                `สร้างบัญชีผู้ใช้ ${num(report.accounts.created)} บัญชี และมอบบทบาท ${num(report.accounts.rolesGranted)} รายการ`,
                `Created ${num(report.accounts.created)} user account(s) and granted ${num(report.accounts.rolesGranted)} role(s).`,
              )}
          {report.accounts.note && (
            <>
              {' '}
              <strong>{pick(report.accounts.note)}</strong>{' '}
              <Link href="/admin/users">{tr('ไปหน้าผู้ใช้และบทบาท', 'Go to Users and roles')}</Link>
            </>
          )}
        </div>
      )}

      <div className="stats">
        <div className="stat">
          <span>{tr('แถวทั้งหมด', 'Rows')}</span>
          <strong>{num(t.rows)}</strong>
        </div>
        {(['created', 'updated', 'unchanged', 'rejected'] as const).map((s) => (
          <div key={s} className={`stat${s === 'rejected' && t[s] > 0 ? ' overdue' : ''}`}>
            <span>{pick(report.dryRun ? (DRY_RUN_LABEL[s] ?? STATUS[s].label) : STATUS[s].label)}</span>
            <strong>{num(t[s])}</strong>
          </div>
        ))}
      </div>

      {t.rows === 0 ? (
        <Empty>{tr('ไฟล์ไม่มีแถวข้อมูล (มีแต่หัวตาราง)', 'The file has no data rows (a header only).')}</Empty>
      ) : (
        <>
          <div className="toolbar">
            <label className="field">
              <span>{tr('แสดง', 'Show')}</span>
              <select
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value as RowStatus | '');
                  setLimit(PAGE);
                }}
              >
                <option value="">{tr(`ทุกแถว (${num(t.rows)})`, `All rows (${num(t.rows)})`)}</option>
                {(['rejected', 'created', 'updated', 'unchanged'] as const).map((s) => (
                  <option key={s} value={s}>
                    {pick(STATUS[s].label)} ({num(t[s])})
                  </option>
                ))}
              </select>
            </label>
            {t.rejected > 0 && (
              <button type="button" className="btn btn-ghost" onClick={downloadRejected}>
                {tr('ดาวน์โหลดรายการแถวที่ไม่ผ่าน (CSV)', 'Download the rejected rows (CSV)')}
              </button>
            )}
          </div>
          {rows.length === 0 ? (
            <Empty>{tr('ไม่มีแถวในกลุ่มนี้', 'No rows in this group.')}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table responsive">
                <caption className="visually-hidden">{tr('ผลรายแถว', 'Row by row')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {tr('แถวที่', 'Row')}
                    </th>
                    <th scope="col">{lang === 'th' ? k.keyTh : k.keyEn}</th>
                    <th scope="col">{tr('ผล', 'Result')}</th>
                    <th scope="col">{tr('คอลัมน์และเหตุผล', 'Column and reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr key={r.row} className={r.status === 'rejected' ? 'is-overdue' : undefined}>
                      <td data-label={tr('แถวที่', 'Row')} className="num">
                        {num(r.row)}
                      </td>
                      <td data-label={lang === 'th' ? k.keyTh : k.keyEn}>
                        {r.key ? <code>{r.key}</code> : <span className="muted">—</span>}
                      </td>
                      <td data-label={tr('ผล', 'Result')}>
                        <span className={`badge ${STATUS[r.status].badge}`}>{pick(STATUS[r.status].label)}</span>
                      </td>
                      <td data-label={tr('คอลัมน์และเหตุผล', 'Column and reason')}>
                        {r.reasons.length === 0 ? (
                          r.account ? (
                            <span className="adm-small">
                              {tr('บัญชี', 'Account')} <code>{r.account.username}</code>
                              {r.account.created ? ` ${tr('(สร้างใหม่)', '(new)')}` : ''}
                              {r.account.role &&
                                ` · ${pick(roleLabel(r.account.role.code))}${r.account.role.granted ? ` ${tr('(มอบใหม่)', '(granted)')}` : ` ${tr('(มีอยู่แล้ว)', '(already held)')}`}`}
                              {!r.account.hasPassword && ` · ${tr('ยังไม่มีรหัสผ่าน', 'no password yet')}`}
                            </span>
                          ) : (
                            <span className="muted">—</span>
                          )
                        ) : (
                          <ul className="adm-reasons">
                            {r.reasons.map((reason, i) => (
                              <li key={i}>
                                {reason.column && <code>{reason.column}</code>} {lang === 'th' ? reason.th : reason.en}
                                <span className="muted adm-small" lang={lang === 'th' ? 'en' : 'th'}>
                                  {' '}
                                  ({lang === 'th' ? reason.en : reason.th})
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length > shown.length && (
            <div className="pager">
              <span className="muted adm-small">
                {tr(`แสดง ${num(shown.length)} จาก ${num(rows.length)} แถว`, `Showing ${num(shown.length)} of ${num(rows.length)} rows`)}
              </span>
              <button type="button" className="btn btn-ghost" onClick={() => setLimit((l) => l + PAGE * 5)}>
                {tr('แสดงเพิ่ม', 'Show more')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
