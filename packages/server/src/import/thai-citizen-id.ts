/**
 * The Thai national identification number (เลขประจำตัวประชาชน): 13 digits,
 * the last a check digit. With d1…d12 the first twelve digits,
 *
 *   check = (11 − (Σ di × (14 − i)) mod 11) mod 10
 *
 * (weights 13 down to 2). Written as people type it: with spaces or dashes
 * (1-2345-67890-12-1) and in Thai digits (๑๒๓…), which `normaliseCitizenId`
 * removes first.
 */
import { fromThaiDigits } from '@esa-flow/engine';

/** Digits only: Thai digits to Arabic, spaces and dashes removed. Anything else is kept, so it fails the format check. */
export function normaliseCitizenId(value: string): string {
  return fromThaiDigits(value).replace(/[\s-]/g, '');
}

export function citizenIdCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/** Why a (normalised) citizen id is not valid, or null when it is. */
export function citizenIdProblem(id: string): 'required' | 'citizen_id_format' | 'citizen_id_checksum' | null {
  if (id === '') return 'required';
  if (!/^\d{13}$/.test(id)) return 'citizen_id_format';
  if (citizenIdCheckDigit(id.slice(0, 12)) !== Number(id[12])) return 'citizen_id_checksum';
  return null;
}

export function isValidCitizenId(id: string): boolean {
  return citizenIdProblem(id) === null;
}
