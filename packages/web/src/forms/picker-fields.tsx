/**
 * The fields of a schema form whose value is an id that a person chooses by
 * name, never types (`x-picker` in the presented schema, set from the
 * workflows' labels): a person of the office, a person's account (`user`:
 * only people who have one can be chosen), or a school of the office. The
 * person picker searches the office's directory by name
 * (GET /api/offices/:officeId/directory/people?q=, anyone holding a role in
 * the office; no citizen ids) as the users page's picker does
 * (pages/admin/person-picker.tsx); the school picker is a list of the
 * office's schools (GET /api/offices/:officeId/schools). The id stays inside:
 * the person reads names only. Choosing a person also fills the group's
 * `name` (and `personId` beside a `userId`) when it has such fields; choosing
 * a school fills its `schoolName`.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { ApiOk } from '../lib/api-types';
import { useApiGet } from '../lib/use-api';
import { ProblemMessage } from '../ui/feedback';

export type PickerKind = 'person' | 'user' | 'school';

/** a person of the office's directory (`searchOfficeDirectory`) */
export type DirectoryPerson = ApiOk<'searchOfficeDirectory'>['items'][number];
type School = ApiOk<'listSchools'>['items'][number];

/** What choosing tells the group around the field: its id, and the values of sibling fields it can fill. */
export interface Picked {
  id: string;
  siblings: Record<string, unknown>;
}

interface Props {
  kind: PickerKind;
  id: string;
  label: string;
  optional: boolean;
  hint: string | undefined;
  value: unknown;
  onPick: (picked: Picked | null) => void;
  describedBy: string | undefined;
  invalid: boolean;
  required: boolean;
}

export function PickerField(props: Props) {
  return props.kind === 'school' ? <SchoolPicker {...props} /> : <PersonPickerField {...props} />;
}

/** The field's name, a `<label>` for the control when there is one to type in or choose from. */
function FieldName({
  id,
  label,
  optional,
  hint,
  forControl,
}: {
  id: string;
  label: string;
  optional: boolean;
  hint: string | undefined;
  forControl: boolean;
}) {
  const { tr } = useI18n();
  const text = (
    <>
      {label} {optional && <span className="hint">{tr('(ไม่บังคับ)', '(optional)')}</span>}
    </>
  );
  return (
    <>
      {forControl ? <label htmlFor={id}>{text}</label> : <span id={`${id}-name`}>{text}</span>}
      {hint && forControl && <span className="hint">{hint}</span>}
    </>
  );
}

function SchoolPicker({ id, label, optional, hint, value, onPick, describedBy, invalid, required }: Props) {
  const { tr, lang } = useI18n();
  const { officeId } = useSession();
  const schools = useApiGet('/api/offices/{officeId}/schools', officeId ? { params: { path: { officeId } } } : null);
  const name = (s: School) => (lang === 'en' && s.nameEn ? s.nameEn : s.nameTh);
  const items = [...(schools.data?.items ?? [])].sort((a, b) => name(a).localeCompare(name(b), lang === 'th' ? 'th' : 'en'));
  return (
    <>
      <FieldName id={id} label={label} optional={optional} hint={hint} forControl />
      <select
        id={id}
        data-picker="school"
        value={typeof value === 'string' ? value : ''}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        onChange={(e) => {
          const s = items.find((x) => x.id === e.target.value);
          onPick(s ? { id: s.id, siblings: { schoolName: s.nameTh } } : null);
        }}
      >
        <option value="">
          {schools.data ? tr('— เลือกโรงเรียน —', '— choose a school —') : tr('กำลังโหลดรายชื่อโรงเรียน…', 'Loading the schools…')}
        </option>
        {/* a value that is not one of the office's schools (another area's) stays as it is, named as such */}
        {typeof value === 'string' && value !== '' && schools.data && !items.some((s) => s.id === value) && (
          <option value={value}>{tr('โรงเรียนนอกสังกัด', 'A school of another office')}</option>
        )}
        {items.map((s) => (
          <option key={s.id} value={s.id}>
            {name(s)}
          </option>
        ))}
      </select>
      <ProblemMessage problem={schools.error} />
    </>
  );
}

function PersonPickerField({ kind, id, label, optional, hint, value, onPick, describedBy, invalid, required }: Props) {
  const { tr, lang } = useI18n();
  const { officeId } = useSession();
  const [chosen, setChosen] = useState<DirectoryPerson | null>(null);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(t);
  }, [q]);
  const valueId = typeof value === 'string' && value !== '' ? value : null;
  const shown = chosen && valueId === (kind === 'user' ? chosen.userId : chosen.id) ? chosen : null;
  const ready = query.length >= 2 && !valueId;
  const found = useApiGet(
    '/api/offices/{officeId}/directory/people',
    ready && officeId ? { params: { path: { officeId }, query: { q: query.slice(0, 100) } } } : null,
  );
  const name = (p: DirectoryPerson) => (lang === 'en' && p.nameEn ? p.nameEn : p.nameTh);
  const where = (p: DirectoryPerson) =>
    [p.school ? (lang === 'en' && p.school.nameEn ? p.school.nameEn : p.school.nameTh) : tr('สำนักงานเขต', 'The office'), p.position]
      .filter(Boolean)
      .join(' · ');
  const listId = `${id}-found`;
  const statusId = `${id}-status`;

  if (valueId) {
    return (
      <>
        <FieldName id={id} label={label} optional={optional} hint={hint} forControl={false} />
        <div className="adm-picked" data-picker={kind} data-testid="picked" role="group" aria-labelledby={`${id}-name`}>
          <div>
            <strong id={id}>{shown ? name(shown) : tr('เลือกไว้แล้ว', 'Chosen')}</strong>
            {shown && (
              <>
                <br />
                <span className="muted adm-small">{where(shown)}</span>
              </>
            )}
          </div>
          <button
            type="button"
            className="btn btn-ghost"
            aria-describedby={describedBy}
            onClick={() => {
              setChosen(null);
              onPick(null);
            }}
          >
            {tr('เลือกคนอื่น', 'Choose someone else')}
          </button>
        </div>
      </>
    );
  }

  const settled = ready && !found.loading && q.trim() === query;
  const items = settled ? (found.data?.items ?? []) : [];
  return (
    <>
      <FieldName id={id} label={label} optional={optional} hint={hint} forControl />
      <input
        id={id}
        type="search"
        data-picker={kind}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        aria-controls={listId}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={[statusId, describedBy].filter(Boolean).join(' ')}
        placeholder={tr('พิมพ์ชื่อหรือนามสกุล', 'Type a name')}
      />
      <ProblemMessage problem={found.error} />
      <span id={statusId} className="muted adm-small" role="status" aria-live="polite">
        {!ready
          ? tr('พิมพ์ชื่ออย่างน้อย 2 ตัวอักษรเพื่อค้นหา', 'Type at least 2 letters of a name to search')
          : !settled
            ? tr('กำลังค้นหา…', 'Searching…')
            : items.length === 0
              ? tr('ไม่พบบุคลากรในสังกัดที่ตรงกับคำค้น', 'No one of the office matches')
              : found.data?.more
                ? tr(`แสดง ${items.length} คนแรก พิมพ์เพิ่มเพื่อให้แคบลง`, `The first ${items.length} shown; type more to narrow down`)
                : tr(`พบ ${items.length} คน`, `${items.length} found`)}
      </span>
      {items.length > 0 && (
        <ul id={listId} className="adm-people" aria-label={tr('ผลการค้นหาบุคลากร', 'People found')}>
          {items.map((p) => {
            const pickable = kind !== 'user' || p.userId !== null;
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="adm-person"
                  disabled={!pickable}
                  onClick={() => {
                    setChosen(p);
                    setQ('');
                    onPick({
                      id: kind === 'user' ? p.userId! : p.id,
                      siblings: { name: p.nameTh, ...(kind === 'user' ? { personId: p.id } : {}) },
                    });
                  }}
                >
                  <strong>{name(p)}</strong>
                  <span className="muted adm-small"> · {where(p)}</span>
                  {!pickable && <span className="badge badge-neutral">{tr('ยังไม่มีบัญชีผู้ใช้', 'Has no account')}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
