/**
 * What a round makes public (seed-000 rule 3.5, L91: "ให้มีการประกาศรายชื่อผู้ที่มี
 * ผลการประเมินในระดับดีเด่น และระดับดีมาก ทราบโดยทั่วกัน") and how its orders are grouped by who
 * signs them (Act ม.53, ม.73). Pure; deterministic order (school, then
 * personnel number), so two runs print the same announcement.
 */
import { formatPct, formatScore } from './money';
import type { RoundParams, TierCode } from './round-params';
import { bandsHighestFirst } from './tiers';

export interface PublishablePerson {
  personnelNo: string;
  nameTh: string;
  nameEn: string | null;
  schoolId: string | null;
  tier: TierCode | null;
  score: number | null;
  pctBp: number;
}

export interface PublicationEntry {
  personnelNo: string;
  nameTh: string;
  nameEn: string | null;
  schoolId: string | null;
  schoolName: string | null;
  score: number | null;
  /** only when the round publishes percentages */
  pctBp: number | null;
}

export interface PublicationList {
  tier: TierCode;
  th: string;
  en: string;
  entries: PublicationEntry[];
}

/**
 * One list per published tier (highest first). `schoolNames` (id → name)
 * orders the entries by school name; people without a school (office staff)
 * come first.
 */
export function buildPublicationLists(
  people: readonly PublishablePerson[],
  params: Pick<RoundParams, 'tiers' | 'publishTiers' | 'publicListShowsPercent'>,
  schoolNames: ReadonlyMap<string, string> = new Map(),
): PublicationList[] {
  const nameOf = (id: string | null) => (id === null ? null : (schoolNames.get(id) ?? id));
  return bandsHighestFirst(params.tiers)
    .filter((band) => params.publishTiers.includes(band.code))
    .map((band) => ({
      tier: band.code,
      th: band.th,
      en: band.en,
      entries: people
        .filter((p) => p.tier === band.code)
        .map((p) => ({
          personnelNo: p.personnelNo,
          nameTh: p.nameTh,
          nameEn: p.nameEn,
          schoolId: p.schoolId,
          schoolName: nameOf(p.schoolId),
          score: p.score,
          pctBp: params.publicListShowsPercent ? p.pctBp : null,
        }))
        .sort(
          (a, b) =>
            cmp(a.schoolName ?? '', b.schoolName ?? '') || cmp(a.schoolId ?? '', b.schoolId ?? '') || cmp(a.personnelNo, b.personnelNo),
        ),
    }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The announcement as text, Thai or English, one line per person. */
export function publicationText(lists: readonly PublicationList[], lang: 'th' | 'en', heading: string): string {
  const lines = [heading];
  for (const list of lists) {
    lines.push('', lang === 'th' ? `ระดับ${list.th} (${list.entries.length} คน)` : `${list.en} (${list.entries.length})`);
    list.entries.forEach((e, i) => {
      const name = lang === 'en' && e.nameEn ? e.nameEn : e.nameTh;
      const school = e.schoolName ? ` — ${e.schoolName}` : '';
      const pct = e.pctBp === null ? '' : lang === 'th' ? ` ร้อยละ ${formatPct(e.pctBp)}` : ` ${formatPct(e.pctBp)} %`;
      const score = e.score === null ? '' : ` (${formatScore(Math.round(e.score * 100))})`;
      lines.push(`${i + 1}. ${name}${school}${score}${pct}`);
    });
  }
  return lines.join('\n');
}

export interface OrderGroup {
  authority: 'school_director' | 'area_director';
  /** the school whose director signs; null for the area director's order */
  schoolId: string | null;
  personnelNos: string[];
}

/**
 * One order per signing authority: the area director signs one order for
 * everyone under ม.53(3); each school director signs one for their ครู and
 * ครูผู้ช่วย under ม.53(4).
 */
export function planOrders(
  people: readonly { personnelNo: string; schoolId: string | null; orderAuthority: 'school_director' | 'area_director' }[],
): OrderGroup[] {
  const groups = new Map<string, OrderGroup>();
  for (const p of people) {
    const schoolId = p.orderAuthority === 'school_director' ? p.schoolId : null;
    const key = `${p.orderAuthority}:${schoolId ?? ''}`;
    const g = groups.get(key) ?? { authority: p.orderAuthority, schoolId, personnelNos: [] };
    g.personnelNos.push(p.personnelNo);
    groups.set(key, g);
  }
  return [...groups.entries()].sort(([a], [b]) => cmp(a, b)).map(([, g]) => ({ ...g, personnelNos: [...g.personnelNos].sort(cmp) }));
}
