import type { Clock, Engine } from '@esa-flow/engine';
import { createCaptureTransport } from './capture-transport';
import type { MailConfig } from './mail-config';
import type { MailTransport } from './mail-transport';
import { createSmtpTransport, type SmtpTransportOptions } from './smtp-transport';

/** SMTP when `SMTP_URL` is set, otherwise capture into `captured_mail`. */
export function createMailTransport(
  deps: { config: Pick<MailConfig, 'smtpUrl'>; engine: Engine; clock: Clock },
  smtpOptions?: SmtpTransportOptions,
): MailTransport {
  return deps.config.smtpUrl ? createSmtpTransport(deps.config.smtpUrl, smtpOptions) : createCaptureTransport(deps.engine, deps.clock);
}
