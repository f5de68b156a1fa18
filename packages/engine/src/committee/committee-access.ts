/**
 * Who may run a committee's business: the office's HR officers and admins,
 * and the committee's own secretary (and chair). Members vote for themselves.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { isUuid } from '../case/case.repository';

export interface CommitteeRow {
  id: string;
  officeId: string;
  kind: string;
  nameTh: string;
  nameEn: string;
  quorum: Record<string, unknown>;
  noticeWorkingDays: number;
}

export function isOfficeManager(actor: Actor, officeId: string): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'));
}

/** A committee the actor may see (same office), or COMMITTEE_NOT_FOUND. */
export async function loadCommittee(db: Kysely<DB>, actor: Actor, committeeId: string): Promise<CommitteeRow> {
  const row = !isUuid(committeeId) ? undefined : await db.selectFrom('committees').selectAll().where('id', '=', committeeId).executeTakeFirst();
  const visible =
    row &&
    (actor.kind === 'system' ||
      (actor.kind === 'committee' && actor.officeId === row.office_id) ||
      (actor.kind === 'user' && actor.grants.some((g) => g.officeId === row.office_id)));
  if (!row || !visible) throw new EsaError('COMMITTEE_NOT_FOUND', { committeeId });
  return {
    id: row.id,
    officeId: row.office_id,
    kind: row.kind,
    nameTh: row.name_th,
    nameEn: row.name_en,
    quorum: row.quorum,
    noticeWorkingDays: row.notice_working_days,
  };
}

/** The actor's own seats on this committee, valid on `date` ('YYYY-MM-DD'). */
export async function seatsOf(db: Kysely<DB>, actor: Actor, committeeId: string, date: string): Promise<{ memberId: string; seat: string }[]> {
  if (actor.kind !== 'user' || actor.personId === null) return [];
  const rows = await db
    .selectFrom('committee_members')
    .select(['id', 'seat'])
    .where('committee_id', '=', committeeId)
    .where('person_id', '=', actor.personId)
    .where('term_from', '<=', date)
    .where((eb) => eb.or([eb('term_until', 'is', null), eb('term_until', '>=', date)]))
    .execute();
  return rows.map((r) => ({ memberId: r.id, seat: r.seat }));
}

/** Secretary, chair, or an office manager: may schedule, edit the agenda, open, record and apply. */
export async function assertMayRunCommittee(db: Kysely<DB>, actor: Actor, committee: CommitteeRow, date: string): Promise<void> {
  if (isOfficeManager(actor, committee.officeId)) return;
  const seats = await seatsOf(db, actor, committee.id, date);
  if (seats.some((s) => s.seat === 'secretary' || s.seat === 'chair')) return;
  throw new EsaError('FORBIDDEN', { action: 'committee.run', committeeId: committee.id });
}
