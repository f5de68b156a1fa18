/**
 * On the cases page, for the office's HR officers (issue 21): import the
 * academic-standing (วิทยฐานะ) requests teachers filed in OTEPC's DPA system —
 * download the office's template, paste DPA's list, send it back and read
 * what each row became (imported at the eligibility check, already imported,
 * refused and why). The answer is the report also when rows were refused:
 * the good rows are imported; the file can be fixed and sent again (rows
 * already imported replay, never filed twice).
 *
 * API: GET /api/offices/:id/academic-standing/dpa-template.xlsx, POST …/dpa-import
 * (docs/workflows/academic-standing.md "นำเข้าคำขอจากระบบ DPA").
 */
import type { ApiOk } from '../lib/api-types';
import { useI18n } from '../lib/i18n';
import { ImportRowsReport, SheetUploadCard } from '../ui/sheet-upload-card';

/** the import's per-row report, as the API answers it */
export type DpaReport = ApiOk<'importAcademicStandingDpaRequests'>;

export function DpaImport({ officeId, onChanged }: { officeId: string; onChanged: () => void }) {
  const { tr } = useI18n();
  const base = `/api/offices/${encodeURIComponent(officeId)}/academic-standing`;
  return (
    <SheetUploadCard
      id="dpa-import"
      title={tr('นำเข้าคำขอวิทยฐานะจากระบบ DPA', 'Import academic-standing requests filed in DPA')}
      intro={
        <p>
          {tr(
            'ครูยื่นคำขอมีหรือเลื่อนวิทยฐานะในระบบ DPA เพียงครั้งเดียว ดาวน์โหลดแบบฟอร์มนำเข้า วางรายการคำขอจากระบบ DPA หนึ่งแถวต่อหนึ่งคำขอ (ระบุบุคลากรด้วยเลขประจำตัวประชาชนหรือเลขที่ตำแหน่ง เลือกตำแหน่งและวิทยฐานะจากรายการ) แล้วส่งไฟล์กลับ คำขอที่นำเข้าจะไปอยู่ที่ขั้นตอนตรวจสอบคุณสมบัติผู้ยื่นคำขอ ส่งไฟล์เดิมซ้ำได้ คำขอที่นำเข้าแล้วจะไม่ถูกสร้างซ้ำ',
            'Teachers file once, in DPA. Download the template, paste DPA’s list — one row per request, naming the person by citizen id or position number and picking the position and the standings from the lists — and send it back. Imported requests wait at the eligibility check. The same file may be sent again: requests already imported are not filed twice.',
          )}
        </p>
      }
      templateHref={`${base}/dpa-template.xlsx`}
      templateLabel={tr('ดาวน์โหลดแบบฟอร์มนำเข้า (Excel)', 'Download the template (Excel)')}
      fileLabel={tr('ไฟล์คำขอวิทยฐานะจากระบบ DPA', 'The file of requests from DPA')}
      sendLabel={tr('นำเข้าคำขอ', 'Import the requests')}
      busyLabel={tr('กำลังนำเข้า…', 'Importing…')}
      uploadPath="/api/offices/{officeId}/academic-standing/dpa-import"
      uploadParams={{ path: { officeId } }}
      onDone={onChanged}
      renderReport={(report) => (
        <ImportRowsReport
          rows={report.rows.map((r) => ({ ...r, ref: r.dpaRef }))}
          refused={report.totals.refused}
          message={report.message}
          refLabel={{ th: 'เลขที่คำขอ DPA', en: 'DPA number' }}
          personLabel={{ th: 'ผู้ยื่นคำขอ', en: 'Applicant' }}
        />
      )}
    />
  );
}
