/**
 * /admin/documents — how my office prints its official documents: the emblem
 * (ครุฑ) at the head of orders, announcements, memos and letters, Thai or
 * Arabic digits, and the letterhead of its letters and memos (address, the
 * unit that owns the matter, telephone, e-mail). Every user of the office sees the settings; its admins change
 * them. Each change is kept (who, when); saving what is already in force
 * changes nothing.
 *
 * API: GET/PUT /api/offices/:officeId/document-settings, POST /api/files?kind=office-emblem
 * (docs/documents.md "Office settings").
 */
import { useState, type FormEvent } from 'react';
import { ApiProblem, client } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { uploadFile } from '../forms/file-upload';
import { Loading, Notice, ProblemMessage } from '../ui/feedback';

const LETTERHEAD_FIELDS = ['addressTh', 'unitTh', 'phone', 'email'] as const;
type LetterheadField = (typeof LETTERHEAD_FIELDS)[number];

const asProblem = (error: unknown) =>
  error instanceof ApiProblem ? error : new ApiProblem(0, 'UNKNOWN', { th: 'เกิดข้อผิดพลาด', en: 'Something went wrong' }, null);

export function DocumentSettingsPage() {
  const { tr, num } = useI18n();
  const { officeId, has } = useSession();
  const { data, error, reload } = useApiGet(
    '/api/offices/{officeId}/document-settings',
    officeId ? { params: { path: { officeId } } } : null,
  );
  const canChange = has('admin');
  const [emblemFileId, setEmblemFileId] = useState<string | null | undefined>(undefined);
  const [thaiDigits, setThaiDigits] = useState<boolean | undefined>(undefined);
  const [letterhead, setLetterhead] = useState<Partial<Record<LetterheadField, string>>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (error) return <ProblemMessage problem={error} />;
  if (!data || !officeId) return <Loading />;
  const emblem = emblemFileId === undefined ? data.emblemFileId : emblemFileId;
  const digits = thaiDigits ?? data.thaiDigits;
  const field = (k: LetterheadField) => letterhead[k] ?? data[k] ?? '';
  const letterheadDirty = LETTERHEAD_FIELDS.some((k) => letterhead[k] !== undefined && letterhead[k] !== (data[k] ?? ''));
  const dirty = emblem !== data.emblemFileId || digits !== data.thaiDigits || letterheadDirty;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setSaved(null);
    setProgress(0);
    try {
      const uploaded = await uploadFile(file, setProgress, officeId ?? undefined, 'office-emblem');
      setEmblemFileId(uploaded.fileId);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setProgress(null);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const result = await client.PUT('/api/offices/{officeId}/document-settings', {
        params: { path: { officeId } },
        body: {
          emblemFileId: emblem,
          thaiDigits: digits,
          addressTh: field('addressTh'),
          unitTh: field('unitTh'),
          phone: field('phone'),
          email: field('email'),
        },
      });
      setSaved(
        result.changed
          ? tr(`บันทึกแล้ว (ฉบับที่ ${num(result.version)})`, `Saved (version ${num(result.version)})`)
          : tr('ไม่มีสิ่งใดเปลี่ยน', 'Nothing changed'),
      );
      setEmblemFileId(undefined);
      setThaiDigits(undefined);
      setLetterhead({});
      reload();
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{tr('การตั้งค่าหนังสือราชการ', 'Official document settings')}</h1>
      <p className="muted">
        {tr(
          'ตราครุฑและรูปแบบตัวเลขที่ใช้พิมพ์คำสั่ง ประกาศ บันทึกข้อความ และหนังสือแจ้งผลของสำนักงาน ระบบไม่มีตราครุฑให้ ต้องอัปโหลดภาพของสำนักงานเอง',
          'The emblem and the digits the office’s orders, announcements, memos and letters are printed with. No emblem is bundled: upload the office’s own.',
        )}
      </p>
      <form className="card" onSubmit={(e) => void save(e)} aria-labelledby="doc-settings-title">
        <h2 id="doc-settings-title">{tr('ตราครุฑและตัวเลข', 'Emblem and digits')}</h2>
        <div className="field">
          <span className="label">{tr('ตราครุฑ', 'Emblem')}</span>
          {emblem ? (
            <img
              src={`/api/files/${encodeURIComponent(emblem)}?inline=true`}
              alt={tr('ตราครุฑของสำนักงาน', 'The office emblem')}
              style={{ height: '3cm' }}
              data-testid="emblem-preview"
            />
          ) : (
            <p className="muted" data-testid="emblem-none">
              {tr('ยังไม่มีตราครุฑ (หัวหนังสือจะเว้นที่ว่างไว้)', 'No emblem yet (the head of each document is left blank)')}
            </p>
          )}
          {canChange && (
            <>
              <label className="hint">
                {tr('อัปโหลดภาพตราครุฑ (PNG หรือ JPEG ไม่เกิน 2 MB)', 'Upload the emblem (PNG or JPEG, at most 2 MB)')}{' '}
                <input
                  type="file"
                  accept="image/png,image/jpeg"
                  onChange={(e) => void onFile(e.target.files?.[0])}
                  data-testid="emblem-file"
                />
              </label>
              {progress !== null && <progress value={progress} max={1} aria-label={tr('กำลังอัปโหลด', 'Uploading')} />}
              {emblem && (
                <button type="button" className="btn" onClick={() => setEmblemFileId(null)}>
                  {tr('ไม่ใช้ตราครุฑ', 'Print without an emblem')}
                </button>
              )}
            </>
          )}
        </div>
        <fieldset className="field" disabled={!canChange}>
          <legend className="label">{tr('ตัวเลขในหนังสือ', 'Digits in documents')}</legend>
          <label>
            <input type="radio" name="digits" checked={digits} onChange={() => setThaiDigits(true)} />{' '}
            {tr('เลขไทย (๑๒/๒๕๖๙)', 'Thai digits (๑๒/๒๕๖๙)')}
          </label>{' '}
          <label>
            <input type="radio" name="digits" checked={!digits} onChange={() => setThaiDigits(false)} />{' '}
            {tr('เลขอารบิก (12/2569)', 'Arabic digits (12/2569)')}
          </label>
        </fieldset>
        <fieldset className="field" disabled={!canChange}>
          <legend>{tr('หัวหนังสือและท้ายหนังสือ', 'Letterhead')}</legend>
          <p className="hint">
            {tr(
              'หนังสือแจ้งผลรายบุคคล (หนังสือภายนอก) พิมพ์ที่อยู่ใต้ชื่อสำนักงาน และท้ายหนังสือพิมพ์ส่วนราชการเจ้าของเรื่อง โทรศัพท์ และอีเมล บันทึกข้อความพิมพ์ส่วนราชการและโทรศัพท์',
              'Letters to a person print the address under the office’s name and, at the foot, the unit that owns the matter with its telephone and e-mail; memos print the unit and telephone.',
            )}
          </p>
          <label className="field">
            <span>{tr('ที่อยู่สำนักงาน (บรรทัดละหนึ่งส่วน)', 'Office address (one part per line)')}</span>
            <textarea
              rows={3}
              value={field('addressTh')}
              onChange={(e) => setLetterhead({ ...letterhead, addressTh: e.target.value })}
              maxLength={300}
            />
          </label>
          <label className="field">
            <span>{tr('ส่วนราชการเจ้าของเรื่อง', 'Unit that owns the matter')}</span>
            <input
              type="text"
              value={field('unitTh')}
              onChange={(e) => setLetterhead({ ...letterhead, unitTh: e.target.value })}
              maxLength={120}
            />
          </label>
          <label className="field">
            <span>{tr('โทรศัพท์', 'Telephone')}</span>
            <input
              type="tel"
              value={field('phone')}
              onChange={(e) => setLetterhead({ ...letterhead, phone: e.target.value })}
              maxLength={60}
            />
          </label>
          <label className="field">
            <span>{tr('อีเมล', 'E-mail')}</span>
            <input
              type="email"
              value={field('email')}
              onChange={(e) => setLetterhead({ ...letterhead, email: e.target.value })}
              maxLength={120}
            />
          </label>
        </fieldset>
        {data.changedAtTh && (
          <p className="muted sv-small" data-testid="settings-changed">
            {tr(
              `แก้ไขล่าสุด ${data.changedAtTh} โดย ${data.changedByName ?? '—'}`,
              `Last changed ${data.changedAtTh} by ${data.changedByName ?? '—'}`,
            )}
          </p>
        )}
        {canChange && (
          <div className="btn-row">
            <button type="submit" className="btn btn-primary" disabled={busy || !dirty || progress !== null}>
              {tr('บันทึก', 'Save')}
            </button>
          </div>
        )}
        {saved && <Notice>{saved}</Notice>}
        <ProblemMessage problem={problem} />
      </form>
    </>
  );
}
