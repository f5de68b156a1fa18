export { FILE_KINDS, FILE_TYPES, SIGNED_ORDER_EVENTS, isFileKind, type AttachRule, type FileKind, type FileMediaType } from './file-kinds';
export { sniffMediaType } from './sniff-type';
export type { ContentStore, StoredContent } from './content-store';
export { createPostgresContentStore, CHUNK_BYTES } from './postgres-content-store';
export {
  uploadFile,
  readableFile,
  listCaseFiles,
  removeCaseFile,
  attachFileToCase,
  listMeetingFiles,
  attachFileToMeeting,
  removeMeetingFile,
  fileIdsIn,
  cleanFileName,
  FILE_ATTACHED_EVENT,
  FILE_REMOVED_EVENT,
  type FileView,
  type CaseFileView,
  type MeetingFileView,
} from './file-service';
