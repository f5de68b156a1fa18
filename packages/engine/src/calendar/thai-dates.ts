/**
 * Reading and writing Thai dates, and nothing else: the part of the calendar
 * the web bundles (`@esa-flow/engine/thai-dates`). Pure and browser-safe — it
 * must never import the database, node: modules or zod, so the web's bundle
 * stays free of server code.
 */
export { bangkokMinuteOfDay, isLocalDate, pad2, type LocalDate } from './bangkok-time';
export { formatThaiDate, formatThaiTime, type DateLocale, type FormatThaiDateOptions } from './thai-date-format';
export { parseThaiDate, type ParsedThaiDate } from './thai-date-parse';
export { fromThaiDigits, toThaiDigits } from './thai-digits';
export { BUDDHIST_ERA_OFFSET, ENGLISH_MONTHS, THAI_MONTHS_SHORT } from './thai-months';
