/**
 * Sign in with the username and password the office admin gave; the server
 * sets an HTTP-only cookie. A server in demo mode lists its demo sign-ins
 * (GET /api/auth/demo-accounts, empty otherwise): a button fills in the
 * username, the shared password is shown as a hint.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiProblem, client } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { ProblemMessage } from '../ui/feedback';
import type { ApiOk } from '../lib/api-types';

type DemoAccounts = ApiOk<'listDemoAccounts'>;

/** how many demo sign-ins show at once; the rest (the many demo teachers) fold away */
const DEMO_SHOWN = 8;

function DemoSignIns({ onPick }: { onPick: (username: string) => void }) {
  const { tr, pick, lang } = useI18n();
  const [demo, setDemo] = useState<DemoAccounts | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    client
      .GET('/api/auth/demo-accounts', { signal: controller.signal })
      .then(setDemo)
      .catch(() => undefined); // not offered is the same as none
    return () => controller.abort();
  }, []);
  if (!demo || demo.accounts.length === 0) return null;
  const button = (a: DemoAccounts['accounts'][number]) => (
    <li key={a.username}>
      <button type="button" className="btn btn-ghost demo-account" onClick={() => onPick(a.username)}>
        <strong>{a.username}</strong>
        <small>
          {pick(a.roleLabel, '')}
          {(lang === 'en' ? (a.nameEn ?? a.nameTh) : a.nameTh) ? ` · ${lang === 'en' ? (a.nameEn ?? a.nameTh) : a.nameTh}` : ''}
        </small>
      </button>
    </li>
  );
  return (
    <section className="demo-accounts" aria-labelledby="demo-title" data-testid="demo-accounts">
      <h2 id="demo-title">{tr('บัญชีสาธิต', 'Demo sign-ins')}</h2>
      {demo.passwordHint && (
        <p className="muted">
          {tr('รหัสผ่านของทุกบัญชี: ', 'Password of every one: ')}
          <code>{demo.passwordHint}</code>
        </p>
      )}
      <ul>{demo.accounts.slice(0, DEMO_SHOWN).map(button)}</ul>
      {demo.accounts.length > DEMO_SHOWN && (
        <details>
          <summary>
            {tr(`บัญชีสาธิตอื่น ๆ (${demo.accounts.length - DEMO_SHOWN})`, `More demo sign-ins (${demo.accounts.length - DEMO_SHOWN})`)}
          </summary>
          <ul>{demo.accounts.slice(DEMO_SHOWN).map(button)}</ul>
        </details>
      )}
    </section>
  );
}

export function SignInPage() {
  const { tr, lang, setLang } = useI18n();
  const { refresh } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await client.POST('/api/auth/sign-in', { body: { username: username.trim(), password } });
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
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus
          />
        </label>
        <label className="field">
          <span>{tr('รหัสผ่าน', 'Password')}</span>
          <input
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ProblemMessage problem={problem} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? tr('กำลังเข้าสู่ระบบ…', 'Signing in…') : tr('เข้าสู่ระบบ', 'Sign in')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setLang(lang === 'th' ? 'en' : 'th')} data-testid="lang-switch">
          {lang === 'th' ? 'English' : 'ไทย'}
        </button>
        <DemoSignIns
          onPick={(name) => {
            setUsername(name);
            passwordRef.current?.focus();
          }}
        />
      </form>
    </main>
  );
}
