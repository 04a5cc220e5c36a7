import path from 'node:path';
import ts from 'typescript5';
import { codeFiles, parse, ROOT } from './catalogue.js';

// The lint rule behind "every text a person reads is in the catalogue": JSX text, the props that
// show text (label, placeholder, title, …) and notifications, written as literals in a component.

/** Props whose value is shown to a person or read out by a screen reader. */
const TEXT_PROPS = new Set([
  'label',
  'placeholder',
  'title',
  'description',
  'aria-label',
  'alt',
  'error',
  'nothingFoundMessage',
  'emptyMessage',
  'confirmLabel',
  'cancelLabel',
  'message',
  'tooltip',
]);

/** Names and signs that read the same in every language. */
export const SAME_IN_EVERY_LANGUAGE = new Set([
  'Tessera',
  'WhatsApp',
  'Telegram',
  'Zendesk',
  'osTicket',
  'CSV',
  'API',
  'URL',
  'JSON',
  'SMTP',
  'IMAP',
  'OpenID Connect',
  'Markdown',
  'Slack',
  'Microsoft Teams',
  'Mattermost',
  'Grafana',
  'Prometheus',
]);

function hasWords(text: string): boolean {
  let rest = text;
  for (const name of SAME_IN_EVERY_LANGUAGE) rest = rest.replaceAll(name, '');
  return /\p{L}{2,}/u.test(rest);
}

export type Literal = { file: string; line: number; text: string };

export function literalsIn(file: string): Literal[] {
  const source = parse(file);
  const found: Literal[] = [];
  const at = (node: ts.Node, text: string) =>
    found.push({
      file: path.relative(ROOT, file),
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text: text.trim(),
    });
  const stringOf = (node: ts.Node | undefined): string | undefined => {
    if (!node) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node))
      return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    if (ts.isJsxExpression(node)) return stringOf(node.expression);
    if (ts.isConditionalExpression(node))
      return [stringOf(node.whenTrue), stringOf(node.whenFalse)].join(' ');
    return undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) at(node, node.text);
    if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && TEXT_PROPS.has(node.name.text)) {
      const text = stringOf(node.initializer);
      if (text && hasWords(text)) at(node, text);
    }
    if (ts.isJsxAttribute(node) && !ts.isIdentifier(node.name) && TEXT_PROPS.has(node.name.getText())) {
      const text = stringOf(node.initializer);
      if (text && hasWords(text)) at(node, text);
    }
    // notifications.show({ title: 'Saved', message: '…' })
    if (
      ts.isCallExpression(node) &&
      node.expression.getText(source) === 'notifications.show' &&
      node.arguments[0] &&
      ts.isObjectLiteralExpression(node.arguments[0])
    ) {
      for (const p of node.arguments[0].properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
        if (p.name.text !== 'title' && p.name.text !== 'message') continue;
        const text = stringOf(p.initializer);
        if (text && hasWords(text)) at(p, text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export const webFiles = () => codeFiles(['web/src']).filter((f) => f.endsWith('.tsx'));
