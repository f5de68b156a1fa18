/** Placeholder until the page is written. */
import { useI18n } from '../lib/i18n';
export function FileRequestPage(_props: Record<string, unknown>) {
  const { tr } = useI18n();
  return <h1>{tr('ยังไม่พร้อมใช้งาน', 'Not ready yet')}</h1>;
}
