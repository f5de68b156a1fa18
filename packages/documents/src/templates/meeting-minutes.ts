/**
 * รายงานการประชุม: the minutes of a committee meeting as the ระเบียบงานสารบรรณ
 * lays them out — the committee and the meeting, when and where, who came
 * and who did not, when it began, each agenda item with the votes where
 * recorded and its resolution, when it ended, and the signature lines of
 * the one who took the minutes (ผู้จดรายงานการประชุม, the secretary) and the
 * one who checked them (ผู้ตรวจรายงานการประชุม, the chair).
 */
import { formatThaiTime, RESOLUTION_TH, SEAT_TH, type Minutes } from '@esa-flow/engine';
import { documentPage } from '../document-page';
import { beforeName, writerFor, type Writer } from '../html';
import type { DocumentOptions } from './common';

const VOTE_TH: Record<string, string> = { approve: 'เห็นชอบ', reject: 'ไม่เห็นชอบ', defer: 'เลื่อนการพิจารณา', abstain: 'งดออกเสียง' };

function people(w: Writer, list: Minutes['attendance']): string {
  if (list.length === 0) return '<p class="indent">- ไม่มี -</p>';
  return `<table class="people">${list.map((a, i) => `<tr><td class="n">${w.t(i + 1)}.</td><td>${w.t(a.name)}</td><td>${w.t(SEAT_TH[a.seat] ?? a.seat)}</td></tr>`).join('')}</table>`;
}

function itemBlock(w: Writer, item: Minutes['items'][number]): string {
  const t = item.tally;
  const tally = `เห็นชอบ ${w.t(t.approve)} เสียง ไม่เห็นชอบ ${w.t(t.reject)} เสียง เลื่อนการพิจารณา ${w.t(t.defer)} เสียง งดออกเสียง ${w.t(t.abstain)} เสียง`;
  const resolution = item.resolution
    ? (RESOLUTION_TH[item.resolution] ?? item.resolution)
    : item.status === 'deferred'
      ? 'เลื่อนการพิจารณา'
      : 'ยังไม่มีมติ';
  const votes =
    item.votes.length > 0
      ? `<p class="indent">ผู้ลงคะแนน: ${item.votes.map((v) => `${w.t(v.name)} (${w.t(VOTE_TH[v.vote] ?? v.vote)})`).join(', ')}</p>`
      : '';
  const recusals = item.recusals
    .map((r) => `<p class="indent">${w.t(r.name)} ขอถอนตัวจากการพิจารณาวาระนี้ เนื่องจาก${w.t(r.reason)}</p>`)
    .join('');
  return `<section class="item">
<p class="bold">ระเบียบวาระที่ ${w.t(item.position)} ${w.t(item.title)}</p>
${recusals}
<p class="indent">ผลการลงคะแนน ${tally}${item.tally.recused > 0 ? ` ถอนตัว ${w.t(item.tally.recused)} คน` : ''}</p>
${votes}
<p class="indent"><span class="bold">มติที่ประชุม</span> ${w.t(resolution)}${item.listResolutionId === null ? '' : item.listException ? ' (ยกเว้นจากมติตามบัญชีแนบท้าย)' : ' (ตามมติตามบัญชีแนบท้าย)'}${item.note ? ` ${w.t(item.note)}` : ''}</p>
</section>`;
}

/** A list resolution (ตามบัญชีแนบท้าย): stated once, with the items excepted; each item below still names its person. */
function listBlock(w: Writer, l: Minutes['listResolutions'][number], items: Minutes['items']): string {
  const excepted = items.filter((i) => i.listResolutionId === l.id && i.listException).map((i) => w.t(i.position));
  return `<p class="indent"><span class="bold">มติที่ประชุม (ตามบัญชีแนบท้าย)</span> ${w.t(RESOLUTION_TH[l.resolution] ?? l.resolution)} ทุกเรื่องในบัญชี ${w.t(l.items)} เรื่อง${
    excepted.length > 0 ? ` ยกเว้นระเบียบวาระที่ ${excepted.join(', ')}` : ''
  }${l.note ? ` ${w.t(l.note)}` : ''}</p>`;
}

function signatureLine(w: Writer, role: string, person: Minutes['attendance'][number] | undefined): string {
  return `<div class="signature minutes-sign"><p>(ลงชื่อ) ........................................ ${w.t(role)}</p><p>(${person ? w.t(person.name) : '........................................'})</p><p>${person ? w.t(SEAT_TH[person.seat] ?? person.seat) : ''}</p></div>`;
}

export function meetingMinutesHtml(m: Minutes, options: DocumentOptions): string {
  const w = writerFor(options);
  const present = m.attendance.filter((a) => a.present);
  const absent = m.attendance.filter((a) => !a.present);
  const secretary = m.attendance.find((a) => a.seat === 'secretary');
  const chair = m.attendance.find((a) => a.seat === 'chair');
  const time = (d: Date) => w.t(formatThaiTime(d, 'th'));
  const q = m.quorum;
  const body = `
<p class="title big">${w.t(beforeName('รายงานการประชุม', m.committee.th))}</p>
<p class="center">${w.t(m.meeting.title)}</p>
<p class="center">เมื่อวันที่ ${w.date(m.meeting.scheduledAt)}</p>
<p class="center">ณ ${w.t(m.meeting.place)}</p>
<div class="rule"></div>
<p class="bold">ผู้มาประชุม</p>
${people(w, present)}
<p class="bold">ผู้ไม่มาประชุม</p>
${people(w, absent)}
<p class="gap"><span class="bold">เริ่มประชุมเวลา</span> ${m.meeting.openedAt ? time(m.meeting.openedAt) : '........ น.'}</p>
<p class="indent">มีกรรมการมาประชุม ${w.t(q.present)} คน จากกรรมการทั้งหมด ${w.t(q.seated)} คน (ต้องมีอย่างน้อย ${w.t(q.required)} คน) ${q.met ? 'ครบองค์ประชุม ประธานกรรมการจึงเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้' : 'ไม่ครบองค์ประชุม'}</p>
${m.listResolutions.map((l) => listBlock(w, l, m.items)).join('\n')}
${m.items.length === 0 ? '<p class="indent">- ไม่มีระเบียบวาระ -</p>' : m.items.map((i) => itemBlock(w, i)).join('\n')}
<p class="gap"><span class="bold">เลิกประชุมเวลา</span> ${m.meeting.closedAt ? time(m.meeting.closedAt) : '........ น.'}</p>
${signatureLine(w, 'ผู้จดรายงานการประชุม', secretary)}
${signatureLine(w, 'ผู้ตรวจรายงานการประชุม', chair)}`;
  const css = `
.big { font-size: 16pt; }
table.people { margin-left: 1cm; border-collapse: collapse; }
table.people td { padding: 0 0.3cm 0 0; vertical-align: top; }
table.people td.n { text-align: right; }
.item { margin-top: 0.4cm; padding-top: 0.1cm; }
.minutes-sign { margin-left: 5cm; margin-top: 0.6cm; }`;
  return documentPage({ title: `รายงานการประชุม${m.committee.th} ${m.meeting.title}`, body, css, thaiDigits: options.thaiDigits });
}
