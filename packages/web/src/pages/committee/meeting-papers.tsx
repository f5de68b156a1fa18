/**
 * The papers of a meeting (docs/files.md): the secretary, the chair or HR
 * attach agenda papers until the meeting closes; the members seated on the
 * committee open them here. A paper is removed with a reason, and the list
 * keeps it, struck through, with who removed it, when and why.
 */
import { AttachedFileList, AttachFilePicker } from '../../forms/attached-files';
import { UploadOffice } from '../../forms/file-upload';
import { client } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useApiGet } from '../../lib/use-api';
import { Empty, ProblemMessage } from '../../ui/feedback';
import { isOfficeManager } from './model';

export function MeetingPapers({
  meetingId,
  officeId,
  status,
  canRun,
}: {
  meetingId: string;
  officeId: string;
  status: string;
  canRun: boolean;
}) {
  const { tr } = useI18n();
  const { me } = useSession();
  const papers = useApiGet('/api/meetings/{meetingId}/files', { params: { path: { meetingId } } });
  const items = papers.data?.items ?? [];
  const editable = status === 'scheduled' || status === 'open';
  const manager = isOfficeManager(me, officeId);
  return (
    <UploadOffice.Provider value={officeId}>
      <section className="card" aria-labelledby="papers-h">
        <h2 id="papers-h">{tr('เอกสารประกอบการประชุม', 'Meeting papers')}</h2>
        <ProblemMessage problem={papers.error} />
        {items.length === 0 ? (
          <Empty>{tr('ยังไม่มีเอกสารประกอบการประชุม', 'No papers yet')}</Empty>
        ) : (
          <AttachedFileList
            files={items}
            testId="meeting-papers"
            mayRemove={(f) => editable && (f.attachedBy === me?.id || manager)}
            onRemove={async (f, reason) => {
              await client.DELETE('/api/meetings/{meetingId}/files/{fileId}', {
                params: { path: { meetingId, fileId: f.id }, query: { reason } },
              });
              papers.reload();
            }}
          />
        )}
        {canRun && editable && (
          <AttachFilePicker
            kind="committee-paper"
            label={tr('แนบเอกสารประกอบวาระ', 'Attach an agenda paper')}
            attach={async (fileId) => {
              await client.POST('/api/meetings/{meetingId}/files', { params: { path: { meetingId } }, body: { fileId } });
              papers.reload();
            }}
          />
        )}
      </section>
    </UploadOffice.Provider>
  );
}
