/**
 * Keeps the state diagrams in the docs equal to what `toMermaid` generates
 * from the machines. A doc embeds each workflow's diagram as a ```mermaid
 * block under a heading; a test reads the Markdown, takes the blocks under
 * that heading and compares them with the generated text, so a changed
 * machine fails the build until its doc is regenerated.
 *
 * Usage:
 *   const doc = readDoc(new URL('../../../docs/workflows/sops.md', import.meta.url));
 *   expect(diagramProblems(doc, [{ heading: /`sop-grants`/, expected: toMermaid(sopGrants) }])).toEqual([]);
 */
import { readFileSync } from 'node:fs';

export interface MarkdownSection {
  /** the heading's text, without the leading #s */
  heading: string;
  level: number;
  /** the lines under the heading, up to the next heading of the same or a higher level */
  body: string;
}

export interface ExpectedDiagram {
  /** the heading's exact text, or a pattern it must match (exactly one heading must) */
  heading: string | RegExp;
  /** the generated diagram (without the fences) */
  expected: string;
}

export function readDoc(path: URL | string): string {
  return readFileSync(path, 'utf8');
}

/** Every heading of the document with the text that belongs to it (fenced code is not mistaken for headings). */
export function sectionsOf(markdown: string): MarkdownSection[] {
  const lines = markdown.split(/\r?\n/);
  const heads: { index: number; level: number; heading: string }[] = [];
  let fence: string | null = null;
  lines.forEach((line, index) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      const mark = f[1]!;
      if (fence === null) fence = mark;
      else if (mark.startsWith(fence)) fence = null;
      return;
    }
    if (fence !== null) return;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) heads.push({ index, level: h[1]!.length, heading: h[2]! });
  });
  return heads.map((h, i) => {
    const next = heads.slice(i + 1).find((n) => n.level <= h.level);
    return { heading: h.heading, level: h.level, body: lines.slice(h.index + 1, next?.index ?? lines.length).join('\n') };
  });
}

/** The contents of the ```mermaid blocks in a piece of Markdown, trimmed, in order. */
export function mermaidBlocks(markdown: string): string[] {
  const out: string[] = [];
  const re = /^```mermaid[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = re.exec(markdown); m !== null; m = re.exec(markdown)) out.push(m[1]!.replace(/\s+$/, ''));
  return out;
}

/** The mermaid blocks under the one heading that matches; throws when none or several match. */
export function mermaidBlocksUnder(markdown: string, heading: string | RegExp): string[] {
  const matches = sectionsOf(markdown).filter((s) => (typeof heading === 'string' ? s.heading === heading : heading.test(s.heading)));
  if (matches.length !== 1) throw new Error(`expected exactly one heading matching ${String(heading)}, found ${matches.length}`);
  return mermaidBlocks(matches[0]!.body);
}

/**
 * What is wrong with the doc's diagrams, as readable messages (empty when
 * all agree). A section must hold exactly one mermaid block, equal to the
 * generated one apart from trailing whitespace; the message carries the
 * generated diagram so it can be pasted into the doc.
 */
export function diagramProblems(markdown: string, expected: readonly ExpectedDiagram[]): string[] {
  const problems: string[] = [];
  for (const { heading, expected: diagram } of expected) {
    let blocks: string[];
    try {
      blocks = mermaidBlocksUnder(markdown, heading);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    const want = diagram.replace(/\s+$/, '');
    if (blocks.length !== 1) problems.push(`${String(heading)}: expected one mermaid block, found ${blocks.length}`);
    else if (normalise(blocks[0]!) !== normalise(want)) {
      problems.push(`${String(heading)}: the diagram differs from the generated one; replace it with:\n\`\`\`mermaid\n${want}\n\`\`\``);
    }
  }
  return problems;
}

function normalise(diagram: string): string {
  return diagram
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .trim();
}
