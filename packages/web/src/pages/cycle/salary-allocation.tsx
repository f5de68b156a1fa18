/**
 * The budget committee's allocation of a salary round (version 3, allocated
 * by band ranges and pools; docs/workflows/salary-round.md "The committee's
 * allocation"): the % range of each band, editable; the groups pooled per
 * school; the people of each pool with the computed suggestion and a field
 * for the committee's own % and its reason; a meter per pool (used / left,
 * red when over) recomputed as the committee types, with the same money
 * arithmetic as the server (the % of the calculation base, rounded per the
 * round, never past the top of the scale). Saving sends the ranges or the
 * decisions; the server checks the same rules and names the pool a refusal
 * is about.
 *
 * API: GET /api/salary-rounds/:id/allocation, PUT …/allocation/ranges,
 * PUT …/allocation/overrides (each save with an Idempotency-Key kept until
 * it succeeds).
 */
import { useMemo, useRef, useState } from 'react';
import { ApiProblem, client, newIdempotencyKey } from '../../lib/api';
import { formatBaht } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiGet } from '../../lib/use-api';
import { Meter } from '../../ui/charts-extra';
import { Loading, Notice, ProblemMessage } from '../../ui/feedback';
import type { ApiBody, ApiOk } from '../../lib/api-types';

/** GET /api/salary-rounds/:caseId/allocation (`salaryAllocationProposal`) */
export type AllocationView = ApiOk<'salaryAllocationProposal'>;
type Person = AllocationView['people'][number];
type Range = NonNullable<Person['range']>;

/** 350 → "3.50" */
export const pctText = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;

/** "3.5" / "3,50" → 350; null when not a % with at most two decimals */
export function parsePct(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** The amount a % gives (as the server's money.ts percentOf and allocate-pools amountFor): rounded per the round, never past the top of the scale. */
export function amountOf(
  p: Pick<Person, 'baseSatang' | 'salarySatang' | 'maxSalarySatang'>,
  bp: number,
  rounding: AllocationView['rounding'],
): number {
  const n = p.baseSatang * bp;
  const d = 10_000 * rounding.unitSatang;
  const units =
    rounding.mode === 'up' ? Math.ceil(n / d) : rounding.mode === 'down' ? Math.floor(n / d) : Math.floor((2 * n + d) / (2 * d));
  const raw = units * rounding.unitSatang;
  if (p.maxSalarySatang === null) return raw;
  return Math.min(raw, Math.max(0, p.maxSalarySatang - p.salarySatang));
}

const MICRO_PER_BP = 10_000n;
const G_SCALE = 10_000_000n;

/** The suggestion at a pool's rate, kept within the band's range (as the server's allocate-pools.ts suggestAt). */
function suggestAt(g: number, range: Range, rate: bigint): number {
  const raw = g === 0 ? 0n : (rate * BigInt(g)) / (G_SCALE * MICRO_PER_BP);
  if (raw < BigInt(range.minBp)) return range.minBp;
  if (raw > BigInt(range.maxBp)) return range.maxBp;
  return Number(raw);
}

/** One person of a pool as `fitPool` weighs them: the allocation answer's salary fields, their weight `g` and the % decided (computed here, not sent). */
interface Member {
  p: Pick<Person, 'baseSatang' | 'salarySatang' | 'maxSalarySatang'>;
  g: number;
  range: Range | null;
  decided: number | null;
}

/**
 * Each member's % in one pool, as the server computes it: the committee's
 * decisions first, the others at the largest rate whose raises still fit the
 * budget (every band's lowest % when nothing fits).
 */
export function fitPool(members: readonly Member[], budgetSatang: number, rounding: AllocationView['rounding']): number[] {
  const decidedAmount = members.reduce((s, m) => s + (m.range && m.decided !== null ? amountOf(m.p, m.decided, rounding) : 0), 0);
  const flexible = members.filter((m) => m.range && m.decided === null);
  const totalAt = (rate: bigint) =>
    decidedAmount + flexible.reduce((s, m) => s + amountOf(m.p, suggestAt(m.g, m.range!, rate), rounding), 0);
  const gMin = flexible.reduce((x, m) => (m.g > 0 && m.g < x ? m.g : x), Number.MAX_SAFE_INTEGER);
  const maxMax = flexible.reduce((x, m) => Math.max(x, m.range!.maxBp), 0);
  let rate = 0n;
  if (gMin !== Number.MAX_SAFE_INTEGER && maxMax > 0) {
    const everyoneAtMax = (BigInt(maxMax) * G_SCALE * MICRO_PER_BP + BigInt(gMin) - 1n) / BigInt(gMin);
    if (totalAt(everyoneAtMax) <= budgetSatang) rate = everyoneAtMax;
    else if (totalAt(0n) <= budgetSatang) {
      let lo = 0n;
      let hi = everyoneAtMax;
      while (hi - lo > 1n) {
        const mid = (lo + hi) / 2n;
        if (totalAt(mid) <= budgetSatang) lo = mid;
        else hi = mid;
      }
      rate = lo;
    }
  }
  return members.map((m) => (!m.range ? 0 : m.decided !== null ? m.decided : suggestAt(m.g, m.range, rate)));
}

/** what saving sends (`setSalaryAllocationRanges`, `setSalaryAllocationOverrides`) */
type SaveBody = { ranges: ApiBody<'setSalaryAllocationRanges'>; overrides: ApiBody<'setSalaryAllocationOverrides'> };

type RangeTier = SaveBody['ranges']['ranges'][number]['tier'];
type Typed = Record<string, { min: string; max: string }>;
type Decisions = Record<string, { pct: string; reason: string }>;

export function SalaryAllocation({ caseId, onSaved }: { caseId: string; onSaved?: () => void }) {
  const { tr, pick, num, lang } = useI18n();
  const view = useApiGet('/api/salary-rounds/{caseId}/allocation', { params: { path: { caseId } } });
  const [ranges, setRanges] = useState<Typed | null>(null);
  const [bySchool, setBySchool] = useState<string[] | null>(null);
  const [decisions, setDecisions] = useState<Decisions | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keys = useRef(new Map<string, { body: string; key: string }>());
  const data = view.data;

  // what the committee has typed, over what the server holds
  const typedRanges: Typed = useMemo(() => {
    if (ranges) return ranges;
    const out: Typed = {};
    for (const b of data?.bands ?? []) if (b.range) out[b.code] = { min: pctText(b.range.minBp), max: pctText(b.range.maxBp) };
    return out;
  }, [ranges, data]);
  const typedDecisions: Decisions = useMemo(() => {
    if (decisions) return decisions;
    const out: Decisions = {};
    for (const p of data?.people ?? []) if (p.override) out[p.personnelNo] = { pct: pctText(p.override.pctBp), reason: p.override.reason };
    return out;
  }, [decisions, data]);
  const groupsPerSchool = bySchool ?? data?.policy.bySchool ?? [];

  if (view.error && !data)
    return view.error.status === 403 || view.error.code === 'ALLOCATION_NOT_BY_RANGES' ? null : <ProblemMessage problem={view.error} />;
  if (!data) return <Loading />;
  const baht = (s: number) => formatBaht(s, lang);
  const cap = data.policy.capBp;

  const rangeOf = (code: string | undefined): { range: Range | null; error: string | null } => {
    const t = code ? typedRanges[code] : undefined;
    if (!t) return { range: null, error: null };
    const min = parsePct(t.min);
    const max = parsePct(t.max);
    if (min === null || max === null)
      return { range: null, error: tr('ระบุร้อยละเป็นตัวเลข ทศนิยมไม่เกินสองตำแหน่ง', 'Type a % with at most two decimals') };
    if (min > max) return { range: null, error: tr('ร้อยละต่ำสุดมากกว่าสูงสุด', 'The lowest % is above the highest') };
    if (max > cap) return { range: null, error: tr(`เกินเพดานร้อยละ ${pctText(cap)}`, `Above the ${pctText(cap)} % cap`) };
    return { range: { minBp: min, maxBp: max }, error: null };
  };

  // each person's % as typed now: the committee's own when typed and valid; the others re-fitted to their pool, as the server does
  const weightOf = new Map(data.bands.map((b) => [b.code, b.weight]));
  const typedNow = data.people.map((p) => {
    const { range } = rangeOf(p.band?.code);
    const r = p.range ? (range ?? p.range) : null;
    const decided = typedDecisions[p.personnelNo];
    const typedPct = decided && decided.pct.trim() !== '' ? parsePct(decided.pct) : null;
    const inRange = typedPct !== null && r !== null && typedPct >= r.minBp && typedPct <= r.maxBp;
    const error =
      decided && decided.pct.trim() !== ''
        ? r === null
          ? tr('ผู้นี้ไม่ได้เลื่อนตามระดับ', 'Not raised by band')
          : typedPct === null
            ? tr('ระบุร้อยละเป็นตัวเลข', 'Type a %')
            : !inRange
              ? tr(`ต้องอยู่ในช่วง ${pctText(r.minBp)}–${pctText(r.maxBp)}`, `Must be within ${pctText(r.minBp)}–${pctText(r.maxBp)}`)
              : decided.reason.trim() === ''
                ? tr('ต้องระบุเหตุผล', 'A reason is required')
                : null
        : null;
    const g = p.band && p.score !== null ? (weightOf.get(p.band.code) ?? 0) * Math.round(p.score * 100) : 0;
    return { p, range: r, decided: inRange ? typedPct : null, g, error };
  });
  const live: { p: Person; range: Range | null; pct: number; amount: number; error: string | null }[] = [];
  const byPool = new Map<string, typeof live>();
  for (const pool of data.pools) {
    const members = typedNow.filter((x) => x.p.pool === pool.key);
    const pcts = fitPool(members, pool.budgetSatang, data.rounding);
    const rows = members.map((m, i) => ({
      p: m.p,
      range: m.range,
      pct: pcts[i]!,
      amount: m.range ? amountOf(m.p, pcts[i]!, data.rounding) : 0,
      error: m.error,
    }));
    byPool.set(pool.key, rows);
    live.push(...rows);
  }
  const pools = data.pools.map((pool) => {
    const members = byPool.get(pool.key) ?? [];
    const used = members.reduce((s, x) => s + x.amount, 0);
    return { pool, members, used, left: pool.budgetSatang - used };
  });
  const rangeErrors = data.bands.map((b) => ({ b, ...rangeOf(b.code) })).filter((x) => x.error);
  const decisionErrors = live.filter((x) => x.error);
  const over = pools.filter((x) => x.used > x.pool.budgetSatang);

  const keyFor = (what: string, body: unknown) => {
    const text = JSON.stringify(body);
    const k = keys.current.get(what);
    if (k && k.body === text) return k.key;
    const fresh = { body: text, key: newIdempotencyKey() };
    keys.current.set(what, fresh);
    return fresh.key;
  };
  const save = async <W extends keyof SaveBody>(what: W, body: SaveBody[W], done: { th: string; en: string }) => {
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const init = { params: { path: { caseId } }, idempotencyKey: keyFor(what, body) };
      if (what === 'ranges')
        await client.PUT('/api/salary-rounds/{caseId}/allocation/ranges', { ...init, body: body as SaveBody['ranges'] });
      else await client.PUT('/api/salary-rounds/{caseId}/allocation/overrides', { ...init, body: body as SaveBody['overrides'] });
      keys.current.delete(what);
      if (what === 'ranges') {
        setRanges(null);
        setBySchool(null);
      } else setDecisions(null);
      setSaved(pick(done));
      view.reload();
      onSaved?.();
    } catch (e) {
      if (e instanceof ApiProblem) setProblem(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  const saveRanges = () =>
    save(
      'ranges',
      {
        // the band and group codes are the round's own, as the allocation answer lists them
        ranges: data.bands.flatMap((b) => (b.raised ? [{ tier: b.code as RangeTier, ...rangeOf(b.code).range! }] : [])),
        bySchool: groupsPerSchool as SaveBody['ranges']['bySchool'],
      },
      { th: 'บันทึกช่วงร้อยละแล้ว ข้อเสนอของทุกคนคำนวณใหม่ตามช่วง', en: 'Ranges saved; everyone’s suggestion recomputed.' },
    );
  const saveDecisions = () =>
    save(
      'overrides',
      {
        overrides: live
          .filter((x) => (typedDecisions[x.p.personnelNo]?.pct ?? '').trim() !== '')
          .map((x) => ({
            personnelNo: x.p.personnelNo,
            pctBp: parsePct(typedDecisions[x.p.personnelNo]!.pct)!,
            reason: typedDecisions[x.p.personnelNo]!.reason.trim(),
          })),
      },
      { th: 'บันทึกร้อยละที่คณะกรรมการกำหนดแล้ว', en: 'The committee’s % saved.' },
    );
  const editable = data.editable;

  return (
    <section className="card" aria-labelledby="allocation-title" data-testid="salary-allocation">
      <h2 id="allocation-title">
        {tr('การจัดสรรวงเงินตามกลุ่มและช่วงร้อยละ (คณะกรรมการบริหารวงเงิน)', 'Allocation by pools and band ranges (budget committee)')}
      </h2>
      <p className="muted sv-small">
        {tr(
          `วงเงินของแต่ละกลุ่มคือร้อยละ ${pctText(data.policy.poolBp)} ของเงินเดือนรวมของผู้อยู่ในกลุ่ม เลื่อนได้ไม่เกินร้อยละ ${pctText(cap)} ของฐานในการคำนวณ ร้อยละของแต่ละคนอยู่ในช่วงของระดับผลการประเมิน ระบบเสนอร้อยละให้ และคณะกรรมการกำหนดเองได้พร้อมเหตุผล`,
          `Each pool's budget is ${pctText(data.policy.poolBp)} % of its people's salaries; nobody above ${pctText(cap)} % of their calculation base; each person's % lies within their band's range, suggested by the system, or decided by the committee with a reason.`,
        )}
      </p>
      {!editable && (
        <p className="alert alert-ok" role="status">
          {data.proposed && ['budgetReview', 'approval'].includes(data.round.state)
            ? tr(
                'เสนอการจัดสรรต่อคณะกรรมการแล้ว แก้ไขไม่ได้จนกว่าจะส่งกลับมาปรับ',
                'Proposed to the committees: it cannot be changed unless returned.',
              )
            : data.proposed
              ? tr('การจัดสรรนี้ได้รับความเห็นชอบแล้ว', 'This allocation has been approved.')
              : tr(
                  'ท่านดูการจัดสรรได้ แต่บันทึกได้เฉพาะเจ้าหน้าที่กลุ่มบริหารงานบุคคลและกรรมการบริหารวงเงินเมื่อรอบอยู่ในขั้นตอนจัดสรร',
                  'You can read the allocation; HR officers and the budget committee save it while the round is at the allocation.',
                )}
        </p>
      )}
      <ProblemMessage problem={problem} />
      {saved && <Notice>{saved}</Notice>}

      <h3>{tr('ช่วงร้อยละของแต่ละระดับ', 'The % range of each band')}</h3>
      <div className="table-wrap">
        <table className="table responsive" data-testid="allocation-ranges">
          <thead>
            <tr>
              <th scope="col">{tr('ระดับผลการประเมิน', 'Band')}</th>
              <th scope="col">{tr('ร้อยละต่ำสุด', 'Lowest %')}</th>
              <th scope="col">{tr('ร้อยละสูงสุด', 'Highest %')}</th>
            </tr>
          </thead>
          <tbody>
            {data.bands.map((b) => {
              const t = typedRanges[b.code];
              const err = rangeOf(b.code).error;
              return (
                <tr key={b.code}>
                  <td data-label={tr('ระดับผลการประเมิน', 'Band')}>
                    {pick(b)} <span className="muted sv-small">({tr(`ตั้งแต่ ${num(b.minScore)} คะแนน`, `from ${num(b.minScore)}`)})</span>
                  </td>
                  {b.raised && t ? (
                    <>
                      <td data-label={tr('ร้อยละต่ำสุด', 'Lowest %')}>
                        <input
                          className="input-score"
                          size={6}
                          inputMode="decimal"
                          aria-label={tr(`ร้อยละต่ำสุดของระดับ${b.th}`, `Lowest % of ${b.en}`)}
                          value={t.min}
                          disabled={!editable}
                          onChange={(e) => setRanges({ ...typedRanges, [b.code]: { ...t, min: e.target.value } })}
                        />
                      </td>
                      <td data-label={tr('ร้อยละสูงสุด', 'Highest %')}>
                        <input
                          className="input-score"
                          size={6}
                          inputMode="decimal"
                          aria-label={tr(`ร้อยละสูงสุดของระดับ${b.th}`, `Highest % of ${b.en}`)}
                          value={t.max}
                          disabled={!editable}
                          onChange={(e) => setRanges({ ...typedRanges, [b.code]: { ...t, max: e.target.value } })}
                        />
                        {err && <span className="field-error">{err}</span>}
                      </td>
                    </>
                  ) : (
                    <td colSpan={2} className="muted">
                      {tr('ไม่ได้เลื่อนเงินเดือน', 'Not raised')}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.policy.pooling === 'by_group' && (
        <fieldset className="field">
          <legend>{tr('กลุ่มที่แยกวงเงินรายสถานศึกษา', 'Groups pooled per school')}</legend>
          {data.groups.map((g) => (
            <label key={g.code} className="field check">
              <input
                type="checkbox"
                checked={groupsPerSchool.includes(g.code)}
                disabled={!editable}
                onChange={(e) => setBySchool(e.target.checked ? [...groupsPerSchool, g.code] : groupsPerSchool.filter((x) => x !== g.code))}
              />{' '}
              {pick(g)}
            </label>
          ))}
        </fieldset>
      )}
      {editable && (
        <div className="toolbar">
          <button type="button" className="btn" disabled={busy || rangeErrors.length > 0} onClick={() => void saveRanges()}>
            {tr('บันทึกช่วงร้อยละ', 'Save the ranges')}
          </button>
        </div>
      )}

      <h3>{tr('กลุ่มวงเงินและร้อยละรายบุคคล', 'Pools and each person’s %')}</h3>
      {pools.map(({ pool, members, used, left }) => (
        <details key={pool.key} open={members.length <= 60} className="sv-pool" data-testid="allocation-pool">
          <summary>
            <strong>{pick(pool.label)}</strong>{' '}
            <span className="muted sv-small">({tr(`${num(members.length)} คน`, `${num(members.length)} people`)})</span>
          </summary>
          <Meter
            label={tr(`ใช้วงเงินของกลุ่ม${pool.label.th}`, `Pool used: ${pool.label.en}`)}
            value={used}
            max={pool.budgetSatang}
            tone={used > pool.budgetSatang ? 'overdue' : 'ok'}
            text={`${baht(used)} / ${baht(pool.budgetSatang)} · ${left < 0 ? tr(`เกิน ${baht(-left)}`, `over by ${baht(-left)}`) : tr(`คงเหลือ ${baht(left)}`, `${baht(left)} left`)}`}
          />
          <div className="table-wrap">
            <table className="table responsive">
              <thead>
                <tr>
                  <th scope="col">{tr('ชื่อ', 'Name')}</th>
                  <th scope="col">{tr('ผลการประเมิน', 'Appraisal')}</th>
                  <th scope="col">{tr('ช่วงร้อยละ', 'Range')}</th>
                  <th scope="col" className="num">
                    {tr('ข้อเสนอ', 'Suggested')}
                  </th>
                  <th scope="col">{tr('ร้อยละที่คณะกรรมการกำหนด', 'Committee’s %')}</th>
                  <th scope="col">{tr('เหตุผล', 'Reason')}</th>
                  <th scope="col" className="num">
                    {tr('จำนวนเงิน', 'Amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((x) => {
                  const d = typedDecisions[x.p.personnelNo] ?? { pct: '', reason: '' };
                  const setD = (next: { pct: string; reason: string }) => setDecisions({ ...typedDecisions, [x.p.personnelNo]: next });
                  return (
                    <tr key={x.p.personnelNo} data-testid="allocation-person">
                      <td data-label={tr('ชื่อ', 'Name')}>
                        {x.p.nameTh}
                        <div className="muted sv-small">
                          {x.p.position}
                          {x.p.schoolName ? ` · ${x.p.schoolName}` : ''}
                        </div>
                        <details>
                          <summary className="sv-small">{tr('ที่มาของร้อยละ', 'How the % was reached')}</summary>
                          <ul className="sv-small">
                            {(lang === 'en' ? x.p.explanation.en : x.p.explanation.th).map((line, i) => (
                              <li key={i}>{line}</li>
                            ))}
                          </ul>
                        </details>
                      </td>
                      <td data-label={tr('ผลการประเมิน', 'Appraisal')}>
                        {x.p.score === null
                          ? tr('ไม่มีผลการประเมิน', 'Not appraised')
                          : `${num(x.p.score, 2)} ${x.p.band ? pick(x.p.band) : ''}`}
                      </td>
                      <td data-label={tr('ช่วงร้อยละ', 'Range')}>
                        {x.range ? `${pctText(x.range.minBp)}–${pctText(x.range.maxBp)}` : tr('ไม่ได้เลื่อน', 'Not raised')}
                      </td>
                      <td className="num" data-label={tr('ข้อเสนอ', 'Suggested')}>
                        {x.range
                          ? pctText(
                              typedDecisions[x.p.personnelNo]?.pct.trim()
                                ? Math.min(Math.max(x.p.suggestedBp, x.range.minBp), x.range.maxBp)
                                : x.pct,
                            )
                          : '—'}
                      </td>
                      <td data-label={tr('ร้อยละที่คณะกรรมการกำหนด', 'Committee’s %')}>
                        {x.range && (
                          <input
                            className="input-score"
                            size={6}
                            inputMode="decimal"
                            aria-label={tr(`ร้อยละที่คณะกรรมการกำหนดให้ ${x.p.nameTh}`, `The committee’s % for ${x.p.nameTh}`)}
                            value={d.pct}
                            placeholder={pctText(x.pct)}
                            disabled={!editable}
                            onChange={(e) => setD({ ...d, pct: e.target.value })}
                          />
                        )}
                        {x.error && <span className="field-error">{x.error}</span>}
                      </td>
                      <td data-label={tr('เหตุผล', 'Reason')}>
                        {x.range && (
                          <input
                            type="text"
                            aria-label={tr(`เหตุผลของ ${x.p.nameTh}`, `Reason for ${x.p.nameTh}`)}
                            value={d.reason}
                            disabled={!editable}
                            onChange={(e) => setD({ ...d, reason: e.target.value })}
                          />
                        )}
                      </td>
                      <td className="num" data-label={tr('จำนวนเงิน', 'Amount')}>
                        {x.range ? `${pctText(x.pct)}% · ${baht(x.amount)}` : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      ))}
      {over.length > 0 && (
        <p className="alert alert-error" role="status" data-testid="pool-over">
          {tr(
            `เกินวงเงิน: ${over.map((x) => `${x.pool.label.th} (${baht(x.used - x.pool.budgetSatang)})`).join(', ')}`,
            `Over budget: ${over.map((x) => `${x.pool.label.en} (${baht(x.used - x.pool.budgetSatang)})`).join(', ')}`,
          )}
        </p>
      )}
      {editable && (
        <div className="toolbar">
          <button
            type="button"
            className="btn"
            disabled={busy || decisionErrors.length > 0 || rangeErrors.length > 0}
            onClick={() => void saveDecisions()}
          >
            {tr('บันทึกร้อยละรายบุคคล', 'Save the people’s %')}
          </button>
        </div>
      )}
    </section>
  );
}
