/**
 * A case: what it is and where it stands (drawn on its workflow's diagram),
 * its deadlines (SLA clocks), the actions I may take now as forms built from
 * the event schemas, and its timeline — who did what, when and why.
 */
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Label } from '../lib/api';
import { formatDue } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { roleLabel } from '../lib/roles';
import { useApi } from '../lib/use-api';
import { EventForm, type AvailableEvent } from '../forms/event-form';
import type { JsonSchema } from '../forms/json-schema';
import { Empty, Loading, Notice, ProblemMessage } from '../ui/feedback';
import { StateDiagram, type StateGraph } from '../ui/state-diagram';
import { ExtendDeadlineForm } from './extend-deadline-form';

export interface CaseView {
  case: { id: string; workflowId: string; workflowVersion: number; title: string; state: string; status: 'active' | 'done'; revision: number; createdAt: string; updatedAt: string; schoolId: string | null };
  workflow: { id: string; version: number; title: Label };
  steps: { path: string; label: Label | null }[];
  history: { seq: number; at: string; actorKind: string; actorId: string; actorRoles: string[]; actorName: string | null; eventType: string; payload: unknown; reason: string | null; fromState: string | null; toState: string; late?: { until: string; lateMinutes: number; rule: Label } | null }[];
  /** the open clocks of the steps the case waits at, and whether I may extend them */
  deadlines?: { step: string; stepLabel: Label | null; status: string; dueAt: string | null; overdue: boolean; phrase: string | null; canExtend: boolean; extensions: { at: string; from: string | null; to: string; reason: string }[] }[];
  clocks: { step: string; status: string; startedAt: string; dueAt: string | null; closedAt: string | null; phrase: string | null }[];
  availableEvents: AvailableEvent[];
  /** each history event type's label and labelled payload schema (`@start`: the input) */
  eventSchemas?: Record<string, { label: Label; payloadSchema: JsonSchema }>;
  /** the server's time */
  now: string;
}

const SYSTEM_EVENTS: Record<string, Label> = {
  '@start': { th: 'เปิดเรื่อง', en: 'Opened' },
  '@cycle.opened': { th: 'เปิดเรื่องย่อยของรอบ', en: 'Children opened' },
  '@file.removed': { th: 'นำไฟล์แนบออกจากเรื่อง', en: 'File removed from the case' },
  '@deadline.extended': { th: 'ขยายเวลา', en: 'Deadline extended' },
};

interface CaseFile {
  id: string;
  name: string;
  size: number;
  type: string;
  attachedAt: string;
  removedAt: string | null;
}

/**
 * The files attached to the case (docs/files.md), by name: PDFs and images
 * open in a new tab, the rest download. Removed ones stay listed, struck
 * through, as the timeline records their removal.
 */
function CaseFiles({ caseId }: { caseId: string }) {
  const { tr, num, dateTime } = useI18n();
  const files = useApi<{ items: CaseFile[] }>(`/api/cases/${encodeURIComponent(caseId)}/files`);
  const items = files.data?.items ?? [];
  if (items.length === 0) return null;
  const viewable = (type: string) => type === 'application/pdf' || type.startsWith('image/');
  return (
    <section className="card" aria-labelledby="files-title">
      <h2 id="files-title">{tr('ไฟล์แนบ', 'Attached files')}</h2>
      <ul data-testid="case-files">
        {items.map((f) => (
          <li key={f.id}>
            {f.removedAt ? (
              <s>{f.name}</s>
            ) : (
              <a href={`/api/files/${f.id}${viewable(f.type) ? '?inline=true' : ''}`} {...(viewable(f.type) ? { target: '_blank', rel: 'noreferrer' } : { download: f.name })}>
                {f.name}
              </a>
            )}{' '}
            <span className="hint">
              ({num(Math.ceil(f.size / 1024))} KB · {dateTime(f.attachedAt)}
              {f.removedAt && <> · {tr('นำออกแล้ว', 'removed')} {dateTime(f.removedAt)}</>})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CasePage({ caseId }: { caseId: string }) {
  const { tr, pick, dateTime, lang } = useI18n();
  const view = useApi<CaseView>(`/api/cases/${encodeURIComponent(caseId)}`);
  const c = view.data;
  const graph = useApi<StateGraph>(c ? `/api/workflows/${encodeURIComponent(c.workflow.id)}/versions/${c.workflow.version}/graph` : null);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<Label | null>(null);

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
    return (type: string) => pick(map.get(type), type.endsWith('.done') ? tr('ขั้นตอนย่อยเสร็จสิ้น', 'Sub-step finished') : tr('ระบบดำเนินการ', 'System step'));
  }, [c, graph.data, pick, tr]);

  if (view.error && !c) return <ProblemMessage problem={view.error} />;
  if (!c) return <Loading />;

  const current = c.case.state.split(',');
  const visited = new Set(c.history.flatMap((h) => h.toState.split(',')));
  const taken = new Set(c.history.filter((h) => h.fromState).flatMap((h) => h.fromState!.split(',').flatMap((f) => h.toState.split(',').map((t) => `${f}->${t}`))));
  const now = new Date(c.now);

  return (
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
        </div>
      </div>
      {done && <Notice>{tr(`บันทึก "${done.th}" แล้ว`, `"${done.en}" recorded`)}</Notice>}
      {view.error && <ProblemMessage problem={view.error} />}
      <section className="card" aria-labelledby="diagram-title">
        <h2 id="diagram-title">{tr('ขั้นตอนของเรื่องนี้', 'Where it stands')}</h2>
        {graph.data ? <StateDiagram graph={graph.data} current={current} visited={visited} taken={taken} /> : graph.error ? <ProblemMessage problem={graph.error} /> : <Loading />}
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
                    <button key={e.type} type="button" className={`btn ${open === e.type ? 'btn-primary' : ''}`} aria-expanded={open === e.type} aria-controls={`form-${e.type}`} onClick={() => setOpen(open === e.type ? null : e.type)}>
                      {pick(e.label)}
                    </button>
                  ))}
                </div>
                {c.availableEvents
                  .filter((e) => e.type === open)
                  .map((e) => (
                    // keyed by the action only: a reload after a conflict (412) keeps what was typed
                    <div key={e.type} id={`form-${e.type}`} className="action-panel">
                      <h3>{pick(e.label)}</h3>
                      <EventForm
                        caseId={c.case.id}
                        revision={c.case.revision}
                        event={e}
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
                  ))}
              </>
            )}
          </section>
          <CaseFiles key={c.case.revision} caseId={c.case.id} />
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
                  </div>
                  {h.late && (
                    <div className="late" data-testid="late-mark">
                      <span className="badge badge-overdue">{tr('ดำเนินการหลังกำหนด', 'Done after the deadline')}</span> {pick(h.late.rule)} ·{' '}
                      {tr('กำหนด', 'due')} {dateTime(h.late.until)}
                    </div>
                  )}
                  {h.eventType === '@deadline.extended' && <ExtendedFields payload={h.payload} />}
                  {h.reason && <div className="why">“{h.reason}”</div>}
                  <PayloadFields payload={h.payload} schema={c.eventSchemas?.[h.eventType]?.payloadSchema} />
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
                      {tr('ขยายเวลาจาก', 'Extended from')} {x.from ? dateTime(x.from) : '—'} {tr('เป็น', 'to')} {dateTime(x.to)}: “{x.reason}”
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
  return overdue ? <span className="badge badge-overdue">{tr('เกินกำหนด', 'Overdue')}</span> : <span className="badge badge-open">{tr('กำลังนับ', 'Running')}</span>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/**
 * The payload of an event as labelled fields (labels from the event's schema,
 * `x-label`), values formatted by type: satang amounts in baht, dates in
 * พ.ศ., choices by their label. A field without a label, an id (a UUID) or a
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
      if (!label || v === null || v === undefined || v === '') continue;
      if (typeof v === 'object' && !Array.isArray(v)) {
        add(v as Record<string, unknown>, ps, `${prefix}${k}.`);
        continue;
      }
      const one = (x: unknown): string | null => {
        if (typeof x === 'boolean') return x ? tr('ใช่', 'Yes') : tr('ไม่ใช่', 'No');
        if (typeof x === 'number') {
          if (/Satang$/.test(k)) return `${(x / 100).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} ${tr('บาท', 'baht')}`;
          return x.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB');
        }
        if (typeof x !== 'string' || UUID.test(x)) return null;
        if (ISO_DATE.test(x)) return date(x);
        if (ISO_INSTANT.test(x)) return dateTime(x);
        const choice = enumLabelsOf(ps)[x];
        if (choice) return choice[lang];
        return /^[a-z]+(_[a-z]+)+$|^[a-z]+[A-Z]\w*$/.test(x) ? null : x;
      };
      const values = (Array.isArray(v) ? v : [v]).filter((x) => typeof x !== 'object').map(one).filter((x): x is string => x !== null);
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
  return Object.assign({}, ...[...(s.anyOf ?? []), ...(s.oneOf ?? [])].map(enumLabelsOf), s.items ? enumLabelsOf(s.items) : {}, s['x-enum-labels'] ?? {});
}
