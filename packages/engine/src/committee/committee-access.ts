/**
 * Who may run a committee's business: the office's HR officers and admins,
 * and the committee's own secretary (and chair). Members vote for themselves.
 *
 * Who may read it (its members, meetings, agendas, votes and minutes): the
 * office's HR officers, group and area directors, auditors and admins
 * (office-wide grants, `COMMITTEE_READER_ROLES`), and the people seated on
 * that committee. Anyone else of the office — teachers, school directors,
 * holders of a committee role not seated on it — finds no such committee
 * (`COMMITTEE_NOT_FOUND`): agendas name other people's cases, and minutes
 * their named votes and recusal reasons. A case's subject learns the
 * committee's decision from the case's own timeline.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor';
import type { Role } from '../access/roles';
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
  return (
    actor.kind === 'user' &&
    actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'))
  );
}

/** Office-wide roles that read every committee of their office. */
export const COMMITTEE_READER_ROLES: readonly Role[] = Object.freeze(['hr_officer', 'group_director', 'area_director', 'auditor', 'admin']);

/** May the actor read every committee of this office (an office-wide reader grant, the system, the office's committee)? */
export function readsEveryCommittee(actor: Actor, officeId: string): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'committee':
      return actor.officeId === officeId;
    case 'user':
      return actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && COMMITTEE_READER_ROLES.includes(g.role));
  }
}

/** Does the actor hold a seat on this committee whose term covers one of `dates` ('YYYY-MM-DD')? */
export async function isSeatedOn(db: Kysely<DB>, actor: Actor, committeeId: string, dates: readonly string[]): Promise<boolean> {
  if (actor.kind !== 'user' || actor.personId === null || dates.length === 0) return false;
  const row = await db
    .selectFrom('committee_members')
    .select('id')
    .where('committee_id', '=', committeeId)
    .where('person_id', '=', actor.personId)
    .where((eb) =>
      eb.or(dates.map((d) => eb.and([eb('term_from', '<=', d), eb.or([eb('term_until', 'is', null), eb('term_until', '>=', d)])]))),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A committee the actor may read, or COMMITTEE_NOT_FOUND: an office-wide
 * reader of its office, or a member seated on it on one of `seatedOn`
 * ('YYYY-MM-DD': today, the meeting's date).
 */
export async function loadCommittee(
  db: Kysely<DB>,
  actor: Actor,
  committeeId: string,
  seatedOn: readonly string[] = [],
): Promise<CommitteeRow> {
  const row = !isUuid(committeeId)
    ? undefined
    : await db.selectFrom('committees').selectAll().where('id', '=', committeeId).executeTakeFirst();
  const visible = row && (readsEveryCommittee(actor, row.office_id) || (await isSeatedOn(db, actor, row.id, seatedOn)));
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
export async function seatsOf(
  db: Kysely<DB>,
  actor: Actor,
  committeeId: string,
  date: string,
): Promise<{ memberId: string; seat: string }[]> {
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

/**
 * Does the actor hold a seat (any: chair, secretary, member) on a committee of
 * this kind of this office, whose term covers `date` ('YYYY-MM-DD')? E.g. the
 * budget committee members who set a salary round's ranges.
 */
export async function isSeatedOnCommitteeOfKind(
  db: Kysely<DB>,
  actor: Actor,
  officeId: string,
  kind: string,
  date: string,
): Promise<boolean> {
  if (actor.kind !== 'user' || actor.personId === null) return false;
  const row = await db
    .selectFrom('committee_members as m')
    .innerJoin('committees as c', 'c.id', 'm.committee_id')
    .select('m.id')
    .where('c.office_id', '=', officeId)
    .where('c.kind', '=', kind)
    .where('m.person_id', '=', actor.personId)
    .where('m.term_from', '<=', date)
    .where((eb) => eb.or([eb('m.term_until', 'is', null), eb('m.term_until', '>=', date)]))
    .executeTakeFirst();
  return row !== undefined;
}
