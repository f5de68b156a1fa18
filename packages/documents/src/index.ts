export { createPdfPrinter, CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH, type PdfPrinter, type PdfPrinterOptions } from './pdf-printer';
export { documentPage, type Emblem } from './document-page';
export { escapeHtml, writerFor, buddhistYearOf, beforeName } from './html';
export type { DocumentOptions, Signer } from './templates/common';
export { transferOrderHtml, type TransferOrderData, type TransferOrderPerson } from './templates/transfer-order';
export { meetingMinutesHtml } from './templates/meeting-minutes';
export { resolutionMemoHtml, type ResolutionMemoData } from './templates/resolution-memo';
export { salaryAnnouncementHtml, type SalaryAnnouncementData } from './templates/salary-announcement';
export { salaryRaiseOrderHtml, type SalaryRaiseOrderData, type SalaryRaiseOrderPerson } from './templates/salary-raise-order';
export { personalNoticesHtml, type PersonalNoticesData, type PersonalNoticeLetter } from './templates/personal-notice';
export {
  academicStandingOrderHtml,
  type AcademicStandingOrderData,
  type AcademicStandingOrderPerson,
} from './templates/academic-standing-order';
export { orderHtml, type OrderModel, type OrderColumn, type OrderCell } from './templates/order-model';
export { orderDocx, imageSize } from './order-docx';
export { transferOrderModel } from './templates/transfer-order';
export { salaryRaiseOrderModel } from './templates/salary-raise-order';
export { academicStandingOrderModel } from './templates/academic-standing-order';
