/**
 * The วิทยฐานะ appointment order over HTTP (docs/documents.md): an expert
 * request taken through the engine to a passed, certified result; before
 * that the order is not ready; then the draft prints (blank date, the
 * อ.ก.ค.ศ. approval named), HR gives it its number from the order register
 * (asking twice gives the same), the signed order prints the signer — a
 * deputy acting for the area director (รักษาราชการแทน) — and the day, and
 * the DOCX has the same words. Another office gets 404; a teacher
 * may not give numbers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Actor } from '@esa-flow/engine';
import JSZip from 'jszip';
import { academicStandingWorkflows, type Application } from '../../workflows/src/academic-standing/index';
import { missingInOrder, pdfText } from '../../documents/test/support/pdf-checks';
import { actorOf } from '../../engine/test/support/index';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let caseId = '';
const send = (actor: Actor, type: string, payload: unknown = {}) => w.engine.dispatch({ actor, caseId, type, payload });
const resolution = () => ({
  meetingId: randomUUID(),
  itemId: randomUUID(),
  resolution: 'approve',
  note: null,
  tally: { approve: 5, reject: 0, defer: 0, abstain: 0, recused: 0 },
});

async function call(who: 'a.hr' | 'a.teacher' | 'b.hr', method: 'GET' | 'POST', url: string) {
  const [office, role] = who.split('.') as ['a' | 'b', 'hr' | 'teacher'];
  const userId = (office === 'a' ? w.a : w.b).users[role].userId;
  const { username } = await w.tdb.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
  return w.app.inject({ method, url, headers: { cookie } });
}

beforeAll(async () => {
  w = await startServerWorld({}, academicStandingWorkflows);
});
afterAll(() => w.close());

describe('the วิทยฐานะ order', () => {
  it('is not ready until the result is certified, then prints the draft, takes its number once, and prints the signed order', async () => {
    w.clock.set('2025-06-02T03:00:00Z');
    const hr = await actorOf(w.tdb.db, w.a.users.hr);
    const teacher = await actorOf(w.tdb.db, w.a.users.teacher);
    // the area director is away: their deputy signs, acting for them (รักษาราชการแทน)
    const deputyPerson = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: 'รองผู้อำนวยการ', last_name_th: 'รักษาการ', office_id: w.a.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const deputyUser = await w.tdb.db
      .insertInto('users')
      .values({ username: `deputy-${randomUUID().slice(0, 8)}`, person_id: deputyPerson.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.tdb.db
      .insertInto('role_assignments')
      .values({
        user_id: deputyUser.id,
        role: 'area_director',
        office_id: w.a.officeId,
        school_id: null,
        valid_from: '2020-01-01',
        acting_for: true,
      })
      .execute();
    const deputy = await actorOf(w.tdb.db, { userId: deputyUser.id });
    const evaluators: { userId: string; personId: string; name: string; actor: Actor }[] = [];
    for (let i = 1; i <= 6; i++) {
      const person = await w.tdb.db
        .insertInto('people')
        .values({ first_name_th: `ผู้ประเมิน${i}`, last_name_th: 'ทดสอบ', office_id: w.a.officeId })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user = await w.tdb.db
        .insertInto('users')
        .values({ username: `ev-${i}-${randomUUID().slice(0, 8)}`, person_id: person.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await w.tdb.db
        .insertInto('role_assignments')
        .values({ user_id: user.id, role: 'committee_member', office_id: w.a.officeId, school_id: null, valid_from: '2020-01-01' })
        .execute();
      evaluators.push({
        userId: user.id,
        personId: person.id,
        name: `ผู้ประเมิน${i} ทดสอบ`,
        actor: await actorOf(w.tdb.db, { userId: user.id }),
      });
    }
    const committee: Actor = { kind: 'committee', id: randomUUID(), officeId: w.a.officeId };
    const input: Application = {
      position: 'teacher',
      currentLevel: 'senior_professional',
      currentLevelSince: '2019-10-01',
      targetLevel: 'expert',
      paResults: [2565, 2566, 2567].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [85, 80, 90] })),
      penalties: [],
      development: { passedOn: '2025-03-12' },
      evidence: [
        { kind: 'pa_results', title: 'PA' },
        { kind: 'development_certificate', title: 'วุฒิบัตร' },
        { kind: 'academic_work', title: 'ผลงานทางวิชาการ' },
      ],
    };
    caseId = (
      await w.engine.startCase({
        actor: teacher,
        workflowId: 'academic-standing',
        officeId: w.a.officeId,
        schoolId: w.a.schoolIds[0]!,
        subjectPersonId: w.a.users.teacher.personId,
        title: 'ขอเลื่อนเป็นวิทยฐานะครูเชี่ยวชาญ',
        input,
      })
    ).caseId;
    const url = `/api/cases/${caseId}/documents/academic-standing-order.pdf`;
    expect((await call('a.hr', 'GET', url)).json()).toMatchObject({ code: 'DOCUMENT_NOT_READY' });

    await send(hr, 'ACCEPT_ELIGIBLE');
    const panel = evaluators.map(({ userId, personId, name }) => ({ userId, personId, name }));
    await send(hr, 'PROPOSE_COMMITTEES', { aspect1: panel.slice(0, 3), aspect2: panel.slice(3, 6) });
    await send(committee, 'COMMITTEES_APPROVED', resolution());
    w.clock.set('2025-06-20T03:00:00Z');
    for (const [i, e] of evaluators.entries())
      await w.engine.dispatch({ actor: e.actor, caseId, type: 'SUBMIT_SCORE', payload: { aspect: i < 3 ? 1 : 2, percent: 80 } });
    await send(committee, 'ASPECT1_APPROVED', resolution());
    await send(committee, 'ASPECT2_APPROVED', resolution());
    expect((await call('a.hr', 'GET', url)).json()).toMatchObject({ code: 'DOCUMENT_NOT_READY' }); // passed, not yet certified
    await send(hr, 'CERTIFY_RESULT', { dpaReference: 'DPA-2568-0042' });

    const draft = pdfText((await call('a.hr', 'GET', `${url}?digits=arabic`)).rawPayload);
    expect(
      missingInOrder(draft, [
        'ที่ ......../2568',
        'เรื่อง ให้ข้าราชการครูและบุคลากรทางการศึกษาเลื่อนเป็นวิทยฐานะสูงขึ้น',
        'สั่ง ณ วันที่ ........................ พ.ศ. 2568',
        'ชำนาญการพิเศษ',
        'ครูเชี่ยวชาญ',
      ]),
    ).toBeNull();
    expect((await call('a.teacher', 'POST', `${url.replace('.pdf', '')}/number`)).statusCode).toBe(403);
    const numbered = await call('a.hr', 'POST', `${url.replace('.pdf', '')}/number`);
    expect(numbered.json()).toMatchObject({ register: 'order', text: '1/2568' });
    expect((await call('a.hr', 'POST', `${url.replace('.pdf', '')}/number`)).json()).toMatchObject({ text: '1/2568' });

    await send(hr, 'PREPARE_ORDER', { orderNumber: 'typed by hand' });
    w.clock.set('2025-06-25T03:00:00Z');
    await send(deputy, 'SIGN_ORDER');
    const signed = pdfText((await call('a.hr', 'GET', `${url}?digits=arabic`)).rawPayload);
    expect(
      missingInOrder(signed, [
        'ที่ 1/2568',
        'สั่ง ณ วันที่ 25 มิถุนายน 2568',
        '(รองผู้อำนวยการ รักษาการ)',
        'รักษาราชการแทนผู้อำนวยการ',
        'บัญชีรายละเอียดแนบท้ายคำสั่ง',
        'ลงวันที่ 25 มิถุนายน 2568',
      ]),
    ).toBeNull();
    expect(signed).not.toContain('typed by hand');

    const docx = await call('a.hr', 'GET', `/api/cases/${caseId}/documents/academic-standing-order.docx?digits=arabic`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('ที่ 1/2568');
    expect(xml).toContain('สั่ง ณ วันที่ 25 มิถุนายน 2568');

    expect((await call('b.hr', 'GET', url)).statusCode).toBe(404);
  });
});
