/**
 * Just enough MIME to read what nodemailer sends: unfolded headers, RFC 2047
 * encoded words (UTF-8, B and Q), one level of multipart, base64 and
 * quoted-printable bodies. Test support only.
 */
export interface ParsedMail {
  /** lower-cased header name → decoded value (the last one wins) */
  headers: Map<string, string>;
  subject: string;
  messageId: string;
  text: string;
  html: string;
}

export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitEntity(raw);
  const parts = multipartParts(headers, body) ?? [{ headers, body }];
  let text = '';
  let html = '';
  for (const part of parts) {
    const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
    const decoded = decodeBody(part.body, part.headers.get('content-transfer-encoding') ?? '7bit');
    if (type.startsWith('text/plain')) text = decoded;
    else if (type.startsWith('text/html')) html = decoded;
  }
  return { headers, subject: headers.get('subject') ?? '', messageId: headers.get('message-id') ?? '', text, html };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const normal = raw.replace(/\r\n/g, '\n');
  const cut = normal.indexOf('\n\n');
  const head = cut === -1 ? normal : normal.slice(0, cut);
  const body = cut === -1 ? '' : normal.slice(cut + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function multipartParts(headers: Map<string, string>, body: string) {
  const type = headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return undefined;
  const out: { headers: Map<string, string>; body: string }[] = [];
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = splitEntity(chunk.replace(/^\n/, ''));
    out.push(...(multipartParts(part.headers, part.body) ?? [part]));
  }
  return out;
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return qpBytes(body.replace(/=\n/g, '')).toString('utf8');
    default:
      return body.replace(/\n$/, '');
  }
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

const ENCODED_RUN = /(?:=\?[^?]+\?[BbQq]\?[^?]*\?=\s*)+/g;
const ENCODED_WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;

/** Adjacent encoded words are one byte sequence (a Thai character may straddle two). */
function decodeWords(value: string): string {
  return value.replace(ENCODED_RUN, (run) => {
    const trailing = /\s*$/.exec(run)?.[0] ?? '';
    const bytes = [...run.matchAll(ENCODED_WORD)].map(([, , enc, data]) =>
      enc!.toUpperCase() === 'B' ? Buffer.from(data!, 'base64') : qpBytes(data!.replace(/_/g, ' ')),
    );
    return Buffer.concat(bytes).toString('utf8') + trailing;
  });
}
