/**
 * Year-by-year data behind the official holiday rules: the four lunar Buddhist
 * days, Royal Ploughing Day, and cabinet decisions that cancel a substitution
 * day. Everything that follows a fixed rule lives in `thai-holidays.ts`.
 *
 * Sources
 * - 2023–2026: the official calendars (research/regulations.md §4.2), which
 *   come from `vacanza/holidays` `holidays/countries/thailand.py` (cites the
 *   Royal Gazette and cabinet resolutions on resolution.soc.go.th).
 * - 2027–2035 lunar days: projected by the same library's Thai lunisolar
 *   calendar (`holidays/calendars/thai.py`, version 0.105). The government
 *   confirms them in its yearly holiday announcement; check each year.
 * - Royal Ploughing Day is chosen each year by the court astrologers and
 *   announced a few months ahead, so it is `null` until announced.
 *
 * To add or confirm a year, edit its row and the fixture in
 * test/calendar/fixtures; docs/calendar.md explains the steps.
 */
import type { LocalDate } from './bangkok-time';

export type HolidayYearData = {
  /** `official` = announced by the government; `projected` = computed, not yet announced. */
  status: 'official' | 'projected';
  /** วันมาฆบูชา (full moon of the 3rd lunar month). */
  makhaBucha: LocalDate;
  /** วันวิสาขบูชา (full moon of the 6th lunar month). */
  visakhaBucha: LocalDate;
  /** วันอาสาฬหบูชา (full moon of the 8th lunar month). */
  asalhaBucha: LocalDate;
  /** วันเข้าพรรษา (the day after อาสาฬหบูชา). */
  khaoPhansa: LocalDate;
  /** วันพืชมงคล, a government-only holiday; `null` while not yet announced. */
  royalPloughing: LocalDate | null;
  /** Substitution days the cabinet cancelled (usually swapped for a special day). */
  cancelledSubstitutions?: readonly { date: LocalDate; reason: string }[];
};

/**
 * 2023 is included although deadlines start in 2024, so that counting near
 * 1 January 2024 (e.g. a monthly deadline carried over from December) is exact.
 */
export const FIRST_SUPPORTED_YEAR = 2023;
export const LAST_SUPPORTED_YEAR = 2035;

export const THAI_HOLIDAY_YEAR_DATA: Readonly<Record<number, HolidayYearData>> = {
  2023: {
    status: 'official',
    makhaBucha: '2023-03-06',
    visakhaBucha: '2023-06-03',
    asalhaBucha: '2023-08-01',
    khaoPhansa: '2023-08-02',
    royalPloughing: '2023-05-17',
  },
  2024: {
    status: 'official',
    makhaBucha: '2024-02-24',
    visakhaBucha: '2024-05-22',
    asalhaBucha: '2024-07-20',
    khaoPhansa: '2024-07-21',
    royalPloughing: '2024-05-10',
    cancelledSubstitutions: [
      {
        date: '2024-01-02',
        reason:
          'ครม. 24 ต.ค. 2566 made 29 Dec 2023 a special holiday instead of the substitution day for วันสิ้นปี 2566 (vacanza/holidays PR #1528)',
      },
    ],
  },
  2025: {
    status: 'official',
    makhaBucha: '2025-02-12',
    visakhaBucha: '2025-05-11',
    asalhaBucha: '2025-07-10',
    khaoPhansa: '2025-07-11',
    royalPloughing: '2025-05-09',
  },
  2026: {
    status: 'official',
    makhaBucha: '2026-03-03',
    visakhaBucha: '2026-05-31',
    asalhaBucha: '2026-07-29',
    khaoPhansa: '2026-07-30',
    royalPloughing: '2026-05-13',
  },
  2027: {
    status: 'projected',
    makhaBucha: '2027-02-21',
    visakhaBucha: '2027-05-20',
    asalhaBucha: '2027-07-18',
    khaoPhansa: '2027-07-19',
    royalPloughing: null,
  },
  2028: {
    status: 'projected',
    makhaBucha: '2028-02-10',
    visakhaBucha: '2028-05-08',
    asalhaBucha: '2028-07-06',
    khaoPhansa: '2028-07-07',
    royalPloughing: null,
  },
  2029: {
    status: 'projected',
    makhaBucha: '2029-02-27',
    visakhaBucha: '2029-05-27',
    asalhaBucha: '2029-07-25',
    khaoPhansa: '2029-07-26',
    royalPloughing: null,
  },
  2030: {
    status: 'projected',
    makhaBucha: '2030-02-17',
    visakhaBucha: '2030-05-16',
    asalhaBucha: '2030-07-14',
    khaoPhansa: '2030-07-15',
    royalPloughing: null,
  },
  2031: {
    status: 'projected',
    makhaBucha: '2031-03-07',
    visakhaBucha: '2031-06-04',
    asalhaBucha: '2031-08-02',
    khaoPhansa: '2031-08-03',
    royalPloughing: null,
  },
  2032: {
    status: 'projected',
    makhaBucha: '2032-02-25',
    visakhaBucha: '2032-05-23',
    asalhaBucha: '2032-07-22',
    khaoPhansa: '2032-07-23',
    royalPloughing: null,
  },
  2033: {
    status: 'projected',
    makhaBucha: '2033-02-14',
    visakhaBucha: '2033-05-13',
    asalhaBucha: '2033-07-11',
    khaoPhansa: '2033-07-12',
    royalPloughing: null,
  },
  2034: {
    status: 'projected',
    makhaBucha: '2034-03-04',
    visakhaBucha: '2034-06-01',
    asalhaBucha: '2034-07-30',
    khaoPhansa: '2034-07-31',
    royalPloughing: null,
  },
  2035: {
    status: 'projected',
    makhaBucha: '2035-02-22',
    visakhaBucha: '2035-05-21',
    asalhaBucha: '2035-07-20',
    khaoPhansa: '2035-07-21',
    royalPloughing: null,
  },
};
