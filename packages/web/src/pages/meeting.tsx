/**
 * /meetings/:id — one committee meeting, from agenda to minutes.
 * Before it opens the secretary edits the agenda (adds waiting cases, removes
 * items) and opens it with who is present; the quorum then shows at the top.
 * While open, each present member votes on each item (again = replace) or
 * recuses; the secretary records each resolution (stated, or from the votes;
 * refused without a quorum) and finally closes the meeting, which applies
 * every resolution to its case at once. The minutes: text, CSV and a
 * printable page. What I may do comes from my seat on the committee (matched
 * by my person) and my office roles; the server decides and says why not.
 *
 * API: GET /api/meetings/:id, GET /api/committees/:id (members: my seat),
 * GET /api/meetings/:id/minutes (who voted how), PATCH /api/meetings/:id/agenda,
 * GET /api/cases?workflowId&step&status=active (cases to add),
 * POST /api/meetings/:id/open, POST /api/agenda-items/:id/{votes,recusals,resolution},
 * POST /api/meetings/:id/list-resolution (one resolution for the whole list, with exceptions),
 * POST /api/meetings/:id/close, GET /api/meetings/:id/minutes?format=text|csv.
 */
import { MeetingPapers } from './committee/meeting-papers';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { client } from '../lib/api';
import type { ApiOk } from '../lib/api-types';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { Empty, Loading, Notice, ProblemMessage } from '../ui/feedback';
import { OfficialDocuments } from '../ui/official-documents';
import { AgendaItemCard, type MySeat } from './committee/agenda-item';
import { MinutesDocument } from './committee/minutes-document';
import {
  mayRun,
  MEETING_STATUS,
  mySeats,
  quorumRuleText,
  RESOLUTION_LABEL,
  RESOLUTIONS,
  SEAT_LABEL,
  type Resolution,
  type AgendaItem,
  type Attendance,
  type Quorum,
} from './committee/model';
import { ConfirmButton, QuorumBox, StatusBadge, useAction, useLoad } from './committee/parts';

const POLL_MS = 15_000;

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { tr, pick, dateTime, num } = useI18n();
  const { me } = useSession();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const view = useLoad('/api/meetings/{meetingId}', { params: { path: { meetingId } } });
  const minutes = useLoad('/api/meetings/{meetingId}/minutes', { params: { path: { meetingId } } });
  const committeeId = view.data?.meeting.committeeId ?? null;
  const detail = useLoad('/api/committees/{committeeId}', committeeId ? { params: { path: { committeeId } } } : null);
  const [message, setMessage] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [removed, setRemoved] = useState<AgendaItem[]>([]);
  const quorumRef = useRef<HTMLDivElement>(null);
  const focusQuorum = useRef(false);
  const status = view.data?.meeting.status ?? null;
  const { refresh: reloadView } = view;
  const { refresh: reloadMinutes } = minutes;
  // the JSON minutes (the route also answers text and CSV, by ?format=)
  const minutesData = typeof minutes.data === 'string' ? null : minutes.data;
  const { refresh: reloadDetail } = detail;

  // while the meeting is open, others vote on their own devices: keep the tallies fresh
  useEffect(() => {
    if (status !== 'open') return;
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') {
        void reloadView();
        void reloadMinutes();
      }
    }, POLL_MS);
    return () => clearInterval(t);
  }, [status, reloadView, reloadMinutes]);

  useEffect(() => {
    if (focusQuorum.current && status === 'open') {
      focusQuorum.current = false;
      quorumRef.current?.focus();
    }
  }, [status]);

  /** after a write: fetch again, then say what happened (the screen already shows it) */
  const changed = async (msg: string): Promise<void> => {
    await Promise.all([reloadView(), reloadMinutes(), reloadDetail()]);
    setMessage(msg);
  };

  if (view.error && !view.data) {
    return (
      <>
        <h1>{tr('การประชุม', 'Meeting')}</h1>
        <ProblemMessage problem={view.error} />
        <p>
          <Link href="/committees">{tr('กลับไปที่รายการคณะกรรมการ', 'Back to the committees')}</Link>
        </p>
      </>
    );
  }
  if (!view.data) return <Loading />;
  const { meeting, committee, attendance, quorum, agenda } = view.data;

  if (printing && minutesData) {
    return (
      <div className="cm-minutes-print">
        <div className="btn-row cm-no-print">
          <button type="button" className="btn btn-ghost" onClick={() => setPrinting(false)}>
            {tr('กลับไปที่การประชุม', 'Back to the meeting')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => window.print()}>
            {tr('พิมพ์', 'Print')}
          </button>
        </div>
        <MinutesDocument minutes={minutesData} />
      </div>
    );
  }

  const seats = mySeats(me, detail.data?.members);
  const myIds = new Set(seats.map((s) => s.memberId));
  const myAttendance = attendance.find((a) => myIds.has(a.memberId));
  const mine: MySeat | null = myAttendance
    ? { memberId: myAttendance.memberId, nameTh: myAttendance.nameTh, seat: myAttendance.seat, present: myAttendance.present }
    : null;
  const canRun = mayRun(me, meeting.officeId, seats);
  const ruleText = detail.data ? quorumRuleText(detail.data.committee.quorum, tr) : '…';
  const byCase = new Map((minutesData?.items ?? []).map((i) => [i.caseId, i]));
  const committeeName = pick({ th: committee.nameTh, en: committee.nameEn });

  return (
    <div data-meeting-id={meeting.id}>
      <p className="cm-crumbs">
        <Link href="/committees">{tr('คณะกรรมการ', 'Committees')}</Link> <span aria-hidden="true">›</span>{' '}
        <Link href={`/committees/${committee.id}`}>{committeeName}</Link> <span aria-hidden="true">›</span>
      </p>
      <div className="page-head">
        <h1>{meeting.title}</h1>
        <StatusBadge status={meeting.status} table={MEETING_STATUS} />
      </div>
      <dl className="facts cm-facts">
        <dt>{tr('คณะกรรมการ', 'Committee')}</dt>
        <dd>{committeeName}</dd>
        <dt>{tr('วันเวลา', 'When')}</dt>
        <dd>{dateTime(meeting.scheduledAt)}</dd>
        <dt>{tr('สถานที่', 'Place')}</dt>
        <dd>{meeting.place}</dd>
        <dt>{tr('ฉันในการประชุมนี้', 'Me at this meeting')}</dt>
        <dd>
          {mine
            ? `${pick(SEAT_LABEL[mine.seat], mine.seat)} · ${mine.present === null ? tr('ยังไม่บันทึกการเข้าประชุม', 'attendance not recorded yet') : mine.present ? tr('มาประชุม', 'present') : tr('ไม่ได้มาประชุม', 'absent')}`
            : detail.data
              ? canRun
                ? tr('ผู้ดำเนินการประชุม (ไม่ใช่กรรมการ ลงคะแนนไม่ได้)', 'Running the meeting (not a member: no vote)')
                : tr('ผู้สังเกตการณ์ (ไม่ใช่กรรมการ)', 'Observer (not a member)')
              : '…'}
        </dd>
      </dl>

      <ProblemMessage problem={view.error} />
      <MeetingPapers meetingId={meeting.id} officeId={meeting.officeId} status={meeting.status} canRun={canRun} />
      <QuorumBox ref={quorumRef} quorum={quorum} status={meeting.status} ruleText={ruleText} />

      {message && (
        <Notice>
          <span>{message}</span>
        </Notice>
      )}

      <div className="grid-2 cm-meeting-grid">
        <section aria-labelledby="agenda-h">
          <div className="page-head">
            <h2 id="agenda-h">
              {tr('ระเบียบวาระ', 'Agenda')} <span className="muted">({num(agenda.length)})</span>
            </h2>
            {meeting.status === 'open' && (
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => {
                  void reloadView();
                  void reloadMinutes();
                }}
              >
                {tr('ปรับปรุงผลคะแนน', 'Refresh the tallies')}
              </button>
            )}
          </div>
          {agenda.length === 0 ? (
            <Empty>
              {meeting.status === 'scheduled'
                ? tr('ยังไม่มีเรื่องในระเบียบวาระ', 'The agenda is empty')
                : tr('การประชุมนี้ไม่มีระเบียบวาระ', 'This meeting has no agenda items')}
            </Empty>
          ) : (
            <ol className="cm-agenda-list">
              {agenda.map((item) => (
                <AgendaItemCard
                  key={item.id}
                  meetingId={meeting.id}
                  item={item}
                  meetingStatus={meeting.status}
                  canRun={canRun}
                  mine={mine}
                  attendance={attendance}
                  detail={byCase.get(item.caseId)}
                  quorumMet={quorum.met}
                  onChanged={changed}
                  onRemoved={(i) => {
                    setRemoved((r) => [...r.filter((x) => x.caseId !== i.caseId), i]);
                    return changed(tr(`นำออกจากวาระแล้ว: ${i.title}`, `Removed from the agenda: ${i.title}`));
                  }}
                />
              ))}
            </ol>
          )}
          {canRun && meeting.status === 'scheduled' && (
            <AgendaAdder
              meetingId={meeting.id}
              officeId={meeting.officeId}
              agenda={agenda}
              removed={removed}
              waiting={detail.data?.waitingCases ?? null}
              onChanged={changed}
            />
          )}
        </section>

        <div>
          {canRun && meeting.status === 'scheduled' ? (
            <OpenMeetingForm
              meetingId={meeting.id}
              attendance={attendance}
              quorum={quorum}
              onOpened={(q) => {
                focusQuorum.current = true;
                return changed(
                  q.met
                    ? tr(
                        `เปิดประชุมแล้ว — ครบองค์ประชุม (${num(q.present)}/${num(q.required)})`,
                        `The meeting is open — quorum met (${num(q.present)}/${num(q.required)})`,
                      )
                    : tr(
                        `เปิดประชุมแล้ว — ไม่ครบองค์ประชุม (${num(q.present)}/${num(q.required)})`,
                        `The meeting is open — no quorum (${num(q.present)}/${num(q.required)})`,
                      ),
                );
              }}
            />
          ) : (
            <AttendanceCard attendance={attendance} />
          )}
          {canRun && meeting.status === 'open' && agenda.some((i) => i.status === 'listed') && (
            <ListResolutionForm meetingId={meeting.id} agenda={agenda} quorumMet={quorum.met} onDecided={changed} />
          )}
          {canRun && meeting.status === 'open' && <CloseMeeting meetingId={meeting.id} agenda={agenda} onClosed={changed} />}
          <section className="card" aria-labelledby="minutes-h">
            <h2 id="minutes-h">{tr('รายงานการประชุม', 'Minutes')}</h2>
            {meeting.status === 'scheduled' && (
              <p className="muted">{tr('รายงานการประชุมจะสมบูรณ์เมื่อประชุมเสร็จ', 'The minutes are complete once the meeting has been held.')}</p>
            )}
            <ul className="cm-links">
              <li>
                <a href={`${base}/minutes?format=text`} target="_blank" rel="noopener">
                  {tr('รายงานการประชุม (ข้อความ)', 'Minutes (text)')}
                </a>
              </li>
              <li>
                <a href={`${base}/documents/agenda.xlsx`} download data-testid="agenda-xlsx">
                  {tr('ระเบียบวาระ มติ และผู้เข้าประชุม (Excel)', 'Agenda, resolutions and attendance (Excel)')}
                </a>
              </li>
              <li>
                <a href={`${base}/minutes?format=csv`} download>
                  {tr('ดาวน์โหลด CSV', 'Download CSV')}
                </a>
              </li>
            </ul>
            <button type="button" className="btn" onClick={() => setPrinting(true)} disabled={!minutesData}>
              {tr('รายงานการประชุมสำหรับพิมพ์', 'Printable minutes')}
            </button>
            <ProblemMessage problem={minutes.error} />
          </section>
          <OfficialDocuments
            documents={[
              {
                href: `${base}/documents/minutes.pdf`,
                label: { th: 'รายงานการประชุม', en: 'Minutes of the meeting' },
                testId: 'doc-minutes',
              },
              ...(meeting.status === 'closed'
                ? [
                    {
                      href: `${base}/documents/memo.pdf`,
                      label: { th: 'บันทึกข้อความรายงานมติที่ประชุม', en: 'Memo sending the resolutions up' },
                      testId: 'doc-memo',
                    },
                  ]
                : []),
            ]}
            {...(meeting.status === 'closed'
              ? {
                  issueNumber: () => client.POST('/api/meetings/{meetingId}/documents/memo/number', { params: { path: { meetingId } } }),
                  numberLabel: { th: 'ออกเลขที่หนังสือ (ทะเบียนหนังสือส่ง)', en: 'Give the memo its number (outgoing register)' },
                }
              : {})}
          />
        </div>
      </div>
    </div>
  );
}

function AttendanceCard({ attendance }: { attendance: Attendance[] }) {
  const { tr, pick } = useI18n();
  const recorded = attendance.some((a) => a.present !== null);
  return (
    <section className="card" aria-labelledby="attendance-h">
      <h2 id="attendance-h">{recorded ? tr('ผู้เข้าประชุม', 'Attendance') : tr('กรรมการ', 'Members')}</h2>
      {attendance.length === 0 ? (
        <Empty>{tr('ไม่มีกรรมการที่อยู่ในวาระ ณ วันประชุม', 'No members seated on the meeting day')}</Empty>
      ) : (
        <ul className="cm-attendance">
          {attendance.map((a) => (
            <li key={a.memberId}>
              <span>
                {a.nameTh} <span className="muted">· {pick(SEAT_LABEL[a.seat], a.seat)}</span>
              </span>
              {a.present === null ? null : a.present ? (
                <span className="badge badge-ok">{tr('มาประชุม', 'Present')}</span>
              ) : (
                <span className="badge badge-neutral">{tr('ไม่มา', 'Absent')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {!recorded && <p className="muted">{tr('บันทึกผู้เข้าประชุมเมื่อเปิดประชุม', 'Attendance is recorded when the meeting opens.')}</p>}
    </section>
  );
}

function OpenMeetingForm({
  meetingId,
  attendance,
  quorum,
  onOpened,
}: {
  meetingId: string;
  attendance: Attendance[];
  quorum: Quorum;
  onOpened: (q: Quorum) => Promise<void>;
}) {
  const { tr, pick, num } = useI18n();
  const action = useAction();
  const [present, setPresent] = useState<Set<string>>(new Set());
  const count = present.size;
  const enough = count >= quorum.required;
  const toggle = (id: string, on: boolean) =>
    setPresent((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const q = await client.POST('/api/meetings/{meetingId}/open', { params: { path: { meetingId } }, body: { present: [...present] } });
      await onOpened(q);
    });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="open-h">
      <h2 id="open-h">{tr('เปิดประชุม', 'Open the meeting')}</h2>
      <fieldset className="group">
        <legend>{tr('ผู้มาประชุม', 'Who is present')}</legend>
        {attendance.map((a) => (
          <label key={a.memberId} className="field check">
            <input
              type="checkbox"
              name="present"
              value={a.memberId}
              checked={present.has(a.memberId)}
              onChange={(e) => toggle(a.memberId, e.target.checked)}
            />
            <span>
              {a.nameTh} <span className="hint">· {pick(SEAT_LABEL[a.seat], a.seat)}</span>
            </span>
          </label>
        ))}
        <div className="btn-row">
          <button type="button" className="btn btn-ghost" onClick={() => setPresent(new Set(attendance.map((a) => a.memberId)))}>
            {tr('เลือกทุกคน', 'Select everyone')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setPresent(new Set())}>
            {tr('ล้าง', 'Clear')}
          </button>
        </div>
      </fieldset>
      <p className={enough ? 'cm-quorum-preview cm-ok' : 'cm-quorum-preview'} aria-live="polite">
        {tr(
          `เลือกแล้ว ${num(count)} คน — ต้องมีอย่างน้อย ${num(quorum.required)} คน: `,
          `${num(count)} selected — ${num(quorum.required)} needed: `,
        )}
        <strong>{enough ? tr('ครบองค์ประชุม', 'quorum') : tr('ยังไม่ครบองค์ประชุม', 'no quorum yet')}</strong>
      </p>
      <ProblemMessage problem={action.problem} />
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {action.busy ? tr('กำลังเปิดประชุม…', 'Opening…') : tr('เปิดประชุม', 'Open meeting')}
      </button>
      <p className="cm-hint muted">
        {tr('เมื่อเปิดประชุมแล้วจะแก้ไขระเบียบวาระและผู้มาประชุมไม่ได้', 'Once open, the agenda and the attendance can no longer change.')}
      </p>
    </form>
  );
}

type CaseSummary = ApiOk<'listCases'>['items'][number];

/**
 * Add waiting cases before the meeting opens. There is no list of the cases
 * waiting for a committee in the API (only their count), so the candidates
 * are the active cases at the steps this agenda already decides (and the items
 * removed here); a case id can also be typed. The server checks each case.
 */
function AgendaAdder({
  meetingId,
  officeId,
  agenda,
  removed,
  waiting,
  onChanged,
}: {
  meetingId: string;
  officeId: string;
  agenda: AgendaItem[];
  removed: AgendaItem[];
  waiting: number | null;
  onChanged: (m: string) => Promise<void>;
}) {
  const { tr, num } = useI18n();
  const action = useAction();
  const [steps, setSteps] = useState<Map<string, { workflowId: string; step: string }>>(new Map());
  const [candidates, setCandidates] = useState<CaseSummary[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [typed, setTyped] = useState('');
  const [tick, setTick] = useState(0);

  // remember every (workflow, step) this meeting has listed, even after its items are removed
  useEffect(() => {
    setSteps((prev) => {
      let next: Map<string, { workflowId: string; step: string }> | null = null;
      for (const i of [...agenda, ...removed]) {
        const key = `${i.workflowId}|${i.step}`;
        if (!prev.has(key)) {
          next ??= new Map(prev);
          next.set(key, { workflowId: i.workflowId, step: i.step });
        }
      }
      return next ?? prev;
    });
  }, [agenda, removed]);

  const onAgenda = useMemo(() => new Set(agenda.map((i) => i.caseId)), [agenda]);
  const stepKey = [...steps.keys()].sort().join(',');
  useEffect(() => {
    const list = [...steps.values()];
    if (list.length === 0) {
      setCandidates([]);
      return;
    }
    const controller = new AbortController();
    Promise.all(
      list.map((s) =>
        client.GET('/api/cases', {
          params: { query: { officeId, workflowId: s.workflowId, step: s.step, status: 'active', limit: 200 } },
          signal: controller.signal,
        }),
      ),
    )
      .then((rs) => {
        const all = new Map<string, CaseSummary>();
        for (const r of rs) for (const c of r.items) all.set(c.id, c);
        setCandidates([...all.values()]);
      })
      .catch(() => {
        if (!controller.signal.aborted) setCandidates([]);
      });
    return () => controller.abort();
    // stepKey stands for `steps` (a new Map object on every change)
  }, [stepKey, officeId, tick]);

  const offered = (candidates ?? []).filter((c) => !onAgenda.has(c.id));
  const typedIds = typed
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const toAdd = [...new Set([...chosen].filter((id) => !onAgenda.has(id)).concat(typedIds))];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (toAdd.length === 0) return;
    void action.run(async () => {
      const r = await client.PATCH('/api/meetings/{meetingId}/agenda', { params: { path: { meetingId } }, body: { add: toAdd } });
      setChosen(new Set());
      setTyped('');
      setTick((t) => t + 1);
      await onChanged(tr(`เพิ่มเข้าวาระแล้ว ${num(r.added)} เรื่อง`, `${num(r.added)} added to the agenda`));
    });
  };

  return (
    <form className="card cm-agenda-adder" onSubmit={submit} aria-labelledby="adder-h">
      <h3 id="adder-h">{tr('เพิ่มเรื่องที่รอพิจารณาเข้าวาระ', 'Add waiting cases to the agenda')}</h3>
      <p className="muted">
        {waiting === null
          ? '…'
          : tr(`เรื่องที่รอพิจารณาและยังไม่อยู่ในวาระการประชุมใด: ${num(waiting)} เรื่อง`, `Cases waiting and on no agenda: ${num(waiting)}`)}
      </p>
      {candidates === null ? (
        <Loading />
      ) : offered.length > 0 ? (
        <fieldset className="group">
          <legend>{tr('เรื่องในขั้นตอนเดียวกัน', 'Cases at the same steps')}</legend>
          {offered.map((c) => (
            <label key={c.id} className="field check">
              <input
                type="checkbox"
                checked={chosen.has(c.id)}
                onChange={(e) =>
                  setChosen((s) => {
                    const n = new Set(s);
                    if (e.target.checked) n.add(c.id);
                    else n.delete(c.id);
                    return n;
                  })
                }
              />
              <span>{c.title}</span>
            </label>
          ))}
          <p className="cm-hint muted">
            {tr('เรื่องที่อยู่ในวาระของการประชุมอื่นแล้วจะเพิ่มไม่ได้', 'A case already on another meeting’s agenda cannot be added.')}
          </p>
        </fieldset>
      ) : null}
      <label className="field">
        <span>
          {tr('รหัสเรื่อง', 'Case id')}{' '}
          <span className="hint">{tr('(ถ้าไม่อยู่ในรายการ คั่นด้วยจุลภาค)', '(if not listed; separate with commas)')}</span>
        </span>
        <input value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" />
      </label>
      <ProblemMessage problem={action.problem} />
      <button type="submit" className="btn" disabled={action.busy || toAdd.length === 0}>
        {tr('เพิ่มเข้าวาระ', 'Add to agenda')}
        {toAdd.length > 0 ? ` (${num(toAdd.length)})` : ''}
      </button>
    </form>
  );
}

/**
 * One resolution for every item still listed ("ตามบัญชีแนบท้าย", issue 21):
 * the way a real meeting approves a round's requests, with the items excepted
 * from it, each with its own resolution and reason. The server refuses it
 * without a quorum; applied, like any resolution, when the meeting closes.
 */
function ListResolutionForm({
  meetingId,
  agenda,
  quorumMet,
  onDecided,
}: {
  meetingId: string;
  agenda: AgendaItem[];
  quorumMet: boolean;
  onDecided: (m: string) => Promise<void>;
}) {
  const { tr, pick, num } = useI18n();
  const action = useAction();
  const listed = agenda.filter((i) => i.status === 'listed');
  const [resolution, setResolution] = useState<Resolution>('approve');
  const [note, setNote] = useState('');
  const [exceptions, setExceptions] = useState<Record<string, { resolution: Resolution; note: string }>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const excepted = listed.filter((i) => exceptions[i.id]);
  const toggle = (item: AgendaItem, on: boolean) =>
    setExceptions((e) => {
      const next = { ...e };
      if (on) next[item.id] = { resolution: resolution === 'approve' ? 'reject' : 'approve', note: '' };
      else delete next[item.id];
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const noReason = excepted.filter((i) => exceptions[i.id]!.note.trim() === '').map((i) => i.id);
    setMissing(noReason);
    if (noReason.length > 0) return;
    void action.run(async () => {
      const r = await client.POST('/api/meetings/{meetingId}/list-resolution', {
        params: { path: { meetingId } },
        body: {
          resolution,
          ...(note.trim() ? { note: note.trim() } : {}),
          exceptions: excepted.map((i) => ({
            itemId: i.id,
            resolution: exceptions[i.id]!.resolution,
            note: exceptions[i.id]!.note.trim(),
          })),
        },
      });
      setExceptions({});
      await onDecided(
        tr(
          `บันทึกมติรวมแล้ว: ${RESOLUTION_LABEL[r.resolution]!.th}ตามบัญชีแนบท้าย ${num(r.decided - r.exceptions)} เรื่อง ยกเว้น ${num(r.exceptions)} เรื่อง`,
          `List resolution recorded: ${RESOLUTION_LABEL[r.resolution]!.en} for ${num(r.decided - r.exceptions)} items, ${num(r.exceptions)} excepted`,
        ),
      );
    });
  };
  return (
    <section className="card" aria-labelledby="list-resolution-h">
      <h2 id="list-resolution-h">{tr('มติรวมตามบัญชีแนบท้าย', 'One resolution for the whole list')}</h2>
      <form onSubmit={submit} noValidate aria-label={tr('บันทึกมติรวมตามบัญชีแนบท้าย', 'Record one resolution for the list')}>
        <p className="hint">
          {tr(
            `ใช้กับทุกเรื่องที่ยังไม่มีมติ (${num(listed.length)} เรื่อง) ยกเว้นเรื่องที่เลือกไว้ด้านล่าง ซึ่งมีมติและเหตุผลของตนเอง`,
            `For every item without a resolution yet (${num(listed.length)}), except those ticked below, each with its own resolution and reason`,
          )}
        </p>
        <label>
          {tr('มติของบัญชี', 'Resolution for the list')}
          <select value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {pick(RESOLUTION_LABEL[r])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tr('ข้อความมติ', 'Wording of the resolution')}
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={tr('เช่น เห็นชอบตามบัญชีแนบท้าย', 'e.g. approved as listed')}
          />
        </label>
        <fieldset>
          <legend>{tr('เรื่องที่ยกเว้น', 'Items excepted')}</legend>
          <ul className="cm-exceptions">
            {listed.map((i) => {
              const ex = exceptions[i.id];
              return (
                <li key={i.id}>
                  <label>
                    <input type="checkbox" checked={!!ex} onChange={(e) => toggle(i, e.target.checked)} />{' '}
                    {tr(`ยกเว้น: ${i.title}`, `Except: ${i.title}`)}
                  </label>
                  {ex && (
                    <div className="grid-2">
                      <label>
                        {tr(`มติของ ${i.title}`, `Resolution for ${i.title}`)}
                        <select
                          value={ex.resolution}
                          onChange={(e) =>
                            setExceptions((all) => ({ ...all, [i.id]: { ...ex, resolution: e.target.value as Resolution } }))
                          }
                        >
                          {RESOLUTIONS.map((r) => (
                            <option key={r} value={r}>
                              {pick(RESOLUTION_LABEL[r])}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label>
                        {tr(`เหตุผลที่ยกเว้น ${i.title}`, `Why ${i.title} is excepted`)}
                        <input
                          value={ex.note}
                          aria-invalid={missing.includes(i.id)}
                          onChange={(e) => setExceptions((all) => ({ ...all, [i.id]: { ...ex, note: e.target.value } }))}
                        />
                      </label>
                      {missing.includes(i.id) && (
                        <p className="field-error" role="alert">
                          {tr('กรุณาระบุเหตุผลที่ยกเว้น', 'Please give the reason for the exception')}
                        </p>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
        {!quorumMet && <p className="hint">{tr('ยังไม่ครบองค์ประชุม จึงลงมติไม่ได้', 'No quorum: no resolution can be recorded')}</p>}
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={action.busy || !quorumMet}>
            {tr(
              `บันทึกมติรวม (${num(listed.length - excepted.length)} เรื่อง ยกเว้น ${num(excepted.length)} เรื่อง)`,
              `Record the list resolution (${num(listed.length - excepted.length)} items, ${num(excepted.length)} excepted)`,
            )}
          </button>
        </div>
      </form>
      <ProblemMessage problem={action.problem} />
    </section>
  );
}

function CloseMeeting({
  meetingId,
  agenda,
  onClosed,
}: {
  meetingId: string;
  agenda: AgendaItem[];
  onClosed: (m: string) => Promise<void>;
}) {
  const { tr, num } = useI18n();
  const action = useAction();
  const applied = agenda.filter((i) => i.status === 'decided' && (i.resolution === 'approve' || i.resolution === 'reject')).length;
  const deferred = agenda.length - applied;
  const close = () =>
    void action.run(async () => {
      const r = await client.POST('/api/meetings/{meetingId}/close', { params: { path: { meetingId } } });
      await onClosed(
        tr(
          `ปิดประชุมแล้ว — นำมติไปใช้ ${num(r.applied)} เรื่อง เลื่อน ${num(r.deferred)} เรื่อง`,
          `The meeting is closed — ${num(r.applied)} resolutions applied, ${num(r.deferred)} deferred`,
        ),
      );
    });
  return (
    <section className="card" aria-labelledby="close-h">
      <h2 id="close-h">{tr('ปิดประชุม', 'Close the meeting')}</h2>
      <p>
        {tr(
          `เมื่อปิดประชุม มติ "เห็นชอบ/ไม่เห็นชอบ" จะนำไปใช้กับเรื่องทั้งหมดพร้อมกัน (${num(applied)} เรื่อง) เรื่องที่เหลือจะเลื่อนไปพิจารณาครั้งต่อไป (${num(deferred)} เรื่อง)`,
          `Closing applies every approve/reject resolution to its case at once (${num(applied)}); the rest are deferred to a later meeting (${num(deferred)}).`,
        )}
      </p>
      <ConfirmButton
        label={tr('ปิดประชุมและนำมติไปใช้', 'Close meeting and apply resolutions')}
        question={tr(
          `ยืนยันปิดประชุม? นำมติไปใช้ ${num(applied)} เรื่อง เลื่อน ${num(deferred)} เรื่อง — ย้อนกลับไม่ได้`,
          `Close the meeting? ${num(applied)} resolutions applied, ${num(deferred)} deferred — this cannot be undone.`,
        )}
        confirmLabel={tr('ยืนยันปิดประชุม', 'Confirm: close the meeting')}
        onConfirm={close}
        busy={action.busy}
        danger
      />
      <ProblemMessage problem={action.problem} />
    </section>
  );
}
