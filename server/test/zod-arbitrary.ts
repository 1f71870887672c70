import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries drawn from a route's zod schema, for the route fuzz test: mostly values the
 * schema would accept (so requests reach the handlers), and at every node, now and then, a hostile
 * value instead (NUL, lone surrogates, ids past 2³¹−1, huge or deep input, wrong types, `$&`,
 * `javascript:` links). Small ids are likely, so requests hit rows that exist.
 */

/** A deeply nested object and array: parsers and walkers must not recurse without bound. */
const deep = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Strings no route should store or pass on unchecked. */
export const hostileStrings = [
  '\u0000',
  '电梯\u0000加装',
  '\uD800',
  '楼道\uDFFF灯',
  'x\uDBFF',
  "$'",
  '$&',
  '$1$2',
  '$`',
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '../../../../etc/passwd',
  '',
  ' ',
  '2147483648',
  '-1',
  '0',
  '1e308',
  '9'.repeat(40),
  'NaN',
  'x'.repeat(70_000),
  '电'.repeat(6_000),
  '2026-02-30',
  '2026-13-01T25:61:00Z',
];

/** The values every field meets once in a targeted request: one field hostile, the rest valid. */
export const pointedValues: unknown[] = [
  '\u0000',
  '99999999999',
  '2147483648',
  '议事\u0000',
  '\uD800',
  '楼道\uDFFF灯',
  '$&',
  "$'",
  'javascript:alert(1)',
  'x'.repeat(70_000),
  2 ** 31,
  -1,
  1e308,
  1.5,
  null,
  {},
  [],
];

/** Values of the wrong type, or numbers at and past every bound. */
export const hostileValues: unknown[] = [
  ...hostileStrings,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53 + 2,
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  null,
  true,
  false,
  [],
  {},
  [1, 2, 3],
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown,
  deep(64),
  deep(400),
  Array.from({ length: 2_000 }, (_, i) => i),
];

const hostile = fc.constantFrom(...hostileValues);
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'电梯加装议事楼道灯坏了张阿姨abcXYZ 0123-_.,;:/?#$&\'"<>'), maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

type Def = {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The bounds and pattern a schema's checks declare. */
function boundsOf(def: Def) {
  const bounds: { min?: number; max?: number; pattern?: RegExp; format?: string } = { format: def.format };
  if (def.pattern) bounds.pattern = def.pattern;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length' || c.check === 'length_equals') bounds.min = Number(c.minimum ?? c.length);
    if (c.check === 'max_length' || c.check === 'length_equals') bounds.max = Number(c.maximum ?? c.length);
    if (c.check === 'greater_than') bounds.min = Number(c.value) + (c.inclusive ? 0 : 1);
    if (c.check === 'less_than') bounds.max = Number(c.value) - (c.inclusive ? 0 : 1);
    if (c.check === 'string_format') {
      bounds.format ??= String(c.format);
      if (c.pattern instanceof RegExp && c.format === 'regex') bounds.pattern = c.pattern;
    }
  }
  return bounds;
}

const day = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function validString(def: Def): fc.Arbitrary<unknown> {
  const { min = 0, max = 40, pattern, format } = boundsOf(def);
  if (format === 'datetime') return day;
  if (format === 'date') return day.map((d) => d.slice(0, 10));
  if (format === 'email') return fc.emailAddress();
  if (format === 'url') return fc.constantFrom('https://meeting.example.cn/room/1', 'http://192.168.1.5/a');
  if (format === 'uuid') return fc.uuid();
  // Days and months written as text: real ones, so the request gets past the check of the calendar.
  if (pattern?.test('2026-03-15')) return day.map((d) => d.slice(0, 10));
  if (pattern?.test('2026-03')) return day.map((d) => d.slice(0, 7));
  if (pattern) return fc.stringMatching(pattern, { size: 'small' });
  const top = Math.max(min, Math.min(max, min + 40));
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: top }).map((s) => s.slice(0, Math.max(max, 0)));
}

function validNumber(def: Def): fc.Arbitrary<unknown> {
  const { min, max } = boundsOf(def);
  const isInteger = (def.checks ?? []).some((c) => c._zod.def.check === 'number_format');
  const low = min ?? (isInteger ? -5 : -5);
  const high = max ?? 1_000;
  const small = fc.integer({ min: Math.max(low, 1), max: Math.max(Math.min(high, 12), Math.max(low, 1)) });
  const any = isInteger
    ? fc.integer({ min: Math.max(low, -(2 ** 31)), max: Math.min(high, 2 ** 31 - 1) })
    : fc.double({ min: low, max: high, noNaN: true });
  return fc.oneof({ weight: 3, arbitrary: small }, { weight: 1, arbitrary: any });
}

/**
 * Values for `schema`: accepted ones mostly, a hostile one at any node with probability
 * 1/`hostileOdds` (never when it is 0). Unknown schema kinds yield text or hostile values.
 */
export function arbitraryFor(schema: z.ZodType, hostileOdds = 10, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFor(schema, hostileOdds, depth);
  if (hostileOdds === 0) return valid;
  return fc.oneof({ weight: hostileOdds - 1, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

function validFor(schema: z.ZodType, hostileOdds: number, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: z.ZodType) => arbitraryFor(s, hostileOdds, depth + 1);
  if (depth > 8) return text;
  switch (def.type) {
    case 'string':
      return validString(def);
    case 'number':
    case 'int':
      return validNumber(def);
    case 'bigint':
      return fc.bigInt({ min: 0n, max: 1000n }).map(String);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return day;
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'null':
      return fc.constant(null);
    case 'optional':
      return fc.option(inner(def.innerType!), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner(def.innerType!), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return fc.option(inner(def.innerType!), { nil: undefined, freq: 3 });
    case 'pipe': {
      // A number written as text (an id in a URL): draw the number the pipe ends in, as text.
      const out = def.out && defOf(def.out).type === 'pipe' ? defOf(defOf(def.out).out!) : def.out && defOf(def.out);
      if (defOf(def.in!).type === 'string' && out?.type === 'number') return validNumber(out).map(String);
      return validFor(def.in!, hostileOdds, depth);
    }
    case 'transform':
      return text;
    case 'lazy':
      return validFor(def.getter!(), hostileOdds, depth + 1);
    case 'array': {
      const { min = 0, max = 5 } = boundsOf(def);
      return fc.array(inner(def.element!), { minLength: min, maxLength: Math.max(min, Math.min(max, 5)) });
    }
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map(inner));
    case 'object': {
      const shape = def.shape ?? {};
      return fc.record(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, inner(value)])), {
        requiredKeys: [],
      });
    }
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), inner(def.valueType!), { maxKeys: 4 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => validFor(option, hostileOdds, depth + 1)));
    case 'intersection':
      return fc
        .tuple(validFor(def.left!, hostileOdds, depth + 1), validFor(def.right!, hostileOdds, depth + 1))
        .map(([a, b]) => (a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a));
    default:
      return fc.oneof(text, hostile);
  }
}

/** The keys of an object schema (through optional, default and pipe wrappers), or []. */
export function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.innerType) return keysOf(def.innerType);
  if (def.type === 'pipe') return keysOf(def.in);
  return [];
}
