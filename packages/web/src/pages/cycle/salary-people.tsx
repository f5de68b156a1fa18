/**
 * A salary round's people (GET /api/salary-rounds/:id/people): each person's
 * appraiser by the line of command (Act ม.72) and whether they acknowledged
 * the appraisal result told to them (seed-000 step 7), with counts.
 */
import { Link } from 'wouter';
import { roleLabel } from '../../lib/roles';
import { useI18n } from '../../lib/i18n';
import { useApiGet } from '../../lib/use-api';
import { Empty, Loading, ProblemMessage } from '../../ui/feedback';
import type { ApiOk } from '../../lib/api-types';

/** one row of GET /api/salary-rounds/:caseId/people (`salaryRoundPeople`) */
type Person = ApiOk<'salaryRoundPeople'>['items'][number];

const TOLD = new Set([
  'appraisalNotified',
  'raiseNotified',
  'notRaisedNotified',
  'raiseWindow',
  'notRaisedWindow',
  'grievance',
  'amending',
  'raised',
  'notRaised',
]); // raiseWindow, notRaisedWindow: salary-raise 4

export function SalaryRoundPeople({ caseId }: { caseId: string }) {
  const { tr, pick, num, dateTime } = useI18n();
  const people = useApiGet('/api/salary-rounds/{caseId}/people', { params: { path: { caseId } } });
  if (people.error && !people.data) return <ProblemMessage problem={people.error} />;
  if (!people.data) return <Loading />;
  const items = people.data.items;
  const told = items.filter((p) => TOLD.has(p.state) || p.acknowledgedAt !== null);
  const acknowledged = items.filter((p) => p.acknowledgedAt !== null);
  const appraiserText = (p: Person) =>
    p.appraiser === null
      ? '—'
      : p.appraiser.role === 'school_director'
        ? tr('ผู้อำนวยการสถานศึกษา', 'School director')
        : pick(roleLabel(p.appraiser.role));
  return (
    <section className="card" aria-labelledby="round-people-title" data-testid="salary-people">
      <h2 id="round-people-title">{tr('ผู้ประเมินและการรับทราบผลการประเมิน', 'Appraisers and acknowledgements')}</h2>
      <p data-testid="acknowledged-count">
        {tr(
          `รับทราบผลการประเมินแล้ว ${num(acknowledged.length)} จาก ${num(told.length)} คนที่แจ้งผลแล้ว`,
          `${num(acknowledged.length)} of the ${num(told.length)} told have acknowledged their result`,
        )}
      </p>
      {items.length === 0 ? (
        <Empty>{tr('ยังไม่ได้เปิดการประเมินรายบุคคล', 'The appraisals are not open yet')}</Empty>
      ) : (
        <details>
          <summary>{tr(`รายชื่อ ${num(items.length)} คน`, `${num(items.length)} people`)}</summary>
          <div className="table-wrap">
            <table className="table responsive">
              <thead>
                <tr>
                  <th scope="col">{tr('ชื่อ-สกุล', 'Name')}</th>
                  <th scope="col">{tr('สังกัด', 'School')}</th>
                  <th scope="col">{tr('ผู้ประเมิน', 'Appraiser')}</th>
                  <th scope="col">{tr('รับทราบผลการประเมิน', 'Acknowledged')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.caseId}>
                    <td data-label={tr('ชื่อ-สกุล', 'Name')}>
                      <Link href={`/cases/${p.caseId}`}>{p.nameTh}</Link>
                    </td>
                    <td data-label={tr('สังกัด', 'School')}>{p.schoolName ?? tr('สำนักงานเขต', 'Area office')}</td>
                    <td data-label={tr('ผู้ประเมิน', 'Appraiser')}>{appraiserText(p)}</td>
                    <td data-label={tr('รับทราบผลการประเมิน', 'Acknowledged')}>
                      {p.acknowledgedAt ? (
                        <span className="badge badge-ok">{dateTime(p.acknowledgedAt)}</span>
                      ) : (
                        <span className="muted">{tr('ยังไม่รับทราบ', 'Not yet')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
