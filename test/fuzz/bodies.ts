import fc from 'fast-check';
import type { BodySpec, Field, Targets } from './spec.js';
import {
  anyJsonText,
  anyString,
  badEnum,
  clip,
  deepValue,
  type Entry,
  HUGE_STRING_MIN,
  hugeString,
  isJson,
  j,
  objectText,
  unknownId,
  wrongType,
} from './values.js';

// Bodies a route certainly refuses: its valid body with one thing wrong, or a body of no use.

export const notJson = (validText: string) =>
  fc
    .oneof(
      fc.constantFrom(
        '{',
        '}',
        '[',
        '{"a":',
        "{'a':1}",
        '{"a":1,}',
        '[1,]',
        'NaN',
        'Infinity',
        'undefined',
        'nul',
        'tru',
        '{"a" 1}',
        '{a:1}',
        '\u0000',
        '/* */ {}',
        '{"a":"\u0000"}',
        '{"a":"\\x41"}',
        '"unterminated',
        '01',
        '.5',
        '+1',
        '0x10',
        '[1 2]',
        ' ',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"admin":true}}}',
      ),
      fc.integer({ min: 1, max: validText.length - 1 }).map((k) => validText.slice(0, k)),
      fc.constantFrom(
        `${validText}}`,
        `${validText},`,
        `${validText} x`,
        validText.replaceAll('"', "'"),
        `{${validText}`,
        `${validText}${validText}`,
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    )
    // Prototype-polluting keys are valid JSON that the server must refuse all the same.
    .filter((s) => s.length > 0 && (!isJson(s) || /__proto__|constructor/.test(s)));

export const UNSUPPORTED_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'image/png',
  'application/vnd.api+json',
  'text/json',
];

export type BodyCase = { text: string; contentType: string; what: string };

/** A JSON text of a type other than object. */
export const notAnObject = (validText: string) =>
  fc.oneof(
    fc.constantFrom(
      'null',
      'true',
      'false',
      '0',
      '-1.5',
      '1e308',
      '[]',
      '""',
      `[${validText}]`,
      j(validText),
    ),
    anyString().map(j),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map(j),
  );

/**
 * Bodies certainly refused by a route that takes `spec` (one of the shapes in `union`): the valid
 * body with one thing wrong.
 */
export function badBody(spec: BodySpec, t: Targets, union: BodySpec[] = [spec]): fc.Arbitrary<BodyCase> {
  const valid = spec.valid(t);
  const validText = j(valid);
  const entries: Entry[] = Object.entries(valid).map(([k, v]) => [k, j(v)]);
  const keys = Object.keys(spec.fields);
  const withField = (key: string, valueText: string) =>
    objectText([...entries.filter(([k]) => k !== key), [key, valueText]]);
  const json = (text: string, what: string): BodyCase => ({ text, contentType: 'application/json', what });
  const pick = (pred: (f: Field) => boolean) => keys.filter((k) => pred(spec.fields[k] as Field));
  const required = pick((f) => 'required' in f && f.required === true);
  const enums = pick((f) => f.kind === 'enum' || f.kind === 'key');
  const refs = pick((f) => 'ref' in f && f.ref !== undefined);
  // A huge string is refused by any field but those made for whole documents (an article's body, a
  // spreadsheet's text), which take 200,000 characters or more by design.
  const bounded = pick((f) => !(f.kind === 'string' && f.max >= HUGE_STRING_MIN));
  if (union.length > 1 && required.length === 0)
    throw new Error('each shape of a union needs a required field');
  // Unknown to every shape of a union, so adding it cannot turn the body into another shape.
  const anyKeys = union.flatMap((u) => Object.keys(u.fields));
  const unknownKey = fc
    .oneof(
      anyString(20),
      fc.constantFrom('id', 'number', 'role', 'admin', 'createdAt', 'organisation_id', ''),
    )
    .filter((k) => !anyKeys.includes(k));
  const EXTRA = '(unknown field)';
  const WHOLE = '(whole body)';

  const arbs: fc.Arbitrary<BodyCase>[] = [
    ...(spec.strict
      ? [
          fc
            .tuple(unknownKey, anyJsonText)
            .map(([k, v]) => json(objectText([...entries, [k, v]]), `unknown field ${j(clip(k, 40))}`)),
        ]
      : []),
    ...(keys.length === 0
      ? []
      : [
          fc
            .constantFrom(...keys)
            .chain((k) =>
              wrongType(spec.fields[k] as Field).map((v) => json(withField(k, v), `wrong type for ${k}`)),
            ),
        ]),
    fc
      .tuple(fc.constantFrom(...bounded, ...(spec.strict ? [EXTRA, '(unknown key)'] : []), WHOLE), hugeString)
      .map(([k, h]) =>
        k === WHOLE
          ? json(h.text, `the body is a ${h.what}`)
          : k === EXTRA
            ? json(objectText([...entries, ['fuzz', h.text]]), `unknown field holding a ${h.what}`)
            : k === '(unknown key)'
              ? json(`${validText.slice(0, -1)},${h.text}:1}`, `a ${h.what} as a key`)
              : json(withField(k, h.text), `${k} is a ${h.what}`),
      ),
    fc
      .tuple(fc.constantFrom(...keys, ...(spec.strict ? [EXTRA] : []), WHOLE), deepValue)
      .map(([k, d]) =>
        k === WHOLE
          ? json(d.text, `the body is ${d.what}`)
          : k === EXTRA
            ? json(objectText([...entries, ['fuzz', d.text]]), `unknown field ${d.what}`)
            : json(withField(k, d.text), `${k} ${d.what}`),
      ),
    notAnObject(validText).map((text) => json(text, 'the body is not an object')),
    notJson(validText).map((text) => json(text, 'the body is not JSON')),
    fc.constant(json('', 'an empty body')),
    fc
      .tuple(
        fc.constantFrom(...UNSUPPORTED_TYPES, 'text/plain'),
        fc.constantFrom(validText, 'a=1&b=2', '<a/>'),
      )
      .map(([contentType, text]) => ({ text, contentType, what: `a ${contentType} body` })),
  ];
  if (enums.length > 0) {
    arbs.push(
      fc
        .constantFrom(...enums)
        .chain((k) =>
          (badEnum(spec.fields[k] as Field) as fc.Arbitrary<string>).map((v) =>
            json(withField(k, v), `bad ${k}`),
          ),
        ),
    );
  }
  if (required.length > 0) {
    arbs.push(
      fc
        .constantFrom(...required)
        .map((k) => json(objectText(entries.filter(([key]) => key !== k)), `${k} missing`)),
    );
  }
  if (refs.length > 0) {
    arbs.push(
      fc.constantFrom(...refs).chain((k) => {
        const f = spec.fields[k] as Field;
        const value =
          f.kind === 'int' && f.ref
            ? fc
                .integer({ min: 1_000_000, max: f.max })
                .filter((n) => !t.ticketNumbers.has(n))
                .map(j)
            : f.kind === 'ids'
              ? fc.array(unknownId(t), { minLength: 1, maxLength: 3 }).map(j)
              : unknownId(t).map(j);
        return value.map((v) => json(withField(k, v), `${k} names nothing`));
      }),
    );
  }
  return fc.oneof(...arbs);
}

/** Any body at all, for a route that takes none. */
export const unwantedBody: fc.Arbitrary<BodyCase> = fc.oneof(
  notJson('{"fuzz":1}').map((text) => ({
    text,
    contentType: 'application/json',
    what: 'the body is not JSON',
  })),
  notAnObject('{"fuzz":1}').map((text) => ({ text, contentType: 'application/json', what: 'a JSON body' })),
  fc
    .dictionary(anyString(10), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 })
    .map((o) => ({ text: j(o), contentType: 'application/json', what: 'a JSON object body' })),
  deepValue.map((d) => ({ text: d.text, contentType: 'application/json', what: `a body ${d.what}` })),
  hugeString.map((h) => ({ text: h.text, contentType: 'application/json', what: `a body of a ${h.what}` })),
  fc
    .tuple(
      fc.constantFrom(...UNSUPPORTED_TYPES, 'text/plain', 'message/rfc822'),
      fc.constantFrom('{"fuzz":1}', 'a=1', 'x'),
    )
    .map(([contentType, text]) => ({ text, contentType, what: `a ${contentType} body` })),
);

type Part = { name: string; filename?: string; content: string };
export const BOUNDARY = 'fuzz-boundary';
export function multipart(parts: Part[], boundary = BOUNDARY) {
  const part = (p: Part) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
    (p.filename === undefined ? '\r\n' : `; filename="${p.filename}"\r\nContent-Type: text/plain\r\n`) +
    `\r\n${p.content}\r\n`;
  return {
    text: `${parts.map(part).join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Uploads certainly refused: no file in the field "file", an empty one, or no multipart at all. */
export const badUpload: fc.Arbitrary<BodyCase> = (() => {
  const fieldName = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/).filter((n) => n !== 'file');
  const content = fc.string({ minLength: 1, maxLength: 200 }).filter((c) => !c.includes(`--${BOUNDARY}`));
  const upload = (parts: Part[], what: string): BodyCase => ({ ...multipart(parts), what });
  return fc.oneof(
    fc
      .tuple(fieldName, content)
      .map(([name, c]) =>
        upload([{ name, filename: 'a.txt', content: c }], `the file in the field ${j(name)}`),
      ),
    fc.constant(upload([{ name: 'file', filename: 'a.txt', content: '' }], 'an empty file')),
    content.map((c) => upload([{ name: 'file', content: c }], 'a field "file" that is no file')),
    fc.array(fc.tuple(fieldName, content), { minLength: 1, maxLength: 10 }).map((fields) =>
      upload(
        fields.map(([name, c]) => ({ name, content: c })),
        `${fields.length} fields, no file`,
      ),
    ),
    fc.constant(upload([], 'no parts')),
    fc
      .tuple(
        fc.constantFrom(`multipart/form-data; boundary=${BOUNDARY}`, 'multipart/form-data'),
        anyString(200),
      )
      .map(([contentType, text]) => ({ text, contentType, what: 'a broken multipart body' })),
    unwantedBody,
  );
})();
