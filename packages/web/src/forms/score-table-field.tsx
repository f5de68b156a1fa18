/**
 * A transfer request's scores as the working group enters them: the entered
 * components of the round's scoring table (GET
 * /api/transfer-requests/:caseId/scoring-table), one row each, the
 * sub-criterion chosen from a list labelled by its component (points shown),
 * and the total of what is chosen. Shown for a field marked
 * `x-widget: 'score-table'`; its value stays what the API takes
 * (`{ component: subCriterion }`), prefilled with the scores entered before
 * (a disputed score is entered again from what it was).
 */
import { useEffect } from 'react';
import { useI18n } from '../lib/i18n';
import { useApiGet } from '../lib/use-api';
import { Loading, ProblemMessage } from '../ui/feedback';

interface Props {
  caseId: string;
  id: string;
  label: string;
  value: unknown;
  onChange: (value: Record<string, string>) => void;
  error: string | undefined;
}

export function ScoreTableField({ caseId, id, label, value, onChange, error }: Props) {
  const { tr, pick, num } = useI18n();
  const table = useApiGet('/api/transfer-requests/{caseId}/scoring-table', { params: { path: { caseId } } });
  const entries = (value && typeof value === 'object' ? value : {}) as Record<string, string>;
  const empty = Object.keys(entries).length === 0;
  const before = table.data?.entries;
  useEffect(() => {
    if (empty && before && Object.keys(before).length > 0) onChange(before);
    // once, when the table arrives: what was entered before is where the group starts
  }, [before]);
  if (table.error) return <ProblemMessage problem={table.error} />;
  if (!table.data) return <Loading />;
  const points = (componentId: string) =>
    table.data!.components.find((c) => c.id === componentId)?.subCriteria.find((x) => x.id === entries[componentId])?.points;
  const total = table.data.components.reduce((sum, c) => sum + (points(c.id) ?? 0), 0);
  const captionId = `${id}-caption`;
  return (
    <div className="field" data-testid="score-table">
      <table className="table score-table" aria-labelledby={captionId} aria-describedby={error ? `${id}-error` : undefined}>
        <caption id={captionId}>
          {label}
          <span className="hint" data-testid="score-table-title">
            {' '}
            ({pick(table.data.title)})
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr('องค์ประกอบ', 'Component')}</th>
            <th scope="col">{tr('ระดับที่ได้', 'Level')}</th>
            <th scope="col">{tr('คะแนน', 'Points')}</th>
          </tr>
        </thead>
        <tbody>
          {table.data.components.map((c) => {
            const selectId = `${id}-${c.id}`;
            const got = points(c.id);
            return (
              <tr key={c.id}>
                <th scope="row">
                  <label htmlFor={selectId}>{pick(c.label)}</label>
                  <div className="hint">{pick(c.by)}</div>
                </th>
                <td data-label={tr('ระดับที่ได้', 'Level')}>
                  <select
                    id={selectId}
                    value={entries[c.id] ?? ''}
                    aria-required
                    onChange={(e) =>
                      onChange(
                        e.target.value === ''
                          ? Object.fromEntries(Object.entries(entries).filter(([k]) => k !== c.id))
                          : { ...entries, [c.id]: e.target.value },
                      )
                    }
                  >
                    <option value="">{tr('— เลือก —', '— choose —')}</option>
                    {c.subCriteria.map((x) => (
                      <option key={x.id} value={x.id}>
                        {pick(x.label)} ({tr(`${num(x.points)} คะแนน`, `${num(x.points)} points`)})
                      </option>
                    ))}
                  </select>
                </td>
                <td data-label={tr('คะแนน', 'Points')}>{got === undefined ? '—' : num(got)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {tr('รวมคะแนนที่บันทึก', 'Total entered')}
            </th>
            <td data-testid="score-total">{num(total)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="hint">
        {tr(
          'องค์ประกอบที่คำนวณจากข้อมูลของคำขอ (พื้นที่พิเศษ ระยะเวลาที่ปฏิบัติงาน) ระบบคำนวณให้',
          'The components computed from the request (special area, years at the school) are computed by the system.',
        )}
      </p>
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
