/**
 * docs/workflows/sops.md shows each SOP's state diagram and time standards;
 * this keeps them equal to the workflows as they are now.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDeadlineSpec, toMermaid } from '@esa-flow/engine';
import { sopWorkflows } from '../src/sops/index';
import { diagramProblems, mermaidBlocks, mermaidBlocksUnder, readDoc, sectionsOf } from './support/doc-diagrams';

const doc = readDoc(new URL('../../../docs/workflows/sops.md', import.meta.url));
/** Each SOP's section is the one whose heading names its id in backticks. */
const headingOf = (id: string) => new RegExp(`\\(\`${id}\`\\)$`);

describe('docs/workflows/sops.md', () => {
  it('shows, under each SOP’s heading, the diagram toMermaid generates now', () => {
    expect(
      diagramProblems(
        doc,
        sopWorkflows.map((def) => ({ heading: headingOf(def.id), expected: toMermaid(def, 'th') })),
      ),
    ).toEqual([]);
  });

  it('has no diagram of its own besides those', () => {
    expect(mermaidBlocks(doc)).toHaveLength(sopWorkflows.length);
  });

  it.each(sopWorkflows.map((def) => [def.id, def] as const))('lists every time standard of %s with its phrase and source', (_id, def) => {
    const section = sectionsOf(doc).find((s) => headingOf(def.id).test(s.heading))!;
    for (const meta of Object.values(def.steps)) {
      if (!meta.deadline) continue;
      const spec = parseDeadlineSpec(meta.deadline);
      expect(section.body).toContain(`| ${spec.phrase} | \`${spec.kind}\` |`);
      expect(section.body).toContain(spec.source!);
    }
  });
});

describe('doc-diagrams helper', () => {
  const md = [
    '# Title',
    '## A (`a`)',
    '```mermaid',
    'stateDiagram-v2',
    '  [*] --> x',
    '```',
    '```ts',
    '# not a heading inside a fence',
    '```',
    '### A detail',
    '## B',
    '```mermaid',
    'stateDiagram-v2',
    '```',
  ].join('\n');

  it('takes the blocks under a heading, sub-sections included, and not a fenced "# …" for a heading', () => {
    expect(mermaidBlocksUnder(md, /`a`/)).toEqual(['stateDiagram-v2\n  [*] --> x']);
    expect(mermaidBlocksUnder(md, 'B')).toEqual(['stateDiagram-v2']);
    expect(sectionsOf(md).map((s) => s.heading)).toEqual(['Title', 'A (`a`)', 'A detail', 'B']);
  });

  it('reports a changed diagram with the one to paste, and a missing heading', () => {
    expect(diagramProblems(md, [{ heading: 'B', expected: 'stateDiagram-v2\n' }])).toEqual([]);
    const [changed] = diagramProblems(md, [{ heading: 'B', expected: 'stateDiagram-v2\n  [*] --> y' }]);
    expect(changed).toContain('  [*] --> y');
    expect(diagramProblems(md, [{ heading: 'C', expected: '' }])).toEqual(['expected exactly one heading matching C, found 0']);
  });
});
