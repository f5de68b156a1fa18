/**
 * A small salary raise round for office A of a server world, at the
 * appraisal: the round opened on 1 October 2024 with its criteria, three
 * committees (screening, budget, area approval) with three seated members
 * each, and six teachers of the two schools whose appraisals were opened on
 * 1 April 2025. The tests drive it on from there.
 */
import { type Actor } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  openMeeting,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../../../engine/test/support/index';
import type { ServerWorld } from './server-world';

export interface SalaryRoundFixture {
  roundId: string;
  hr: Actor;
  /** the committees of the round's office, by kind */
  committeeIds: Record<'salary_screening' | 'salary_budget' | 'area_approval', string>;
  /** the scores of the six, as their school directors send them; `only` picks some by index */
  score(only?: (index: number) => boolean): Promise<void>;
  /** the committee of `kind` meets and approves everything on its agenda; how many resolutions were applied */
  approveAll(kind: 'salary_screening' | 'salary_budget' | 'area_approval'): Promise<number>;
  /** holds a meeting of the committee that resolves every item so (e.g. `reject`: the budget committee returns the allocation) */
  resolveAll(kind: 'salary_screening' | 'salary_budget' | 'area_approval', resolution: 'approve' | 'reject'): Promise<number>;
}

/**
 * `openAppraisal: false` stops at the evaluation (criteria announced, no roster yet);
 * `extraRoster`: more people on the roster (e.g. office staff, appraised by the group director);
 * `version`: the round's workflow version (default: the latest).
 */
export async function setUpSalaryRound(
  w: ServerWorld,
  options: { openAppraisal?: boolean; extraRoster?: salary.StaffRecordInput[]; version?: salary.SalaryRoundVersion } = {},
): Promise<SalaryRoundFixture> {
  const hr = await actorOf(w.tdb.db, w.a.users.hr);
  const committees = new Map<string, { committeeId: string; members: string[] }>();
  w.clock.set('2024-10-01T02:00:00Z');
  const roundId = (
    await salary.startSalaryRound(w.engine, hr, {
      officeId: w.a.officeId,
      params: { fiscalYearBe: 2568, round: 1 },
      ...(options.version ? { version: options.version } : {}),
    })
  ).caseId;
  await w.engine.dispatch({
    actor: hr,
    caseId: roundId,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศ เรื่อง หลักเกณฑ์การประเมิน', announcedOn: '2024-10-01' },
  });
  for (const [kind, nameTh] of [
    ['salary_screening', 'คณะกรรมการกลั่นกรองผลการประเมิน'],
    ['salary_budget', 'คณะกรรมการบริหารวงเงิน'],
    ['area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา'],
  ] as const) {
    const { committeeId } = await createCommittee(engineDeps(w.engine), hr, { officeId: w.a.officeId, kind, nameTh, nameEn: kind });
    const members: string[] = [];
    for (const seat of ['chair', 'secretary', 'member'] as const) {
      const p = await w.tdb.db
        .insertInto('people')
        .values({ first_name_th: `กรรมการ ${seat}`, last_name_th: kind, office_id: w.a.officeId })
        .returning('id')
        .executeTakeFirstOrThrow();
      members.push(
        (await addCommitteeMember(engineDeps(w.engine), hr, { committeeId, personId: p.id, seat, termFrom: '2024-01-01', termUntil: null }))
          .memberId,
      );
    }
    committees.set(kind, { committeeId, members });
  }
  w.clock.set('2025-04-01T02:00:00Z');
  const roster: salary.StaffRecordInput[] = [];
  for (let i = 0; i < 6; i++) {
    const schoolId = w.a.schoolIds[i % 2]!;
    const p = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: `ครู${i + 1}`, last_name_th: 'ทดสอบ', office_id: w.a.officeId, school_id: schoolId })
      .returning('id')
      .executeTakeFirstOrThrow();
    roster.push({
      personnelNo: `P${100 + i}`,
      personId: p.id,
      schoolId,
      nameTh: `ครู${i + 1} ทดสอบ`,
      position: 'ครู',
      salarySatang: (20_000 + i * 3_000) * 100,
      baseSatang: 25_000 * 100,
      maxSalarySatang: 58_390 * 100,
      serviceStartedOn: '2010-05-16',
    });
  }
  roster.push(...(options.extraRoster ?? []));
  if (options.openAppraisal !== false) await salary.openRoundAppraisal(w.engine, hr, { roundCaseId: roundId, roster });

  const resolveAll: SalaryRoundFixture['resolveAll'] = async (kind, resolution) => {
    const c = committees.get(kind)!;
    const { meetingId } = await scheduleMeeting(engineDeps(w.engine), hr, {
      committeeId: c.committeeId,
      title: `ประชุม ${kind}`,
      scheduledAt: w.clock.now().toISOString(),
      place: 'ห้องประชุม',
    });
    await openMeeting(engineDeps(w.engine), hr, { meetingId, present: c.members });
    const items = await w.tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
    for (const item of items) await recordResolution(engineDeps(w.engine), hr, { itemId: item.id, resolution });
    return (await closeMeetingAndApply(engineDeps(w.engine), hr, meetingId)).applied;
  };

  return {
    roundId,
    hr,
    committeeIds: Object.fromEntries([...committees.entries()].map(([k, v]) => [k, v.committeeId])) as SalaryRoundFixture['committeeIds'],
    async score(only = () => true) {
      const children = await salary.roundChildren(w.engine, hr, roundId);
      const directors = [await actorOf(w.tdb.db, w.a.users.director), await actorOf(w.tdb.db, w.a.users.director2)];
      const group = await actorOf(w.tdb.db, w.a.users.group); // office staff: their group director
      const commands = children.flatMap((c, i) =>
        only(i)
          ? [
              {
                caseId: c.caseId,
                type: 'SUBMIT_SCORE',
                payload: { score: 95 - i * 4 },
                actor: c.schoolId === null ? group : directors[w.a.schoolIds.indexOf(c.schoolId)]!,
              },
            ]
          : [],
      );
      await salary.dispatchMany(w.engine, hr, commands);
    },
    approveAll: (kind) => resolveAll(kind, 'approve'),
    resolveAll,
  };
}
