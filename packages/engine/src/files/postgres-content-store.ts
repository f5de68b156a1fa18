import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { EsaError } from '../errors';
import type { ContentStore, StoredContent } from './content-store';

/** Bytes per `file_chunks` row: a 20 MB file is 80 rows; no row is large enough to strain a connection. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Contents in PostgreSQL: 256 KiB bytea chunks, written while the upload
 * streams in (memory stays at about one chunk per upload), under a staging id
 * since the hash is known only at the end. The last step, in one
 * transaction, either adopts the chunks for a new content or drops them
 * because the same bytes were stored before; two identical uploads at once
 * race on the content's primary key and the loser drops its copy.
 */
export function createPostgresContentStore(db: Database): ContentStore {
  const dropStaging = (stagingId: string) =>
    db.deleteFrom('file_chunks').where('staging_id', '=', stagingId).where('content_sha256', 'is', null).execute();

  return {
    async put(source, { maxBytes, now }): Promise<StoredContent> {
      const stagingId = randomUUID();
      const hash = createHash('sha256');
      let size = 0;
      let index = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        const data = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await db.insertInto('file_chunks').values({ staging_id: stagingId, idx: index++, data }).execute();
      };
      try {
        for await (const piece of source) {
          size += piece.length;
          if (size > maxBytes) throw new EsaError('FILE_TOO_LARGE', { maxBytes });
          hash.update(piece);
          let rest = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
          while (rest.length > 0) {
            const take = Math.min(rest.length, CHUNK_BYTES - pendingBytes);
            pending.push(rest.subarray(0, take));
            pendingBytes += take;
            rest = rest.subarray(take);
            if (pendingBytes === CHUNK_BYTES) await flush();
          }
        }
        await flush();
      } catch (error) {
        await dropStaging(stagingId);
        throw error;
      }
      const sha256 = hash.digest('hex');
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('file_contents')
          .values({ sha256, size, chunk_count: index, created_at: now })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .returning('sha256')
          .executeTakeFirst();
        if (inserted) {
          await trx.updateTable('file_chunks').set({ content_sha256: sha256 }).where('staging_id', '=', stagingId).execute();
        } else {
          await trx.deleteFrom('file_chunks').where('staging_id', '=', stagingId).execute();
        }
        return { sha256, size, created: inserted !== undefined };
      });
    },

    async *open(sha256) {
      const content = await db.selectFrom('file_contents').select(['chunk_count']).where('sha256', '=', sha256).executeTakeFirst();
      if (!content) throw new EsaError('FILE_NOT_FOUND', {});
      const rows = await db
        .selectFrom('file_chunks')
        .select(['staging_id', 'idx'])
        .where('content_sha256', '=', sha256)
        .orderBy('idx')
        .execute();
      // one chunk per query: a download holds one chunk in memory, not the file
      for (const row of rows) {
        const chunk = await db
          .selectFrom('file_chunks')
          .select('data')
          .where('staging_id', '=', row.staging_id)
          .where('idx', '=', row.idx)
          .executeTakeFirstOrThrow();
        yield chunk.data;
      }
    },
  };
}
