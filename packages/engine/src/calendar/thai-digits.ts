/** Thai digits ๐–๙ (U+0E50–U+0E59) ⇄ ASCII digits. */
const THAI_ZERO = 0x0e50;

export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(THAI_ZERO + Number(d)));
}

export function fromThaiDigits(text: string): string {
  return text.replace(/[\u0e50-\u0e59]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO));
}
