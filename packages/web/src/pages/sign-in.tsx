/** Sign in with the username and password the office admin gave; the server sets an HTTP-only cookie. */
import { useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { ProblemMessage } from '../ui/feedback';

export function SignInPage() {
  const { tr, lang, setLang } = useI18n();
  const { refresh } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api('POST', '/api/auth/sign-in', { username: username.trim(), password });
      await refresh();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>
            <strong>esa-flow</strong>
            <small>{tr('ระบบงานบุคคล สำนักงานเขตพื้นที่การศึกษา', 'HR workflows of the educational service area')}</small>
          </span>
        </div>
        <h1 id="signin-title">{tr('เข้าสู่ระบบ', 'Sign in')}</h1>
        <label className="field">
          <span>{tr('ชื่อผู้ใช้', 'Username')}</span>
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>{tr('รหัสผ่าน', 'Password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ProblemMessage problem={problem} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? tr('กำลังเข้าสู่ระบบ…', 'Signing in…') : tr('เข้าสู่ระบบ', 'Sign in')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setLang(lang === 'th' ? 'en' : 'th')} data-testid="lang-switch">
          {lang === 'th' ? 'English' : 'ไทย'}
        </button>
      </form>
    </main>
  );
}
