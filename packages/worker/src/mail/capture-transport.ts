import { insertCapturedMail, type Clock, type Engine } from '@esa-flow/engine';
import type { MailTransport } from './mail-transport';

/**
 * Keeps mail in the `captured_mail` table instead of sending it: what runs
 * when no SMTP server is configured (`pnpm start` on a laptop), so the UI can
 * show a mailbox. Capturing the same Message-ID twice keeps one row.
 */
export function createCaptureTransport(engine: Engine, clock: Clock): MailTransport {
  return {
    kind: 'capture',
    async send(mail) {
      await insertCapturedMail(engine, { ...mail, capturedAt: clock.now() });
      return { messageId: mail.messageId, response: 'captured' };
    },
    async close() {},
  };
}
