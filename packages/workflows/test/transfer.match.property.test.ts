/**
 * Property tests of the matching (fast-check): on random rounds — schools,
 * subjects, vacancies with counts, requests with ties, special requests and
 * swaps — the result is stable (nobody gets a school they ranked lower while
 * a school they ranked higher went to someone ranked below them for it, and
 * no wanted seat stays empty), within capacity, independent of the input
 * order, pairs swaps exactly when both named each other, and explains each
 * request truthfully.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  matchRound,
  ordinal,
  rankFor,
  TIE_BREAKS,
  type Candidate,
  type MatchResult,
  type RankPolicy,
  type Vacancy,
} from '../src/transfer/index';

const DATES = ['2010-01-01', '2015-06-01', '2020-01-01'];
const FILED = ['2025-01-16T02:00:00.000Z', '2025-01-20T03:00:00.000Z', '2025-01-31T09:00:00.000Z'];

interface World {
  vacancies: Vacancy[];
  candidates: Candidate[];
  policy: RankPolicy;
  seed: number;
}

const world: fc.Arbitrary<World> = fc
  .record({ nSchools: fc.integer({ min: 1, max: 7 }), nSubjects: fc.integer({ min: 1, max: 3 }) })
  .chain(({ nSchools, nSubjects }) => {
    const schools = Array.from({ length: nSchools }, (_, i) => `S${i}`);
    const subjects = ['คณิตศาสตร์', 'วิทยาศาสตร์', 'ภาษาไทย'].slice(0, nSubjects);
    const pairs = schools.flatMap((s) => subjects.map((u) => [s, u] as const));
    const request = fc.record({
      kindRoll: fc.integer({ min: 0, max: 9 }),
      major: fc.constantFrom(...subjects),
      preferences: fc.shuffledSubarray(schools, { maxLength: Math.min(5, schools.length) }),
      score: fc.integer({ min: 0, max: 5 }),
      since: fc.constantFrom(...DATES),
      appointed: fc.constantFrom(...DATES),
      filed: fc.constantFrom(...FILED),
      pa: fc.integer({ min: 60, max: 62 }),
      partner: fc.nat(),
    });
    return fc
      .record({
        vacancies: fc.uniqueArray(
          fc.record({ pair: fc.integer({ min: 0, max: pairs.length - 1 }), count: fc.integer({ min: 1, max: 3 }), other: fc.boolean() }),
          {
            selector: (v) => v.pair,
            maxLength: pairs.length,
          },
        ),
        requests: fc.array(request, { maxLength: 40 }),
        swapPairs: fc.array(
          fc.record({ major: fc.constantFrom(...subjects), sameMajor: fc.boolean(), score: fc.integer({ min: 0, max: 5 }) }),
          { maxLength: 3 },
        ),
        tieBreak: fc.shuffledSubarray([...TIE_BREAKS]),
        specialRequestsFirst: fc.boolean(),
        seed: fc.integer(),
      })
      .map((g): World => {
        const vacancies: Vacancy[] = g.vacancies.map((v, i) => {
          const [schoolId, subject] = pairs[v.pair]!;
          return {
            id: `V${String(i).padStart(2, '0')}`,
            schoolId,
            schoolName: `โรงเรียน ${schoolId}`,
            subject,
            count: v.count,
            ...(v.other ? { area: { code: 'X2', name: 'เขตอื่น' } } : {}),
          };
        });
        const n = g.requests.length + g.swapPairs.length * 2;
        const candidates: Candidate[] = g.requests.map((r, i) => {
          const kind = r.kindRoll === 0 ? 'special' : r.kindRoll === 1 ? 'swap' : 'normal';
          return {
            key: `c${String(i).padStart(3, '0')}`,
            personId: `P${i}`,
            name: `ครู ${i}`,
            kind,
            major: r.major,
            currentSchoolId: `H${i}`,
            currentSchoolName: `โรงเรียนเดิม ${i}`,
            preferences: kind === 'swap' ? [] : r.preferences,
            ...(kind === 'swap' ? { swapWithPersonId: `P${r.partner % Math.max(1, n)}` } : {}),
            score: r.score,
            currentSchoolSince: r.since,
            firstAppointedOn: r.appointed,
            filedAt: r.filed,
            paScore: r.pa,
          };
        });
        g.swapPairs.forEach((p, j) => {
          const a = g.requests.length + 2 * j;
          for (const [me, other, major] of [
            [a, a + 1, p.major],
            [a + 1, a, p.sameMajor ? p.major : `${p.major}-อื่น`],
          ] as const) {
            candidates.push({
              key: `c${String(me).padStart(3, '0')}`,
              personId: `P${me}`,
              name: `ครู ${me}`,
              kind: 'swap',
              major,
              currentSchoolId: `H${me}`,
              currentSchoolName: `โรงเรียนเดิม ${me}`,
              preferences: [],
              swapWithPersonId: `P${other}`,
              score: p.score,
              currentSchoolSince: DATES[0]!,
              firstAppointedOn: DATES[0]!,
              filedAt: FILED[0]!,
              paScore: 60,
            });
          }
        });
        return { vacancies, candidates, policy: { tieBreak: g.tieBreak, specialRequestsFirst: g.specialRequestsFirst }, seed: g.seed };
      });
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const vacancyAt = (w: World, schoolId: string, major: string) => w.vacancies.find((v) => v.schoolId === schoolId && v.subject === major);
const placedPreference = (r: MatchResult, key: string) => {
  const p = r.explanations.find((e) => e.key === key)!.placement;
  return p?.kind === 'vacancy' ? p.preference : null;
};

describe('matching, property-based', () => {
  it('is stable: nobody is placed lower while a school they ranked higher went to someone ranked below them, and no wanted seat stays empty', () => {
    fc.assert(
      fc.property(world, (w) => {
        const r = matchRound(w);
        for (const c of w.candidates.filter((x) => x.kind !== 'swap')) {
          const got = placedPreference(r, c.key) ?? c.preferences.length + 1;
          for (const [i, schoolId] of c.preferences.entries()) {
            if (i + 1 >= got) break;
            const v = vacancyAt(w, schoolId, c.major);
            if (!v) continue;
            const ranking = rankFor(v, w.candidates, w.policy).map((x) => x.key);
            const holders = r.byVacancy[v.id] ?? [];
            expect(holders).toHaveLength(v.count);
            for (const h of holders) expect(ranking.indexOf(h)).toBeLessThan(ranking.indexOf(c.key));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps within each vacancy’s count and places people only at schools they listed, for their major', () => {
    fc.assert(
      fc.property(world, (w) => {
        const r = matchRound(w);
        const seen = new Set<string>();
        for (const v of w.vacancies) {
          const holders = r.byVacancy[v.id] ?? [];
          expect(holders.length).toBeLessThanOrEqual(v.count);
          for (const k of holders) {
            expect(seen.has(k)).toBe(false);
            seen.add(k);
            const c = w.candidates.find((x) => x.key === k)!;
            expect(c.kind).not.toBe('swap');
            expect(c.major).toBe(v.subject);
            expect(c.preferences).toContain(v.schoolId);
            expect(r.explanations.find((e) => e.key === k)!.placement).toMatchObject({
              kind: 'vacancy',
              vacancyId: v.id,
              crossArea: v.area !== undefined,
            });
          }
        }
        expect(r.summary.seatsFilled).toBe(seen.size);
        expect(r.summary.placed + r.summary.swapped + r.summary.unplaced).toBe(w.candidates.length);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result whatever the order of the requests and vacancies', () => {
    fc.assert(
      fc.property(world, (w) => {
        const a = matchRound(w);
        const b = matchRound({ ...w, candidates: shuffled(w.candidates, w.seed), vacancies: shuffled(w.vacancies, w.seed + 1) });
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('pairs swaps exactly when both named each other with the same major, each taking the other’s school', () => {
    fc.assert(
      fc.property(world, (w) => {
        const r = matchRound(w);
        for (const c of w.candidates.filter((x) => x.kind === 'swap')) {
          const partner = w.candidates.find((p) => p.kind === 'swap' && p.key !== c.key && p.personId === c.swapWithPersonId);
          const mutual = partner !== undefined && partner.swapWithPersonId === c.personId && partner.major === c.major;
          const e = r.explanations.find((x) => x.key === c.key)!;
          if (mutual) {
            expect(e.placement).toMatchObject({ kind: 'swap', partnerKey: partner.key, schoolId: partner.currentSchoolId });
            expect(r.explanations.find((x) => x.key === partner.key)!.placement).toMatchObject({
              kind: 'swap',
              partnerKey: c.key,
              schoolId: c.currentSchoolId,
            });
          } else {
            expect(e.placement).toBeNull();
            expect(e.swapProblem).not.toBeNull();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('explains each preference truthfully: its rank, and who holds the seats it lost to', () => {
    fc.assert(
      fc.property(world, (w) => {
        const r = matchRound(w);
        for (const e of r.explanations) {
          const c = w.candidates.find((x) => x.key === e.key)!;
          for (const p of e.preferences) {
            const v = vacancyAt(w, p.schoolId, c.major);
            expect(p.vacancyId).toBe(v?.id ?? null);
            if (!v) continue;
            const ranking = rankFor(v, w.candidates, w.policy).map((x) => x.key);
            expect(p.rank).toBe(ranking.indexOf(c.key) + 1);
            expect(p.applicants).toBe(ranking.length);
            if (p.result === 'outranked') expect(p.ahead.map((a) => a.key)).toEqual(r.byVacancy[v.id]);
            if (p.result === 'outranked') expect(e.text.en).toContain(`ranked ${ordinal(p.rank!)} for ${p.schoolName} (${p.seats} seat`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
