/**
 * Realistic, reproducible rosters for the salary round tests: a seeded PRNG,
 * teacher salary scales (synthetic figures shaped like the ค.ศ. scales, with
 * the calculation base at the mid-point of the lower or upper half of the
 * scale), positions and วิทยฐานะ in plausible shares, leave and penalties that
 * make a few per cent ineligible, and appraisal scores centred in the 80s with
 * a thin tail below 60 and deliberate ties.
 */
import type { StaffRecordInput } from '../src/salary/index';

/** mulberry32: a tiny deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scale {
  position: string;
  academicStanding: StaffRecordInput['academicStanding'];
  minBaht: number;
  maxBaht: number;
  share: number;
}

/** Synthetic scales (baht a month); the shares add up to 1. */
export const SCALES: readonly Scale[] = [
  { position: 'ครูผู้ช่วย', academicStanding: 'none', minBaht: 15_050, maxBaht: 24_750, share: 0.1 },
  { position: 'ครู', academicStanding: 'none', minBaht: 15_440, maxBaht: 54_820, share: 0.3 },
  { position: 'ครู', academicStanding: 'ชำนาญการ', minBaht: 16_190, maxBaht: 58_390, share: 0.3 },
  { position: 'ครู', academicStanding: 'ชำนาญการพิเศษ', minBaht: 19_860, maxBaht: 69_040, share: 0.22 },
  { position: 'ครู', academicStanding: 'เชี่ยวชาญ', minBaht: 24_400, maxBaht: 69_040, share: 0.02 },
  { position: 'ผู้อำนวยการสถานศึกษา', academicStanding: 'ชำนาญการพิเศษ', minBaht: 19_860, maxBaht: 69_040, share: 0.06 },
];

const ten = (baht: number) => Math.round(baht / 10) * 10;

/** The calculation base of a salary: the mid-point of the half of the scale it falls in. */
export function baseOf(scale: Scale, salaryBaht: number): number {
  const mid = (scale.minBaht + scale.maxBaht) / 2;
  return salaryBaht <= mid ? ten((scale.minBaht + mid) / 2) : ten((mid + scale.maxBaht) / 2);
}

export interface RosterOptions {
  seed: number;
  /** schools to spread people over; office staff (no school) are added as a few per cent */
  schoolIds: readonly string[];
  /** person ids in roster order; null: no person row */
  personIds?: readonly (string | null)[];
  /** the first day of the evaluation half-year */
  evaluationFrom: string;
}

export function syntheticRoster(n: number, o: RosterOptions): StaffRecordInput[] {
  const r = prng(o.seed);
  const pick = (): Scale => {
    let x = r();
    for (const s of SCALES) {
      if (x < s.share) return s;
      x -= s.share;
    }
    return SCALES[1]!;
  };
  return Array.from({ length: n }, (_, i) => {
    const scale = pick();
    const atTop = r() < 0.02;
    const salary = atTop ? scale.maxBaht : ten(scale.minBaht + (scale.maxBaht - scale.minBaht) * Math.pow(r(), 1.3));
    const inOffice = r() < 0.03;
    const schoolId = inOffice ? null : o.schoolIds[Math.floor(r() * o.schoolIds.length)]!;
    const sick = r() < 0.03 ? 12 : Math.floor(r() * 4);
    const joinedLate = r() < 0.015;
    const punished = r() < 0.004;
    const years = 1 + Math.floor(r() * 30);
    return {
      personnelNo: `P${String(100_000 + i)}`,
      personId: o.personIds?.[i] ?? null,
      schoolId,
      nameTh: `ครูทดสอบ ${i + 1}`,
      nameEn: `Test teacher ${i + 1}`,
      position: schoolId === null ? 'นักทรัพยากรบุคคล' : scale.position,
      academicStanding: scale.academicStanding,
      salarySatang: salary * 100,
      baseSatang: baseOf(scale, salary) * 100,
      maxSalarySatang: scale.maxBaht * 100,
      serviceStartedOn: joinedLate ? addMonths(o.evaluationFrom, 4) : `${2024 - years}-0${1 + Math.floor(r() * 9)}-01`,
      leave: {
        sickOccasions: sick,
        sickDays: sick * 1.5,
        personalOccasions: Math.floor(r() * 2),
        personalDays: Math.floor(r() * 3),
        lateTimes: 0,
      },
      penalties: punished ? [{ kind: 'salary_cut', on: addMonths(o.evaluationFrom, 2) }] : [],
    };
  });
}

/** Appraisal scores: about 3 % below 60, 6 % in 60–69, most in 75–95, two decimals, with ties. */
export function syntheticScores(n: number, seed: number): number[] {
  const r = prng(seed);
  return Array.from({ length: n }, () => {
    const u = r();
    if (u < 0.03) return Math.round((40 + r() * 19.99) * 100) / 100;
    if (u < 0.09) return Math.round((60 + r() * 9.99) * 100) / 100;
    if (u < 0.15) return [80, 85, 90][Math.floor(r() * 3)]!; // ties
    // two uniforms averaged: a bump around 85
    const v = 70 + ((r() + r()) / 2) * 30;
    return Math.min(100, Math.round(v * 100) / 100);
  });
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  return t.toISOString().slice(0, 10);
}
