/**
 * Changing one's password. Two ways in: a password someone else set (the
 * operator's first admin, an admin's reset) must be changed at the first
 * sign-in — the app shows only `SetNewPasswordPage` until it is done — and
 * anyone may change theirs from the menu (`/me/password`). The policy is
 * shown before typing; the server decides (PASSWORD_POLICY_UNMET says why,
 * CURRENT_PASSWORD_WRONG when the current one is wrong). Other sessions and
 * tokens are signed out; this one stays. Below the form, the user's bearer
 * tokens (GET /api/me/tokens), each with a revoke button.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiProblem, client } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { Empty, Notice, ProblemMessage } from '../ui/feedback';
import type { ApiOk } from '../lib/api-types';

type TokenItem = ApiOk<'listMyApiTokens'>['items'][number];

/** My bearer tokens for integrations: listed (never the secret) and revoked one by one. */
function MyTokens() {
  const { tr, lang } = useI18n();
  const [items, setItems] = useState<TokenItem[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await client.GET('/api/me/tokens')).items);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const revoke = async (id: string) => {
    setBusy(id);
    setProblem(null);
    try {
      await client.DELETE('/api/me/tokens/{tokenId}', { params: { path: { tokenId: id } } });
      await load();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="tokens" aria-labelledby="tokens-title" data-testid="my-tokens">
      <h2 id="tokens-title">{tr('โทเคนสำหรับระบบเชื่อมต่อ', 'Tokens for integrations')}</h2>
      <ProblemMessage problem={problem} />
      {items !== null && items.length === 0 && <Empty>{tr('ไม่มีโทเคนที่ใช้งานได้', 'No live tokens.')}</Empty>}
      {items !== null && items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{tr('ชื่อ', 'Name')}</th>
              <th scope="col">{tr('สิทธิ์', 'Scope')}</th>
              <th scope="col">{tr('หมดอายุ', 'Expires')}</th>
              <th scope="col">{tr('ใช้ล่าสุด', 'Last used')}</th>
              <th scope="col">
                <span className="visually-hidden">{tr('ยกเลิก', 'Revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.scope === 'read' ? tr('อ่านอย่างเดียว', 'Read only') : tr('เต็ม', 'Full')}</td>
                <td>{formatDateTime(t.expiresAt, lang)}</td>
                <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt, lang) : tr('ยังไม่เคยใช้', 'Never')}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    disabled={busy !== null}
                    onClick={() => void revoke(t.id)}
                    aria-label={tr(`ยกเลิกโทเคน ${t.name}`, `Revoke the token ${t.name}`)}
                  >
                    {busy === t.id ? tr('กำลังยกเลิก…', 'Revoking…') : tr('ยกเลิก', 'Revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PasswordForm({ onDone }: { onDone: (revokedSessions: number) => void | Promise<void> }) {
  const { tr } = useI18n();
  const { me } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const minLength = me?.passwordMinLength ?? 10;
  const mismatch = repeat.length > 0 && repeat !== next;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== repeat) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await client.POST('/api/me/password', { body: { currentPassword: current, newPassword: next } });
      setCurrent('');
      setNext('');
      setRepeat('');
      await onDone(r.revokedSessions);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="pw-form" data-testid="password-form">
      <div className="pw-policy" id="pw-policy">
        <strong>{tr('รหัสผ่านใหม่ต้อง', 'The new password must')}</strong>
        <ul>
          <li>{tr(`ยาวอย่างน้อย ${minLength} ตัวอักษร`, `be at least ${minLength} characters long`)}</li>
          <li>{tr('ไม่เหมือนชื่อผู้ใช้', 'not be your username')}</li>
          <li>{tr('ไม่ซ้ำกับรหัสผ่านปัจจุบัน', 'differ from the current password')}</li>
        </ul>
      </div>
      <label className="field">
        <span>{tr('รหัสผ่านปัจจุบัน', 'Current password')}</span>
        <input
          name="current-password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{tr('รหัสผ่านใหม่', 'New password')}</span>
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="pw-policy"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{tr('ยืนยันรหัสผ่านใหม่', 'Repeat the new password')}</span>
        <input
          name="repeat-password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'pw-mismatch' : undefined}
          onChange={(e) => setRepeat(e.target.value)}
        />
        {mismatch && (
          <span className="field-error" id="pw-mismatch">
            {tr('รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน', 'The two new passwords differ.')}
          </span>
        )}
      </label>
      <ProblemMessage problem={problem} />
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy || mismatch}>
          {busy ? tr('กำลังบันทึก…', 'Saving…') : tr('บันทึกรหัสผ่านใหม่', 'Save the new password')}
        </button>
      </div>
    </form>
  );
}

/** After signing in with a password someone else set: nothing else until a new one is set. */
export function SetNewPasswordPage() {
  const { tr, lang, setLang } = useI18n();
  const { me, refresh, signOut } = useSession();
  return (
    <main id="main" className="signin">
      <section className="card signin-card pw-card" aria-labelledby="pw-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>
            <strong>esa-flow</strong>
            <small>{tr('ระบบงานบุคคล สำนักงานเขตพื้นที่การศึกษา', 'HR workflows of the educational service area')}</small>
          </span>
        </div>
        <h1 id="pw-title">{tr('ตั้งรหัสผ่านใหม่', 'Set a new password')}</h1>
        <p>
          {tr(
            `รหัสผ่านของ ${me?.username ?? ''} ถูกกำหนดโดยผู้อื่น (ผู้ดูแลระบบ) กรุณาตั้งรหัสผ่านใหม่ที่มีเพียงท่านที่รู้ก่อนเริ่มใช้งาน`,
            `The password of ${me?.username ?? ''} was set by someone else (an administrator). Set a new one only you know before you start.`,
          )}
        </p>
        <PasswordForm onDone={refresh} />
        <div className="btn-row">
          <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
            {tr('ออกจากระบบ', 'Sign out')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setLang(lang === 'th' ? 'en' : 'th')} data-testid="lang-switch">
            {lang === 'th' ? 'English' : 'ไทย'}
          </button>
        </div>
      </section>
    </main>
  );
}

/** `/me/password`: anyone changes their own password. */
export function ChangePasswordPage() {
  const { tr } = useI18n();
  const [done, setDone] = useState<number | null>(null);
  return (
    <section className="card pw-card" aria-labelledby="pw-title">
      <h1 id="pw-title">{tr('เปลี่ยนรหัสผ่าน', 'Change password')}</h1>
      {done !== null && (
        <Notice>
          {tr('เปลี่ยนรหัสผ่านแล้ว', 'The password is changed.')}{' '}
          {done > 0 ? tr(`ออกจากระบบในที่อื่นแล้ว ${done} แห่ง (รวมโทเคน)`, `Signed out elsewhere: ${done} (tokens included).`) : null}
        </Notice>
      )}
      <PasswordForm onDone={(n) => setDone(n)} />
      {/* the password change revokes every token: the list is loaded afresh after it */}
      <MyTokens key={done ?? -1} />
    </section>
  );
}
