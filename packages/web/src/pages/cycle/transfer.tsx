/**
 * A transfer round run by the office (issue 21), on the round's page
 * (/cycles/:id): its dated phases in พ.ศ.; its vacancies by school name,
 * subject and seats, posted and edited while the round takes them (the
 * school chosen from the office's schools); every request by state with its
 * teacher, linking to the case; the score sheet (download, upload filled,
 * a report per row); the TRS import (transfer-trs-import.tsx); closing the
 * round's current phase (transfer-close-phase.tsx); the matching — run it, read the result per vacancy
 * with each applicant's rank, score and why, publish it to the committees;
 * moves to and from other areas (transfer-exchanges.tsx).
 *
 * API: GET /api/transfer-rounds/:id/administration; POST /api/cases/:id/events
 * (POST_VACANCIES, OPEN_REQUESTS); GET …/score-sheet.xlsx, POST …/score-sheet;
 * POST …/matching, POST …/matching/publish (docs/workflows/transfer.md
 * "Running a round from the web application").
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiProblem, client, newIdempotencyKey, type Label } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { uploadSpreadsheet, XLSX_TYPE } from '../../lib/spreadsheet-upload';
import type { ApiOk } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { Empty, Loading, Notice, ProblemMessage } from '../../ui/feedback';
import { ClosePhase } from './transfer-close-phase';
import { TrsImport } from './transfer-trs-import';
import { CrossAreaVacancies, RoundExchanges } from './transfer-exchanges';
import { useRoundCommand } from './round-command';

type Admin = ApiOk<'getTransferRoundAdministration'>;
type Vacancy = Admin['vacancies'][number];
type Summary = ApiOk<'runTransferMatching'>['summary'];
type SheetReport = ApiOk<'uploadTransferScoreSheet'>;

/** "1 ก.พ. 2568 เวลา 16.30 น." */
function Moment({ date: d, time }: { date: string; time: string }) {
  const { date, tr } = useI18n();
  return (
    <>
      {date(d)} {tr(`เวลา ${time.replace(':', '.')} น.`, `at ${time}`)}
    </>
  );
}

export function TransferRoundSections({ caseId, onChanged }: { caseId: string; onChanged: () => void }) {
  const admin = useApiGet('/api/transfer-rounds/{caseId}/administration', { params: { path: { caseId } } });
  // once shown, the score sheet stays: its report must not vanish when the upload leaves no request to score
  const sheetShown = useRef(false);
  // likewise the TRS import: its report stays when the round moves past the school review
  const trsShown = useRef(false);
  if (admin.error && !admin.data) return <ProblemMessage problem={admin.error} />;
  if (!admin.data) return <Loading />;
  const a = admin.data;
  if (a.requests.some((r) => r.state === 'scoring' || r.state === 'verification')) sheetShown.current = true;
  if (a.may.trsImport) trsShown.current = true;
  const changed = () => {
    admin.reload();
    onChanged();
  };
  return (
    <>
      <Phases admin={a} />
      <ScoringTableCard admin={a} />
      {a.may.closePhase && <ClosePhase roundCaseId={a.round.caseId} closing={a.may.closePhase} onChanged={changed} />}
      <Vacancies admin={a} onChanged={changed} />
      {a.may.postVacancies && <CrossAreaVacancies roundCaseId={a.round.caseId} posted={a.vacancies} onChanged={changed} />}
      {trsShown.current && <TrsImport roundCaseId={a.round.caseId} onChanged={changed} />}
      <Requests admin={a} />
      {a.may.scoreSheet && sheetShown.current && <ScoreSheet admin={a} onChanged={changed} />}
      <Matching admin={a} onChanged={changed} />
      <RoundExchanges key={`${a.round.state}-${a.matching.published?.runNo ?? 0}`} roundCaseId={a.round.caseId} onChanged={changed} />
    </>
  );
}

function Phases({ admin }: { admin: Admin }) {
  const { tr, pick } = useI18n();
  return (
    <section className="card" aria-labelledby="round-phases-title" data-testid="round-phases">
      <h2 id="round-phases-title">{tr('ปฏิทินของรอบ', 'The round’s calendar')}</h2>
      <div className="table-wrap">
        <table className="table responsive">
          <caption className="visually-hidden">{tr('วันเวลาของแต่ละช่วงของรอบ', 'The moment of each phase')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('ช่วง', 'Phase')}</th>
              <th scope="col">{tr('วันเวลา', 'When')}</th>
            </tr>
          </thead>
          <tbody>
            {admin.phases.map((p) => (
              <tr key={p.key}>
                <td data-label={tr('ช่วง', 'Phase')}>{pick(p.label)}</td>
                <td data-label={tr('วันเวลา', 'When')}>
                  <Moment date={p.date} time={p.time} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The round's scoring table: each component, who gives it, its levels and points (placeholders said so). */
function ScoringTableCard({ admin }: { admin: Admin }) {
  const { tr, pick, num } = useI18n();
  const t = admin.scoringTable;
  return (
    <section className="card" aria-labelledby="round-table-title" data-testid="round-scoring-table">
      <h2 id="round-table-title">{tr('ตารางคะแนนของรอบ', 'The round’s scoring table')}</h2>
      <p>
        {tr('รอบสำหรับ', 'For')}: <strong data-testid="round-applicants">{pick(admin.applicants.label)}</strong>
      </p>
      <p>
        <strong>{pick(t.title)}</strong> {tr(`(ปี พ.ศ. ${t.year} ฉบับที่ ${num(t.version)})`, `(B.E. ${t.year}, version ${num(t.version)})`)}
      </p>
      {t.pointsUnverified && (
        <p className="muted">
          {tr(
            'คะแนนในตารางเป็นค่าเริ่มต้นที่ยังไม่ได้ตรวจกับประกาศฉบับจริง สำนักงานเขตกำหนดใหม่ได้',
            'The points are defaults not yet checked against the official annex; the office may set its own.',
          )}
        </p>
      )}
      <div className="table-wrap">
        <table className="table responsive">
          <caption className="visually-hidden">{pick(t.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('องค์ประกอบ', 'Component')}</th>
              <th scope="col">{tr('ผู้ให้คะแนน', 'Given by')}</th>
              <th scope="col">{tr('ระดับและคะแนน', 'Levels and points')}</th>
            </tr>
          </thead>
          <tbody>
            {t.components.map((c) => (
              <tr key={c.id}>
                <td data-label={tr('องค์ประกอบ', 'Component')}>{pick(c.label)}</td>
                <td data-label={tr('ผู้ให้คะแนน', 'Given by')}>{pick(c.by)}</td>
                <td data-label={tr('ระดับและคะแนน', 'Levels and points')}>
                  {c.levels.map((l) => `${pick(l.label)} ${tr(`${num(l.points)} คะแนน`, `${num(l.points)} points`)}`).join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The posts of an administrators' round's vacancies (a request is matched on its applicant's post). */
const ADMIN_POSTS: readonly Label[] = [
  { th: 'ผู้อำนวยการสถานศึกษา', en: 'School director' },
  { th: 'รองผู้อำนวยการสถานศึกษา', en: 'Deputy school director' },
];

type School = ApiOk<'listSchools'>['items'][number];

/** The next free internal id of a vacancy (never shown): V1, V2, … */
function nextVacancyId(vacancies: readonly Vacancy[]): string {
  let n = vacancies.length + 1;
  while (vacancies.some((v) => v.id === `V${n}`)) n += 1;
  return `V${n}`;
}

function Vacancies({ admin, onChanged }: { admin: Admin; onChanged: () => void }) {
  const { tr, num, lang, pick } = useI18n();
  const may = admin.may.postVacancies;
  const schools = useApiGet('/api/offices/{officeId}/schools', may ? { params: { path: { officeId: admin.round.officeId } } } : null);
  const [schoolId, setSchoolId] = useState('');
  const [subject, setSubject] = useState('');
  const [seats, setSeats] = useState('1');
  const { send, busy, problem } = useRoundCommand(admin.round.caseId, onChanged);
  const [done, setDone] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const name = (s: School) => (lang === 'en' && s.nameEn ? s.nameEn : s.nameTh);
  // an administrators' round posts a director's or deputy's post where a teachers' round posts a subject
  const posts = admin.applicants.kind === 'school_administrators';
  const subjectHead = posts ? tr('ตำแหน่ง', 'Post') : tr('วิชาเอก', 'Subject');
  const items = [...(schools.data?.items ?? [])].sort((a, b) => name(a).localeCompare(name(b), lang === 'th' ? 'th' : 'en'));

  const post = async (payload: { vacancies: Omit<Vacancy, 'crossArea'>[]; remove?: string[] }, message: string) => {
    setDone(null);
    const took = await send('POST_VACANCIES', payload);
    if (took) setDone(message);
    return took;
  };
  const plain = (v: Vacancy) => ({ id: v.id, schoolId: v.schoolId, schoolName: v.schoolName, subject: v.subject, count: v.count });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const school = items.find((s) => s.id === schoolId);
    const count = Number(seats);
    if (!school) return setMissing(tr('กรุณาเลือกโรงเรียน', 'Choose a school'));
    if (subject.trim() === '')
      return setMissing(posts ? tr('กรุณาเลือกตำแหน่ง', 'Choose the post') : tr('กรุณากรอกวิชาเอก', 'Type the subject'));
    if (!Number.isInteger(count) || count < 1 || count > 100)
      return setMissing(tr('จำนวนอัตราต้องเป็นจำนวนเต็ม 1–100', 'Seats must be a whole number from 1 to 100'));
    setMissing(null);
    const same = admin.vacancies.find((v) => v.schoolId === school.id && v.subject === subject.trim());
    const vacancy = same
      ? { ...plain(same), count: same.count + count }
      : { id: nextVacancyId(admin.vacancies), schoolId: school.id, schoolName: school.nameTh, subject: subject.trim(), count };
    if (
      await post(
        { vacancies: [vacancy] },
        tr(
          `บันทึกตำแหน่งว่าง ${school.nameTh} ${posts ? 'ตำแหน่ง' : 'วิชาเอก'}${subject.trim()} แล้ว`,
          `Vacancy at ${name(school)} (${subject.trim()}) saved`,
        ),
      )
    ) {
      setSubject('');
      setSeats('1');
    }
  };

  return (
    <section className="card" aria-labelledby="round-vacancies-title" data-testid="round-vacancies">
      <h2 id="round-vacancies-title">{tr('ตำแหน่งว่างของรอบ', 'The round’s vacancies')}</h2>
      {done && <Notice>{done}</Notice>}
      <ProblemMessage problem={problem} />
      {admin.vacancies.length === 0 ? (
        <Empty>{tr('ยังไม่มีตำแหน่งว่าง', 'No vacancy yet')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table responsive">
            <caption className="visually-hidden">{tr('ตำแหน่งว่าง', 'Vacancies')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('โรงเรียน', 'School')}</th>
                <th scope="col">{subjectHead}</th>
                <th scope="col" className="num">
                  {tr('จำนวนอัตรา', 'Seats')}
                </th>
                {may && <th scope="col">{tr('แก้ไข', 'Edit')}</th>}
              </tr>
            </thead>
            <tbody>
              {admin.vacancies.map((v) => (
                <tr key={v.id}>
                  <td data-label={tr('โรงเรียน', 'School')}>
                    {v.schoolName}
                    {v.crossArea && <span className="muted sv-small"> {tr('(ต่างเขตพื้นที่)', '(another area)')}</span>}
                  </td>
                  <td data-label={subjectHead}>{v.subject}</td>
                  <td data-label={tr('จำนวนอัตรา', 'Seats')} className="num">
                    {num(v.count)}
                  </td>
                  {may && v.crossArea && <td data-label={tr('แก้ไข', 'Edit')}>{tr('ประกาศโดยเขตพื้นที่อื่น', 'Posted by another area')}</td>}
                  {may && !v.crossArea && (
                    <td data-label={tr('แก้ไข', 'Edit')}>
                      <div className="toolbar">
                        <label className="visually-hidden" htmlFor={`seats-${v.id}`}>
                          {tr(`จำนวนอัตรา ${v.schoolName} ${v.subject}`, `Seats at ${v.schoolName}, ${v.subject}`)}
                        </label>
                        <input
                          id={`seats-${v.id}`}
                          type="number"
                          min={1}
                          max={100}
                          step={1}
                          inputMode="numeric"
                          style={{ width: '5em' }}
                          value={edits[v.id] ?? String(v.count)}
                          onChange={(e) => setEdits({ ...edits, [v.id]: e.target.value })}
                        />
                        <button
                          type="button"
                          className="btn btn-ghost"
                          disabled={busy || (edits[v.id] ?? String(v.count)) === String(v.count)}
                          onClick={() =>
                            void post(
                              { vacancies: [{ ...plain(v), count: Number(edits[v.id]) }] },
                              tr(`แก้จำนวนอัตรา ${v.schoolName} แล้ว`, `Seats at ${v.schoolName} changed`),
                            )
                          }
                        >
                          {tr('บันทึกจำนวน', 'Save seats')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-ghost"
                          disabled={busy}
                          onClick={() =>
                            void post(
                              { vacancies: [], remove: [v.id] },
                              tr(`ยกเลิกตำแหน่งว่าง ${v.schoolName} ${v.subject} แล้ว`, `Vacancy at ${v.schoolName} withdrawn`),
                            )
                          }
                        >
                          {tr('ยกเลิกตำแหน่งนี้', 'Withdraw')}
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {may && (
        <form onSubmit={(e) => void add(e)} noValidate aria-label={tr('เพิ่มตำแหน่งว่าง', 'Add a vacancy')}>
          <h3>{tr('เพิ่มตำแหน่งว่าง', 'Add a vacancy')}</h3>
          <div className="field">
            <label htmlFor="vacancy-school">{tr('โรงเรียน', 'School')}</label>
            <select id="vacancy-school" value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
              <option value="">
                {schools.data ? tr('— เลือกโรงเรียน —', '— choose a school —') : tr('กำลังโหลดรายชื่อโรงเรียน…', 'Loading the schools…')}
              </option>
              {items.map((s) => (
                <option key={s.id} value={s.id}>
                  {name(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="vacancy-subject">{subjectHead}</label>
            {posts ? (
              <select id="vacancy-subject" value={subject} onChange={(e) => setSubject(e.target.value)}>
                <option value="">{tr('— เลือกตำแหน่ง —', '— choose the post —')}</option>
                {ADMIN_POSTS.map((p) => (
                  <option key={p.th} value={p.th}>
                    {pick(p)}
                  </option>
                ))}
              </select>
            ) : (
              <input id="vacancy-subject" type="text" maxLength={100} value={subject} onChange={(e) => setSubject(e.target.value)} />
            )}
          </div>
          <div className="field">
            <label htmlFor="vacancy-seats">{tr('จำนวนอัตรา', 'Seats')}</label>
            <input
              id="vacancy-seats"
              type="number"
              min={1}
              max={100}
              step={1}
              inputMode="numeric"
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
            />
          </div>
          {missing && (
            <p className="field-error" role="alert">
              {missing}
            </p>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {tr('บันทึกตำแหน่งว่าง', 'Save the vacancy')}
          </button>
        </form>
      )}
      {admin.may.openRequests && <OpenRequests admin={admin} onChanged={onChanged} />}
    </section>
  );
}

function OpenRequests({ admin, onChanged }: { admin: Admin; onChanged: () => void }) {
  const { tr } = useI18n();
  const { send, busy, problem } = useRoundCommand(admin.round.caseId, onChanged);
  const from = admin.phases.find((p) => p.key === 'requestsFrom');
  const open = () => send('OPEN_REQUESTS');
  return (
    <div>
      <h3>{tr('เปิดรับคำขอย้าย', 'Open the requests')}</h3>
      <p className="muted">
        {tr('ครูยื่นคำขอได้เมื่อเปิดรับคำขอแล้ว ตั้งแต่', 'Teachers can file once the requests are open, from')}{' '}
        {from && <Moment date={from.date} time={from.time} />}
      </p>
      <ProblemMessage problem={problem} />
      <button type="button" className="btn" disabled={busy} onClick={() => void open()}>
        {tr('เปิดรับคำขอย้าย', 'Open the requests')}
      </button>
    </div>
  );
}

function Requests({ admin }: { admin: Admin }) {
  const { tr, pick, num } = useI18n();
  const [only, setOnly] = useState<string>('');
  const shown = only ? admin.requests.filter((r) => r.state === only) : admin.requests;
  return (
    <section className="card" aria-labelledby="round-requests-title" data-testid="round-requests">
      <h2 id="round-requests-title">{tr('คำขอย้ายของรอบ', 'The round’s requests')}</h2>
      {admin.requests.length === 0 ? (
        <Empty>{tr('ยังไม่มีคำขอย้าย', 'No request yet')}</Empty>
      ) : (
        <>
          <ul className="sv-chips" aria-label={tr('จำนวนคำขอตามขั้นตอน', 'Requests by step')} data-testid="requests-by-state">
            {admin.byState.map((s) => (
              <li key={s.state}>
                <button
                  type="button"
                  className={`btn btn-ghost${only === s.state ? ' is-active' : ''}`}
                  aria-pressed={only === s.state}
                  onClick={() => setOnly(only === s.state ? '' : s.state)}
                >
                  {pick(s.label)}: <strong>{num(s.count)}</strong>
                </button>
              </li>
            ))}
          </ul>
          <div className="table-wrap">
            <table className="table responsive">
              <caption className="visually-hidden">{tr('คำขอย้าย', 'Requests')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('ครู', 'Teacher')}</th>
                  <th scope="col">{tr('โรงเรียนปัจจุบัน', 'Current school')}</th>
                  <th scope="col">{tr('ขั้นตอน', 'Step')}</th>
                  <th scope="col" className="num">
                    {tr('คะแนนรวม', 'Total score')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.caseId}>
                    <td data-label={tr('ครู', 'Teacher')}>
                      <Link href={`/cases/${r.caseId}`}>{r.teacherName}</Link>
                    </td>
                    <td data-label={tr('โรงเรียนปัจจุบัน', 'Current school')}>{r.currentSchoolName}</td>
                    <td data-label={tr('ขั้นตอน', 'Step')}>
                      {pick(r.stateLabel)}
                      {r.placedAt && <div className="muted sv-small">{tr(`เสนอย้ายไป ${r.placedAt}`, `Proposed: ${r.placedAt}`)}</div>}
                      {r.state === 'verification' && r.scoredByName && (
                        <div className="muted sv-small">
                          {r.scoredByMe
                            ? tr('ท่านเป็นผู้บันทึกคะแนน ผู้อื่นต้องเป็นผู้ยืนยัน', 'You entered the scores; someone else must verify them')
                            : tr(`บันทึกคะแนนโดย ${r.scoredByName}`, `Scores entered by ${r.scoredByName}`)}
                        </div>
                      )}
                    </td>
                    <td data-label={tr('คะแนนรวม', 'Total score')} className="num">
                      {r.scoreTotal === null ? '—' : num(r.scoreTotal)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ScoreSheet({ admin, onChanged }: { admin: Admin; onChanged: () => void }) {
  const { tr, pick, num } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [report, setReport] = useState<SheetReport | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);
  const key = useRef<{ file: File; key: string } | null>(null);
  const base = `/api/transfer-rounds/${encodeURIComponent(admin.round.caseId)}`;
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setReport(null);
    // the same file sent again (a retry) carries the same key: the rows already taken replay
    if (key.current?.file !== file) key.current = { file, key: newIdempotencyKey() };
    try {
      const r = await uploadSpreadsheet(
        '/api/transfer-rounds/{caseId}/score-sheet',
        { path: { caseId: admin.round.caseId } },
        new Blob([file], { type: file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX_TYPE }),
        { progress: (sent, total) => setProgress({ sent, total }), uploaded: () => undefined },
        xhr,
        { 'idempotency-key': key.current.key },
      );
      setReport(r);
      onChanged();
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const outcome = (r: SheetReport['rows'][number]) =>
    r.outcome === 'accepted'
      ? tr('รับแล้ว', 'Accepted')
      : r.outcome === 'skipped'
        ? tr('ข้าม (ไม่มีอะไรเปลี่ยน)', 'Skipped (nothing new)')
        : tr('ไม่รับ', 'Refused');
  const done = (r: SheetReport['rows'][number]) =>
    r.done.map((d) => (d === 'scored' ? tr('บันทึกคะแนน', 'scored') : tr('ยืนยันคะแนน', 'verified'))).join(', ');
  return (
    <section className="card" aria-labelledby="score-sheet-title" data-testid="score-sheet">
      <h2 id="score-sheet-title">{tr('ตารางคะแนน (Excel)', 'Score sheet (Excel)')}</h2>
      <p>
        {tr(
          'ดาวน์โหลดตารางคะแนนของรอบ หนึ่งแถวต่อหนึ่งคำขอที่รอบันทึกหรือยืนยันคะแนน เลือกระดับคะแนนแต่ละองค์ประกอบจากรายการ (ดูแผ่นงาน "ตัวเลือกคะแนน") ใส่ "ใช่" ในช่องยืนยันคะแนนเมื่อเป็นผู้ตรวจ แล้วส่งไฟล์กลับ ผู้ยืนยันต้องไม่ใช่ผู้บันทึกคะแนน',
          'Download the round’s score sheet: one row per request waiting for scores or their verification. Pick each component’s level from its list (see the “ตัวเลือกคะแนน” sheet), write “ใช่” in the verify column when you are the checker, and send the file back. Whoever entered the scores cannot verify them.',
        )}
      </p>
      <p>
        <a href={`${base}/score-sheet.xlsx`} download data-testid="score-sheet-download">
          {tr('ดาวน์โหลดตารางคะแนน (Excel)', 'Download the score sheet (Excel)')}
        </a>
      </p>
      <div className="field">
        <label htmlFor="score-sheet-file">{tr('ไฟล์ตารางคะแนนที่กรอกแล้ว', 'The filled score sheet')}</label>
        <input
          id="score-sheet-file"
          type="file"
          accept=".xlsx,.csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
          }}
        />
      </div>
      <button type="button" className="btn btn-primary" disabled={!file || busy} onClick={() => void send()}>
        {busy ? tr('กำลังส่ง…', 'Sending…') : tr('ส่งตารางคะแนน', 'Send the score sheet')}
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
      {report && (
        <div data-testid="score-sheet-report">
          <Notice>{pick(report.message)}</Notice>
          <div className="table-wrap">
            <table className="table responsive">
              <caption>{tr('ผลการอ่านตารางคะแนนรายแถว', 'What each row did')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {tr('แถวที่', 'Row')}
                  </th>
                  <th scope="col">{tr('ครู', 'Teacher')}</th>
                  <th scope="col">{tr('ผล', 'Outcome')}</th>
                  <th scope="col">{tr('บันทึกแล้ว', 'Recorded')}</th>
                  <th scope="col" className="num">
                    {tr('คะแนนรวม', 'Total')}
                  </th>
                  <th scope="col">{tr('เหตุผล', 'Reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.row} data-outcome={r.outcome}>
                    <td data-label={tr('แถวที่', 'Row')} className="num">
                      {num(r.row)}
                    </td>
                    <td data-label={tr('ครู', 'Teacher')}>{r.teacherName}</td>
                    <td data-label={tr('ผล', 'Outcome')}>
                      <span
                        className={`badge ${r.outcome === 'accepted' ? 'badge-ok' : r.outcome === 'refused' ? 'badge-overdue' : 'badge-neutral'}`}
                      >
                        {outcome(r)}
                      </span>
                      {r.replayed && <div className="muted sv-small">{tr('รับไว้แล้วจากการส่งครั้งก่อน', 'taken by the earlier sending')}</div>}
                    </td>
                    <td data-label={tr('บันทึกแล้ว', 'Recorded')}>{done(r) || '—'}</td>
                    <td data-label={tr('คะแนนรวม', 'Total')} className="num">
                      {r.scoreTotal === null ? '—' : num(r.scoreTotal)}
                    </td>
                    <td data-label={tr('เหตุผล', 'Reason')}>
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

const RESULT_LABEL: Record<Admin['matching']['results'][number]['applicants'][number]['result'], Label> = {
  placed: { th: 'ได้ย้าย', en: 'Placed' },
  outranked: { th: 'ไม่ได้ย้ายที่นี่', en: 'Not placed here' },
  below_placement: { th: 'ได้ที่อื่นที่ขอไว้ก่อน', en: 'Placed at an earlier choice' },
  no_vacancy: { th: 'ไม่มีตำแหน่งตรงวิชาเอก', en: 'No vacancy for the major' },
};

function Matching({ admin, onChanged }: { admin: Admin; onChanged: () => void }) {
  const { tr, pick, num, dateTime } = useI18n();
  const { has } = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const m = admin.matching;
  const atMatching = ['matching', 'screening', 'approval', 'orders', 'closed'].includes(admin.round.state) || m.runs.length > 0;
  if (!atMatching && !has('hr_officer')) return null;
  const params = { path: { caseId: admin.round.caseId } };
  const call = async <R,>(send: () => Promise<R>, message: (r: R) => string) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const r = await send();
      setDone(message(r));
      onChanged();
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  const summaryText = (s: Summary) =>
    tr(
      `คำขอ ${num(s.requests)} · ได้ย้าย ${num(s.placed)} · สับเปลี่ยน ${num(s.swapped)} · ไม่ได้ย้าย ${num(s.unplaced)} · อัตราว่าง ${num(s.seats)} บรรจุได้ ${num(s.seatsFilled)}`,
      `${num(s.requests)} requests · ${num(s.placed)} placed · ${num(s.swapped)} swapped · ${num(s.unplaced)} not placed · ${num(s.seatsFilled)} of ${num(s.seats)} seats filled`,
    );
  return (
    <section className="card" aria-labelledby="round-matching-title" data-testid="round-matching">
      <h2 id="round-matching-title">{tr('การจัดลำดับและจับคู่ตำแหน่งว่าง', 'Ranking and matching')}</h2>
      {done && <Notice>{done}</Notice>}
      <ProblemMessage problem={problem} />
      {!atMatching && (
        <p className="muted">{tr('ประมวลผลได้เมื่อสิ้นสุดการให้คะแนนของรอบ', 'The matching can run once the round’s scoring has closed')}</p>
      )}
      {m.inForce ? (
        <p data-testid="matching-in-force">
          {tr(
            `ผลที่ใช้อยู่: ประมวลผลครั้งที่ ${num(m.inForce.runNo)} เมื่อ ${dateTime(m.inForce.at)}${m.inForce.requestedByName ? ` โดย ${m.inForce.requestedByName}` : ''}`,
            `In force: run ${num(m.inForce.runNo)}, ${dateTime(m.inForce.at)}${m.inForce.requestedByName ? `, by ${m.inForce.requestedByName}` : ''}`,
          )}
          <br />
          {summaryText(m.inForce.summary)}
        </p>
      ) : (
        atMatching && <Empty>{tr('ยังไม่ได้ประมวลผลจับคู่', 'The matching has not run yet')}</Empty>
      )}
      {m.published && (
        <Notice>
          {tr(
            `เสนอผลการประมวลผลครั้งที่ ${num(m.published.runNo)} ต่อคณะกรรมการแล้ว เมื่อ ${dateTime(m.published.at)}`,
            `Run ${num(m.published.runNo)} was published to the committees on ${dateTime(m.published.at)}`,
          )}
        </Notice>
      )}
      {m.inForce && !m.current && admin.round.state === 'matching' && (
        <p className="field-error" role="alert">
          {tr(
            'คำขอหรือตำแหน่งว่างเปลี่ยนไปหลังการประมวลผลครั้งนี้ กรุณาประมวลผลใหม่ก่อนเสนอผล',
            'Requests or vacancies changed since this run: run the matching again before publishing',
          )}
        </p>
      )}
      <div className="toolbar">
        {admin.may.runMatching && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() =>
              void call(
                () => client.POST('/api/transfer-rounds/{caseId}/matching', { params }),
                (r) =>
                  tr(
                    `ประมวลผลครั้งที่ ${num(r.runNo ?? 0)} แล้ว: ${summaryText(r.summary)}`,
                    `Run ${num(r.runNo ?? 0)} done: ${summaryText(r.summary)}`,
                  ),
              )
            }
          >
            {admin.round.state !== 'matching'
              ? tr('ประมวลผลจับคู่ใหม่สำหรับคำขอที่คณะกรรมการส่งกลับ', 'Rematch the requests the committee sent back')
              : m.inForce
                ? tr('ประมวลผลจับคู่ใหม่', 'Run the matching again')
                : tr('ประมวลผลจัดลำดับและจับคู่', 'Run the ranking and matching')}
          </button>
        )}
        {admin.may.publish && m.inForce && m.current && (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() =>
              void call(
                () => client.POST('/api/transfer-rounds/{caseId}/matching/publish', { params, body: { digest: m.inForce!.digest } }),
                (r) =>
                  tr(`เสนอผลการประมวลผลครั้งที่ ${num(r.runNo ?? 0)} ต่อคณะกรรมการแล้ว`, `Run ${num(r.runNo ?? 0)} published to the committees`),
              )
            }
          >
            {tr('เสนอผลการจับคู่ต่อคณะกรรมการ', 'Publish the matching to the committees')}
          </button>
        )}
        {m.inForce && (
          <a
            className="btn btn-ghost"
            href={`/api/transfer-rounds/${encodeURIComponent(admin.round.caseId)}/ranking.xlsx`}
            download
            data-testid="ranking-xlsx"
          >
            {tr('ผลการจัดลำดับ (Excel)', 'The ranking (Excel)')}
          </a>
        )}
      </div>
      {m.current && m.results.length > 0 && (
        <>
          <h3>{tr('ผลรายตำแหน่งว่าง', 'The result per vacancy')}</h3>
          {m.results.map((v) => (
            <div key={v.vacancyId} className="table-wrap" data-testid="vacancy-result">
              <table className="table responsive">
                <caption>
                  {tr(
                    `${v.schoolName} ${admin.applicants.kind === 'school_administrators' ? 'ตำแหน่ง' : 'วิชาเอก'}${v.subject} (${num(v.seats)} อัตรา บรรจุได้ ${num(v.filled)})`,
                    `${v.schoolName}, ${v.subject} (${num(v.seats)} seats, ${num(v.filled)} filled)`,
                  )}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {tr('อันดับ', 'Rank')}
                    </th>
                    <th scope="col">{tr('ครู', 'Teacher')}</th>
                    <th scope="col" className="num">
                      {tr('คะแนน', 'Score')}
                    </th>
                    <th scope="col">{tr('ผล', 'Result')}</th>
                    <th scope="col">{tr('เหตุผล', 'Why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.applicants.length === 0 ? (
                    <tr>
                      <td colSpan={5}>{tr('ไม่มีผู้ขอย้ายมาตำแหน่งนี้', 'Nobody asked for this vacancy')}</td>
                    </tr>
                  ) : (
                    v.applicants.map((x) => (
                      <tr key={x.caseId} data-result={x.result}>
                        <td data-label={tr('อันดับ', 'Rank')} className="num">
                          {x.rank === null ? '—' : num(x.rank)}
                        </td>
                        <td data-label={tr('ครู', 'Teacher')}>
                          <Link href={`/cases/${x.caseId}`}>{x.teacherName}</Link>
                        </td>
                        <td data-label={tr('คะแนน', 'Score')} className="num">
                          {x.score === null ? '—' : num(x.score)}
                        </td>
                        <td data-label={tr('ผล', 'Result')}>{pick(RESULT_LABEL[x.result])}</td>
                        <td data-label={tr('เหตุผล', 'Why')}>{pick(x.why)}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
          ))}
          <h3>{tr('คำอธิบายรายคำขอ', 'Each request’s explanation')}</h3>
          <ul data-testid="matching-explanations">
            {m.explanations.map((e) => (
              <li key={e.caseId}>
                <strong>{e.teacherName}</strong>: {pick(e.text)}
              </li>
            ))}
          </ul>
        </>
      )}
      {m.runs.length > 1 && (
        <details>
          <summary>{tr(`การประมวลผลทั้งหมด ${num(m.runs.length)} ครั้ง`, `All ${num(m.runs.length)} runs`)}</summary>
          <ul>
            {m.runs.map((r) => (
              <li key={r.runNo}>
                {tr(`ครั้งที่ ${num(r.runNo)} เมื่อ ${dateTime(r.at)}`, `Run ${num(r.runNo)}, ${dateTime(r.at)}`)}
                {r.requestedByName ? ` · ${r.requestedByName}` : ''} · {summaryText(r.summary)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
