/**
 * /admin/users — the users of my office and their roles, for the office's
 * admins: search and filter, create a user for a person of the office, grant
 * a role for the office or one of its schools, revoke one (it ends now and
 * stays on record), disable or enable an account (disabling signs the user
 * out everywhere).
 *
 * API: GET /api/offices/:officeId/users?q=, GET /api/offices/:officeId/people?q=
 * (the person picker: by name or citizen id, never by an id), POST
 * /api/offices/:officeId/users, POST …/users/:userId/roles, DELETE
 * …/users/:userId/roles/:assignmentId, POST …/users/:userId/disable | enable,
 * POST …/users/:userId/password (accounts the staff import created have none). Those routes are idempotent by
 * themselves (granting a live role again returns the same assignment), so no
 * Idempotency-Key is sent.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiProblem, client } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { Empty, Loading, Notice, ProblemMessage } from '../ui/feedback';
import { ConfirmAction } from './admin/confirm';
import { explainAdminProblem } from './admin/problem';
import { isSchoolRole, ROLE_NAMES, roleLabel } from '../lib/roles';
import { PersonPicker, type FoundPerson } from './admin/person-picker';
import type { ApiBody, ApiOk } from '../lib/api-types';

type RoleGrant = OfficeUser['grants'][number];

/** one user of the office (`listOfficeUsers`) */
type OfficeUser = ApiOk<'listOfficeUsers'>['items'][number];

type StatusFilter = 'enabled' | 'disabled' | 'all';
const PAGE = 100;

/** A grant not yet ended (current, or starting later). */
const isLive = (g: RoleGrant, now: number) => g.validUntil === null || new Date(g.validUntil).getTime() > now;

/** The day after a YYYY-MM-DD, as midnight in Bangkok (an "until and including" date). */
function endOfDayInBangkok(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.toISOString().slice(0, 10)}T00:00:00+07:00`;
}

function randomPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** The panel beside the table (below it on a phone) takes the focus when it opens. */
function useFocusOnMount() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** The schools of my office (GET /api/offices/:officeId/schools), by name; an unknown one is "a school" (never its id). */
function useSchools() {
  const { tr, lang } = useI18n();
  const { officeId } = useSession();
  const { data } = useApiGet('/api/offices/{officeId}/schools', officeId ? { params: { path: { officeId } } } : null);
  const schools = data?.items ?? [];
  const schoolName = (schoolId: string) => {
    const s = schools.find((x) => x.id === schoolId);
    return s ? (lang === 'en' && s.nameEn ? s.nameEn : s.nameTh) : tr('โรงเรียนในสังกัด', 'A school of the office');
  };
  return { schools, schoolName };
}

function useSchoolName() {
  return useSchools().schoolName;
}

export function UsersPage(_props: Record<string, unknown>) {
  const { tr, pick, num } = useI18n();
  const { me, officeId, has } = useSession();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const [role, setRole] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [limit, setLimit] = useState(PAGE);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const schoolName = useSchoolName();

  const { data, error, loading, reload } = useApiGet(
    '/api/offices/{officeId}/users',
    officeId && has('admin') ? { params: { path: { officeId }, query: query ? { q: query.slice(0, 100) } : {} } } : null,
  );
  const all = useMemo(() => data?.items ?? [], [data]);
  const filtered = all.filter(
    (u) =>
      (status === 'all' || (status === 'disabled') === (u.disabledAt !== null)) &&
      (role === '' || u.grants.some((g) => g.active && g.role === role)),
  );
  const shown = filtered.slice(0, limit);
  const selected = all.find((u) => u.id === selectedId) ?? null;
  useEffect(() => setLimit(PAGE), [query, role, status]);

  const open = (id: string | null, isCreating = false) => {
    setSelectedId(id);
    setCreating(isCreating);
    setNotice(null);
  };

  if (!has('admin') || !officeId) {
    return (
      <>
        <h1>{tr('ผู้ใช้และบทบาท', 'Users and roles')}</h1>
        <p className="muted">{tr('หน้านี้สำหรับผู้ดูแลระบบของสำนักงานเขตเท่านั้น', 'This page is for the office administrators only.')}</p>
      </>
    );
  }

  const disabledCount = all.filter((u) => u.disabledAt !== null).length;
  return (
    <>
      <div className="page-head">
        <h1>{tr('ผู้ใช้และบทบาท', 'Users and roles')}</h1>
        <button type="button" className="btn btn-primary" onClick={() => open(null, true)} aria-expanded={creating}>
          {tr('สร้างบัญชีผู้ใช้', 'Create a user')}
        </button>
      </div>
      <p className="adm-lead">
        {tr(
          'บัญชีผู้ใช้ของบุคลากรในสังกัดสำนักงานเขต และบทบาทที่ได้รับมอบในระดับสำนักงานเขตหรือโรงเรียน การเพิกถอนบทบาทจะสิ้นสุดทันทีและเก็บประวัติไว้',
          'The user accounts of the office’s people and the roles they hold for the office or one of its schools. Revoking a role ends it now and keeps it on record.',
        )}
      </p>

      <div className="stats">
        <div className="stat">
          <span>{query ? tr('ตรงกับคำค้น', 'Matching the search') : tr('ผู้ใช้ทั้งหมด', 'Users')}</span>
          <strong>{num(all.length)}</strong>
        </div>
        <div className="stat">
          <span>{tr('ใช้งานอยู่', 'Enabled')}</span>
          <strong>{num(all.length - disabledCount)}</strong>
        </div>
        <div className="stat">
          <span>{tr('ถูกระงับ', 'Disabled')}</span>
          <strong>{num(disabledCount)}</strong>
        </div>
      </div>

      {notice && <Notice>{notice}</Notice>}

      <div className="grid-2">
        <section aria-labelledby="users-title">
          <h2 id="users-title" className="visually-hidden">
            {tr('รายชื่อผู้ใช้', 'User list')}
          </h2>
          <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
            <label className="field">
              <span>{tr('ค้นหา', 'Search')}</span>
              <input
                type="search"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={tr('ชื่อผู้ใช้ ชื่อ หรือนามสกุล', 'Username, first or last name')}
                maxLength={100}
              />
            </label>
            <label className="field">
              <span>{tr('บทบาท', 'Role')}</span>
              <select value={role} onChange={(e) => setRole(e.target.value)}>
                <option value="">{tr('ทุกบทบาท', 'Any role')}</option>
                {ROLE_NAMES.map((r) => (
                  <option key={r} value={r}>
                    {pick(roleLabel(r))}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{tr('สถานะ', 'Status')}</span>
              <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
                <option value="all">{tr('ทั้งหมด', 'All')}</option>
                <option value="enabled">{tr('ใช้งานอยู่', 'Enabled')}</option>
                <option value="disabled">{tr('ถูกระงับ', 'Disabled')}</option>
              </select>
            </label>
          </form>
          <ProblemMessage problem={error} />
          <p className="muted adm-small" role="status" aria-live="polite">
            {loading ? tr('กำลังโหลด…', 'Loading…') : tr(`พบ ${num(filtered.length)} คน`, `${num(filtered.length)} user(s)`)}
          </p>
          {loading && !data ? (
            <Loading />
          ) : filtered.length === 0 ? (
            <Empty>{tr('ไม่พบผู้ใช้ตามเงื่อนไข', 'No user matches.')}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table responsive">
                <caption className="visually-hidden">{tr('ผู้ใช้ของสำนักงานเขตและบทบาท', 'Users of the office and their roles')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('ผู้ใช้', 'User')}</th>
                    <th scope="col">{tr('บทบาทปัจจุบัน', 'Current roles')}</th>
                    <th scope="col">{tr('สถานะ', 'Status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{tr('จัดการ', 'Actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((u) => {
                    const live = u.grants.filter((g) => g.active);
                    return (
                      <tr key={u.id} className={u.id === selectedId ? 'adm-selected' : undefined}>
                        <th scope="row" data-label={tr('ผู้ใช้', 'User')} className="adm-rowhead">
                          <strong>{u.person.nameTh}</strong>
                          <br />
                          <code>{u.username}</code>
                          {u.person.position && <span className="muted adm-small"> · {u.person.position}</span>}
                        </th>
                        <td data-label={tr('บทบาทปัจจุบัน', 'Current roles')}>
                          {live.length === 0 ? (
                            <span className="muted">{tr('ไม่มีบทบาท', 'No role')}</span>
                          ) : (
                            <ul className="adm-badges">
                              {live.map((g) => (
                                <li key={g.id}>
                                  <span className="badge badge-open">
                                    {pick(roleLabel(g.role))}
                                    {g.schoolId ? ` · ${schoolName(g.schoolId)}` : ''}
                                  </span>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td data-label={tr('สถานะ', 'Status')}>
                          {u.disabledAt ? (
                            <span className="badge badge-neutral">{tr('ถูกระงับ', 'Disabled')}</span>
                          ) : (
                            <span className="badge badge-ok">{tr('ใช้งานอยู่', 'Enabled')}</span>
                          )}
                        </td>
                        <td>
                          <button
                            type="button"
                            className="btn btn-ghost"
                            onClick={() => open(u.id)}
                            aria-pressed={u.id === selectedId}
                            aria-label={tr(`จัดการ ${u.username}`, `Manage ${u.username}`)}
                          >
                            {tr('จัดการ', 'Manage')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {filtered.length > shown.length && (
            <div className="pager">
              <button type="button" className="btn btn-ghost" onClick={() => setLimit((l) => l + PAGE)}>
                {tr(`แสดงเพิ่ม (${num(filtered.length - shown.length)} คนที่เหลือ)`, `Show more (${num(filtered.length - shown.length)} left)`)}
              </button>
            </div>
          )}
        </section>

        <div className="adm-sticky">
          {creating ? (
            <CreateUserForm
              officeId={officeId}
              onCancel={() => setCreating(false)}
              onCreated={(userId, username) => {
                setNotice(
                  tr(
                    `สร้างบัญชี ${username} แล้ว — แจ้งรหัสผ่านเริ่มต้นให้ผู้ใช้ทางช่องทางที่ปลอดภัย แล้วมอบบทบาทด้านล่าง`,
                    `User ${username} created — give them the initial password through a safe channel, then grant roles below.`,
                  ),
                );
                setCreating(false);
                setSelectedId(userId);
                reload();
              }}
            />
          ) : selected ? (
            <UserPanel
              key={selected.id}
              user={selected}
              officeId={officeId}
              isMe={selected.id === me?.id}
              onChanged={(message) => {
                setNotice(message);
                reload();
              }}
              onClose={() => setSelectedId(null)}
            />
          ) : (
            <div className="card">
              <h2>{tr('จัดการผู้ใช้', 'Manage a user')}</h2>
              <p className="muted">
                {tr(
                  'เลือก “จัดการ” ที่ผู้ใช้เพื่อดูประวัติบทบาท มอบหรือเพิกถอนบทบาท และระงับบัญชี',
                  'Choose “Manage” on a user to see their role history, grant or revoke roles, and disable the account.',
                )}
              </p>
            </div>
          )}
        </div>
      </div>
    </>
  );
}

function UserPanel({
  user,
  officeId,
  isMe,
  onChanged,
  onClose,
}: {
  user: OfficeUser;
  officeId: string;
  isMe: boolean;
  onChanged: (message: string) => void;
  onClose: () => void;
}) {
  const { tr, pick, date, dateTime } = useI18n();
  const schoolName = useSchoolName();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const heading = useFocusOnMount();
  const now = Date.now();
  const userPath = { path: { officeId, userId: user.id } };
  const live = user.grants.filter((g) => isLive(g, now));
  const ended = user.grants.filter((g) => !isLive(g, now));

  const run = async (call: () => Promise<unknown>, message: string) => {
    setProblem(null);
    try {
      await call();
      onChanged(message);
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(explainAdminProblem(e));
      else throw e;
    }
  };

  const scope = (g: RoleGrant) => (g.schoolId ? schoolName(g.schoolId) : tr('ทั้งสำนักงานเขต', 'Whole office'));
  /** the last day a grant holds ("until and including") */
  const until = (g: RoleGrant) => (g.validUntil ? date(new Date(new Date(g.validUntil).getTime() - 1)) : null);

  return (
    <section className="card adm-panel" aria-labelledby="user-panel-title">
      <div className="adm-panel-head">
        <h2 id="user-panel-title" tabIndex={-1} ref={heading}>
          {user.person.nameTh}
        </h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} aria-label={tr('ปิดแผงผู้ใช้', 'Close the user panel')}>
          {tr('ปิด', 'Close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{tr('ชื่อผู้ใช้', 'Username')}</dt>
        <dd>
          <code>{user.username}</code>
        </dd>
        {user.person.position && (
          <>
            <dt>{tr('ตำแหน่ง', 'Position')}</dt>
            <dd>{user.person.position}</dd>
          </>
        )}
        <dt>{tr('สังกัด', 'Works at')}</dt>
        <dd>{user.person.schoolId ? schoolName(user.person.schoolId) : tr('สำนักงานเขต', 'The office')}</dd>
        <dt>{tr('อีเมล', 'E-mail')}</dt>
        <dd>{user.email ?? '—'}</dd>
        <dt>{tr('ภาษา', 'Language')}</dt>
        <dd>{user.preferredLang === 'en' ? 'English' : 'ไทย'}</dd>
        <dt>{tr('สถานะ', 'Status')}</dt>
        <dd>
          {user.disabledAt ? (
            <span className="badge badge-neutral">
              {tr(`ถูกระงับเมื่อ ${dateTime(user.disabledAt)}`, `Disabled on ${dateTime(user.disabledAt)}`)}
            </span>
          ) : (
            <span className="badge badge-ok">{tr('ใช้งานอยู่', 'Enabled')}</span>
          )}
          {!user.hasPassword && (
            <>
              {' '}
              <span className="badge badge-risk">{tr('ยังไม่มีรหัสผ่าน', 'No password yet')}</span>
            </>
          )}
        </dd>
      </dl>

      <ProblemMessage problem={problem} />

      <h3>{tr('บทบาท', 'Roles')}</h3>
      {live.length === 0 ? (
        <p className="muted">{tr('ยังไม่มีบทบาท ผู้ใช้จะเข้าระบบได้แต่ไม่เห็นงานใด', 'No role yet: the user can sign in but sees no work.')}</p>
      ) : (
        <ul className="adm-grants">
          {live.map((g) => (
            <li key={g.id}>
              <div>
                <strong>{pick(roleLabel(g.role))}</strong> <span className="muted">· {scope(g)}</span>
                <br />
                <span className="muted adm-small">
                  {g.active
                    ? tr(`ตั้งแต่ ${date(g.validFrom)}`, `Since ${date(g.validFrom)}`)
                    : tr(`เริ่ม ${date(g.validFrom)}`, `Starts ${date(g.validFrom)}`)}
                  {until(g) && ` ${tr(`ถึง ${until(g)}`, `until ${until(g)}`)}`}
                </span>
                {!g.active && (
                  <>
                    {' '}
                    <span className="badge badge-risk">{tr('ยังไม่เริ่ม', 'Not started')}</span>
                  </>
                )}
              </div>
              <ConfirmAction
                label={tr('เพิกถอน', 'Revoke')}
                question={tr(
                  `เพิกถอนบทบาท${pick(roleLabel(g.role))} (${scope(g)}) ของ ${user.username}?`,
                  `Revoke ${pick(roleLabel(g.role))} (${scope(g)}) from ${user.username}?`,
                )}
                confirmLabel={tr('ยืนยันการเพิกถอน', 'Yes, revoke')}
                onConfirm={() =>
                  run(
                    () =>
                      client.DELETE('/api/offices/{officeId}/users/{userId}/roles/{assignmentId}', {
                        params: { path: { officeId, userId: user.id, assignmentId: g.id } },
                      }),
                    tr(
                      `เพิกถอนบทบาท${pick(roleLabel(g.role))}ของ ${user.username} แล้ว (ยังเก็บประวัติไว้)`,
                      `${pick(roleLabel(g.role))} revoked from ${user.username} (kept on record).`,
                    ),
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <>
          <button type="button" className="btn btn-ghost adm-link-btn" aria-expanded={showEnded} onClick={() => setShowEnded((s) => !s)}>
            {showEnded
              ? tr('ซ่อนประวัติบทบาท', 'Hide role history')
              : tr(`ประวัติบทบาทที่สิ้นสุดแล้ว (${ended.length})`, `Ended roles (${ended.length})`)}
          </button>
          {showEnded && (
            <ul className="adm-grants adm-ended">
              {ended.map((g) => (
                <li key={g.id}>
                  <div>
                    <s>{pick(roleLabel(g.role))}</s> <span className="muted">· {scope(g)}</span>
                    <br />
                    <span className="muted adm-small">
                      {date(g.validFrom)} – {until(g)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      <GrantForm
        officeId={officeId}
        user={user}
        onGranted={(message) => {
          setProblem(null);
          onChanged(message);
        }}
      />

      <h3>{tr('บัญชีผู้ใช้', 'Account')}</h3>
      <PasswordForm officeId={officeId} user={user} onDone={onChanged} />
      {user.disabledAt ? (
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() =>
            void run(
              () => client.POST('/api/offices/{officeId}/users/{userId}/enable', { params: userPath }),
              tr(`เปิดใช้บัญชี ${user.username} อีกครั้งแล้ว`, `User ${user.username} enabled again.`),
            )
          }
        >
          {tr('เปิดใช้บัญชีอีกครั้ง', 'Enable the account')}
        </button>
      ) : isMe ? (
        <p className="muted adm-small">{tr('ระงับบัญชีของตนเองไม่ได้', 'You cannot disable your own account.')}</p>
      ) : (
        <>
          <p className="muted adm-small">
            {tr(
              'การระงับบัญชีจะทำให้ผู้ใช้ออกจากระบบทุกอุปกรณ์ทันที บทบาทยังคงอยู่',
              'Disabling signs the user out on every device at once; their roles stay.',
            )}
          </p>
          <ConfirmAction
            label={tr('ระงับบัญชี', 'Disable the account')}
            question={tr(
              `ระงับบัญชี ${user.username}? ผู้ใช้จะออกจากระบบทุกอุปกรณ์ทันที`,
              `Disable ${user.username}? They are signed out everywhere at once.`,
            )}
            confirmLabel={tr('ยืนยันการระงับ', 'Yes, disable')}
            onConfirm={() =>
              run(
                () => client.POST('/api/offices/{officeId}/users/{userId}/disable', { params: userPath }),
                tr(`ระงับบัญชี ${user.username} แล้ว`, `User ${user.username} disabled.`),
              )
            }
          />
        </>
      )}
    </section>
  );
}

function GrantForm({ officeId, user, onGranted }: { officeId: string; user: OfficeUser; onGranted: (message: string) => void }) {
  const { tr, pick, lang } = useI18n();
  const { schools } = useSchools();
  const [role, setRole] = useState('');
  const [scope, setScope] = useState<string>(user.person.schoolId ?? '');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  // a school role is granted for a school, an office role for the whole office (the server refuses anything else)
  const officeRole = role !== '' && !isSchoolRole(role);
  const schoolId = officeRole ? null : scope || null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const r = await client.POST('/api/offices/{officeId}/users/{userId}/roles', {
        params: { path: { officeId, userId: user.id } },
        body: {
          role: role as ApiBody<'grantRole'>['role'],
          schoolId,
          ...(from ? { validFrom: `${from}T00:00:00+07:00` } : {}),
          ...(until ? { validUntil: endOfDayInBangkok(until) } : {}),
        },
      });
      const already = user.grants.some((g) => g.id === r.assignmentId);
      const label = pick(roleLabel(role));
      onGranted(
        already
          ? tr(`${user.username} มีบทบาท${label}อยู่แล้ว ไม่มีการเปลี่ยนแปลง`, `${user.username} already holds ${label}; nothing changed.`)
          : tr(`มอบบทบาท${label}ให้ ${user.username} แล้ว`, `${label} granted to ${user.username}.`),
      );
      setRole('');
      setFrom('');
      setUntil('');
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(explainAdminProblem(err));
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="grant-title" className="adm-subform">
      <h3 id="grant-title">{tr('มอบบทบาท', 'Grant a role')}</h3>
      <label className="field">
        <span>{tr('บทบาท', 'Role')}</span>
        <select required value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">{tr('— เลือกบทบาท —', '— choose a role —')}</option>
          {ROLE_NAMES.map((r) => (
            <option key={r} value={r}>
              {pick(roleLabel(r))}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{tr('ขอบเขต', 'Scope')}</span>
        <select value={officeRole ? '' : scope} disabled={officeRole} onChange={(e) => setScope(e.target.value)}>
          <option value="">{tr('ทั้งสำนักงานเขต', 'The whole office')}</option>
          {schools.map((s) => (
            <option key={s.id} value={s.id}>
              {lang === 'en' && s.nameEn ? s.nameEn : s.nameTh} ({s.code})
              {s.id === user.person.schoolId ? ` ${tr('(สังกัดของผู้ใช้)', '(where the user works)')}` : ''}
            </option>
          ))}
        </select>
      </label>
      <div className="adm-two">
        <label className="field">
          <span>
            {tr('เริ่ม', 'From')} <span className="hint">{tr('(ว่าง = ทันที)', '(empty: now)')}</span>
          </span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span>
            {tr('ถึงวันที่', 'Until')} <span className="hint">{tr('(ว่าง = ไม่กำหนด)', '(empty: open-ended)')}</span>
          </span>
          <input type="date" value={until} min={from || undefined} onChange={(e) => setUntil(e.target.value)} />
        </label>
      </div>
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy || !role}>
        {busy ? tr('กำลังบันทึก…', 'Saving…') : tr('มอบบทบาท', 'Grant')}
      </button>
    </form>
  );
}

function CreateUserForm({
  officeId,
  onCreated,
  onCancel,
}: {
  officeId: string;
  onCreated: (userId: string, username: string) => void;
  onCancel: () => void;
}) {
  const { tr } = useI18n();
  const [person, setPerson] = useState<FoundPerson | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [lang, setLang] = useState<'th' | 'en'>('th');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pickProblem, setPickProblem] = useState(false);
  const heading = useFocusOnMount();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!person) {
      setPickProblem(true);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const r = await client.POST('/api/offices/{officeId}/users', {
        params: { path: { officeId } },
        body: {
          personId: person.id,
          username: username.trim(),
          password,
          ...(email.trim() ? { email: email.trim() } : {}),
          preferredLang: lang,
        },
      });
      onCreated(r.userId, username.trim());
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(explainAdminProblem(err));
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-title">
      <div className="adm-panel-head">
        <h2 id="create-title" tabIndex={-1} ref={heading}>
          {tr('สร้างบัญชีผู้ใช้', 'Create a user')}
        </h2>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {tr('ยกเลิก', 'Cancel')}
        </button>
      </div>
      <p className="muted adm-small">
        {tr(
          'บุคลากรต้องมีประวัติในทะเบียนของสำนักงานเขตก่อน (นำเข้าได้ที่หน้า ',
          'The person must be on the office’s register first (import staff on the ',
        )}
        <Link href="/admin/import">{tr('นำเข้าข้อมูล', 'Import')}</Link>
        {tr(') หนึ่งคนมีบัญชีได้บัญชีเดียว', ' page). One person has one account.')}
      </p>
      <PersonPicker
        officeId={officeId}
        value={person}
        onChange={(p) => {
          setPerson(p);
          setPickProblem(false);
        }}
      />
      {pickProblem && (
        <p className="field-error" role="alert">
          {tr('เลือกบุคลากรจากรายการก่อน', 'Choose a person from the list first')}
        </p>
      )}
      <label className="field">
        <span>
          {tr('ชื่อผู้ใช้', 'Username')} <span className="hint">{tr('(ตัวอักษรอังกฤษ ตัวเลข และ . _ @ -)', '(letters, digits and . _ @ -)')}</span>
        </span>
        <input
          required
          minLength={3}
          maxLength={100}
          pattern="[A-Za-z0-9._@\-]+"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <PasswordField id="new-password" label={tr('รหัสผ่านเริ่มต้น', 'Initial password')} password={password} setPassword={setPassword} />
      <label className="field">
        <span>
          {tr('อีเมล', 'E-mail')} <span className="hint">{tr('(ว่าง = ใช้อีเมลในทะเบียนบุคลากร)', '(empty: the one on the register)')}</span>
        </span>
        <input type="email" maxLength={300} value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>{tr('ภาษาของอีเมลแจ้งเตือน', 'Language of notifications')}</span>
        <select value={lang} onChange={(e) => setLang(e.target.value as 'th' | 'en')}>
          <option value="th">ไทย</option>
          <option value="en">English</option>
        </select>
      </label>
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังสร้าง…', 'Creating…') : tr('สร้างบัญชี', 'Create the user')}
      </button>
    </form>
  );
}

/** A new password: typed, or generated and shown (to be given to the user through a safe channel). */
function PasswordField({
  id,
  label,
  password,
  setPassword,
}: {
  id: string;
  label: string;
  password: string;
  setPassword: (p: string) => void;
}) {
  const { tr } = useI18n();
  const [reveal, setReveal] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>
        <strong>{label}</strong> <span className="hint">{tr('(อย่างน้อย 12 ตัวอักษร)', '(at least 12 characters)')}</span>
      </label>
      <input
        id={id}
        type={reveal ? 'text' : 'password'}
        required
        minLength={12}
        maxLength={200}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="new-password"
        spellCheck={false}
      />
      <span className="btn-row">
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => {
            setPassword(randomPassword());
            setReveal(true);
          }}
        >
          {tr('สุ่มรหัสผ่าน', 'Generate')}
        </button>
        <button type="button" className="btn btn-ghost" aria-pressed={reveal} onClick={() => setReveal((r) => !r)}>
          {reveal ? tr('ซ่อนรหัสผ่าน', 'Hide password') : tr('แสดงรหัสผ่าน', 'Show password')}
        </button>
      </span>
    </div>
  );
}

/** Sets a user's password: an imported account has none; a forgotten one is replaced. The user's sessions end. */
function PasswordForm({ officeId, user, onDone }: { officeId: string; user: OfficeUser; onDone: (message: string) => void }) {
  const { tr } = useI18n();
  const [open, setOpen] = useState(!user.hasPassword);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await client.POST('/api/offices/{officeId}/users/{userId}/password', {
        params: { path: { officeId, userId: user.id } },
        body: { password },
      });
      setPassword('');
      onDone(
        tr(
          `ตั้งรหัสผ่านของ ${user.username} แล้ว — แจ้งผู้ใช้ทางช่องทางที่ปลอดภัย`,
          `Password of ${user.username} set — give it to them through a safe channel.`,
        ),
      );
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(explainAdminProblem(err));
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <button type="button" className="btn btn-ghost" onClick={() => setOpen(true)}>
        {tr('ตั้งรหัสผ่านใหม่', 'Set a new password')}
      </button>
    );
  }
  return (
    <form onSubmit={submit} aria-labelledby="password-title" className="adm-subform">
      <h3 id="password-title">{user.hasPassword ? tr('ตั้งรหัสผ่านใหม่', 'Set a new password') : tr('ตั้งรหัสผ่าน', 'Set a password')}</h3>
      <p className="muted adm-small">
        {user.hasPassword
          ? tr('รหัสผ่านเดิมจะใช้ไม่ได้ และผู้ใช้จะออกจากระบบทุกอุปกรณ์', 'The old password stops working and the user is signed out everywhere.')
          : tr(
              'บัญชีนี้สร้างจากการนำเข้าและยังไม่มีรหัสผ่าน ผู้ใช้จะเข้าระบบได้เมื่อตั้งรหัสผ่านแล้ว',
              'This account came from an import and has no password yet: the user can sign in once one is set.',
            )}
      </p>
      <PasswordField id={`password-${user.id}`} label={tr('รหัสผ่าน', 'Password')} password={password} setPassword={setPassword} />
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังบันทึก…', 'Saving…') : tr('บันทึกรหัสผ่าน', 'Save the password')}
      </button>
    </form>
  );
}
