import fc from 'fast-check';
import type { ParamKind, QField, QuerySpec, Targets } from './spec.js';
import { anyString, clip, j, notADatetime, text } from './values.js';

// Query strings and path parameters a route certainly refuses, and odd ones it may take.

// ---- query strings ----

export type QueryPart = { raw: string; what: string };
export const BAD_URL_ENCODINGS = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF'];
const pair = (k: string, v: string): string => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
export const cursorOf = (v: unknown) => Buffer.from(j(v)).toString('base64url');
/** Base64url JSON of an array of one to three scalars: the shape of every cursor. */
const isCursorShape = (s: string) => {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return (
      Array.isArray(v) &&
      v.length >= 1 &&
      v.length <= 3 &&
      v.every((x) => x === null || ['string', 'number'].includes(typeof x))
    );
  } catch {
    return false;
  }
};
const cursorScalar = fc.oneof(
  anyString(20),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1.5, -0.5, 1e300, -1e300, 2 ** 53, 2 ** 63, 0, -1, null),
);

/** A value the field certainly refuses. */
function badQueryValue(f: QField): fc.Arbitrary<string> {
  switch (f.kind) {
    case 'int':
      return fc
        .oneof(
          fc.integer({ min: -1_000_000, max: f.min - 1 }).map(String),
          fc.integer({ min: f.max + 1, max: Math.max(f.max + 1, 2 ** 31) }).map(String),
          fc.double({ noNaN: true }).map(String),
          fc.constantFrom('', 'abc', '1.5', '1e400', '-0', 'NaN', 'Infinity', '1,2', '[1]', '25abc', '١٠'),
          text(anyString(10)),
        )
        .filter((v) => {
          const n = Number(v);
          return !(v.trim() !== '' && Number.isInteger(n) && n >= f.min && n <= f.max);
        });
    case 'cursor':
      return fc.oneof(
        text(anyString(60)).filter((s) => s.length > 0 && !isCursorShape(s)),
        fc
          .oneof(
            fc.jsonValue({ maxDepth: 2 }).filter((v) => !Array.isArray(v)),
            fc.tuple(fc.constantFrom(true, {}, [], [1, 2]), cursorScalar),
            fc.tuple(cursorScalar, fc.constantFrom(false, { a: 1 }, [null])),
            fc.array(cursorScalar, { minLength: 4, maxLength: 6 }),
          )
          .map(cursorOf),
        fc.integer({ min: 501, max: 2000 }).map((n) => 'A'.repeat(n)),
        fc.constantFrom('%', '%zz', '!!!!', 'W1', 'bnVsbA'),
      );
    case 'id':
      return fc.oneof(
        ...(f.emptyOk ? [] : [fc.constant('')]),
        text(fc.string({ minLength: 65, maxLength: 300 })),
      );
    case 'text':
      return fc.oneof(
        ...(f.min > 0 ? [fc.constant('')] : []),
        text(fc.string({ minLength: f.max + 1, maxLength: f.max + 100 })),
      );
    case 'enum':
      return text(anyString(20)).filter((s) => !f.values.includes(s));
    case 'datetime':
      return text(notADatetime);
  }
}

/** A value that is odd but not certainly refused (unknown filter values, forged cursors). */
function oddQueryValue(f: QField): fc.Arbitrary<string> | null {
  switch (f.kind) {
    case 'cursor':
      return fc.oneof(
        fc.constant(''),
        fc.array(cursorScalar, { minLength: 1, maxLength: 3 }).map(cursorOf),
        fc
          .tuple(anyString(20), fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })))
          .map(cursorOf),
      );
    case 'id':
      return text(anyString(64)).filter((s) => s.length >= 1 && s.length <= 64);
    case 'text':
      return text(anyString(60)).filter((s) => s.length >= Math.max(f.min, 1) && s.length <= f.max);
    case 'datetime':
      return fc
        .date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    default:
      return null;
  }
}

/** The real ids a query parameter may name, by its name. */
function realQueryIds(name: string, t: Targets): string[] {
  const ids: Record<string, string[]> = {
    departmentId: [t.departmentId],
    organisationId: [t.organisationId],
    serviceId: [t.serviceId],
    customerId: [t.userId],
    requesterId: [t.userId],
    assigneeId: ['me', 'none', t.userId],
  };
  return ids[name] ?? [];
}

/** A valid value for the field, to surround the wrong part with. */
function goodQueryValue(f: QField, t: Targets): fc.Arbitrary<string> | null {
  switch (f.kind) {
    case 'int':
      return fc.integer({ min: f.min, max: Math.min(f.max, f.min + 100) }).map(String);
    case 'id': {
      const ids = realQueryIds(f.name, t);
      return ids.length > 0 ? fc.constantFrom(...ids) : null;
    }
    case 'text':
      return f.min <= 1 && f.max >= 12 ? fc.constantFrom('x', 'notification') : null;
    case 'enum':
      return fc.constantFrom(...f.values);
    case 'datetime':
      return fc.constantFrom('2020-01-01T00:00:00Z', '2030-01-01T00:00:00.000Z');
    case 'cursor':
      return null;
  }
}

export function queryCase(
  spec: QuerySpec | undefined,
  t: Targets,
): fc.Arbitrary<QueryPart & { mustReject: boolean }> {
  const noise = fc
    .array(fc.tuple(text(anyString(12)), text(anyString(12))), { minLength: 1, maxLength: 3 })
    .map((pairs) => ({
      raw: pairs.map(([k, v]) => pair(k, v)).join('&'),
      what: 'query parameters',
      mustReject: false,
    }));
  if (!spec) return noise;
  const keys = Object.keys(spec.fields);
  const field = (k: string) => spec.fields[k] as QField;
  const base = (except: string) => {
    const others = keys.filter((k) => k !== except && goodQueryValue(field(k), t) !== null);
    return fc
      .subarray(others, { maxLength: Math.min(3, others.length) })
      .chain((ks) =>
        ks.length === 0
          ? fc.constant([] as string[])
          : fc.tuple(
              ...ks.map((k) => (goodQueryValue(field(k), t) as fc.Arbitrary<string>).map((v) => pair(k, v))),
            ),
      );
  };
  const around = (except: string, part: QueryPart, mustReject: boolean) =>
    fc.tuple(base(except), fc.nat()).map(([pairs, at]) => {
      const all = [...pairs];
      all.splice(at % (all.length + 1), 0, part.raw);
      return { raw: all.join('&'), what: part.what, mustReject };
    });
  const unknownKey = fc
    .oneof(
      text(anyString(20)),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'limit[]',
        'Limit',
        'LIMIT',
        ' limit',
        'a[b]',
        '',
      ),
    )
    // Dotted names (fields.<key>, hub.mode) are namespaces some routes take beyond their list.
    .filter((k) => !keys.includes(k) && !k.includes('.'));
  const bad = fc.constantFrom(...keys).chain((k) => {
    const f = field(k);
    const wrongValue = badQueryValue(f);
    const parts: fc.Arbitrary<QueryPart>[] = [
      wrongValue.map((v) => ({ raw: pair(k, v), what: `bad ${k}` })),
      // Given twice where one value is expected: 400, whatever the values.
      fc
        .array(fc.oneof(goodQueryValue(f, t) ?? wrongValue, wrongValue), { minLength: 2, maxLength: 3 })
        .map((vs) => ({ raw: vs.map((v) => pair(k, v)).join('&'), what: `${k} given ${vs.length} times` })),
    ];
    const emptyOk =
      f.kind === 'cursor' || (f.kind === 'text' && f.min === 0) || (f.kind === 'id' && f.emptyOk);
    if (!emptyOk) parts.push(fc.constant({ raw: encodeURIComponent(k), what: `${k} without a value` }));
    return fc.oneof(...parts).chain((part) => around(k, part, true));
  });
  const unknown = fc
    .tuple(unknownKey, text(anyString(12)))
    .chain(([k, v]) => around(k, { raw: pair(k, v), what: `unknown parameter ${j(k)}` }, !spec.loose));
  const oddKeys = keys.filter((k) => oddQueryValue(field(k)) !== null);
  const odd = fc.oneof(
    ...(oddKeys.length === 0
      ? []
      : [
          fc
            .constantFrom(...oddKeys)
            .chain((k) =>
              (oddQueryValue(field(k)) as fc.Arbitrary<string>).chain((v) =>
                around(k, { raw: pair(k, v), what: `odd ${k}` }, false),
              ),
            ),
        ]),
    // Left to the query parser: what a malformed escape decodes to depends on it.
    fc
      .tuple(fc.constantFrom(...keys), fc.constantFrom(...BAD_URL_ENCODINGS))
      .chain(([k, v]) => around(k, { raw: `${k}=${v}`, what: `${k} malformed percent-encoding` }, false)),
  );
  return fc.oneof(
    { arbitrary: bad, weight: 4 },
    { arbitrary: unknown, weight: 2 },
    { arbitrary: odd, weight: 1 },
  );
}

// ---- path parameters ----

export type ParamCase = { raw: string; what: string };

export function badParam(kind: ParamKind, t: Targets): fc.Arbitrary<ParamCase> {
  const encoded = (s: fc.Arbitrary<string>, what: string) =>
    text(s).map((v) => ({ raw: encodeURIComponent(v), what: `${what} ${j(clip(v, 40))}` }));
  const common = [
    fc.constantFrom(...BAD_URL_ENCODINGS).map((raw) => ({ raw, what: 'malformed percent-encoding' })),
    fc
      .integer({ min: 201, max: 400 })
      .map((n) => ({ raw: '7'.repeat(n), what: `a ${n}-character parameter` })),
  ];
  const decoded = (p: ParamCase) => {
    try {
      return decodeURIComponent(p.raw);
    } catch {
      return null;
    }
  };
  if (kind === 'upsert') return fc.oneof(...common, fc.constant({ raw: '', what: 'an empty parameter' }));
  if (kind === 'ticket') {
    return fc
      .oneof(
        ...common,
        encoded(anyString(30), 'the string'),
        encoded(
          fc.constantFrom(
            '0',
            '-1',
            '1.5',
            '1e400',
            'Infinity',
            'NaN',
            '１',
            '١',
            '0x',
            '1/2',
            '9007199254740993',
          ),
          'the number',
        ),
        encoded(
          fc.stringMatching(/^[1-9][0-9]{16,199}$/).filter((s) => Number(s) > Number.MAX_SAFE_INTEGER),
          'the huge number',
        ),
        encoded(
          fc.integer({ min: 1_000_000, max: Number.MAX_SAFE_INTEGER }).map(String),
          'the unknown ticket number',
        ),
      )
      .filter((p) => !t.ticketNumbers.has(Number(decoded(p) ?? Number.NaN)));
  }
  return fc
    .oneof(
      ...common,
      encoded(anyString(64), 'the id'),
      encoded(fc.uuid(), 'the unknown id'),
      encoded(fc.string({ minLength: 65, maxLength: 200 }), 'the long id'),
    )
    .filter((p) => {
      const value = decoded(p);
      return value === null || (!t.knownIds.has(value) && value !== t.surveyToken);
    });
}
