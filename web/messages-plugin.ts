import path from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import ts from 'typescript5';
import type { Plugin } from 'vite';

/**
 * Compiles the app's ICU messages at build time, as FormatJS's own tooling does: every
 * `defaultMessage` written in the code and every catalogue entry is shipped as its parsed form, so
 * the browser needs no message parser (16 KiB compressed off the first load). The parser is still
 * there for texts that arrive at run time (an admin's wording of a product string): only
 * web/src/i18n/parse.ts imports it, and only when such texts exist.
 */
export function precompiledMessages(webSrc: string, shared: readonly string[] = []): Plugin {
  const runtimeParser = path.join(webSrc, 'i18n', 'parse.ts');
  return {
    name: 'tessera-precompiled-messages',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source !== '@formatjs/icu-messageformat-parser' || importer === runtimeParser) return null;
      const real = await this.resolve(source, importer, { ...options, skipSelf: true });
      return real ? path.join(path.dirname(real.id), 'no-parser.js') : null;
    },
    transform(code, id) {
      if (id.startsWith(path.join(webSrc, 'i18n', 'locales')) && id.endsWith('.json')) {
        const catalogue = JSON.parse(code) as Record<string, string>;
        return {
          code: JSON.stringify(Object.fromEntries(Object.entries(catalogue).map(([k, v]) => [k, parse(v)]))),
          map: null,
        };
      }
      const ours = (id.startsWith(webSrc) && /\.tsx?$/.test(id)) || shared.includes(id);
      if (!ours || !code.includes('defaultMessage')) return null;
      return { code: compileDefaults(id, code), map: null };
    },
  };
}

/** The source with each literal `defaultMessage` replaced by its parsed form. */
function compileDefaults(file: string, code: string): string {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const edits: { start: number; end: number; text: string }[] = [];
  const literal = (node: ts.Node | undefined) =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node : undefined;
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'defaultMessage') {
      const value = literal(node.initializer);
      if (value)
        edits.push({
          start: value.getStart(source),
          end: value.end,
          text: JSON.stringify(parse(value.text)),
        });
    } else if (
      ts.isJsxAttribute(node) &&
      node.name.getText(source) === 'defaultMessage' &&
      node.initializer
    ) {
      const init = node.initializer;
      const value = literal(init) ?? (ts.isJsxExpression(init) ? literal(init.expression) : undefined);
      if (value)
        edits.push({
          start: init.getStart(source),
          end: init.end,
          text: `{${JSON.stringify(parse(value.text))}}`,
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
