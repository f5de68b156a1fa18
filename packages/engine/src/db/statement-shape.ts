/**
 * A statement of fixed shape, compiled once: the hot path's statements (a
 * command's claim with its lock, its one write) have a few shapes each, and
 * only their values change from one command to the next. Building and
 * compiling them with Kysely every time was most of the engine's own CPU per
 * command; here a shape is built once with a placeholder for each value, its
 * SQL text kept (and sent as a named prepared statement, prepared-statements.ts),
 * and each command only fills in its values.
 *
 * `build` must turn every value that changes into a parameter from `values`
 * (one leaf each, used as it is: no test or transform of a value inside
 * `build`), and `key` must name everything else that changes the text. Through
 * a handle with Kysely plugins (a test that counts statements) the statement
 * is built and executed as before, every time.
 */
import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import { prepareStatementText } from './prepared-statements';
import type { DB } from './schema';

/** Where a value goes in a compiled shape. */
class Slot {
  constructor(readonly name: string) {}
}

interface CompiledShape {
  readonly sql: string;
  /** per parameter: the value's name, or a constant of the shape */
  readonly parameters: readonly unknown[];
}

const MAX_SHAPES = 256;
const shapes = new Map<string, CompiledShape>();

export type ShapeValues = Record<string, unknown>;

/** The statement of shape `key` with these values, as `build` would compile it. */
export function compileShape<V extends ShapeValues, R>(key: string, values: V, build: (values: V) => Compilable<R>): CompiledQuery<R> {
  let shape = shapes.get(key);
  if (shape === undefined) {
    const slots = Object.fromEntries(Object.keys(values).map((k) => [k, new Slot(k)])) as unknown as V;
    const compiled = build(slots).compile();
    shape = { sql: compiled.sql, parameters: compiled.parameters };
    if (shapes.size < MAX_SHAPES) {
      shapes.set(key, shape);
      prepareStatementText(shape.sql);
    }
  }
  const parameters = shape.parameters.map((p) => (p instanceof Slot ? values[p.name] : p));
  return CompiledQuery.raw(shape.sql, parameters) as CompiledQuery<R>;
}

/**
 * Executes the statement of shape `key` with these values: compiled once per
 * shape; or built and compiled as usual through a handle with plugins, or when
 * a value is not a plain value (an expression, or `undefined`, which Kysely
 * leaves out of the statement and would change its text).
 */
export async function executeShape<V extends ShapeValues, R>(
  db: Kysely<DB>,
  key: string,
  values: V,
  build: (values: V) => Compilable<R>,
): Promise<QueryResult<R>> {
  if (db.getExecutor().plugins.length > 0 || !Object.values(values).every(isPlainValue)) return db.executeQuery(build(values).compile());
  return db.executeQuery(compileShape(key, values, build));
}

function isPlainValue(value: unknown): boolean {
  if (value === undefined || typeof value === 'function') return false;
  return typeof value !== 'object' || value === null || !('toOperationNode' in value);
}
