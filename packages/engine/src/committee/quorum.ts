import { QuorumRule, DEFAULT_QUORUM } from './committee.types';

export interface QuorumState {
  seated: number;
  present: number;
  required: number;
  met: boolean;
}

/** Default: more than half of the seated members; or a fixed number when the committee's rule says so. */
export function quorumState(rule: unknown, seated: number, present: number): QuorumState {
  const parsed = QuorumRule.safeParse(rule);
  const r = parsed.success ? parsed.data : DEFAULT_QUORUM;
  const required = r.kind === 'majority' ? Math.floor(seated / 2) + 1 : r.count;
  return { seated, present, required, met: present >= required && seated > 0 };
}
