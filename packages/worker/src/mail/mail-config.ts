import { z } from 'zod';
import { EsaError, processEnvironment } from '@esa-flow/engine';

const SECOND = 1000;

/** An unset variable and an empty one mean the same: use the default. */
const emptyIsUnset = (value: unknown) => (value === '' ? undefined : value);
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyIsUnset, z.coerce.number().int().min(min).max(max).default(fallback));

/**
 * The e-mail settings, read from the environment once, validated, frozen.
 * The SMTP URL may carry credentials (`smtps://user:pass@host`): it comes only
 * from the environment and is never written to a log or a table.
 */
const MailEnvSchema = z.object({
  /** unset: mail is captured in the `captured_mail` table instead of sent */
  SMTP_URL: z.preprocess(emptyIsUnset, z.url({ protocol: /^smtps?$/ }).optional()),
  /** the From header, e.g. `สพป.ตัวอย่าง <no-reply@example.go.th>` */
  MAIL_FROM: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .regex(/^[^<>]*<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/, 'an address, or Name <address>')
      .default('esa-flow <no-reply@esa-flow.invalid>'),
  ),
  /** where people open esa-flow; links in mail are `${PUBLIC_BASE_URL}/cases/<id>` */
  PUBLIC_BASE_URL: z.preprocess(emptyIsUnset, z.url({ protocol: /^https?$/ }).default('http://localhost:3000')),
  /** notifications one deliverDueNotifications call claims */
  MAIL_BATCH_SIZE: int(1, 500, 50),
  /** attempts before a notification that keeps failing transiently is 'failed' */
  MAIL_MAX_ATTEMPTS: int(1, 50, 8),
  /** messages of one batch sent at the same time */
  MAIL_SEND_CONCURRENCY: int(1, 32, 4),
  /**
   * a claim older than this is taken back by the reaper (the deliverer is
   * presumed dead) and its mails sent again. Keep it well above the time a
   * whole batch can take (an SMTP send gives up after 60 s): a live
   * deliverer's claim taken back means mail sent twice. The low bound is for
   * the fault tests, which kill a deliverer and wait for its claims.
   */
  MAIL_CLAIM_TIMEOUT_SECONDS: int(2, 24 * 3600, 600),
  /** first retry after about this long (jittered), doubling each attempt */
  MAIL_RETRY_BASE_SECONDS: int(1, 24 * 3600, 60),
  /** retries are never further apart than this */
  MAIL_RETRY_MAX_SECONDS: int(1, 7 * 24 * 3600, 3600),
});

export interface MailConfig {
  /** null: capture mail locally (see createMailTransport) */
  readonly smtpUrl: string | null;
  readonly from: string;
  /** without a trailing slash */
  readonly baseUrl: string;
  readonly batchSize: number;
  readonly maxAttempts: number;
  readonly sendConcurrency: number;
  readonly claimTimeoutMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

/** Reads and checks the mail settings; CONFIG_INVALID names every bad variable. */
export function loadMailConfig(env: Readonly<Record<string, string | undefined>> = processEnvironment()): MailConfig {
  const result = MailEnvSchema.safeParse(env);
  if (!result.success) {
    throw new EsaError('CONFIG_INVALID', {
      variables: result.error.issues.map((i) => ({ name: i.path.join('.'), message: i.message })),
    });
  }
  const e = result.data;
  if (e.MAIL_RETRY_MAX_SECONDS < e.MAIL_RETRY_BASE_SECONDS) {
    throw new EsaError('CONFIG_INVALID', {
      variables: [{ name: 'MAIL_RETRY_MAX_SECONDS', message: 'must not be less than MAIL_RETRY_BASE_SECONDS' }],
    });
  }
  return Object.freeze({
    smtpUrl: e.SMTP_URL ?? null,
    from: e.MAIL_FROM,
    baseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    batchSize: e.MAIL_BATCH_SIZE,
    maxAttempts: e.MAIL_MAX_ATTEMPTS,
    sendConcurrency: e.MAIL_SEND_CONCURRENCY,
    claimTimeoutMs: e.MAIL_CLAIM_TIMEOUT_SECONDS * SECOND,
    retryBaseMs: e.MAIL_RETRY_BASE_SECONDS * SECOND,
    retryMaxMs: e.MAIL_RETRY_MAX_SECONDS * SECOND,
  });
}
