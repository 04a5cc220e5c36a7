import EmailReplyParser from 'email-reply-parser';
import sanitizeHtml from 'sanitize-html';

// The new part of an email reply: plain text, without quoted history or signature.

/** HTML to readable text: block ends become line breaks; every tag and script goes. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<(br|hr)\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|blockquote|pre|table)>/gi, '\n\n')
    .replace(/<\/(div|li|tr)>/gi, '\n');
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

// Reply headers the parser may miss: Outlook's separator and header block, Apple Mail, German/French clients.
const QUOTE_STARTS = [
  /^-{2,}\s*Original Message\s*-{2,}\s*$/im,
  /^_{10,}\s*$/m,
  /^From:\s.+\n(Sent|Date):\s.+\n/im,
  /^On .{4,200}(wrote|schrieb|a écrit)\s*:\s*$/im,
  /^Am .{4,200} schrieb .{1,200}:\s*$/im,
  /^Le .{4,200} a écrit\s*:\s*$/im,
];

/** The text the sender wrote now: quoted history and signature stripped; the whole text if nothing is left. */
export function newReplyText(text: string): string {
  const normalised = text.replace(/\r\n/g, '\n');
  let visible = new EmailReplyParser().read(normalised).getVisibleText();
  for (const re of QUOTE_STARTS) {
    const m = re.exec(visible);
    if (m && m.index > 0) visible = visible.slice(0, m.index);
  }
  const trimmed = visible.trim();
  return trimmed.length > 0 ? trimmed : normalised.trim();
}
