/**
 * งานของฉัน — the cases awaiting me, soonest due first, overdue and at-risk
 * marked. The whole list (up to 2,000) comes in one call; filtering and
 * searching happen in the browser over all of it, and rows are drawn 100 at
 * a time so a long list stays quick to scroll and to type into.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { formatDue } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useApiGet } from '../lib/use-api';
import { Empty, Loading, ProblemMessage } from '../ui/feedback';
import { OrdersToSign } from './cycle/transfer-exchanges';

const PAGE = 100;
type Filter = 'all' | 'overdue' | 'atRisk';

export function InboxPage() {
  const { tr, pick, dateTime, num, lang } = useI18n();
  const inbox = useApiGet('/api/inbox', { params: { query: { limit: 2000 } } });
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const deferredQuery = useDeferredValue(query);

  const items = useMemo(() => {
    const q = deferredQuery.trim().toLowerCase();
    return (inbox.data?.items ?? []).filter(
      (i) =>
        (filter === 'all' || (filter === 'overdue' ? i.overdue : i.atRisk)) &&
        (q === '' ||
          i.title.toLowerCase().includes(q) ||
          (i.stepLabel && (i.stepLabel.th.includes(q) || i.stepLabel.en.toLowerCase().includes(q)))),
    );
  }, [inbox.data, filter, deferredQuery]);

  if (inbox.error && !inbox.data) return <ProblemMessage problem={inbox.error} />;
  if (!inbox.data) return <Loading />;
  const d = inbox.data;
  const now = new Date(d.now);
  const tiles: { key: Filter; th: string; en: string; n: number; cls: string }[] = [
    { key: 'all', th: 'รอฉันดำเนินการ', en: 'Awaiting me', n: d.total, cls: '' },
    { key: 'overdue', th: 'เกินกำหนด', en: 'Overdue', n: d.overdue, cls: 'overdue' },
    { key: 'atRisk', th: 'ใกล้ครบกำหนด', en: 'Due soon', n: d.atRisk, cls: 'risk' },
  ];

  return (
    <section aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title">{tr('งานของฉัน', 'My work')}</h1>
        <span className="muted">{tr('เรียงตามกำหนดที่ใกล้ที่สุดก่อน', 'Soonest due first')}</span>
      </div>
      <AppraisalRounds />
      <OrdersToSign />
      <div className="stats" role="group" aria-label={tr('ตัวกรอง', 'Filters')}>
        {tiles.map((t) => (
          <button
            key={t.key}
            type="button"
            className={`stat ${t.cls} stat-button`}
            aria-pressed={filter === t.key}
            onClick={() => {
              setFilter(t.key);
              setShown(PAGE);
            }}
          >
            <strong>{num(t.n)}</strong>
            {tr(t.th, t.en)}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <label className="field">
          <span>{tr('ค้นหาในงานของฉัน', 'Search my work')}</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={tr('ชื่อเรื่อง ชื่อครู หรือขั้นตอน', 'Title, name or step')}
          />
        </label>
        <span className="muted" aria-live="polite">
          {tr(`${num(items.length)} เรื่อง`, `${num(items.length)} case(s)`)}
        </span>
      </div>
      {items.length === 0 ? (
        <Empty>
          {d.total === 0 ? tr('ไม่มีงานค้าง ยอดเยี่ยม!', 'Nothing awaits you.') : tr('ไม่พบเรื่องที่ตรงกับตัวกรอง', 'No case matches the filter')}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table responsive" data-testid="inbox">
            <thead>
              <tr>
                <th scope="col">{tr('เรื่อง', 'Case')}</th>
                <th scope="col">{tr('ขั้นตอนที่รอ', 'Step')}</th>
                <th scope="col">{tr('ครบกำหนด', 'Due')}</th>
                <th scope="col">{tr('สถานะ', 'Status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, shown).map((i) => (
                <tr key={`${i.caseId}:${i.step}`} className={i.overdue ? 'is-overdue' : i.atRisk ? 'is-risk' : ''}>
                  <td data-label={tr('เรื่อง', 'Case')}>
                    <Link href={`/cases/${i.caseId}`}>{i.title}</Link>
                  </td>
                  <td data-label={tr('ขั้นตอน', 'Step')}>{pick(i.stepLabel, i.step)}</td>
                  <td className="nowrap" data-label={tr('ครบกำหนด', 'Due')}>
                    {dateTime(i.dueAt)}
                    {i.dueAt && <div className="hint">{formatDue(i.dueAt, now, lang)}</div>}
                  </td>
                  <td data-label={tr('สถานะ', 'Status')}>
                    {i.overdue ? (
                      <span className="badge badge-overdue">{tr('เกินกำหนด', 'Overdue')}</span>
                    ) : i.atRisk ? (
                      <span className="badge badge-risk">{tr('ใกล้ครบกำหนด', 'Due soon')}</span>
                    ) : (
                      <span className="badge badge-ok">{tr('ทันเวลา', 'On track')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length > shown && (
        <div className="pager">
          <button type="button" className="btn" onClick={() => setShown(shown + PAGE)}>
            {tr(`แสดงเพิ่ม (เหลือ ${num(items.length - shown)})`, `Show more (${num(items.length - shown)} left)`)}
          </button>
        </div>
      )}
    </section>
  );
}

/** Salary rounds in which people wait on my appraisal: a link to score them all on one page. */
function AppraisalRounds() {
  const { tr, num } = useI18n();
  const rounds = useApiGet('/api/salary-appraisals');
  const items = rounds.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="appraisal-rounds-title" data-testid="appraisal-rounds">
      <h2 id="appraisal-rounds-title">{tr('การประเมินเพื่อเลื่อนเงินเดือนที่รอท่าน', 'Salary appraisals waiting on me')}</h2>
      <ul className="sv-list">
        {items.map((r) => (
          <li key={r.roundId}>
            <Link href={`/cycles/${r.roundId}/appraise`}>
              {tr(`ให้คะแนนผู้ที่ท่านประเมิน (${num(r.waiting)} คน)`, `Score the people I appraise (${num(r.waiting)})`)}
            </Link>{' '}
            <span className="muted sv-small">{r.title}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
