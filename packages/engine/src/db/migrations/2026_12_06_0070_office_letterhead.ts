/**
 * The letterhead an office prints on its letters and memos (docs/documents.md
 * "Office settings"), as the ระเบียบงานสารบรรณ sets a หนังสือภายนอก out: the
 * office's address under its name at the head, and at the foot the unit that
 * owns the matter (ส่วนราชการเจ้าของเรื่อง) with its telephone and e-mail; a
 * บันทึกข้อความ's ส่วนราชการ line names the same unit and telephone. Kept on
 * each version of the office's document settings, like the emblem.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('office_document_settings')
    .addColumn('address_th', 'text')
    .addColumn('unit_th', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .execute();
  for (const [column, text] of COMMENTS) {
    await sql`comment on column ${sql.ref(`office_document_settings.${column}`)} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string, text: string])[] = [
  ['address_th', 'the office address printed under its name at the head of a letter (หนังสือภายนอก); null prints the name alone'],
  [
    'unit_th',
    'the unit that owns the matter (ส่วนราชการเจ้าของเรื่อง), at the foot of a letter and on a memo’s ส่วนราชการ line; null: กลุ่มบริหารงานบุคคล',
  ],
  ['phone', 'the unit’s telephone (โทร.) printed with it; null prints none'],
  ['email', 'the unit’s e-mail (ไปรษณีย์อิเล็กทรอนิกส์) printed at the foot of a letter; null prints none'],
];
