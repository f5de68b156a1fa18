import type { MailConfig } from './mail-config';

/**
 * How long to wait before attempt `attempt + 1`, after `attempt` (1-based)
 * failed transiently: base · 2^(attempt−1), capped, then "equal jitter" —
 * a random point in the upper half — so deliverers that failed together
 * (a mail server restart) do not all come back in the same second.
 *
 *   base 60 s, cap 1 h: 30–60 s, 1–2 min, 2–4 min, 4–8 min, … 30–60 min
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<MailConfig, 'retryBaseMs' | 'retryMaxMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
