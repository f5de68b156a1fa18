import { EsaError } from '@esa-flow/engine';
import { formatDueDate } from './format-due-date';
import { COMMON_WORDING, KIND_WORDING } from './mail-wording';
import { isNotificationKind, readMailPayload, type DigestItem, type MailLang, type NotificationForMail } from './notification-content';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One case as a mail shows it: title, step, due date, link. */
interface CaseLines {
  title: string;
  step: string | null;
  due: string | null;
  /** what to do, as the person who gave the task wrote it */
  note?: string | undefined;
  link: string;
}

const NOTE_LABEL: Record<MailLang, string> = { th: 'สิ่งที่ต้องดำเนินการ', en: 'What to do' };

/**
 * The fonts a mail asks for, Thai-capable first: Sarabun (the app's own),
 * then the Thai fonts that Windows, macOS, Android and Linux readers already
 * have, so a reader without Sarabun sees Thai letters and not boxes (tofu).
 * Double quotes are not used: the stack sits inside a style="…" attribute.
 */
export const MAIL_FONT_STACK =
  "Sarabun, 'TH Sarabun New', 'TH SarabunPSK', Tahoma, 'Leelawadee UI', Leelawadee, Thonburi, 'Noto Sans Thai', 'Noto Sans Thai UI', sans-serif";

/**
 * The mail for one notification, in the recipient's language (Thai or
 * English), as plain text and simple HTML. Pure: no I/O, no clock.
 */
export function renderNotificationMail(n: NotificationForMail, baseUrl: string): RenderedMail {
  if (!isNotificationKind(n.kind)) throw new EsaError('NOTIFICATION_KIND_UNKNOWN', { notificationId: n.id, kind: n.kind });
  const lang = n.recipient.lang;
  const kind = KIND_WORDING[n.kind][lang];
  const common = COMMON_WORDING[lang];
  const payload = readMailPayload(n.payload);
  const cases: CaseLines[] =
    n.kind === 'digest' || n.kind === 'meeting'
      ? (payload.items ?? []).map((item) => digestLines(item, lang, baseUrl))
      : [
          {
            title: n.caseTitle ?? payload.title ?? '-',
            step: payload.stepLabel?.[lang] ?? n.step,
            due: payload.dueAt ? formatDueDate(payload.dueAt, lang) : null,
            note: payload.note,
            link: caseLink(baseUrl, n.caseId),
          },
        ];
  const topic =
    n.kind === 'digest' ? common.caseCount(cases.length) : n.kind === 'meeting' ? (payload.title ?? '-') : (cases[0]?.title ?? '-');
  const intro =
    n.kind === 'meeting'
      ? meetingIntro(kind.intro, payload, lang)
      : n.kind === 'notice' && payload.notice
        ? payload.notice[lang]
        : kind.intro;
  const subject = lang === 'th' ? `${kind.headline}: ${topic} (${KIND_WORDING[n.kind].en.headline})` : `${kind.headline}: ${topic}`;
  const name = lang === 'th' ? n.recipient.nameTh : (n.recipient.nameEn ?? n.recipient.nameTh);
  const greeting = common.dear(name);
  const appLink = `${baseUrl}/`;

  const text = [
    greeting,
    '',
    intro,
    '',
    ...cases.flatMap((c) => [...caseTextLines(c, lang), '']),
    `${common.openApp}: ${appLink}`,
    '',
    '--',
    common.footer,
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="font-family: ${MAIL_FONT_STACK}; line-height: 1.6">`,
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...cases.map((c) => caseHtml(c, lang)),
    `<p><a href="${escapeHtml(appLink)}">${escapeHtml(common.openApp)}</a></p>`,
    `<p style="color: #666; font-size: small">${escapeHtml(common.footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html };
}

/** "ประชุมคณะกรรมการ… วันที่ … ณ …" before the agenda. */
function meetingIntro(intro: string, payload: ReturnType<typeof readMailPayload>, lang: MailLang): string {
  const committee = payload.committee?.[lang];
  const when = payload.meetingAt ? formatDueDate(payload.meetingAt, lang) : null;
  const parts =
    lang === 'th'
      ? [committee ? `การประชุม${committee}` : null, when ? `วันที่ ${when}` : null, payload.place ? `ณ ${payload.place}` : null]
      : [committee ? `Meeting of the ${committee}` : null, when ? `on ${when}` : null, payload.place ? `at ${payload.place}` : null];
  const line = parts.filter((p) => p !== null).join(' ');
  return line ? `${line}\n${intro}` : intro;
}

export function caseLink(baseUrl: string, caseId: string | null): string {
  return caseId ? `${baseUrl}/cases/${encodeURIComponent(caseId)}` : `${baseUrl}/`;
}

function digestLines(item: DigestItem, lang: MailLang, baseUrl: string): CaseLines {
  const due = item.dueAt ? formatDueDate(item.dueAt, lang) : null;
  return {
    title: item.title,
    step: item.stepLabel?.[lang] ?? item.step ?? null,
    due: due && item.overdue ? `${due} (${COMMON_WORDING[lang].overdue})` : due,
    link: caseLink(baseUrl, item.caseId),
  };
}

function caseTextLines(c: CaseLines, lang: MailLang): string[] {
  const w = COMMON_WORDING[lang];
  return [
    `${w.caseLabel}: ${c.title}`,
    ...(c.step ? [`${w.stepLabel}: ${c.step}`] : []),
    ...(c.note ? [`${NOTE_LABEL[lang]}: ${c.note}`] : []),
    ...(c.due ? [`${w.dueLabel}: ${c.due}`] : []),
    `${w.openCase}: ${c.link}`,
  ];
}

function caseHtml(c: CaseLines, lang: MailLang): string {
  const w = COMMON_WORDING[lang];
  const row = (label: string, value: string) =>
    `<tr><th align="left" style="padding-right: 1em">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
  return [
    '<table role="presentation" cellpadding="2" style="border-collapse: collapse; margin-bottom: 1em">',
    row(w.caseLabel, c.title),
    ...(c.step ? [row(w.stepLabel, c.step)] : []),
    ...(c.note ? [row(NOTE_LABEL[lang], c.note)] : []),
    ...(c.due ? [row(w.dueLabel, c.due)] : []),
    `<tr><td colspan="2"><a href="${escapeHtml(c.link)}">${escapeHtml(w.openCase)}</a></td></tr>`,
    '</table>',
  ].join('\n');
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}
