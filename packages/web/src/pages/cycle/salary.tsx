/**
 * What a salary round (`salary-round`) has decided so far, read from its own
 * history (packages/workflows/src/salary/salary-round.machine.ts):
 * - the policy: the `@start` row carries the round's parameters (pool %, cap,
 *   tiers, which tiers are published);
 * - who was considered: BEGIN_APPRAISAL {considered, ineligible[] with reasons};
 * - the budget pool used: the latest ALLOCATION_PROPOSED {poolSatang,
 *   allocatedSatang, eligibleSalaryTotalSatang, raisedCount, considered} and
 *   the committees' resolutions after it;
 * - the published lists: RESULTS_PUBLISHED {announcementRef, listed per tier,
 *   windowEndsAt}; the orders: ORDERS_ISSUED {orders[]}.
 * The names on the published lists are not in the round's history (only how
 * many per tier); the page says so.
 */
import { PublishedNames } from './published-names';
import { SalaryAllocation } from './salary-allocation';
import type { Label } from '../../lib/api';
import { formatBaht } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { Meter } from '../../ui/charts-extra';
import { OfficialDocuments } from '../../ui/official-documents';
import type { HistoryEntry } from './types';
import type { EventPayload, WorkflowInput } from '../../lib/api-types';

/*
 * The round's decisions as its history rows hold them, typed by the API
 * document's schemas: the `@start` row holds the round's input, each event's
 * row its payload (history payloads come as `unknown`; they are the payloads
 * these schemas validated when they were sent).
 */
type RoundParams = Partial<WorkflowInput<'salary-round'>>;
type Policy = NonNullable<RoundParams['policy']>;
type Allocation = EventPayload<'ALLOCATION_PROPOSED'>;
type Publication = EventPayload<'RESULTS_PUBLISHED'>;
type Appraisal = EventPayload<'BEGIN_APPRAISAL'>;
type Orders = EventPayload<'ORDERS_ISSUED'>;

/** From the allocation on: the committee's allocation (pools, ranges, people) is shown on the round's page. */
const ALLOCATED_STATES = ['allocating', 'budgetReview', 'approval', 'publishing', 'ordering', 'grievanceWindow', 'settling', 'closed'];

const last = (history: HistoryEntry[], ...types: string[]) => [...history].reverse().find((h) => types.includes(h.eventType));
const asObject = <T,>(v: unknown): T | null => (typeof v === 'object' && v !== null ? (v as T) : null);

/** Basis points as a per cent: 300 → "3", 250 → "2.5". */
function pct(bp: number | undefined, num: (n: number, d?: number) => string): string {
  if (bp === undefined) return '—';
  return num(bp / 100, bp % 100 === 0 ? 0 : 2);
}

export function SalaryRoundSections({ caseId, history, state }: { caseId: string; history: HistoryEntry[]; state: string }) {
  const { tr, pick, date, dateTime, num, lang } = useI18n();
  const baht = (s: number) => formatBaht(s, lang);
  const params = asObject<RoundParams>(history.find((h) => h.eventType === '@start')?.payload) ?? {};
  const tiers = params.tiers ?? [];
  const tierName = (code: string) => {
    const t = tiers.find((x) => x.code === code);
    return t ? pick({ th: t.th, en: t.en } satisfies Label) : code;
  };

  const appraisal = last(history, 'BEGIN_APPRAISAL');
  const appraisalPayload = asObject<Appraisal>(appraisal?.payload);
  const proposalEntry = last(history, 'ALLOCATION_PROPOSED');
  const proposal = asObject<Allocation>(proposalEntry?.payload);
  const after = proposalEntry ? history.filter((h) => h.seq > proposalEntry.seq) : [];
  const resolutions = after.filter((h) => ['BUDGET_APPROVED', 'BUDGET_RETURNED', 'ROUND_APPROVED', 'ROUND_REFUSED'].includes(h.eventType));
  const lastResolution = resolutions.at(-1);
  const publicationEntry = last(history, 'RESULTS_PUBLISHED');
  const publication = asObject<Publication>(publicationEntry?.payload);
  const ordersEntry = last(history, 'ORDERS_ISSUED');
  const orders = asObject<Orders>(ordersEntry?.payload)?.orders ?? [];
  const policy = proposal?.policy ?? params.policy;

  const policyText = (p: Policy | undefined) => {
    if (!p) return '—';
    if (p.kind === 'band_ranges') {
      return tr(
        `วงเงินแยกตามกลุ่มบุคลากร กลุ่มละร้อยละ ${pct(p.poolBp, num)} ของเงินเดือนรวมของกลุ่ม; ร้อยละของแต่ละคนอยู่ในช่วงของระดับผลการประเมินที่คณะกรรมการกำหนด; เลื่อนได้ไม่เกินร้อยละ ${pct(p.capBp, num)} ของฐานในการคำนวณ`,
        `A pool per group of ${pct(p.poolBp, num)}% of its salaries; each person's % within the committee's range for their band; at most ${pct(p.capBp, num)}% of the base per person`,
      );
    }
    const pool = tr(
      `วงเงินร้อยละ ${pct(p.poolBp, num)} ของเงินเดือนรวมของผู้มีสิทธิ์`,
      `Pool of ${pct(p.poolBp, num)}% of the eligible salary total`,
    );
    const cap = tr(`เลื่อนได้ไม่เกินร้อยละ ${pct(p.capBp, num)} ของฐานในการคำนวณ`, `at most ${pct(p.capBp, num)}% of the base per person`);
    if (p.kind === 'headcount_quota') {
      const quota = tr(
        `โควตาร้อยละ ${pct(p.quotaShareBp, num)} ของจำนวนคนแต่ละโรงเรียน ได้ร้อยละ ${pct(p.quotaRaiseBp, num)} ผู้ผ่านเกณฑ์อื่นได้ร้อยละ ${pct(p.standardRaiseBp, num)}`,
        `quota of ${pct(p.quotaShareBp, num)}% of each school's staff at ${pct(p.quotaRaiseBp, num)}%, others who pass at ${pct(p.standardRaiseBp, num)}%`,
      );
      return `${pool}; ${quota}; ${cap}`;
    }
    return `${pool}; ${cap}`;
  };

  const resolutionText = (type: string | undefined) => {
    switch (type) {
      case 'BUDGET_APPROVED':
        return {
          tone: 'badge-open',
          text: tr('คณะกรรมการบริหารวงเงินเห็นชอบ รอ อ.ก.ค.ศ.', 'Budget committee approved; awaiting the sub-committee'),
        };
      case 'BUDGET_RETURNED':
        return { tone: 'badge-risk', text: tr('คณะกรรมการให้ปรับการจัดสรร', 'Returned by the budget committee') };
      case 'ROUND_APPROVED':
        return { tone: 'badge-ok', text: tr('อ.ก.ค.ศ. เห็นชอบแล้ว', 'Approved by the sub-committee') };
      case 'ROUND_REFUSED':
        return { tone: 'badge-overdue', text: tr('อ.ก.ค.ศ. ไม่เห็นชอบ', 'Refused by the sub-committee') };
      default:
        return { tone: 'badge-neutral', text: tr('เสนอแล้ว รอคณะกรรมการพิจารณา', 'Proposed; awaiting the committee') };
    }
  };

  const listed = publication ? Object.entries(publication.listed) : [];
  const publishTiers = params.publishTiers ?? [];

  return (
    <>
      {params.policy?.kind === 'band_ranges' && ALLOCATED_STATES.includes(state) && <SalaryAllocation key={state} caseId={caseId} />}
      <div className="grid-2 sv-grid-even">
        <section className="card" aria-labelledby="budget-title" data-testid="salary-budget">
          <h2 id="budget-title">{tr('วงเงินเลื่อนเงินเดือน', 'Budget pool')}</h2>
          <p className="muted sv-small">{policyText(policy)}</p>
          {proposal ? (
            <>
              <p>
                <span className={`badge ${resolutionText(lastResolution?.eventType).tone}`}>
                  {resolutionText(lastResolution?.eventType).text}
                </span>{' '}
                <span className="muted sv-small">
                  {tr('เสนอเมื่อ', 'Proposed')} {dateTime(proposalEntry?.at)}
                </span>
              </p>
              <Meter
                label={tr('ใช้วงเงินไปแล้ว', 'Pool used')}
                value={proposal.allocatedSatang}
                max={proposal.poolSatang}
                tone={proposal.allocatedSatang > proposal.poolSatang ? 'overdue' : 'ok'}
                text={`${baht(proposal.allocatedSatang)} / ${baht(proposal.poolSatang)} (${proposal.poolSatang > 0 ? num((proposal.allocatedSatang / proposal.poolSatang) * 100, 1) : '—'}%)`}
              />
              <dl className="facts">
                <dt>{tr('วงเงิน', 'Pool')}</dt>
                <dd>{baht(proposal.poolSatang)}</dd>
                <dt>{tr('จัดสรรแล้ว', 'Allocated')}</dt>
                <dd>{baht(proposal.allocatedSatang)}</dd>
                <dt>{tr('คงเหลือ', 'Unused')}</dt>
                <dd>{baht(proposal.poolSatang - proposal.allocatedSatang)}</dd>
                <dt>{tr('เงินเดือนรวมของผู้มีสิทธิ์', 'Eligible salary total')}</dt>
                <dd>{baht(proposal.eligibleSalaryTotalSatang)}</dd>
                <dt>{tr('ผู้ได้เลื่อน', 'People raised')}</dt>
                <dd>
                  {tr(
                    `${num(proposal.raisedCount)} จาก ${num(proposal.considered)} คน`,
                    `${num(proposal.raisedCount)} of ${num(proposal.considered)}`,
                  )}
                </dd>
              </dl>
            </>
          ) : (
            <p className="empty">
              {tr(
                'ยังไม่ได้จัดสรรวงเงิน: คำนวณเมื่อแจ้งผลการประเมินครบแล้ว (ขั้นตอน “จัดทำข้อเสนอการเลื่อนเงินเดือนตามวงเงิน”)',
                'Not allocated yet: the allocation is computed once everyone has been told their appraisal result (step “Prepare the allocation within the budget”).',
              )}
            </p>
          )}
          {resolutions.length > 0 && (
            <>
              <h3>{tr('มติที่เกี่ยวกับการจัดสรรครั้งนี้', 'Resolutions on this allocation')}</h3>
              <ul className="sv-list">
                {resolutions.map((r) => (
                  <li key={r.seq}>
                    <span className={`badge ${resolutionText(r.eventType).tone}`}>{resolutionText(r.eventType).text}</span>{' '}
                    <span className="muted sv-small">{dateTime(r.at)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section className="card" aria-labelledby="considered-title" data-testid="salary-considered">
          <h2 id="considered-title">{tr('ผู้ได้รับการพิจารณา', 'Who is considered')}</h2>
          {appraisalPayload ? (
            <>
              <div className="stats sv-dash-stats">
                <div className="stat">
                  <strong>{num(appraisalPayload.considered)}</strong>
                  <span>{tr('ได้รับการพิจารณา', 'Considered')}</span>
                </div>
                <div className="stat">
                  <strong>{num(appraisalPayload.ineligible.length)}</strong>
                  <span>{tr('ไม่อยู่ในเกณฑ์', 'Not eligible')}</span>
                </div>
              </div>
              {appraisalPayload.ineligible.length > 0 && (
                <details>
                  <summary>{tr('รายชื่อผู้ไม่อยู่ในเกณฑ์ได้รับการพิจารณา และเหตุผล', 'Who is not considered, and why')}</summary>
                  <div className="table-wrap">
                    <table className="table responsive">
                      <thead>
                        <tr>
                          <th scope="col">{tr('ชื่อ', 'Name')}</th>
                          <th scope="col">{tr('เลขประจำตัว', 'Personnel no.')}</th>
                          <th scope="col">{tr('เหตุผล', 'Reasons')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {appraisalPayload.ineligible.map((p) => (
                          <tr key={p.personnelNo}>
                            <td data-label={tr('ชื่อ', 'Name')}>{p.nameTh}</td>
                            <td data-label={tr('เลขประจำตัว', 'Personnel no.')}>{p.personnelNo}</td>
                            <td data-label={tr('เหตุผล', 'Reasons')}>{p.reasons.map((r) => pick({ th: r.th, en: r.en })).join('; ')}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              )}
            </>
          ) : (
            <p className="empty">{tr('ยังไม่ได้เปิดการประเมินรายบุคคล', 'The appraisals are not open yet')}</p>
          )}
          {tiers.length > 0 && (
            <>
              <h3>{tr('ระดับผลการประเมิน', 'Appraisal bands')}</h3>
              <ul className="sv-list sv-tiers">
                {[...tiers]
                  .sort((a, b) => b.minScore - a.minScore)
                  .map((t) => (
                    <li key={t.code}>
                      {pick({ th: t.th, en: t.en })}{' '}
                      <span className="muted sv-small">({tr(`ตั้งแต่ ${num(t.minScore)} คะแนน`, `from ${num(t.minScore)}`)})</span>
                      {publishTiers.includes(t.code) && <span className="badge badge-open">{tr('ประกาศรายชื่อ', 'Published')}</span>}
                    </li>
                  ))}
              </ul>
            </>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="lists-title" data-testid="salary-published">
        <h2 id="lists-title">{tr('รายชื่อที่ประกาศ', 'Published lists')}</h2>
        {publication ? (
          <>
            <dl className="facts">
              <dt>{tr('ประกาศ', 'Announcement')}</dt>
              <dd>{publication.announcementRef}</dd>
              <dt>{tr('ประกาศเมื่อ', 'Published')}</dt>
              <dd>{dateTime(publicationEntry?.at)}</dd>
              <dt>{tr('ร้องทุกข์ได้ถึง', 'Grievances until')}</dt>
              <dd>{dateTime(publication.windowEndsAt)}</dd>
            </dl>
            <div className="table-wrap">
              <table className="table responsive">
                <caption className="visually-hidden">{tr('จำนวนรายชื่อที่ประกาศ แยกตามระดับ', 'Names published per band')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('ระดับผลการประเมิน', 'Band')}</th>
                    <th scope="col" className="num">
                      {tr('จำนวนรายชื่อ', 'Names')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {listed.map(([code, n]) => (
                    <tr key={code}>
                      <td data-label={tr('ระดับผลการประเมิน', 'Band')}>{tierName(code)}</td>
                      <td className="num" data-label={tr('จำนวนรายชื่อ', 'Names')}>
                        {num(n)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PublishedNames caseId={caseId} />
          </>
        ) : (
          <p className="empty">
            {tr(
              `ยังไม่ได้ประกาศ: ประกาศรายชื่อระดับ${publishTiers.map(tierName).join(' และ ') || '—'} หลัง อ.ก.ค.ศ. เห็นชอบ`,
              `Not published yet: the ${publishTiers.map(tierName).join(' and ') || '—'} lists are published once the sub-committee approves.`,
            )}
          </p>
        )}
        {publication && (
          <OfficialDocuments
            documents={[
              {
                href: `/api/cycles/${encodeURIComponent(caseId)}/documents/announcement.pdf`,
                label: { th: 'ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก', en: 'Announcement of the names rated excellent and very good' },
                testId: 'doc-announcement',
              },
              {
                href: `/api/cycles/${encodeURIComponent(caseId)}/documents/salary-notices.pdf`,
                label: { th: 'หนังสือแจ้งผลการเลื่อนเงินเดือนรายบุคคล (ทุกคน)', en: 'Every person’s salary notice' },
                testId: 'doc-salary-notices',
              },
              {
                href: `/api/cycles/${encodeURIComponent(caseId)}/documents/salary-notices.pdf?only=not_raised`,
                label: { th: 'หนังสือแจ้งเหตุผลผู้ไม่ได้เลื่อนเงินเดือน (มาตรา 73)', en: 'Notices with the reasons to those not raised (s.73)' },
                testId: 'doc-salary-notices-not-raised',
              },
              ...orders.map((o, i) => ({
                href: `/api/cycles/${encodeURIComponent(caseId)}/documents/salary-order.pdf?order=${i + 1}`,
                docxHref: `/api/cycles/${encodeURIComponent(caseId)}/documents/salary-order.docx?order=${i + 1}`,
                label: { th: `${o.ref} พร้อมบัญชีแนบท้าย (${o.count} คน)`, en: `${o.ref} with its attached list (${o.count} people)` },
                testId: `doc-salary-order-${i + 1}`,
              })),
            ]}
          />
        )}
        {publication && (
          <p>
            <a
              className="btn btn-ghost"
              href={`/api/cycles/${encodeURIComponent(caseId)}/documents/salary-lists.xlsx`}
              download
              data-testid="salary-lists-xlsx"
            >
              {tr('บัญชีรายชื่อและบัญชีการเลื่อนเงินเดือน (Excel)', 'The lists and the raises (Excel)')}
            </a>
          </p>
        )}
        {orders.length > 0 && (
          <>
            <h3>{tr('คำสั่งเลื่อนเงินเดือน', 'Salary orders')}</h3>
            <div className="table-wrap">
              <table className="table responsive">
                <thead>
                  <tr>
                    <th scope="col">{tr('เลขที่คำสั่ง', 'Order')}</th>
                    <th scope="col">{tr('ลงวันที่', 'Dated')}</th>
                    <th scope="col">{tr('ผู้ลงนาม', 'Signed by')}</th>
                    <th scope="col" className="num">
                      {tr('จำนวนคน', 'People')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {orders.map((o) => (
                    <tr key={o.ref}>
                      <td data-label={tr('เลขที่คำสั่ง', 'Order')}>{o.ref}</td>
                      <td data-label={tr('ลงวันที่', 'Dated')}>{date(o.issuedOn)}</td>
                      <td data-label={tr('ผู้ลงนาม', 'Signed by')}>
                        {o.authority === 'area_director'
                          ? tr('ผู้อำนวยการสำนักงานเขตพื้นที่', 'Area director')
                          : tr('ผู้อำนวยการสถานศึกษา', 'School director')}
                      </td>
                      <td className="num" data-label={tr('จำนวนคน', 'People')}>
                        {num(o.count)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {state === 'publishing' && !publication && (
          <p className="muted sv-small">{tr('รอบนี้อยู่ในขั้นตอนประกาศผล', 'This round is at the publishing step')}</p>
        )}
      </section>
    </>
  );
}
