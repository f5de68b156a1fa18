/**
 * /personnel — the office's person records (docs/personnel.md): each person
 * with their position number, position, level, salary and school today, and
 * whether the worker opens the office's salary rounds from the records on
 * 1 April / 1 October (the office's setting). /personnel/:personId — one
 * person's record: the values in force today or on a chosen day (each with the date it holds
 * from), leave per half-year, penalties, every change with who, when and
 * from where (an import file, or a hand edit with its reason), dates in พ.ศ.;
 * and a form to correct values (salary, base, position, level) by hand from a date,
 * or record that the person left the office (moved within OBEC, to a named office, or left service).
 *
 * API: GET /api/offices/:officeId/personnel, GET/POST /api/offices/:officeId/personnel/:personId,
 * GET/PUT /api/offices/:officeId/salary-round-settings; the records come in through
 * /admin/import (the person records kind).
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiProblem, client } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { ThaiDateField } from '../forms/thai-date-field';
import { Empty, Loading, Notice, ProblemMessage } from '../ui/feedback';
import type { ApiBody } from '../lib/api-types';

const LEVELS = ['ครูผู้ช่วย', 'คศ.1', 'คศ.2', 'คศ.3', 'คศ.4', 'คศ.5'] as const;

const asProblem = (error: unknown) =>
  error instanceof ApiProblem ? error : new ApiProblem(0, 'UNKNOWN', { th: 'เกิดข้อผิดพลาด', en: 'Something went wrong' }, null);

function NotForYou() {
  const { tr } = useI18n();
  return (
    <>
      <h1>{tr('ระเบียนบุคคล', 'Person records')}</h1>
      <p className="muted">
        {tr('หน้านี้สำหรับผู้ดูแลระบบและเจ้าหน้าที่บุคคลของสำนักงานเขต', 'This page is for the office’s administrators and HR officers.')}
      </p>
    </>
  );
}

/** The office's setting: the worker opens the salary rounds from the records on 1 April / 1 October. */
function RoundOpeningSetting({ officeId }: { officeId: string }) {
  const { tr, num } = useI18n();
  const { data, error, reload } = useApiGet('/api/offices/{officeId}/salary-round-settings', { params: { path: { officeId } } });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  const change = async (autoOpen: boolean) => {
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const r = await client.PUT('/api/offices/{officeId}/salary-round-settings', { params: { path: { officeId } }, body: { autoOpen } });
      setSaved(
        r.changed ? tr(`บันทึกแล้ว (ฉบับที่ ${num(r.version)})`, `Saved (version ${num(r.version)})`) : tr('ไม่มีสิ่งใดเปลี่ยน', 'Nothing changed'),
      );
      reload();
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="round-setting-title" data-testid="round-opening-setting">
      <h2 id="round-setting-title">{tr('เปิดการประเมินเลื่อนเงินเดือนอัตโนมัติ', 'Open the salary rounds automatically')}</h2>
      <p className="muted">
        {tr(
          'เมื่อเปิดใช้ ระบบจะเปิดการประเมินรายบุคคลของรอบเลื่อนเงินเดือนเองในวันที่ 1 เมษายน และ 1 ตุลาคม เวลา 08.00 น. จากระเบียนบุคคล ณ วันที่ 1 มีนาคม และ 1 กันยายน ตามลำดับ ครั้งเดียวต่อรอบ (รอบต้องสร้างและประกาศหลักเกณฑ์ไว้แล้ว) ความคืบหน้าแสดงที่หน้ารอบ',
          'When on, the system opens the appraisals of the salary round itself on 1 April and 1 October at 08:00, from the person records as of 1 March and 1 September, once per round (the round must be created and its criteria announced). Progress shows on the round’s page.',
        )}
      </p>
      <label>
        <input
          type="checkbox"
          checked={data.autoOpen}
          disabled={busy}
          onChange={(e) => void change(e.target.checked)}
          data-testid="round-auto-open"
        />{' '}
        {tr('เปิดการประเมินจากระเบียนบุคคลอัตโนมัติ', 'Open the appraisals from the person records automatically')}
      </label>
      {data.changedAtTh && (
        <p className="muted sv-small">
          {tr(
            `แก้ไขล่าสุด ${data.changedAtTh} โดย ${data.changedByName ?? '—'}`,
            `Last changed ${data.changedAtTh} by ${data.changedByName ?? '—'}`,
          )}
        </p>
      )}
      {saved && <Notice>{saved}</Notice>}
      <ProblemMessage problem={problem} />
    </section>
  );
}

export function PersonnelPage() {
  const { tr, pick } = useI18n();
  const { officeId, has } = useSession();
  const list = useApiGet(
    '/api/offices/{officeId}/personnel',
    officeId && has('admin', 'hr_officer') ? { params: { path: { officeId } } } : null,
  );
  const [query, setQuery] = useState('');
  if (!officeId || !has('admin', 'hr_officer')) return <NotForYou />;
  if (list.error) return <ProblemMessage problem={list.error} />;
  if (!list.data) return <Loading />;
  const q = query.trim().toLowerCase();
  const items = list.data.items.filter(
    (p) => q === '' || p.nameTh.toLowerCase().includes(q) || (p.positionNo ?? '').toLowerCase().includes(q),
  );
  return (
    <>
      <div className="page-head">
        <h1>{tr('ระเบียนบุคคล', 'Person records')}</h1>
        <Link href="/admin/import" className="btn">
          {tr('นำเข้าระเบียนบุคคลจากไฟล์', 'Import records from a file')}
        </Link>
      </div>
      <p className="muted">
        {tr(
          `ตำแหน่ง ระดับ เงินเดือน และโรงเรียนของบุคลากร ณ วันที่ ${list.data.asOfTh} ทุกการเปลี่ยนแปลงเก็บเป็นประวัติ การเลื่อนเงินเดือนใช้ข้อมูลจากระเบียนนี้`,
          `Position, level, salary and school of the office’s people as of ${list.data.asOfTh}. Every change is kept in the history; the salary rounds read these records.`,
        )}
      </p>
      <RoundOpeningSetting officeId={officeId} />
      <label className="field">
        <span>{tr('ค้นหาชื่อหรือเลขที่ตำแหน่ง', 'Search by name or position number')}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {items.length === 0 ? (
        <Empty>{tr('ยังไม่มีบุคลากร นำเข้าบุคลากรแล้วนำเข้าระเบียนบุคคล', 'No people yet: import the staff, then their records')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table responsive" data-testid="personnel-list">
            <caption className="visually-hidden">{tr('บุคลากรและระเบียนบุคคล', 'People and their records')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('ชื่อ', 'Name')}</th>
                <th scope="col">{tr('เลขที่ตำแหน่ง', 'Position number')}</th>
                <th scope="col">{tr('ตำแหน่ง', 'Position')}</th>
                <th scope="col">{tr('ระดับ', 'Level')}</th>
                <th scope="col" className="num">
                  {tr('เงินเดือน', 'Salary')}
                </th>
                <th scope="col">{tr('โรงเรียน', 'School')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.personId}>
                  <td data-label={tr('ชื่อ', 'Name')}>
                    <Link href={`/personnel/${p.personId}`}>{p.nameTh}</Link>
                    {!p.hasRecord && <span className="muted"> {tr('(ยังไม่มีระเบียน)', '(no record yet)')}</span>}
                  </td>
                  <td data-label={tr('เลขที่ตำแหน่ง', 'Position number')}>{p.positionNo ?? '—'}</td>
                  <td data-label={tr('ตำแหน่ง', 'Position')}>{p.position ?? '—'}</td>
                  <td data-label={tr('ระดับ', 'Level')}>{p.level ?? '—'}</td>
                  <td data-label={tr('เงินเดือน', 'Salary')} className="num">
                    {p.salary ? pick(p.salary) : '—'}
                  </td>
                  <td data-label={tr('โรงเรียน', 'School')}>{p.schoolName ?? tr('สำนักงานเขต', 'the office')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A hand correction: values that hold from a date, with the reason (kept in the history). */
/** what an edit of a person's record sends (`editPersonnelRecord`) */
type Edit = ApiBody<'editPersonnelRecord'>;

function EditRecord({ officeId, personId, onDone }: { officeId: string; personId: string; onDone: () => void }) {
  const { tr } = useI18n();
  const [effectiveOn, setEffectiveOn] = useState<unknown>('');
  const [salary, setSalary] = useState('');
  const [base, setBase] = useState('');
  const [position, setPosition] = useState('');
  const [level, setLevel] = useState('');
  // leaving the office on the effective date: moved within OBEC (to a named office) or left service
  const [leaving, setLeaving] = useState<'' | 'moved' | 'left'>('');
  const [movedTo, setMovedTo] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setDone(null);
    const values: Edit['values'] = {};
    const satang = (baht: string) => Math.round(Number(baht.replace(/,/g, '')) * 100);
    if (salary.trim() !== '') values.salary = satang(salary);
    if (base.trim() !== '') values.base = satang(base);
    if (position.trim() !== '') values.position = position.trim();
    if (level !== '') values.level = level as Edit['values']['level'];
    if (leaving !== '') values.left_on = effectiveOn as string;
    if (leaving === 'moved') values.moved_to = movedTo.trim();
    try {
      const r = await client.POST('/api/offices/{officeId}/personnel/{personId}', {
        params: { path: { officeId, personId } },
        body: { effectiveOn: effectiveOn as string, reason, values },
      });
      setDone(
        r.written > 0
          ? tr(`บันทึกแล้ว ${r.written} รายการ`, `${r.written} value(s) recorded`)
          : tr('ค่าเดิม ไม่มีสิ่งใดเปลี่ยน', 'Already so: nothing changed'),
      );
      // the form starts empty again: a next save sends only what is typed next
      for (const clear of [setSalary, setBase, setPosition, setLevel, setMovedTo, setReason]) clear('');
      setLeaving('');
      onDone();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="edit-record-title">
      <h2 id="edit-record-title">{tr('แก้ไขระเบียน', 'Correct the record')}</h2>
      <label className="field" htmlFor="edit-effective-on">
        <span>{tr('มีผลตั้งแต่วันที่', 'Effective from')}</span>
      </label>
      <ThaiDateField
        kind="date"
        id="edit-effective-on"
        name="effectiveOn"
        required
        value={effectiveOn}
        onChange={setEffectiveOn}
        submitError={undefined}
      />
      <label className="field">
        <span>{tr('เงินเดือน (บาท)', 'Salary (baht)')}</span>
        <input inputMode="decimal" value={salary} onChange={(e) => setSalary(e.target.value)} />
      </label>
      <label className="field">
        <span>{tr('ฐานในการคำนวณ (บาท)', 'Calculation base (baht)')}</span>
        <input inputMode="decimal" value={base} onChange={(e) => setBase(e.target.value)} />
      </label>
      <label className="field">
        <span>{tr('ตำแหน่ง', 'Position')}</span>
        <input value={position} onChange={(e) => setPosition(e.target.value)} />
      </label>
      <label className="field">
        <span>{tr('ระดับ (ค.ศ.)', 'Level (ค.ศ.)')}</span>
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="">{tr('(ไม่เปลี่ยน)', '(unchanged)')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{tr('พ้นจากสำนักงานในวันที่มีผล', 'Leaves the office on the effective date')}</span>
        <select value={leaving} onChange={(e) => setLeaving(e.target.value as typeof leaving)}>
          <option value="">{tr('(ไม่เปลี่ยน)', '(unchanged)')}</option>
          <option value="moved">{tr('ย้ายไปหน่วยงานอื่นในสังกัด สพฐ.', 'Moved to another office within OBEC')}</option>
          <option value="left">
            {tr('พ้นจากราชการ (เกษียณ ลาออก โอนไปสังกัดอื่น)', 'Left service (retired, resigned, moved outside OBEC)')}
          </option>
        </select>
      </label>
      {leaving === 'moved' && (
        <label className="field">
          <span>{tr('ย้ายไปสังกัด (ภายใน สพฐ.)', 'Moved to (an office within OBEC)')}</span>
          <input
            required
            value={movedTo}
            onChange={(e) => setMovedTo(e.target.value)}
            placeholder={tr('เช่น สพป.ลำพูน เขต 1', 'e.g. สพป.ลำพูน เขต 1')}
          />
        </label>
      )}
      <label className="field">
        <span>{tr('เหตุผลการแก้ไข', 'Reason for the change')}</span>
        <input required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="btn-row">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={
            busy ||
            reason.trim() === '' ||
            (leaving === 'moved' && movedTo.trim() === '') ||
            (salary.trim() === '' && base.trim() === '' && position.trim() === '' && level === '' && leaving === '')
          }
        >
          {tr('บันทึก', 'Save')}
        </button>
      </div>
      {done && <Notice>{done}</Notice>}
      <ProblemMessage problem={problem} />
    </form>
  );
}

export function PersonnelRecordPage({ personId }: { personId: string }) {
  const { tr, pick } = useI18n();
  const { officeId, has } = useSession();
  // "as of" a chosen day: the value the field hands over once the text reads as a date (else the text, not sent)
  const [asOf, setAsOf] = useState<unknown>('');
  const asOfDate = typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null;
  const record = useApiGet(
    '/api/offices/{officeId}/personnel/{personId}',
    officeId && has('admin', 'hr_officer') ? { params: { path: { officeId, personId }, query: asOfDate ? { asOf: asOfDate } : {} } } : null,
  );
  if (!officeId || !has('admin', 'hr_officer')) return <NotForYou />;
  if (record.error) return <ProblemMessage problem={record.error} />;
  if (!record.data) return <Loading />;
  const r = record.data;
  return (
    <>
      <p>
        <Link href="/personnel">{tr('← ระเบียนบุคคล', '← Person records')}</Link>
      </p>
      <h1>{r.nameTh}</h1>
      <section className="card" aria-labelledby="record-now-title" data-testid="record-values">
        <h2 id="record-now-title">{tr(`ข้อมูล ณ วันที่ ${r.asOfTh}`, `As of ${r.asOfTh}`)}</h2>
        <label className="field" htmlFor="record-as-of">
          <span>{tr('ดูข้อมูล ณ วันที่ (เว้นว่าง: วันนี้)', 'See the record as of (blank: today)')}</span>
        </label>
        <ThaiDateField kind="date" id="record-as-of" name="asOf" required={false} value={asOf} onChange={setAsOf} submitError={undefined} />
        {r.values.length === 0 ? (
          <Empty>
            {tr(
              'ไม่มีข้อมูล ณ วันที่นี้ (ระเบียนนำเข้าจากไฟล์ที่หน้านำเข้าข้อมูล)',
              'Nothing recorded on or before this day (records are imported on the Import page)',
            )}
          </Empty>
        ) : (
          <dl className="payload-fields">
            {r.values.map((v) => (
              <div key={v.field}>
                <dt>{pick(v.label)}</dt>
                <dd>
                  {pick(v.shown)} <span className="muted">{tr(`(ตั้งแต่ ${v.effectiveOnTh})`, `(since ${v.effectiveOnTh})`)}</span>
                </dd>
              </div>
            ))}
          </dl>
        )}
        {r.leave.length > 0 && (
          <>
            <h3>{tr('การลา', 'Leave')}</h3>
            <ul>
              {r.leave.map((l) => (
                <li key={l.halfYearFrom}>
                  {pick(l.halfYear)}: {pick(l.shown)}
                </li>
              ))}
            </ul>
          </>
        )}
        {r.penalties.length > 0 && (
          <>
            <h3>{tr('โทษทางวินัย', 'Disciplinary penalties')}</h3>
            <ul>
              {r.penalties.map((p) => (
                <li key={`${p.on}-${p.kind}`}>
                  {pick(p.shown)} {tr(`เมื่อ ${p.onTh}`, `on ${p.onTh}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <EditRecord officeId={officeId} personId={personId} onDone={record.reload} />
      <section className="card" aria-labelledby="record-history-title">
        <h2 id="record-history-title">{tr('ประวัติการเปลี่ยนแปลง', 'History of changes')}</h2>
        {r.history.length === 0 ? (
          <Empty>{tr('ยังไม่มีการเปลี่ยนแปลง', 'No changes yet')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table responsive" data-testid="record-history">
              <caption className="visually-hidden">{tr('ประวัติการเปลี่ยนแปลง ล่าสุดก่อน', 'Changes, latest first')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('ข้อมูล', 'Field')}</th>
                  <th scope="col">{tr('ค่า', 'Value')}</th>
                  <th scope="col">{tr('มีผลตั้งแต่', 'From')}</th>
                  <th scope="col">{tr('ที่มา', 'Source')}</th>
                  <th scope="col">{tr('บันทึกเมื่อ / โดย', 'Recorded / by')}</th>
                </tr>
              </thead>
              <tbody>
                {r.history.map((h) => (
                  <tr key={h.id}>
                    <td data-label={tr('ข้อมูล', 'Field')}>{pick(h.label)}</td>
                    <td data-label={tr('ค่า', 'Value')}>{pick(h.shown)}</td>
                    <td data-label={tr('มีผลตั้งแต่', 'From')}>{h.effectiveOnTh}</td>
                    <td data-label={tr('ที่มา', 'Source')}>
                      {h.source === 'import' ? tr('นำเข้าจากไฟล์', 'Imported from a file') : tr('แก้ไขโดยเจ้าหน้าที่', 'Edited by hand')}
                      {h.sourceRef ? ` (${h.sourceRef})` : ''}
                    </td>
                    <td data-label={tr('บันทึกเมื่อ / โดย', 'Recorded / by')}>
                      {h.recordedAtTh} · {h.recordedByName ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
