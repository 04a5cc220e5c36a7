import { toE164 } from '../../lib/phone.js';

// Personal data taken out of a ticket's conversation before it becomes an article draft: the
// names of everyone on the ticket, email addresses, phone numbers, ticket numbers and links that
// carry a token. Each is replaced by a placeholder the author sees and can rewrite; what was
// taken out is counted by kind so the review knows what to look for. Pure: no I/O.

export const SCRUB_KINDS = ['name', 'email', 'phone', 'ticket', 'link'] as const;
export type ScrubKind = (typeof SCRUB_KINDS)[number];
export type ScrubCounts = Record<ScrubKind, number>;

export const PLACEHOLDER: Record<ScrubKind, string> = {
  name: '[name]',
  email: '[email]',
  phone: '[phone]',
  ticket: '[ticket]',
  link: '[link]',
};

/** What is known of the people on the ticket: their names as written, and any phone numbers on record. */
export type ScrubFacts = { names: readonly string[]; phones?: readonly (string | null)[] };

export type Scrubber = { scrub(text: string): string; readonly removed: ScrubCounts };

const LETTER = String.raw`\p{L}\p{M}\p{N}`;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()"'\]]+/giu;
const EMAIL_RE = /(?:mailto:)?[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu;
// A run of digits and the separators people put in numbers, starting as a number is dialled:
// "+44 20 7946 0000", "0044 (0)20 7946-0000", "(020) 7946 0000", "07700 900123".
const NANP = /^\(?\d{3}\)?[ .\-\u00a0]?\d{3}[ .\-\u00a0]\d{4}$/;
const PHONE_RE =
  /(?<![\p{L}\p{N}#+\-/.])(?:\+|00)?(?:\(\d{1,4}\)|\d{1,5})(?:[ .\-\u00a0]?(?:\(\d{1,4}\)|\d{1,5})){1,6}(?![\p{L}\p{N}])/gu;
// "[#123]" as mail subjects carry it (templates.ts), "#123" as the app shows it, "ticket 123",
// "ticket no. 123", "Ticket #123".
const TICKET_RE = /\[#\d+\]|(?<![\p{L}\p{N}&])#\d+\b|\bticket(?:\s+(?:no\.?|number|nr\.?))?\s*#?\s*\d+\b/giu;
/** Query parameters and path pieces that make a link someone's own: a token, a signature, a key. */
const TOKEN_PARAM = /[?&#](?:[\w-]*(?:token|key|sig|signature|secret|code|auth|session|otp|hash)[\w-]*)=/i;
const TOKEN_SEGMENT = /[/=][A-Za-z0-9_-]{24,}(?:[/?&#.]|$)/;
const TICKET_PATH = /\/tickets\/\d+/;
const HAS_EMAIL = /@[\p{L}\p{N}-]+\./u;

/** Words inside names that are words of their languages too: de, van, von, bin… */
const PARTICLES = new Set(
  'al bin binti da das de del della der des di do dos du el la le lo san st ten ter van von y zu'.split(' '),
);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unaccented = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');

/** A name part as it may be written: as on record, without its accents, in any case. */
function partPattern(part: string): string[] {
  const plain = unaccented(part);
  return [...new Set([part.normalize('NFC'), plain])].map(escapeRe);
}

/** One pattern for a run of name parts ("María José García-López" or "garcia"), as one [name]. */
function namePattern(names: readonly string[]): RegExp | null {
  const parts = new Set<string>();
  const particles = new Set<string>();
  for (const name of names) {
    for (const word of name.split(/[\s,;"()<>]+/)) {
      const clean = word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if ([...clean].length < 2) continue;
      // "de", "van": words of the language as well, taken out only between other parts of a name.
      if (PARTICLES.has(clean.toLowerCase())) {
        particles.add(escapeRe(clean.toLowerCase()));
        continue;
      }
      parts.add(clean);
      for (const piece of clean.split(/[-'’.]/)) if ([...piece].length >= 2) parts.add(piece);
    }
  }
  if (parts.size === 0) return null;
  // Longest first, so "García-López" wins over "García".
  const alternatives = [...parts].sort((a, b) => b.length - a.length).flatMap(partPattern);
  const one = `(?:${[...new Set(alternatives)].join('|')})`;
  const gap = '[ \\t\\u00a0-]+';
  const joint = particles.size > 0 ? `${gap}(?:(?:${[...particles].join('|')})${gap})*` : gap;
  return new RegExp(`(?<![${LETTER}\\[])${one}(?:${joint}${one})*(?![${LETTER}])`, 'giu');
}

const zeroCounts = (): ScrubCounts => ({ name: 0, email: 0, phone: 0, ticket: 0, link: 0 });

/** A scrubber for one ticket: every text it scrubs adds to the same counts. */
export function scrubber(facts: ScrubFacts): Scrubber {
  const removed = zeroCounts();
  const names = namePattern(facts.names);
  const known = new Set((facts.phones ?? []).map((p) => toE164(p)).filter((p): p is string => p !== null));
  const replace = (text: string, re: RegExp, kind: ScrubKind, keep?: (m: string) => boolean) =>
    text.replace(re, (m) => {
      if (keep?.(m)) return m;
      removed[kind] += 1;
      return PLACEHOLDER[kind];
    });
  const isPhone = (m: string) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) return false;
    if (known.has(`+${digits}`)) return true;
    // National numbers ("020 7946 0000") cannot be checked without a country; their shape is
    // enough, with ten digits or more so that dates ("07.12.2026") stay.
    if (/^\(?0(?!0)/.test(m)) return digits.length >= 10;
    // North American numbers ("415-555-0132", "(415) 555-0132") and long runs of digits alone
    // ("4155550132"): an account number taken out too is the safer mistake; the author reviews.
    if (NANP.test(m) || /^\d{10,15}$/.test(m)) return true;
    return /^(?:\+|00)/.test(m) && toE164(m.replace(/\(0\)/, '')) !== null;
  };
  return {
    removed,
    scrub(text: string) {
      let out = text.normalize('NFC');
      out = out.replace(URL_RE, (url) => {
        if (TICKET_PATH.test(url)) {
          removed.ticket += 1;
          return PLACEHOLDER.ticket;
        }
        if (!TOKEN_PARAM.test(url) && !TOKEN_SEGMENT.test(url) && !HAS_EMAIL.test(url)) return url;
        removed.link += 1;
        return PLACEHOLDER.link;
      });
      out = replace(out, EMAIL_RE, 'email');
      out = replace(out, PHONE_RE, 'phone', (m) => !isPhone(m));
      out = replace(out, TICKET_RE, 'ticket');
      if (names) out = replace(out, names, 'name');
      return out;
    },
  };
}
