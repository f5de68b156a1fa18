import type { Readable } from 'node:stream';

/**
 * A stream or bytes answered as they are. Fastify sends a Buffer or a stream
 * without serialising it, but a route's typed reply only knows its response
 * schema, which describes files as text; this is the one place that says so.
 */
export const rawBody = (body: Readable | Buffer): string => body as unknown as string;
