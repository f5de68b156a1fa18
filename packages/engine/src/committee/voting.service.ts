/**
 * Per agenda item: recusals (conflict of interest), votes of the members
 * present, and the resolution recorded by the secretary — stated for the
 * whole item, or taken from the votes. No resolution without a quorum.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../access/actor';
import { isCaseSubject } from '../access/segregation';
import type { EngineDeps } from '../case/engine-deps';
import { isUuid } from '../case/case.repository';
import { parseOrThrow } from '../case/validate-payload';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { assertMayRunCommittee, seatsOf } from './committee-access';
import { RESOLUTIONS, VOTES, type Resolution, type Vote } from './committee.types';
import { loadMeeting, meetingDate, meetingQuorum } from './meeting.service';

async function loadItem(db: Kysely<DB>, actor: Actor, itemId: string, lock = false) {
  let q = db
    .selectFrom('agenda_items')
    .selectAll()
    .where('id', '=', isUuid(itemId) ? itemId : '00000000-0000-0000-0000-000000000000');
  if (lock) q = q.forUpdate();
  const item = await q.executeTakeFirst();
  if (!item) throw new EsaError('AGENDA_ITEM_NOT_FOUND', { itemId });
  const { meeting, committee } = await loadMeeting(db, actor, item.meeting_id).catch(() => {
    throw new EsaError('AGENDA_ITEM_NOT_FOUND', { itemId });
  });
  return { item, meeting, committee };
}

/** Segregation of duties: the person a case is about neither votes on it nor records its resolution. */
async function refuseSubject(db: Kysely<DB>, actor: Actor, caseId: string, action: string): Promise<void> {
  if (actor.kind !== 'user' || actor.personId === null) return;
  const c = await db.selectFrom('cases').select('subject_person_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  if (isCaseSubject(actor, { subjectPersonId: c.subject_person_id })) throw new EsaError('SELF_DEALING_REFUSED', { action, caseId });
}

const RecuseInput = z
  .object({ itemId: z.string().uuid(), memberId: z.string().uuid(), reason: z.string().trim().min(1).max(1000) })
  .strict();

/** A member with a conflict of interest steps out of one item: by themself, or recorded by the secretary. */
export async function recuseMember(deps: EngineDeps, actor: Actor, input: z.input<typeof RecuseInput>): Promise<void> {
  const r = parseOrThrow(RecuseInput, input, 'INVALID_PAYLOAD');
  await deps.db.transaction().execute(async (trx) => {
    const { item, meeting, committee } = await loadItem(trx, actor, r.itemId, true);
    const date = meetingDate(meeting);
    const own = (await seatsOf(trx, actor, committee.id, date)).some((s) => s.memberId === r.memberId);
    if (!own) await assertMayRunCommittee(trx, actor, committee, date);
    if (!['scheduled', 'open'].includes(meeting.status) || item.status !== 'listed') {
      throw new EsaError('MEETING_STATE_CONFLICT', { itemId: item.id, status: item.status });
    }
    const member = await trx
      .selectFrom('committee_members')
      .select('id')
      .where('id', '=', r.memberId)
      .where('committee_id', '=', committee.id)
      .executeTakeFirst();
    if (!member)
      throw new EsaError('INVALID_PAYLOAD', {
        issues: [{ path: 'memberId', code: 'not_member', message: 'not a member of this committee' }],
      });
    await trx
      .insertInto('agenda_recusals')
      .values({ item_id: item.id, member_id: r.memberId, reason: r.reason, recorded_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['item_id', 'member_id']).doNothing())
      .execute();
    await trx.deleteFrom('agenda_votes').where('item_id', '=', item.id).where('member_id', '=', r.memberId).execute();
  });
}

const VoteInput = z.object({ itemId: z.string().uuid(), vote: z.enum(VOTES) }).strict();

/** A present, not recused member votes on a listed item of an open meeting; voting again replaces the vote. */
export async function castVote(deps: EngineDeps, actor: Actor, input: z.input<typeof VoteInput>): Promise<void> {
  const v = parseOrThrow(VoteInput, input, 'INVALID_PAYLOAD');
  await deps.db.transaction().execute(async (trx) => {
    const { item, meeting, committee } = await loadItem(trx, actor, v.itemId, true);
    const seats = await seatsOf(trx, actor, committee.id, meetingDate(meeting));
    if (seats.length === 0) throw new EsaError('FORBIDDEN', { action: 'vote', itemId: item.id });
    await refuseSubject(trx, actor, item.case_id, 'vote');
    if (meeting.status !== 'open' || item.status !== 'listed')
      throw new EsaError('MEETING_STATE_CONFLICT', { itemId: item.id, status: item.status, meeting: meeting.status });
    const memberIds = seats.map((s) => s.memberId);
    const recused = await trx
      .selectFrom('agenda_recusals')
      .select('member_id')
      .where('item_id', '=', item.id)
      .where('member_id', 'in', memberIds)
      .execute();
    if (recused.length > 0) throw new EsaError('MEMBER_RECUSED', { itemId: item.id });
    const present = await trx
      .selectFrom('meeting_attendance')
      .select('member_id')
      .where('meeting_id', '=', meeting.id)
      .where('member_id', 'in', memberIds)
      .where('present', '=', true)
      .orderBy('member_id')
      .executeTakeFirst();
    if (!present) throw new EsaError('MEMBER_NOT_PRESENT', { itemId: item.id });
    await trx
      .insertInto('agenda_votes')
      .values({ item_id: item.id, member_id: present.member_id, vote: v.vote, cast_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['item_id', 'member_id']).doUpdateSet({ vote: v.vote, cast_at: deps.clock.now() }))
      .execute();
  });
}

export interface Tally {
  approve: number;
  reject: number;
  defer: number;
  abstain: number;
  recused: number;
}

export async function tallyOf(db: Kysely<DB>, itemId: string): Promise<Tally> {
  const votes = await db.selectFrom('agenda_votes').select('vote').where('item_id', '=', itemId).execute();
  const recused = await db.selectFrom('agenda_recusals').select('member_id').where('item_id', '=', itemId).execute();
  const t: Tally = { approve: 0, reject: 0, defer: 0, abstain: 0, recused: recused.length };
  for (const v of votes) t[v.vote as Vote] += 1;
  return t;
}

/** The resolution the votes give: the most votes among approve, reject and defer; a tie defers. */
export function resolutionFromVotes(t: Tally): Resolution {
  const ranked = (['approve', 'reject', 'defer'] as const).map((r) => [r, t[r]] as const).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] === 0 || (second && second[1] === first[1])) return 'defer';
  return first[0];
}

const ResolutionInput = z
  .object({ itemId: z.string().uuid(), resolution: z.enum(RESOLUTIONS).optional(), note: z.string().trim().max(4000).optional() })
  .strict();

/** The secretary records the item's resolution (given, or from the votes); refused without a quorum. */
export async function recordResolution(
  deps: EngineDeps,
  actor: Actor,
  input: z.input<typeof ResolutionInput>,
): Promise<{ resolution: Resolution; tally: Tally }> {
  const r = parseOrThrow(ResolutionInput, input, 'INVALID_PAYLOAD');
  return deps.db.transaction().execute(async (trx) => {
    const { item, meeting, committee } = await loadItem(trx, actor, r.itemId, true);
    await assertMayRunCommittee(trx, actor, committee, meetingDate(meeting));
    await refuseSubject(trx, actor, item.case_id, 'resolution');
    if (meeting.status !== 'open' || !['listed', 'decided'].includes(item.status)) {
      throw new EsaError('MEETING_STATE_CONFLICT', { itemId: item.id, status: item.status, meeting: meeting.status });
    }
    const quorum = await meetingQuorum(trx, meeting, committee);
    if (!quorum.met) throw new EsaError('QUORUM_NOT_MET', { ...quorum });
    const tally = await tallyOf(trx, item.id);
    const resolution = r.resolution ?? resolutionFromVotes(tally);
    await trx
      .updateTable('agenda_items')
      .set({ status: 'decided', resolution, resolution_note: r.note ?? null, decided_by: actor.id, decided_at: deps.clock.now() })
      .where('id', '=', item.id)
      .execute();
    return { resolution, tally };
  });
}
