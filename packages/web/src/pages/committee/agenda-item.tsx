/**
 * One agenda item of a meeting: the case (linked) and its step, the tally and
 * who voted how, the resolution; and what I may do with it — vote (a present,
 * not recused member of an open meeting), recuse (myself, or anyone as the
 * secretary), record the resolution (secretary/chair/HR/admin), or take it
 * off the agenda before the meeting opens. The server has the last word; its
 * refusal is shown under the control.
 */
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { client } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { ProblemMessage } from '../../ui/feedback';
import {
  ITEM_STATUS,
  RESOLUTION_LABEL,
  RESOLUTIONS,
  resolutionFromVotes,
  SEAT_LABEL,
  VOTE_LABEL,
  VOTES,
  type AgendaItem,
  type Attendance,
  type MinutesItem,
  type Resolution,
  type Vote,
} from './model';
import { StatusBadge, useAction } from './parts';

/** My seat at the meeting, from its attendance (`present` null: not recorded yet). */
export type MySeat = Pick<Attendance, 'memberId' | 'nameTh' | 'seat' | 'present'>;

export function AgendaItemCard({
  meetingId,
  item,
  meetingStatus,
  canRun,
  mine,
  attendance,
  detail,
  quorumMet,
  onChanged,
  onRemoved,
}: {
  meetingId: string;
  item: AgendaItem;
  meetingStatus: string;
  canRun: boolean;
  mine: MySeat | null;
  attendance: Attendance[];
  /** votes and recusals by name (from the minutes) */
  detail: MinutesItem | undefined;
  quorumMet: boolean;
  onChanged: (message: string) => Promise<void>;
  onRemoved: (item: AgendaItem) => Promise<void>;
}) {
  const { tr, pick, num } = useI18n();
  const headingId = useId();
  const remove = useAction();
  const t = item.tally;
  const recusedNames = new Set(detail?.recusals.map((r) => r.name) ?? []);
  const iAmRecused = !!mine && recusedNames.has(mine.nameTh);
  const listed = item.status === 'listed';

  return (
    <li
      className="card cm-agenda-item"
      data-testid="agenda-item"
      data-item-id={item.id}
      data-case-id={item.caseId}
      aria-labelledby={headingId}
    >
      <div className="cm-agenda-head">
        <h3 id={headingId}>
          <span className="cm-agenda-no">{tr(`วาระที่ ${num(item.position)}`, `Item ${num(item.position)}`)}</span>{' '}
          <Link href={`/cases/${item.caseId}`}>{item.title}</Link>
        </h3>
        <StatusBadge status={item.status} table={ITEM_STATUS} />
      </div>
      <p className="muted cm-agenda-step">
        {tr('ขั้นตอน', 'Step')}: {pick(item.stepLabel, item.step)}
      </p>

      <ul className="cm-tally" aria-label={tr('ผลการลงคะแนน', 'Tally')}>
        {VOTES.map((v) => (
          <li key={v} className={`cm-tally-${v}`}>
            <span>{pick(VOTE_LABEL[v])}</span> <strong>{num(t[v])}</strong>
          </li>
        ))}
        <li className="tally-recused">
          <span>{tr('ถอนตัว', 'Recused')}</span> <strong>{num(t.recused)}</strong>
        </li>
      </ul>

      {detail && (detail.votes.length > 0 || detail.recusals.length > 0) && (
        <details className="cm-agenda-votes">
          <summary>{tr('รายชื่อผู้ลงคะแนนและผู้ถอนตัว', 'Who voted how, and recusals')}</summary>
          <ul>
            {detail.votes.map((v) => (
              <li key={`v-${v.name}`}>
                {v.name} — {pick(VOTE_LABEL[v.vote], v.vote)}
              </li>
            ))}
            {detail.recusals.map((r) => (
              <li key={`r-${r.name}`}>
                {r.name} — {tr('ถอนตัว', 'recused')}: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}

      {item.resolution && (
        <p className="cm-resolution" data-testid="resolution" data-resolution={item.resolution}>
          <strong>{tr('มติ', 'Resolution')}:</strong> {pick(RESOLUTION_LABEL[item.resolution], item.resolution)}
          {item.note ? ` — ${item.note}` : ''}
        </p>
      )}

      {meetingStatus === 'open' && listed && mine && (
        <VotePanel
          item={item}
          mine={mine}
          recused={iAmRecused}
          myVote={(detail?.votes.find((v) => v.name === mine.nameTh)?.vote as Vote | undefined) ?? null}
          onChanged={onChanged}
        />
      )}

      {(meetingStatus === 'scheduled' || meetingStatus === 'open') && listed && (canRun || (mine && !iAmRecused)) && (
        <RecusalForm item={item} canRun={canRun} mine={mine} attendance={attendance} recusedNames={recusedNames} onChanged={onChanged} />
      )}

      {canRun && meetingStatus === 'open' && (listed || item.status === 'decided') && (
        <ResolutionForm item={item} quorumMet={quorumMet} onChanged={onChanged} />
      )}

      {canRun && meetingStatus === 'scheduled' && listed && (
        <div className="btn-row cm-agenda-remove">
          <button
            type="button"
            className="btn btn-ghost"
            aria-describedby={headingId}
            disabled={remove.busy}
            onClick={() =>
              void remove.run(async () => {
                await client.PATCH('/api/meetings/{meetingId}/agenda', {
                  params: { path: { meetingId } },
                  body: { remove: [item.caseId] },
                });
                await onRemoved(item);
              })
            }
          >
            {tr('นำออกจากวาระ', 'Remove from agenda')}
          </button>
          <ProblemMessage problem={remove.problem} />
        </div>
      )}
    </li>
  );
}

function VotePanel({
  item,
  mine,
  recused,
  myVote,
  onChanged,
}: {
  item: AgendaItem;
  mine: MySeat;
  recused: boolean;
  myVote: Vote | null;
  onChanged: (m: string) => Promise<void>;
}) {
  const { tr, pick } = useI18n();
  const action = useAction();
  const [cast, setCast] = useState<Vote | null>(null);
  const labelId = useId();
  if (recused)
    return <p className="alert cm-info">{tr('คุณถอนตัวจากวาระนี้แล้ว จึงไม่ลงคะแนน', 'You are recused from this item and do not vote.')}</p>;
  if (mine.present === false)
    return (
      <p className="alert cm-info">{tr('คุณไม่ได้ลงชื่อเข้าประชุม จึงลงคะแนนไม่ได้', 'You are not recorded as present, so you cannot vote.')}</p>
    );
  const current = cast ?? myVote;
  const vote = (v: Vote) =>
    void action.run(async () => {
      await client.POST('/api/agenda-items/{itemId}/votes', { params: { path: { itemId: item.id } }, body: { vote: v } });
      setCast(v);
      await onChanged(
        tr(
          `บันทึกคะแนนของคุณแล้ว: ${VOTE_LABEL[v]!.th} (วาระ: ${item.title})`,
          `Your vote is recorded: ${VOTE_LABEL[v]!.en} (item: ${item.title})`,
        ),
      );
    });
  return (
    <div className="cm-vote-panel">
      <div role="group" aria-labelledby={labelId} className="btn-row">
        <span id={labelId} className="cm-vote-label">
          {tr('ลงคะแนน', 'Your vote')}
          {current ? (
            <span className="muted">
              {' '}
              ({tr('ปัจจุบัน', 'now')}: {pick(VOTE_LABEL[current])})
            </span>
          ) : null}
        </span>
        {VOTES.map((v) => (
          <button
            key={v}
            type="button"
            className={`btn cm-vote-btn cm-vote-${v}${current === v ? ' cm-mine' : ''}`}
            aria-pressed={current === v}
            aria-label={`${tr('ลงคะแนน', 'Vote')} ${pick(VOTE_LABEL[v])}`}
            disabled={action.busy}
            onClick={() => vote(v)}
          >
            {pick(VOTE_LABEL[v])}
          </button>
        ))}
      </div>
      {current && (
        <p className="cm-hint muted">
          {tr(
            'ลงคะแนนใหม่ได้จนกว่าจะบันทึกมติ (คะแนนใหม่แทนที่คะแนนเดิม)',
            'You can vote again until the resolution is recorded (the new vote replaces the old one).',
          )}
        </p>
      )}
      <ProblemMessage problem={action.problem} />
    </div>
  );
}

function RecusalForm({
  item,
  canRun,
  mine,
  attendance,
  recusedNames,
  onChanged,
}: {
  item: AgendaItem;
  canRun: boolean;
  mine: MySeat | null;
  attendance: Attendance[];
  recusedNames: Set<string>;
  onChanged: (m: string) => Promise<void>;
}) {
  const { tr, pick } = useI18n();
  const action = useAction();
  const candidates = canRun ? attendance.filter((a) => !recusedNames.has(a.nameTh) && a.present !== false) : [];
  const [memberId, setMemberId] = useState(mine && !recusedNames.has(mine.nameTh) ? mine.memberId : (candidates[0]?.memberId ?? ''));
  const [reason, setReason] = useState('');
  const selfOnly = !canRun;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const who = selfOnly ? mine?.memberId : memberId;
    if (!who) return;
    void action.run(async () => {
      await client.POST('/api/agenda-items/{itemId}/recusals', {
        params: { path: { itemId: item.id } },
        body: { memberId: who, reason: reason.trim() },
      });
      setReason('');
      const name = attendance.find((a) => a.memberId === who)?.nameTh ?? '';
      await onChanged(tr(`บันทึกการถอนตัวแล้ว: ${name} (วาระ: ${item.title})`, `Recusal recorded: ${name} (item: ${item.title})`));
    });
  };
  if (canRun && candidates.length === 0) return null;
  return (
    <details className="cm-agenda-recuse">
      <summary>
        {selfOnly
          ? tr('ถอนตัวจากวาระนี้ (มีส่วนได้เสีย)', 'Recuse myself from this item (conflict of interest)')
          : tr('บันทึกการถอนตัวของกรรมการ (มีส่วนได้เสีย)', 'Record a member’s recusal (conflict of interest)')}
      </summary>
      <form onSubmit={submit}>
        {!selfOnly && (
          <label className="field">
            <span>{tr('กรรมการ', 'Member')}</span>
            <select value={memberId} onChange={(e) => setMemberId(e.target.value)} required>
              {candidates.map((a) => (
                <option key={a.memberId} value={a.memberId}>
                  {a.nameTh} — {pick(SEAT_LABEL[a.seat], a.seat)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{tr('เหตุผล', 'Reason')}</span>
          <textarea required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <ProblemMessage problem={action.problem} />
        <button type="submit" className="btn" disabled={action.busy}>
          {tr('บันทึกการถอนตัว', 'Record recusal')}
        </button>
      </form>
    </details>
  );
}

function ResolutionForm({ item, quorumMet, onChanged }: { item: AgendaItem; quorumMet: boolean; onChanged: (m: string) => Promise<void> }) {
  const { tr, pick } = useI18n();
  const action = useAction();
  const [choice, setChoice] = useState<'votes' | Resolution>('votes');
  const [note, setNote] = useState(item.note ?? '');
  const name = useId();
  const fromVotes = resolutionFromVotes(item.tally);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const body: { resolution?: Resolution; note?: string } = {};
      if (choice !== 'votes') body.resolution = choice;
      if (note.trim()) body.note = note.trim();
      const res = await client.POST('/api/agenda-items/{itemId}/resolution', { params: { path: { itemId: item.id } }, body });
      await onChanged(
        tr(
          `บันทึกมติแล้ว: ${RESOLUTION_LABEL[res.resolution]!.th} (วาระ: ${item.title})`,
          `Resolution recorded: ${RESOLUTION_LABEL[res.resolution]!.en} (item: ${item.title})`,
        ),
      );
    });
  };
  return (
    <form className="cm-resolution-form" onSubmit={submit}>
      <fieldset className="group">
        <legend>{item.status === 'decided' ? tr('แก้ไขมติของที่ประชุม', 'Change the resolution') : tr('มติของที่ประชุม', 'The resolution')}</legend>
        <div className="cm-radios">
          <label className="field check">
            <input type="radio" name={name} checked={choice === 'votes'} onChange={() => setChoice('votes')} />
            <span>
              {tr('ตามผลการลงคะแนน', 'From the votes')}{' '}
              <span className="hint">
                ({tr('ขณะนี้', 'now')}: {pick(RESOLUTION_LABEL[fromVotes])})
              </span>
            </span>
          </label>
          {RESOLUTIONS.map((r) => (
            <label key={r} className="field check">
              <input type="radio" name={name} checked={choice === r} onChange={() => setChoice(r)} />
              <span>{pick(RESOLUTION_LABEL[r])}</span>
            </label>
          ))}
        </div>
        <label className="field">
          <span>
            {tr('บันทึกมติ/หมายเหตุ', 'Note')} <span className="hint">{tr('(ถ้ามี)', '(optional)')}</span>
          </span>
          <textarea maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {!quorumMet && (
          <p className="field-error">{tr('ยังไม่ครบองค์ประชุม — ระบบจะไม่รับบันทึกมติ', 'No quorum — the resolution will be refused')}</p>
        )}
        <ProblemMessage problem={action.problem} />
        <button type="submit" className="btn btn-primary" disabled={action.busy}>
          {action.busy ? tr('กำลังบันทึก…', 'Saving…') : tr('บันทึกมติ', 'Record resolution')}
        </button>
      </fieldset>
    </form>
  );
}
