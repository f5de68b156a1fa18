/**
 * The eligibility check the area runs on a request (seed-004 §2.1 step 2:
 * "ตรวจสอบคุณสมบัติผู้ยื่นคำขอตามหลักเกณฑ์และวิธีการที่ ก.ค.ศ. กำหนด"). Pure: the
 * application, the case's policy and the filing date in, every criterion out
 * with whether it holds and why, in Thai and English, so the officer (and the
 * teacher) see the whole checklist, not only the first failure.
 */
import { formatThaiDate, type LocalDate } from '@esa-flow/engine';
import type { Application } from './application';
import type { CasePolicy } from './policy';
import { fiscalYearBE, yearsBefore } from './timing';
import { EVIDENCE_LABELS, LEVEL_LABELS, nextLevel, PENALTY_LABELS, penaltyRank } from './vocabulary';

export const ELIGIBILITY_CRITERIA = [
  'target_level',
  'years_at_level',
  'pa_results',
  'penalties',
  'development',
  'evidence',
  'refile',
] as const;
export type EligibilityCriterion = (typeof ELIGIBILITY_CRITERIA)[number];

export interface EligibilityReason {
  readonly criterion: EligibilityCriterion;
  readonly ok: boolean;
  readonly th: string;
  readonly en: string;
}

export interface EligibilityResult {
  readonly eligible: boolean;
  /** the date the check was made for (the filing day) */
  readonly asOf: LocalDate;
  readonly reasons: readonly EligibilityReason[];
}

type Check = (app: Application, policy: CasePolicy, asOf: LocalDate) => EligibilityReason | null;

const reason = (criterion: EligibilityCriterion, ok: boolean, th: string, en: string): EligibilityReason => ({ criterion, ok, th, en });

const targetLevel: Check = (app) => {
  const next = nextLevel(app.currentLevel);
  const ok = next === app.targetLevel;
  const target = LEVEL_LABELS[app.targetLevel];
  return ok
    ? reason(
        'target_level',
        true,
        `ขอวิทยฐานะ${target.th} ซึ่งเป็นวิทยฐานะถัดจากวิทยฐานะปัจจุบัน`,
        `Requests ${target.en}, the next level after the current one`,
      )
    : reason(
        'target_level',
        false,
        `ขอวิทยฐานะ${target.th} ไม่ใช่วิทยฐานะถัดจากวิทยฐานะปัจจุบัน (${LEVEL_LABELS[app.currentLevel].th})`,
        `Requests ${target.en}, which is not the next level after the current one (${LEVEL_LABELS[app.currentLevel].en})`,
      );
};

/** Whole months from `from` to `to`. */
function monthsBetween(from: LocalDate, to: LocalDate): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

const yearsAtLevel: Check = (app, policy, asOf) => {
  const months = Math.max(0, monthsBetween(app.currentLevelSince, asOf));
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const ok = months >= policy.minYearsAtCurrentLevel * 12;
  const held = `${years} ปี ${rest} เดือน`;
  return reason(
    'years_at_level',
    ok,
    `ดำรงวิทยฐานะ/ตำแหน่งปัจจุบันมาแล้ว ${held} (เกณฑ์ไม่น้อยกว่า ${policy.minYearsAtCurrentLevel} ปีติดต่อกัน)`,
    `Held the current level/position for ${years} years ${rest} months (at least ${policy.minYearsAtCurrentLevel} continuous years required)`,
  );
};

const paResults: Check = (app, policy, asOf) => {
  if (policy.paCyclesRequired === 0) return null;
  const current = fiscalYearBE(asOf);
  const years = Array.from({ length: policy.paCyclesRequired }, (_, i) => current - 1 - i);
  const problemsTh: string[] = [];
  const problemsEn: string[] = [];
  for (const fy of years) {
    const result = app.paResults.find((r) => r.fiscalYear === fy);
    if (!result) {
      problemsTh.push(`ไม่มีผลการประเมินปีงบประมาณ ${fy}`);
      problemsEn.push(`no result for fiscal year ${fy}`);
      continue;
    }
    const low = result.evaluatorPercents.map((p, i) => ({ p, i })).filter(({ p }) => p < policy.paMinPercentPerEvaluator);
    for (const { p, i } of low) {
      problemsTh.push(`ปีงบประมาณ ${fy} กรรมการคนที่ ${i + 1} ให้ร้อยละ ${p}`);
      problemsEn.push(`fiscal year ${fy}: evaluator ${i + 1} gave ${p} %`);
    }
  }
  const span = `${years.at(-1)}–${years[0]}`;
  const ruleTh = `ผลการประเมิน PA ย้อนหลัง ${policy.paCyclesRequired} รอบ (ปีงบประมาณ ${span}) กรรมการทุกคนให้ไม่ต่ำกว่าร้อยละ ${policy.paMinPercentPerEvaluator}`;
  const ruleEn = `PA results of the last ${policy.paCyclesRequired} cycles (fiscal years ${span}), every evaluator at least ${policy.paMinPercentPerEvaluator} %`;
  return problemsTh.length === 0
    ? reason('pa_results', true, `${ruleTh}: ผ่าน`, `${ruleEn}: met`)
    : reason('pa_results', false, `${ruleTh}: ${problemsTh.join('; ')}`, `${ruleEn}: ${problemsEn.join('; ')}`);
};

const penalties: Check = (app, policy, asOf) => {
  const since = yearsBefore(asOf, policy.penaltyLookbackYears);
  const allowed = penaltyRank(policy.heaviestAllowedPenalty);
  const heavy = app.penalties.filter((p) => p.date > since && p.date <= asOf && penaltyRank(p.kind) > allowed);
  const limit = PENALTY_LABELS[policy.heaviestAllowedPenalty];
  if (heavy.length === 0) {
    return reason(
      'penalties',
      true,
      `ไม่เคยถูกลงโทษทางวินัยที่หนักกว่าโทษ${limit.th}ในช่วง ${policy.penaltyLookbackYears} ปีย้อนหลัง`,
      `No disciplinary penalty heavier than ${limit.en} in the last ${policy.penaltyLookbackYears} years`,
    );
  }
  return reason(
    'penalties',
    false,
    `ถูกลงโทษทางวินัยที่หนักกว่าโทษ${limit.th}ในช่วง ${policy.penaltyLookbackYears} ปีย้อนหลัง: ${heavy.map((p) => `${PENALTY_LABELS[p.kind].th} (${formatThaiDate(p.date, 'th')})`).join(', ')}`,
    `Disciplinary penalty heavier than ${limit.en} in the last ${policy.penaltyLookbackYears} years: ${heavy.map((p) => `${PENALTY_LABELS[p.kind].en} (${p.date})`).join(', ')}`,
  );
};

const development: Check = (app, policy, asOf) => {
  if (!policy.requiresPreAppointmentDevelopment) return null;
  const passedOn = app.development?.passedOn;
  const ok = passedOn !== undefined && passedOn <= asOf;
  return ok
    ? reason(
        'development',
        true,
        `ผ่านการพัฒนาก่อนแต่งตั้งเมื่อ ${formatThaiDate(passedOn, 'th')}`,
        `Passed the pre-appointment development on ${passedOn}`,
      )
    : reason('development', false, 'ยังไม่ผ่านการพัฒนาก่อนแต่งตั้งให้มีหรือเลื่อนวิทยฐานะ', 'Has not passed the pre-appointment development');
};

const evidence: Check = (app, policy) => {
  const missing = policy.requiredEvidence.filter((kind) => !app.evidence.some((e) => e.kind === kind));
  return missing.length === 0
    ? reason('evidence', true, 'มีหลักฐานครบตามที่วิทยฐานะที่ขอกำหนด', 'All evidence the level needs is attached')
    : reason(
        'evidence',
        false,
        `หลักฐานไม่ครบ: ${missing.map((k) => EVIDENCE_LABELS[k].th).join(', ')}`,
        `Missing evidence: ${missing.map((k) => EVIDENCE_LABELS[k].en).join(', ')}`,
      );
};

const refile: Check = (app, _policy, asOf) => {
  const from = app.previousAttempt?.refileFrom;
  if (from === undefined) return null;
  return from <= asOf
    ? reason(
        'refile',
        true,
        `ยื่นคำขอใหม่ได้ตั้งแต่ ${formatThaiDate(from, 'th')} (ภาคเรียนถัดไป)`,
        `May file again from ${from} (the next semester)`,
      )
    : reason(
        'refile',
        false,
        `คำขอครั้งก่อนไม่ผ่าน ยื่นคำขอใหม่ได้ตั้งแต่ ${formatThaiDate(from, 'th')} (ภาคเรียนถัดไป)`,
        `The previous request failed; may file again from ${from} (the next semester)`,
      );
};

const CHECKS: readonly Check[] = [targetLevel, yearsAtLevel, paResults, penalties, development, evidence, refile];

/** Every criterion the request is held to, with whether it holds; eligible when all do. */
export function checkEligibility(app: Application, policy: CasePolicy, asOf: LocalDate): EligibilityResult {
  const reasons = CHECKS.map((check) => check(app, policy, asOf)).filter((r): r is EligibilityReason => r !== null);
  return { eligible: reasons.every((r) => r.ok), asOf, reasons };
}
