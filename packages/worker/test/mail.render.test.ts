import { describe, expect, it } from '@jest/globals';
import { EsaError } from '@esa-flow/engine';
import {
  classifySendFailure,
  composeNotificationMail,
  loadMailConfig,
  NOTIFICATION_KINDS,
  notificationMessageId,
  renderNotificationMail,
  retryDelayMs,
  type NotificationForMail,
} from '../src/index';
import { BASE_URL, testMailConfig } from './support/outbox';

const config = testMailConfig();
const dueAt = '2025-02-06T09:30:00Z'; // 16.30 น. in Bangkok

function note(over: Partial<NotificationForMail> & { lang?: 'th' | 'en' } = {}): NotificationForMail {
  const { lang = 'th', ...rest } = over;
  return {
    id: '42',
    kind: 'task',
    caseId: 'c0ffee00-0000-4000-8000-000000000001',
    caseTitle: 'ขอย้ายไปโรงเรียนบ้านหนองบัว',
    step: 'schoolReview',
    payload: { stepLabel: { th: 'ผู้อำนวยการสถานศึกษาตรวจสอบ', en: 'School director review' }, dueAt },
    recipient: { userId: 'u1', lang, address: 'somchai@example.test', nameTh: 'นายสมชาย ใจดี', nameEn: 'Somchai Jaidee' },
    ...rest,
  };
}

describe('renderNotificationMail', () => {
  it('writes a meeting notice with the committee, the time and place in พ.ศ., and the agenda', () => {
    const payload = {
      title: 'ประชุมครั้งที่ 1/2568',
      committee: { th: 'คณะกรรมการกลั่นกรองการย้าย', en: 'Transfer screening committee' },
      meetingAt: '2025-08-15T02:00:00Z',
      place: 'ห้องประชุม สพป.',
      items: [{ caseId: 'a1', title: 'คำขอย้าย 1', step: 'screening', stepLabel: { th: 'กลั่นกรอง', en: 'Screening' } }],
    };
    const th = renderNotificationMail(note({ kind: 'meeting', caseId: null, caseTitle: null, step: 'meeting', payload }), BASE_URL);
    expect(th.subject).toBe('หนังสือเชิญประชุม: ประชุมครั้งที่ 1/2568 (Meeting notice)');
    expect(th.text).toContain('การประชุมคณะกรรมการกลั่นกรองการย้าย วันที่ 15 สิงหาคม 2568 09.00 น. ณ ห้องประชุม สพป.');
    expect(th.text).toContain('เรื่อง: คำขอย้าย 1');
    const en = renderNotificationMail(
      note({ kind: 'meeting', caseId: null, caseTitle: null, step: 'meeting', payload, lang: 'en' }),
      BASE_URL,
    );
    expect(en.text).toContain('Meeting of the Transfer screening committee on 15 August B.E. 2568, 09:00 at ห้องประชุม สพป.');
  });

  it('tells the teacher of a returned request what the director asked for and the fix-by moment, in Thai', () => {
    const payload = {
      stepLabel: { th: 'ครูแก้ไขคำขอที่ถูกส่งคืน', en: 'Teacher corrects the returned request' },
      note: 'เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16',
      dueAt: '2025-02-05T08:00:00Z',
    };
    const m = renderNotificationMail(note({ step: 'correction', payload }), BASE_URL);
    expect(m.text).toContain('สิ่งที่ต้องดำเนินการ: เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16');
    expect(m.text).toContain('กำหนดเสร็จ: 5 กุมภาพันธ์ 2568 15.00 น.');
    expect(m.html).toContain('<td>เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16</td>');
    expect(renderNotificationMail(note({ payload: { ...payload, note: '<b>x</b>' } }), BASE_URL).html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('writes a Thai mail for a Thai reader: Thai-first subject, step, the due date in พ.ศ., the link', () => {
    const m = renderNotificationMail(note(), BASE_URL);
    expect(m.subject).toBe('งานใหม่รอท่านดำเนินการ: ขอย้ายไปโรงเรียนบ้านหนองบัว (New task for you)');
    expect(m.text).toContain('เรียน นายสมชาย ใจดี');
    expect(m.text).toContain('ขั้นตอน: ผู้อำนวยการสถานศึกษาตรวจสอบ');
    expect(m.text).toContain('กำหนดเสร็จ: 6 กุมภาพันธ์ 2568 16.30 น.');
    expect(m.text).toContain(`เปิดดูเรื่อง: ${BASE_URL}/cases/c0ffee00-0000-4000-8000-000000000001`);
    expect(m.html).toContain(`<a href="${BASE_URL}/cases/c0ffee00-0000-4000-8000-000000000001">เปิดดูเรื่อง</a>`);
    expect(m.html).toContain('<html lang="th">');
    expect(m.html).toContain('<td>6 กุมภาพันธ์ 2568 16.30 น.</td>'); // times read "16.30 น." in the HTML too
  });

  it('names a font stack that falls back to the Thai fonts readers already have (no tofu without Sarabun)', () => {
    const m = renderNotificationMail(note(), BASE_URL);
    const style = /<body style="font-family: ([^;"]+);/.exec(m.html)?.[1] ?? '';
    const fonts = style.split(',').map((f) => f.trim().replace(/^'|'$/g, ''));
    expect(fonts[0]).toBe('Sarabun');
    for (const f of ['TH Sarabun New', 'Tahoma', 'Leelawadee UI', 'Noto Sans Thai']) expect(fonts).toContain(f);
    expect(fonts[fonts.length - 1]).toBe('sans-serif');
  });

  it('writes an English mail for an English reader, the date still in the Buddhist era', () => {
    const m = renderNotificationMail(note({ lang: 'en', kind: 'overdue' }), BASE_URL);
    expect(m.subject).toBe('Overdue: ขอย้ายไปโรงเรียนบ้านหนองบัว');
    expect(m.text).toContain('Dear Somchai Jaidee,');
    expect(m.text).toContain('Step: School director review');
    expect(m.text).toContain('Due: 6 February B.E. 2568, 16:30');
    expect(m.text).not.toContain('ขั้นตอน');
    expect(m.text).not.toContain('กำหนดเสร็จ');
    expect(m.html).toContain('<html lang="en">');
  });

  it('tells what happened in a notice (an event that informs), in the reader’s language, with no task wording', () => {
    const payload = {
      stepLabel: { th: 'ไม่ได้รับการพิจารณาย้าย: แจ้งผลให้ครูทราบ', en: 'Not moved: the teacher is notified of the result' },
      notice: { th: 'คำขอย้ายของท่านไม่ได้รับการรับรองภายในกำหนด จึงสิ้นสุดลง', en: 'Your request was not certified in time, so it has lapsed.' },
    };
    const th = renderNotificationMail(note({ kind: 'notice', step: 'notMoved', payload }), BASE_URL);
    expect(th.subject).toBe('แจ้งผลการดำเนินการเรื่องของท่าน: ขอย้ายไปโรงเรียนบ้านหนองบัว (Notice about your case)');
    expect(th.text).toContain('คำขอย้ายของท่านไม่ได้รับการรับรองภายในกำหนด จึงสิ้นสุดลง');
    expect(th.text).not.toContain('มีเรื่องรอท่านดำเนินการ');
    const en = renderNotificationMail(note({ kind: 'notice', step: 'notMoved', payload, lang: 'en' }), BASE_URL);
    expect(en.text).toContain('Your request was not certified in time, so it has lapsed.');
  });

  it('has a wording for every kind, in both languages', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const th = renderNotificationMail(note({ kind }), BASE_URL);
      const en = renderNotificationMail(note({ kind, lang: 'en' }), BASE_URL);
      expect(th.subject).toMatch(/^[\u0E00-\u0E7F].*\([A-Z][^)]*\)$/u);
      expect(en.subject).toMatch(/^[A-Z]/);
      expect(th.subject).not.toBe(en.subject);
    }
  });

  it('leaves out what the payload lacks or garbles, and falls back to the step key and payload title', () => {
    const m = renderNotificationMail(
      note({ caseTitle: null, payload: { title: 'จากเพย์โหลด', dueAt: 'not a date', stepLabel: 7 } }),
      BASE_URL,
    );
    expect(m.subject).toContain('จากเพย์โหลด');
    expect(m.text).toContain('ขั้นตอน: schoolReview');
    expect(m.text).not.toContain('กำหนดเสร็จ');
  });

  it('escapes the case title in HTML', () => {
    const m = renderNotificationMail(note({ caseTitle: 'ก <script>alert("x")</script> & ข' }), BASE_URL);
    expect(m.html).toContain('ก &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ข');
    expect(m.html).not.toContain('<script>');
    expect(m.text).toContain('ก <script>alert("x")</script> & ข');
  });

  it('lists every case of a digest with its own link', () => {
    const m = renderNotificationMail(
      note({
        kind: 'digest',
        caseId: null,
        caseTitle: null,
        step: '2025-02-03',
        payload: {
          date: '2025-02-03',
          items: [
            { caseId: 'a1', title: 'เรื่องแรก', step: 'hrCheck', stepLabel: { th: 'ตรวจสอบ', en: 'Check' }, dueAt, overdue: true },
            { caseId: 'b2', title: 'เรื่องที่สอง', step: 'schoolReview', stepLabel: null, dueAt: null, overdue: false },
            { title: 'ไม่มีรหัสเรื่อง' },
          ],
        },
      }),
      BASE_URL,
    );
    expect(m.subject).toBe('สรุปงานที่รอท่านดำเนินการ: 2 เรื่อง (Your pending work)');
    expect(m.text).toContain(
      `เรื่อง: เรื่องแรก\nขั้นตอน: ตรวจสอบ\nกำหนดเสร็จ: 6 กุมภาพันธ์ 2568 16.30 น. (เกินกำหนดแล้ว)\nเปิดดูเรื่อง: ${BASE_URL}/cases/a1`,
    );
    expect(m.text).toContain(`เรื่อง: เรื่องที่สอง\nขั้นตอน: schoolReview\nเปิดดูเรื่อง: ${BASE_URL}/cases/b2`);
    expect(m.text).not.toContain('ไม่มีรหัสเรื่อง');
    const en = renderNotificationMail(
      note({ kind: 'digest', caseId: null, caseTitle: null, lang: 'en', payload: { items: [{ caseId: 'a1', title: 'x' }] } }),
      BASE_URL,
    );
    expect(en.subject).toBe('Your pending work: 1 case');
  });

  it('refuses a kind it does not know', () => {
    expect(() => renderNotificationMail(note({ kind: 'sla_breach' }), BASE_URL)).toThrow(
      expect.objectContaining({ code: 'NOTIFICATION_KIND_UNKNOWN' }),
    );
  });
});

describe('composeNotificationMail', () => {
  const now = new Date('2025-02-03T02:00:00Z');

  it('gives every notification one stable Message-ID and marks the mail as machine-sent', () => {
    const m = composeNotificationMail(note(), config, now);
    expect(m.messageId).toBe('<notification-42@esa-flow>');
    expect(notificationMessageId('42')).toBe(m.messageId);
    expect(composeNotificationMail(note(), config, new Date('2025-03-01T00:00:00Z')).messageId).toBe(m.messageId);
    expect(m).toMatchObject({ to: 'somchai@example.test', from: config.from, date: now, headers: { 'Auto-Submitted': 'auto-generated' } });
  });

  it('is NOTIFICATION_NO_ADDRESS when the recipient has no address', () => {
    const blank = note({ recipient: { userId: 'u1', lang: 'th', address: '  ', nameTh: null, nameEn: null } });
    expect(() => composeNotificationMail(blank, config, now)).toThrow(expect.objectContaining({ code: 'NOTIFICATION_NO_ADDRESS' }));
  });
});

describe('retryDelayMs', () => {
  const policy = { retryBaseMs: 60_000, retryMaxMs: 3_600_000 };

  it('doubles from the base, jittered within the upper half, and stops at the cap', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(a, policy, () => 0))).toEqual([30_000, 60_000, 120_000]);
    expect([1, 2, 3].map((a) => retryDelayMs(a, policy, () => 1))).toEqual([60_000, 120_000, 240_000]);
    expect(retryDelayMs(12, policy, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(500, policy, () => 0)).toBe(1_800_000);
  });
});

describe('classifySendFailure', () => {
  const smtp = (responseCode: number, response: string, code = 'EMESSAGE') =>
    Object.assign(new Error(response), { responseCode, response, code });

  it('retries 4xx replies and failures without a reply; 503 too', () => {
    expect(classifySendFailure(smtp(451, '451 4.3.0 Try again later'))).toEqual({
      code: 'MAIL_DEFERRED',
      permanent: false,
      detail: '451 4.3.0 Try again later',
    });
    expect(classifySendFailure(smtp(421, '421 Service not available', 'ECONNECTION')).permanent).toBe(false);
    expect(classifySendFailure(smtp(503, '503 Bad sequence')).permanent).toBe(false);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' });
    expect(classifySendFailure(refused)).toEqual({
      code: 'MAIL_DEFERRED',
      permanent: false,
      detail: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:1',
    });
    expect(classifySendFailure('weird').permanent).toBe(false);
  });

  it('gives up at once on 5xx replies, bad envelopes and recipients without an address', () => {
    expect(classifySendFailure(smtp(550, '550 5.1.1 No such user', 'EENVELOPE'))).toEqual({
      code: 'MAIL_REJECTED',
      permanent: true,
      detail: '550 5.1.1 No such user',
    });
    expect(classifySendFailure(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' })).code).toBe('MAIL_REJECTED');
    expect(classifySendFailure(new EsaError('NOTIFICATION_NO_ADDRESS'))).toMatchObject({
      code: 'NOTIFICATION_NO_ADDRESS',
      permanent: true,
    });
    expect(classifySendFailure(new EsaError('INTERNAL'))).toMatchObject({ code: 'INTERNAL', permanent: false });
  });
});

describe('loadMailConfig', () => {
  it('has defaults for everything, captures when SMTP_URL is unset or empty, and is frozen', () => {
    const c = loadMailConfig({ SMTP_URL: '' });
    expect(c).toEqual({
      smtpUrl: null,
      from: 'esa-flow <no-reply@esa-flow.invalid>',
      baseUrl: 'http://localhost:3000',
      batchSize: 50,
      maxAttempts: 8,
      sendConcurrency: 4,
      claimTimeoutMs: 600_000,
      retryBaseMs: 60_000,
      retryMaxMs: 3_600_000,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the variables, units included', () => {
    const c = loadMailConfig({
      SMTP_URL: 'smtps://mailer:secret@smtp.example.test:465',
      MAIL_FROM: 'no-reply@esa.example.test',
      PUBLIC_BASE_URL: 'https://esa.example.test/app/',
      MAIL_BATCH_SIZE: '10',
      MAIL_MAX_ATTEMPTS: '3',
      MAIL_CLAIM_TIMEOUT_SECONDS: '120',
    });
    expect(c).toMatchObject({
      smtpUrl: 'smtps://mailer:secret@smtp.example.test:465',
      baseUrl: 'https://esa.example.test/app',
      batchSize: 10,
      maxAttempts: 3,
      claimTimeoutMs: 120_000,
    });
  });

  it('names every invalid variable', () => {
    let error: unknown;
    try {
      loadMailConfig({ SMTP_URL: 'http://smtp.example.test', MAIL_BATCH_SIZE: '0', MAIL_FROM: 'nobody', PUBLIC_BASE_URL: 'ftp://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    const names = ((error as EsaError).details?.variables as { name: string }[]).map((v) => v.name).sort();
    expect(names).toEqual(['MAIL_BATCH_SIZE', 'MAIL_FROM', 'PUBLIC_BASE_URL', 'SMTP_URL']);
    expect(() => loadMailConfig({ MAIL_RETRY_BASE_SECONDS: '600', MAIL_RETRY_MAX_SECONDS: '60' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    // seconds are for the fault tests; below 2 s, or a fraction, is refused
    expect(loadMailConfig({ MAIL_CLAIM_TIMEOUT_SECONDS: '2' }).claimTimeoutMs).toBe(2_000);
    for (const bad of ['1', '2.5', 'soon']) {
      expect(() => loadMailConfig({ MAIL_CLAIM_TIMEOUT_SECONDS: bad })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    }
  });
});
