import type { MailLang, NotificationKind } from './notification-content';

/**
 * Every sentence the notification mails say, Thai and English. The subject of
 * a Thai mail carries the English headline after the Thai one.
 */
export interface KindWording {
  /** subject headline */
  headline: string;
  /** the first sentence of the body */
  intro: string;
}

export const KIND_WORDING: Readonly<Record<NotificationKind, Readonly<Record<MailLang, KindWording>>>> = {
  task: {
    th: { headline: 'งานใหม่รอท่านดำเนินการ', intro: 'มีเรื่องรอท่านดำเนินการ' },
    en: { headline: 'New task for you', intro: 'A case is waiting for you to act on it.' },
  },
  reminder: {
    th: { headline: 'แจ้งเตือนงานใกล้ครบกำหนด', intro: 'เรื่องที่รอท่านดำเนินการใกล้ครบกำหนดแล้ว' },
    en: { headline: 'Reminder: due soon', intro: 'A case waiting for you is due soon.' },
  },
  due: {
    th: { headline: 'ครบกำหนดวันนี้', intro: 'เรื่องที่รอท่านดำเนินการครบกำหนดวันนี้' },
    en: { headline: 'Due today', intro: 'A case waiting for you is due today.' },
  },
  overdue: {
    th: { headline: 'เกินกำหนดแล้ว', intro: 'เรื่องที่รอท่านดำเนินการเกินกำหนดแล้ว กรุณาดำเนินการโดยเร็ว' },
    en: { headline: 'Overdue', intro: 'A case waiting for you is overdue; please act on it as soon as you can.' },
  },
  escalation: {
    th: { headline: 'รายงานเรื่องเกินกำหนด', intro: 'เรื่องต่อไปนี้เกินกำหนดและได้รายงานมายังท่านในฐานะผู้บังคับบัญชา' },
    en: { headline: 'Escalated: overdue case', intro: 'This case is overdue and has been escalated to you as a supervisor.' },
  },
  digest: {
    th: { headline: 'สรุปงานที่รอท่านดำเนินการ', intro: 'งานที่รอท่านดำเนินการมีดังนี้' },
    en: { headline: 'Your pending work', intro: 'These cases are waiting for you.' },
  },
  notice: {
    th: { headline: 'แจ้งผลการดำเนินการเรื่องของท่าน', intro: 'มีความเคลื่อนไหวในเรื่องของท่าน' },
    en: { headline: 'Notice about your case', intro: 'Something happened in your case.' },
  },
  meeting: {
    th: { headline: 'หนังสือเชิญประชุม', intro: 'ขอเชิญท่านเข้าร่วมประชุม วาระการประชุมมีดังนี้' },
    en: { headline: 'Meeting notice', intro: 'You are invited to a meeting. The agenda:' },
  },
};

export interface CommonWording {
  dear: (name: string | null) => string;
  caseLabel: string;
  stepLabel: string;
  dueLabel: string;
  /** after the due date of an overdue case in a digest */
  overdue: string;
  openCase: string;
  openApp: string;
  caseCount: (n: number) => string;
  footer: string;
}

export const COMMON_WORDING: Readonly<Record<MailLang, CommonWording>> = {
  th: {
    dear: (name) => (name ? `เรียน ${name}` : 'เรียน ท่านผู้ใช้งาน'),
    caseLabel: 'เรื่อง',
    stepLabel: 'ขั้นตอน',
    dueLabel: 'กำหนดเสร็จ',
    overdue: 'เกินกำหนดแล้ว',
    openCase: 'เปิดดูเรื่อง',
    openApp: 'เปิดระบบ esa-flow',
    caseCount: (n) => `${n} เรื่อง`,
    footer: 'อีเมลฉบับนี้ส่งโดยอัตโนมัติจากระบบ esa-flow กรุณาอย่าตอบกลับ',
  },
  en: {
    dear: (name) => (name ? `Dear ${name},` : 'Hello,'),
    caseLabel: 'Case',
    stepLabel: 'Step',
    dueLabel: 'Due',
    overdue: 'overdue',
    openCase: 'Open the case',
    openApp: 'Open esa-flow',
    caseCount: (n) => `${n} ${n === 1 ? 'case' : 'cases'}`,
    footer: 'This message was sent automatically by esa-flow; please do not reply.',
  },
};
