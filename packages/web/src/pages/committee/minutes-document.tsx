/**
 * The minutes (รายงานการประชุม) as a page to print: attendance, quorum, and
 * per item the tally, recusals and resolution, with the secretary's and the
 * chair's signature lines. From GET /api/meetings/:id/minutes (JSON).
 */
import { useI18n } from '../../lib/i18n';
import { ITEM_STATUS, RESOLUTION_LABEL, SEAT_LABEL, VOTE_LABEL, VOTES, type Minutes } from './model';

export function MinutesDocument({ minutes: m }: { minutes: Minutes }) {
  const { tr, pick, dateTime, num } = useI18n();
  const present = m.attendance.filter((a) => a.present);
  const absent = m.attendance.filter((a) => !a.present);
  const secretary = m.attendance.find((a) => a.seat === 'secretary');
  const chair = m.attendance.find((a) => a.seat === 'chair');
  return (
    <article className="cm-minutes-doc" aria-labelledby="minutes-title">
      <header>
        <h1 id="minutes-title">
          {tr('รายงานการประชุม', 'Minutes of the meeting of the')} {pick(m.committee)}
        </h1>
        <p className="cm-minutes-sub">{m.meeting.title}</p>
        <p>
          {tr('เมื่อ', 'On')} {dateTime(m.meeting.scheduledAt)} {tr('ณ', 'at')} {m.meeting.place}
        </p>
      </header>

      <h2>{tr('ผู้มาประชุม', 'Present')}</h2>
      {present.length === 0 ? (
        <p>—</p>
      ) : (
        <ol>
          {present.map((a) => (
            <li key={a.memberId}>
              {a.name} <span className="muted">{pick(SEAT_LABEL[a.seat], a.seat)}</span>
            </li>
          ))}
        </ol>
      )}
      {absent.length > 0 && (
        <>
          <h2>{tr('ผู้ไม่มาประชุม', 'Absent')}</h2>
          <ol>
            {absent.map((a) => (
              <li key={a.memberId}>
                {a.name} <span className="muted">{pick(SEAT_LABEL[a.seat], a.seat)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <p>
        <strong>{tr('องค์ประชุม', 'Quorum')}:</strong> {m.quorum.met ? tr('ครบองค์ประชุม', 'met') : tr('ไม่ครบองค์ประชุม', 'not met')} —{' '}
        {tr(
          `มาประชุม ${num(m.quorum.present)} คน ต้องมีอย่างน้อย ${num(m.quorum.required)} คน จากกรรมการ ${num(m.quorum.seated)} คน`,
          `${num(m.quorum.present)} present, ${num(m.quorum.required)} required, ${num(m.quorum.seated)} seated`,
        )}
      </p>

      <h2>{tr('ระเบียบวาระ', 'Agenda')}</h2>
      {m.items.length === 0 ? (
        <p>{tr('ไม่มีวาระ', 'No items')}</p>
      ) : (
        m.items.map((i) => (
          <section key={i.caseId} className="cm-minutes-item">
            <h3>
              {tr(`วาระที่ ${num(i.position)}`, `Item ${num(i.position)}`)} {i.title}
            </h3>
            <p>
              {tr('ผลการลงคะแนน', 'Votes')}: {VOTES.map((v) => `${pick(VOTE_LABEL[v])} ${num(i.tally[v])}`).join(' · ')} ·{' '}
              {tr('ถอนตัว', 'Recused')} {num(i.tally.recused)}
            </p>
            {i.recusals.length > 0 && (
              <p>
                {tr('ผู้ถอนตัว', 'Recusals')}: {i.recusals.map((r) => `${r.name} (${r.reason})`).join('; ')}
              </p>
            )}
            <p>
              <strong>{tr('มติ', 'Resolution')}:</strong>{' '}
              {i.resolution
                ? pick(RESOLUTION_LABEL[i.resolution], i.resolution)
                : i.status === 'deferred'
                  ? pick(ITEM_STATUS.deferred)
                  : tr('ยังไม่มีมติ', 'none yet')}
              {i.note ? ` — ${i.note}` : ''}
            </p>
          </section>
        ))
      )}

      <div className="cm-minutes-signatures">
        <p>
          {tr('ลงชื่อ', 'Signed')} ........................................ {tr('ผู้จดรายงานการประชุม', 'recorded by')}
          <br />({secretary?.name ?? '........................................'})
        </p>
        <p>
          {tr('ลงชื่อ', 'Signed')} ........................................ {tr('ผู้ตรวจรายงานการประชุม', 'checked by')}
          <br />({chair?.name ?? '........................................'})
        </p>
      </div>
    </article>
  );
}
