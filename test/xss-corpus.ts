import { expect } from 'vitest';

/**
 * Attempts at running script through a message body, each ending in a word the renderings must
 * keep (so a test also sees that the message was not simply dropped). Raw HTML, event handlers,
 * and script or data addresses written every way Markdown allows.
 */
export const XSS_CORPUS = [
  `<script>alert('xss')</script>`,
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<details open ontoggle=alert(1)><summary>x</summary></details>',
  '<xmp><script>alert(1)</script></xmp>',
  '<a href="javascript:alert(1)">raw link</a>',
  '[md link](javascript:alert(1))',
  '[mixed case](JaVaScRiPt:alert(1))',
  '[entity](java&#x73;cript:alert(1))',
  '[spaced](<  javascript:alert(1)>)',
  '<javascript:alert(1)>',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![script image](javascript:alert(1))',
  '![foreign](https://evil.test/pixel.png)',
  '![quoted](/api/v1/attachments/x" onerror="alert(1))',
  '[quote break](https://ok.test/" onmouseover="alert(1))',
  '<iframe src="javascript:alert(1)"></iframe><style>body{}</style>',
  '**bold <b onclick=alert(1)>x</b>**',
].map((attack, i) => `${attack} kept-${i}`);

/** The whole corpus as one body, each attempt its own paragraph. */
export const XSS_BODY = XSS_CORPUS.join('\n\n');

const DANGEROUS_ELEMENTS =
  /^(script|svg|math|details|xmp|iframe|object|embed|style|link|meta|base|form|input|textarea|noscript|template)$/i;

/** Every element (tag name and attributes) in `html` as a browser would read it: text never counts. */
function elements(html: string): { name: string; attrs: string }[] {
  const found: { name: string; attrs: string }[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g))
    found.push({ name: m[1] ?? '', attrs: m[2] ?? '' });
  return found;
}

/**
 * Asserts no executable markup survived in `html` (or text): no script-capable element, no event
 * handler attribute, no javascript:/data: address; and the corpus' words still there when `complete`.
 */
export function expectInert(where: string, html: string, opts: { complete?: boolean } = {}) {
  for (const el of elements(html)) {
    expect(DANGEROUS_ELEMENTS.test(el.name), `${where}: <${el.name}> survived`).toBe(false);
    expect(
      /(^|[\s"'/])on[a-z]+\s*=/i.test(el.attrs),
      `${where}: an event handler survived in <${el.name}${el.attrs}>`,
    ).toBe(false);
    for (const a of el.attrs.matchAll(
      /\b(href|src|action|formaction|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi,
    )) {
      const value = (a[2] ?? '').replace(/^["']|["']$/g, '').replace(/&#x?[0-9a-f]+;?|[\s\0]/gi, '');
      expect(/^(javascript|data|vbscript):/i.test(value), `${where}: ${a[1]}="${a[2]}" survived`).toBe(false);
    }
  }
  expect(html, `${where}: raw <script`).not.toMatch(/<script/i);
  if (opts.complete)
    for (let i = 0; i < XSS_CORPUS.length; i++)
      expect(html, `${where}: kept-${i} was lost`).toContain(`kept-${i}`);
}
