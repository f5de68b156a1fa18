/**
 * docs/workflows/transfer.md shows both machines' state diagrams (the request's of
 * version 7, the current one) and the
 * default scoring table; this keeps them equal to the code as it is now.
 */
import { describe, expect, it } from '@jest/globals';
import { toMermaid } from '@esa-flow/engine';
import {
  DEFAULT_SCORING_TABLE,
  PARAMETER_NOTES,
  SCHOOL_ADMINISTRATOR_SCORING_TABLE,
  transferRequestV7,
  transferRoundV4,
} from '../src/transfer/index';
import { diagramProblems, mermaidBlocks, readDoc } from './support/doc-diagrams';

const doc = readDoc(new URL('../../../docs/workflows/transfer.md', import.meta.url));

describe('docs/workflows/transfer.md', () => {
  it('shows the diagrams toMermaid generates from both machines now', () => {
    expect(
      diagramProblems(doc, [
        { heading: 'The round (`transfer-round`)', expected: toMermaid(transferRoundV4, 'th') },
        { heading: 'The request (`transfer-request`)', expected: toMermaid(transferRequestV7, 'th') },
      ]),
    ).toEqual([]);
    expect(mermaidBlocks(doc)).toHaveLength(2);
  });

  it('shows the default scoring table and the administrators’ table row by row, points included', () => {
    for (const c of [...DEFAULT_SCORING_TABLE.components, ...SCHOOL_ADMINISTRATOR_SCORING_TABLE.components]) {
      for (const s of c.subCriteria) {
        expect(doc).toContain(
          `| ${c.id} | ${c.label.th} | ${c.mode}${c.enteredBy ? ` (${c.enteredBy})` : ''} | ${s.id} | ${s.label.th} | ${s.points} |`,
        );
      }
    }
  });

  it('names every round parameter', () => {
    for (const name of Object.keys(PARAMETER_NOTES)) expect(doc).toContain(`\`${name}\``);
  });
});
