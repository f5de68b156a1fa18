/**
 * `Content-Disposition` for a file's own name (RFC 6266 with RFC 5987's
 * `filename*` for Thai and other non-ASCII names): an ASCII `filename`
 * fallback for old clients, the UTF-8 name for everyone else.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
