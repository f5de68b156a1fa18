/**
 * Matching the requests of a round to its vacancies: deterministic, stable,
 * and explained per request.
 *
 * Normal and special requests are matched by deferred acceptance with the
 * teachers proposing: each teacher applies to the vacancy for their major at
 * their most wanted school not yet tried; each vacancy keeps its best-ranked
 * applicants up to its count and turns away the rest, who apply to their next
 * school. The result is stable — nobody gets a school they ranked lower while
 * a school they ranked higher went to someone ranked below them for it, and
 * no seat a teacher wanted stays empty — and among stable results it is the
 * best for every teacher. It does not depend on the order of the input.
 *
 * Swaps do not use vacancies: two teachers who named each other, with the
 * same major, exchange posts as a pair; one whose partner did not file the
 * matching request (or withdrew) is not placed.
 */
import { rankFor, type Candidate, type RankPolicy } from './rank';
import type { Vacancy } from './request-data';

export type PreferenceResult = 'placed' | 'outranked' | 'no_vacancy' | 'below_placement';

export interface PreferenceOutcome {
  /** 1 = most wanted */
  readonly preference: number;
  readonly schoolId: string;
  readonly schoolName: string;
  readonly vacancyId: string | null;
  readonly seats: number;
  /** the request's place in the ranking for that vacancy (1 = first); null without a vacancy */
  readonly rank: number | null;
  readonly applicants: number;
  readonly result: PreferenceResult;
  /** outranked: who holds the seats, all ranked above this request */
  readonly ahead: readonly { readonly key: string; readonly name: string; readonly rank: number }[];
}

export type Placement =
  | {
      readonly kind: 'vacancy';
      readonly vacancyId: string;
      readonly schoolId: string;
      readonly schoolName: string;
      readonly preference: number;
      readonly rank: number;
      readonly applicants: number;
      readonly crossArea: boolean;
    }
  | {
      readonly kind: 'swap';
      readonly partnerKey: string;
      readonly partnerPersonId: string;
      readonly partnerName: string;
      readonly schoolId: string;
      readonly schoolName: string;
    };

export type SwapProblem = 'swap_partner_missing' | 'swap_partner_not_mutual' | 'swap_major_mismatch';

export interface Explanation {
  readonly key: string;
  readonly placement: Placement | null;
  readonly preferences: readonly PreferenceOutcome[];
  readonly swapProblem: SwapProblem | null;
  readonly text: { readonly th: string; readonly en: string };
}

export interface MatchResult {
  /** one per request, by key */
  readonly explanations: readonly Explanation[];
  /** vacancy id → keys holding its seats, in rank order */
  readonly byVacancy: Readonly<Record<string, readonly string[]>>;
  readonly summary: {
    readonly requests: number;
    readonly placed: number;
    readonly swapped: number;
    readonly unplaced: number;
    readonly seats: number;
    readonly seatsFilled: number;
  };
}

export interface MatchInput {
  readonly candidates: readonly Candidate[];
  readonly vacancies: readonly Vacancy[];
  readonly policy: RankPolicy;
}

export function matchRound(input: MatchInput): MatchResult {
  const candidates = [...input.candidates].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const vacancies = [...input.vacancies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vacancyFor = (schoolId: string, major: string) => vacancies.find((v) => v.schoolId === schoolId && v.subject === major);
  const rankings = new Map(vacancies.map((v) => [v.id, rankFor(v, candidates, input.policy)]));
  const rankOf = (vId: string, key: string) => (rankings.get(vId) ?? []).findIndex((c) => c.key === key);

  const held = deferredAcceptance(
    candidates.filter((c) => c.kind !== 'swap'),
    vacancyFor,
    rankOf,
  );
  const seatOf = new Map<string, string>();
  for (const [vId, keys] of held) for (const k of keys) seatOf.set(k, vId);

  const byKey = new Map(candidates.map((c) => [c.key, c]));
  const explanations = candidates.map((c) =>
    c.kind === 'swap' ? explainSwap(c, candidates) : explainVacancy(c, { seatOf, held, rankings, vacancyFor, byKey }),
  );
  const byVacancy = Object.fromEntries(vacancies.map((v) => [v.id, [...(held.get(v.id) ?? [])]]));
  const placed = explanations.filter((e) => e.placement?.kind === 'vacancy').length;
  const swapped = explanations.filter((e) => e.placement?.kind === 'swap').length;
  return {
    explanations,
    byVacancy,
    summary: {
      requests: candidates.length,
      placed,
      swapped,
      unplaced: candidates.length - placed - swapped,
      seats: vacancies.reduce((s, v) => s + v.count, 0),
      seatsFilled: placed,
    },
  };
}

/** Teacher-proposing deferred acceptance; returns vacancy id → held keys in rank order. */
function deferredAcceptance(
  proposers: readonly Candidate[],
  vacancyFor: (schoolId: string, major: string) => Vacancy | undefined,
  rankOf: (vId: string, key: string) => number,
): Map<string, string[]> {
  const held = new Map<string, string[]>();
  const next = new Map<string, number>();
  const queue = [...proposers];
  while (queue.length > 0) {
    const t = queue.shift()!;
    let i = next.get(t.key) ?? 0;
    let displaced: string | null = null;
    while (i < t.preferences.length) {
      const v = vacancyFor(t.preferences[i]!, t.major);
      i += 1;
      if (!v) continue;
      const seats = [...(held.get(v.id) ?? []), t.key].sort((a, b) => rankOf(v.id, a) - rankOf(v.id, b));
      const out = seats.length > v.count ? seats.pop()! : null;
      held.set(v.id, seats);
      if (out === t.key) continue;
      displaced = out;
      break;
    }
    next.set(t.key, i);
    if (displaced !== null) queue.push(proposers.find((p) => p.key === displaced)!);
  }
  return held;
}

interface Lookup {
  seatOf: Map<string, string>;
  held: Map<string, string[]>;
  rankings: Map<string, Candidate[]>;
  vacancyFor: (schoolId: string, major: string) => Vacancy | undefined;
  byKey: Map<string, Candidate>;
}

function explainVacancy(c: Candidate, l: Lookup): Explanation {
  const seat = l.seatOf.get(c.key);
  let reachedPlacement = false;
  const preferences: PreferenceOutcome[] = c.preferences.map((schoolId, i) => {
    const v = l.vacancyFor(schoolId, c.major);
    const schoolName = v?.schoolName ?? schoolId;
    if (!v)
      return {
        preference: i + 1,
        schoolId,
        schoolName,
        vacancyId: null,
        seats: 0,
        rank: null,
        applicants: 0,
        result: 'no_vacancy',
        ahead: [],
      };
    const ranking = l.rankings.get(v.id) ?? [];
    const rank = ranking.findIndex((x) => x.key === c.key) + 1;
    const base = { preference: i + 1, schoolId, schoolName, vacancyId: v.id, seats: v.count, rank, applicants: ranking.length };
    if (reachedPlacement) return { ...base, result: 'below_placement', ahead: [] };
    if (seat === v.id) {
      reachedPlacement = true;
      return { ...base, result: 'placed', ahead: [] };
    }
    const ahead = (l.held.get(v.id) ?? []).map((k) => ({
      key: k,
      name: l.byKey.get(k)?.name ?? k,
      rank: ranking.findIndex((x) => x.key === k) + 1,
    }));
    return { ...base, result: 'outranked', ahead };
  });
  const won = preferences.find((p) => p.result === 'placed');
  const vacancy = won?.vacancyId ? l.vacancyFor(won.schoolId, c.major) : undefined;
  const placement: Placement | null =
    won && vacancy
      ? {
          kind: 'vacancy',
          vacancyId: vacancy.id,
          schoolId: won.schoolId,
          schoolName: won.schoolName,
          preference: won.preference,
          rank: won.rank!,
          applicants: won.applicants,
          crossArea: vacancy.area !== undefined,
        }
      : null;
  return { key: c.key, placement, preferences, swapProblem: null, text: describe(placement, preferences, c.major) };
}

function explainSwap(c: Candidate, all: readonly Candidate[]): Explanation {
  const partner = all.find((p) => p.kind === 'swap' && p.key !== c.key && p.personId === c.swapWithPersonId);
  const problem: SwapProblem | null = !partner
    ? 'swap_partner_missing'
    : partner.swapWithPersonId !== c.personId
      ? 'swap_partner_not_mutual'
      : partner.major !== c.major
        ? 'swap_major_mismatch'
        : null;
  const placement: Placement | null =
    partner && problem === null
      ? {
          kind: 'swap',
          partnerKey: partner.key,
          partnerPersonId: partner.personId,
          partnerName: partner.name,
          schoolId: partner.currentSchoolId,
          schoolName: partner.currentSchoolName,
        }
      : null;
  const text = placement
    ? {
        th: `ย้ายสับเปลี่ยนกับ ${placement.partnerName} ไป ${placement.schoolName}`,
        en: `swaps posts with ${placement.partnerName}: moves to ${placement.schoolName}`,
      }
    : SWAP_PROBLEM_TEXT[problem!];
  return { key: c.key, placement, preferences: [], swapProblem: problem, text };
}

const SWAP_PROBLEM_TEXT: Record<SwapProblem, { th: string; en: string }> = {
  swap_partner_missing: {
    th: 'ไม่ได้ย้าย: ผู้ขอสับเปลี่ยนไม่มีคำขอที่ผ่านการตรวจสอบในรอบนี้',
    en: 'not placed: the swap partner has no verified request in this round',
  },
  swap_partner_not_mutual: { th: 'ไม่ได้ย้าย: ผู้ขอสับเปลี่ยนไม่ได้ระบุชื่อผู้ยื่นคำขอนี้', en: 'not placed: the swap partner named someone else' },
  swap_major_mismatch: { th: 'ไม่ได้ย้าย: วิชาเอกของผู้ขอสับเปลี่ยนไม่ตรงกัน', en: 'not placed: the two majors differ' },
};

/** "2nd", "11th", "23rd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

function describe(placement: Placement | null, prefs: readonly PreferenceOutcome[], major: string): { th: string; en: string } {
  const th: string[] = [];
  const en: string[] = [];
  if (placement?.kind === 'vacancy') {
    th.push(
      `ได้ย้ายไป ${placement.schoolName} (ความประสงค์ลำดับที่ ${placement.preference}) เป็นลำดับที่ ${placement.rank} จาก ${placement.applicants} คน`,
    );
    en.push(
      `placed at ${placement.schoolName} (preference ${placement.preference}), ranked ${ordinal(placement.rank)} of ${placement.applicants}`,
    );
  } else {
    th.push('ไม่ได้ย้าย');
    en.push('not placed');
  }
  for (const p of prefs) {
    if (p.result === 'no_vacancy') {
      th.push(`${p.schoolName}: ไม่มีตำแหน่งว่างวิชาเอก${major}`);
      en.push(`${p.schoolName}: no vacancy for ${major}`);
    } else if (p.result === 'outranked') {
      const who = p.ahead.map((a) => `${a.name} (ลำดับที่ ${a.rank})`).join(', ');
      const whoEn = p.ahead.map((a) => `${a.name} (${ordinal(a.rank)})`).join(', ');
      th.push(`ลำดับที่ ${p.rank} ของ ${p.schoolName} (${p.seats} อัตรา) รองจาก ${who}`);
      en.push(`ranked ${ordinal(p.rank!)} for ${p.schoolName} (${p.seats} seat${p.seats === 1 ? '' : 's'}) behind ${whoEn}`);
    }
  }
  return { th: th.join('; '), en: en.join('; ') };
}
