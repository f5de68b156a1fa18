/**
 * Passwords hashed with scrypt, the memory-hard function in Node's own crypto
 * (N = 2^17, r = 8, p = 1: 128 MiB of memory per hash, OWASP's minimum).
 * Stored as `scrypt$N$r$p$salt$hash` (base64), so parameters can be raised:
 * older hashes still verify, and a successful sign-in re-hashes them with the
 * current parameters (`needsRehash`).
 *
 * Parameters read from a stored hash are bounded before anything is
 * allocated: a tampered or corrupt row (N above 2^20, r or p out of range,
 * odd salt or key sizes) simply does not match.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** the parameters of new hashes */
export const TARGET_HASH_PARAMS = Object.freeze({ N: 1 << 17, r: 8, p: 1 });
const TARGET = TARGET_HASH_PARAMS;
let params: { N: number; r: number; p: number } = { ...TARGET };
const KEY_LENGTH = 32;
/** the largest parameters a stored hash may ask for: N ≤ 2^20, r ≤ 16, p ≤ 4, and about 1 GiB of memory (2^20 with r = 8) */
const LIMITS = { maxLog2N: 20, maxR: 16, maxP: 4, maxMemoryBytes: 1024 * 1024 * 1024 + 1024 * 1024 } as const;

/** The parameters new hashes get. */
export function currentHashParams(): Readonly<{ N: number; r: number; p: number }> {
  return params;
}

/**
 * Tests only: a cheaper cost so a test file's many sign-ins stay fast (the
 * policy itself is tested at the real cost). Never called by the processes.
 */
export function setHashCostForTesting(N: number): void {
  params = { N, r: TARGET.r, p: TARGET.p };
}

/** scrypt's memory: 128·N·r bytes for V, 128·r·p for B */
const memoryOf = (o: { N: number; r: number; p: number }) => 128 * o.N * o.r + 128 * o.r * o.p;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: memoryOf(options) + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const INTEGER = /^[1-9][0-9]{0,9}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A stored hash with parameters inside the bounds, or undefined (never matches). */
function parse(stored: string): Parsed | undefined {
  if (stored.length > 300) return undefined;
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !n || !r || !p || !salt || !hash) return undefined;
  if (!INTEGER.test(n) || !INTEGER.test(r) || !INTEGER.test(p) || !BASE64.test(salt) || !BASE64.test(hash)) return undefined;
  const N = Number(n),
    R = Number(r),
    P = Number(p);
  // N a power of two between 2 and 2^20
  if (N < 2 || N > 2 ** LIMITS.maxLog2N || (N & (N - 1)) !== 0) return undefined;
  if (R < 1 || R > LIMITS.maxR || P < 1 || P > LIMITS.maxP || memoryOf({ N, r: R, p: P }) > LIMITS.maxMemoryBytes) return undefined;
  const saltBytes = Buffer.from(salt, 'base64');
  const hashBytes = Buffer.from(hash, 'base64');
  if (saltBytes.length < 8 || saltBytes.length > 64 || hashBytes.length !== KEY_LENGTH) return undefined;
  return { N, r: R, p: P, salt: saltBytes, hash: hashBytes };
}

/** The parameters of a stored hash when they are within the bounds (else undefined: it never matches, nothing is computed). */
export function storedHashParams(stored: string): { N: number; r: number; p: number } | undefined {
  const parsed = parse(stored);
  return parsed ? { N: parsed.N, r: parsed.r, p: parsed.p } : undefined;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash was made with weaker parameters than new hashes get (re-hash it after a successful sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.N < params.N || parsed.r < params.r || parsed.p < params.p;
}

/**
 * A hash to verify against when the user does not exist (or has no password),
 * made with the current parameters, so timing does not reveal it.
 */
export function dummyHash(): string {
  return ['scrypt', params.N, params.r, params.p, 'AAAAAAAAAAAAAAAAAAAAAA==', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='].join('$');
}
