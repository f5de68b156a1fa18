/**
 * The frame of every page: a skip link, the menu (what my roles let me use),
 * the language switch, changing my password and sign-out. On a phone the
 * menu wraps under the title.
 */
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../lib/i18n';
import { OFFICE_ADMIN_ROLES, SUPERVISOR_ROLES, useSession } from '../lib/session';
import { useFocusHeadingOnNavigation } from './focus-on-navigation';

interface NavItem {
  href: string;
  th: string;
  en: string;
  show: boolean;
}

export function Layout({ children }: { children: ReactNode }) {
  const { tr, lang, setLang } = useI18n();
  const { me, has, signOut } = useSession();
  const [location] = useLocation();
  useFocusHeadingOnNavigation(location);
  const items: NavItem[] = [
    { href: '/', th: 'งานของฉัน', en: 'My work', show: true },
    {
      href: '/cases',
      th: has('teacher') && !has(...SUPERVISOR_ROLES, 'school_director') ? 'คำขอของฉัน' : 'ค้นหาเรื่อง',
      en: has('teacher') && !has(...SUPERVISOR_ROLES, 'school_director') ? 'My requests' : 'Cases',
      show: true,
    },
    { href: '/requests/new', th: 'ยื่นคำขอ', en: 'File a request', show: has('teacher') },
    {
      href: '/committees',
      th: 'คณะกรรมการ',
      en: 'Committees',
      show: has(
        'committee_member',
        'committee_secretary',
        'committee_chair',
        'hr_officer',
        'admin',
        'group_director',
        'area_director',
        'auditor',
        'school_director',
      ),
    },
    { href: '/dashboard', th: 'ภาพรวมกำหนดเวลา', en: 'Deadlines overview', show: has(...SUPERVISOR_ROLES) },
    { href: '/cycles', th: 'รอบดำเนินการ', en: 'Rounds', show: has(...SUPERVISOR_ROLES) },
    {
      href: '/registers',
      th: 'ทะเบียนหนังสือ',
      en: 'Registers',
      show: has('hr_officer', 'group_director', 'area_director', 'admin', 'auditor'),
    },
    { href: '/admin/holidays', th: 'วันหยุด', en: 'Holidays', show: has(...OFFICE_ADMIN_ROLES) },
    { href: '/admin/users', th: 'ผู้ใช้และบทบาท', en: 'Users & roles', show: has('admin') },
    { href: '/admin/documents', th: 'ตั้งค่าหนังสือราชการ', en: 'Document settings', show: has('admin') },
    { href: '/admin/import', th: 'นำเข้าข้อมูล', en: 'Import', show: has(...OFFICE_ADMIN_ROLES) },
    { href: '/personnel', th: 'ระเบียนบุคคล', en: 'Person records', show: has(...OFFICE_ADMIN_ROLES) },
    { href: '/mailbox', th: 'กล่องจดหมาย', en: 'Mailbox', show: true },
  ];
  const name = me?.person ? (lang === 'en' && me.person.nameEn ? me.person.nameEn : me.person.nameTh) : me?.username;
  const isCurrent = (href: string) => (href === '/' ? location === '/' : location === href || location.startsWith(`${href}/`));
  return (
    <>
      <a className="skip-link" href="#main">
        {tr('ข้ามไปยังเนื้อหา', 'Skip to content')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>
            <strong>esa-flow</strong>
            <small>{tr('ระบบงานบุคคล สำนักงานเขตพื้นที่การศึกษา', 'HR workflows of the educational service area')}</small>
          </span>
        </div>
        <div className="topbar-tools">
          <span className="whoami" data-testid="whoami">
            {name}
          </span>
          <Link href="/me/password" className="btn btn-ghost topbar-link" aria-current={location === '/me/password' ? 'page' : undefined}>
            {tr('เปลี่ยนรหัสผ่าน', 'Change password')}
          </Link>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => setLang(lang === 'th' ? 'en' : 'th')}
            aria-label={lang === 'th' ? 'Switch to English' : 'เปลี่ยนเป็นภาษาไทย'}
            data-testid="lang-switch"
          >
            {lang === 'th' ? 'English' : 'ไทย'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
            {tr('ออกจากระบบ', 'Sign out')}
          </button>
        </div>
        <nav className="mainnav" aria-label={tr('เมนูหลัก', 'Main menu')}>
          <ul>
            {items
              .filter((i) => i.show)
              .map((i) => (
                <li key={i.href}>
                  <Link href={i.href} aria-current={isCurrent(i.href) ? 'page' : undefined}>
                    {tr(i.th, i.en)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
