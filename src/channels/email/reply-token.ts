import { createHmac } from 'node:crypto';
import { safeEqual } from '../../lib/crypto.js';

// The reply-to token: ticket number, recipient, and an HMAC over both under the installation's
// secret. Lower-case base32, because some mail servers fold the local part's case.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) return null;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const signature = (secret: string, number: number, userId: string) =>
  base32(createHmac('sha256', secret).update(`reply:${number}:${userId}`).digest().subarray(0, 10));

export function replyToken(secret: string, ticketNumber: number, userId: string): string {
  return `${ticketNumber}.${base32(uuidBytes(userId))}.${signature(secret, ticketNumber, userId)}`;
}

export function verifyReplyToken(
  secret: string,
  token: string,
): { ticketNumber: number; userId: string } | null {
  const m = /^(\d{1,12})\.([a-z2-7]{26})\.([a-z2-7]{16})$/.exec(token.toLowerCase());
  if (!m) return null;
  const [, num, user, sig] = m;
  const bytes = unbase32(user ?? '');
  if (bytes?.length !== 16) return null;
  const ticketNumber = Number(num);
  const userId = uuidOf(bytes);
  return safeEqual(sig ?? '', signature(secret, ticketNumber, userId)) ? { ticketNumber, userId } : null;
}

/** support@example.com + token → support+token@example.com */
export function replyAddress(inbound: string, token: string): string {
  const at = inbound.lastIndexOf('@');
  return `${inbound.slice(0, at)}+${token}${inbound.slice(at)}`;
}

/** The token in an address like support+token@example.com, if it is our support address. */
export function tokenFromAddress(inbound: string, address: string): string | null {
  const at = inbound.lastIndexOf('@');
  const local = inbound.slice(0, at).toLowerCase();
  const domain = inbound.slice(at + 1).toLowerCase();
  const m = /^([^@+]+)\+([^@]+)@(.+)$/.exec(address.trim().toLowerCase());
  if (!m || m[1] !== local || m[3] !== domain) return null;
  return m[2] ?? null;
}
