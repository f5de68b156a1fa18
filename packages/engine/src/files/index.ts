export { FILE_KINDS, FILE_TYPES, isFileKind, type FileKind, type FileMediaType } from './file-kinds';
export { sniffMediaType } from './sniff-type';
export type { ContentStore, StoredContent } from './content-store';
export { createPostgresContentStore, CHUNK_BYTES } from './postgres-content-store';
export {
  uploadFile,
  readableFile,
  listCaseFiles,
  removeCaseFile,
  fileIdsIn,
  cleanFileName,
  FILE_REMOVED_EVENT,
  type FileView,
  type CaseFileView,
} from './file-service';
