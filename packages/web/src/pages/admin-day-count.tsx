/**
 * The office's day-count policy, a card on /admin/holidays: whether the SOP
 * steps whose sources say only "วัน" count calendar days or working days
 * (weekends, holidays and this office's closures skipped). Every office user
 * sees what is in force, what is scheduled and the history (who, when, why);
 * the office's admins change it, from now or from a later date. Clocks
 * already open keep what they read.
 *
 * API: GET/PUT /api/offices/:officeId/deadline-policy (docs/sla.md "The
 * office's day-count policy").
 */
import { useState, type FormEvent } from 'react';
import { ApiProblem, client } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { ThaiDateField } from '../forms/thai-date-field';
import { Loading, Notice, ProblemMessage } from '../ui/feedback';
import type { ApiOk } from '../lib/api-types';

/** GET the office's day-count policy (`getDeadlinePolicy`) */
type Policy = ApiOk<'getDeadlinePolicy'>;
type PolicyVersion = Policy['current'];
type DayCount = PolicyVersion['dayCount'];

const asProblem = (error: unknown) =>
  error instanceof ApiProblem ? error : new ApiProblem(0, 'UNKNOWN', { th: 'เกิดข้อผิดพลาด', en: 'Something went wrong' }, null);

export function DayCountPolicyCard() {
  const { tr, pick, dateTime, num } = useI18n();
  const { officeId, has } = useSession();
  const { data, error, reload } = useApiGet(
    '/api/offices/{officeId}/deadline-policy',
    officeId ? { params: { path: { officeId } } } : null,
  );
  const canChange = has('admin');
  const [dayCount, setDayCount] = useState<DayCount | undefined>(undefined);
  const [from, setFrom] = useState<unknown>(undefined);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (error) return <ProblemMessage problem={error} />;
  if (!data || !officeId) return <Loading />;
  const chosen = dayCount ?? data.current.dayCount;
  const label = (v: PolicyVersion) => pick({ th: v.dayCountTh, en: v.dayCountEn });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const body = { dayCount: chosen, reason, ...(typeof from === 'string' && from ? { effectiveFrom: from } : {}) };
      const result = await client.PUT('/api/offices/{officeId}/deadline-policy', { params: { path: { officeId } }, body });
      setSaved(result.changed ? tr('บันทึกแล้ว', 'Saved') : tr('ไม่มีสิ่งใดเปลี่ยน', 'Nothing changed'));
      setDayCount(undefined);
      setFrom(undefined);
      setReason('');
      reload();
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="day-count-title" data-testid="day-count-policy">
      <h2 id="day-count-title">{tr('การนับ “วัน” ในมาตรฐานเวลาของงาน', 'How “days” are counted in the time standards')}</h2>
      <p className="muted">
        {tr(
          'ขั้นตอนตามคู่มือปฏิบัติงานที่ระบุเพียง "ภายใน … วัน" โดยไม่ระบุว่าเป็นวันทำการ จะนับตามที่สำนักงานกำหนดไว้ ณ เวลาที่เริ่มนับกำหนดเวลา ค่าเริ่มต้นคือนับวันตามปฏิทิน (ตามถ้อยคำของแหล่งที่มา) กำหนดเวลาที่เริ่มนับไปแล้วไม่เปลี่ยน',
          'Steps of the procedure manual that say only "within … days", without saying working days, count as the office sets it when the clock opens. The default is calendar days (what the sources say). Clocks already running do not change.',
        )}
      </p>
      <p data-testid="day-count-current">
        <strong>{tr('ที่ใช้อยู่: ', 'In force: ')}</strong>
        {label(data.current)}
        {data.current.version === 0 ? tr(' (ค่าเริ่มต้น)', ' (the default)') : ` · ${tr('ฉบับที่', 'version')} ${num(data.current.version)}`}
      </p>
      {data.scheduled.map((v) => (
        <p key={v.version} className="muted">
          {tr('กำหนดไว้: ', 'Scheduled: ')}
          {label(v)} {tr('ตั้งแต่', 'from')} {dateTime(v.effectiveFrom)}
        </p>
      ))}
      {canChange && (
        <form onSubmit={(e) => void save(e)}>
          <fieldset className="field">
            <legend className="label">{tr('นับเป็น', 'Count')}</legend>
            <label>
              <input type="radio" name="dayCount" checked={chosen === 'calendar_days'} onChange={() => setDayCount('calendar_days')} />{' '}
              {tr('วันตามปฏิทิน', 'Calendar days')}
            </label>{' '}
            <label>
              <input type="radio" name="dayCount" checked={chosen === 'working_days'} onChange={() => setDayCount('working_days')} />{' '}
              {tr('เฉพาะวันทำการ (เว้นวันหยุดและวันปิดสำนักงาน)', 'Working days only (holidays and closures skipped)')}
            </label>
          </fieldset>
          <div className="field">
            <label className="label" htmlFor="day-count-from">
              {tr('มีผลตั้งแต่ (เว้นว่าง = ทันที)', 'In force from (empty: now)')}
            </label>
            <ThaiDateField
              kind="datetime"
              id="day-count-from"
              name="effectiveFrom"
              required={false}
              value={from}
              onChange={setFrom}
              submitError={undefined}
            />
          </div>
          <div className="field">
            <label className="label" htmlFor="day-count-reason">
              {tr('เหตุผลหรือคำสั่งที่อ้างอิง', 'Reason or order')}
            </label>
            <input id="day-count-reason" type="text" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {problem && <ProblemMessage problem={problem} />}
          {saved && <Notice>{saved}</Notice>}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {tr('บันทึกการนับวัน', 'Save the day count')}
          </button>
        </form>
      )}
      {data.history.length > 0 && (
        <table className="table responsive">
          <caption>{tr('ประวัติการเปลี่ยนแปลง', 'History of changes')}</caption>
          <thead>
            <tr>
              <th>{tr('ฉบับที่', 'Version')}</th>
              <th>{tr('นับเป็น', 'Count')}</th>
              <th>{tr('มีผลตั้งแต่', 'In force from')}</th>
              <th>{tr('เหตุผล', 'Reason')}</th>
              <th>{tr('ผู้เปลี่ยน', 'Changed by')}</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((v) => (
              <tr key={v.version}>
                <td data-label={tr('ฉบับที่', 'Version')}>{num(v.version)}</td>
                <td data-label={tr('นับเป็น', 'Count')}>{label(v)}</td>
                <td data-label={tr('มีผลตั้งแต่', 'In force from')}>{dateTime(v.effectiveFrom)}</td>
                <td data-label={tr('เหตุผล', 'Reason')}>{v.reason}</td>
                <td data-label={tr('ผู้เปลี่ยน', 'Changed by')}>
                  {v.changedByName} · {dateTime(v.changedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
