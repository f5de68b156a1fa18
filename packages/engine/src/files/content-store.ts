/**
 * Where the bytes of uploaded files live: content-addressed by SHA-256, so the
 * same bytes are stored once. PostgreSQL is the default (postgres-content-store.ts);
 * another store (S3, a disk) implements the same three operations.
 */
export interface StoredContent {
  sha256: string;
  size: number;
  /** false: these bytes were already stored (deduplicated) */
  created: boolean;
}

export interface ContentStore {
  /**
   * Reads `source` to its end and stores it. Throws `FILE_TOO_LARGE` as soon
   * as more than `maxBytes` arrived, having kept nothing.
   */
  put(source: AsyncIterable<Uint8Array>, options: { maxBytes: number; now: Date }): Promise<StoredContent>;
  /** The bytes of a stored content, in order, a chunk at a time. */
  open(sha256: string): AsyncIterable<Buffer>;
}
