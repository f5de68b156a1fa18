import type { FileMediaType } from './file-kinds';

/** Enough leading bytes to tell every type we accept apart. */
export const SNIFF_BYTES = 8;

const SIGNATURES: readonly (readonly [FileMediaType, readonly number[]])[] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/**
 * The type of a file from its first bytes (magic numbers), never from its
 * name or the Content-Type the client sent: a `.pdf` name on anything else is
 * not a PDF. Undefined: none of the types we know.
 */
export function sniffMediaType(head: Uint8Array): FileMediaType | undefined {
  for (const [type, signature] of SIGNATURES) {
    if (head.length >= signature.length && signature.every((b, i) => head[i] === b)) return type;
  }
  return undefined;
}
