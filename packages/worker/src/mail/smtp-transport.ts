import nodemailer from 'nodemailer';
import type { MailTransport } from './mail-transport';

export interface SmtpTransportOptions {
  /** waiting for the TCP connection; @defaultValue 10 000 ms */
  connectionTimeoutMs?: number;
  /** waiting for the server's greeting; @defaultValue 10 000 ms */
  greetingTimeoutMs?: number;
  /** a silent socket is given up after this; @defaultValue 60 000 ms */
  socketTimeoutMs?: number;
}

/**
 * Sends over SMTP with nodemailer. `smtpUrl` is `smtp://` (STARTTLS when the
 * server offers it) or `smtps://` (TLS from the start), credentials in the
 * URL. One connection per message: a failing server costs one message, not a
 * pool. Timeouts are shorter than nodemailer's (2 and 10 minutes) so a hung
 * server turns into a retry well before the claim expires.
 */
export function createSmtpTransport(smtpUrl: string, options: SmtpTransportOptions = {}): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: mail.date,
        headers: { ...mail.headers },
      });
      return { messageId: info.messageId, response: info.response };
    },
    async close() {
      transporter.close();
    },
  };
}
