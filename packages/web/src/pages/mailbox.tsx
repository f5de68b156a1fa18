/**
 * /mailbox — in the embedded mode (no SMTP server configured) the system does
 * not send mail: it keeps each one in the database ("captured"), and each user
 * reads theirs here. A list (newest first) and a reading pane; the text body
 * is shown as text with its links made clickable (links into this app stay in
 * the app); an HTML body, when the API gives one, is shown only inside a
 * sandboxed iframe (no scripts, no same-origin access).
 *
 * API: GET /api/mailbox?limit= → { items: [{ id, subject, text, createdAt, to?, html?, kind? }] }.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { Label } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useApiGet } from '../lib/use-api';
import { Empty, Loading, ProblemMessage } from '../ui/feedback';
import type { ApiOk } from '../lib/api-types';

/** one captured mail (`listCapturedMail`) */
type Mail = ApiOk<'listCapturedMail'>['items'][number];

/** Notification kinds and their headlines (packages/worker/src/mail/mail-wording.ts): a subject starts with one. */
const KINDS: { kind: string; label: Label; badge: string }[] = [
  { kind: 'task', label: { th: 'งานใหม่รอท่านดำเนินการ', en: 'New task for you' }, badge: 'badge-open' },
  { kind: 'reminder', label: { th: 'แจ้งเตือนงานใกล้ครบกำหนด', en: 'Reminder: due soon' }, badge: 'badge-risk' },
  { kind: 'due', label: { th: 'ครบกำหนดวันนี้', en: 'Due today' }, badge: 'badge-risk' },
  { kind: 'overdue', label: { th: 'เกินกำหนดแล้ว', en: 'Overdue' }, badge: 'badge-overdue' },
  { kind: 'escalation', label: { th: 'รายงานเรื่องเกินกำหนด', en: 'Escalated: overdue case' }, badge: 'badge-overdue' },
  { kind: 'digest', label: { th: 'สรุปงานที่รอท่านดำเนินการ', en: 'Your pending work' }, badge: 'badge-neutral' },
  { kind: 'meeting', label: { th: 'หนังสือเชิญประชุม', en: 'Meeting notice' }, badge: 'badge-ok' },
  { kind: 'notice', label: { th: 'แจ้งผลการดำเนินการเรื่องของท่าน', en: 'Notice about your case' }, badge: 'badge-neutral' },
];

const SHORT_KIND: Record<string, Label> = {
  task: { th: 'งานใหม่', en: 'New task' },
  reminder: { th: 'ใกล้ครบกำหนด', en: 'Due soon' },
  due: { th: 'ครบกำหนดวันนี้', en: 'Due today' },
  overdue: { th: 'เกินกำหนด', en: 'Overdue' },
  escalation: { th: 'รายงานเกินกำหนด', en: 'Escalated' },
  digest: { th: 'สรุปงาน', en: 'Digest' },
  meeting: { th: 'เชิญประชุม', en: 'Meeting' },
  notice: { th: 'แจ้งผล', en: 'Notice' },
};

/** The kind, from the subject's headline (the API sends no kind). */
function kindOf(mail: Mail): (typeof KINDS)[number] | null {
  return KINDS.find((k) => mail.subject.startsWith(k.label.th) || mail.subject.startsWith(k.label.en)) ?? null;
}

/** Text with its http(s) links as links; a link into this app becomes an in-app link. */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const re = /https?:\/\/[^\s<>"')]+/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index;
    if (at > last) parts.push(text.slice(last, at));
    const href = m[0];
    let inApp: string | null = null;
    try {
      const u = new URL(href);
      if (u.origin === window.location.origin) inApp = `${u.pathname}${u.search}${u.hash}`;
    } catch {
      /* not a URL after all */
    }
    parts.push(
      inApp ? (
        <Link key={at} href={inApp}>
          {href}
        </Link>
      ) : (
        <a key={at} href={href} target="_blank" rel="noopener noreferrer">
          {href}
        </a>
      ),
    );
    last = at + href.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

export function MailboxPage(_props: Record<string, unknown>) {
  const { tr, pick, dateTime, num } = useI18n();
  const [limit, setLimit] = useState(50);
  const { data, error, loading, reload } = useApiGet('/api/mailbox', { params: { query: { limit } } });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const items = useMemo(() => data?.items ?? [], [data]);
  const needle = q.trim().toLowerCase();
  const filtered = items.filter(
    (m) =>
      (kind === '' || kindOf(m)?.kind === kind) &&
      (needle === '' || m.subject.toLowerCase().includes(needle) || m.text.toLowerCase().includes(needle)),
  );
  const selected = items.find((m) => m.id === selectedId) ?? null;
  const kindsPresent = KINDS.filter((k) => items.some((m) => kindOf(m)?.kind === k.kind));

  // a server with SMTP configured has no captured mail to show
  const notHere = error && (error.status === 404 || error.status === 403);
  return (
    <>
      <div className="page-head">
        <h1>{tr('กล่องจดหมาย', 'Mailbox')}</h1>
        <button type="button" className="btn btn-ghost" onClick={reload} disabled={loading}>
          {loading ? tr('กำลังโหลด…', 'Loading…') : tr('โหลดใหม่', 'Refresh')}
        </button>
      </div>
      <div className="alert adm-info" role="note">
        <strong>{tr('อีเมลที่ระบบเก็บไว้ (โหมดติดตั้งในเครื่อง)', 'Captured mail (embedded mode)')}</strong>
        <br />
        {tr(
          'ระบบนี้ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์ส่งอีเมล (SMTP) อีเมลแจ้งเตือนจึงไม่ได้ส่งออกไปจริง แต่เก็บไว้ที่นี่ให้ผู้รับอ่าน หน้านี้แสดงเฉพาะอีเมลที่ส่งถึงที่อยู่อีเมลของคุณ',
          'No mail server (SMTP) is configured, so notification mail is not sent out: it is kept here for its recipient. This page shows only the mail addressed to you.',
        )}
      </div>

      {notHere ? (
        <div className="card">
          <h2>{tr('ไม่มีกล่องจดหมายในระบบ', 'No mailbox here')}</h2>
          <p>
            {tr(
              'ระบบนี้ส่งอีเมลออกไปจริงผ่านเซิร์ฟเวอร์อีเมลของหน่วยงาน โปรดตรวจอีเมลแจ้งเตือนในกล่องจดหมายปกติของคุณ',
              'This server sends mail out through the organisation’s mail server: please look for notifications in your usual mailbox.',
            )}
          </p>
          <Link href="/">{tr('กลับไปหน้างานของฉัน', 'Back to my work')}</Link>
        </div>
      ) : (
        <>
          <ProblemMessage problem={error} />
          {data && items.length === 0 ? (
            <div className="card">
              <Empty>
                {tr(
                  'ยังไม่มีอีเมลถึงคุณ (อีเมลจะมาเมื่อมีงานรอคุณดำเนินการ หรือใกล้/เกินกำหนด; บัญชีที่ไม่มีที่อยู่อีเมลจะไม่ได้รับอีเมล)',
                  'No mail for you yet (it comes when work waits for you or a deadline nears; an account without an e-mail address gets none).',
                )}
              </Empty>
            </div>
          ) : (
            <div className="grid-2">
              <section aria-labelledby="mail-list-title">
                <h2 id="mail-list-title" className="visually-hidden">
                  {tr('รายการอีเมล', 'Mail')}
                </h2>
                <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
                  <label className="field">
                    <span>{tr('ค้นหา', 'Search')}</span>
                    <input
                      type="search"
                      value={q}
                      onChange={(e) => setQ(e.target.value)}
                      placeholder={tr('หัวเรื่องหรือเนื้อความ', 'Subject or text')}
                    />
                  </label>
                  <label className="field">
                    <span>{tr('ประเภท', 'Kind')}</span>
                    <select value={kind} onChange={(e) => setKind(e.target.value)}>
                      <option value="">{tr('ทุกประเภท', 'All kinds')}</option>
                      {kindsPresent.map((k) => (
                        <option key={k.kind} value={k.kind}>
                          {pick(k.label)}
                        </option>
                      ))}
                    </select>
                  </label>
                </form>
                <p className="muted adm-small" role="status" aria-live="polite">
                  {data ? tr(`${num(filtered.length)} ฉบับ (ล่าสุดก่อน)`, `${num(filtered.length)} message(s), newest first`) : ''}
                </p>
                {loading && !data ? (
                  <Loading />
                ) : filtered.length === 0 ? (
                  <Empty>{tr('ไม่พบอีเมลตามเงื่อนไข', 'No mail matches.')}</Empty>
                ) : (
                  <div className="table-wrap">
                    <table className="table responsive adm-mail-list">
                      <caption className="visually-hidden">{tr('อีเมลของฉัน ล่าสุดก่อน', 'My mail, newest first')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{tr('หัวเรื่อง', 'Subject')}</th>
                          <th scope="col">{tr('ประเภท', 'Kind')}</th>
                          <th scope="col">{tr('เมื่อ', 'When')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {filtered.map((m) => {
                          const k = kindOf(m);
                          return (
                            <tr key={m.id} className={m.id === selectedId ? 'adm-selected' : undefined}>
                              <td data-label={tr('หัวเรื่อง', 'Subject')}>
                                <button
                                  type="button"
                                  className="adm-link-btn"
                                  onClick={() => setSelectedId(m.id)}
                                  aria-pressed={m.id === selectedId}
                                  data-mail={m.id}
                                >
                                  {m.subject}
                                </button>
                              </td>
                              <td data-label={tr('ประเภท', 'Kind')}>
                                {k ? (
                                  <span className={`badge ${k.badge}`}>{pick(SHORT_KIND[k.kind])}</span>
                                ) : (
                                  <span className="muted">—</span>
                                )}
                              </td>
                              <td data-label={tr('เมื่อ', 'When')} className="adm-nowrap">
                                {dateTime(m.createdAt)}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                )}
                {data && items.length >= limit && limit < 200 && (
                  <div className="pager">
                    <button type="button" className="btn btn-ghost" onClick={() => setLimit(200)}>
                      {tr('แสดงอีเมลที่เก่ากว่า', 'Show older mail')}
                    </button>
                  </div>
                )}
              </section>

              <section className="card adm-reader" aria-labelledby="mail-reader-title">
                {selected ? (
                  <MailView key={selected.id} mail={selected} />
                ) : (
                  <>
                    <h2 id="mail-reader-title">{tr('อ่านอีเมล', 'Read a message')}</h2>
                    <p className="muted">{tr('เลือกหัวเรื่องทางซ้ายเพื่ออ่านเนื้อความ', 'Choose a subject to read the message.')}</p>
                  </>
                )}
              </section>
            </div>
          )}
        </>
      )}
    </>
  );
}

function MailView({ mail }: { mail: Mail }) {
  const { tr, pick, dateTime } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // opening a message moves the focus to it (beside the list, or below it on a phone)
  useEffect(() => headingRef.current?.focus(), []);
  const [asHtml, setAsHtml] = useState(Boolean(mail.html));
  const k = kindOf(mail);
  return (
    <>
      <h2 id="mail-reader-title" ref={headingRef} tabIndex={-1} className="adm-mail-subject">
        {mail.subject}
      </h2>
      <dl className="facts">
        {mail.to && (
          <>
            <dt>{tr('ถึง', 'To')}</dt>
            <dd>{mail.to}</dd>
          </>
        )}
        <dt>{tr('เมื่อ', 'When')}</dt>
        <dd>{dateTime(mail.createdAt)}</dd>
        {k && (
          <>
            <dt>{tr('ประเภท', 'Kind')}</dt>
            <dd>
              <span className={`badge ${k.badge}`}>{pick(k.label)}</span>
            </dd>
          </>
        )}
      </dl>
      {mail.html && (
        <div className="btn-row adm-gap" role="group" aria-label={tr('รูปแบบการแสดง', 'Show as')}>
          <button type="button" className="btn btn-ghost" aria-pressed={asHtml} onClick={() => setAsHtml(true)}>
            HTML
          </button>
          <button type="button" className="btn btn-ghost" aria-pressed={!asHtml} onClick={() => setAsHtml(false)}>
            {tr('ข้อความธรรมดา', 'Plain text')}
          </button>
        </div>
      )}
      {mail.html && asHtml ? (
        <iframe
          className="adm-mail-frame"
          title={tr(`เนื้อความอีเมล: ${mail.subject}`, `Message body: ${mail.subject}`)}
          sandbox=""
          srcDoc={mail.html}
          referrerPolicy="no-referrer"
        />
      ) : (
        <pre className="mail">
          <Linkified text={mail.text} />
        </pre>
      )}
      <button
        type="button"
        className="btn btn-ghost adm-phone-only"
        onClick={() => document.querySelector<HTMLElement>(`[data-mail="${CSS.escape(mail.id)}"]`)?.focus()}
      >
        {tr('กลับไปที่รายการ', 'Back to the list')}
      </button>
    </>
  );
}
