/**
 * A case: what it is and where it stands (drawn on its workflow's diagram),
 * its deadlines (SLA clocks), the actions I may take now as forms built from
 * the event schemas, and its timeline — who did what, when and why.
 */
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { client, type Label } from '../lib/api';
import { formatDue } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { roleLabel } from '../lib/roles';
import { useApiGet } from '../lib/use-api';
import { useSession, type Me } from '../lib/session';
import { AttachedFileList, AttachFilePicker } from '../forms/attached-files';
import { OfficialDocuments } from '../ui/official-documents';
import { EventForm } from '../forms/event-form';
import { UploadOffice } from '../forms/file-upload';
import type { FieldOverride } from '../forms/schema-form';
import type { JsonSchema } from '../forms/json-schema';
import { Empty, Loading, Notice, ProblemMessage } from '../ui/feedback';
import { StateDiagram } from '../ui/state-diagram';
import { ExtendDeadlineForm } from './extend-deadline-form';
import type { ApiOk } from '../lib/api-types';
import { RequestExchange } from './cycle/transfer-exchanges';

/** GET /api/cases/:caseId (`getCase`), as the API's generated types say. */
export type CaseView = ApiOk<'getCase'>;

const SYSTEM_EVENTS: Record<string, Label> = {
  '@start': { th: 'เปิดเรื่อง', en: 'Opened' },
  '@cycle.opened': { th: 'เปิดเรื่องย่อยของรอบ', en: 'Children opened' },
  '@file.attached': { th: 'แนบไฟล์กับเรื่อง', en: 'File attached to the case' },
  '@file.removed': { th: 'นำไฟล์แนบออกจากเรื่อง', en: 'File removed from the case' },
  '@deadline.extended': { th: 'ขยายเวลา', en: 'Deadline extended' },
};

/** The events that record an order as signed (SIGNED_ORDER_EVENTS in the engine): its signed scan may be attached after. */
const SIGNED_ORDER_EVENTS = ['SIGN_ORDER'];

/** Documents a returned request commonly lacks (the director ticks them into the note). */
const COMMON_DOCUMENTS = [
  'สำเนาทะเบียนบ้าน',
  'ก.ค.ศ.16 (ทะเบียนประวัติ)',
  'สำเนาทะเบียนสมรส',
  'หลักฐานการดูแลบิดามารดา',
  'ผลการประเมิน PA',
  'ใบรับรองแพทย์',
];

const isOfficeManager = (me: Me | null, officeId: string) =>
  !!me?.grants.some((g) => g.officeId === officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'));

type HistoryRow = CaseView['history'][number];
const payloadOf = (h: HistoryRow | undefined) =>
  h && typeof h.payload === 'object' && h.payload !== null ? (h.payload as Record<string, unknown>) : {};

/** A resubmission (`RESUBMIT`) starts from the latest submission of the same kind (`SUBMIT` or `RESUBMIT`): nothing retyped. */
function previousSubmission(c: CaseView, type: string): unknown {
  if (!type.startsWith('RE')) return undefined;
  const same = new Set([type, type.slice(2)]);
  const last = [...c.history].reverse().find((h) => same.has(h.eventType));
  return last ? structuredClone(last.payload) : undefined;
}

/**
 * The case was returned to me: the row that moved it into the step it is in
 * now carries the note of what to fix (and maybe a fix-by moment).
 */
function returnedFor(c: CaseView): { row: HistoryRow; note: string; fixBy: { date: string; time: string } | null } | null {
  const last = [...c.history].reverse().find((h) => !h.eventType.startsWith('@'));
  if (!last || !/RETURN/.test(last.eventType) || last.toState !== c.case.state || c.case.status !== 'active') return null;
  const p = payloadOf(last);
  if (typeof p.note !== 'string') return null;
  const fixBy = p.fixBy as { date?: unknown; time?: unknown } | undefined;
  return {
    row: last,
    note: p.note,
    fixBy: fixBy && typeof fixBy.date === 'string' && typeof fixBy.time === 'string' ? { date: fixBy.date, time: fixBy.time } : null,
  };
}

/** What the director asked for, where the teacher sees it first: the note, who and when, and the moment to fix it by. */
function ReturnedNotice({ c }: { c: CaseView }) {
  const { tr, date, dateTime, pick } = useI18n();
  const returned = returnedFor(c);
  if (!returned) return null;
  const clock = c.clocks.find((k) => k.closedAt === null && k.dueAt !== null && c.case.state.split(',').includes(k.step));
  const by = returned.fixBy
    ? `${date(returned.fixBy.date)} ${returned.fixBy.time.replace(':', '.')} ${tr('น.', '')}`.trim()
    : clock
      ? dateTime(clock.dueAt)
      : null;
  return (
    <section className="card alert alert-error" aria-labelledby="returned-title" data-testid="returned-notice">
      <h2 id="returned-title">{tr('เรื่องนี้ถูกส่งคืนให้แก้ไข', 'This request was returned for correction')}</h2>
      <p className="why" data-testid="returned-note" style={{ whiteSpace: 'pre-line' }}>
        {returned.note}
      </p>
      <p className="hint">
        {returned.row.actorName ?? pick({ th: 'ผู้ส่งคืน', en: 'Returned by' })} · {dateTime(returned.row.at)}
      </p>
      <p data-testid="returned-fix-by">
        {by ? (
          <>
            {tr('แก้ไขและส่งกลับภายใน', 'Correct and send it back by')} <strong>{by}</strong>
          </>
        ) : (
          tr('แก้ไขและส่งกลับภายในกำหนดของรอบ', 'Correct and send it back by the round’s deadline')
        )}
      </p>
    </section>
  );
}

/**
 * The files attached to the case (docs/files.md), by name: PDFs and images
 * open in a new tab, the rest download. Removed ones stay listed, struck
 * through, as the timeline records their removal. Whoever attached a file
 * (or HR) may remove it, with a reason, while the case is open; HR attaches
 * a round's documents, and HR or the signer the order's signed scan.
 */
function CaseFiles({ c, onChanged }: { c: CaseView; onChanged: () => void }) {
  const { tr } = useI18n();
  const { me } = useSession();
  const files = useApiGet('/api/cases/{caseId}/files', { params: { path: { caseId: c.case.id } } });
  const items = files.data?.items ?? [];
  const manager = isOfficeManager(me, c.case.officeId);
  const active = c.case.status === 'active';
  const signer = [...c.history].reverse().find((h) => SIGNED_ORDER_EVENTS.includes(h.eventType));
  const pickers: { kind: string; label: string }[] = [];
  if (c.case.workflowId === 'transfer-round' && active && manager)
    pickers.push({
      kind: 'round-document',
      label: tr('แนบเอกสารของรอบ (ประกาศ ปฏิทิน บัญชีตำแหน่งว่าง)', 'Attach a round document (announcement, calendar, vacancy list)'),
    });
  if (signer && (manager || signer.actorId === me?.id))
    pickers.push({ kind: 'signed-order', label: tr('แนบสำเนาคำสั่งที่ลงนามแล้ว', 'Attach the signed order (scan)') });
  if (items.length === 0 && pickers.length === 0) return null;
  const attach = async (fileId: string) => {
    await client.POST('/api/cases/{caseId}/files', { params: { path: { caseId: c.case.id } }, body: { fileId } });
    onChanged();
  };
  return (
    <section className="card" aria-labelledby="files-title">
      <h2 id="files-title">{tr('ไฟล์แนบ', 'Attached files')}</h2>
      {items.length > 0 && (
        <AttachedFileList
          files={items}
          testId="case-files"
          mayRemove={(f) => active && (f.attachedBy === me?.id || manager)}
          onRemove={async (f, reason) => {
            await client.DELETE('/api/cases/{caseId}/files/{fileId}', {
              params: { path: { caseId: c.case.id, fileId: f.id }, query: { reason } },
            });
            onChanged();
          }}
        />
      )}
      {pickers.map((p) => (
        <AttachFilePicker key={p.kind} kind={p.kind} label={p.label} attach={attach} />
      ))}
    </section>
  );
}

/** Names for the form's fields from the case's own input: the preferred schools of a transfer request by name, never by id. */
function formOverrides(c: CaseView): Record<string, FieldOverride> | undefined {
  const input = payloadOf(c.history.find((h) => h.eventType === '@start'));
  const vacancies = Array.isArray(input.vacancies)
    ? (input.vacancies as { schoolId?: unknown; schoolName?: unknown; subject?: unknown }[])
    : [];
  const schools = new Map<string, string>();
  for (const v of vacancies)
    if (typeof v.schoolId === 'string' && typeof v.schoolName === 'string')
      schools.set(v.schoolId, typeof v.subject === 'string' ? `${v.schoolName} (${v.subject})` : v.schoolName);
  return schools.size > 0 ? { 'preferences.*': { options: [...schools].map(([value, label]) => ({ value, label })) } } : undefined;
}

/** The documents to tick into a return note: the common ones and the kinds the request named. */
function documentChoices(c: CaseView): string[] {
  const named = c.history.flatMap((h) => {
    const evidence = payloadOf(h).evidence;
    return Array.isArray(evidence)
      ? evidence.map((e) => (e as { kind?: unknown }).kind).filter((k): k is string => typeof k === 'string')
      : [];
  });
  return [...new Set([...COMMON_DOCUMENTS, ...named])];
}

export function CasePage({ caseId }: { caseId: string }) {
  const { tr, pick, dateTime, lang } = useI18n();
  const view = useApiGet('/api/cases/{caseId}', { params: { path: { caseId } } });
  const c = view.data;
  const graph = useApiGet(
    '/api/workflows/{workflowId}/versions/{version}/graph',
    c ? { params: { path: { workflowId: c.workflow.id, version: c.workflow.version } } } : null,
  );
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<Label | null>(null);
  // the order's number from the office's register, when HR has given it: the signing form starts with it (issue 21)
  const signing = c?.case.workflowId === 'transfer-request' && c.availableEvents.some((e) => e.type === 'SIGN_ORDER');
  const orderNumber = useApiGet('/api/cases/{caseId}/documents/transfer-order/number', signing ? { params: { path: { caseId } } } : null);

  const stepLabel = useMemo(() => {
    const map = new Map<string, Label>();
    for (const s of c?.steps ?? []) if (s.label) map.set(s.path, s.label);
    for (const n of graph.data?.nodes ?? []) if (!map.has(n.id)) map.set(n.id, n.label);
    return (path: string) => {
      const parts = path.split(',').map((p) => map.get(p));
      return parts.every(Boolean) ? parts.map((l) => pick(l)).join(', ') : path;
    };
  }, [c, graph.data, pick]);
  const eventLabel = useMemo(() => {
    const map = new Map<string, Label>(Object.entries(SYSTEM_EVENTS));
    for (const e of graph.data?.edges ?? []) map.set(e.event, e.label);
    for (const e of c?.availableEvents ?? []) map.set(e.type, e.label);
    for (const [type, e] of Object.entries(c?.eventSchemas ?? {})) map.set(type, e.label);
    // a step the machine finished by itself (`onNotice.receipt.done`) or another system step: never its code name
    return (type: string) =>
      pick(map.get(type), type.endsWith('.done') ? tr('ขั้นตอนย่อยเสร็จสิ้น', 'Sub-step finished') : tr('ระบบดำเนินการ', 'System step'));
  }, [c, graph.data, pick, tr]);

  if (view.error && !c) return <ProblemMessage problem={view.error} />;
  if (!c) return <Loading />;

  const current = c.case.state.split(',');
  const visited = new Set(c.history.flatMap((h) => h.toState.split(',')));
  const taken = new Set(
    c.history
      .filter((h) => h.fromState)
      .flatMap((h) => h.fromState!.split(',').flatMap((f) => h.toState.split(',').map((t) => `${f}->${t}`))),
  );
  const now = new Date(c.now);

  return (
    <UploadOffice.Provider value={c.case.officeId}>
      <article aria-labelledby="case-title">
        <div className="page-head">
          <div>
            <p className="muted">
              {pick(c.workflow.title)} · {tr('รุ่น', 'version')} {c.workflow.version}
            </p>
            <h1 id="case-title">{c.case.title}</h1>
          </div>
          <div className="btn-row">
            <span className={`badge ${c.case.status === 'done' ? 'badge-neutral' : 'badge-open'}`} data-testid="case-state">
              {stepLabel(c.case.state)}
            </span>
            {c.case.status === 'done' && <span className="badge badge-ok">{tr('เสร็จสิ้น', 'Done')}</span>}
            {c.case.workflowId === 'transfer-round' && (
              <Link href={`/cycles/${c.case.id}`}>
                {tr('หน้าดำเนินการรอบ (ตำแหน่งว่าง คำขอ คะแนน การจับคู่)', 'The round’s page (vacancies, requests, scores, matching)')}
              </Link>
            )}
          </div>
        </div>
        {done && <Notice>{tr(`บันทึก "${done.th}" แล้ว`, `"${done.en}" recorded`)}</Notice>}
        <ReturnedNotice c={c} />
        {view.error && <ProblemMessage problem={view.error} />}
        <section className="card" aria-labelledby="diagram-title">
          <h2 id="diagram-title">{tr('ขั้นตอนของเรื่องนี้', 'Where it stands')}</h2>
          {graph.data ? (
            <StateDiagram graph={graph.data} current={current} visited={visited} taken={taken} />
          ) : graph.error ? (
            <ProblemMessage problem={graph.error} />
          ) : (
            <Loading />
          )}
        </section>
        <div className="grid-2">
          <div>
            <section className="card" aria-labelledby="actions-title">
              <h2 id="actions-title">{tr('สิ่งที่ฉันทำได้ตอนนี้', 'What I can do now')}</h2>
              {c.availableEvents.length === 0 ? (
                <Empty>{tr('ขั้นตอนนี้ไม่มีงานที่รอฉัน', 'Nothing here awaits me at this step')}</Empty>
              ) : (
                <>
                  <div className="btn-row" role="group" aria-label={tr('การดำเนินการ', 'Actions')}>
                    {c.availableEvents.map((e) => (
                      <button
                        key={e.type}
                        type="button"
                        className={`btn ${open === e.type ? 'btn-primary' : ''}`}
                        aria-expanded={open === e.type}
                        aria-controls={`form-${e.type}`}
                        onClick={() => setOpen(open === e.type ? null : e.type)}
                      >
                        {pick(e.label)}
                      </button>
                    ))}
                  </div>
                  {c.availableEvents
                    .filter((e) => e.type === open)
                    .map((e) =>
                      // the signing form waits for the register's number, so it starts with it
                      e.type === 'SIGN_ORDER' && signing && !orderNumber.data && !orderNumber.error ? (
                        <Loading key={e.type} />
                      ) : (
                        // keyed by the action only: a reload after a conflict (412) keeps what was typed
                        <div key={e.type} id={`form-${e.type}`} className="action-panel">
                          <h3>{pick(e.label)}</h3>
                          <EventForm
                            caseId={c.case.id}
                            revision={c.case.revision}
                            event={e}
                            initial={
                              e.type === 'SIGN_ORDER' && orderNumber.data?.issued
                                ? { orderNo: `${orderNumber.data.issued.number}/${orderNumber.data.issued.beYear}` }
                                : previousSubmission(c, e.type)
                            }
                            overrides={formOverrides(c)}
                            {...(/RETURN/.test(e.type) ? { noteChoices: documentChoices(c) } : {})}
                            onDone={() => {
                              setDone(e.label);
                              setOpen(null);
                              view.reload();
                            }}
                            onConflict={() => {
                              setDone(null);
                              view.reload();
                            }}
                          />
                        </div>
                      ),
                    )}
                </>
              )}
            </section>
            {c.case.workflowId === 'transfer-request' && visited.has('forwardedToArea') && <RequestExchange caseId={c.case.id} />}
            {c.case.workflowId === 'transfer-request' && visited.has('orderSigning') && (
              <OfficialDocuments
                documents={[
                  {
                    href: `/api/cases/${encodeURIComponent(c.case.id)}/documents/transfer-order.pdf`,
                    docxHref: `/api/cases/${encodeURIComponent(c.case.id)}/documents/transfer-order.docx`,
                    label: { th: 'คำสั่งย้ายพร้อมบัญชีแนบท้าย', en: 'Transfer order with its attached list' },
                    testId: 'doc-transfer-order',
                  },
                ]}
                issueNumber={() =>
                  client.POST('/api/cases/{caseId}/documents/transfer-order/number', { params: { path: { caseId: c.case.id } } })
                }
                numberLabel={{ th: 'ออกเลขที่คำสั่ง (ทะเบียนคำสั่ง)', en: 'Give the order its number (order register)' }}
              />
            )}
            {c.case.workflowId === 'academic-standing' && visited.has('orderPreparation') && (
              <OfficialDocuments
                documents={[
                  {
                    href: `/api/cases/${encodeURIComponent(c.case.id)}/documents/academic-standing-order.pdf`,
                    docxHref: `/api/cases/${encodeURIComponent(c.case.id)}/documents/academic-standing-order.docx`,
                    label: { th: 'คำสั่งให้มีวิทยฐานะพร้อมบัญชีแนบท้าย', en: 'Academic-standing order with its attached list' },
                    testId: 'doc-academic-standing-order',
                  },
                ]}
                issueNumber={() =>
                  client.POST('/api/cases/{caseId}/documents/academic-standing-order/number', {
                    params: { path: { caseId: c.case.id } },
                  })
                }
                numberLabel={{ th: 'ออกเลขที่คำสั่ง (ทะเบียนคำสั่ง)', en: 'Give the order its number (order register)' }}
              />
            )}
            {c.case.workflowId === 'salary-raise' && (visited.has('raiseNotified') || visited.has('notRaisedNotified')) && (
              <OfficialDocuments
                documents={[
                  {
                    href: `/api/cases/${encodeURIComponent(c.case.id)}/documents/salary-notice.pdf`,
                    label: { th: 'หนังสือแจ้งผลการเลื่อนเงินเดือน', en: 'Salary raise notice' },
                    testId: 'doc-salary-notice',
                  },
                ]}
              />
            )}
            <CaseFiles key={c.case.revision} c={c} onChanged={view.reload} />
            <section className="card" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{tr('ความเป็นมา', 'Timeline')}</h2>
              <ol className="timeline" data-testid="timeline">
                {[...c.history].reverse().map((h) => (
                  <li key={h.seq}>
                    <div>
                      <strong>{eventLabel(h.eventType)}</strong> → {stepLabel(h.toState)}
                    </div>
                    <div className="when">
                      {dateTime(h.at)} · {h.actorName ?? pick(roleLabel(h.actorKind))}
                      {h.actorRoles.length > 0 && <> ({h.actorRoles.map((r) => pick(roleLabel(r))).join(', ')})</>}
                      {h.acting && (
                        <span className="badge" data-testid="acting-mark">
                          {' '}
                          {tr('รักษาราชการแทน', 'Acting for')} {h.acting.roles.map((r) => pick(roleLabel(r))).join(', ')}
                        </span>
                      )}
                    </div>
                    {h.eventType.startsWith('@file.') && typeof payloadOf(h).name === 'string' && (
                      <div data-testid="timeline-file">{String(payloadOf(h).name)}</div>
                    )}
                    {h.late && (
                      <div className="late" data-testid="late-mark">
                        <span className="badge badge-overdue">{tr('ดำเนินการหลังกำหนด', 'Done after the deadline')}</span> {pick(h.late.rule)}{' '}
                        · {tr('กำหนด', 'due')} {dateTime(h.late.until)}
                      </div>
                    )}
                    {h.eventType === '@deadline.extended' && <ExtendedFields payload={h.payload} />}
                    {h.reason && <div className="why">“{h.reason}”</div>}
                    <PayloadFields payload={h.payload} schema={c.eventSchemas?.[h.eventType]?.payloadSchema as JsonSchema | undefined} />
                  </li>
                ))}
              </ol>
            </section>
          </div>
          <div>
            <section className="card" aria-labelledby="clocks-title">
              <h2 id="clocks-title">{tr('กำหนดเวลา', 'Deadlines')}</h2>
              {c.clocks.length === 0 ? (
                <Empty>{tr('ไม่มีการนับเวลาในเรื่องนี้', 'No clocks on this case')}</Empty>
              ) : (
                <table className="table" data-testid="clocks">
                  <thead>
                    <tr>
                      <th scope="col">{tr('ขั้นตอน', 'Step')}</th>
                      <th scope="col">{tr('ครบกำหนด', 'Due')}</th>
                      <th scope="col">{tr('สถานะ', 'Status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.clocks.map((k, i) => {
                      const overdue = k.status === 'breached' || (k.status === 'running' && k.dueAt !== null && new Date(k.dueAt) < now);
                      return (
                        <tr key={i}>
                          <td>
                            {stepLabel(k.step)}
                            {k.phrase && <div className="hint">{k.phrase}</div>}
                          </td>
                          <td>
                            {dateTime(k.dueAt)}
                            {k.closedAt === null && k.dueAt && <div className="hint">{formatDue(k.dueAt, now, lang)}</div>}
                          </td>
                          <td>
                            <ClockBadge status={k.status} overdue={overdue} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
              {(c.deadlines ?? [])
                .filter((d) => d.canExtend || d.extensions.length > 0)
                .map((d) => (
                  <div key={d.step} className="action-panel">
                    <h3>{stepLabel(d.step)}</h3>
                    {d.extensions.map((x, i) => (
                      <p key={i} className="hint">
                        {tr('ขยายเวลาจาก', 'Extended from')} {x.from ? dateTime(x.from) : '—'} {tr('เป็น', 'to')} {dateTime(x.to)}: “
                        {x.reason}”
                      </p>
                    ))}
                    {d.canExtend && <ExtendDeadlineForm caseId={c.case.id} step={d.step} onDone={() => view.reload()} />}
                  </div>
                ))}
            </section>
            <p>
              <Link href="/">{tr('← กลับไปงานของฉัน', '← Back to my work')}</Link>
            </p>
          </div>
        </div>
      </article>
    </UploadOffice.Provider>
  );
}

/** An extension in the timeline: from when to when (the reason is the row's reason). */
function ExtendedFields({ payload }: { payload: unknown }) {
  const { tr, dateTime } = useI18n();
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as { from?: unknown; to?: unknown };
  if (typeof p.to !== 'string') return null;
  return (
    <dl className="payload-fields">
      <div>
        <dt>{tr('กำหนดเดิม', 'Was due')}</dt>
        <dd>{typeof p.from === 'string' ? dateTime(p.from) : '—'}</dd>
      </div>
      <div>
        <dt>{tr('กำหนดใหม่', 'Now due')}</dt>
        <dd>{dateTime(p.to)}</dd>
      </div>
    </dl>
  );
}

function ClockBadge({ status, overdue }: { status: string; overdue: boolean }) {
  const { tr } = useI18n();
  if (status === 'paused') return <span className="badge badge-neutral">{tr('หยุดนับ (รอผู้ยื่น)', 'Paused')}</span>;
  if (status === 'met') return <span className="badge badge-ok">{tr('เสร็จตามกำหนด', 'Met')}</span>;
  if (status === 'cancelled') return <span className="badge badge-neutral">{tr('ยกเลิก', 'Cancelled')}</span>;
  return overdue ? (
    <span className="badge badge-overdue">{tr('เกินกำหนด', 'Overdue')}</span>
  ) : (
    <span className="badge badge-open">{tr('กำลังนับ', 'Running')}</span>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/**
 * The payload of an event as labelled fields (labels from the event's schema,
 * `x-label`), values formatted by type: satang amounts in baht, dates in
 * พ.ศ., choices by their label. A field without a label or marked hidden, an id (a UUID) or a
 * nested list is left out: the timeline never shows a code name.
 */
function PayloadFields({ payload, schema }: { payload: unknown; schema: JsonSchema | undefined }) {
  const { lang, date, dateTime, tr } = useI18n();
  if (typeof payload !== 'object' || payload === null || !schema) return null;
  const rows: { key: string; label: string; value: string }[] = [];
  const add = (obj: Record<string, unknown>, s: JsonSchema | undefined, prefix: string) => {
    const props = propertiesOf(s);
    for (const [k, v] of Object.entries(obj)) {
      const ps = props[k];
      const label = ps?.['x-label'];
      if (!label || ps?.['x-widget'] === 'hidden' || v === null || v === undefined || v === '') continue;
      if (typeof v === 'object' && !Array.isArray(v)) {
        add(v as Record<string, unknown>, ps, `${prefix}${k}.`);
        continue;
      }
      const one = (x: unknown): string | null => {
        if (typeof x === 'boolean') return x ? tr('ใช่', 'Yes') : tr('ไม่ใช่', 'No');
        if (typeof x === 'number') {
          if (/Satang$/.test(k))
            return `${(x / 100).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} ${tr('บาท', 'baht')}`;
          return x.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB');
        }
        if (typeof x !== 'string' || UUID.test(x)) return null;
        if (ISO_DATE.test(x)) return date(x);
        if (ISO_INSTANT.test(x)) return dateTime(x);
        const choice = enumLabelsOf(ps)[x];
        if (choice) return choice[lang];
        return /^[a-z]+(_[a-z]+)+$|^[a-z]+[A-Z]\w*$/.test(x) ? null : x;
      };
      const values = (Array.isArray(v) ? v : [v])
        .filter((x) => typeof x !== 'object')
        .map(one)
        .filter((x): x is string => x !== null);
      if (values.length > 0) rows.push({ key: `${prefix}${k}`, label: label[lang], value: values.join(', ') });
    }
  };
  add(payload as Record<string, unknown>, schema, '');
  if (rows.length === 0) return null;
  return (
    <dl className="payload-fields">
      {rows.slice(0, 8).map((r) => (
        <div key={r.key}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The properties of an object schema, looking through nullable and union wrappers. */
function propertiesOf(s: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!s) return {};
  const own = s.properties ?? {};
  const alts = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].map(propertiesOf);
  return Object.assign({}, ...alts, own);
}

function enumLabelsOf(s: JsonSchema | undefined): Record<string, Label> {
  if (!s) return {};
  return Object.assign(
    {},
    ...[...(s.anyOf ?? []), ...(s.oneOf ?? [])].map(enumLabelsOf),
    s.items ? enumLabelsOf(s.items) : {},
    s['x-enum-labels'] ?? {},
  );
}
