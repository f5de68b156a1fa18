/**
 * A committee decides a list (issue 21: "ตามบัญชีแนบท้าย"): one resolution
 * for every item listed on a meeting's agenda, with the items excepted from
 * it and their own resolution and reason. The list resolution is its own
 * row; each item it decided points to it and says whether it was excepted.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('list_resolutions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('resolution', 'text', (c) => c.notNull().check(sql`resolution in ('approve', 'reject', 'defer')`))
    .addColumn('note', 'text')
    .addColumn('items', 'integer', (c) => c.notNull().check(sql`items >= 0`))
    .addColumn('exceptions', 'integer', (c) => c.notNull().check(sql`exceptions >= 0`))
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('list_resolutions_meeting_idx').on('list_resolutions').column('meeting_id').execute();
  await db.schema
    .alterTable('agenda_items')
    .addColumn('list_resolution_id', 'uuid', (c) => c.references('list_resolutions.id'))
    .addColumn('list_exception', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('agenda_items_list_resolution_idx').on('agenda_items').column('list_resolution_id').execute();
  for (const [table, column, text] of COMMENTS) {
    const target = column === null ? sql`table ${sql.table(table)}` : sql`column ${sql.ref(`${table}.${column}`)}`;
    await sql`comment on ${target} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [table: string, column: string | null, text: string])[] = [
  [
    'list_resolutions',
    null,
    'One resolution of a meeting for every item listed on its agenda ("ตามบัญชีแนบท้าย"), with the number of items it decided and of the exceptions.',
  ],
  ['list_resolutions', 'id', 'the list resolution'],
  ['list_resolutions', 'meeting_id', 'the meeting that resolved the list'],
  ['list_resolutions', 'resolution', 'approve, reject or defer: the resolution of every item not excepted'],
  ['list_resolutions', 'note', 'the resolution as the minutes state it, e.g. เห็นชอบตามบัญชีแนบท้าย'],
  ['list_resolutions', 'items', 'how many agenda items it decided, exceptions included'],
  ['list_resolutions', 'exceptions', 'how many items were excepted, each with its own resolution and reason on agenda_items'],
  ['list_resolutions', 'decided_by', 'the user who recorded it (the secretary or chair)'],
  ['list_resolutions', 'decided_at', 'when it was recorded'],
  ['agenda_items', 'list_resolution_id', 'the list resolution that decided the item, if decided with the list'],
  ['agenda_items', 'list_exception', 'true when the item was excepted from the list resolution (its resolution and note are its own)'],
];
