/**
 * The official documents of a case or a meeting as PDF (docs/documents.md):
 * each opens in a new tab (the browser's PDF viewer) or downloads. Numbers
 * and dates as the office's document settings say (Thai digits unless its
 * admin chose 0–9), or as the reader chooses here for one print. The office's
 * HR officers and admins give a document its number from the office's
 * register with one button (safe to click twice: the same number comes back).
 */
import { useState } from 'react';
import { ApiProblem, type Label } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { Notice, ProblemMessage } from './feedback';

export interface OfficialDocument {
  href: string;
  label: Label;
  testId: string;
  /** the same document as DOCX, for editing before it is signed (orders) */
  docxHref?: string;
}

export function OfficialDocuments({
  documents,
  issueNumber,
  numberLabel,
}: {
  documents: OfficialDocument[];
  /** gives the document its number from the office's register: a typed call of the document's number route */
  issueNumber?: () => Promise<{ text: string }>;
  numberLabel?: Label;
}) {
  const { tr, pick } = useI18n();
  const { has } = useSession();
  const [digits, setDigits] = useState<'office' | 'thai' | 'arabic'>('office');
  const [issued, setIssued] = useState<{ text: string } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const link = (href: string, download: boolean) => {
    const url = new URL(href, window.location.origin);
    if (digits !== 'office') url.searchParams.set('digits', digits);
    if (download) url.searchParams.set('download', 'true');
    return `${url.pathname}${url.search}`;
  };
  const issue = async () => {
    if (!issueNumber) return;
    setBusy(true);
    setProblem(null);
    try {
      setIssued(await issueNumber());
    } catch (error) {
      setProblem(
        error instanceof ApiProblem ? error : new ApiProblem(0, 'UNKNOWN', { th: 'เกิดข้อผิดพลาด', en: 'Something went wrong' }, null),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="documents-title">
      <h2 id="documents-title">{tr('หนังสือราชการ', 'Official documents')}</h2>
      <ul data-testid="official-documents">
        {documents.map((d) => (
          <li key={d.href}>
            <a href={link(d.href, false)} target="_blank" rel="noreferrer" data-testid={d.testId}>
              {pick(d.label)} (PDF)
            </a>{' '}
            · <a href={link(d.href, true)}>{tr('ดาวน์โหลด', 'Download')}</a>
            {d.docxHref && (
              <>
                {' '}
                ·{' '}
                <a href={link(d.docxHref, false)} data-testid={`${d.testId}-docx`}>
                  {tr('ไฟล์ Word สำหรับแก้ไขก่อนลงนาม (DOCX)', 'Word file to edit before signing (DOCX)')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
      <label className="hint">
        {tr('ตัวเลขในเอกสาร', 'Digits in the document')}{' '}
        <select value={digits} onChange={(e) => setDigits(e.target.value as typeof digits)} data-testid="doc-digits">
          <option value="office">{tr('ตามที่สำนักงานตั้งค่าไว้', 'As the office has set')}</option>
          <option value="thai">{tr('เลขไทย (๐–๙)', 'Thai digits (๐–๙)')}</option>
          <option value="arabic">{tr('เลขอารบิก (0–9)', 'Arabic digits (0–9)')}</option>
        </select>
      </label>
      {issueNumber && numberLabel && has('hr_officer', 'admin') && (
        <div className="btn-row">
          <button type="button" className="btn" disabled={busy} onClick={() => void issue()}>
            {pick(numberLabel)}
          </button>
        </div>
      )}
      {issued && <Notice>{tr(`เลขที่ ${issued.text}`, `Number ${issued.text}`)}</Notice>}
      <ProblemMessage problem={problem} />
    </section>
  );
}
