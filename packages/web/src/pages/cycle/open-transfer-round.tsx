/**
 * Opening a transfer round with its dated phases (issue 21), on the rounds
 * page, for whoever may open one (the office's HR officers: the workflow's
 * starters, GET /api/workflows `startableAt`): the round's number and year,
 * the nine moments of its calendar typed in พ.ศ. with their time of day, in
 * order (checked before sending, each named as a person reads it), where the
 * calendar comes from, what happens to a request the school never
 * certifies, and who the round is for (teachers, or school administrators:
 * a round scored by the administrators' table, seed-003 §2.2). Sent as POST /api/cases (workflow `transfer-round`); the
 * round's page follows, where the vacancies are posted.
 */
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ApiProblem, client, newIdempotencyKey, type Label } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { RoundOpener } from './round-opener';
import { isIsoDate, showDate } from '../../lib/thai-date-input';
import { ThaiDateField } from '../../forms/thai-date-field';
import { ProblemMessage } from '../../ui/feedback';
import type { ApiBody } from '../../lib/api-types';

/** what a transfer round starts with (`startCase`, workflow transfer-round) */
type RoundInput = Extract<ApiBody<'startCase'>, { workflowId: 'transfer-round' }>['input'];

const PHASES: readonly { key: string; label: Label; time: string }[] = [
  { key: 'vacanciesUntil', label: { th: 'บันทึกตำแหน่งว่างได้ถึง', en: 'Vacancies posted until' }, time: '16:30' },
  { key: 'requestsFrom', label: { th: 'เริ่มรับคำขอย้าย', en: 'Requests open from' }, time: '08:30' },
  { key: 'requestsUntil', label: { th: 'ปิดรับคำขอย้าย', en: 'Requests close' }, time: '16:30' },
  { key: 'schoolReviewUntil', label: { th: 'สถานศึกษาตรวจสอบและรับรองถึง', en: 'Schools certify until' }, time: '16:30' },
  { key: 'correctionUntil', label: { th: 'แก้ไขคำขอที่ถูกส่งคืนถึง', en: 'Returned requests fixed by' }, time: '15:00' },
  { key: 'scoringUntil', label: { th: 'ให้คะแนนและตรวจสอบคะแนนถึง', en: 'Scoring and verification until' }, time: '16:30' },
  { key: 'screeningUntil', label: { th: 'คณะกรรมการกลั่นกรองพิจารณาถึง', en: 'Screening committee until' }, time: '16:30' },
  { key: 'approvalUntil', label: { th: 'อ.ก.ค.ศ. เขตพิจารณาถึง', en: 'Area sub-committee until' }, time: '16:30' },
  { key: 'ordersUntil', label: { th: 'ออกคำสั่งย้ายและปิดรอบ', en: 'Orders signed and the round closes' }, time: '16:30' },
];
/** pairs that must be in order, as the round's rules check them */
const ORDER: readonly [string, string][] = [
  ['vacanciesUntil', 'requestsFrom'],
  ['requestsFrom', 'requestsUntil'],
  ['requestsUntil', 'schoolReviewUntil'],
  ['requestsUntil', 'correctionUntil'],
  ['schoolReviewUntil', 'scoringUntil'],
  ['correctionUntil', 'scoringUntil'],
  ['scoringUntil', 'screeningUntil'],
  ['screeningUntil', 'approvalUntil'],
  ['approvalUntil', 'ordersUntil'],
];
const TIME = /^([01]?\d|2[0-3])[.:]([0-5]\d)$/;
const hhmm = (t: string) => {
  const m = TIME.exec(t.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
};

/** `officeId`: where the reader may open one (the rounds page reads it from GET /api/workflows); null shows nothing. */
export function OpenTransferRound({ officeId }: { officeId: string | null }) {
  const { tr } = useI18n();
  if (!officeId) return null;
  return (
    <RoundOpener
      headingId="open-round-title"
      title={tr('เปิดรอบการย้ายข้าราชการครู', 'Open a teacher transfer round')}
      button={tr('เปิดรอบการย้าย', 'Open a transfer round')}
    >
      {(close) => <OpenRoundForm officeId={officeId} onCancel={close} />}
    </RoundOpener>
  );
}

function OpenRoundForm({ officeId, onCancel }: { officeId: string; onCancel: () => void }) {
  const { tr, pick } = useI18n();
  const [, navigate] = useLocation();
  const thisYear = new Date().getFullYear() + 543;
  const [roundNo, setRoundNo] = useState('1');
  const [yearBe, setYearBe] = useState(String(thisYear));
  const [source, setSource] = useState('ปฏิทินการย้ายข้าราชการครูของสำนักงานเขตพื้นที่การศึกษา');
  const [notCertified, setNotCertified] = useState<'lapse' | 'forward'>('lapse');
  const [applicants, setApplicants] = useState<'teachers' | 'school_administrators'>('teachers');
  const [dates, setDates] = useState<Record<string, unknown>>({});
  const [times, setTimes] = useState<Record<string, string>>(Object.fromEntries(PHASES.map((p) => [p.key, p.time.replace(':', '.')])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [key] = useState(newIdempotencyKey);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const year = Number(yearBe);
    if (!Number.isInteger(year) || year < 2560 || year > 2700)
      errs.yearBe = tr('ปี พ.ศ. ต้องเป็นตัวเลข 4 หลัก เช่น 2568', 'The B.E. year is four digits, e.g. 2568');
    if (source.trim() === '') errs.source = tr('กรุณาระบุที่มาของปฏิทิน', 'Say where the calendar comes from');
    for (const p of PHASES) {
      if (!isIsoDate(dates[p.key])) errs[p.key] = tr(`กรุณากรอกวันที่ "${p.label.th}" เป็นวัน เดือน ปี พ.ศ.`, `Type the date of "${p.label.en}"`);
      else if (!hhmm(times[p.key] ?? '')) errs[p.key] = tr('เวลาต้องเป็น ชั่วโมง.นาที เช่น 16.30', 'The time is hours.minutes, e.g. 16.30');
    }
    if (Object.keys(errs).length === 0) {
      const at = (k: string) => `${String(dates[k])}T${hhmm(times[k]!)}`;
      for (const [a, b] of ORDER) {
        if (at(a) > at(b)) {
          const la = PHASES.find((p) => p.key === a)!.label;
          const lb = PHASES.find((p) => p.key === b)!.label;
          errs[b] = tr(`"${lb.th}" ต้องไม่ก่อน "${la.th}"`, `"${lb.en}" may not be before "${la.en}"`);
        }
      }
    }
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    const phases = Object.fromEntries(
      PHASES.map((p) => {
        const d = String(dates[p.key]);
        const t = hhmm(times[p.key]!)!;
        return [
          p.key,
          { date: d, time: t, phrase: `${p.label.th} ${showDate(d, 'th')} เวลา ${t.replace(':', '.')} น.`, source: source.trim() },
        ];
      }),
    ) as RoundInput['phases'];
    setBusy(true);
    setProblem(null);
    try {
      const started = await client.POST('/api/cases', {
        body: {
          workflowId: 'transfer-round',
          officeId,
          title: `${applicants === 'school_administrators' ? 'การย้ายผู้บริหารสถานศึกษา' : 'การย้ายข้าราชการครู'} ครั้งที่ ${roundNo}/${year}`,
          input: { roundNo: Number(roundNo), yearBe: year, phases, notCertified, applicants },
        },
        idempotencyKey: key,
      });
      navigate(`/cycles/${started.caseId}`);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (k: string) =>
    errors[k] ? (
      <span className="field-error" id={`${k}-error`}>
        {errors[k]}
      </span>
    ) : null;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={tr('แบบเปิดรอบการย้าย', 'Open a transfer round')}>
      <fieldset>
        <legend>{tr('รอบการย้ายของ', 'A round for')}</legend>
        <label>
          <input
            type="radio"
            name="round-applicants"
            value="teachers"
            checked={applicants === 'teachers'}
            onChange={() => setApplicants('teachers')}
          />{' '}
          {tr('ข้าราชการครู (ครู / ครูผู้ช่วย)', 'Teachers (teachers / assistant teachers)')}
        </label>
        <label>
          <input
            type="radio"
            name="round-applicants"
            value="school_administrators"
            checked={applicants === 'school_administrators'}
            onChange={() => setApplicants('school_administrators')}
          />{' '}
          {tr('ผู้บริหารสถานศึกษา (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา)', 'School administrators (directors / deputy directors)')}
        </label>
        {applicants === 'school_administrators' && (
          <p className="hint">
            {tr(
              'ให้คะแนนตามองค์ประกอบการย้ายผู้บริหารสถานศึกษา: ความสามารถในการบริหารจัดการศึกษา วิสัยทัศน์ในการบริหารจัดการศึกษา และการพัฒนาตนเองและพัฒนาวิชาชีพ ผอ.สพท. ตรวจสอบคำขอและลงนามคำสั่ง',
              'Scored by the administrators’ components: management ability, vision, and self and professional development; the area director checks the requests and signs the orders.',
            )}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="round-no">{tr('ครั้งที่', 'Round')}</label>
        <select id="round-no" value={roundNo} onChange={(e) => setRoundNo(e.target.value)}>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="round-year">{tr('ปี พ.ศ.', 'Year (B.E.)')}</label>
        <input
          id="round-year"
          type="text"
          inputMode="numeric"
          maxLength={4}
          value={yearBe}
          onChange={(e) => setYearBe(e.target.value)}
          aria-invalid={errors.yearBe ? true : undefined}
        />
        {fieldError('yearBe')}
      </div>
      <fieldset>
        <legend>{tr('ปฏิทินของรอบ (วันที่เป็น พ.ศ. เวลาตามเวลาประเทศไทย)', 'The round’s calendar (dates in B.E., Bangkok time)')}</legend>
        {PHASES.map((p) => (
          <div key={p.key} className="field" data-phase={p.key}>
            <label htmlFor={`phase-${p.key}`}>{pick(p.label)}</label>
            <ThaiDateField
              kind="date"
              id={`phase-${p.key}`}
              name={p.key}
              required
              value={dates[p.key]}
              onChange={(v) => setDates((d) => ({ ...d, [p.key]: v }))}
              submitError={undefined}
            />
            <label htmlFor={`time-${p.key}`} className="hint">
              {tr(`เวลา (${p.label.th})`, `Time (${p.label.en})`)}
            </label>
            <input
              id={`time-${p.key}`}
              type="text"
              inputMode="numeric"
              maxLength={5}
              style={{ width: '6em' }}
              value={times[p.key] ?? ''}
              onChange={(e) => setTimes((t) => ({ ...t, [p.key]: e.target.value }))}
            />
            {fieldError(p.key)}
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="round-source">
          {tr('ที่มาของปฏิทิน (เช่น ประกาศหรือหนังสือที่กำหนด)', 'Where the calendar comes from (the notice that set it)')}
        </label>
        <input id="round-source" type="text" maxLength={300} value={source} onChange={(e) => setSource(e.target.value)} />
        {fieldError('source')}
      </div>
      <div className="field">
        <label htmlFor="round-not-certified">{tr('คำขอที่สถานศึกษาไม่รับรองภายในกำหนด', 'A request the school does not certify in time')}</label>
        <select id="round-not-certified" value={notCertified} onChange={(e) => setNotCertified(e.target.value as 'lapse' | 'forward')}>
          <option value="lapse">{tr('สิ้นสุดคำขอ (ไม่ได้รับการพิจารณาย้าย แจ้งครูทราบ)', 'It ends (not moved; the teacher is told)')}</option>
          <option value="forward">{tr('ส่งต่อให้คณะทำงานให้คะแนน โดยระบุว่าไม่ได้รับรอง', 'It goes on to scoring, marked not certified')}</option>
        </select>
      </div>
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {tr(`ยังเปิดรอบไม่ได้ มี ${Object.keys(errors).length} ช่องที่ต้องแก้ไข`, `Not opened yet: ${Object.keys(errors).length} field(s) to fix`)}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? tr('กำลังเปิดรอบ…', 'Opening…') : tr('เปิดรอบการย้าย', 'Open the round')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {tr('ยกเลิก', 'Cancel')}
        </button>
      </div>
    </form>
  );
}
