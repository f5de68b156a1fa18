/**
 * No code name reaches a person (issue 19): every field of every event
 * payload and input schema, every enum value and every state of every
 * workflow has a label in Thai and English, from the schemas' own `x-label`
 * or the shared vocabulary (src/labels.ts). Naming is presentation: it does
 * not change a published version's content hash.
 */
import { describe, expect, it } from '@jest/globals';
import { defineWorkflow, toStateGraph, unlabelled } from '@esa-flow/engine';
import { createRegistry } from '../src/index';

describe('labels of the workflows', () => {
  const defs = createRegistry().list();

  it('names every field, enum value and state in th and en', () => {
    const missing = defs.flatMap((def) =>
      unlabelled(
        def,
        toStateGraph(def).nodes.map((n) => n.id),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('leaves the content hash as it was without the labels', () => {
    for (const def of defs) {
      const { labels: _labels, key: _key, contentHash, leafSteps: _leaf, ...config } = def;
      expect(defineWorkflow(config).contentHash).toBe(contentHash);
    }
  });
});
