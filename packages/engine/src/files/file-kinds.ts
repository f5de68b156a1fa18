/**
 * What may be uploaded, per kind of file (docs/files.md): the largest size,
 * the types (sniffed from the bytes), and how a file of the kind is attached:
 *
 * - `event`: named by `fileId` in an event's payload (the evidence of a
 *   request or a grievance), attached with that event;
 * - `case`: attached to a case on its own (a transfer round's documents and
 *   announcements) by the office's HR officers and admins while the case is open;
 * - `signed-case`: the signed scan of an order, on a case whose history has
 *   recorded the signing (`SIGNED_ORDER_EVENTS`), by HR or whoever recorded it;
 * - `meeting`: a committee paper, attached to a meeting by whoever may run
 *   the committee (its secretary or chair, HR) until the meeting closes;
 * - `office`: the office's emblem, made the office's by its admin in the
 *   document settings (office/document-settings.ts), never attached to a case.
 */
export const FILE_TYPES = {
  'application/pdf': { th: 'PDF', extension: 'pdf' },
  'image/png': { th: 'รูปภาพ PNG', extension: 'png' },
  'image/jpeg': { th: 'รูปภาพ JPEG', extension: 'jpg' },
} as const;
export type FileMediaType = keyof typeof FILE_TYPES;

export type AttachRule = 'event' | 'case' | 'signed-case' | 'meeting' | 'office';

const SCANS = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export const FILE_KINDS = {
  /** evidence of a request or a grievance: ทะเบียนบ้าน, ก.ค.ศ.16, a scan */
  evidence: { maxBytes: 20 * 1024 * 1024, types: SCANS, attach: 'event', th: 'เอกสารหลักฐาน', en: 'Evidence' },
  /** an agenda paper of a committee meeting (เอกสารประกอบวาระ) */
  'committee-paper': { maxBytes: 50 * 1024 * 1024, types: SCANS, attach: 'meeting', th: 'เอกสารประกอบการประชุม', en: 'Committee paper' },
  /** a transfer round's documents: announcements, the calendar, the vacancy list as published */
  'round-document': { maxBytes: 20 * 1024 * 1024, types: SCANS, attach: 'case', th: 'เอกสารของรอบ', en: 'Round document' },
  /** the scan of an order as signed (คำสั่งที่ลงนามแล้ว) */
  'signed-order': { maxBytes: 20 * 1024 * 1024, types: SCANS, attach: 'signed-case', th: 'สำเนาคำสั่งที่ลงนามแล้ว', en: 'Signed order (scan)' },
  /** the office's emblem (ครุฑ) printed on its documents: an image, small */
  'office-emblem': {
    maxBytes: 2 * 1024 * 1024,
    types: ['image/png', 'image/jpeg'],
    attach: 'office',
    th: 'ตราครุฑของสำนักงาน',
    en: 'Office emblem',
  },
} as const satisfies Record<string, { maxBytes: number; types: readonly FileMediaType[]; attach: AttachRule; th: string; en: string }>;
export type FileKind = keyof typeof FILE_KINDS;

export const isFileKind = (value: string): value is FileKind => Object.hasOwn(FILE_KINDS, value);

/** The events that record an order as signed: a `signed-order` scan may be attached after one of them. */
export const SIGNED_ORDER_EVENTS: readonly string[] = Object.freeze(['SIGN_ORDER']);

/** History rows the engine writes about files: not machine events, the state stays. */
export const FILE_ATTACHED_EVENT = '@file.attached';
export const FILE_REMOVED_EVENT = '@file.removed';
