/**
 * Published versions do not change: transfer-request@1 (evidence as metadata)
 * stays registered as databases published it (the same definition, so the
 * same content hash: those databases still start), and the requests filed on
 * it go on; new requests open on version 2 (evidence as uploads).
 */
import { describe, expect, it } from '@jest/globals';
import { createRegistry } from '../src/index';

describe('transfer-request versions', () => {
  const registry = createRegistry();

  it('keeps versions 1–7 registered and opens new requests on version 8 (school administrators, on version 7’s moves to another office), rounds on version 5', () => {
    expect(registry.get('transfer-request', 1).version).toBe(1);
    expect(registry.get('transfer-request', 2).version).toBe(2);
    expect(registry.get('transfer-request', 3).version).toBe(3);
    expect(registry.get('transfer-request', 4).version).toBe(4);
    expect(registry.get('transfer-request', 5).version).toBe(5);
    expect(registry.get('transfer-request', 6).version).toBe(6);
    expect(registry.latest('transfer-request').version).toBe(8);
    expect(registry.get('transfer-request', 7).events.RECEIVING_AREA_DECIDED!.roles).toEqual(['system']);
    expect(registry.get('transfer-request', 8).events.RECEIVING_AREA_DECIDED!.roles).toEqual(['system']);
    expect(registry.get('transfer-request', 6).events.RECEIVING_AREA_DECIDED).toBeUndefined();
    expect(registry.get('transfer-request', 6).events.RECORD_EXTERNAL_FILING!.roles).toEqual(['hr_officer']);
    expect(registry.get('transfer-request', 5).events.RECORD_EXTERNAL_FILING).toBeUndefined();
    expect(registry.get('transfer-round', 2).version).toBe(2);
    expect(registry.get('transfer-round', 3).version).toBe(3);
    expect(registry.get('transfer-round', 4).version).toBe(4);
    expect(registry.latest('transfer-round').version).toBe(5);
    expect(registry.get('transfer-request', 5).events.PROPOSE_PLACEMENT!.roles).toEqual(['system']);
    expect(registry.get('transfer-request', 3).events.PROPOSE_PLACEMENT!.roles).toEqual(['hr_officer', 'system']);
    expect(registry.get('transfer-round', 4).events.RECORD_MATCHING!.roles).toEqual(['system']);
  });

  it('version 4 takes the round parameter notCertified (lapse by default, so rounds opened before it still file)', () => {
    const input = registry.get('transfer-request', 4).input;
    const v3Params = registry.get('transfer-round', 2).input;
    const round = registry.get('transfer-round', 3).input;
    const params = {
      roundNo: 1,
      yearBe: 2568,
      phases: Object.fromEntries(
        [
          'vacanciesUntil',
          'requestsFrom',
          'requestsUntil',
          'schoolReviewUntil',
          'correctionUntil',
          'scoringUntil',
          'screeningUntil',
          'approvalUntil',
          'ordersUntil',
        ].map((k, i) => [k, { date: `2025-0${1 + Math.floor(i / 3)}-1${i % 3}`, phrase: k, source: 's' }]),
      ),
    };
    expect(round.parse(params)).toMatchObject({ notCertified: 'lapse' });
    expect(round.parse({ ...params, notCertified: 'forward' })).toMatchObject({ notCertified: 'forward' });
    expect(v3Params.safeParse({ ...params, notCertified: 'forward' }).success).toBe(false);
    const request = {
      roundCaseId: 'r',
      applicant: { personId: 'p', name: 'n' },
      currentSchool: { id: 's', name: 'n' },
      params: v3Params.parse(params),
      vacancies: [],
    };
    expect(input.parse(request)).toMatchObject({ params: { notCertified: 'lapse' } });
  });

  it('version 8 takes an administrator’s position and the request’s reviewer; version 6 still refuses the position', () => {
    const v6 = registry.get('transfer-request', 6).events.SUBMIT!.payload;
    const v8 = registry.get('transfer-request', 8).events.SUBMIT!.payload;
    const s = (position: string) => ({
      kind: 'normal',
      preferences: ['S1'],
      reason: 'other',
      evidence: [],
      latestPa: { yearBe: 2567, score: 80, passed: true },
      facts: {
        position,
        academicStanding: 'none',
        major: 'คณิตศาสตร์',
        currentSchoolSince: '2019-05-16',
        firstAppointedOn: '2010-05-17',
        currentSchoolHardship: false,
      },
    });
    expect(v6.safeParse(s('school_director')).success).toBe(false);
    expect(v8.safeParse(s('school_director')).success).toBe(true);
    expect(v8.safeParse(s('deputy_school_director')).success).toBe(true);
    expect(v8.safeParse(s('teacher')).success).toBe(true);
    // the same states and transitions as version 7 (only the signer rule differs: request-machine-v8.ts); the round's machine is version 4's
    expect(registry.get('transfer-request', 8).machine.config).toBe(registry.get('transfer-request', 7).machine.config);
    expect(registry.get('transfer-round', 5).machine).toBe(registry.get('transfer-round', 4).machine);
    expect(registry.get('transfer-request', 8).events.CERTIFY).toMatchObject({
      roles: ['school_director', 'area_director'],
      assignee: 'params.reviewer',
    });
    expect(registry.get('transfer-request', 6).events.CERTIFY!.roles).toEqual(['school_director']);
  });

  it('version 1 takes the evidence it always took; version 2 wants an upload', () => {
    const v1 = registry.get('transfer-request', 1).events.FILE_GRIEVANCE!.payload;
    const v2 = registry.get('transfer-request', 2).events.FILE_GRIEVANCE!.payload;
    const metadataOnly = {
      grounds: 'ขอทบทวน',
      evidence: [{ name: 'ทะเบียนบ้าน.pdf', size: 1000, sha256: 'a'.repeat(64), storageKey: 'k/1' }],
    };
    const upload = {
      grounds: 'ขอทบทวน',
      evidence: [{ name: 'ทะเบียนบ้าน.pdf', size: 1000, sha256: 'a'.repeat(64), fileId: '0b6f3a52-3d0c-4a53-9d7e-2f4f4b1c9a11' }],
    };
    expect(v1.safeParse(metadataOnly).success).toBe(true);
    expect(v1.safeParse(upload).success).toBe(false);
    expect(v2.safeParse(upload).success).toBe(true);
    expect(v2.safeParse(metadataOnly).success).toBe(false);
  });
});
