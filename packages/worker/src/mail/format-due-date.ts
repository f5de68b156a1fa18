import { formatThaiDate } from '@esa-flow/engine';
import type { MailLang } from './notification-content';

/**
 * A due moment as the recipient reads it, always in the Buddhist era and
 * Bangkok time: '6 กุมภาพันธ์ 2568 15.00 น.' / '6 February B.E. 2568, 15:00'.
 */
export function formatDueDate(due: Date, lang: MailLang): string {
  return lang === 'th' ? formatThaiDate(due, 'th', { withTime: true }) : formatThaiDate(due, 'en', { era: 'be', withTime: true });
}
