/**
 * The next step of a salary round, for the office's HR officers: one button
 * for the step the round is at (close the appraisal, tell the results,
 * propose the allocation, publish, issue the orders, close the grievance
 * window), or, while a committee decides, where that happens. The answer
 * (what was done, or why not yet) is shown in place and the page reloads.
 *
 * At its start the round's criteria are announced (ANNOUNCE_CRITERIA on the
 * round's case: the announcement's reference and date). At the evaluation the appraisals are opened from the office's roster sheet,
 * or from the person records as of the round's base date (docs/personnel.md);
 * an opening from the records (by an officer or by the worker on 1 April /
 * 1 October) shows its progress on the round's page.
 *
 * API: POST /api/salary-rounds/:caseId/<step> (docs/workflows/salary-round.md
 * "Running a round"), POST …/roster-from-records, GET …/opening.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiProblem, client, newIdempotencyKey } from '../../lib/api';
import { isIsoDate, showDate } from '../../lib/thai-date-input';
import { ThaiDateField } from '../../forms/thai-date-field';
import { useApiGet } from '../../lib/use-api';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { readSpreadsheetFile, uploadSpreadsheet } from '../../lib/spreadsheet-upload';
import { Notice, ProblemMessage } from '../../ui/feedback';
import type { ApiOk } from '../../lib/api-types';

/** what opening the appraisal answers: from the office's roster sheet, or from the person records (with their date) */
type RosterReport = ApiOk<'openSalaryAppraisalFromRoster'> | ApiOk<'openSalaryAppraisalFromRecords'>;

const ROSTER_COLUMNS_TH =
  'เลขที่ตำแหน่ง*, เลขประจำตัวประชาชน, ชื่อ-นามสกุล*, รหัสโรงเรียน, ตำแหน่ง*, วิทยฐานะ, เงินเดือน (บาท)*, ฐานในการคำนวณ (บาท)*, เงินเดือนสูงสุดของอันดับ (บาท), วันเริ่มรับราชการ*, วันที่พ้นจากสำนักงาน, ลาป่วย (ครั้ง), ลาป่วย (วัน), ลากิจ (ครั้ง), ลากิจ (วัน), มาสาย (ครั้ง), ถูกสั่งพักราชการ, ย้ายภายใน สพฐ. ในรอบ (ย้ายมา/ย้ายไป), วันที่ย้าย, สำนักงานที่ย้ายมาหรือย้ายไป';

/** At the evaluation: the office's roster sheet, checked first, then the appraisals opened from it. */
function RosterUpload({ caseId, onReport }: { caseId: string; onReport: (r: RosterReport | null) => void }) {
  const { tr } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const loaded = await readSpreadsheetFile(file);
      const r = await uploadSpreadsheet(
        '/api/salary-rounds/{caseId}/roster',
        { path: { caseId }, query: { dryRun: dryRun ? 'true' : 'false' } },
        loaded.body,
        { progress: () => undefined, uploaded: () => undefined },
        xhr,
      );
      onReport(r);
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>
        {tr(
          'ส่งบัญชีรายชื่อบุคลากร ณ วันที่กำหนด (ไฟล์ Excel หรือ CSV แถวแรกเป็นหัวตาราง) ระบบตรวจสิทธิ์ของแต่ละคนตามหลักเกณฑ์ แล้วเปิดการประเมินรายบุคคลให้ผู้มีสิทธิ์ ผู้ไม่มีสิทธิ์จะแสดงพร้อมเหตุผล',
          'Send the office’s staff roster as of the base date (an Excel or CSV file, header row first). Each person is checked against the round’s rules and an appraisal opened for everyone eligible; those not eligible are listed with the reasons.',
        )}
      </p>
      <p className="muted">
        {tr('คอลัมน์ (* ต้องมี): ', 'Columns (* required): ')}
        {ROSTER_COLUMNS_TH}
      </p>
      <label className="field">
        <span>{tr('ไฟล์บัญชีรายชื่อ', 'Roster file')}</span>
        <input
          type="file"
          accept=".xlsx,.csv,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            onReport(null);
          }}
          data-testid="roster-file"
        />
      </label>
      <div className="toolbar">
        <button type="button" className="btn btn-ghost" disabled={!file || busy} onClick={() => void send(true)}>
          {tr('ตรวจไฟล์', 'Check the file')}
        </button>
        <button type="button" className="btn" disabled={!file || busy} onClick={() => void send(false)}>
          {tr('เปิดการประเมินจากไฟล์นี้', 'Open the appraisals from this file')}
        </button>
      </div>
      <ProblemMessage problem={problem} />
    </>
  );
}

/** At the evaluation: the same opening from the person records as of the round's base date (1 March / 1 September). */
function RecordsOpening({ caseId, onReport }: { caseId: string; onReport: (r: RosterReport | null) => void }) {
  const { tr } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const send = async (dryRun: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      onReport(
        await client.POST('/api/salary-rounds/{caseId}/roster-from-records', {
          params: { path: { caseId }, query: { dryRun: dryRun ? 'true' : 'false' } },
        }),
      );
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="records-opening">
      <h3>{tr('หรือเปิดจากระเบียนบุคคล', 'Or open from the person records')}</h3>
      <p>
        {tr(
          'ใช้ตำแหน่ง เงินเดือน และฐานในการคำนวณจากระเบียนบุคคล ณ วันที่กำหนดของรอบ (1 มีนาคม หรือ 1 กันยายน) และการลา โทษ และการพักราชการในครึ่งปี ตรวจสิทธิ์และเปิดการประเมินเช่นเดียวกับไฟล์บัญชีรายชื่อ',
          'Positions, salaries and calculation bases from the person records as of the round’s base date (1 March or 1 September), with leave, penalties and suspensions of the half-year; checked and opened exactly as the roster sheet is.',
        )}
      </p>
      <div className="toolbar">
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void send(true)} data-testid="records-check">
          {tr('ตรวจระเบียนบุคคล', 'Check the records')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void send(false)} data-testid="records-open">
          {tr('เปิดการประเมินจากระเบียนบุคคล', 'Open the appraisals from the person records')}
        </button>
        <Link href="/personnel">{tr('ดูระเบียนบุคคล', 'See the person records')}</Link>
      </div>
      <ProblemMessage problem={problem} />
    </div>
  );
}

/** The opening from the person records, by the worker or an officer: running (with progress), done, or why it did not open. Read by everyone who reads the round. */
export function RoundOpeningProgress({ caseId, state, onFinished }: { caseId: string; state: string; onFinished: () => void }) {
  const { tr, num } = useI18n();
  const { data, reload } = useApiGet('/api/salary-rounds/{caseId}/opening', { params: { path: { caseId } } });
  // the round moved (an officer opened it here, or the worker did): read the opening again
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    reload();
  }
  const running = data?.opening?.status === 'running';
  const [wasRunning, setWasRunning] = useState(false);
  useEffect(() => {
    if (!running) return undefined;
    setWasRunning(true);
    const t = setInterval(reload, 2000);
    return () => clearInterval(t);
  }, [running, reload]);
  useEffect(() => {
    if (wasRunning && !running) {
      setWasRunning(false);
      onFinished();
    }
  }, [wasRunning, running, onFinished]);
  const o = data?.opening;
  if (!o) return null;
  const who = o.byWorker ? tr('ระบบเปิดอัตโนมัติ', 'opened by the system') : tr('เจ้าหน้าที่เปิด', 'opened by an officer');
  return (
    <section className="card" aria-labelledby="round-opening-title" data-testid="round-opening">
      <h2 id="round-opening-title">{tr('การเปิดการประเมินจากระเบียนบุคคล', 'Opening from the person records')}</h2>
      <p>{tr(`ระเบียน ณ วันที่ ${o.asOfTh} · ${who} เมื่อ ${o.startedAtTh}`, `Records as of ${o.asOfTh} · ${who} at ${o.startedAtTh}`)}</p>
      {o.status === 'running' && (
        <>
          <progress value={o.done} max={Math.max(1, o.total)} aria-label={tr('ความคืบหน้า', 'Progress')} />{' '}
          {tr(`เปิดแล้ว ${num(o.done)} จาก ${num(o.total)} ราย`, `${num(o.done)} of ${num(o.total)} opened`)}
        </>
      )}
      {o.status === 'done' && (
        <Notice>
          {tr(
            `เปิดการประเมินแล้ว ${num(o.considered ?? o.done)} ราย ไม่ได้รับการพิจารณา ${num(o.notConsidered ?? 0)} ราย เสร็จเมื่อ ${o.finishedAtTh ?? ''}`,
            `${num(o.considered ?? o.done)} appraisals opened, ${num(o.notConsidered ?? 0)} people not considered; finished ${o.finishedAtTh ?? ''}`,
          )}
        </Notice>
      )}
      {o.status === 'failed' && (
        <p className="alert alert-error" role="alert">
          {o.rejected
            ? tr(
                `ยังไม่ได้เปิด: ระเบียนบุคคล ${num(o.rejected)} รายข้อมูลไม่ครบ แก้ไขระเบียนแล้วเปิดจากระเบียนบุคคลอีกครั้ง`,
                `Not opened: ${num(o.rejected)} person record(s) are incomplete. Fix them, then open from the records again.`,
              )
            : tr(
                'ยังไม่ได้เปิด: เกิดข้อผิดพลาด ลองเปิดจากระเบียนบุคคลอีกครั้ง',
                'Not opened: something went wrong. Try opening from the records again.',
              )}
        </p>
      )}
    </section>
  );
}

/** At the start: the round's criteria announced (rule 3.1), the announcement's reference and date as the office issued it. */
function AnnounceCriteria({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const { tr } = useI18n();
  const [ref, setRef] = useState('');
  const [on, setOn] = useState<unknown>(undefined);
  const [errors, setErrors] = useState<{ ref?: string; on?: string }>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [key] = useState(newIdempotencyKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: { ref?: string; on?: string } = {};
    if (ref.trim() === '') errs.ref = tr('กรุณาระบุเลขที่และเรื่องของประกาศ', 'Give the announcement’s number and subject');
    if (!isIsoDate(on)) errs.on = tr('กรุณากรอกวันที่ประกาศเป็นวัน เดือน ปี พ.ศ.', 'Type the date of the announcement');
    setErrors(errs);
    if (errs.ref || errs.on) return;
    setBusy(true);
    setProblem(null);
    try {
      await client.POST('/api/cases/{caseId}/events', {
        params: { path: { caseId } },
        body: { type: 'ANNOUNCE_CRITERIA', payload: { announcementRef: ref.trim(), announcedOn: on as string } },
        idempotencyKey: key,
      });
      onDone(
        tr(
          `ประกาศหลักเกณฑ์แล้ว (${ref.trim()} ลงวันที่ ${showDate(String(on), 'th')}) รอบอยู่ระหว่างการประเมิน`,
          `Criteria announced (${ref.trim()}, dated ${showDate(String(on), 'en')}); the round is in its evaluation.`,
        ),
      );
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={tr('ประกาศหลักเกณฑ์การประเมิน', 'Announce the criteria')}>
      <p>
        {tr(
          'ประกาศหลักเกณฑ์และวิธีการประเมินผลการปฏิบัติงานให้ทราบโดยทั่วกันเมื่อเริ่มรอบการประเมิน บันทึกเลขที่ เรื่อง และวันที่ของประกาศ',
          'Announce the appraisal criteria to everyone as the half-year begins: record the announcement’s number, subject and date.',
        )}
      </p>
      <div className="field">
        <label htmlFor="criteria-ref">{tr('ประกาศ (เลขที่และเรื่อง)', 'Announcement (number and subject)')}</label>
        <input
          id="criteria-ref"
          type="text"
          maxLength={300}
          value={ref}
          onChange={(e) => setRef(e.target.value)}
          aria-invalid={errors.ref ? true : undefined}
        />
        {errors.ref && <span className="field-error">{errors.ref}</span>}
      </div>
      <div className="field">
        <label htmlFor="criteria-on">{tr('ลงวันที่', 'Dated')}</label>
        <ThaiDateField kind="date" id="criteria-on" name="announcedOn" required value={on} onChange={setOn} submitError={errors.on} />
      </div>
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn" disabled={busy}>
        {tr('ประกาศหลักเกณฑ์การประเมิน', 'Announce the criteria')}
      </button>
    </form>
  );
}

interface Step {
  /** the round's route: POST /api/salary-rounds/{caseId}/… */
  path: 'close-appraisal' | 'tell-results' | 'allocation' | 'publish' | 'orders' | 'close-grievance-window';
  button: { th: string; en: string };
  what: { th: string; en: string };
}

const STEPS: Readonly<Record<string, Step>> = {
  appraising: {
    path: 'close-appraisal',
    button: { th: 'ปิดรับผลการประเมิน', en: 'Close the appraisal' },
    what: {
      th: 'ปิดได้เมื่อผู้ประเมินส่งผลครบทุกคน หรือเมื่อพ้นกำหนดส่งผลของรอบ (ผู้ที่ยังไม่มีผลจะบันทึกว่าไม่ได้รับการประเมินภายในกำหนด)',
      en: 'Possible once every appraisal is in, or once the round’s date has passed (those still without a score are recorded as not appraised in time).',
    },
  },
  notifyingAppraisal: {
    path: 'tell-results',
    button: { th: 'แจ้งผลการประเมินรายบุคคล', en: 'Tell each person their result' },
    what: {
      th: 'คณะกรรมการกลั่นกรองเห็นชอบแล้ว แจ้งคะแนนและระดับผลการประเมินให้แต่ละคนทราบ',
      en: 'The screening committee approved; tell each person their score and band.',
    },
  },
  allocating: {
    path: 'allocation',
    button: { th: 'คำนวณและเสนอการจัดสรรวงเงิน', en: 'Compute and propose the allocation' },
    what: {
      th: 'คำนวณร้อยละการเลื่อนของแต่ละคนตามหลักเกณฑ์ของรอบ (รอบที่จัดสรรตามกลุ่มวงเงิน: ตามช่วงร้อยละและร้อยละรายบุคคลที่คณะกรรมการกำหนดในส่วนการจัดสรรด้านล่าง) แล้วเสนอคณะกรรมการบริหารวงเงิน',
      en: 'Compute each person’s raise by the round’s policy (a round allocated by pools: the ranges and the people’s % the committee set in the allocation section below) and put it to the budget committee.',
    },
  },
  publishing: {
    path: 'publish',
    button: { th: 'ประกาศรายชื่อและแจ้งผลรายบุคคล', en: 'Publish and tell each person' },
    what: {
      th: 'ออกเลขประกาศจากทะเบียนประกาศ ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก แจ้งผลการเลื่อนหรือเหตุผลที่ไม่ได้เลื่อนให้แต่ละคน และเริ่มนับระยะเวลาร้องทุกข์',
      en: 'Number the announcement from the register, publish the ดีเด่น/ดีมาก lists, tell each person their raise or why none, and start the grievance window.',
    },
  },
  ordering: {
    path: 'orders',
    button: { th: 'ออกคำสั่งเลื่อนเงินเดือน', en: 'Issue the salary orders' },
    what: {
      th: 'คำสั่งหนึ่งฉบับต่อผู้มีอำนาจลงนาม (ผอ.สพท. และผู้อำนวยการสถานศึกษาแต่ละแห่ง) เลขที่คำสั่งจากทะเบียนคำสั่ง',
      en: 'One order per signer (the area director, each school director), numbered from the order register.',
    },
  },
  grievanceWindow: {
    path: 'close-grievance-window',
    button: { th: 'ปิดระยะเวลาร้องทุกข์', en: 'Close the grievance window' },
    what: {
      th: 'ปิดได้เมื่อพ้นระยะเวลาร้องทุกข์แล้ว เรื่องร้องทุกข์ที่ยื่นไว้จะพิจารณาต่อจนเสร็จ',
      en: 'Possible once the window has passed; grievances filed in it are decided before the round closes.',
    },
  },
  settling: {
    path: 'close-grievance-window',
    button: { th: 'ปิดรอบ', en: 'Close the round' },
    what: {
      th: 'ปิดรอบได้เมื่อ อ.ก.ค.ศ. พิจารณาเรื่องร้องทุกข์ที่ยื่นไว้ครบแล้ว',
      en: 'Possible once the area sub-committee has decided every grievance filed.',
    },
  },
};

const COMMITTEE_STEPS: Readonly<Record<string, { th: string; en: string }>> = {
  screening: { th: 'รอมติคณะกรรมการกลั่นกรองผลการประเมิน', en: 'Waiting for the screening committee’s resolution' },
  budgetReview: { th: 'รอมติคณะกรรมการบริหารวงเงิน', en: 'Waiting for the budget committee’s resolution' },
  approval: { th: 'รอมติ อ.ก.ค.ศ. เขตพื้นที่การศึกษา', en: 'Waiting for the area sub-committee’s resolution' },
};

/** What the roster check or opening found: counts, the rows not valid, the people not eligible. */
function RosterReportView({ report }: { report: RosterReport }) {
  const { tr, pick, num } = useI18n();
  return (
    <div data-testid="roster-report">
      <Notice>{pick(report.message)}</Notice>
      <p>
        {tr(
          `ทั้งหมด ${num(report.totals.rows)} แถว · มีสิทธิ์ ${num(report.totals.considered)} · ไม่มีสิทธิ์ ${num(report.totals.notConsidered)} · ไม่ถูกต้อง ${num(report.totals.rejected)}`,
          `${num(report.totals.rows)} rows · eligible ${num(report.totals.considered)} · not eligible ${num(report.totals.notConsidered)} · not valid ${num(report.totals.rejected)}`,
        )}
      </p>
      {report.rejected.length > 0 && (
        <>
          <h3>{tr('แถวที่ไม่ถูกต้อง', 'Rows that are not valid')}</h3>
          <ul>
            {report.rejected.map((x) => (
              <li key={x.row}>
                {tr(`แถวที่ ${num(x.row)}`, `Row ${num(x.row)}`)}
                {x.key ? ` (${x.key})` : ''}: {x.reasons.map((y) => pick(y)).join(' · ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notConsidered.length > 0 && (
        <>
          <h3>{tr('ผู้ไม่มีสิทธิ์ได้รับการพิจารณา', 'Not eligible')}</h3>
          <ul>
            {report.notConsidered.map((x) => (
              <li key={x.row}>
                {x.nameTh}: {x.reasons.map((y) => pick(y)).join(' · ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function SalaryRoundActions({ caseId, state, onDone }: { caseId: string; state: string; onDone: () => void }) {
  const { tr, pick } = useI18n();
  const { has } = useSession();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [rosterReport, setRosterReport] = useState<RosterReport | null>(null);
  /** the pool % as the budget committee revised it (blank: the round's) */
  const [poolPct, setPoolPct] = useState('');
  if (!has('hr_officer')) return null;
  const step = STEPS[state];
  const committee = COMMITTEE_STEPS[state];
  const roster = state === 'evaluating';
  const announcing = state === 'announcing';
  if (!step && !committee && !roster && !announcing && !done && !rosterReport) return null;

  const run = async (s: Step) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const pool = s.path === 'allocation' && poolPct.trim() !== '' ? Math.round(Number(poolPct) * 100) : null;
      const params = { path: { caseId } };
      const r =
        s.path === 'allocation'
          ? await client.POST('/api/salary-rounds/{caseId}/allocation', { params, body: pool !== null ? { poolBp: pool } : {} })
          : await client.POST(`/api/salary-rounds/{caseId}/${s.path}`, { params });
      setDone(pick(r.message));
      onDone();
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="round-next-title" data-testid="salary-round-actions">
      <h2 id="round-next-title">{tr('ขั้นตอนถัดไปของรอบ', 'The round’s next step')}</h2>
      {done && <Notice>{done}</Notice>}
      <ProblemMessage problem={problem} />
      {step && (
        <>
          <p>{pick(step.what)}</p>
          {step.path === 'allocation' && (
            <p>
              <label>
                {tr(
                  'วงเงินร้อยละของเงินเดือน ตามที่คณะกรรมการปรับ (เว้นว่าง: ตามหลักเกณฑ์ของรอบ)',
                  'The pool, % of the salaries, as the committee revised it (blank: the round’s)',
                )}{' '}
                <input
                  type="number"
                  min="0.01"
                  max="10"
                  step="0.01"
                  inputMode="decimal"
                  value={poolPct}
                  onChange={(e) => setPoolPct(e.target.value)}
                  data-testid="salary-pool-pct"
                />
              </label>
            </p>
          )}
          <button type="button" className="btn" disabled={busy} onClick={() => void run(step)} data-testid="salary-round-step">
            {pick(step.button)}
          </button>
        </>
      )}
      {announcing && (
        <AnnounceCriteria
          caseId={caseId}
          onDone={(m) => {
            setDone(m);
            onDone();
          }}
        />
      )}
      {roster && (
        <RosterUpload
          caseId={caseId}
          onReport={(r) => {
            setRosterReport(r);
            if (r?.opened) onDone();
          }}
        />
      )}
      {roster && (
        <RecordsOpening
          caseId={caseId}
          onReport={(r) => {
            setRosterReport(r);
            if (r?.opened) onDone();
          }}
        />
      )}
      {rosterReport && <RosterReportView report={rosterReport} />}
      {committee && (
        <p>
          {pick(committee)} —{' '}
          <Link href="/committees">
            {tr('ไปที่หน้าคณะกรรมการเพื่อจัดประชุมและบันทึกมติ', 'go to the committees to hold the meeting and record the resolution')}
          </Link>
        </p>
      )}
    </section>
  );
}
