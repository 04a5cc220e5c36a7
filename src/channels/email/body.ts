import sanitizeHtml from 'sanitize-html';
import { trimReply } from './quotes.js';

// The new part of an email reply: plain text, without quoted history or signature.

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

/**
 * The text the sender wrote now: quoted history and signature stripped (see quotes.ts); forwarded
 * content stays. When nothing new is left (a bare quote), the whole text, so nothing is lost.
 */
export function newReplyText(text: string): string {
  const own = trimReply(text);
  // Leading indentation of the first line may be code; only blank lines around the text go.
  return own.trim().length > 0 ? own : text.replace(/\r\n?/g, '\n').trim();
}
