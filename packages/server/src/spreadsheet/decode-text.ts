/**
 * The text of an uploaded CSV file. Offices' spreadsheets are saved as UTF-8
 * (with or without a BOM) or, by older Thai Windows and Excel versions, as
 * Windows-874 (TIS-620 plus a few punctuation marks). Bytes that are valid
 * UTF-8 are read as UTF-8; anything else is read as Windows-874, which maps
 * every byte, so Thai from an old Excel reads right instead of as U+FFFD.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows874 = new TextDecoder('windows-874');

export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return windows874.decode(bytes);
  }
}
