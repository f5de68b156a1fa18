/** Pieces the templates share: the office, the document number line, the signature block. */
import type { Emblem } from '../document-page';
import type { Writer } from '../html';

/** What every document is printed with. */
export interface DocumentOptions {
  office: { nameTh: string };
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
