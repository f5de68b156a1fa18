/**
 * /committees — the committees of my office, each with how many cases wait
 * for it and my seat on it.
 * /committees/:id — one committee: its seated members, the cases waiting, its
 * meetings (latest first), and for the secretary, chair, HR officers and
 * admins a form to schedule a meeting (the agenda is assembled from the
 * waiting cases; then the meeting page opens).
 *
 * API: GET /api/offices/:officeId/committees, GET /api/committees/:id,
 * GET /api/committees/:id/meetings, POST /api/committees/:id/meetings.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { client } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { checkDateTime } from '../lib/thai-date-input';
import { ThaiDateField } from '../forms/thai-date-field';
import { Empty, Loading, ProblemMessage } from '../ui/feedback';
import { mayRun, MEETING_STATUS, mySeats, quorumRuleText, SEAT_LABEL, type CommitteeSummary } from './committee/model';
import { StatusBadge, useAction } from './committee/parts';

export function CommitteesPage(_props: Record<string, unknown>) {
  const { tr } = useI18n();
  const { officeId } = useSession();
  const list = useApiGet('/api/offices/{officeId}/committees', officeId ? { params: { path: { officeId } } } : null);
  return (
    <>
      <div className="page-head">
        <h1>{tr('คณะกรรมการ', 'Committees')}</h1>
      </div>
      <p className="muted">
        {tr(
          'คณะกรรมการของสำนักงานเขต เลือกคณะกรรมการเพื่อดูกรรมการ การประชุม และนัดประชุมเพื่อพิจารณาเรื่องที่รออยู่',
          'The committees of your office. Open one to see its members and meetings, and to schedule a meeting for the cases waiting.',
        )}
      </p>
      {!officeId ? (
        <Empty>{tr('บัญชีนี้ไม่ได้สังกัดสำนักงานเขต', 'This account belongs to no office')}</Empty>
      ) : list.error ? (
        <ProblemMessage problem={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty>{tr('ยังไม่มีคณะกรรมการในสำนักงานเขตนี้', 'This office has no committees yet')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table responsive">
            <caption className="visually-hidden">{tr('คณะกรรมการและเรื่องที่รอพิจารณา', 'Committees and the cases waiting for them')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('คณะกรรมการ', 'Committee')}</th>
                <th scope="col">{tr('องค์ประชุม', 'Quorum')}</th>
                <th scope="col">{tr('ที่นั่งของฉัน', 'My seat')}</th>
                <th scope="col" className="num">
                  {tr('เรื่องที่รอพิจารณา', 'Cases waiting')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <CommitteeRow key={c.id} committee={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CommitteeRow({ committee: c }: { committee: CommitteeSummary }) {
  const { tr, pick, num } = useI18n();
  const { me } = useSession();
  const detail = useApiGet('/api/committees/{committeeId}', { params: { path: { committeeId: c.id } } });
  const seats = mySeats(me, detail.data?.members);
  const waiting = detail.data?.waitingCases;
  return (
    <tr>
      <td data-label={tr('คณะกรรมการ', 'Committee')}>
        {/* the name says what the committee is for; its kind is a code name, never shown */}
        <Link href={`/committees/${c.id}`}>{pick({ th: c.nameTh, en: c.nameEn })}</Link>
      </td>
      <td data-label={tr('องค์ประชุม', 'Quorum')}>{quorumRuleText(c.quorum, tr)}</td>
      <td data-label={tr('ที่นั่งของฉัน', 'My seat')}>
        {detail.data ? (
          seats.length > 0 ? (
            seats.map((s) => pick(SEAT_LABEL[s.seat], s.seat)).join(', ')
          ) : (
            <span className="muted">—</span>
          )
        ) : (
          '…'
        )}
      </td>
      <td data-label={tr('เรื่องที่รอพิจารณา', 'Cases waiting')} className="num">
        {detail.error ? (
          <span className="muted">—</span>
        ) : waiting === undefined ? (
          '…'
        ) : (
          <span className={`badge ${waiting > 0 ? 'badge-risk' : 'badge-neutral'}`}>
            {tr(`${num(waiting)} เรื่อง`, `${num(waiting)} ${waiting === 1 ? 'case' : 'cases'}`)}
          </span>
        )}
      </td>
    </tr>
  );
}

export function CommitteePage({ committeeId }: { committeeId: string }) {
  const { tr, pick, date, dateTime, num } = useI18n();
  const { me } = useSession();
  const detail = useApiGet('/api/committees/{committeeId}', { params: { path: { committeeId } } });
  const meetings = useApiGet('/api/committees/{committeeId}/meetings', { params: { path: { committeeId } } });

  if (detail.error) {
    return (
      <>
        <h1>{tr('คณะกรรมการ', 'Committee')}</h1>
        <ProblemMessage problem={detail.error} />
        <p>
          <Link href="/committees">{tr('กลับไปที่รายการคณะกรรมการ', 'Back to the committees')}</Link>
        </p>
      </>
    );
  }
  if (!detail.data) return <Loading />;
  const { committee: c, members, waitingCases, seatedOn } = detail.data;
  const seats = mySeats(me, members);
  const canRun = mayRun(me, c.officeId, seats);

  return (
    <>
      <p className="cm-crumbs">
        <Link href="/committees">{tr('คณะกรรมการ', 'Committees')}</Link> <span aria-hidden="true">›</span>
      </p>
      <div className="page-head">
        <h1>{pick({ th: c.nameTh, en: c.nameEn })}</h1>
        {seats.length > 0 && (
          <span className="badge badge-open">
            {tr('ที่นั่งของฉัน', 'My seat')}: {seats.map((s) => pick(SEAT_LABEL[s.seat], s.seat)).join(', ')}
          </span>
        )}
      </div>
      <div className="stats">
        <div className={waitingCases > 0 ? 'stat risk' : 'stat'}>
          <strong>{num(waitingCases)}</strong>
          {tr('เรื่องที่รอพิจารณา', 'Cases waiting')}
        </div>
        <div className="stat">
          <strong>{num(members.length)}</strong>
          {tr('กรรมการที่อยู่ในวาระ', 'Seated members')}
        </div>
        <div className="stat">
          <strong>{meetings.data ? num(meetings.data.items.length) : '…'}</strong>
          {tr('การประชุม', 'Meetings')}
        </div>
      </div>

      <div className="grid-2">
        <div>
          <section className="card" aria-labelledby="meetings-h">
            <h2 id="meetings-h">{tr('การประชุม', 'Meetings')}</h2>
            {meetings.error ? (
              <ProblemMessage problem={meetings.error} />
            ) : !meetings.data ? (
              <Loading />
            ) : meetings.data.items.length === 0 ? (
              <Empty>{tr('ยังไม่มีการประชุม', 'No meetings yet')}</Empty>
            ) : (
              <div className="table-wrap">
                <table className="table responsive">
                  <caption className="visually-hidden">{tr('การประชุม ล่าสุดก่อน', 'Meetings, latest first')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tr('การประชุม', 'Meeting')}</th>
                      <th scope="col">{tr('วันเวลา', 'When')}</th>
                      <th scope="col">{tr('สถานที่', 'Place')}</th>
                      <th scope="col" className="num">
                        {tr('วาระ', 'Items')}
                      </th>
                      <th scope="col">{tr('สถานะ', 'Status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {meetings.data.items.map((m) => (
                      <tr key={m.id}>
                        <td data-label={tr('การประชุม', 'Meeting')}>
                          <Link href={`/meetings/${m.id}`}>{m.title}</Link>
                        </td>
                        <td data-label={tr('วันเวลา', 'When')}>{dateTime(m.scheduledAt)}</td>
                        <td data-label={tr('สถานที่', 'Place')}>{m.place}</td>
                        <td data-label={tr('วาระ', 'Items')} className="num">
                          {num(m.items)}
                        </td>
                        <td data-label={tr('สถานะ', 'Status')}>
                          <StatusBadge status={m.status} table={MEETING_STATUS} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="members-h">
            <h2 id="members-h">{tr('กรรมการ', 'Members')}</h2>
            <p className="muted">{tr(`กรรมการที่อยู่ในวาระ ณ วันที่ ${date(seatedOn)}`, `Members seated on ${date(seatedOn)}`)}</p>
            {members.length === 0 ? (
              <Empty>{tr('ยังไม่มีกรรมการ', 'No members seated')}</Empty>
            ) : (
              <div className="table-wrap">
                <table className="table responsive">
                  <caption className="visually-hidden">{tr('กรรมการและตำแหน่งในคณะกรรมการ', 'Members and their seats')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tr('ชื่อ', 'Name')}</th>
                      <th scope="col">{tr('ตำแหน่งในคณะกรรมการ', 'Seat')}</th>
                      <th scope="col">{tr('บัญชีผู้ใช้', 'Account')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {members.map((m) => (
                      <tr key={m.memberId}>
                        <td data-label={tr('ชื่อ', 'Name')}>
                          {m.nameTh}
                          {m.personId === me?.person?.id && <span className="badge badge-open cm-me">{tr('ฉัน', 'me')}</span>}
                        </td>
                        <td data-label={tr('ตำแหน่งในคณะกรรมการ', 'Seat')}>{pick(SEAT_LABEL[m.seat], m.seat)}</td>
                        <td data-label={tr('บัญชีผู้ใช้', 'Account')}>
                          {m.hasAccount ? (
                            tr('มี (ลงคะแนนเองได้)', 'Yes (votes in the system)')
                          ) : (
                            <span className="muted">{tr('ไม่มี', 'None')}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>

        <div>
          {canRun && <ScheduleMeetingForm committeeId={c.id} waitingCases={waitingCases} />}
          <section className="card" aria-labelledby="rules-h">
            <h2 id="rules-h">{tr('ข้อมูลคณะกรรมการ', 'About this committee')}</h2>
            <dl className="facts">
              <dt>{tr('องค์ประชุม', 'Quorum')}</dt>
              <dd>{quorumRuleText(c.quorum, tr)}</dd>
              <dt>{tr('แจ้งกรรมการล่วงหน้า', 'Members told')}</dt>
              <dd>{tr(`${num(c.noticeWorkingDays)} วันทำการ`, `${num(c.noticeWorkingDays)} working days before`)}</dd>
            </dl>
            {!canRun && (
              <p className="muted">
                {tr(
                  'เลขานุการ ประธาน เจ้าหน้าที่บุคคล หรือผู้ดูแลระบบเป็นผู้นัดประชุม',
                  'The secretary, the chair, HR officers or admins schedule meetings.',
                )}
              </p>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

function ScheduleMeetingForm({ committeeId, waitingCases }: { committeeId: string; waitingCases: number }) {
  const { tr, num, pick } = useI18n();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  /** the API's instant once the text reads as one, else the text as typed (thai-date-field.tsx) */
  const [when, setWhen] = useState<unknown>(undefined);
  const [whenError, setWhenError] = useState<string | undefined>(undefined);
  const [place, setPlace] = useState('');
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wrong = when === undefined ? tr('กรุณาระบุวันและเวลา', 'Please give the date and time') : checkDateTime(when);
    setWhenError(wrong === null ? undefined : typeof wrong === 'string' ? wrong : pick(wrong));
    if (wrong !== null || typeof when !== 'string') {
      document.getElementById('schedule-when')?.focus();
      return;
    }
    void action.run(async () => {
      const res = await client.POST('/api/committees/{committeeId}/meetings', {
        params: { path: { committeeId } },
        body: { title: title.trim(), scheduledAt: when, place: place.trim() },
      });
      navigate(`/meetings/${res.meetingId}`);
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="schedule-h">
      <h2 id="schedule-h">{tr('นัดประชุม', 'Schedule a meeting')}</h2>
      <p className="muted">
        {waitingCases > 0
          ? tr(
              `ระเบียบวาระจะจัดจากเรื่องที่รอพิจารณา ${num(waitingCases)} เรื่อง แก้ไขได้ก่อนเปิดประชุม`,
              `The agenda is assembled from the ${num(waitingCases)} waiting cases; you can edit it until the meeting opens.`,
            )
          : tr(
              'ขณะนี้ไม่มีเรื่องที่รอพิจารณา การประชุมจะเริ่มโดยไม่มีวาระ (เพิ่มได้ภายหลัง)',
              'No cases wait now: the meeting starts with an empty agenda (you can add cases later).',
            )}
      </p>
      <label className="field">
        <span>{tr('ชื่อการประชุม', 'Meeting title')}</span>
        <input
          name="title"
          required
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={tr('เช่น การประชุมครั้งที่ 1/2569', 'e.g. Meeting 1/2569')}
        />
      </label>
      <div className="field">
        <label htmlFor="schedule-when">
          {tr('วันและเวลา', 'Date and time')} <span className="hint">{tr('(เวลาประเทศไทย)', '(Bangkok time)')}</span>
        </label>
        {/* พ.ศ. and Bangkok time whatever the browser's own time zone: '20 มิ.ย. 2568 13.30 น.' (thai-date-field.tsx) */}
        <ThaiDateField
          kind="datetime"
          id="schedule-when"
          name="scheduledAt"
          required
          value={when}
          onChange={setWhen}
          submitError={whenError}
        />
      </div>
      <label className="field">
        <span>{tr('สถานที่', 'Place')}</span>
        <input
          name="place"
          required
          maxLength={500}
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          placeholder={tr('เช่น ห้องประชุม สพป.', 'e.g. Office meeting room')}
        />
      </label>
      <ProblemMessage problem={action.problem} />
      <button type="submit" className="btn btn-primary" disabled={action.busy}>
        {action.busy ? tr('กำลังนัดประชุม…', 'Scheduling…') : tr('นัดประชุม', 'Schedule meeting')}
      </button>
    </form>
  );
}
