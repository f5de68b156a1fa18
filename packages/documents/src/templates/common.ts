/** Pieces the templates share: the office, the document number line, the signature block. */
import type { Emblem } from '../document-page';
import type { Writer } from '../html';

/** What every document is printed with. */
export interface DocumentOptions {
  /**
   * The office, and its letterhead as its admin set it (docs/documents.md
   * "Office settings"): the address printed under its name at the head of a
   * letter; the unit that owns the matter with its telephone and e-mail at the
   * foot of a letter and on a memo's ส่วนราชการ line. Absent: the name alone
   * and กลุ่มบริหารงานบุคคล.
   */
  office: { nameTh: string; addressTh?: string | null; unitTh?: string; phone?: string | null; email?: string | null };
  /** the office's emblem (ครุฑ); null leaves its place empty */
  emblem: Emblem | null;
  /** numbers and dates in Thai digits ๐–๙ */
  thaiDigits: boolean;
}

/** A person who signs: name (null before someone is known: a dotted line) and position. */
export interface Signer {
  name: string | null;
  position: string;
  /** e.g. 'ปฏิบัติราชการแทน' when someone signs for the holder */
  actingFor?: string | null;
}

/** "ที่ 12/2569", or "ที่ ....../2569" while the register has not given a number. */
export function numberLine(w: Writer, documentNo: string | null, beYear: number): string {
  return documentNo ? `ที่ ${w.t(documentNo)}` : `ที่ ......../${w.t(beYear)}`;
}

export function signatureBlock(w: Writer, signer: Signer, lead?: string): string {
  const name = signer.name ? `(${w.t(signer.name)})` : '(........................................)';
  return `<div class="signature">${lead ? `<p>${lead}</p>` : ''}<div class="space"></div><p>${name}</p><p>${w.t(signer.position)}</p>${signer.actingFor ? `<p>${w.t(signer.actingFor)}</p>` : ''}</div>`;
}

/** The unit that owns the matter, as the office set it (กลุ่มบริหารงานบุคคล until it does). */
export const unitOf = (options: DocumentOptions): string => options.office.unitTh ?? 'กลุ่มบริหารงานบุคคล';

/** A หนังสือภายนอก's foot: the unit, then โทร. and the e-mail when the office gave them, one per line. */
export function letterFoot(w: Writer, options: DocumentOptions): string {
  const lines = [w.t(unitOf(options))];
  if (options.office.phone) lines.push(`โทร. ${w.t(options.office.phone)}`);
  if (options.office.email) lines.push(`ไปรษณีย์อิเล็กทรอนิกส์ ${w.t(options.office.email)}`);
  return `<div class="unit">${lines.map((l) => `<p>${l}</p>`).join('')}</div>`;
}

/** The office at a letter's head: its name, then its address line by line. */
export function letterFrom(w: Writer, options: DocumentOptions): string {
  const address = (options.office.addressTh ?? '').split('\n').filter((l) => l.trim() !== '');
  return [options.office.nameTh, ...address].map((l) => `<p>${w.t(l)}</p>`).join('');
}
