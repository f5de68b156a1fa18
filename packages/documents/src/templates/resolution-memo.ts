/**
 * บันทึกข้อความ: the internal memo that sends a committee's resolutions up
 * (the secretary to the office's director), on กระดาษบันทึกข้อความ: the
 * emblem small at the left, "บันทึกข้อความ" large, then ส่วนราชการ, ที่,
 * วันที่, เรื่อง, เรียน, the body, and the signature.
 */
import { RESOLUTION_TH, type Minutes } from '@esa-flow/engine';
import { documentPage, emblemBlock } from '../document-page';
import { beforeName, buddhistYearOf, writerFor } from '../html';
import { numberLine, signatureBlock, unitOf, type DocumentOptions, type Signer } from './common';

export interface ResolutionMemoData {
  minutes: Minutes;
  /** printed after the office's name; absent: the unit the office set (กลุ่มบริหารงานบุคคล until it does) */
  unit?: string | null;
  /** from the outgoing register; null prints "ที่ ......../2569" */
  documentNo: string | null;
  /** the memo's date */
  date: string;
  /** เรียน … */
  to: string;
  signer: Signer;
}

export function resolutionMemoHtml(d: ResolutionMemoData, options: DocumentOptions): string {
  const w = writerFor(options);
  const m = d.minutes;
  const decided = m.items.filter((i) => i.resolution !== null || i.status === 'deferred');
  const lines = decided
    .map((i, n) => {
      const resolution = i.resolution ? (RESOLUTION_TH[i.resolution] ?? i.resolution) : 'เลื่อนการพิจารณา';
      const t = i.tally;
      return `<p class="indent">${w.t(n + 1)}. ${w.t(i.title)} ที่ประชุมมีมติ<span class="bold">${w.t(resolution)}</span> (เห็นชอบ ${w.t(t.approve)} ไม่เห็นชอบ ${w.t(t.reject)} งดออกเสียง ${w.t(t.abstain)})${i.note ? ` ${w.t(i.note)}` : ''}</p>`;
    })
    .join('\n');
  const body = `
<div class="memo-head">${emblemBlock(options.emblem, 'memo')}<p class="memo-title">บันทึกข้อความ</p><div class="memo-balance"></div></div>
<p class="field"><span class="label">ส่วนราชการ</span> ${w.t(options.office.nameTh)} ${w.t(d.unit ?? unitOf(options))}${options.office.phone ? ` โทร. ${w.t(options.office.phone)}` : ''}</p>
<p class="field two"><span><span class="label">ที่</span> ${numberLine(w, d.documentNo, buddhistYearOf(d.date)).replace(/^ที่ /, '')}</span><span><span class="label">วันที่</span> ${w.date(d.date)}</span></p>
<p class="field"><span class="label">เรื่อง</span> ${w.t(beforeName('รายงานมติ', m.committee.th))} ${w.t(m.meeting.title)}</p>
<p class="gap"><span class="label-plain">เรียน</span> ${w.t(d.to)}</p>
<p class="indent gap">${w.t(beforeName('ตามที่', m.committee.th))} ได้ประชุม เมื่อวันที่ ${w.date(m.meeting.scheduledAt)} ณ ${w.t(m.meeting.place)} มีกรรมการมาประชุม ${w.t(m.quorum.present)} คน จากกรรมการทั้งหมด ${w.t(m.quorum.seated)} คน ${m.quorum.met ? 'ครบองค์ประชุม' : 'ไม่ครบองค์ประชุม'} และได้พิจารณาเรื่องตามระเบียบวาระ จำนวน ${w.t(m.items.length)} เรื่อง นั้น</p>
<p class="indent">บัดนี้ การประชุมดังกล่าวเสร็จสิ้นแล้ว ที่ประชุมมีมติ ดังนี้</p>
${lines || '<p class="indent">- ยังไม่มีมติ -</p>'}
<p class="indent gap">จึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการต่อไป</p>
${signatureBlock(w, d.signer)}`;
  const css = `
.memo-head { display: flex; align-items: center; height: 1.5cm; margin-bottom: 0.3cm; }
.memo-head .emblem-memo, .memo-balance { width: 1.5cm; flex: none; }
.memo-title { flex: 1; text-align: center; font-weight: 700; font-size: 29pt; }
.field { border-bottom: 1px dotted #000; margin-top: 0.1cm; }
.field.two { display: flex; justify-content: space-between; border-bottom: none; }
.field.two > span { flex: 1; border-bottom: 1px dotted #000; }
.field.two > span + span { margin-left: 0.4cm; }
.label { font-weight: 700; font-size: 20pt; }
.label-plain { }`;
  return documentPage({ title: `บันทึกข้อความ รายงานมติ${m.committee.th}`, body, css, thaiDigits: options.thaiDigits });
}
