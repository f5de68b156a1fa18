/**
 * A committee decides a list (issue 21): real meetings approve a round's
 * requests "ตามบัญชีแนบท้าย" in one resolution, not one per request. One
 * call records one resolution for every item still listed on the meeting's
 * agenda, with the items excepted from it, each with its own resolution and
 * reason; items already decided one by one keep their resolution. Like an
 * item's resolution: by whoever runs the committee, at an open meeting with
 * a quorum, never by the person a listed case is about; applied to the cases
 * when the meeting closes (`closeMeetingAndApply`, all or nothing).
 */
import { z } from 'zod';
import type { Actor } from '../access/actor';
import type { EngineDeps } from '../case/engine-deps';
import { parseOrThrow } from '../case/validate-payload';
import { EsaError } from '../errors';
import { assertMayRunCommittee } from './committee-access';
import { RESOLUTIONS, type Resolution } from './committee.types';
import { loadMeeting, meetingDate, meetingQuorum } from './meeting.service';

export const ListResolutionInput = z
  .object({
    meetingId: z.string().uuid(),
    /** the resolution of every listed item not excepted */
    resolution: z.enum(RESOLUTIONS),
    /** as the minutes state it, e.g. 'เห็นชอบตามบัญชีแนบท้าย' */
    note: z.string().trim().max(4000).optional(),
    exceptions: z
      .array(z.object({ itemId: z.string().uuid(), resolution: z.enum(RESOLUTIONS), note: z.string().trim().min(1).max(4000) }).strict())
      .max(5000)
      .default([])
      .refine((e) => new Set(e.map((x) => x.itemId)).size === e.length, 'an item is excepted once'),
  })
  .strict();

export interface ListResolutionResult {
  listResolutionId: string;
  resolution: Resolution;
  /** items it decided, exceptions included */
  decided: number;
  exceptions: number;
  /** items decided one by one before, left as they were */
  alreadyDecided: number;
}

export async function recordListResolution(
  deps: EngineDeps,
  actor: Actor,
  input: z.input<typeof ListResolutionInput>,
): Promise<ListResolutionResult> {
  const r = parseOrThrow(ListResolutionInput, input, 'INVALID_PAYLOAD');
  return deps.db.transaction().execute(async (trx) => {
    const { meeting, committee } = await loadMeeting(trx, actor, r.meetingId, true);
    await assertMayRunCommittee(trx, actor, committee, meetingDate(meeting));
    if (meeting.status !== 'open') throw new EsaError('MEETING_STATE_CONFLICT', { meetingId: meeting.id, status: meeting.status });
    const quorum = await meetingQuorum(trx, meeting, committee);
    if (!quorum.met) throw new EsaError('QUORUM_NOT_MET', { ...quorum });

    const items = await trx
      .selectFrom('agenda_items as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .select(['a.id', 'a.status', 'c.id as caseId', 'c.subject_person_id'])
      .where('a.meeting_id', '=', meeting.id)
      .where('a.status', 'in', ['listed', 'decided'])
      .orderBy('a.position')
      .forUpdate()
      .execute();
    const listed = items.filter((i) => i.status === 'listed');
    if (listed.length === 0)
      throw new EsaError('MEETING_STATE_CONFLICT', { meetingId: meeting.id, reason: 'no item is listed without a resolution' });
    const listedIds = new Set(listed.map((i) => i.id));
    const stray = r.exceptions.find((e) => !listedIds.has(e.itemId));
    if (stray) throw new EsaError('AGENDA_ITEM_NOT_FOUND', { itemId: stray.itemId, reason: 'not listed on this meeting’s agenda' });
    // segregation of duties: the person a listed case is about does not resolve the list
    const own = actor.kind === 'user' && actor.personId !== null ? listed.find((i) => i.subject_person_id === actor.personId) : undefined;
    if (own) throw new EsaError('SELF_DEALING_REFUSED', { action: 'list resolution', caseId: own.caseId });

    const now = deps.clock.now();
    const row = await trx
      .insertInto('list_resolutions')
      .values({
        meeting_id: meeting.id,
        resolution: r.resolution,
        note: r.note ?? null,
        items: listed.length,
        exceptions: r.exceptions.length,
        decided_by: actor.id,
        decided_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const excepted = new Map(r.exceptions.map((e) => [e.itemId, e]));
    const rest = listed.filter((i) => !excepted.has(i.id)).map((i) => i.id);
    if (rest.length > 0) {
      await trx
        .updateTable('agenda_items')
        .set({
          status: 'decided',
          resolution: r.resolution,
          resolution_note: r.note ?? null,
          decided_by: actor.id,
          decided_at: now,
          list_resolution_id: row.id,
          list_exception: false,
        })
        .where('id', 'in', rest)
        .execute();
    }
    for (const e of r.exceptions) {
      await trx
        .updateTable('agenda_items')
        .set({
          status: 'decided',
          resolution: e.resolution,
          resolution_note: e.note,
          decided_by: actor.id,
          decided_at: now,
          list_resolution_id: row.id,
          list_exception: true,
        })
        .where('id', '=', e.itemId)
        .execute();
    }
    return {
      listResolutionId: row.id,
      resolution: r.resolution,
      decided: listed.length,
      exceptions: r.exceptions.length,
      alreadyDecided: items.length - listed.length,
    };
  });
}
