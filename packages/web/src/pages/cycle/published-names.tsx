/** The names on a salary round's published lists (GET /api/cycles/:id/publication), one table per band. */
import { useI18n } from '../../lib/i18n';
import { useApiGet } from '../../lib/use-api';
import { Loading, ProblemMessage } from '../../ui/feedback';

export function PublishedNames({ caseId }: { caseId: string }) {
  const { tr, lang, num } = useI18n();
  const { data, error } = useApiGet('/api/cycles/{caseId}/publication', { params: { path: { caseId } } });
  if (error) return <ProblemMessage problem={error} />;
  if (!data) return <Loading />;
  if (!data.publication) return null;
  return (
    <div data-testid="published-names">
      {data.lists.map((list) => (
        <details key={list.tier} open={data.lists.length === 1}>
          <summary>
            {lang === 'th' ? list.th : list.en} — {tr(`${num(list.entries.length)} คน`, `${num(list.entries.length)} people`)}
          </summary>
          <div className="table-wrap">
            <table className="table responsive">
              <thead>
                <tr>
                  <th scope="col">{tr('ชื่อ-สกุล', 'Name')}</th>
                  <th scope="col">{tr('สังกัด', 'School')}</th>
                  <th scope="col" className="num">
                    {tr('คะแนน', 'Score')}
                  </th>
                  {list.entries.some((e) => e.pctBp !== null) && (
                    <th scope="col" className="num">
                      {tr('ร้อยละที่เลื่อน', 'Raise %')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.entries.map((e) => (
                  <tr key={e.personnelNo}>
                    <td data-label={tr('ชื่อ-สกุล', 'Name')}>{lang === 'en' && e.nameEn ? e.nameEn : e.nameTh}</td>
                    <td data-label={tr('สังกัด', 'School')}>{e.schoolName ?? tr('สำนักงานเขต', 'Area office')}</td>
                    <td className="num" data-label={tr('คะแนน', 'Score')}>
                      {e.score === null ? '—' : num(e.score, 2)}
                    </td>
                    {e.pctBp !== null && (
                      <td className="num" data-label={tr('ร้อยละที่เลื่อน', 'Raise %')}>
                        {num(e.pctBp / 100, 2)}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </div>
  );
}
