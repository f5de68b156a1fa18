/**
 * Files attached to a case or a meeting (docs/files.md): the list — name
 * (PDFs and images open in a tab), what it is, who attached it and when;
 * removed ones struck through with who removed them and why — a remove
 * button that asks for the reason (the removal is recorded, never silent),
 * and a picker that uploads a file of one kind and attaches it.
 */
import { useContext, useState, type FormEvent } from 'react';
import { ApiProblem, type Label } from '../lib/api';
import type { ApiOk } from '../lib/api-types';
import { useI18n } from '../lib/i18n';
import { ProblemMessage } from '../ui/feedback';
import { uploadFile, UploadOffice } from './file-upload';

/** One attached file as GET /api/cases/{caseId}/files and /api/meetings/{meetingId}/files list it. */
export type ListedFile = ApiOk<'listCaseFiles'>['items'][number] | ApiOk<'listMeetingFiles'>['items'][number];

/** What each kind of upload is, as people call it (FILE_KINDS in the engine). */
export const FILE_KIND_LABELS: Record<string, Label> = {
  evidence: { th: 'เอกสารหลักฐาน', en: 'Evidence' },
  'committee-paper': { th: 'เอกสารประกอบการประชุม', en: 'Committee paper' },
  'round-document': { th: 'เอกสารของรอบ', en: 'Round document' },
  'signed-order': { th: 'สำเนาคำสั่งที่ลงนามแล้ว', en: 'Signed order (scan)' },
};

const viewable = (type: string) => type === 'application/pdf' || type.startsWith('image/');

const asProblem = (e: unknown) =>
  e instanceof ApiProblem ? e : new ApiProblem(0, 'UNKNOWN', { th: 'ดำเนินการไม่สำเร็จ', en: 'It did not work' }, null);

export function AttachedFileList({
  files,
  mayRemove,
  onRemove,
  testId,
}: {
  files: ListedFile[];
  mayRemove: (f: ListedFile) => boolean;
  onRemove: (f: ListedFile, reason: string) => Promise<void>;
  testId: string;
}) {
  const { tr, pick, num, dateTime } = useI18n();
  const [removing, setRemoving] = useState<string | null>(null);
  return (
    <ul data-testid={testId} className="attached-files">
      {files.map((f) => (
        <li key={f.id} data-file-name={f.name}>
          {f.removedAt ? (
            <s>{f.name}</s>
          ) : (
            <a
              href={`/api/files/${f.id}${viewable(f.type) ? '?inline=true' : ''}`}
              {...(viewable(f.type) ? { target: '_blank', rel: 'noreferrer' } : { download: f.name })}
            >
              {f.name}
            </a>
          )}{' '}
          <span className="hint">
            ({pick(FILE_KIND_LABELS[f.kind], tr('ไฟล์แนบ', 'Attachment'))} · {num(Math.ceil(f.size / 1024))} KB ·{' '}
            {f.attachedByName ? `${f.attachedByName} · ` : ''}
            {dateTime(f.attachedAt)})
          </span>
          {f.removedAt && (
            <div className="hint">
              {tr('นำออกแล้ว', 'Removed')} {dateTime(f.removedAt)}
              {'removedByName' in f && f.removedByName ? ` · ${f.removedByName}` : ''}
              {'removedReason' in f && f.removedReason ? ` · “${f.removedReason}”` : ''}
            </div>
          )}
          {!f.removedAt && mayRemove(f) && removing !== f.id && (
            <button
              type="button"
              className="btn btn-ghost"
              aria-label={tr(`นำออก: ${f.name}`, `Remove: ${f.name}`)}
              onClick={() => setRemoving(f.id)}
            >
              {tr('นำออก', 'Remove')}
            </button>
          )}
          {removing === f.id && (
            <RemoveForm
              file={f}
              onCancel={() => setRemoving(null)}
              onRemove={async (reason) => {
                await onRemove(f, reason);
                setRemoving(null);
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

function RemoveForm({ file, onCancel, onRemove }: { file: ListedFile; onCancel: () => void; onRemove: (reason: string) => Promise<void> }) {
  const { tr } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setProblem(new ApiProblem(400, 'REASON_REQUIRED', { th: 'โปรดระบุเหตุผลที่นำไฟล์ออก', en: 'Say why the file is removed' }, null));
      return;
    }
    setBusy(true);
    try {
      await onRemove(reason.trim());
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="action-panel"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={tr(`นำ ${file.name} ออก`, `Remove ${file.name}`)}
    >
      <label className="field">
        <span>{tr('เหตุผลที่นำออก (บันทึกไว้ในประวัติ)', 'Why it is removed (kept in the record)')}</span>
        <textarea required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ProblemMessage problem={problem} />
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {tr('ยืนยันนำไฟล์ออก', 'Remove the file')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {tr('ยกเลิก', 'Cancel')}
        </button>
      </div>
    </form>
  );
}

/** Picks files of one kind, uploads each into the page's office and attaches it (`attach`). */
export function AttachFilePicker({ kind, label, attach }: { kind: string; label: string; attach: (fileId: string) => Promise<void> }) {
  const { tr, pick, num } = useI18n();
  const officeId = useContext(UploadOffice);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const add = async (list: FileList | null) => {
    setProblem(null);
    for (const file of Array.from(list ?? [])) {
      setProgress(0);
      try {
        const uploaded = await uploadFile(file, setProgress, officeId, kind);
        await attach(uploaded.fileId);
      } catch (error) {
        setProblem(asProblem(error));
      } finally {
        setProgress(null);
      }
    }
  };
  return (
    <div className="field attach-picker">
      <label>
        <span>{label}</span>{' '}
        <span className="hint">
          {tr(`(${pick(FILE_KIND_LABELS[kind])}: PDF, PNG หรือ JPEG)`, `(${pick(FILE_KIND_LABELS[kind])}: PDF, PNG or JPEG)`)}
        </span>
        <input
          type="file"
          multiple
          accept="application/pdf,image/png,image/jpeg"
          data-kind={kind}
          onChange={(e) => {
            void add(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {progress !== null && (
        <div role="status">
          <progress max={1} value={progress} aria-label={tr('กำลังอัปโหลด', 'Uploading')} /> {num(Math.round(progress * 100))}%
        </div>
      )}
      <ProblemMessage problem={problem} />
    </div>
  );
}
