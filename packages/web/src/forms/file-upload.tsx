/**
 * Picking files for a form (docs/files.md): each file uploads at once to
 * POST /api/files (the bytes as the body, the name in X-File-Name), with its
 * progress shown, and the form keeps what the upload answered — the file's
 * id, name, size and SHA-256 — so the event that carries it attaches it to
 * the case. The server judges the type from the content: a refusal (a .pdf
 * that is not a PDF, a file over 20 MB) shows its Thai or English message.
 */
import { createContext, useContext, useState } from 'react';
import { ApiProblem } from '../lib/api';
import type { ApiOk } from '../lib/api-types';
import { useI18n } from '../lib/i18n';

type Stored = ApiOk<'uploadFile'>;
/** What the form keeps of an upload (POST /api/files, `uploadFile`): the file's id as the event's `fileId`. */
export type UploadedFile = { fileId: Stored['id'] } & Pick<Stored, 'name' | 'size' | 'sha256'> & { kind?: string };

/**
 * The office an upload belongs to: the case's, the meeting's or the round's
 * office, provided by the page, so that a person who holds roles in two
 * offices uploads into the one the form is about (the API refuses to guess).
 */
export const UploadOffice = createContext<string | undefined>(undefined);

/** One upload with progress (XMLHttpRequest: fetch has no upload progress). */
export function uploadFile(
  file: File,
  onProgress: (fraction: number) => void,
  officeId?: string,
  kind = 'evidence',
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/files?kind=${encodeURIComponent(kind)}${officeId ? `&officeId=${encodeURIComponent(officeId)}` : ''}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Partial<Stored> & { code?: string; message?: { th: string; en: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: the status says enough
      }
      if (xhr.status === 201 && body.id)
        resolve({ fileId: body.id, name: body.name ?? file.name, size: body.size ?? file.size, sha256: body.sha256 ?? '' });
      else
        reject(
          new ApiProblem(
            xhr.status,
            body.code ?? 'UNKNOWN',
            body.message ?? { th: `อัปโหลดไม่สำเร็จ (${xhr.status})`, en: `Upload failed (${xhr.status})` },
            null,
          ),
        );
    };
    xhr.onerror = () => reject(new ApiProblem(0, 'NETWORK', { th: 'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้', en: 'Could not reach the server' }, null));
    xhr.send(file);
  });
}

interface Pending {
  key: number;
  name: string;
  progress: number;
  problem: ApiProblem | null;
}

let nextKey = 0;

/** The files of one form field: pick, upload with progress, list, remove before sending. */
export function FileListField({
  files,
  onChange,
  label,
  hint,
  officeId: givenOffice,
  kind,
}: {
  files: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
  label: string;
  hint?: string;
  officeId?: string;
  kind?: string;
}) {
  const { tr, pick, num } = useI18n();
  const contextOffice = useContext(UploadOffice);
  const officeId = givenOffice ?? contextOffice;
  const [pending, setPending] = useState<Pending[]>([]);
  const update = (key: number, change: Partial<Pending> | null) =>
    setPending((list) =>
      change === null ? list.filter((p) => p.key !== key) : list.map((p) => (p.key === key ? { ...p, ...change } : p)),
    );

  const add = async (list: FileList | null) => {
    const picked = Array.from(list ?? []);
    const added: UploadedFile[] = [];
    await Promise.all(
      picked.map(async (file) => {
        const key = nextKey++;
        setPending((p) => [...p, { key, name: file.name, progress: 0, problem: null }]);
        try {
          const uploaded = await uploadFile(file, (progress) => update(key, { progress }), officeId);
          added.push(kind ? { ...uploaded, kind } : uploaded);
          update(key, null);
        } catch (error) {
          update(key, {
            problem: error instanceof ApiProblem ? error : new ApiProblem(0, 'UNKNOWN', { th: 'อัปโหลดไม่สำเร็จ', en: 'Upload failed' }, null),
          });
        }
      }),
    );
    if (added.length > 0) onChange([...files, ...added]);
  };

  return (
    <fieldset className="group">
      <legend>{label}</legend>
      <label className="field">
        <span>{hint ?? tr('แนบไฟล์ PDF, PNG หรือ JPEG ไม่เกิน 20 MB', 'Attach PDF, PNG or JPEG files of at most 20 MB')}</span>
        <input
          type="file"
          multiple
          accept="application/pdf,image/png,image/jpeg"
          onChange={(e) => {
            void add(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {pending.map((p) => (
        <div key={p.key} className="upload" role="status">
          {p.name}{' '}
          {p.problem ? (
            <>
              <span className="field-error" role="alert">
                {pick(p.problem.messages)}
              </span>{' '}
              <button type="button" className="btn btn-ghost" onClick={() => update(p.key, null)}>
                {tr('ปิด', 'Dismiss')}
              </button>
            </>
          ) : (
            <>
              <progress max={1} value={p.progress} aria-label={`${tr('กำลังอัปโหลด', 'Uploading')} ${p.name}`} />{' '}
              {num(Math.round(p.progress * 100))}%
            </>
          )}
        </div>
      ))}
      {files.length > 0 && (
        <ul aria-label={tr('ไฟล์ที่แนบ', 'Attached files')}>
          {files.map((f, i) => (
            <li key={`${f.fileId}-${i}`}>
              <a href={`/api/files/${f.fileId}?inline=true`} target="_blank" rel="noreferrer">
                {f.name}
              </a>{' '}
              ({num(Math.ceil(f.size / 1024))} KB){' '}
              <button type="button" className="btn btn-ghost" onClick={() => onChange(files.filter((_, j) => j !== i))}>
                {tr('ลบ', 'Remove')} {f.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
