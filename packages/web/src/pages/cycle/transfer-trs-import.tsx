/**
 * On a transfer round's page (issue 21): the HR officer imports the requests
 * teachers filed in the national transfer system (TRS) — downloads the
 * round's template, pastes TRS's export, sends it back and reads what each
 * row became (imported at the school's review, already imported, refused and
 * why). The answer is the report also when rows were refused (the good rows
 * are imported); the file can be fixed and sent again (rows already imported
 * replay, never filed twice). The card is the shared `SheetUploadCard` with
 * the per-row `ImportRowsReport` (ui/sheet-upload-card.tsx), as the DPA
 * import's.
 *
 * API: GET /api/transfer-rounds/:id/trs-template.xlsx, POST /api/transfer-rounds/:id/trs-import
 * (docs/workflows/transfer.md "Importing requests filed in TRS").
 */
import type { ApiOk } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n';
import { ImportRowsReport, SheetUploadCard } from '../../ui/sheet-upload-card';

/** the import's per-row report, as the API answers it */
export type TrsReport = ApiOk<'importTransferTrsRequests'>;

export function TrsImport({ roundCaseId, onChanged }: { roundCaseId: string; onChanged: () => void }) {
  const { tr } = useI18n();
  const base = `/api/transfer-rounds/${encodeURIComponent(roundCaseId)}`;
  return (
    <SheetUploadCard
      id="trs-import"
      title={tr('นำเข้าคำขอย้ายที่ยื่นในระบบ TRS', 'Import requests filed in TRS')}
      intro={
        <p>
          {tr(
            'ครูยื่นคำขอย้ายในระบบ TRS เพียงครั้งเดียว ดาวน์โหลดแบบฟอร์มนำเข้าของรอบ วางข้อมูลที่ส่งออกจากระบบ TRS หนึ่งแถวต่อหนึ่งคำขอ (เลือกประเภท เหตุผล ตำแหน่ง และโรงเรียนที่ขอย้ายจากรายการ) แล้วส่งไฟล์กลับ คำขอที่นำเข้าจะไปอยู่ที่ขั้นตอนผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง ส่งไฟล์เดิมซ้ำได้ คำขอที่นำเข้าแล้วจะไม่ถูกสร้างซ้ำ',
            'Teachers file once, in TRS. Download the round’s template, paste TRS’s export — one row per request, picking the kind, reason, position and schools from the lists — and send it back. Imported requests go to the school director’s review. The same file may be sent again: requests already imported are not filed twice.',
          )}
        </p>
      }
      templateHref={`${base}/trs-template.xlsx`}
      templateLabel={tr('ดาวน์โหลดแบบฟอร์มนำเข้า (Excel)', 'Download the template (Excel)')}
      fileLabel={tr('ไฟล์คำขอย้ายจากระบบ TRS', 'The file of requests from TRS')}
      sendLabel={tr('นำเข้าคำขอย้าย', 'Import the requests')}
      busyLabel={tr('กำลังนำเข้า…', 'Importing…')}
      uploadPath="/api/transfer-rounds/{caseId}/trs-import"
      uploadParams={{ path: { caseId: roundCaseId } }}
      onDone={onChanged}
      renderReport={(report) => (
        <ImportRowsReport
          rows={report.rows.map((r) => ({ ...r, ref: r.trsRef, personName: r.teacherName }))}
          refused={report.totals.refused}
          message={report.message}
          refLabel={{ th: 'เลขที่คำขอ TRS', en: 'TRS number' }}
          personLabel={{ th: 'ครู', en: 'Teacher' }}
        />
      )}
    />
  );
}
