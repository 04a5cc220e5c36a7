import fc from 'fast-check';
import type { Field, Targets } from './spec.js';

// Values that are certainly wrong for a field, and the odd strings they are built from.

export const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

export const NASTY = [
  '\u0000',
  'a\u0000b',
  '😀',
  '\uD800',
  'é',
  'Ω≈ç√',
  '\u202Eevil',
  '\uFEFF',
  '\u0085',
  "' or '1'='1",
  '"; drop table tickets; --',
  '%',
  '_',
  '*',
  '\\',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  ' ',
  '\t\n',
];
export const anyString = (maxLength = 40) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.constantFrom(...NASTY),
    fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY)).map(([a, b]) => a + b),
  );
export const encodable = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};
export const text = (s: fc.Arbitrary<string>) => s.filter(encodable);
export const isJson = (s: string) => {
  try {
    JSON.parse(s.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
};
export const j = (v: unknown) => JSON.stringify(v);

export type Entry = [key: string, valueText: string];
export const objectText = (entries: Entry[]) => `{${entries.map(([k, v]) => `${j(k)}:${v}`).join(',')}}`;

/** The fewest characters of `hugeString`: more than any field but a whole document's takes. */
export const HUGE_STRING_MIN = 200_000;

/** A string value (as JSON text) too long for any string field but a whole document's. */
export const hugeString = fc.oneof(
  fc
    .tuple(fc.integer({ min: HUGE_STRING_MIN, max: 300_000 }), fc.constantFrom('a', 'é', ' ', '😀', '\u0000'))
    .map(([n, ch]) => ({
      text: j(ch.repeat(Math.ceil(n / ch.length))),
      what: `${n}-unit string of ${j(ch)}`,
    })),
  fc
    .integer({ min: 1_100_000, max: 1_300_000 })
    .map((n) => ({ text: j('a'.repeat(n)), what: `${n}-char string (over the body limit)` })),
);

export const deepValue = fc
  .tuple(fc.integer({ min: 64, max: 20_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, shape]) => ({
    text:
      shape === 'array'
        ? '['.repeat(depth) + ']'.repeat(depth)
        : shape === 'object'
          ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
          : '[{"a":'.repeat(depth) + '[]' + '}]'.repeat(depth),
    what: `${shape} nested ${depth} deep`,
  }));

export const anyJsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map(j),
  anyString().map(j),
  fc.constantFrom('null', 'true', '0', '-1', '1e308', '[]', '{}'),
);

export const notAString = (nullable: boolean) =>
  fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.array(anyString(8), { maxLength: 3 }),
      fc.dictionary(anyString(8), anyString(8), { maxKeys: 3 }),
      ...(nullable ? [] : [fc.constant(null)]),
    )
    .map(j);

export const unknownId = (t: Targets) =>
  anyString(64).filter((s) => s.length >= 1 && s.length <= 64 && !t.knownIds.has(s));

/** Date and time strings that are not ISO 8601 date-times, with or without an offset. */
export const notADatetime = fc.oneof(
  fc.constantFrom(
    '',
    'yesterday',
    'now',
    '2024-01-01',
    '2024-01-01 00:00:00',
    '2024-13-01T00:00:00Z',
    '2024-01-01T25:00:00Z',
    '2024-02-30T00:00:00Z',
    '1700000000',
    'Invalid Date',
  ),
  anyString(30).filter((s) => !/\d{4}-\d\d-\d\dT/.test(s)),
);

export function wrongType(f: Field): fc.Arbitrary<string> {
  switch (f.kind) {
    case 'string':
      return notAString(f.nullable === true);
    case 'enum':
    case 'key':
      return notAString(false);
    case 'datetime':
      return fc.oneof(notAString(f.nullable === true), notADatetime.map(j));
    case 'number':
      return fc.oneof(
        fc.constantFrom('"3"', 'true', '[]', '{}', '"NaN"'),
        anyString().map(j),
        ...(f.nullable ? [] : [fc.constant('null')]),
      );
    case 'object':
      return fc.oneof(
        fc.constantFrom('"x"', '1', 'true', '[]', '[{}]', ...(f.nullable ? [] : ['null'])),
        anyString().map(j),
      );
    case 'int': {
      const ok = (v: unknown) => {
        const n = v;
        return typeof n === 'number' && Number.isInteger(n) && n >= f.min && n <= f.max;
      };
      return fc
        .oneof(
          fc.constantFrom<unknown>(null, false, true, '', 'abc', '3', '3.5', 2.5, -1, f.min - 1, f.max + 1),
          fc.constantFrom<unknown>(1e9, 1e300, '1e9', 'Infinity', [], {}, [3], [1, 2]),
          fc.jsonValue({ maxDepth: 2 }),
          anyString(),
        )
        .filter((v) => !ok(v) && !(v === null && f.nullable))
        .map(j);
    }
    case 'list':
      return fc.oneof(
        fc
          .oneof(
            anyString(),
            fc.integer(),
            fc.boolean(),
            fc.constant(null),
            fc.dictionary(anyString(8), anyString(8)),
          )
          .map(j),
        fc
          .array(
            fc.oneof(anyString(8), fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 })),
            {
              minLength: 1,
              maxLength: 3,
            },
          )
          .map(j),
        ...(f.min > 0 ? [fc.constant('[]')] : []),
      );
    case 'boolean':
      return fc
        .oneof(
          fc.constantFrom('true', 'false', '1', '0', 'yes', 'on', ''),
          fc.integer(),
          fc.constant(null),
          fc.array(fc.boolean(), { maxLength: 2 }),
          fc.dictionary(anyString(8), fc.boolean(), { maxKeys: 2 }),
        )
        .map(j);
    case 'ids':
      return fc.oneof(
        anyString().map(j),
        fc.integer().map(j),
        fc.constantFrom('null', 'true', '{}', '[""]', j(['x'.repeat(65)])),
        fc
          .array(
            fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
            {
              minLength: 1,
              maxLength: 3,
            },
          )
          .map(j),
        fc.array(fc.uuid(), { minLength: f.max + 1, maxLength: f.max + 5 }).map(j),
      );
    case 'record':
      return fc.oneof(
        fc.array(anyString(8), { maxLength: 3 }).map(j),
        anyString().map(j),
        fc.constantFrom('null', 'true', '1', '"{}"'),
        fc
          .tuple(anyString(8), fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.array(fc.integer())))
          .map(([k, v]) => j({ [k]: v })),
        fc.string({ minLength: 101, maxLength: 150 }).map((k) => j({ [k]: 'v' })),
        fc.integer({ min: 10_001, max: 12_000 }).map((n) => j({ k: 'v'.repeat(n) })),
      );
    case 'flags':
      return fc.oneof(
        fc.oneof(anyString(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.boolean())).map(j),
        fc
          .tuple(fc.constantFrom(...f.keys), fc.oneof(anyString(8), fc.integer(), fc.constant(null)))
          .map(([k, v]) => j({ [k]: v })),
        anyString(12)
          .filter((k) => !f.keys.includes(k))
          .map((k) => j({ [k]: true })),
      );
  }
}

export function badEnum(f: Field): fc.Arbitrary<string> | null {
  if (f.kind === 'key') {
    return anyString(80)
      .filter((s) => !/^[a-z][a-z0-9_]{0,63}$/.test(s))
      .map(j);
  }
  if (f.kind !== 'enum') return null;
  const values = f.values;
  const known = (s: string) => values.includes(s);
  return fc
    .oneof(
      anyString(20),
      fc
        .constantFrom(...values)
        .chain((v) =>
          fc.constantFrom(
            v.toUpperCase(),
            ` ${v}`,
            `${v} `,
            `${v}\u0000`,
            v.slice(0, -1),
            `${v}x`,
            `${v},${v}`,
          ),
        ),
    )
    .filter((s) => !known(s))
    .map(j);
}

/** Text that is not JSON, though the Content-Type says it is. */
