import { describe, expect, it } from '@jest/globals';
import { toMermaid } from '../src/index';
import { sampleApproval, sampleSla } from './support/index';

describe('toMermaid', () => {
  it('draws every state and transition with Thai labels, guards and final states', () => {
    const d = toMermaid(sampleApproval, 'th');
    expect(d.split('\n')[0]).toBe('stateDiagram-v2');
    expect(d).toContain('[*] --> schoolReview');
    expect(d).toContain('schoolReview --> returned : ส่งคืนแก้ไข [mayReturnAgain]');
    expect(d).toContain('approved --> [*]');
    for (const step of sampleApproval.leafSteps) expect(d).toContain(`  ${step.path} : `);
  });

  it('shows a step’s deadline phrase and speaks English when asked', () => {
    const d = toMermaid(sampleSla, 'en');
    expect(d).toContain('review : Document review (ภายใน 3 วันทำการ)');
    expect(d).toContain('review --> revision : Send back');
  });
});
