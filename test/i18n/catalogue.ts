import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import ts from 'typescript5';

// Finds every message of the code (an object or JSX element with a literal `id` and
// `defaultMessage`), and checks catalogues against them. `npm run i18n` runs it as a script; the
// catalogue test calls the same functions.

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type Message = { id: string; defaultMessage: string; file: string };

/**
 * The two halves of the product, each with its code (folders or files) and its catalogues. The
 * shared schemas' messages (common/validation-messages.ts) and the timeline's reasons
 * (common/timeline-messages.ts) are read on both sides: both have them.
 */
export const PARTS = {
  web: {
    code: ['web/src', 'common/validation-messages.ts', 'common/timeline-messages.ts'],
    locales: 'web/src/i18n/locales',
    source: 'web/src/i18n/messages.en.json',
  },
  server: { code: ['src', 'common'], locales: 'src/i18n/locales', source: 'src/i18n/messages.en.json' },
} as const;
export type Part = keyof typeof PARTS;

export function codeFiles(dirs: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return name === 'node_modules' ? [] : walk(file);
      return /\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) ? [file] : [];
    });
  return dirs.flatMap((d) =>
    statSync(path.join(ROOT, d)).isFile() ? [path.join(ROOT, d)] : walk(path.join(ROOT, d)),
  );
}

export const parse = (file: string) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);

const literal = (node: ts.Node | undefined): string | undefined => {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isJsxExpression(node)) return literal(node.expression);
  return undefined;
};

function messageOf(props: Map<string, ts.Node | undefined>, file: string): Message | undefined {
  const id = literal(props.get('id'));
  const defaultMessage = literal(props.get('defaultMessage'));
  return id !== undefined && defaultMessage !== undefined
    ? { id, defaultMessage, file: path.relative(ROOT, file) }
    : undefined;
}

/** The messages written in these files, in the order found. */
export function extract(files: readonly string[]): Message[] {
  const found: Message[] = [];
  for (const file of files) {
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map(
          node.properties.flatMap((p) =>
            ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
              ? [[p.name.text, p.initializer] as const]
              : [],
          ),
        );
        const m = messageOf(props, file);
        if (m) found.push(m);
      } else if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
        const props = new Map(
          node.attributes.properties.flatMap((a) =>
            ts.isJsxAttribute(a) && ts.isIdentifier(a.name) ? [[a.name.text, a.initializer] as const] : [],
          ),
        );
        const m = messageOf(props, file);
        if (m) found.push(m);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return found;
}

/** The English source catalogue of a part: id → text, sorted; the same id must say the same everywhere. */
export function sourceCatalogue(part: Part): { catalogue: Record<string, string>; problems: string[] } {
  const problems: string[] = [];
  const byId = new Map<string, Message>();
  for (const m of extract(codeFiles(PARTS[part].code))) {
    const seen = byId.get(m.id);
    if (seen && seen.defaultMessage !== m.defaultMessage)
      problems.push(`${m.id}: "${seen.defaultMessage}" (${seen.file}) and "${m.defaultMessage}" (${m.file})`);
    byId.set(m.id, m);
  }
  const catalogue = Object.fromEntries(
    [...byId.keys()].sort().map((id) => [id, byId.get(id)!.defaultMessage]),
  );
  for (const [id, text] of Object.entries(catalogue)) {
    const error = icuProblem(text, 'en');
    if (error) problems.push(`${id}: not an ICU message: ${error}`);
  }
  return { catalogue, problems };
}

/** A language's catalogue of a part, merged from its files; an id in two files is a problem. */
export function localeCatalogue(
  part: Part,
  locale: string,
): { catalogue: Record<string, string>; problems: string[] } {
  const dir = path.join(ROOT, PARTS[part].locales);
  const files = readdirSync(path.join(dir, locale))
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, locale, f));
  const catalogue: Record<string, string> = {};
  const problems: string[] = [];
  for (const file of files) {
    for (const [id, text] of Object.entries(
      JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>,
    )) {
      if (id in catalogue) problems.push(`${id} is in two files of ${locale}`);
      catalogue[id] = text;
    }
  }
  return { catalogue, problems };
}

/** The languages a part has catalogues for (English, the source, is not among them). */
export function locales(part: Part): string[] {
  const dir = path.join(ROOT, PARTS[part].locales);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort();
}

type Element = {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
};

/** The names a message fills in: arguments, plurals, selects and rich-text tags. */
export function argumentsOf(text: string, locale: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (e.type !== 0 && e.type !== 7 && e.value) names.add(e.value);
      for (const option of Object.values(e.options ?? {})) walk(option.value);
      if (e.children) walk(e.children);
    }
  };
  walk(new IntlMessageFormat(text, locale).getAst() as Element[]);
  return names;
}

function icuProblem(text: string, locale: string): string | undefined {
  try {
    argumentsOf(text, locale);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** What is wrong with a translation against its source: missing, extra, unparsable, other arguments. */
export function compare(
  source: Record<string, string>,
  translated: Record<string, string>,
  locale: string,
): string[] {
  const problems: string[] = [];
  for (const id of Object.keys(source))
    if (!(id in translated)) problems.push(`${locale}: ${id} is not translated`);
  for (const [id, text] of Object.entries(translated)) {
    const english = source[id];
    if (english === undefined) {
      problems.push(`${locale}: ${id} is no longer in the code`);
      continue;
    }
    const error = icuProblem(text, locale);
    if (error) {
      problems.push(`${locale}: ${id}: not an ICU message: ${error}`);
      continue;
    }
    const want = [...argumentsOf(english, 'en')].sort().join(', ');
    const got = [...argumentsOf(text, locale)].sort().join(', ');
    if (want !== got) problems.push(`${locale}: ${id} fills in {${got}} where English fills in {${want}}`);
  }
  return problems;
}
