/**
 * The application: who is signed in decides between the sign-in page and the
 * pages below (or only the new-password page, while a password someone else
 * set is still in use). Paths are real URLs (the server answers index.html for them),
 * so a case or a meeting can be linked in an e-mail.
 */
import { Route, Switch } from 'wouter';
import { I18nProvider } from './lib/i18n';
import { SessionProvider, useSession } from './lib/session';
import { Layout } from './ui/layout';
import { Loading } from './ui/feedback';
import { SignInPage } from './pages/sign-in';
import { InboxPage } from './pages/inbox';
import { CasePage } from './pages/case';
import { CasesPage } from './pages/cases';
import { FileRequestPage } from './pages/file-request';
import { CommitteesPage, CommitteePage } from './pages/committees';
import { MeetingPage } from './pages/meeting';
import { DashboardPage } from './pages/dashboard';
import { CyclesPage, CyclePage } from './pages/cycles';
import { SalaryAppraisePage } from './pages/cycle/salary-appraise';
import { HolidaysPage } from './pages/admin-holidays';
import { DocumentSettingsPage } from './pages/admin-documents';
import { UsersPage } from './pages/admin-users';
import { ImportPage } from './pages/admin-import';
import { PersonnelPage, PersonnelRecordPage } from './pages/personnel';
import { MailboxPage } from './pages/mailbox';
import { RegistersPage } from './pages/registers';
import { NotFoundPage } from './pages/not-found';
import { ChangePasswordPage, SetNewPasswordPage } from './pages/password';

function Routes() {
  const { me, checking } = useSession();
  if (checking) return <Loading />;
  if (!me) return <SignInPage />;
  if (me.mustChangePassword) return <SetNewPasswordPage />;
  return (
    <Layout>
      <Switch>
        <Route path="/">{() => <InboxPage />}</Route>
        <Route path="/cases">{() => <CasesPage />}</Route>
        <Route path="/cases/:caseId">{(p) => <CasePage caseId={p.caseId} />}</Route>
        <Route path="/requests/new">{() => <FileRequestPage />}</Route>
        <Route path="/committees">{() => <CommitteesPage />}</Route>
        <Route path="/committees/:committeeId">{(p) => <CommitteePage committeeId={p.committeeId} />}</Route>
        <Route path="/meetings/:meetingId">{(p) => <MeetingPage meetingId={p.meetingId} />}</Route>
        <Route path="/dashboard">{() => <DashboardPage />}</Route>
        <Route path="/cycles">{() => <CyclesPage />}</Route>
        <Route path="/cycles/:caseId/appraise">{(p) => <SalaryAppraisePage caseId={p.caseId} />}</Route>
        <Route path="/cycles/:caseId">{(p) => <CyclePage caseId={p.caseId} />}</Route>
        <Route path="/admin/holidays">{() => <HolidaysPage />}</Route>
        <Route path="/admin/documents">{() => <DocumentSettingsPage />}</Route>
        <Route path="/admin/users">{() => <UsersPage />}</Route>
        <Route path="/admin/import">{() => <ImportPage />}</Route>
        <Route path="/personnel">{() => <PersonnelPage />}</Route>
        <Route path="/personnel/:personId">{(p) => <PersonnelRecordPage personId={p.personId} />}</Route>
        <Route path="/registers">{() => <RegistersPage />}</Route>
        <Route path="/mailbox">{() => <MailboxPage />}</Route>
        <Route path="/me/password">{() => <ChangePasswordPage />}</Route>
        <Route>{() => <NotFoundPage />}</Route>
      </Switch>
    </Layout>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Routes />
      </SessionProvider>
    </I18nProvider>
  );
}
