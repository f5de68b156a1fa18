/**
 * A committee meeting of the demo, held as an office holds one: scheduled an
 * hour ahead, opened with every member present, the chosen cases on its
 * agenda approved (any other waiting case deferred), closed and applied —
 * so the cases move by the committee's resolution, as they do in the app.
 */
import {
  buildMinutes,
  closeMeetingAndApply,
  localDateOfInstant,
  openMeeting,
  recordResolution,
  scheduleMeeting,
  seatedMembers,
  type Actor,
  type Engine,
  type ManualClock,
} from '@esa-flow/engine';

export interface DemoMeetingArgs {
  engine: Engine;
  clock: ManualClock;
  /** who runs it (the HR officer) */
  hr: Actor;
  committeeId: string;
  title: string;
  /** the cases to approve; others on the agenda are deferred */
  approve: readonly string[];
}

export async function holdDemoMeeting(a: DemoMeetingArgs): Promise<string> {
  const start = a.clock.now().getTime();
  const { meetingId } = await scheduleMeeting(a.engine, a.hr, {
    committeeId: a.committeeId,
    title: a.title,
    scheduledAt: new Date(start + 3600_000).toISOString(),
    place: 'ห้องประชุม สพป. (สาธิต)',
  });
  a.clock.set(new Date(start + 3600_000));
  const members = await seatedMembers(a.engine, a.committeeId, localDateOfInstant(a.clock.now()));
  await openMeeting(a.engine, a.hr, { meetingId, present: members.map((m) => m.memberId) });
  const { items } = await buildMinutes(a.engine, a.hr, meetingId);
  for (const item of items)
    if (a.approve.includes(item.caseId)) await recordResolution(a.engine, a.hr, { itemId: item.itemId, resolution: 'approve' });
  a.clock.set(new Date(start + 3 * 3600_000));
  await closeMeetingAndApply(a.engine, a.hr, meetingId);
  return meetingId;
}
