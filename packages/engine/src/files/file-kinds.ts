/**
 * What may be uploaded, per kind of file (docs/files.md): the largest size and
 * the types, sniffed from the bytes. A kind is what the upload is for; each
 * form field that takes files names one.
 */
export const FILE_TYPES = {
  'application/pdf': { th: 'PDF', extension: 'pdf' },
  'image/png': { th: 'รูปภาพ PNG', extension: 'png' },
  'image/jpeg': { th: 'รูปภาพ JPEG', extension: 'jpg' },
} as const;
export type FileMediaType = keyof typeof FILE_TYPES;

export const FILE_KINDS = {
  /** evidence of a request or a grievance: ทะเบียนบ้าน, ก.ค.ศ.16, a scan */
  evidence: { maxBytes: 20 * 1024 * 1024, types: ['application/pdf', 'image/png', 'image/jpeg'] },
} as const satisfies Record<string, { maxBytes: number; types: readonly FileMediaType[] }>;
export type FileKind = keyof typeof FILE_KINDS;

export const isFileKind = (value: string): value is FileKind => Object.hasOwn(FILE_KINDS, value);
