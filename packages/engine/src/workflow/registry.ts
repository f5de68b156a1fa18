import { sql } from 'kysely';
import type { Database } from '../db/database';
import { EsaError } from '../errors';
import type { WorkflowDefinition } from './types';

/**
 * The workflow versions this program knows. A case stays on the version it
 * started on, so old versions stay registered while live cases use them.
 */
export class WorkflowRegistry {
  readonly #byKey = new Map<string, WorkflowDefinition>();

  constructor(definitions: Iterable<WorkflowDefinition> = []) {
    for (const def of definitions) this.register(def);
  }

  register(def: WorkflowDefinition): this {
    const existing = this.#byKey.get(def.key);
    if (existing && existing.contentHash !== def.contentHash) {
      throw new EsaError('WORKFLOW_VERSION_CHANGED', { workflow: def.key });
    }
    this.#byKey.set(def.key, def);
    return this;
  }

  get(id: string, version: number): WorkflowDefinition {
    const def = this.#byKey.get(`${id}@${version}`);
    if (!def) throw new EsaError('WORKFLOW_NOT_FOUND', { workflow: `${id}@${version}` });
    return def;
  }

  latest(id: string): WorkflowDefinition {
    let best: WorkflowDefinition | undefined;
    for (const def of this.#byKey.values()) {
      if (def.id === id && (!best || def.version > best.version)) best = def;
    }
    if (!best) throw new EsaError('WORKFLOW_NOT_FOUND', { workflow: id });
    return best;
  }

  /**
   * The service an event is sent by, when only the system sends it: marked
   * `systemOnly` in this version or in the workflow's latest one. Once a
   * version makes an event the system's, people do not send it to the cases
   * still on older versions either (their definitions stay as published).
   */
  systemOnly(def: WorkflowDefinition, type: string): { th: string; en: string } | undefined {
    return def.events[type]?.systemOnly ?? this.latest(def.id).events[type]?.systemOnly;
  }

  list(): WorkflowDefinition[] {
    return [...this.#byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
}

/**
 * Records every registered version in `workflow_versions`, refusing a version
 * that was published before with different content, and refusing to run
 * without a version that live cases still use.
 */
export async function publishWorkflows(db: Database, registry: WorkflowRegistry): Promise<{ published: string[] }> {
  const defs = registry.list();
  let inserted: { workflow_id: string; version: number }[] = [];
  if (defs.length > 0) {
    inserted = await db
      .insertInto('workflow_versions')
      .values(
        defs.map((d) => ({
          workflow_id: d.id,
          version: d.version,
          content_hash: d.contentHash,
          description: JSON.stringify({ title: d.title, steps: d.leafSteps }),
        })),
      )
      .onConflict((oc) => oc.columns(['workflow_id', 'version']).doNothing())
      .returning(['workflow_id', 'version'])
      .execute();
  }
  const published = await db.selectFrom('workflow_versions').select(['workflow_id', 'version', 'content_hash']).execute();
  const known = new Map(defs.map((d) => [d.key, d]));
  const changed = published
    .filter((row) => {
      const def = known.get(`${row.workflow_id}@${row.version}`);
      return def !== undefined && def.contentHash !== row.content_hash;
    })
    .map((row) => `${row.workflow_id}@${row.version}`);
  if (changed.length > 0) throw new EsaError('WORKFLOW_VERSION_CHANGED', { workflows: changed });

  const live = await db
    .selectFrom('cases')
    .select(['workflow_id', 'workflow_version', sql<number>`count(*)::int`.as('cases')])
    .where('status', '=', 'active')
    .groupBy(['workflow_id', 'workflow_version'])
    .execute();
  const missing = live.filter((row) => !known.has(`${row.workflow_id}@${row.workflow_version}`));
  if (missing.length > 0) {
    throw new EsaError('WORKFLOW_VERSION_IN_USE', {
      workflows: missing.map((m) => ({ workflow: `${m.workflow_id}@${m.workflow_version}`, openCases: m.cases })),
    });
  }
  return { published: inserted.map((r) => `${r.workflow_id}@${r.version}`) };
}
