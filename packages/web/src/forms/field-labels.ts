/**
 * Names of a schema's fields and choices, from the schema itself: the server
 * hands out workflow schemas with `x-label` on every field and
 * `x-enum-labels` on every choice (packages/workflows/src/labels.ts, checked
 * by workflows.labels.test.ts). A schema the web builds itself may set
 * `title`; the last resort splits the key into words (the browser crawler,
 * web.crawl.e2e.test.ts, fails on what it shows).
 */
import type { Label } from '../lib/api';

interface Labelled {
  title?: unknown;
  'x-label'?: unknown;
  'x-enum-labels'?: unknown;
}

const YES_NO: Record<string, Label> = { true: { th: 'ใช่', en: 'Yes' }, false: { th: 'ไม่ใช่', en: 'No' } };

/** `currentSchoolSince` → "Current school since" */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

export function fieldLabel(key: string, schema: Labelled, lang: 'th' | 'en'): string {
  const own = schema['x-label'] as Label | undefined;
  if (own && typeof own[lang] === 'string') return own[lang];
  if (typeof schema.title === 'string') return schema.title;
  return humanize(key);
}

export function valueLabel(value: unknown, schema: Labelled, lang: 'th' | 'en'): string {
  const known = (schema['x-enum-labels'] as Record<string, Label> | undefined)?.[String(value)] ?? YES_NO[String(value)];
  return known ? known[lang] : String(value);
}
