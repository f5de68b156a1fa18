/**
 * Choosing a person of my office by typing part of a name (Thai or English)
 * or the first digits of a citizen id: GET /api/offices/:officeId/people?q=
 * (at most 20; "type more" when there are others). Each match shows the
 * name, the school (or the office) and the citizen id as the import report
 * shows it (1-2345-67890-12-1); a person who already has an account shows
 * its username and cannot be chosen. Ids stay inside: the person never sees
 * one.
 */
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../lib/i18n';
import type { ApiOk } from '../../lib/api-types';
import { useApiGet } from '../../lib/use-api';
import { ProblemMessage } from '../../ui/feedback';

/** a person of the office as GET /api/offices/:officeId/people answers (`listOfficePeople`) */
export type FoundPerson = ApiOk<'listOfficePeople'>['items'][number];

/** 1-2345-67890-12-1, as the citizen id card prints it. */
export function formatCitizenId(id: string): string {
  return /^\d{13}$/.test(id) ? `${id[0]}-${id.slice(1, 5)}-${id.slice(5, 10)}-${id.slice(10, 12)}-${id[12]}` : id;
}

export function PersonPicker({
  officeId,
  value,
  onChange,
}: {
  officeId: string;
  value: FoundPerson | null;
  onChange: (person: FoundPerson | null) => void;
}) {
  const { tr, lang } = useI18n();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const inputId = useId();
  const listId = useId();
  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(t);
  }, [q]);
  const ready = query.length >= 2;
  const { data, error, loading } = useApiGet(
    '/api/offices/{officeId}/people',
    ready && !value ? { params: { path: { officeId }, query: { q: query.slice(0, 100) } } } : null,
  );
  const name = (p: FoundPerson) => (lang === 'en' && p.nameEn ? p.nameEn : p.nameTh);
  const school = (p: FoundPerson) =>
    p.school ? (lang === 'en' && p.school.nameEn ? p.school.nameEn : p.school.nameTh) : tr('สำนักงานเขต', 'The office');

  if (value) {
    return (
      <div className="field">
        <span id={`${inputId}-chosen`}>{tr('บุคลากร', 'Person')}</span>
        <div className="adm-picked" aria-labelledby={`${inputId}-chosen`} data-testid="picked-person">
          <div>
            <strong>{name(value)}</strong>
            {lang === 'en' && value.nameEn && <span className="muted adm-small"> ({value.nameTh})</span>}
            <br />
            <span className="muted adm-small">
              {school(value)}
              {value.position && ` · ${value.position}`}
              {value.citizenId && ` · ${formatCitizenId(value.citizenId)}`}
            </span>
          </div>
          <button type="button" className="btn btn-ghost" onClick={() => onChange(null)}>
            {tr('เปลี่ยนบุคคล', 'Choose someone else')}
          </button>
        </div>
      </div>
    );
  }

  // while typing or loading the last list is hidden: a click must never choose from an older search
  const settled = ready && !loading && q.trim() === query;
  const items = settled ? (data?.items ?? []) : [];
  return (
    <div className="field">
      <label htmlFor={inputId}>
        <strong>{tr('บุคลากร', 'Person')}</strong>{' '}
        <span className="hint">{tr('(พิมพ์ชื่อ นามสกุล หรือเลขประจำตัวประชาชน)', '(type a name or a citizen id)')}</span>
      </label>
      <input
        id={inputId}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        aria-controls={listId}
        aria-describedby={`${listId}-status`}
        placeholder={tr('เช่น สมศรี หรือ 1-2345', 'e.g. Somsri or 1-2345')}
      />
      <ProblemMessage problem={error} />
      <span id={`${listId}-status`} className="muted adm-small" role="status" aria-live="polite">
        {!ready
          ? tr('พิมพ์อย่างน้อย 2 ตัวอักษร', 'Type at least 2 characters')
          : !settled
            ? tr('กำลังค้นหา…', 'Searching…')
            : items.length === 0
              ? tr(
                  'ไม่พบบุคลากรในสังกัดที่ตรงกับคำค้น (นำเข้าบุคลากรได้ที่หน้านำเข้าข้อมูล)',
                  'No one of the office matches (import staff on the Import page)',
                )
              : data?.more
                ? tr(`แสดง ${items.length} คนแรก พิมพ์เพิ่มเพื่อให้แคบลง`, `The first ${items.length} shown; type more to narrow down`)
                : tr(`พบ ${items.length} คน`, `${items.length} found`)}
      </span>
      {items.length > 0 && (
        <ul id={listId} className="adm-people" aria-label={tr('ผลการค้นหาบุคลากร', 'People found')}>
          {items.map((p) => (
            <li key={p.id}>
              <button type="button" className="adm-person" disabled={p.user !== null} onClick={() => onChange(p)}>
                <strong>{name(p)}</strong>
                {lang === 'en' && p.nameEn && <span className="muted"> ({p.nameTh})</span>}
                <span className="muted adm-small">
                  {' · '}
                  {school(p)}
                  {p.citizenId && ` · ${formatCitizenId(p.citizenId)}`}
                </span>
                {p.user && (
                  <span className="badge badge-neutral">{tr(`มีบัญชีแล้ว: ${p.user.username}`, `Has an account: ${p.user.username}`)}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
