/**
 * The personal notices of a round (หนังสือแจ้งผลรายบุคคล): each person is told
 * their appraisal result and raise % (seed-000 rule 3.5); a person not raised
 * is told why (Act ม.73), including those the round did not consider at all;
 * every notice says until when a grievance may be filed (Act ม.123). Pure.
 */
import { formatThaiDate } from '@esa-flow/engine';
import type { RaiseDecision } from './salary-raise.machine';
import type { IneligiblePerson } from './salary-round.machine';

export interface NoticeRound {
  fiscalYearBe: number;
  round: 1 | 2;
  effectiveOn: string;
  /** the end of the grievance window, when known */
  windowEndsAt: Date | null;
}

export interface PersonalNotice {
  personnelNo: string;
  /** `appraised_elsewhere`: moved within OBEC, appraised and considered where they served longest (not a refusal) */
  kind: 'raised' | 'not_raised' | 'not_considered' | 'appraised_elsewhere';
  th: string;
  en: string;
  /** the same notice in parts, as the printed letter sets it out */
  letter: { toTh: string; subjectTh: string; bodyTh: string[] };
}

const subjectOf = (heading: string) => heading.replace(/^เรื่อง /, '');

function heading(r: NoticeRound): { th: string; en: string } {
  return {
    th: `เรื่อง ผลการเลื่อนเงินเดือน ครั้งที่ ${r.round} (${formatThaiDate(r.effectiveOn, 'th')}) ปีงบประมาณ พ.ศ. ${r.fiscalYearBe}`,
    en: `Subject: salary raise, round ${r.round} (${formatThaiDate(r.effectiveOn, 'en', { era: 'ce' })}), fiscal year B.E. ${r.fiscalYearBe}`,
  };
}

function grievanceLine(r: NoticeRound): { th: string; en: string } {
  if (!r.windowEndsAt) {
    return {
      th: 'หากไม่เห็นด้วย ท่านมีสิทธิ์ร้องทุกข์ต่อ อ.ก.ค.ศ. เขตพื้นที่การศึกษา ตามมาตรา 123',
      en: 'If you disagree, you may file a grievance with the area sub-committee (Act s.123)',
    };
  }
  return {
    th: `หากไม่เห็นด้วย ท่านมีสิทธิ์ร้องทุกข์ต่อ อ.ก.ค.ศ. เขตพื้นที่การศึกษา ได้ภายในวันที่ ${formatThaiDate(r.windowEndsAt, 'th')} ตามมาตรา 123`,
    en: `If you disagree, you may file a grievance with the area sub-committee until ${formatThaiDate(r.windowEndsAt, 'en', { era: 'ce' })} (Act s.123)`,
  };
}

const LAW_M73 = {
  th: 'แจ้งเหตุผลที่ไม่ได้เลื่อนเงินเดือนตามมาตรา 73 แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. 2547',
  en: 'The reasons for no raise are given under section 73 of the Teachers and Educational Personnel Civil Service Act B.E. 2547',
};

/** The notice of a person the round considered: raised, or not with the reasons. */
export function decisionNotice(
  person: { personnelNo: string; nameTh: string; nameEn: string | null },
  decision: RaiseDecision,
  round: NoticeRound,
): PersonalNotice {
  const h = heading(round);
  const g = grievanceLine(round);
  const th = [`เรียน ${person.nameTh}`, h.th, ...decision.explanation.th];
  const en = [`To ${person.nameEn ?? person.nameTh}`, h.en, ...decision.explanation.en];
  if (!decision.raised) {
    th.push(LAW_M73.th);
    en.push(LAW_M73.en);
  }
  th.push(g.th);
  en.push(g.en);
  return {
    personnelNo: person.personnelNo,
    kind: decision.raised ? 'raised' : 'not_raised',
    th: th.join('\n'),
    en: en.join('\n'),
    letter: { toTh: person.nameTh, subjectTh: subjectOf(h.th), bodyTh: th.slice(2) },
  };
}

/** The notice of a person the round did not consider (not eligible), with the reasons. */
export function notConsideredNotice(person: IneligiblePerson, round: NoticeRound): PersonalNotice {
  const h = heading(round);
  if (person.reasons.length > 0 && person.reasons.every((r) => r.code === 'appraised_elsewhere')) {
    // moved within OBEC: not a refusal — the other office appraises and considers the raise
    const th = [
      `เรียน ${person.nameTh}`,
      h.th,
      'ท่านไม่อยู่ในการพิจารณาเลื่อนเงินเดือนของสำนักงานนี้ในรอบนี้ เนื่องจาก:',
      ...person.reasons.map((r) => `- ${r.th}`),
    ];
    const en = [
      `To ${person.nameTh}`,
      h.en,
      'You are not considered by this office in this round, because:',
      ...person.reasons.map((r) => `- ${r.en}`),
    ];
    return {
      personnelNo: person.personnelNo,
      kind: 'appraised_elsewhere',
      th: th.join('\n'),
      en: en.join('\n'),
      letter: { toTh: person.nameTh, subjectTh: subjectOf(h.th), bodyTh: th.slice(2) },
    };
  }
  const g = grievanceLine(round);
  const th = [
    `เรียน ${person.nameTh}`,
    h.th,
    'ไม่ได้เลื่อนเงินเดือน เนื่องจากขาดคุณสมบัติผู้มีสิทธิ์ได้รับการพิจารณาในรอบนี้:',
    ...person.reasons.map((r) => `- ${r.th}`),
    LAW_M73.th,
    g.th,
  ];
  const en = [
    `To ${person.nameTh}`,
    h.en,
    'Not raised: you do not meet the conditions to be considered in this round:',
    ...person.reasons.map((r) => `- ${r.en}`),
    LAW_M73.en,
    g.en,
  ];
  return {
    personnelNo: person.personnelNo,
    kind: 'not_considered',
    th: th.join('\n'),
    en: en.join('\n'),
    letter: { toTh: person.nameTh, subjectTh: subjectOf(h.th), bodyTh: th.slice(2) },
  };
}
