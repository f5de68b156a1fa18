import { randomInt } from 'node:crypto';

// no 0/O, 1/l/I: read aloud or copied from a terminal without mistakes
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of 16 characters (about 92 bits), shown once to the operator. */
export function oneTimePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
