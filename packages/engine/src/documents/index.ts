export {
  DOCUMENT_REGISTERS,
  DOCUMENT_REGISTER_LABELS,
  beYearOf,
  cancelDocumentNumber,
  findDocumentNumber,
  formatDocumentNumber,
  issueDocumentNumber,
  listDocumentNumbers,
  type DocumentRegister,
  type IssueNumberInput,
  type IssuedNumber,
  type ListedNumber,
} from './number-register';
