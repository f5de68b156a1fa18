/**
 * The part of JSON Schema (2020-12, as zod writes it) that event payloads
 * and workflow inputs use, read for building forms: the field's kind, whether
 * it may be null, its default, and validation with messages in Thai and
 * English. The server validates again with the same zod schema; these checks
 * only spare people a round trip and say what is wrong next to the field.
 */
import type { Lang } from '../lib/i18n';
import { checkDate, checkDateTime } from '../lib/thai-date-input';
import { fieldLabel } from './field-labels';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  'x-format'?: string;
  'x-label'?: { th: string; en: string };
  'x-enum-labels'?: Record<string, { th: string; en: string }>;
  /** the value is the id of a person, an account or a school, chosen by name (picker-fields.tsx) */
  'x-picker'?: 'person' | 'user' | 'school';
  /** a widget of its own: `score-table` (score-table-field.tsx); `hidden`: not asked of a person (an optional link to a case) */
  'x-widget'?: 'score-table' | 'hidden';
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  title?: string;
  description?: string;
}

export type FieldKind =
  'object' | 'record' | 'array' | 'enum' | 'boolean' | 'integer' | 'number' | 'date' | 'datetime' | 'time' | 'text' | 'longtext' | 'json';

/** `X | null` written as anyOf: the X, and that null is allowed. */
export function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const nonNull = options.filter((o) => o.type !== 'null');
    if (nonNull.length === 1 && nonNull.length < options.length)
      return { schema: { ...nonNull[0], ...(schema.default !== undefined ? { default: schema.default } : {}) }, nullable: true };
  }
  return { schema, nullable: false };
}

export function kindOf(schema: JsonSchema, key = ''): FieldKind {
  if (schema.enum || schema.const !== undefined) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return schema.properties ? 'object' : typeof schema.additionalProperties === 'object' ? 'record' : 'json';
    case 'array':
      return 'array';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'string': {
      const format = schema['x-format'] ?? schema.format;
      if (format === 'date') return 'date';
      if (format === 'date-time') return 'datetime';
      if (key === 'time' || schema.pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') return 'time';
      return (schema.maxLength ?? 0) > 200 ? 'longtext' : 'text';
    }
    default:
      return 'json';
  }
}

/** The starting value of a form: defaults, empty objects for required nested groups (an optional group starts absent), nothing else. */
export function initialValue(schema: JsonSchema, required = true): unknown {
  const { schema: s } = unwrapNullable(schema);
  if (s.default !== undefined) return structuredClone(s.default);
  const kind = kindOf(s);
  if (kind === 'object') {
    if (!required) return undefined;
    const out: Record<string, unknown> = {};
    const req = new Set(s.required ?? []);
    for (const [k, child] of Object.entries(s.properties ?? {})) {
      const v = initialValue(child, req.has(k));
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (kind === 'record') return {};
  if (kind === 'array') return [];
  if (kind === 'boolean') return false;
  return undefined;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** What is sent: blank optional fields left out (the schemas use absence, not ''). */
export function cleanValue(schema: JsonSchema, value: unknown): unknown {
  const { schema: s, nullable } = unwrapNullable(schema);
  const kind = kindOf(s);
  if (kind === 'object') {
    if (typeof value !== 'object' || value === null) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(s.properties ?? {})) {
      const v = cleanValue(child, (value as Record<string, unknown>)[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (kind === 'array' && Array.isArray(value)) return value.map((v) => cleanValue(s.items ?? {}, v)).filter((v) => v !== undefined);
  if (isBlank(value)) return nullable && value === null ? null : undefined;
  return value;
}

export type Errors = Record<string, string>;

/** Path of a field as the server reports it: 'facts.major', 'preferences.0'. */
export const pathKey = (path: (string | number)[]) => path.join('.');

export function validate(
  schema: JsonSchema,
  value: unknown,
  lang: Lang,
  path: (string | number)[] = [],
  required = true,
  errors: Errors = {},
): Errors {
  const { schema: s, nullable } = unwrapNullable(schema);
  const key = String(path[path.length - 1] ?? '');
  const label = key ? fieldLabel(key, { ...s, ...schema }, lang) : '';
  const say = (th: string, en: string) => {
    errors[pathKey(path)] = lang === 'th' ? th : en;
  };
  const kind = kindOf(s, key);
  if (isBlank(value) && !(kind === 'object' || kind === 'array' || kind === 'record' || kind === 'boolean')) {
    if (required && !(nullable && value === null)) say(`กรุณากรอก${label}`, `${label} is required`);
    return errors;
  }
  if (kind === 'object' && !required && (value === undefined || value === null)) return errors;
  switch (kind) {
    case 'object': {
      const obj = (value ?? {}) as Record<string, unknown>;
      const req = new Set(s.required ?? []);
      for (const [k, child] of Object.entries(s.properties ?? {})) validate(child, obj[k], lang, [...path, k], req.has(k), errors);
      break;
    }
    case 'record': {
      const obj = (value ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) validate(s.additionalProperties as JsonSchema, v, lang, [...path, k], true, errors);
      break;
    }
    case 'array': {
      const list = Array.isArray(value) ? value : [];
      if (s.minItems !== undefined && list.length < s.minItems)
        say(`${label}: ต้องมีอย่างน้อย ${s.minItems} รายการ`, `${label}: at least ${s.minItems} item(s)`);
      else if (s.maxItems !== undefined && list.length > s.maxItems)
        say(`${label}: ได้ไม่เกิน ${s.maxItems} รายการ`, `${label}: at most ${s.maxItems} item(s)`);
      list.forEach((v, i) => validate(s.items ?? {}, v, lang, [...path, i], true, errors));
      break;
    }
    case 'enum': {
      const allowed = s.enum ?? [s.const];
      if (!allowed.some((a) => a === value)) say(`กรุณาเลือก${label}จากรายการ`, `Choose ${label} from the list`);
      break;
    }
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) say(`${label}ต้องเป็นตัวเลข`, `${label} must be a number`);
      else if (kind === 'integer' && !Number.isInteger(n)) say(`${label}ต้องเป็นจำนวนเต็ม`, `${label} must be a whole number`);
      else if (s.minimum !== undefined && n < s.minimum) say(`${label}ต้องไม่น้อยกว่า ${s.minimum}`, `${label} must be at least ${s.minimum}`);
      else if (s.maximum !== undefined && n > s.maximum) say(`${label}ต้องไม่เกิน ${s.maximum}`, `${label} must be at most ${s.maximum}`);
      else if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum)
        say(`${label}ต้องมากกว่า ${s.exclusiveMinimum}`, `${label} must be more than ${s.exclusiveMinimum}`);
      else if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum)
        say(`${label}ต้องน้อยกว่า ${s.exclusiveMaximum}`, `${label} must be less than ${s.exclusiveMaximum}`);
      break;
    }
    case 'date':
    case 'datetime': {
      // the text typed while it does not read as a date, or a date out of range: refused here, never sent
      const why = kind === 'date' ? checkDate(value) : checkDateTime(value);
      if (why) say(why.th, why.en);
      break;
    }
    case 'boolean':
    case 'json':
      break;
    default: {
      const text = String(value);
      if (s.minLength !== undefined && text.length < s.minLength)
        say(`${label}ต้องยาวอย่างน้อย ${s.minLength} ตัวอักษร`, `${label} needs at least ${s.minLength} characters`);
      else if (s.maxLength !== undefined && text.length > s.maxLength)
        say(`${label}ยาวได้ไม่เกิน ${s.maxLength} ตัวอักษร`, `${label} may have at most ${s.maxLength} characters`);
      else if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(text)) {
        const example = PATTERN_EXAMPLES[key];
        say(
          `${label}มีรูปแบบไม่ถูกต้อง${example ? ` (เช่น ${example})` : ''}`,
          `${label} is not in the expected form${example ? ` (e.g. ${example})` : ''}`,
        );
      }
    }
  }
  return errors;
}

/** What a field with a pattern looks like, for the message. */
const PATTERN_EXAMPLES: Record<string, string> = { orderNo: '15/2568', time: '16:30', id: 'V01' };
