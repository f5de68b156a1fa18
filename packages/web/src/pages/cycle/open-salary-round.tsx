/**
 * Opening a salary raise round (issue 22), on the rounds page, for whoever may
 * open one (the office's HR officers: the workflow's starters, GET
 * /api/workflows `startableAt`): the fiscal year (พ.ศ.) and the round (1: raise
 * on 1 April, 2: on 1 October). Sent as POST /api/offices/:officeId/salary-rounds
 * (the latest version of `salary-round`): opening a round already open, by
 * anyone or by the worker, gives back that one; the round's page follows, where its criteria are announced and its
 * appraisals opened.
 */
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ApiProblem, client } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { RoundOpener } from './round-opener';
import { ProblemMessage } from '../../ui/feedback';

/** `officeId`: where the reader may open one (the rounds page reads it from GET /api/workflows); null shows nothing. */
export function OpenSalaryRound({ officeId }: { officeId: string | null }) {
  const { tr } = useI18n();
  if (!officeId) return null;
  return (
    <RoundOpener
      headingId="open-salary-round-title"
      title={tr('เปิดรอบการเลื่อนเงินเดือน', 'Open a salary raise round')}
      button={tr('เปิดรอบการเลื่อนเงินเดือน', 'Open a salary raise round')}
    >
      {(close) => <OpenSalaryRoundForm officeId={officeId} onCancel={close} />}
    </RoundOpener>
  );
}

function OpenSalaryRoundForm({ officeId, onCancel }: { officeId: string; onCancel: () => void }) {
  const { tr } = useI18n();
  const [, navigate] = useLocation();
  const [round, setRound] = useState<'1' | '2'>('1');
  const [yearBe, setYearBe] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const year = Number(yearBe.trim());
    if (!/^\d{4}$/.test(yearBe.trim()) || year < 2560 || year > 2700) {
      setError(tr('ปีงบประมาณเป็น พ.ศ. 4 หลัก เช่น 2568', 'The fiscal year is a four-digit B.E. year, e.g. 2568'));
      return;
    }
    setError(null);
    setBusy(true);
    setProblem(null);
    try {
      const n = Number(round) as 1 | 2;
      const started = await client.POST('/api/offices/{officeId}/salary-rounds', {
        params: { path: { officeId } },
        body: { fiscalYearBe: year, round: n },
      });
      navigate(`/cycles/${started.caseId}`);
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={tr('เปิดรอบการเลื่อนเงินเดือน', 'Open a salary raise round')}>
      <div className="field">
        <label htmlFor="salary-round-year">{tr('ปีงบประมาณ (พ.ศ.)', 'Fiscal year (B.E.)')}</label>
        <input
          id="salary-round-year"
          type="text"
          inputMode="numeric"
          maxLength={4}
          value={yearBe}
          onChange={(e) => setYearBe(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'salary-round-year-error' : undefined}
        />
        {error && (
          <span className="field-error" id="salary-round-year-error">
            {error}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="salary-round-no">{tr('ครั้งที่', 'Round')}</label>
        <select id="salary-round-no" value={round} onChange={(e) => setRound(e.target.value as '1' | '2')}>
          <option value="1">{tr('1 (ประเมิน 1 ต.ค.–31 มี.ค. เลื่อน 1 เม.ย.)', '1 (appraised 1 Oct–31 Mar, raised 1 Apr)')}</option>
          <option value="2">{tr('2 (ประเมิน 1 เม.ย.–30 ก.ย. เลื่อน 1 ต.ค.)', '2 (appraised 1 Apr–30 Sep, raised 1 Oct)')}</option>
        </select>
      </div>
      <ProblemMessage problem={problem} />
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? tr('กำลังเปิดรอบ…', 'Opening…') : tr('เปิดรอบ', 'Open the round')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {tr('ยกเลิก', 'Cancel')}
        </button>
      </div>
    </form>
  );
}
