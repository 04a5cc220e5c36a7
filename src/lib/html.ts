import sanitizeHtml from 'sanitize-html';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A small server-rendered page, for the few screens that work without the web app; in its reader's language. */
export const page = (
  title: string,
  body: string,
  lang: { locale: string; direction: 'ltr' | 'rtl' } = { locale: 'en', direction: 'ltr' },
) => `<!doctype html>
<html lang="${escapeHtml(lang.locale)}" dir="${lang.direction}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Tessera</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1a1b1e}
h1{font-size:1.6rem}label{display:block;margin:.8rem 0 .2rem}input,textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
.opt input{width:auto}fieldset{border:1px solid #ced4da;border-radius:4px}
button{margin-top:1rem;padding:.6rem 1.2rem;font:inherit;background:#228be6;color:#fff;border:0;border-radius:4px}
.msg{margin-top:1rem}a{color:#1c7ed6}
</style></head><body>${body}</body></html>`;

/** HTML to readable text: block ends become line breaks; every tag and script goes. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<(br|hr)\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|blockquote|pre|table)>/gi, '\n\n')
    .replace(/<\/(div|li|tr)>/gi, '\n')
    // Table cells side by side, not glued: "Order 123", never "Order123".
    .replace(/<\/(td|th)>/gi, ' ');
  const text = sanitizeHtml(marked, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'textarea', 'option', 'head', 'title'],
  });
  return text
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
