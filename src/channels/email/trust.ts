import type { ParsedMail } from 'mailparser';
import type { Config } from '../../config.js';
import type { InboundOutcome } from '../inbound.js';
import { tokenFromAddress } from './reply-token.js';

// What a mail's headers alone decide, before anyone is looked up: our own mail coming back, robots,
// no-reply senders, and senders their own domain's SPF or DMARC disowns. Mail stopped here is
// never dropped: it is settled as ignored or quarantined, with the reason, for admins to review.

const header = (mail: ParsedMail, name: string) => {
  const v = mail.headers.get(name);
  return typeof v === 'string' ? v.toLowerCase() : v === undefined ? '' : JSON.stringify(v).toLowerCase();
};

/** The bare address of a sender setting such as `Support <help@example.com>`. */
const bareAddress = (from: string) => (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();

/** Our own addresses: the support address, any `+token` address of it, and the sender of our mail. */
export function isOwnAddress(config: Config, address: string): boolean {
  const a = address.trim().toLowerCase();
  const inbound = config.mail.inboundAddress?.toLowerCase();
  if (inbound && (a === inbound || tokenFromAddress(inbound, a) !== null)) return true;
  return a === bareAddress(config.mail.from);
}

/** Auto-replies, bounces and list mail: never a ticket, never an answer (no mail loops). */
function automatedReason(mail: ParsedMail, from: string): string | null {
  const auto = header(mail, 'auto-submitted');
  if (auto && auto !== 'no') return `auto-submitted: ${auto}`;
  if (/^(bulk|junk|list|auto_reply)$/.test(header(mail, 'precedence')))
    return `precedence: ${header(mail, 'precedence')}`;
  // mailparser folds List-* into one structured header; the raw header lines tell them apart.
  const names = new Set(mail.headerLines.map((h) => h.key.toLowerCase()));
  if (names.has('list-id') || names.has('list-unsubscribe') || names.has('list-post')) return 'mailing list';
  if (names.has('x-autoreply') || names.has('x-autorespond') || names.has('x-autoresponder'))
    return 'auto-reply';
  if (names.has('x-tessera-ticket')) return 'our own notification came back';
  if (/^(mailer-daemon|postmaster|bounces?)[@+-]/.test(from)) return `automated sender ${from}`;
  if (header(mail, 'content-type').includes('multipart/report')) return 'delivery report';
  return null;
}

const NO_REPLY = /^(no-?reply|do-?not-?reply)/;

const hasFiles = (mail: ParsedMail) => mail.attachments.some((a) => !a.related);
/** A no-reply sender may still carry a person's mail (a purchase order sent by an ERP system). */
const hasContent = (mail: ParsedMail) => hasFiles(mail) || Boolean(mail.text?.trim() || mail.html);

/**
 * The `dmarc=fail` or `spf=fail` results of the Authentication-Results headers that concern the
 * sender's domain. Only failures are acted on: a forger can add a header saying "pass", and one
 * saying "fail" only hurts the forger.
 */
export function authFailures(mail: ParsedMail, from: string): string[] {
  const domain = from.slice(from.lastIndexOf('@') + 1);
  const found: string[] = [];
  for (const line of mail.headerLines) {
    if (line.key.toLowerCase() !== 'authentication-results') continue;
    const value = line.line
      .replace(/^[^:]*:/, '')
      .replace(/\r?\n[ \t]+/g, ' ')
      .replace(/\([^)]*\)/g, ' ')
      .toLowerCase();
    for (const part of value.split(';').slice(1)) {
      const m = /^\s*(dmarc|spf)\s*=\s*fail\b(.*)$/s.exec(part);
      if (!m) continue;
      const prop = m[1] === 'dmarc' ? /header\.from\s*=\s*"?([^\s";]+)/ : /smtp\.mailfrom\s*=\s*"?([^\s";]+)/;
      const about = prop.exec(m[2] ?? '')?.[1];
      // A result without the domain it is about is taken as about the sender.
      const aboutDomain = about?.slice(about.lastIndexOf('@') + 1);
      if (!aboutDomain || aboutDomain === domain) found.push(`${m[1]}=fail`);
    }
  }
  return [...new Set(found)];
}

/** Ignored or quarantined on its headers, or null to go on. */
export function screenMail(config: Config, mail: ParsedMail, from: string): InboundOutcome | null {
  if (isOwnAddress(config, from))
    return { state: 'ignored', detail: `self-loop: mail from our own address ${from}` };
  const automated = automatedReason(mail, from);
  // Generated (not replied) mail with files is a system sending a person's document: review it.
  if (automated === 'auto-submitted: auto-generated' && hasFiles(mail))
    return { state: 'quarantined', detail: `generated mail with attachments from ${from}` };
  if (automated) return { state: 'ignored', detail: automated };
  if (NO_REPLY.test(from)) {
    return hasContent(mail)
      ? { state: 'quarantined', detail: `mail with content from the no-reply address ${from}` }
      : { state: 'ignored', detail: `automated sender ${from}` };
  }
  const failed = authFailures(mail, from);
  if (failed.length > 0)
    return {
      state: 'quarantined',
      detail: `${failed.join(', ')} for ${from.slice(from.lastIndexOf('@') + 1)} (Authentication-Results): the sender is not proven`,
    };
  return null;
}
