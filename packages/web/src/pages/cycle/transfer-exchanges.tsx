/**
 * Moves to another area between offices on this esa-flow, on the web pages
 * (issue 21, Act ม.59; docs/workflows/transfer.md "Moves to another area"):
 *
 * - `CrossAreaVacancies` (round page, HR while vacancies are posted): the
 *   vacancies other offices' rounds offer, added to this round as vacancies
 *   of another area with one click;
 * - `RoundExchanges` (round page): "คำร้องย้ายจากเขตอื่น" — the requests other
 *   offices forwarded to this round: teacher, office, schools named, score,
 *   their rank among this round's applicants, and the form for this office's
 *   อ.ก.ค.ศ. resolution (date typed in พ.ศ.); and "ส่งไปเขตพื้นที่อื่น" — this
 *   round's requests forwarded, when and with what result;
 * - `RequestExchange` (a request's page): "ส่งไปเขตพื้นที่ … เมื่อ …" and the
 *   result returned;
 * - `OrdersToSign` ("งานของฉัน" of the receiving office's ม.53 authority): the
 *   order of each move both areas approved, signed there.
 *
 * API: GET /api/transfer-rounds/:id/cross-area-vacancies, GET …/exchanges,
 * POST /api/transfer-exchanges/:id/decision, GET /api/transfer-requests/:id/exchange,
 * GET /api/transfer-exchanges/orders-to-sign, POST /api/transfer-exchanges/:id/order.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiProblem, client, newIdempotencyKey } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { dateExample, readDate } from '../../lib/thai-date-input';
import type { ApiOk } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { Empty, Notice, ProblemMessage } from '../../ui/feedback';
import { useRoundCommand } from './round-command';

type OfferedRound = ApiOk<'listCrossAreaVacancies'>['items'][number];
/** the round's own vacancies, as the round's page has them */
type PostedVacancy = Pick<ApiOk<'getTransferRoundAdministration'>['vacancies'][number], 'id' | 'schoolId' | 'subject'>;
type Incoming = ApiOk<'listTransferRoundExchanges'>['incoming'][number];
type Outgoing = ApiOk<'listTransferRoundExchanges'>['outgoing'][number];

/** The next free internal id of another area's vacancy (never shown): X1, X2, … */
function nextId(posted: readonly PostedVacancy[]): string {
  let n = 1;
  while (posted.some((v) => v.id === `X${n}`)) n += 1;
  return `X${n}`;
}

export function CrossAreaVacancies({
  roundCaseId,
  posted,
  onChanged,
}: {
  roundCaseId: string;
  posted: readonly PostedVacancy[];
  onChanged: () => void;
}) {
  const { tr, num } = useI18n();
  const offered = useApiGet('/api/transfer-rounds/{caseId}/cross-area-vacancies', { params: { path: { caseId: roundCaseId } } });
  const { send, busy, problem } = useRoundCommand(roundCaseId, () => {
    offered.reload();
    onChanged();
  });
  const [done, setDone] = useState<string | null>(null);
  const items = offered.data?.items ?? [];
  const add = async (r: OfferedRound, v: OfferedRound['vacancies'][number]) => {
    setDone(null);
    const vacancy = {
      id: nextId(posted),
      schoolId: v.schoolId,
      schoolName: v.schoolName,
      subject: v.subject,
      count: v.count,
      area: { code: r.officeCode, name: r.officeName },
    };
    if (await send('POST_VACANCIES', { vacancies: [vacancy] }))
      setDone(tr(`เพิ่มตำแหน่งว่าง ${v.schoolName} (${r.officeName}) ในรอบนี้แล้ว`, `${v.schoolName} (${r.officeName}) added to this round`));
  };
  return (
    <section className="card" aria-labelledby="cross-area-vacancies-title" data-testid="cross-area-vacancies">
      <h2 id="cross-area-vacancies-title">{tr('ตำแหน่งว่างของเขตพื้นที่อื่นในระบบ', 'Vacancies other areas offer')}</h2>
      <p className="muted">
        {tr(
          'เพิ่มตำแหน่งว่างของเขตพื้นที่อื่นในรอบนี้ เพื่อให้ครูขอย้ายไปได้ คำขอที่ระบุตำแหน่งเหล่านี้จะส่งไปให้เขตพื้นที่นั้นจัดลำดับและพิจารณา (ไม่จับคู่ในรอบนี้)',
          'Add another area’s vacancy to this round so teachers may ask for it; a request naming it is forwarded to that area, which ranks and decides it (it is not matched in this round).',
        )}
      </p>
      {done && <Notice>{done}</Notice>}
      <ProblemMessage problem={problem ?? offered.error} />
      {items.length === 0 ? (
        <Empty>{tr('ยังไม่มีเขตพื้นที่อื่นเปิดตำแหน่งว่าง', 'No other area offers a vacancy now')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table responsive">
            <caption className="visually-hidden">{tr('ตำแหน่งว่างของเขตพื้นที่อื่น', 'Other areas’ vacancies')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('เขตพื้นที่', 'Area')}</th>
                <th scope="col">{tr('โรงเรียน', 'School')}</th>
                <th scope="col">{tr('วิชาเอก', 'Subject')}</th>
                <th scope="col" className="num">
                  {tr('จำนวนอัตรา', 'Seats')}
                </th>
                <th scope="col">{tr('ในรอบนี้', 'In this round')}</th>
              </tr>
            </thead>
            <tbody>
              {items.flatMap((r) =>
                r.vacancies.map((v) => {
                  const already = posted.some((p) => p.schoolId === v.schoolId && p.subject === v.subject);
                  return (
                    <tr key={`${r.roundCaseId}-${v.schoolId}-${v.subject}`}>
                      <td data-label={tr('เขตพื้นที่', 'Area')}>{r.officeName}</td>
                      <td data-label={tr('โรงเรียน', 'School')}>{v.schoolName}</td>
                      <td data-label={tr('วิชาเอก', 'Subject')}>{v.subject}</td>
                      <td data-label={tr('จำนวนอัตรา', 'Seats')} className="num">
                        {num(v.count)}
                      </td>
                      <td data-label={tr('ในรอบนี้', 'In this round')}>
                        {already ? (
                          tr('เพิ่มแล้ว', 'Added')
                        ) : (
                          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void add(r, v)}>
                            {tr(`เพิ่ม ${v.schoolName} ในรอบนี้`, `Add ${v.schoolName}`)}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function exchangeState(x: { state: Incoming['state']; decision: Incoming['decision'] }, tr: (th: string, en: string) => string): string {
  if (x.state === 'forwarded') return tr('รอการจัดลำดับ', 'Waiting to be ranked');
  if (x.state === 'ranked') return tr('จัดลำดับแล้ว รอมติ อ.ก.ค.ศ.', 'Ranked; awaiting the sub-committee');
  return x.decision === 'approved'
    ? tr('อ.ก.ค.ศ. เห็นชอบ ส่งผลกลับเขตต้นทางแล้ว', 'Approved; returned to the sending area')
    : tr('อ.ก.ค.ศ. ไม่เห็นชอบ ส่งผลกลับเขตต้นทางแล้ว', 'Rejected; returned to the sending area');
}

export function RoundExchanges({ roundCaseId, onChanged }: { roundCaseId: string; onChanged: () => void }) {
  const exchanges = useApiGet('/api/transfer-rounds/{caseId}/exchanges', { params: { path: { caseId: roundCaseId } } });
  if (!exchanges.data) return exchanges.error ? <ProblemMessage problem={exchanges.error} /> : null;
  const changed = () => {
    exchanges.reload();
    onChanged();
  };
  return (
    <>
      {exchanges.data.incoming.length > 0 && <IncomingCard items={exchanges.data.incoming} onChanged={changed} />}
      {exchanges.data.outgoing.length > 0 && <OutgoingCard items={exchanges.data.outgoing} />}
    </>
  );
}

function IncomingCard({ items, onChanged }: { items: Incoming[]; onChanged: () => void }) {
  const { tr, num, pick, dateTime, date } = useI18n();
  const [deciding, setDeciding] = useState<string | null>(null);
  const ordered = [...items].sort((a, b) => (a.ranked?.rank ?? 999) - (b.ranked?.rank ?? 999) || b.score - a.score);
  return (
    <section className="card" aria-labelledby="exchanges-in-title" data-testid="exchanges-incoming">
      <h2 id="exchanges-in-title">{tr('คำร้องย้ายจากเขตอื่น', 'Requests from other areas')}</h2>
      <p className="muted">
        {tr(
          'คำขอย้ายที่เขตพื้นที่อื่นส่งมาขอย้ายเข้าตำแหน่งว่างของเขตนี้ จัดลำดับรวมกับผู้ขอย้ายของรอบนี้ในการประมวลผลจับคู่ เมื่อ อ.ก.ค.ศ. มีมติแล้ว บันทึกมติเพื่อส่งผลกลับเขตต้นทาง',
          'Requests other areas forwarded for this area’s vacancies: ranked with this round’s applicants by the matching; once the sub-committee has resolved, record its resolution to return it to the sending area.',
        )}
      </p>
      <div className="table-wrap">
        <table className="table responsive">
          <caption className="visually-hidden">{tr('คำร้องย้ายจากเขตอื่น', 'Requests from other areas')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('ครู', 'Teacher')}</th>
              <th scope="col">{tr('จากเขตพื้นที่', 'From')}</th>
              <th scope="col">{tr('ตำแหน่งที่ขอ', 'Asks for')}</th>
              <th scope="col" className="num">
                {tr('คะแนนรวม', 'Score')}
              </th>
              <th scope="col">{tr('ผลการจัดลำดับ', 'Ranking')}</th>
              <th scope="col">{tr('มติ', 'Resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((x) => (
              <tr key={x.exchangeId} data-testid="exchange-incoming-row">
                <td data-label={tr('ครู', 'Teacher')}>
                  {x.teacherName}
                  <div className="muted sv-small">
                    {x.currentSchoolName} · {tr(`วิชาเอก${x.major}`, x.major)}
                  </div>
                </td>
                <td data-label={tr('จากเขตพื้นที่', 'From')}>
                  {x.fromOfficeName}
                  <div className="muted sv-small">{tr(`ส่งมาเมื่อ ${dateTime(x.forwardedAt)}`, `forwarded ${dateTime(x.forwardedAt)}`)}</div>
                </td>
                <td data-label={tr('ตำแหน่งที่ขอ', 'Asks for')}>
                  {x.schools.map((s) => tr(`${s.preference}. ${s.schoolName}`, `${s.preference}. ${s.schoolName}`)).join(' ')}
                </td>
                <td data-label={tr('คะแนนรวม', 'Score')} className="num">
                  {num(x.score)}
                </td>
                <td data-label={tr('ผลการจัดลำดับ', 'Ranking')}>
                  {x.ranked ? (
                    <>
                      {x.ranked.placedAt ? tr(`ได้ ${x.ranked.placedAt}`, `placed at ${x.ranked.placedAt}`) : tr('ไม่ได้ตำแหน่ง', 'not placed')}
                      {x.ranked.rank !== null && x.ranked.applicants !== null && (
                        <div className="muted sv-small">
                          {tr(
                            `อันดับที่ ${num(x.ranked.rank)} จาก ${num(x.ranked.applicants)} คน`,
                            `ranked ${num(x.ranked.rank)} of ${num(x.ranked.applicants)}`,
                          )}
                        </div>
                      )}
                      <div className="muted sv-small">{pick(x.ranked.text)}</div>
                    </>
                  ) : (
                    tr('รอการประมวลผลจับคู่ของรอบ', 'Waiting for the round’s matching')
                  )}
                </td>
                <td data-label={tr('มติ', 'Resolution')}>
                  {exchangeState(x, tr)}
                  {x.resolutionRef && x.decidedOn && <div className="muted sv-small">{`${x.resolutionRef} (${date(x.decidedOn)})`}</div>}
                  {x.may.decide && deciding !== x.exchangeId && (
                    <div>
                      <button type="button" className="btn" onClick={() => setDeciding(x.exchangeId)}>
                        {tr(`บันทึกมติ อ.ก.ค.ศ. ของ ${x.teacherName}`, `Record the resolution for ${x.teacherName}`)}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deciding && (
        <DecisionForm
          exchange={items.find((x) => x.exchangeId === deciding)!}
          onDone={() => {
            setDeciding(null);
            onChanged();
          }}
          onCancel={() => setDeciding(null)}
        />
      )}
    </section>
  );
}

function DecisionForm({ exchange, onDone, onCancel }: { exchange: Incoming; onDone: () => void; onCancel: () => void }) {
  const { tr, pick } = useI18n();
  const [decision, setDecision] = useState<'approved' | 'rejected'>('approved');
  const [ref, setRef] = useState('');
  const [on, setOn] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const day = readDate(on);
    if (ref.trim() === '') return setMissing(tr('กรุณากรอกมติ (ครั้งที่/ปี)', 'Type the resolution (meeting no./year)'));
    if (!day.ok) return setMissing(pick(day.message));
    setMissing(null);
    setBusy(true);
    setProblem(null);
    try {
      await client.POST('/api/transfer-exchanges/{exchangeId}/decision', {
        params: { path: { exchangeId: exchange.exchangeId } },
        body: { decision, resolutionRef: ref.trim(), decidedOn: day.value },
        idempotencyKey: key,
      });
      onDone();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={tr('บันทึกมติ อ.ก.ค.ศ.', 'Record the resolution')}
      className="action-panel"
      data-testid="exchange-decision-form"
    >
      <h3>
        {tr(
          `มติ อ.ก.ค.ศ. เรื่องการย้าย ${exchange.teacherName} (${exchange.fromOfficeName})`,
          `Sub-committee resolution: ${exchange.teacherName} (${exchange.fromOfficeName})`,
        )}
      </h3>
      <fieldset className="field">
        <legend>{tr('มติ', 'Resolution')}</legend>
        <label>
          <input type="radio" name="exchange-decision" checked={decision === 'approved'} onChange={() => setDecision('approved')} />{' '}
          {tr('เห็นชอบ (ตามผลการจัดลำดับ)', 'Approve (as ranked)')}
        </label>
        <label>
          <input type="radio" name="exchange-decision" checked={decision === 'rejected'} onChange={() => setDecision('rejected')} />{' '}
          {tr('ไม่เห็นชอบ', 'Reject')}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="exchange-ref">{tr('มติที่ประชุม (เช่น มติ อ.ก.ค.ศ. ครั้งที่ 3/2568)', 'The resolution (e.g. meeting 3/2568)')}</label>
        <input id="exchange-ref" type="text" maxLength={500} value={ref} onChange={(e) => setRef(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="exchange-on">{tr('วันที่มีมติ', 'Day of the resolution')}</label>
        <input
          id="exchange-on"
          type="text"
          inputMode="text"
          value={on}
          onChange={(e) => setOn(e.target.value)}
          aria-describedby="exchange-on-hint"
        />
        <p id="exchange-on-hint" className="muted sv-small">
          {tr('เช่น', 'e.g.')} {pick(dateExample('date'))}
        </p>
      </div>
      {missing && (
        <p className="field-error" role="alert">
          {missing}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {tr('บันทึกมติและส่งผลกลับเขตต้นทาง', 'Record and return to the sending area')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {tr('ยกเลิก', 'Cancel')}
        </button>
      </div>
    </form>
  );
}

function outgoingResult(x: Outgoing, tr: (th: string, en: string) => string, date: (v: string) => string): string {
  if (x.state !== 'returned') return tr('รอผลการพิจารณาของเขตพื้นที่ที่รับย้าย', 'Waiting for the receiving area’s decision');
  const when = x.decidedOn ? date(x.decidedOn) : '';
  if (x.decision === 'approved' && x.placedAt)
    return tr(
      `${x.toOfficeName} เห็นชอบให้ย้ายไป ${x.placedAt} (${x.resolutionRef ?? ''} ${when})`,
      `${x.toOfficeName} approved the move to ${x.placedAt} (${x.resolutionRef ?? ''} ${when})`,
    );
  if (x.decision === 'approved')
    return tr(
      `${x.toOfficeName} จัดลำดับแล้วไม่ได้ตำแหน่ง (${x.resolutionRef ?? ''} ${when})`,
      `${x.toOfficeName}: not placed (${x.resolutionRef ?? ''} ${when})`,
    );
  return tr(
    `${x.toOfficeName} ไม่เห็นชอบ (${x.resolutionRef ?? ''} ${when})`,
    `${x.toOfficeName} rejected it (${x.resolutionRef ?? ''} ${when})`,
  );
}

function OutgoingCard({ items }: { items: Outgoing[] }) {
  const { tr, dateTime, date } = useI18n();
  return (
    <section className="card" aria-labelledby="exchanges-out-title" data-testid="exchanges-outgoing">
      <h2 id="exchanges-out-title">{tr('คำขอที่ส่งไปเขตพื้นที่อื่น', 'Requests forwarded to other areas')}</h2>
      <div className="table-wrap">
        <table className="table responsive">
          <caption className="visually-hidden">{tr('คำขอที่ส่งไปเขตพื้นที่อื่น', 'Requests forwarded to other areas')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('ครู', 'Teacher')}</th>
              <th scope="col">{tr('ส่งไป', 'Forwarded')}</th>
              <th scope="col">{tr('ผล', 'Result')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.exchangeId} data-testid="exchange-outgoing-row">
                <td data-label={tr('ครู', 'Teacher')}>
                  <Link href={`/cases/${x.requestCaseId}`}>{x.teacherName}</Link>
                </td>
                <td data-label={tr('ส่งไป', 'Forwarded')}>
                  {tr(`ส่งไปเขตพื้นที่ ${x.toOfficeName} เมื่อ ${dateTime(x.forwardedAt)}`, `to ${x.toOfficeName} on ${dateTime(x.forwardedAt)}`)}
                </td>
                <td data-label={tr('ผล', 'Result')}>{outgoingResult(x, tr, date)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** On a request's page: where it was forwarded and what came back. */
export function RequestExchange({ caseId }: { caseId: string }) {
  const { tr, dateTime, date } = useI18n();
  const found = useApiGet('/api/transfer-requests/{caseId}/exchange', { params: { path: { caseId } } });
  const x = found.data?.exchange;
  if (!x) return null;
  return (
    <section className="card" aria-labelledby="request-exchange-title" data-testid="request-exchange">
      <h2 id="request-exchange-title">{tr('การย้ายต่างเขตพื้นที่', 'Move to another area')}</h2>
      <p>
        {tr(`ส่งไปเขตพื้นที่ ${x.toOfficeName} เมื่อ ${dateTime(x.forwardedAt)}`, `Forwarded to ${x.toOfficeName} on ${dateTime(x.forwardedAt)}`)}
      </p>
      <p>{outgoingResult(x, tr, date)}</p>
    </section>
  );
}

/**
 * On "งานของฉัน" of the receiving office's ม.53 authority (its area director, or
 * the director of the school moved to): the moves from other areas both areas
 * approved, with the form of the order (its number, the days typed in พ.ศ.,
 * the report-by day and time). POST /api/transfer-exchanges/:id/order.
 */
export function OrdersToSign() {
  const { tr } = useI18n();
  const due = useApiGet('/api/transfer-exchanges/orders-to-sign');
  const [signed, setSigned] = useState<string | null>(null);
  const items = due.data?.items ?? [];
  if (items.length === 0 && !signed) return null;
  return (
    <section className="card" aria-labelledby="exchange-orders-title" data-testid="exchange-orders">
      <h2 id="exchange-orders-title">
        {tr('คำสั่งย้ายผู้ย้ายมาจากเขตพื้นที่อื่นที่รอท่านลงนาม', 'Orders of moves from other areas awaiting my signature')}
      </h2>
      {signed && <Notice>{signed}</Notice>}
      {items.map((x) => (
        <OrderForm
          key={x.exchangeId}
          exchange={x}
          onDone={(message) => {
            setSigned(message);
            due.reload();
          }}
        />
      ))}
    </section>
  );
}

function OrderForm({ exchange, onDone }: { exchange: Incoming; onDone: (message: string) => void }) {
  const { tr, pick } = useI18n();
  const [orderNo, setOrderNo] = useState('');
  const [signedOn, setSignedOn] = useState('');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [reportOn, setReportOn] = useState('');
  const [reportAt, setReportAt] = useState('16:30');
  const [missing, setMissing] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const id = exchange.exchangeId.slice(0, 8);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{1,6}\/\d{4}$/.test(orderNo.trim()))
      return setMissing(tr('เลขที่คำสั่งเขียนเป็น ลำดับ/ปี พ.ศ. เช่น 45/2568', 'The order number is number/B.E. year, e.g. 45/2568'));
    const days = [readDate(signedOn), readDate(effectiveOn), readDate(reportOn)];
    const bad = days.find((d) => !d.ok);
    if (bad && !bad.ok) return setMissing(pick(bad.message));
    if (!/^([01]\d|2[0-3])[:.][0-5]\d$/.test(reportAt.trim()))
      return setMissing(tr('เวลารายงานตัวเขียนเป็น ชช.นน เช่น 16.30', 'The report-by time is HH.MM, e.g. 16.30'));
    setMissing(null);
    setBusy(true);
    setProblem(null);
    const [s = '', f = '', r = ''] = days.map((d) => (d.ok ? d.value : ''));
    try {
      await client.POST('/api/transfer-exchanges/{exchangeId}/order', {
        params: { path: { exchangeId: exchange.exchangeId } },
        body: { orderNo: orderNo.trim(), signedOn: s, effectiveOn: f, reportBy: { date: r, time: reportAt.trim().replace('.', ':') } },
        idempotencyKey: key,
      });
      onDone(
        tr(`ลงนามคำสั่งที่ ${orderNo.trim()} ย้าย ${exchange.teacherName} แล้ว`, `Order ${orderNo.trim()} moving ${exchange.teacherName} signed`),
      );
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={tr(`คำสั่งย้าย ${exchange.teacherName}`, `Order moving ${exchange.teacherName}`)}
      className="action-panel"
    >
      <h3>
        {tr(
          `${exchange.teacherName} จาก ${exchange.fromOfficeName} ย้ายไป ${exchange.ranked?.placedAt ?? ''}`,
          `${exchange.teacherName} from ${exchange.fromOfficeName} to ${exchange.ranked?.placedAt ?? ''}`,
        )}
      </h3>
      <p className="muted sv-small">{tr(`มติ อ.ก.ค.ศ.: ${exchange.resolutionRef ?? ''}`, `Resolution: ${exchange.resolutionRef ?? ''}`)}</p>
      {(
        [
          ['order', tr('เลขที่คำสั่ง (เช่น 45/2568)', 'Order number (e.g. 45/2568)'), orderNo, setOrderNo],
          ['signed', tr('วันที่ลงนาม', 'Signed on'), signedOn, setSignedOn],
          ['effective', tr('วันที่คำสั่งมีผล', 'Effective on'), effectiveOn, setEffectiveOn],
          ['report', tr('รายงานตัวภายในวันที่', 'Report for duty by (day)'), reportOn, setReportOn],
          ['report-time', tr('เวลาที่ต้องรายงานตัว (เช่น 16.30)', 'Report by (time, e.g. 16.30)'), reportAt, setReportAt],
        ] as const
      ).map(([k, label, value, set]) => (
        <div className="field" key={k}>
          <label htmlFor={`order-${k}-${id}`}>{label}</label>
          <input id={`order-${k}-${id}`} type="text" value={value} onChange={(e) => set(e.target.value)} />
        </div>
      ))}
      <p className="muted sv-small">
        {tr('วันที่ เช่น', 'Days, e.g.')} {pick(dateExample('date'))}
      </p>
      {missing && (
        <p className="field-error" role="alert">
          {missing}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {tr('ลงนามคำสั่งย้าย', 'Sign the order')}
      </button>
    </form>
  );
}
