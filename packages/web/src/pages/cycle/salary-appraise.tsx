/**
 * Bulk scoring of a salary round (docs/workflows/salary-round.md
 * "Appraisers"): the people the signed-in appraiser appraises in the round
 * (GET /api/salary-rounds/:id/appraisals — their line of command, never
 * themself) in one table: name, position, school, a score box and the band
 * the score falls in. Each person's score is saved as its own command
 * (SUBMIT_SCORE on the person's case) with its own Idempotency-Key — kept
 * per row until that row is saved, so a retry after a lost answer is a
 * replay, not a second score — and If-Match: the revision read. "บันทึกทั้งหมด"
 * saves the filled rows one after another and shows how far it got.
 */
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiProblem, client, newIdempotencyKey } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useApiGet } from '../../lib/use-api';
import { Meter } from '../../ui/charts-extra';
import { Empty, Loading, ProblemMessage } from '../../ui/feedback';
import type { ApiOk } from '../../lib/api-types';

type Band = MyAppraisals['bands'][number];

type Appraisee = MyAppraisals['items'][number];

/** GET /api/salary-rounds/:caseId/appraisals (`myAppraisalsInRound`) */
type MyAppraisals = ApiOk<'myAppraisalsInRound'>;

type RowStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; problem: ApiProblem };

/** A score as typed: 0–100, at most two decimals; null when empty or not one. */
export function parseScore(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  const n = Number(t);
  return n >= 0 && n <= 100 ? n : null;
}

function bandOf(score: number, bands: readonly Band[]): Band | null {
  return [...bands].sort((a, b) => b.minScore - a.minScore).find((b) => score >= b.minScore) ?? null;
}

export function SalaryAppraisePage({ caseId }: { caseId: string }) {
  const { tr, pick, date, num, lang } = useI18n();
  const list = useApiGet('/api/salary-rounds/{caseId}/appraisals', { params: { path: { caseId } } });
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Record<string, RowStatus>>({});
  const [progress, setProgress] = useState<{ done: number; total: number; failed: number } | null>(null);
  const [busy, setBusy] = useState(false);
  /** one key per row and value: the same score sent again is a replay */
  const keys = useRef(new Map<string, { score: number; key: string }>());

  if (list.error && !list.data) return <ProblemMessage problem={list.error} />;
  if (!list.data) return <Loading />;
  const { round, bands, items } = list.data;
  const waiting = items.filter((i) => i.canScore);
  const name = (i: Appraisee) => (lang === 'en' && i.nameEn ? i.nameEn : i.nameTh);

  const keyFor = (caseId: string, score: number) => {
    const k = keys.current.get(caseId);
    if (k && k.score === score) return k.key;
    const fresh = { score, key: newIdempotencyKey() };
    keys.current.set(caseId, fresh);
    return fresh.key;
  };

  const save = async (item: Appraisee): Promise<boolean> => {
    const score = parseScore(typed[item.caseId] ?? '');
    if (score === null) return false;
    setStatus((s) => ({ ...s, [item.caseId]: { kind: 'saving' } }));
    try {
      await client.POST('/api/cases/{caseId}/events', {
        params: { path: { caseId: item.caseId } },
        body: { type: 'SUBMIT_SCORE', payload: { score } },
        idempotencyKey: keyFor(item.caseId, score),
        ifMatch: item.revision,
      });
      setStatus((s) => ({ ...s, [item.caseId]: { kind: 'saved' } }));
      return true;
    } catch (e) {
      const problem =
        e instanceof ApiProblem ? e : new ApiProblem(0, 'NETWORK', { th: 'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้', en: 'Cannot reach the server' }, String(e));
      setStatus((s) => ({ ...s, [item.caseId]: { kind: 'failed', problem } }));
      return false;
    }
  };

  const saveOne = async (item: Appraisee) => {
    setBusy(true);
    await save(item);
    setBusy(false);
    list.reload();
  };

  const saveAll = async () => {
    const rows = waiting.filter((i) => parseScore(typed[i.caseId] ?? '') !== null && status[i.caseId]?.kind !== 'saved');
    setBusy(true);
    setProgress({ done: 0, total: rows.length, failed: 0 });
    let done = 0;
    let failed = 0;
    for (const item of rows) {
      if (await save(item)) done += 1;
      else failed += 1;
      setProgress({ done, total: rows.length, failed });
    }
    setBusy(false);
    list.reload();
  };

  const filled = waiting.filter((i) => parseScore(typed[i.caseId] ?? '') !== null).length;
  const invalid = waiting.filter((i) => (typed[i.caseId] ?? '').trim() !== '' && parseScore(typed[i.caseId] ?? '') === null).length;
  const scored = items.filter((i) => i.score !== null).length;

  return (
    <section aria-labelledby="appraise-title">
      <p className="sv-crumbs">
        <Link href="/">← {tr('งานของฉัน', 'My work')}</Link>
      </p>
      <div className="page-head">
        <h1 id="appraise-title">{tr('ให้คะแนนผลการประเมินผู้ใต้บังคับบัญชา', 'Score the people I appraise')}</h1>
        <span className="muted">{round.title}</span>
      </div>
      <dl className="facts">
        <dt>{tr('ส่งผลการประเมินภายใน', 'Scores due by')}</dt>
        <dd>{date(round.appraisalDueOn)}</dd>
        <dt>{tr('ผู้ที่ท่านประเมิน', 'People I appraise')}</dt>
        <dd>{tr(`${num(items.length)} คน ให้คะแนนแล้ว ${num(scored)} คน`, `${num(items.length)}, ${num(scored)} scored`)}</dd>
        <dt>{tr('ระดับผลการประเมิน', 'Bands')}</dt>
        <dd>{bands.map((b) => `${pick(b)} ${tr(`ตั้งแต่ ${num(b.minScore)}`, `from ${num(b.minScore)}`)}`).join(' · ')}</dd>
      </dl>
      {items.length === 0 ? (
        <Empty>{tr('ในรอบนี้ไม่มีผู้ที่ท่านเป็นผู้ประเมิน', 'You appraise nobody in this round')}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table responsive" data-testid="appraise-table">
              <caption className="visually-hidden">
                {tr('ผู้ที่ท่านประเมิน คะแนน และระดับผลการประเมิน', 'The people I appraise, their scores and bands')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr('ชื่อ-สกุล', 'Name')}</th>
                  <th scope="col">{tr('ตำแหน่ง', 'Position')}</th>
                  <th scope="col">{tr('สังกัด', 'School')}</th>
                  <th scope="col">{tr('คะแนน (0–100)', 'Score (0–100)')}</th>
                  <th scope="col">{tr('ระดับ', 'Band')}</th>
                  <th scope="col">{tr('สถานะ', 'Status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => {
                  const text = typed[i.caseId] ?? '';
                  const value = parseScore(text);
                  const band = i.canScore ? (value === null ? null : bandOf(value, bands)) : i.band;
                  const st = status[i.caseId] ?? { kind: 'idle' };
                  return (
                    <tr key={i.caseId} data-testid="appraise-row">
                      <td data-label={tr('ชื่อ-สกุล', 'Name')}>
                        <Link href={`/cases/${i.caseId}`}>{name(i)}</Link>
                      </td>
                      <td data-label={tr('ตำแหน่ง', 'Position')}>{i.position}</td>
                      <td data-label={tr('สังกัด', 'School')}>{i.schoolName ?? tr('สำนักงานเขต', 'Area office')}</td>
                      <td data-label={tr('คะแนน', 'Score')}>
                        {i.canScore ? (
                          <span className="sv-inline">
                            <input
                              type="text"
                              inputMode="decimal"
                              className="input-score"
                              size={6}
                              value={text}
                              aria-label={tr(`คะแนนของ ${name(i)}`, `Score of ${name(i)}`)}
                              aria-invalid={text.trim() !== '' && value === null}
                              disabled={busy}
                              onChange={(e) => setTyped((t) => ({ ...t, [i.caseId]: e.target.value }))}
                            />{' '}
                            <button
                              type="button"
                              className="btn"
                              disabled={busy || value === null}
                              onClick={() => void saveOne(i)}
                              aria-label={tr(`บันทึกคะแนนของ ${name(i)}`, `Save the score of ${name(i)}`)}
                            >
                              {tr('บันทึก', 'Save')}
                            </button>
                          </span>
                        ) : (
                          <span>{i.score === null ? '—' : num(i.score, 2)}</span>
                        )}
                      </td>
                      <td data-label={tr('ระดับ', 'Band')}>{band ? pick(band) : '—'}</td>
                      <td data-label={tr('สถานะ', 'Status')}>
                        {st.kind === 'failed' ? (
                          <span className="badge badge-overdue" role="alert">
                            {tr('บันทึกไม่สำเร็จ', 'Not saved')}: {pick(st.problem.messages)}
                          </span>
                        ) : st.kind === 'saving' ? (
                          <span className="badge badge-neutral">{tr('กำลังบันทึก…', 'Saving…')}</span>
                        ) : !i.canScore || st.kind === 'saved' ? (
                          <span className="badge badge-ok">{tr('ส่งผลการประเมินแล้ว', 'Scored')}</span>
                        ) : text.trim() !== '' && value === null ? (
                          <span className="badge badge-risk">{tr('คะแนน 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง', '0–100, at most two decimals')}</span>
                        ) : (
                          <span className="badge badge-open">{tr('รอให้คะแนน', 'To score')}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {waiting.length > 0 && (
            <div className="toolbar">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy || filled === 0 || invalid > 0}
                onClick={() => void saveAll()}
              >
                {tr(`บันทึกทั้งหมด (${num(filled)} คน)`, `Save all (${num(filled)})`)}
              </button>
              {invalid > 0 && (
                <span className="muted">{tr(`มีคะแนนที่ไม่ถูกต้อง ${num(invalid)} ช่อง`, `${num(invalid)} score(s) not valid`)}</span>
              )}
            </div>
          )}
          {progress && (
            <div data-testid="appraise-progress" aria-live="polite">
              <Meter
                label={tr('ความคืบหน้าการบันทึก', 'Saving progress')}
                value={progress.done}
                max={Math.max(1, progress.total)}
                text={tr(
                  `บันทึกแล้ว ${num(progress.done)} จาก ${num(progress.total)} คน`,
                  `${num(progress.done)} of ${num(progress.total)} saved`,
                )}
              />
              {progress.failed > 0 && (
                <p className="muted">
                  {tr(
                    `บันทึกไม่สำเร็จ ${num(progress.failed)} คน (ดูสถานะในตาราง แล้วบันทึกอีกครั้ง)`,
                    `${num(progress.failed)} not saved (see the table, then save again)`,
                  )}
                </p>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
