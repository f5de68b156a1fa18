/**
 * The official holidays of the Thai government (วันหยุดราชการ) as seen by an
 * educational service area office: public holidays, Royal Ploughing Day
 * (government only), วันครู (Ministry of Education only) and the substitution
 * days (วันหยุดชดเชย) the rules give. 1 May (วันแรงงานแห่งชาติ) is a holiday
 * for the private and financial sectors only, so it is not here.
 *
 * Cabinet special days (วันหยุดพิเศษ) and office closures are data, kept in
 * `extra-days.ts` and merged by the business calendar.
 */
import { epochDayOf, epochDayOfLocalDate, isWeekend, localDateOfEpochDay, weekdayOfEpochDay, type LocalDate } from './bangkok-time';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, THAI_HOLIDAY_YEAR_DATA, type HolidayYearData } from './thai-holiday-data';

/**
 * `public`: public holiday; `government`: government agencies only;
 * `education`: Ministry of Education only; `substitution`: วันหยุดชดเชย;
 * `special`: declared by cabinet (ครม.); `office_closure`: one office's own closure.
 */
export type HolidayKind = 'public' | 'government' | 'education' | 'substitution' | 'special' | 'office_closure';

export type Holiday = {
  date: LocalDate;
  nameTh: string;
  nameEn: string;
  kind: HolidayKind;
  /** For a substitution day: the holiday date it stands in for. */
  substituteFor?: LocalDate;
  /** For an office closure: the office it applies to. */
  officeId?: string;
};

type BaseHoliday = {
  day: number;
  nameTh: string;
  nameEn: string;
  kind: 'public' | 'government' | 'education';
  /** Days that share one substitution day (Songkran; อาสาฬหบูชา + เข้าพรรษา). */
  group?: 'songkran' | 'lent';
  /** Whether falling on a weekend earns a substitution day. */
  substitutable: boolean;
  /** Set on substitution days: the day of the holiday they stand in for. */
  substituteFor?: number;
};

type FixedRule = { month: number; day: number; nameTh: string; nameEn: string };

const FIXED_PUBLIC_HOLIDAYS: readonly FixedRule[] = [
  { month: 1, day: 1, nameTh: 'วันขึ้นปีใหม่', nameEn: "New Year's Day" },
  { month: 4, day: 6, nameTh: 'วันจักรี', nameEn: 'Chakri Memorial Day' },
  { month: 5, day: 4, nameTh: 'วันฉัตรมงคล', nameEn: 'Coronation Day' },
  { month: 6, day: 3, nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี', nameEn: "H.M. Queen Suthida's Birthday" },
  { month: 7, day: 28, nameTh: 'วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว', nameEn: "H.M. King Maha Vajiralongkorn's Birthday" },
  {
    month: 8,
    day: 12,
    nameTh: 'วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ',
    nameEn: "H.M. Queen Sirikit The Queen Mother's Birthday; National Mother's Day",
  },
  { month: 10, day: 13, nameTh: 'วันนวมินทรมหาราช', nameEn: 'King Bhumibol Adulyadej Memorial Day' },
  { month: 10, day: 23, nameTh: 'วันปิยมหาราช', nameEn: 'King Chulalongkorn Memorial Day' },
  {
    month: 12,
    day: 5,
    nameTh: 'วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ 9 วันชาติ และวันพ่อแห่งชาติ',
    nameEn: "King Bhumibol Adulyadej's Birthday; National Day; National Father's Day",
  },
  { month: 12, day: 10, nameTh: 'วันรัฐธรรมนูญ', nameEn: 'Constitution Day' },
  { month: 12, day: 31, nameTh: 'วันสิ้นปี', nameEn: "New Year's Eve" },
];

const SONGKRAN = { nameTh: 'วันสงกรานต์', nameEn: 'Songkran Festival' };

function fixedHolidays(year: number): BaseHoliday[] {
  const out: BaseHoliday[] = FIXED_PUBLIC_HOLIDAYS.map((r) => ({
    day: epochDayOf(year, r.month, r.day),
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    kind: 'public',
    substitutable: true,
  }));
  for (const dom of [13, 14, 15]) {
    out.push({ day: epochDayOf(year, 4, dom), ...SONGKRAN, kind: 'public', group: 'songkran', substitutable: true });
  }
  // วันเด็กแห่งชาติ: the second Saturday of January; never substituted.
  const jan1 = epochDayOf(year, 1, 1);
  const firstSaturday = jan1 + ((6 - weekdayOfEpochDay(jan1) + 7) % 7);
  out.push({ day: firstSaturday + 7, nameTh: 'วันเด็กแห่งชาติ', nameEn: "National Children's Day", kind: 'public', substitutable: false });
  // วันครู: Ministry of Education only; never substituted.
  out.push({ day: epochDayOf(year, 1, 16), nameTh: 'วันครู', nameEn: "Teachers' Day", kind: 'education', substitutable: false });
  return out;
}

function yearDataHolidays(data: HolidayYearData): BaseHoliday[] {
  const lunar = (date: LocalDate, nameTh: string, nameEn: string, group?: 'lent'): BaseHoliday => ({
    day: epochDayOfLocalDate(date),
    nameTh,
    nameEn,
    kind: 'public',
    substitutable: true,
    ...(group ? { group } : {}),
  });
  const out = [
    lunar(data.makhaBucha, 'วันมาฆบูชา', 'Makha Bucha Day'),
    lunar(data.visakhaBucha, 'วันวิสาขบูชา', 'Visakha Bucha Day'),
    lunar(data.asalhaBucha, 'วันอาสาฬหบูชา', 'Asalha Bucha Day', 'lent'),
    lunar(data.khaoPhansa, 'วันเข้าพรรษา', 'Buddhist Lent Day', 'lent'),
  ];
  if (data.royalPloughing !== null) {
    out.push({ ...lunar(data.royalPloughing, 'วันพืชมงคล', 'Royal Ploughing Ceremony Day'), kind: 'government' });
  }
  return out;
}

/** One substitution unit: the holidays of one date, or a group that shares one substitution day. */
type Unit = { members: BaseHoliday[]; last: number };

function toUnits(base: readonly BaseHoliday[]): Unit[] {
  // Holidays on the same date share one unit (two holidays on one Saturday
  // lose one day off, so they earn one substitution day), and so do the
  // members of a group.
  const units = new Map<string, BaseHoliday[]>();
  for (const h of base) {
    if (!h.substitutable) continue;
    const key = h.group === undefined ? `day:${h.day}` : `${h.group}:${localDateOfEpochDay(h.day).slice(0, 4)}`;
    const members = units.get(key) ?? [];
    members.push(h);
    units.set(key, members);
  }
  return [...units.values()].map((members) => {
    members.sort((a, b) => a.day - b.day);
    return { members, last: Math.max(...members.map((m) => m.day)) };
  });
}

function nextWeekdayAfter(day: number): number {
  let d = day + 1;
  while (isWeekend(d)) d += 1;
  return d;
}

/**
 * Substitution days (since 2544/2001): a holiday on a Saturday or Sunday gives
 * one day off on the next working day that is not already a holiday (one for
 * all the holidays that share that date). Songkran (13–15 Apr) and
 * อาสาฬหบูชา + เข้าพรรษา each give at most one substitution day for the whole
 * group, on the first free working day after the group. When two
 * weekend holidays compete for the same Monday (31 Dec on Saturday, 1 Jan on
 * Sunday), the later holiday takes the Monday and the earlier the Tuesday.
 */
function substitutionDays(base: readonly BaseHoliday[], cancelled: ReadonlySet<number>): BaseHoliday[] {
  const taken = new Set(base.map((h) => h.day));
  const units = toUnits(base)
    .filter((u) => u.members.some((m) => isWeekend(m.day)))
    .sort((a, b) => nextWeekdayAfter(a.last) - nextWeekdayAfter(b.last) || b.last - a.last);
  const out: BaseHoliday[] = [];
  for (const unit of units) {
    let day = unit.last + 1;
    while (isWeekend(day) || taken.has(day)) day += 1;
    taken.add(day);
    if (cancelled.has(day)) continue;
    const causeDay = unit.members.find((m) => isWeekend(m.day))?.day;
    if (causeDay === undefined) continue;
    const causes = unit.members.filter((m) => m.day === causeDay);
    out.push({
      day,
      nameTh: `วันหยุดชดเชย${causes.map((c) => c.nameTh).join(' และ')}`,
      nameEn: `${causes.map((c) => c.nameEn).join('; ')} (substitution day)`,
      kind: 'public',
      substitutable: false,
      substituteFor: causeDay,
    });
  }
  return out;
}

function computeAllOfficialHolidays(): Map<number, Holiday[]> {
  const base: BaseHoliday[] = [];
  const cancelled = new Set<number>();
  // The year before the first supported one is included for its fixed dates
  // only, so that a substitution day it causes in January is known.
  for (let year = FIRST_SUPPORTED_YEAR - 1; year <= LAST_SUPPORTED_YEAR; year += 1) {
    base.push(...fixedHolidays(year));
    const data = THAI_HOLIDAY_YEAR_DATA[year];
    if (data === undefined) continue;
    base.push(...yearDataHolidays(data));
    for (const c of data.cancelledSubstitutions ?? []) cancelled.add(epochDayOfLocalDate(c.date));
  }
  const all = [...base, ...substitutionDays(base, cancelled)].sort((a, b) => a.day - b.day);
  const byYear = new Map<number, Holiday[]>();
  for (const h of all) {
    const date = localDateOfEpochDay(h.day);
    const year = Number(date.slice(0, 4));
    if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) continue;
    const forDay = h.substituteFor;
    const holiday: Holiday =
      forDay === undefined
        ? { date, nameTh: h.nameTh, nameEn: h.nameEn, kind: h.kind }
        : { date, nameTh: h.nameTh, nameEn: h.nameEn, kind: 'substitution', substituteFor: localDateOfEpochDay(forDay) };
    const list = byYear.get(year) ?? [];
    list.push(Object.freeze(holiday));
    byYear.set(year, list);
  }
  return byYear;
}

let cache: Map<number, Holiday[]> | undefined;

/**
 * The official government holidays of a Common Era `year`
 * (FIRST_SUPPORTED_YEAR–LAST_SUPPORTED_YEAR), sorted by date. Includes
 * holidays that fall on weekends (they matter for substitution days and for
 * people reading the list).
 */
export function officialThaiHolidays(year: number): readonly Holiday[] {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`No official holiday data for year ${year} (supported: ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR})`);
  }
  cache ??= computeAllOfficialHolidays();
  return Object.freeze([...(cache.get(year) ?? [])]);
}
