/**
 * Named prepared statements for the few statement texts the hot path sends
 * again and again (a command's claim and its one write, `statement-shape.ts`):
 * PostgreSQL parses and analyses such a text once per connection, and after a
 * few executions plans it once too (its generic plan), instead of doing all
 * three for every command.
 *
 * The engine marks a text (`prepareStatementText`); the pool's client
 * (`PreparingClient`, what `createDatabase` makes its connections with) sends a
 * marked text as a named statement, any other text as before. The name is a
 * digest of the text, so two texts never share one. Only fixed-shape texts are
 * marked, and at most `MAX_PREPARED` of them: a connection never holds more.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

const MAX_PREPARED = 256;
const names = new Map<string, string>();

/** Sends this text as a named prepared statement from now on (on connections made by `createDatabase`). */
export function prepareStatementText(text: string): void {
  if (names.has(text) || names.size >= MAX_PREPARED) return;
  names.set(text, `esa_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`);
}

/** A `pg` client that sends marked texts (`prepareStatementText`) as named prepared statements. */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && typeof callback !== 'function' ? names.get(text) : undefined;
    if (name !== undefined && (values === undefined || Array.isArray(values))) {
      return super.query({ name, text: text as string, values: values as unknown[] | undefined }) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
