/**
 * /registers — the office's document-number registers (ทะเบียนคำสั่ง,
 * ทะเบียนหนังสือส่ง, ทะเบียนประกาศ) for a Buddhist-era year: every number given,
 * by whom and when, and the cancelled ones with their reason. HR officers,
 * group and area directors and admins give the next number of a register
 * (an outgoing letter, an announcement) and cancel one; auditors read.
 * Orders of a case take their number from the case's document, through the
 * same counter.
 *
 * API: GET/POST /api/offices/:officeId/registers/:register,
 * POST /api/registers/numbers/:id/cancel (docs/document-numbers.md).
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiProblem, client, newIdempotencyKey } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { Empty, Loading, Notice, ProblemMessage } from '../ui/feedback';
import { ConfirmAction } from './admin/confirm';
import type { ApiOk } from '../lib/api-types';

type Register = 'order' | 'outgoing' | 'announcement';
const REGISTERS: Array<{ id: Register; th: string; en: string }> = [
  { id: 'order', th: 'ทะเบียนคำสั่ง', en: 'Orders' },
  { id: 'outgoing', th: 'ทะเบียนหนังสือส่ง', en: 'Outgoing letters' },
  { id: 'announcement', th: 'ทะเบียนประกาศ', en: 'Announcements' },
];

/** one number of a register (`listDocumentNumbers`) */
type NumberRow = ApiOk<'listDocumentNumbers'>['items'][number];

const ISSUERS = ['hr_officer', 'group_director', 'area_director', 'admin'];

export function RegistersPage() {
  const { tr, num } = useI18n();
  const { officeId, has } = useSession();
  const canIssue = has(...ISSUERS);
  const [register, setRegister] = useState<Register>('outgoing');
  // no year chosen: the server's current year (its clock decides, not this browser's)
  const [chosenYear, setBeYear] = useState<number | null>(null);
  const { data, error, loading, reload } = useApiGet(
    '/api/offices/{officeId}/registers/{register}',
    officeId ? { params: { path: { officeId, register }, query: chosenYear ? { beYear: chosenYear } : {} } } : null,
  );
  const [thisYear, setThisYear] = useState<number | null>(null);
  if (data && chosenYear === null && thisYear !== data.beYear) setThisYear(data.beYear);
  const beYear = chosenYear ?? data?.beYear ?? thisYear;
  const [title, setTitle] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const label = REGISTERS.find((r) => r.id === register)!;

  if (!officeId) {
    return (
      <>
        <h1>{tr('ทะเบียนเลขที่หนังสือ', 'Document registers')}</h1>
        <p className="muted">{tr('บัญชีของคุณไม่มีบทบาทระดับสำนักงานเขต', 'Your account has no office-wide role.')}</p>
      </>
    );
  }

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setNotice(null);
    setBusy(true);
    try {
      const n = await client.POST('/api/offices/{officeId}/registers/{register}', {
        params: { path: { officeId, register } },
        body: { title },
        idempotencyKey: key,
      });
      setNotice(tr(`ออกเลขที่ ${n.textThai} (${n.text}) ใน${label.th}แล้ว`, `Number ${n.text} given in ${label.en}.`));
      setTitle('');
      setKey(newIdempotencyKey());
      if (chosenYear !== null && n.beYear !== chosenYear) setBeYear(n.beYear);
      reload();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (n: NumberRow) => {
    setProblem(null);
    setNotice(null);
    try {
      await client.POST('/api/registers/numbers/{id}/cancel', { params: { path: { id: n.id } }, body: { reason: reasons[n.id] ?? '' } });
      setNotice(tr(`ยกเลิกเลขที่ ${n.textThai} แล้ว เลขนี้จะไม่ถูกนำกลับมาใช้อีก`, `Number ${n.text} cancelled; it will never be given again.`));
      reload();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    }
  };

  const items = data?.items ?? [];
  const live = items.filter((n) => n.cancelledAtTh === null).length;

  return (
    <>
      <div className="page-head">
        <h1>{tr('ทะเบียนเลขที่หนังสือ', 'Document registers')}</h1>
      </div>
      <p className="adm-lead">
        {tr(
          'เลขที่หนังสือนับต่อเนื่องแยกตามทะเบียนและปี พ.ศ. ไม่มีเลขว่างและไม่ซ้ำ เลขที่ยกเลิกแล้วจะบันทึกเหตุผลไว้และไม่นำกลับมาใช้อีก คำสั่งย้ายได้เลขจากทะเบียนคำสั่งเมื่อออกคำสั่งจากหน้าเรื่อง',
          'Numbers run on per register and Buddhist-era year, with no gap and no duplicate. A cancelled number keeps its reason and is never given again. Transfer orders take their number from the order register when the order is issued from the case page.',
        )}
      </p>

      <div className="toolbar">
        <label className="field">
          <span>{tr('ทะเบียน', 'Register')}</span>
          <select value={register} onChange={(e) => setRegister(e.target.value as Register)} data-testid="register-select">
            {REGISTERS.map((r) => (
              <option key={r.id} value={r.id}>
                {tr(r.th, r.en)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{tr('ปี พ.ศ.', 'Year (BE)')}</span>
          <select value={beYear ?? ''} onChange={(e) => setBeYear(Number(e.target.value))} disabled={thisYear === null}>
            {(thisYear === null ? [] : [thisYear, thisYear - 1, thisYear - 2, thisYear - 3]).map((y) => (
              <option key={y} value={y}>
                {`พ.ศ. ${y}`}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="stats" aria-live="polite">
        <div className="stat">
          <span>{tr('เลขที่ออกแล้ว', 'Numbers given')}</span>
          <strong>{num(items.length)}</strong>
        </div>
        <div className="stat">
          <span>{tr('ใช้อยู่', 'In use')}</span>
          <strong>{num(live)}</strong>
        </div>
        <div className="stat">
          <span>{tr('ยกเลิก', 'Cancelled')}</span>
          <strong>{num(items.length - live)}</strong>
        </div>
      </div>

      {notice && <Notice>{notice}</Notice>}
      <ProblemMessage problem={problem} />

      {canIssue && register !== 'order' && (
        <form className="card" onSubmit={issue} aria-labelledby="issue-title">
          <h2 id="issue-title">{tr(`ออกเลขใน${label.th}`, `Give a number in ${label.en}`)}</h2>
          <label className="field">
            <span>{tr('เรื่อง', 'Subject')}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} data-testid="register-title" />
          </label>
          <button type="submit" className="btn" disabled={busy || title.trim() === ''} data-testid="register-issue">
            {tr('ออกเลขถัดไป', 'Give the next number')}
          </button>
        </form>
      )}

      <section className="card" aria-labelledby="register-list">
        <h2 id="register-list">
          {beYear === null ? tr(label.th, label.en) : tr(`${label.th} พ.ศ. ${beYear}`, `${label.en}, ${beYear} BE`)}
        </h2>
        <ProblemMessage problem={error} />
        {loading && !data ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>{tr('ยังไม่มีเลขที่ออกในทะเบียนนี้ของปีนี้', 'No number given in this register this year yet.')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table responsive" data-testid="register-table">
              <caption className="visually-hidden">{tr('เลขที่หนังสือ เรียงจากล่าสุด', 'Numbers, newest first')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('เลขที่', 'Number')}</th>
                  <th scope="col">{tr('เรื่อง', 'Subject')}</th>
                  <th scope="col">{tr('ออกเมื่อ', 'Given')}</th>
                  <th scope="col">{tr('ผู้ออกเลข', 'Given by')}</th>
                  <th scope="col">{tr('สถานะ', 'Status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((n) => (
                  <tr key={n.id}>
                    <td data-label={tr('เลขที่', 'Number')}>
                      <strong>{n.textThai}</strong>
                    </td>
                    <td data-label={tr('เรื่อง', 'Subject')}>{n.caseId ? <Link href={`/cases/${n.caseId}`}>{n.title}</Link> : n.title}</td>
                    <td data-label={tr('ออกเมื่อ', 'Given')}>{n.issuedAtTh}</td>
                    <td data-label={tr('ผู้ออกเลข', 'Given by')}>{n.issuedByName ?? tr('ระบบ', 'The system')}</td>
                    <td data-label={tr('สถานะ', 'Status')}>
                      {n.cancelledAtTh ? (
                        <span>
                          {tr('ยกเลิกแล้ว', 'Cancelled')} {n.cancelledAtTh}
                          {n.cancelledByName ? ` · ${n.cancelledByName}` : ''}
                          <br />
                          <span className="muted">{n.cancelReason}</span>
                        </span>
                      ) : canIssue ? (
                        <span className="register-cancel">
                          <label className="field">
                            <span>{tr('เหตุผลที่ยกเลิก', 'Reason to cancel')}</span>
                            <input
                              value={reasons[n.id] ?? ''}
                              onChange={(e) => setReasons({ ...reasons, [n.id]: e.target.value })}
                              maxLength={1000}
                            />
                          </label>
                          <ConfirmAction
                            label={tr('ยกเลิกเลขนี้', 'Cancel this number')}
                            question={tr(
                              `ยกเลิกเลขที่ ${n.textThai}? เลขนี้จะไม่ถูกนำกลับมาใช้อีก`,
                              `Cancel ${n.text}? It will never be given again.`,
                            )}
                            confirmLabel={tr('ยืนยันยกเลิก', 'Cancel the number')}
                            onConfirm={() => cancel(n)}
                            disabled={(reasons[n.id] ?? '').trim() === ''}
                          />
                        </span>
                      ) : (
                        tr('ใช้อยู่', 'In use')
                      )}
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
