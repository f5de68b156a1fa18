/**
 * Closing a meeting applies every recorded resolution to its case, through
 * the engine's dispatch with the committee as the actor, in ONE transaction:
 * if any case cannot take its resolution, none is applied. Deferred and
 * undecided items are marked deferred; their cases still wait at the step, so
 * the next meeting's agenda picks them up again.
 */
import type { Actor } from '../access/actor';
import { dispatchEventInTransaction } from '../case/dispatch-event';
import type { EngineDeps } from '../case/engine-deps';
import { EsaError, isEsaError } from '../errors';
import { assertMayRunCommittee } from './committee-access';
import type { CommitteeResolutionPayload } from './committee.types';
import { loadMeeting, meetingDate, meetingQuorum } from './meeting.service';
import { tallyOf } from './voting.service';

export interface AppliedMeeting {
  applied: number;
  deferred: number;
}

export async function closeMeetingAndApply(deps: EngineDeps, actor: Actor, meetingId: string): Promise<AppliedMeeting> {
  return deps.db.transaction().execute(async (trx) => {
    const { meeting, committee } = await loadMeeting(trx, actor, meetingId, true);
    await assertMayRunCommittee(trx, actor, committee, meetingDate(meeting));
    if (meeting.status !== 'open') throw new EsaError('MEETING_STATE_CONFLICT', { meetingId, status: meeting.status });
    const quorum = await meetingQuorum(trx, meeting, committee);
    const items = await trx
      .selectFrom('agenda_items as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .select(['a.id', 'a.case_id', 'a.step', 'a.status', 'a.resolution', 'a.resolution_note', 'c.workflow_id', 'c.workflow_version'])
      .where('a.meeting_id', '=', meetingId)
      .where('a.status', 'in', ['listed', 'decided'])
      .orderBy('a.position')
      .execute();
    const decisive = items.filter((i) => i.status === 'decided' && (i.resolution === 'approve' || i.resolution === 'reject'));
    if (decisive.length > 0 && !quorum.met) throw new EsaError('QUORUM_NOT_MET', { ...quorum });

    const committeeActor: Actor = { kind: 'committee', id: committee.id, officeId: committee.officeId };
    let applied = 0;
    for (const item of decisive) {
      const resolution = item.resolution as 'approve' | 'reject';
      const meta = deps.registry.get(item.workflow_id, item.workflow_version).steps[item.step]?.committee;
      const type = meta?.resolutions[resolution];
      const payload: CommitteeResolutionPayload = {
        meetingId,
        itemId: item.id,
        resolution,
        note: item.resolution_note,
        tally: await tallyOf(trx, item.id),
      };
      try {
        if (!type) throw new EsaError('EVENT_NOT_ALLOWED', { step: item.step });
        const result = await dispatchEventInTransaction(deps, trx, {
          actor: committeeActor,
          caseId: item.case_id,
          type,
          payload,
          reason: item.resolution_note,
        });
        await trx
          .updateTable('agenda_items')
          .set({ status: 'applied', applied_seq: result.historySeq })
          .where('id', '=', item.id)
          .execute();
        applied += 1;
      } catch (error) {
        throw new EsaError(
          'RESOLUTION_NOT_APPLICABLE',
          { itemId: item.id, caseId: item.case_id, reason: isEsaError(error) ? error.code : 'INTERNAL' },
          { cause: error },
        );
      }
    }
    const rest = items.filter((i) => !decisive.includes(i)).map((i) => i.id);
    if (rest.length > 0) await trx.updateTable('agenda_items').set({ status: 'deferred' }).where('id', 'in', rest).execute();
    await trx.updateTable('meetings').set({ status: 'closed', closed_at: deps.clock.now() }).where('id', '=', meetingId).execute();
    return { applied, deferred: rest.length };
  });
}
