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

  it('keeps versions 1–3 registered and opens new requests on version 4 (placements only from the matching), rounds on version 3', () => {
    expect(registry.get('transfer-request', 1).version).toBe(1);
    expect(registry.get('transfer-request', 2).version).toBe(2);
    expect(registry.get('transfer-request', 3).version).toBe(3);
    expect(registry.latest('transfer-request').version).toBe(4);
    expect(registry.latest('transfer-round').version).toBe(3);
    expect(registry.get('transfer-request', 4).events.PROPOSE_PLACEMENT!.roles).toEqual(['system']);
    expect(registry.get('transfer-request', 3).events.PROPOSE_PLACEMENT!.roles).toEqual(['hr_officer', 'system']);
    expect(registry.get('transfer-round', 3).events.RECORD_MATCHING!.roles).toEqual(['system']);
  });

  it('version 1 takes the evidence it always took; version 2 wants an upload', () => {
    const v1 = registry.get('transfer-request', 1).events.FILE_GRIEVANCE!.payload;
    const v2 = registry.get('transfer-request', 2).events.FILE_GRIEVANCE!.payload;
    const metadataOnly = { grounds: 'ขอทบทวน', evidence: [{ name: 'ทะเบียนบ้าน.pdf', size: 1000, sha256: 'a'.repeat(64), storageKey: 'k/1' }] };
    const upload = { grounds: 'ขอทบทวน', evidence: [{ name: 'ทะเบียนบ้าน.pdf', size: 1000, sha256: 'a'.repeat(64), fileId: '0b6f3a52-3d0c-4a53-9d7e-2f4f4b1c9a11' }] };
    expect(v1.safeParse(metadataOnly).success).toBe(true);
    expect(v1.safeParse(upload).success).toBe(false);
    expect(v2.safeParse(upload).success).toBe(true);
    expect(v2.safeParse(metadataOnly).success).toBe(false);
  });
});

