import { htmlToText } from '../../lib/html.js';
import { trimReply } from './quotes.js';

export { htmlToText };

// The new part of an email reply: plain text, without quoted history or signature.

/**
 * The text the sender wrote now: quoted history and signature stripped (see quotes.ts); forwarded
 * content stays. When nothing new is left (a bare quote), the whole text, so nothing is lost.
 */
export function newReplyText(text: string): string {
  const own = trimReply(text);
  // Leading indentation of the first line may be code; only blank lines around the text go.
  return own.trim().length > 0 ? own : text.replace(/\r\n?/g, '\n').trim();
}
