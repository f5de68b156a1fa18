/**
 * Ranking the requests for one vacancy (การจัดลำดับ): special-reason requests
 * first when the round says so, then the higher total score, then the round's
 * tie-breaks in order (default: longer service at the current school, then
 * earlier filing), and the case id as the last resort so the order is total
 * and the same on every run.
 */
import type { TieBreak } from './round-params';
import type { Vacancy } from './request-data';

/** One request as the ranking and the matching see it. */
export interface Candidate {
  /** the request's case id */
  readonly key: string;
  readonly personId: string;
  readonly name: string;
  readonly kind: 'normal' | 'swap' | 'special';
  readonly major: string;
  readonly currentSchoolId: string;
  readonly currentSchoolName: string;
  /** preferred school ids, most wanted first */
  readonly preferences: readonly string[];
  /** swap: the person named as partner */
  readonly swapWithPersonId?: string;
  /** the verified total score */
  readonly score: number;
  /** YYYY-MM-DD: the earlier, the longer at the current school */
  readonly currentSchoolSince: string;
  /** YYYY-MM-DD */
  readonly firstAppointedOn: string;
  /** ISO: the first submission of the request */
  readonly filedAt: string;
  readonly paScore: number;
}

export interface RankPolicy {
  readonly tieBreak: readonly TieBreak[];
  readonly specialRequestsFirst: boolean;
}

/** What decided between two requests, for explanations. */
export type RankKey = 'special_first' | 'score' | TieBreak | 'case_id';

/** Negative when `a` ranks above `b`, with the key that decided. */
export function compareCandidates(a: Candidate, b: Candidate, policy: RankPolicy): { order: number; by: RankKey } {
  if (policy.specialRequestsFirst) {
    const sa = a.kind === 'special' ? 0 : 1;
    const sb = b.kind === 'special' ? 0 : 1;
    if (sa !== sb) return { order: sa - sb, by: 'special_first' };
  }
  if (a.score !== b.score) return { order: b.score - a.score, by: 'score' };
  for (const t of policy.tieBreak) {
    const order = tieOrder(a, b, t);
    if (order !== 0) return { order, by: t };
  }
  return { order: a.key < b.key ? -1 : a.key > b.key ? 1 : 0, by: 'case_id' };
}

function tieOrder(a: Candidate, b: Candidate, t: TieBreak): number {
  switch (t) {
    case 'longer_service_at_current_school':
      return cmp(a.currentSchoolSince, b.currentSchoolSince);
    case 'earlier_filing':
      return cmp(new Date(a.filedAt).toISOString(), new Date(b.filedAt).toISOString());
    case 'longer_total_service':
      return cmp(a.firstAppointedOn, b.firstAppointedOn);
    case 'higher_pa_score':
      return b.paScore - a.paScore;
  }
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Whether a request competes for a vacancy: it lists the school and its major is the subject needed. */
export function appliesTo(c: Candidate, v: Vacancy): boolean {
  return c.kind !== 'swap' && c.major === v.subject && c.preferences.includes(v.schoolId);
}

/** The ranking for one vacancy: every request that competes for it, best first. */
export function rankFor(v: Vacancy, candidates: readonly Candidate[], policy: RankPolicy): Candidate[] {
  return candidates.filter((c) => appliesTo(c, v)).sort((a, b) => compareCandidates(a, b, policy).order);
}
