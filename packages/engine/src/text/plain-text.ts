/**
 * Names and titles people read in lists, mail subjects and minutes (case
 * titles, person names, office, school and committee names, meeting titles
 * and places, holiday names): one line of visible text. Refused, with the
 * issue code `forbidden_character`:
 *
 * - C0 controls U+0000–U+001F (TAB, LF and CR too: a name is one line),
 *   DEL and the C1 controls U+007F–U+009F;
 * - bidirectional formatting: LRM/RLM U+200E–U+200F, ALM U+061C, the
 *   embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069 —
 *   a U+202E in a title can make one case look like another.
 *
 * Zero-width space U+200B and ZWJ/ZWNJ stay allowed: Thai text pasted from
 * word processors carries U+200B as a line-break hint. Free text (notes,
 * reasons) keeps TAB/LF/CR; NUL and lone surrogates are refused everywhere,
 * at the HTTP edge, before any schema runs (server input-hardening).
 */
import { z } from 'zod';

export const FORBIDDEN_IN_NAMES = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export function hasForbiddenNameCharacter(value: string): boolean {
  return FORBIDDEN_IN_NAMES.test(value);
}

/** A trimmed, non-empty name or title of at most `max` characters, without control or bidi characters. */
export function nameText(max: number) {
  return (
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      .refine((s) => !hasForbiddenNameCharacter(s), {
        message: 'ห้ามมีอักขระควบคุมหรืออักขระกำหนดทิศทางข้อความ / control and bidirectional-override characters are not allowed',
        params: { code: 'forbidden_character' },
      })
      // in the OpenAPI document: the API fuzz test sends control and bidi characters to every such field
      .meta({ 'x-text': 'name' })
  );
}
