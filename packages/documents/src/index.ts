export { createPdfPrinter, CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH, type PdfPrinter, type PdfPrinterOptions } from './pdf-printer';
export { documentPage, type Emblem } from './document-page';
export { escapeHtml, writerFor, buddhistYearOf, beforeName } from './html';
export type { DocumentOptions, Signer } from './templates/common';
export { transferOrderHtml, type TransferOrderData, type TransferOrderPerson } from './templates/transfer-order';
export { meetingMinutesHtml } from './templates/meeting-minutes';
export { resolutionMemoHtml, type ResolutionMemoData } from './templates/resolution-memo';
export { salaryAnnouncementHtml, type SalaryAnnouncementData } from './templates/salary-announcement';
