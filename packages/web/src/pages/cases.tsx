/**
 * Cases I may see, newest activity first, searchable by title, name or
 * citizen id (the server searches); for a teacher these are their own
 * requests, which is how a teacher follows a request. CSV export of the
 * same list.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { Empty, Loading, ProblemMessage } from '../ui/feedback';
import { DpaImport } from './academic-dpa-import';

export function CasesPage() {
  const { tr, pick, dateTime } = useI18n();
  const { has, me } = useSession();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'' | 'active' | 'done'>('active');
  const [workflowId, setWorkflowId] = useState('');
  const [applied, setApplied] = useState({ q: '', status: 'active', workflowId: '' });
  const filter = {
    ...(applied.q ? { q: applied.q } : {}),
    ...(applied.status ? { status: applied.status as 'active' | 'done' } : {}),
    ...(applied.workflowId ? { workflowId: applied.workflowId } : {}),
  };
  // the exports hold every matching case, not the page shown
  const exportParams = new URLSearchParams(filter);
  const list = useApiGet('/api/cases', { params: { query: { limit: 200, ...filter } } });
  const workflows = useApiGet('/api/workflows');
  const title = (id: string) => pick(workflows.data?.items.find((w) => w.id === id)?.title, id);
  const ownOnly = has('teacher') && !has('school_director', 'hr_officer', 'group_director', 'area_director', 'auditor', 'admin');
  // the office where I am an HR officer office-wide: I import the requests filed in DPA there
  const hrOffice = me?.grants.find((g) => g.role === 'hr_officer' && g.schoolId === null)?.officeId ?? null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ q: q.trim(), status, workflowId });
  };

  return (
    <section aria-labelledby="cases-title">
      <div className="page-head">
        <h1 id="cases-title">{ownOnly ? tr('คำขอของฉัน', 'My requests') : tr('ค้นหาเรื่อง', 'Cases')}</h1>
        <div className="btn-row">
          {ownOnly && (
            <Link className="btn btn-primary" href="/requests/new">
              {tr('ยื่นคำขอใหม่', 'File a new request')}
            </Link>
          )}
          <a className="btn" href={`/api/cases.xlsx?${exportParams}`} download>
            {tr('ส่งออก Excel', 'Export to Excel')}
          </a>
          <a className="btn btn-ghost" href={`/api/cases.csv?${exportParams}`} download>
            {tr('ส่งออก CSV', 'Export CSV')}
          </a>
        </div>
      </div>
      {hrOffice && <DpaImport officeId={hrOffice} onChanged={list.reload} />}
      <form className="toolbar" onSubmit={submit} role="search">
        <label className="field">
          <span>{tr('ค้นหา', 'Search')}</span>
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={tr('ชื่อเรื่อง ชื่อ-สกุล หรือเลขประจำตัวประชาชน', 'Title, name or citizen id')}
          />
        </label>
        <label className="field">
          <span>{tr('กระบวนงาน', 'Workflow')}</span>
          <select value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
            <option value="">{tr('ทั้งหมด', 'All')}</option>
            {workflows.data?.items.map((w) => (
              <option key={w.id} value={w.id}>
                {pick(w.title)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{tr('สถานะ', 'Status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as '' | 'active' | 'done')}>
            <option value="active">{tr('กำลังดำเนินการ', 'In progress')}</option>
            <option value="done">{tr('เสร็จสิ้น', 'Done')}</option>
            <option value="">{tr('ทั้งหมด', 'All')}</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary">
          {tr('ค้นหา', 'Search')}
        </button>
      </form>
      {list.error && <ProblemMessage problem={list.error} />}
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty>{tr('ไม่พบเรื่อง', 'No cases found')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table responsive" data-testid="cases">
            <thead>
              <tr>
                <th scope="col">{tr('เรื่อง', 'Case')}</th>
                <th scope="col">{tr('กระบวนงาน', 'Workflow')}</th>
                <th scope="col">{tr('ขั้นตอนปัจจุบัน', 'Current step')}</th>
                <th scope="col">{tr('ปรับปรุงล่าสุด', 'Updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td data-label={tr('เรื่อง', 'Case')}>
                    <Link href={`/cases/${c.id}`}>{c.title}</Link>
                  </td>
                  <td data-label={tr('กระบวนงาน', 'Workflow')}>{title(c.workflowId)}</td>
                  <td data-label={tr('ขั้นตอน', 'Step')}>
                    {pick(c.stepLabel, c.state)} {c.status === 'done' && <span className="badge badge-ok">{tr('เสร็จสิ้น', 'Done')}</span>}
                  </td>
                  <td data-label={tr('ปรับปรุงล่าสุด', 'Updated')}>{dateTime(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
