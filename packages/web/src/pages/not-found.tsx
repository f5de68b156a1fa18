/** Any path the app does not know: say so kindly, in both languages, and offer the way home. */
import { Link, useLocation } from 'wouter';
import { useI18n } from '../lib/i18n';

export function NotFoundPage(_props: Record<string, unknown>) {
  const { tr } = useI18n();
  const [location] = useLocation();
  return (
    <section className="card adm-notfound" aria-labelledby="notfound-title">
      <p className="adm-notfound-code" aria-hidden="true">
        404
      </p>
      <h1 id="notfound-title">{tr('ไม่พบหน้าที่ต้องการ', 'Page not found')}</h1>
      <p>
        {tr('ไม่มีหน้า ', 'There is no page at ')}
        <code>{location}</code>
        {tr(' ในระบบ ลิงก์อาจพิมพ์ผิด หรือหน้านี้ถูกย้ายแล้ว', '. The link may be mistyped, or the page has moved.')}
      </p>
      <p className="muted" lang={tr('en', 'th')}>
        {tr('Page not found — the link may be mistyped, or the page has moved.', 'ไม่พบหน้าที่ต้องการ ลิงก์อาจพิมพ์ผิด หรือหน้านี้ถูกย้ายแล้ว')}
      </p>
      <div className="btn-row">
        <Link href="/" className="btn btn-primary">
          {tr('กลับไปหน้างานของฉัน', 'Back to my work')}
        </Link>
        <Link href="/cases" className="btn btn-ghost">
          {tr('ค้นหาเรื่อง', 'Find a case')}
        </Link>
      </div>
    </section>
  );
}
