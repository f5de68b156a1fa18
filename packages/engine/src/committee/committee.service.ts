/** Committees per office and their members, by seat and term. */
import { personNameTh } from '../access/person-name';
import { localDateOfInstant } from '../calendar/bangkok-time';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor';
import type { EngineDeps } from '../case/engine-deps';
import { parseOrThrow } from '../case/validate-payload';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { isOfficeManager, loadCommittee } from './committee-access';
import { AddMemberInput, CreateCommitteeInput } from './committee.types';
import type { z } from 'zod';

export async function createCommittee(
  deps: EngineDeps,
  actor: Actor,
  input: z.input<typeof CreateCommitteeInput>,
): Promise<{ committeeId: string }> {
  const c = parseOrThrow(CreateCommitteeInput, input, 'INVALID_PAYLOAD');
  if (!isOfficeManager(actor, c.officeId)) throw new EsaError('FORBIDDEN', { action: 'committee.create', officeId: c.officeId });
  const office = await deps.db.selectFrom('offices').select('id').where('id', '=', c.officeId).executeTakeFirst();
  if (!office) throw new EsaError('OFFICE_NOT_FOUND', { officeId: c.officeId });
  const row = await deps.db
    .insertInto('committees')
    .values({
      office_id: c.officeId,
      kind: c.kind,
      name_th: c.nameTh,
      name_en: c.nameEn,
      quorum: JSON.stringify(c.quorum),
      notice_working_days: c.noticeWorkingDays,
      created_by: actor.id,
      created_at: deps.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { committeeId: row.id };
}

export async function addCommitteeMember(
  deps: EngineDeps,
  actor: Actor,
  input: z.input<typeof AddMemberInput>,
): Promise<{ memberId: string }> {
  const m = parseOrThrow(AddMemberInput, input, 'INVALID_PAYLOAD');
  const committee = await loadCommittee(deps.db, actor, m.committeeId, [localDateOfInstant(deps.clock.now())]);
  if (!isOfficeManager(actor, committee.officeId))
    throw new EsaError('FORBIDDEN', { action: 'committee.members', committeeId: committee.id });
  if (m.termUntil !== null && m.termUntil < m.termFrom) {
    throw new EsaError('INVALID_PAYLOAD', {
      issues: [{ path: 'termUntil', code: 'too_small', message: 'termUntil must not be before termFrom' }],
    });
  }
  // Members may come from anywhere (outside experts, another office's director); they must exist.
  const person = await deps.db.selectFrom('people').select('id').where('id', '=', m.personId).executeTakeFirst();
  if (!person) throw new EsaError('INVALID_PAYLOAD', { issues: [{ path: 'personId', code: 'not_found', message: 'no such person' }] });
  return deps.db.transaction().execute(async (trx) => {
    // one seat per person and term: the committee's row serialises concurrent appointments
    await trx.selectFrom('committees').select('id').where('id', '=', committee.id).forUpdate().executeTakeFirstOrThrow();
    const overlapping = await trx
      .selectFrom('committee_members')
      .select(['id', 'seat', 'term_from', 'term_until'])
      .where('committee_id', '=', committee.id)
      .where('person_id', '=', m.personId)
      .where((eb) => eb.or([eb('term_until', 'is', null), eb('term_until', '>=', m.termFrom)]))
      .$if(m.termUntil !== null, (q) => q.where('term_from', '<=', m.termUntil!))
      .executeTakeFirst();
    if (overlapping) {
      throw new EsaError('COMMITTEE_SEAT_TAKEN', {
        committeeId: committee.id,
        memberId: overlapping.id,
        seat: overlapping.seat,
        termFrom: overlapping.term_from,
        termUntil: overlapping.term_until,
      });
    }
    const row = await trx
      .insertInto('committee_members')
      .values({
        committee_id: committee.id,
        person_id: m.personId,
        seat: m.seat,
        term_from: m.termFrom,
        term_until: m.termUntil,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { memberId: row.id };
  });
}

export interface SeatedMember {
  memberId: string;
  personId: string;
  seat: string;
  nameTh: string;
  userId: string | null;
}

/** The members whose term covers `date` ('YYYY-MM-DD'), chair first, then secretary, then members. */
export async function seatedMembers(db: Kysely<DB>, committeeId: string, date: string): Promise<SeatedMember[]> {
  const rows = await db
    .selectFrom('committee_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .leftJoin('users as u', (j) => j.onRef('u.person_id', '=', 'm.person_id').on('u.disabled_at', 'is', null))
    .select(['m.id', 'm.person_id', 'm.seat', 'p.title_th', 'p.first_name_th', 'p.last_name_th', 'u.id as user_id'])
    .where('m.committee_id', '=', committeeId)
    .where('m.term_from', '<=', date)
    .where((eb) => eb.or([eb('m.term_until', 'is', null), eb('m.term_until', '>=', date)]))
    .execute();
  const order = { chair: 0, secretary: 1, member: 2 } as Record<string, number>;
  return rows
    .map((r) => ({
      memberId: r.id,
      personId: r.person_id,
      seat: r.seat,
      nameTh: personNameTh(r)!,
      userId: r.user_id,
    }))
    .sort((a, b) => (order[a.seat] ?? 9) - (order[b.seat] ?? 9) || a.nameTh.localeCompare(b.nameTh, 'th'));
}
