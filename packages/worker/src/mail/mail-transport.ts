/**
 * Where mail goes. The deliverer only knows this interface: SMTP in
 * production, the `captured_mail` table when no SMTP server is configured,
 * anything else a test or a host wants.
 */
export interface OutgoingMail {
  /** the notification this mail delivers; null for mail about no notification */
  notificationId: string | null;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** the Message-ID header, angle brackets included; stable across re-sends */
  messageId: string;
  date: Date;
  /** extra headers, e.g. Auto-Submitted */
  headers: Readonly<Record<string, string>>;
}

export interface SendReceipt {
  /** the Message-ID the mail went out with */
  messageId: string;
  /** the server's final reply ('250 OK: queued as …'), or 'captured' */
  response: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'capture';
  /**
   * Hands one message over. Resolves once the server (or the table) has it;
   * rejects with the server's error, which carries `responseCode` for SMTP replies.
   */
  send(mail: OutgoingMail): Promise<SendReceipt>;
  /** Releases connections; the transport is unusable afterwards. */
  close(): Promise<void>;
}
