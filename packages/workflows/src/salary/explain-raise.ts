/**
 * How each person's raise was reached, in Thai and English: the lines of the
 * personal notice (seed-000 rule 3.5: each person is told their % ) and of the
 * reasons a person is not raised (Act ม.73). Every number shown is one the
 * allocation used, so a person can redo the arithmetic by hand.
 */
import { formatThaiDate } from '@esa-flow/engine';
import { divFloor, formatBaht, formatPct, formatScore, formatWeight } from './money';
import type { AllocationParams, AllocationPerson, NotRaisedCode, SchoolQuota } from './allocation-types';
import type { TierBand } from './round-params';
import { bandRange, bandsHighestFirst } from './tiers';

export interface ExplainFacts {
  params: AllocationParams;
  poolSatang: number;
  eligibleSalaryTotalSatang: number;
}

export type Lines = { th: string[]; en: string[] };

const centi = (score: number) => Math.round(score * 100);

export function scoreLine(person: AllocationPerson, band: TierBand, params: AllocationParams): Lines {
  const { from, to } = bandRange(band, params.tiers);
  const range = `${formatScore(centi(from))}–${formatScore(centi(to))}`;
  const weighted = params.policy.kind !== 'headcount_quota';
  return {
    th: [
      `ผลการประเมิน ${formatScore(centi(person.score!))} คะแนน อยู่ในระดับ${band.th} (${range} คะแนน)${weighted ? ` น้ำหนักระดับ ${formatWeight(band.weight)}` : ''}`,
    ],
    en: [
      `Appraisal score ${formatScore(centi(person.score!))}: band ${band.en} (${range})${weighted ? `, band weight ${formatWeight(band.weight)}` : ''}`,
    ],
  };
}

function poolLine(f: ExplainFacts): Lines {
  const d = f.params.explainDates;
  return {
    th: [
      `วงเงินของรอบ ร้อยละ ${formatPct(f.params.policy.poolBp)} ของเงินเดือนรวมของผู้มีสิทธิ์ ${formatBaht(f.eligibleSalaryTotalSatang)} บาท${d ? ` ณ วันที่ ${formatThaiDate(d.baseDateOn, 'th')}` : ''} = ${formatBaht(f.poolSatang)} บาท`,
    ],
    en: [
      `Round budget: ${formatPct(f.params.policy.poolBp)} % of the eligible salary total ${formatBaht(f.eligibleSalaryTotalSatang)} baht${d ? ` on ${formatThaiDate(d.baseDateOn, 'en')}` : ''} = ${formatBaht(f.poolSatang)} baht`,
    ],
  };
}

function unitText(unit: number): { th: string; en: string } {
  if (unit === 1000) return { th: 'หลักสิบบาท', en: 'ten baht' };
  if (unit === 100) return { th: 'หลักบาท', en: 'baht' };
  if (unit === 1) return { th: 'สตางค์', en: 'satang' };
  return { th: `ทีละ ${formatBaht(unit)} บาท`, en: `${formatBaht(unit)} baht` };
}

export function amountLines(
  f: ExplainFacts,
  person: AllocationPerson,
  pct: number,
  amount: number,
  limitedBy: 'cap' | 'salary_ceiling' | null,
): Lines {
  const { unitSatang, mode } = f.params.rounding;
  const u = unitText(unitSatang);
  const exact = divFloor(person.baseSatang * pct, 10_000);
  const modeTh = mode === 'up' ? 'ปัดขึ้น' : mode === 'down' ? 'ปัดลง' : 'ปัด';
  const modeEn = mode === 'up' ? 'rounded up' : mode === 'down' ? 'rounded down' : 'rounded';
  const th = [
    `จำนวนเงิน = ฐานในการคำนวณ ${formatBaht(person.baseSatang)} บาท × ร้อยละ ${formatPct(pct)} = ${formatBaht(exact)} บาท → ${modeTh}เป็น${u.th}`,
  ];
  const en = [
    `Amount = calculation base ${formatBaht(person.baseSatang)} baht × ${formatPct(pct)} % = ${formatBaht(exact)} baht, ${modeEn} to ${u.en}`,
  ];
  if (limitedBy === 'salary_ceiling') {
    th.push(`เงินเดือนถึงขั้นสูงของอันดับ (${formatBaht(person.maxSalarySatang ?? 0)} บาท) จึงเลื่อนได้ ${formatBaht(amount)} บาท`);
    en.push(
      `The salary reaches the top of its scale (${formatBaht(person.maxSalarySatang ?? 0)} baht), so the raise is ${formatBaht(amount)} baht`,
    );
  }
  const eff = f.params.explainDates?.effectiveOn;
  if (amount > 0) {
    th.push(
      `ได้เลื่อนเงินเดือน ${formatBaht(amount)} บาท เงินเดือนใหม่ ${formatBaht(person.salarySatang + amount)} บาท${eff ? ` มีผลตั้งแต่วันที่ ${formatThaiDate(eff, 'th')}` : ''}`,
    );
    en.push(
      `Raise ${formatBaht(amount)} baht; new salary ${formatBaht(person.salarySatang + amount)} baht${eff ? ` from ${formatThaiDate(eff, 'en')}` : ''}`,
    );
  } else if (limitedBy === 'salary_ceiling') {
    th.push('ไม่ได้เลื่อนเงินเดือน: เงินเดือนเต็มขั้นสูงของอันดับแล้ว');
    en.push('Not raised: the salary is already at the top of its scale');
  } else {
    th.push('ไม่ได้เลื่อนเงินเดือน: วงเงินของรอบไม่พอให้ได้ร้อยละที่มากกว่าศูนย์');
    en.push("Not raised: the round's budget is too small to give more than 0 %");
  }
  return { th, en };
}

export const join = (...parts: Lines[]): Lines => ({ th: parts.flatMap((p) => p.th), en: parts.flatMap((p) => p.en) });

export function explainPercentage(
  f: ExplainFacts & { rateMicroPct: number },
  person: AllocationPerson,
  band: TierBand,
  pct: number,
  amount: number,
  limitedBy: 'cap' | 'salary_ceiling' | null,
): Lines {
  const cap = f.params.policy.capBp;
  const rate = `${divFloor(f.rateMicroPct, 1_000_000)}.${String(f.rateMicroPct % 1_000_000).padStart(6, '0')}`;
  // the exact product in 10^-4 %, before rounding down to 0.01 %
  const product = (BigInt(f.rateMicroPct) * BigInt(band.weight * centi(person.score!))) / 10_000_000n / 100n;
  const productText = `${product / 10_000n}.${String(product % 10_000n).padStart(4, '0')}`;
  const capped = limitedBy === 'cap' || pct === cap;
  const formula = `${rate} × ${formatWeight(band.weight)} × ${formatScore(centi(person.score!))}/100`;
  return join(
    scoreLine(person, band, f.params),
    poolLine(f),
    {
      th: [`อัตราของรอบ ร้อยละ ${rate} ต่อคะแนน 100 ที่น้ำหนัก 1.000 เป็นอัตราสูงสุดที่ยอดรวมการเลื่อนทุกคนไม่เกินวงเงิน`],
      en: [
        `The round's rate is ${rate} % for a score of 100 at weight 1.000: the highest rate at which everybody's raises together stay within the budget`,
      ],
    },
    capped
      ? {
          th: [
            `ร้อยละของท่าน = ${formula} = ${productText} ซึ่งไม่น้อยกว่าเพดาน จึงได้ร้อยละ ${formatPct(cap)} (เพดานร้อยละ ${formatPct(cap)} ของฐานในการคำนวณ)`,
          ],
          en: [
            `Your % = ${formula} = ${productText}, not below the cap, so ${formatPct(cap)} % (the cap: ${formatPct(cap)} % of the calculation base)`,
          ],
        }
      : {
          th: [
            `ร้อยละของท่าน = ${formula} = ${productText} → ปัดลงทศนิยมสองตำแหน่ง = ร้อยละ ${formatPct(pct)} (ไม่เกินเพดานร้อยละ ${formatPct(cap)})`,
          ],
          en: [
            `Your % = ${formula} = ${productText}, rounded down to two decimals = ${formatPct(pct)} % (within the ${formatPct(cap)} % cap)`,
          ],
        },
    amountLines(f, person, pct, amount, limitedBy),
  );
}

export function explainQuota(
  f: ExplainFacts,
  person: AllocationPerson,
  band: TierBand,
  q: { quota: SchoolQuota; holder: boolean; nominalBp: number; scale: number },
  pct: number,
  amount: number,
  limitedBy: 'cap' | 'salary_ceiling' | null,
): Lines {
  const policy = f.params.policy;
  if (policy.kind !== 'headcount_quota') throw new Error('not a quota policy');
  const minBand = f.params.tiers.find((t) => t.code === policy.quotaMinTier)!;
  const lines = join(scoreLine(person, band, f.params), poolLine(f), {
    th: [
      `หน่วยงานของท่านมีผู้มีสิทธิ์ ${q.quota.staff} คน โควตาร้อยละ ${formatPct(policy.quotaShareBp)} = ${q.quota.places} คน`,
      q.holder
        ? `ท่านอยู่ในโควตาของหน่วยงาน (ผู้ได้คะแนนสูงสุดที่อยู่ในระดับ${minBand.th}ขึ้นไป) จึงได้อัตราโควตา ร้อยละ ${formatPct(policy.quotaRaiseBp)}`
        : `ท่านไม่อยู่ในโควตาของหน่วยงาน จึงได้อัตราปกติ ร้อยละ ${formatPct(policy.standardRaiseBp)}`,
    ],
    en: [
      `Your school has ${q.quota.staff} people in the round; the ${formatPct(policy.quotaShareBp)} % quota gives ${q.quota.places} places`,
      q.holder
        ? `You hold one of the school's quota places (the best scores in band ${minBand.en} or above), so the quota rate ${formatPct(policy.quotaRaiseBp)} %`
        : `You do not hold a quota place, so the standard rate ${formatPct(policy.standardRaiseBp)} %`,
    ],
  });
  if (q.scale < 10_000) {
    lines.th.push(
      `อัตราทั้งหมดปรับลดด้วยสัดส่วน ${formatPct(q.scale)}% เพื่อไม่ให้เกินวงเงิน: ร้อยละ ${formatPct(q.nominalBp)} → ร้อยละ ${formatPct(pct)}`,
    );
    lines.en.push(
      `All rates were scaled by ${formatPct(q.scale)} % to stay within the budget: ${formatPct(q.nominalBp)} % → ${formatPct(pct)} %`,
    );
  }
  return join(lines, amountLines(f, person, pct, amount, limitedBy));
}

export function explainNotRaised(f: ExplainFacts, person: AllocationPerson, band: TierBand | null, code: NotRaisedCode): Lines {
  if (code === 'not_appraised' || band === null) {
    return {
      th: ['ไม่ได้เลื่อนเงินเดือน: ไม่มีผลการประเมินการปฏิบัติงานในรอบนี้'],
      en: ['Not raised: there is no performance appraisal result for this round'],
    };
  }
  if (code === 'zero_weight') {
    return join(scoreLine(person, band, f.params), {
      th: [`ไม่ได้เลื่อนเงินเดือน: น้ำหนักระดับ${band.th} × คะแนน เท่ากับศูนย์ จึงได้ร้อยละ 0`],
      en: [`Not raised: the weight of band ${band.en} times the score is zero, which gives 0 %`],
    });
  }
  const lowest = bandsHighestFirst(f.params.tiers).find((t) => t.code === f.params.noRaiseBelow)!;
  return join(scoreLine(person, band, f.params), {
    th: [
      `ไม่ได้เลื่อนเงินเดือน: ผลการประเมินระดับ${band.th} ต่ำกว่าระดับ${lowest.th} (${formatScore(centi(lowest.minScore))} คะแนนขึ้นไป) ซึ่งเป็นระดับต่ำสุดที่ได้เลื่อนเงินเดือน`,
    ],
    en: [
      `Not raised: band ${band.en} is below ${lowest.en} (${formatScore(centi(lowest.minScore))} and above), the lowest band that is raised`,
    ],
  });
}
