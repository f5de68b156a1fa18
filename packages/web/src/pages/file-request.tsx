/**
 * A teacher files a request: a transfer request in a round that is taking
 * requests (preferred schools chosen from the round's vacancies; the
 * eligibility check answers with its reasons), or any other request the
 * teacher may open (an academic-standing evaluation), each as a form built
 * from the workflow's schema. After filing, the request's own page follows it.
 */
import { FileListField, type UploadedFile } from '../forms/file-upload';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiProblem, client } from '../lib/api';
import type { ApiBody, ApiOk } from '../lib/api-types';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useApiGet } from '../lib/use-api';
import { cleanValue, initialValue, type JsonSchema } from '../forms/json-schema';
import { ErrorCount, SchemaForm, type FieldOverride } from '../forms/schema-form';
import { useSchemaSubmit } from '../forms/use-schema-submit';
import { Empty, Loading, ProblemMessage } from '../ui/feedback';

/** one open round (`listOpenTransferRounds`) */
type OpenRound = ApiOk<'listOpenTransferRounds'>['items'][number];
/** one workflow (`listWorkflows`) */
type WorkflowSummary = ApiOk<'listWorkflows'>['items'][number];

/** Workflows filed through their own route (the transfer round), or opened by the office (the rounds page), not from this page. */
const NOT_HERE = new Set(['transfer-request', 'transfer-round', 'salary-round', 'salary-raise']);

export function FileRequestPage() {
  const { tr, pick } = useI18n();
  const rounds = useApiGet('/api/transfer-rounds/open');
  const workflows = useApiGet('/api/workflows');
  const [chosen, setChosen] = useState<string | null>(null);
  const startable = (workflows.data?.items ?? []).filter((w) => w.startableAt.length > 0 && !NOT_HERE.has(w.id));

  return (
    <section aria-labelledby="file-title">
      <div className="page-head">
        <h1 id="file-title">{tr('ยื่นคำขอ', 'File a request')}</h1>
        <Link href="/cases">{tr('ดูคำขอของฉัน', 'See my requests')}</Link>
      </div>
      <div className="card">
        <h2>{tr('คำขอย้าย', 'Transfer request')}</h2>
        {rounds.error && <ProblemMessage problem={rounds.error} />}
        {!rounds.data ? (
          <Loading />
        ) : rounds.data.items.length === 0 ? (
          <Empty>{tr('ขณะนี้ไม่มีรอบการย้ายที่เปิดรับคำขอ', 'No transfer round is taking requests now')}</Empty>
        ) : (
          rounds.data.items.map((r) => (
            <div key={r.caseId} className="round">
              <h3>{r.title}</h3>
              {r.requestsUntil && (
                <p className="muted">
                  {tr('ยื่นได้ถึง', 'Requests until')} <DateWithTime date={r.requestsUntil.date} time={r.requestsUntil.time} />
                </p>
              )}
              {r.myRequest ? (
                <p data-testid="already-filed">
                  {tr(
                    'ท่านยื่นคำขอย้ายในรอบนี้แล้ว (ยื่นได้รอบละหนึ่งคำขอ)',
                    'You have filed your transfer request in this round (one request per round)',
                  )}{' '}
                  <Link href={`/cases/${r.myRequest.caseId}`}>{tr('ดูคำขอของท่าน', 'See your request')}</Link>
                </p>
              ) : chosen === `round:${r.caseId}` ? (
                <TransferForm round={r} schema={rounds.data!.submissionSchema as JsonSchema} />
              ) : (
                <button type="button" className="btn btn-primary" onClick={() => setChosen(`round:${r.caseId}`)}>
                  {tr('ยื่นคำขอย้ายในรอบนี้', 'File a transfer request in this round')}
                </button>
              )}
            </div>
          ))
        )}
      </div>
      {startable.map((w) => (
        <div key={w.id} className="card">
          <h2>{pick(w.title)}</h2>
          {chosen === w.id ? (
            <StartForm workflow={w} />
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => setChosen(w.id)}>
              {tr('ยื่นคำขอ', 'File')}: {pick(w.title)}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}

function DateWithTime({ date: d, time }: { date: string; time: string }) {
  const { date, tr } = useI18n();
  return (
    <strong>
      {/* a time reads as Thai writes it: 16.30 น. (16:30 in English) */}
      {date(d)} {tr(`เวลา ${time.replace(':', '.')} น.`, `at ${time}`)}
    </strong>
  );
}

function TransferForm({ round, schema }: { round: OpenRound; schema: JsonSchema }) {
  const { tr } = useI18n();
  const [, navigate] = useLocation();
  const [value, setValue] = useState<unknown>(() => ({ ...(initialValue(schema) as object), kind: 'normal', evidence: [] }));
  const schools = [
    ...new Map(
      round.vacancies.map((v) => [
        v.schoolId,
        `${v.schoolName} (${v.subject}, ${v.count} ${tr('อัตรา', 'post(s)')}${v.areaName ? tr(`, ต่างเขตพื้นที่: ${v.areaName}`, `, another area: ${v.areaName}`) : ''})`,
      ]),
    ).entries(),
  ];
  // an administrators' round takes directors and deputies, a teachers' round teachers and assistant teachers
  const positions: { value: string; label: string }[] =
    round.applicants === 'school_administrators'
      ? [
          { value: 'school_director', label: tr('ผู้อำนวยการสถานศึกษา', 'School director') },
          { value: 'deputy_school_director', label: tr('รองผู้อำนวยการสถานศึกษา', 'Deputy school director') },
        ]
      : [
          { value: 'teacher', label: tr('ครู', 'Teacher') },
          { value: 'assistant_teacher', label: tr('ครูผู้ช่วย', 'Assistant teacher') },
        ];
  const overrides: Record<string, FieldOverride> = {
    'preferences.*': { options: schools.map(([value, label]) => ({ value, label })) },
    'facts.position': { options: positions },
    evidence: { hidden: true },
    swapWith: { hidden: true },
  };
  const submission = value as { evidence?: unknown[]; kind?: string; swapWith?: { personId: string; name: string } };

  const { errors, problem, busy, onSubmit } = useSchemaSubmit(schema, value, async (idempotencyKey) => {
    const filed = await client.POST('/api/transfer-rounds/{caseId}/requests', {
      params: { path: { caseId: round.caseId } },
      body: { submission: cleanValue(schema, value) },
      idempotencyKey,
    });
    navigate(`/cases/${filed.caseId}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={tr('แบบคำขอย้าย', 'Transfer request form')}>
      <SchemaForm schema={schema} value={value} onChange={setValue} errors={errors} overrides={overrides} />
      {submission.kind === 'swap' && (
        <SwapPartnerField
          roundId={round.caseId}
          partner={submission.swapWith ?? null}
          onChange={(swapWith) => setValue({ ...(value as object), swapWith: swapWith ?? undefined })}
        />
      )}
      <FileListField
        label={tr('เอกสารหลักฐาน', 'Evidence')}
        hint={tr(
          'แนบไฟล์ (เช่น ทะเบียนบ้าน ก.ค.ศ.16) เป็น PDF, PNG หรือ JPEG ไม่เกิน 20 MB',
          'Attach files (e.g. house registration, KKS 16): PDF, PNG or JPEG of at most 20 MB',
        )}
        officeId={round.officeId}
        files={(submission.evidence ?? []) as UploadedFile[]}
        onChange={(evidence) => setValue({ ...(value as object), evidence })}
      />
      <ErrorCount errors={errors} problem={problem} />
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังยื่น…', 'Filing…') : tr('ยื่นคำขอย้าย', 'File the transfer request')}
      </button>
    </form>
  );
}

/**
 * A swap names the one teacher to swap with (issue 21): the two teachers
 * exchange their citizen ids, and the form finds the other by theirs
 * (`GET /api/transfer-rounds/:id/swap-partner`), showing only the name and
 * the school, never an id to type.
 */
function SwapPartnerField({
  roundId,
  partner,
  onChange,
}: {
  roundId: string;
  partner: { personId: string; name: string } | null;
  onChange: (p: { personId: string; name: string } | null) => void;
}) {
  const { tr } = useI18n();
  const [citizenId, setCitizenId] = useState('');
  const [found, setFound] = useState<{ name: string; schoolName: string | null } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [invalid, setInvalid] = useState(false);
  const find = async () => {
    setProblem(null);
    const digits = citizenId.replace(/[\s-]/g, '');
    setInvalid(!/^\d{13}$/.test(digits));
    if (!/^\d{13}$/.test(digits)) return;
    try {
      const p = await client.GET('/api/transfer-rounds/{caseId}/swap-partner', {
        params: { path: { caseId: roundId }, query: { citizenId: digits } },
      });
      setFound({ name: p.name, schoolName: p.schoolName });
      onChange({ personId: p.personId, name: p.name });
    } catch (error) {
      setFound(null);
      onChange(null);
      setProblem(
        error instanceof ApiProblem ? error : new ApiProblem(0, 'UNKNOWN', { th: 'เกิดข้อผิดพลาด', en: 'Something went wrong' }, null),
      );
    }
  };
  return (
    <fieldset data-testid="swap-partner">
      <legend>{tr('ครูผู้ขอสับเปลี่ยน', 'The teacher to swap with')}</legend>
      <label>
        {tr('เลขประจำตัวประชาชนของครูผู้ขอสับเปลี่ยน', 'Citizen id of the teacher to swap with')}
        <input inputMode="numeric" value={citizenId} aria-invalid={invalid} onChange={(e) => setCitizenId(e.target.value)} />
      </label>
      {invalid && (
        <p className="field-error" role="alert">
          {tr('เลขประจำตัวประชาชนต้องมี 13 หลัก', 'A citizen id has 13 digits')}
        </p>
      )}
      <div className="btn-row">
        <button type="button" className="btn" onClick={() => void find()}>
          {tr('ค้นหาครูผู้ขอสับเปลี่ยน', 'Find the teacher')}
        </button>
      </div>
      {partner && (
        <p data-testid="swap-partner-found">
          {tr('ขอย้ายสับเปลี่ยนกับ', 'Swap with')}: <strong>{partner.name}</strong>
          {found?.schoolName ? ` (${found.schoolName})` : ''}
        </p>
      )}
      <ProblemMessage problem={problem} />
    </fieldset>
  );
}

function StartForm({ workflow }: { workflow: WorkflowSummary }) {
  const { tr, pick } = useI18n();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const schema = workflow.inputSchema as JsonSchema;
  const [value, setValue] = useState<unknown>(() => initialValue(schema));
  const where = workflow.startableAt[0]!;
  const name = me?.person?.nameTh ?? me?.username ?? '';

  const { errors, problem, busy, onSubmit } = useSchemaSubmit(schema, value, async (idempotencyKey) => {
    const started = await client.POST('/api/cases', {
      // the input is the workflow's own (its schema drove the form; the server validates it)
      body: {
        workflowId: workflow.id,
        officeId: where.officeId,
        schoolId: where.schoolId,
        subjectPersonId: me?.person?.id ?? null,
        title: `${workflow.title.th} — ${name}`,
        input: cleanValue(schema, value) ?? {},
      } as ApiBody<'startCase'>,
      idempotencyKey,
    });
    navigate(`/cases/${started.caseId}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={pick(workflow.title)}>
      <SchemaForm schema={schema} value={value} onChange={setValue} errors={errors} overrides={{ policy: { hidden: true } }} />
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังยื่น…', 'Filing…') : tr('ยื่นคำขอ', 'File the request')}
      </button>
    </form>
  );
}
