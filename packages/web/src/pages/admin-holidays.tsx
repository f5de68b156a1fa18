/**
 * /admin/holidays — the days my office does not work besides weekends and the
 * official holidays built into the calendar: nationwide special holidays
 * (วันหยุดพิเศษตามมติ ครม., recorded by the operators) and my office's own
 * closures. An office admin records or removes a closure here; each change
 * re-computes the deadlines of the open cases it touches, and the page says
 * how many moved. HR officers see the list read-only.
 *
 * API: GET /api/calendar/days?officeId=&year=, POST /api/calendar/days,
 * DELETE /api/calendar/days/:id; GET /api/offices/:officeId/users (admins only:
 * who recorded a day); GET/PUT /api/offices/:officeId/deadline-policy (the
 * office's day-count policy card, admin-day-count.tsx).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { ApiProblem, client } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { Empty, Loading, Notice, ProblemMessage } from '../ui/feedback';
import { ConfirmAction } from './admin/confirm';
import { DayCountPolicyCard } from './admin-day-count';
import type { ApiOk } from '../lib/api-types';

/** one day of the calendar (`listCalendarDays`) */
type CalendarDay = ApiOk<'listCalendarDays'>['items'][number];

/** what a change of the calendar answers (`addCalendarDay`, `removeCalendarDay`) */
type ChangeResult = ApiOk<'removeCalendarDay'>;

/** Years the API accepts (Gregorian). */
const FIRST_YEAR = 2023;
const LAST_YEAR = 2035;

/** Today in Bangkok as YYYY-MM-DD. */
function todayInBangkok(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

export function HolidaysPage(_props: Record<string, unknown>) {
  const { tr, date, dateTime, num, lang } = useI18n();
  const { me, officeId, has } = useSession();
  const isAdmin = has('admin');
  const [year, setYear] = useState<string>('');
  const { data, error, loading, reload } = useApiGet(
    '/api/calendar/days',
    officeId ? { params: { query: { officeId, ...(year ? { year: Number(year) } : {}) } } } : null,
  );
  // who recorded a day: only an admin may read the office's users
  const users = useApiGet('/api/offices/{officeId}/users', isAdmin && officeId ? { params: { path: { officeId } } } : null);
  const userById = useMemo(() => new Map((users.data?.items ?? []).map((u) => [u.id, u])), [users.data]);

  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const today = todayInBangkok();
  const items = data?.items ?? [];
  const upcoming = items.filter((d) => d.date >= today);
  const closures = items.filter((d) => d.kind === 'office_closure').length;

  const changed = (verb: 'added' | 'removed', day: { date: string }, r: ChangeResult) => {
    if (r.unchanged) {
      return verb === 'added'
        ? tr(`วันที่ ${date(day.date)} มีบันทึกอยู่แล้ว ไม่มีการเปลี่ยนแปลง`, `${date(day.date)} was already recorded; nothing changed.`)
        : tr(`วันที่ ${date(day.date)} ถูกยกเลิกไปแล้ว ไม่มีการเปลี่ยนแปลง`, `${date(day.date)} was already removed; nothing changed.`);
    }
    const moved =
      r.recomputedClocks === 0
        ? tr('ไม่มีกำหนดเวลาของเรื่องที่เปิดอยู่ต้องเปลี่ยน', 'No open deadline had to move.')
        : tr(`คำนวณกำหนดเวลาใหม่ ${num(r.recomputedClocks)} รายการ`, `${num(r.recomputedClocks)} open deadline(s) were recomputed.`);
    return verb === 'added'
      ? `${tr(`บันทึกวันปิดสำนักงาน ${date(day.date)} แล้ว`, `Office closure on ${date(day.date)} recorded.`)} ${moved}`
      : `${tr(`ยกเลิกวันหยุด ${date(day.date)} แล้ว`, `The day off on ${date(day.date)} was removed.`)} ${moved}`;
  };

  const remove = async (day: CalendarDay) => {
    setProblem(null);
    setNotice(null);
    try {
      const r = await client.DELETE('/api/calendar/days/{id}', { params: { path: { id: day.id } } });
      setNotice(changed('removed', day, r));
      reload();
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    }
  };

  const recordedBy = (id: string) => {
    if (id === 'system') return tr('ผู้ดูแลระบบกลาง (ตามมติ ครม.)', 'System operators (cabinet resolution)');
    if (id === me?.id) return tr(`คุณ (${me.username})`, `You (${me.username})`);
    const u = userById.get(id);
    return u ? `${u.person.nameTh} (${u.username})` : tr('ผู้ดูแลระบบของสำนักงาน', 'An office administrator');
  };

  if (!officeId) {
    return (
      <>
        <h1>{tr('วันหยุดและวันปิดสำนักงาน', 'Holidays and office closures')}</h1>
        <p className="muted">{tr('บัญชีของคุณไม่มีบทบาทระดับสำนักงานเขต', 'Your account has no office-wide role.')}</p>
      </>
    );
  }

  return (
    <>
      <div className="page-head">
        <h1>{tr('วันหยุดและวันปิดสำนักงาน', 'Holidays and office closures')}</h1>
      </div>
      <p className="adm-lead">
        {tr(
          'วันทำการคือวันจันทร์–ศุกร์ เว้นวันหยุดราชการประจำปี (มีอยู่ในปฏิทินของระบบแล้ว) วันหยุดพิเศษตามมติคณะรัฐมนตรี และวันปิดสำนักงานของเขตที่บันทึกไว้ด้านล่าง เมื่อเพิ่มหรือยกเลิกวันหยุด ระบบจะคำนวณกำหนดเวลาของเรื่องที่ยังเปิดอยู่ใหม่ทันที',
          'Working days are Monday–Friday except the official annual holidays (built into the calendar), special holidays by cabinet resolution and the office closures recorded below. Adding or removing a day re-computes the deadlines of open cases at once.',
        )}
      </p>

      <div className="stats" aria-live="polite">
        <div className="stat">
          <span>{tr('วันหยุดที่บันทึกไว้', 'Recorded days')}</span>
          <strong>{num(items.length)}</strong>
        </div>
        <div className="stat">
          <span>{tr('วันปิดสำนักงานของเขต', 'Office closures')}</span>
          <strong>{num(closures)}</strong>
        </div>
        <div className="stat">
          <span>{tr('วันหยุดถัดไป', 'Next day off')}</span>
          <strong className="adm-stat-text">{upcoming[0] ? date(upcoming[0].date) : '—'}</strong>
        </div>
      </div>

      {notice && <Notice>{notice}</Notice>}
      <ProblemMessage problem={problem} />

      <div className={isAdmin ? 'grid-2 adm-grid-wide' : undefined}>
        <section className="card" aria-labelledby="days-title">
          <div className="toolbar adm-section-head">
            <h2 id="days-title">{tr('รายการวันหยุด', 'Days off')}</h2>
            <label className="field">
              <span>{tr('ปี (พ.ศ.)', 'Year (BE)')}</span>
              <select value={year} onChange={(e) => setYear(e.target.value)}>
                <option value="">{tr('ทุกปี', 'All years')}</option>
                {Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i).map((y) => (
                  <option key={y} value={y}>
                    {lang === 'th' ? `พ.ศ. ${y + 543}` : `${y + 543} BE (${y})`}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ProblemMessage problem={error} />
          {loading && !data ? (
            <Loading />
          ) : items.length === 0 ? (
            <Empty>
              {tr(
                'ยังไม่มีวันหยุดพิเศษหรือวันปิดสำนักงานที่บันทึกไว้ (วันหยุดราชการประจำปีมีอยู่ในปฏิทินของระบบแล้ว)',
                'No special holidays or office closures recorded yet (the official annual holidays are built into the calendar).',
              )}
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table responsive">
                <caption className="visually-hidden">
                  {tr('วันหยุดพิเศษและวันปิดสำนักงาน เรียงตามวันที่', 'Special holidays and office closures by date')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('วันที่', 'Date')}</th>
                    <th scope="col">{tr('ประเภท', 'Kind')}</th>
                    <th scope="col">{tr('ชื่อวันหยุด', 'Name')}</th>
                    <th scope="col">{tr('อ้างอิง', 'Authority')}</th>
                    <th scope="col">{tr('ผู้บันทึก', 'Recorded by')}</th>
                    {isAdmin && <th scope="col">{tr('จัดการ', 'Actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => {
                    const past = d.date < today;
                    const name = lang === 'th' ? d.nameTh : d.nameEn || d.nameTh;
                    const other = lang === 'th' ? d.nameEn : d.nameTh;
                    return (
                      <tr key={d.id} className={past ? 'adm-past' : undefined}>
                        <td data-label={tr('วันที่', 'Date')} className="adm-nowrap">
                          <strong>{date(d.date)}</strong>
                          {past && <span className="muted adm-small"> · {tr('ผ่านมาแล้ว', 'past')}</span>}
                        </td>
                        <td data-label={tr('ประเภท', 'Kind')}>
                          {d.kind === 'special' ? (
                            <span className="badge badge-open">{tr('วันหยุดพิเศษ (ทั่วประเทศ)', 'Special holiday (nationwide)')}</span>
                          ) : (
                            <span className="badge badge-risk">{tr('วันปิดสำนักงานเขต', 'Office closure')}</span>
                          )}
                        </td>
                        <td data-label={tr('ชื่อวันหยุด', 'Name')}>
                          {name}
                          {other && other !== name && (
                            <span className="muted adm-small" lang={lang === 'th' ? 'en' : 'th'}>
                              <br />
                              {other}
                            </span>
                          )}
                        </td>
                        <td data-label={tr('อ้างอิง', 'Authority')}>{d.source}</td>
                        <td data-label={tr('ผู้บันทึก', 'Recorded by')}>
                          {recordedBy(d.createdBy)}
                          <span className="muted adm-small">
                            <br />
                            {dateTime(d.createdAt)}
                          </span>
                        </td>
                        {isAdmin && (
                          <td data-label={tr('จัดการ', 'Actions')}>
                            {d.kind === 'office_closure' ? (
                              <ConfirmAction
                                label={tr('ยกเลิกวันนี้', 'Remove')}
                                question={tr(
                                  `ยกเลิกวันปิดสำนักงาน ${date(d.date)}? กำหนดเวลาของเรื่องที่เปิดอยู่จะถูกคำนวณใหม่`,
                                  `Remove the closure on ${date(d.date)}? Open deadlines will be recomputed.`,
                                )}
                                confirmLabel={tr('ยืนยันการยกเลิก', 'Yes, remove')}
                                onConfirm={() => remove(d)}
                              />
                            ) : (
                              <span className="muted adm-small">{tr('บันทึกโดยผู้ดูแลระบบกลาง', 'Managed by the operators')}</span>
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {isAdmin ? (
          <ClosureForm
            officeId={officeId}
            onRecorded={(day, r) => {
              setProblem(null);
              setNotice(changed('added', day, r));
              reload();
            }}
          />
        ) : (
          <p className="muted">
            {tr(
              'เฉพาะผู้ดูแลระบบของสำนักงานเขตเท่านั้นที่บันทึกหรือยกเลิกวันปิดสำนักงานได้',
              'Only an administrator of the office can record or remove office closures.',
            )}
          </p>
        )}
      </div>
      <DayCountPolicyCard />
    </>
  );
}

function ClosureForm({ officeId, onRecorded }: { officeId: string; onRecorded: (day: { date: string }, r: ChangeResult) => void }) {
  const { tr, date } = useI18n();
  const [day, setDay] = useState('');
  const [nameTh, setNameTh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const weekday = day ? new Date(`${day}T12:00:00+07:00`).getUTCDay() : null;
  const isWeekend = weekday === 0 || weekday === 6;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const r = await client.POST('/api/calendar/days', {
        body: {
          date: day,
          kind: 'office_closure',
          officeId,
          nameTh: nameTh.trim(),
          nameEn: nameEn.trim(),
          source: source.trim(),
        },
      });
      onRecorded({ date: day }, r);
      setDay('');
      setNameTh('');
      setNameEn('');
      setSource('');
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="closure-title">
      <h2 id="closure-title">{tr('บันทึกวันปิดสำนักงาน', 'Record an office closure')}</h2>
      <p className="muted adm-small">
        {tr(
          'ใช้เมื่อสำนักงานเขตปิดทำการทั้งวัน (เช่น ตามคำสั่งของสำนักงาน) วันหยุดพิเศษทั่วประเทศตามมติ ครม. บันทึกโดยผู้ดูแลระบบกลาง',
          'For a day the whole office is closed (e.g. by an office order). Nationwide special holidays are recorded by the operators.',
        )}
      </p>
      <label className="field">
        <span>{tr('วันที่', 'Date')}</span>
        <input
          type="date"
          required
          value={day}
          onChange={(e) => setDay(e.target.value)}
          min="2023-01-01"
          max="2035-12-31"
          aria-describedby="closure-date-hint"
        />
        <span className="hint" id="closure-date-hint" aria-live="polite">
          {day ? `${tr('คือวันที่', 'That is')} ${date(day)}` : tr('เลือกวันที่จากปฏิทิน', 'Pick a date')}
          {isWeekend && ` — ${tr('เป็นวันเสาร์–อาทิตย์ซึ่งเป็นวันหยุดอยู่แล้ว', 'a weekend, already a day off')}`}
        </span>
      </label>
      <label className="field">
        <span>{tr('ชื่อวันหยุด (ภาษาไทย)', 'Name in Thai')}</span>
        <input
          required
          maxLength={200}
          value={nameTh}
          onChange={(e) => setNameTh(e.target.value)}
          placeholder="ปิดสำนักงานเพื่อปรับปรุงระบบไฟฟ้า"
        />
      </label>
      <label className="field">
        <span>{tr('ชื่อวันหยุด (ภาษาอังกฤษ)', 'Name in English')}</span>
        <input
          required
          maxLength={200}
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          lang="en"
          placeholder="Office closed for electrical works"
        />
      </label>
      <label className="field">
        <span>
          {tr('อ้างอิง', 'Authority')} <span className="hint">{tr('(เช่น เลขที่คำสั่งของสำนักงาน)', '(e.g. the office order number)')}</span>
        </span>
        <input
          required
          maxLength={300}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          placeholder={tr('คำสั่ง สพป. ที่ 123/2569', 'Office order 123/2569')}
        />
      </label>
      <div className="alert adm-info" role="note">
        {tr(
          'เมื่อบันทึก ระบบจะเลื่อนกำหนดเวลาของเรื่องที่ยังเปิดอยู่ซึ่งนับผ่านวันนี้ และแจ้งจำนวนที่เปลี่ยน',
          'Saving moves the deadlines of open cases counted across this day, and says how many moved.',
        )}
      </div>
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังบันทึก…', 'Saving…') : tr('บันทึกวันปิดสำนักงาน', 'Record the closure')}
      </button>
    </form>
  );
}
