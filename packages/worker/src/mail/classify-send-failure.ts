import { coerceError, isEsaError, type ErrorCode } from '@esa-flow/engine';

export interface SendFailure {
  /** from the catalogue; stored in notifications.last_error_code */
  code: ErrorCode;
  /** true: retrying would get the same answer; the notification fails now */
  permanent: boolean;
  /** what happened, for notifications.last_error (e.g. the server's reply) */
  detail: string;
}

/** The fields nodemailer puts on the errors it rejects with. */
interface SmtpErrorFields {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

const PERMANENT_NOTIFICATION_ERRORS: ReadonlySet<ErrorCode> = new Set([
  'NOTIFICATION_NO_ADDRESS',
  'NOTIFICATION_KIND_UNKNOWN',
  'NOTIFICATION_RECIPIENT_DISABLED',
]);
const MAX_DETAIL = 1000;

/**
 * Transient or permanent? RFC 5321: a 5yz reply is permanent (550 no such
 * mailbox, 554 rejected), except 503, a bad command sequence that a new
 * connection fixes; a 4yz reply (421, 451 try again later) is transient.
 * No reply at all (refused connection, timeout, dropped socket) is transient.
 * An envelope nodemailer itself refuses (a malformed address) is permanent.
 */
export function classifySendFailure(error: unknown): SendFailure {
  if (isEsaError(error)) {
    return { code: error.code, permanent: PERMANENT_NOTIFICATION_ERRORS.has(error.code), detail: clip(error.message) };
  }
  const e = coerceError(error);
  const fields = e as Error & SmtpErrorFields;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  if (responseCode !== undefined) {
    const reply = typeof fields.response === 'string' && fields.response.length > 0 ? fields.response : `${responseCode} ${e.message}`;
    const permanent = responseCode >= 500 && responseCode < 600 && responseCode !== 503;
    return { code: permanent ? 'MAIL_REJECTED' : 'MAIL_DEFERRED', permanent, detail: clip(reply) };
  }
  if (code === 'EENVELOPE') return { code: 'MAIL_REJECTED', permanent: true, detail: clip(`${code}: ${e.message}`) };
  return { code: 'MAIL_DEFERRED', permanent: false, detail: clip(code ? `${code}: ${e.message}` : e.message) };
}

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
