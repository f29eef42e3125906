import { randomUUID } from 'node:crypto';

/**
 * Values made from the API's own JSON schemas (the route table's, or the OpenAPI document's): a
 * valid value for every field, and hostile variants of it. Used by the generated route tests and
 * by the fuzzing script (`bench/fuzz-api.ts`); no library needed, the schemas here use a small
 * part of JSON Schema (objects, arrays and tuples, anyOf, enum/const, formats, bounds, patterns).
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
  [k: string]: unknown;
}

/** Strings tried, in order, for a field with a pattern: the first that fits is used. */
const PATTERN_CANDIDATES = [
  'U5764',
  'Seura ry',
  '+358 40 123 4567',
  'test.user',
  '05-31',
  '0116297-6',
  'service_housing_24h',
  'abcdefghijklmnopqrstuvwxyz0123456789',
  'fi',
  '2026-08-01',
  '12:00',
  'x',
];

export interface SampleOptions {
  /** Which alternative of each `anyOf` to take (wraps around). */
  variant?: number;
  /** Also fill optional properties. */
  optional?: boolean;
  /** The value of every `format: uuid` string (default: a random one each time). */
  uuid?: () => string;
  /** Resolves `$ref`s (the OpenAPI document's components). */
  resolve?: (ref: string) => JsonSchema | undefined;
}

function fitString(s: JsonSchema): string {
  switch (s.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return '2026-08-01';
    case 'date-time':
      return '2026-08-01T09:00:00.000Z';
    case 'email':
      return 'fuzz@example.test';
    case 'uri':
      return 'https://example.test/';
  }
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 200;
  const fits = (v: string) =>
    v.length >= min && v.length <= max && (!s.pattern || new RegExp(s.pattern, 'u').test(v));
  for (const c of PATTERN_CANDIDATES) if (fits(c)) return c;
  const filler = 'Sample text '.repeat(Math.ceil(Math.max(min, 1) / 12)).slice(0, Math.max(min, 1));
  return filler.length <= max ? filler : filler.slice(0, max);
}

function fitNumber(s: JsonSchema, integer: boolean): number {
  let n = s.default !== undefined && typeof s.default === 'number' ? s.default : 1;
  if (s.minimum !== undefined && n < s.minimum) n = s.minimum;
  if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) n = s.exclusiveMinimum + 1;
  if (s.maximum !== undefined && n > s.maximum) n = s.maximum;
  return integer ? Math.ceil(n) : n;
}

/** A value that the schema accepts (as far as this small generator understands it). */
export function sample(schema: JsonSchema | undefined, opts: SampleOptions = {}, depth = 0): unknown {
  if (!schema || depth > 12) return null;
  if (schema.$ref) return sample(opts.resolve?.(schema.$ref), opts, depth + 1);
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[(opts.variant ?? 0) % schema.enum.length];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const usable = alternatives.filter((a) => a.type !== 'null');
    const pick = usable.length ? usable : alternatives;
    return sample(pick[(opts.variant ?? 0) % pick.length], opts, depth + 1);
  }
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((s) => sample(s, opts, depth + 1) as object));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if (required.has(k) || opts.optional) out[k] = sample(s, opts, depth + 1);
      }
      return out;
    }
    case 'array': {
      const tuple = schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : null);
      if (tuple) return tuple.map((s) => sample(s, opts, depth + 1));
      const n = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: Math.min(n, schema.maxItems ?? n) }, () =>
        sample(schema.items as JsonSchema, opts, depth + 1),
      );
    }
    case 'string':
      return schema.format === 'uuid' && opts.uuid ? opts.uuid() : fitString(schema);
    case 'integer':
      return fitNumber(schema, true);
    case 'number':
      return fitNumber(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** JSON pointers of every `format: uuid` string in a schema's sample (to swap one id at a time). */
export function uuidPaths(schema: JsonSchema | undefined, opts: SampleOptions = {}): string[] {
  const marker = '00000000-0000-4000-8000-00000000feed';
  const value = sample(schema, { ...opts, optional: true, uuid: () => marker });
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v === marker) out.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k}`);
  };
  walk(value, '');
  return out;
}

/** Every string leaf of a value, as [pointer, setter] pairs, to plant hostile strings in. */
export function stringLeaves(value: unknown): { path: string; set: (v: unknown) => void }[] {
  const out: { path: string; set: (v: unknown) => void }[] = [];
  const walk = (v: unknown, path: string, set: (x: unknown) => void) => {
    if (typeof v === 'string') out.push({ path, set });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}/${i}`, (n) => (v[i] = n)));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) walk(o[k], `${path}/${k}`, (n) => (o[k] = n));
    }
  };
  walk(value, '', () => {});
  return out;
}

/** Hostile replacements for one field: what a fuzzer sends where a valid value should be. */
export const HOSTILE_VALUES: unknown[] = [
  'a\u0000b',
  '   ',
  '',
  'x'.repeat(5000),
  '%E0%A4%A',
  "'; DROP TABLE users; --",
  '\uD800',
  '1e308',
  1e308,
  -1,
  0,
  1e20,
  2 ** 31,
  -(2 ** 63),
  true,
  null,
  [],
  {},
  ['a\u0000'],
  { '\u0000': 1 },
  '00000000-0000-0000-0000-000000000000',
  randomUUID(),
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
];
