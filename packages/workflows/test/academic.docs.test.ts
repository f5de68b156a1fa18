/**
 * docs/workflows/academic-standing.md shows each workflow's state diagram and
 * its deadlines with their phrases and sources; this keeps them equal to the
 * workflows as they are now.
 */
import { describe, expect, it } from '@jest/globals';
import { parseDeadlineSpec, toMermaid, type WorkflowDefinition } from '@esa-flow/engine';
import {
  academicStanding,
  DPA_COLUMNS,
  preAppointmentDevelopment,
  STATUS_OF_STEP,
  TEACHER_STATUS_LABELS,
} from '../src/academic-standing/index';
import { diagramProblems, mermaidBlocks, readDoc, sectionsOf } from './support/doc-diagrams';

const doc = readDoc(new URL('../../../docs/workflows/academic-standing.md', import.meta.url));
const defs = [academicStanding, preAppointmentDevelopment] as const;

/** The section "## The evaluation case (`academic-standing`)" or "## The monthly … (`pre-appointment-development`)". */
const sectionOf = (def: WorkflowDefinition) => sectionsOf(doc).find((s) => s.level === 2 && s.heading.endsWith(`(\`${def.id}\`)`))!;

describe('docs/workflows/academic-standing.md', () => {
  it('shows, under each workflow’s diagram heading, the diagram toMermaid generates now', () => {
    expect(
      diagramProblems(
        doc,
        defs.map((def) => ({ heading: `Diagram (\`${def.id}\`)`, expected: toMermaid(def, 'th') })),
      ),
    ).toEqual([]);
    expect(mermaidBlocks(doc)).toHaveLength(defs.length);
  });

  it.each(defs.map((d) => [d.id, d] as const))('lists every deadline of %s with its phrase, kind and source', (_id, def) => {
    const body = sectionOf(def).body;
    for (const [step, meta] of Object.entries(def.steps)) {
      if (!meta.deadline) continue;
      const spec = parseDeadlineSpec(meta.deadline);
      expect(body).toContain(`| \`${step}\` | ${spec.phrase} | \`${spec.kind}\` | ${spec.source} |`);
    }
  });

  it('names every step of the evaluation case with the status the teacher sees', () => {
    const body = sectionOf(academicStanding).body;
    for (const step of academicStanding.leafSteps) expect(body).toContain(`\`${step.path}\``);
    for (const status of new Set(Object.values(STATUS_OF_STEP))) expect(body).toContain(TEACHER_STATUS_LABELS[status].th);
  });

  it('lists the DPA import template’s columns as the template has them', () => {
    const body = sectionsOf(doc).find((x) => x.level === 2 && x.heading.startsWith('นำเข้าคำขอจากระบบ DPA'))!.body;
    for (const c of DPA_COLUMNS) {
      expect(body).toContain(
        `| ${c.label.th} | ${c.label.en} | ${c.required ? 'ใช่' : ''} | ${c.options ? c.options.map((o) => o.text).join(' / ') : c.hint.th} |`,
      );
    }
  });
});
