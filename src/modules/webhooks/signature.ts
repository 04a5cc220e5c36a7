import { createHmac } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../../common/webhooks.js';
import { safeEqual } from '../../lib/crypto.js';

// The signature of a generic delivery, as documented in README.md (Outgoing webhooks):
//   Tessera-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>

export const signatureOf = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

export const signatureHeader = (secret: string, t: number, body: string) =>
  `t=${t},v1=${signatureOf(secret, t, body)}`;

/** What a receiver does: true when the header signs `body` with `secret` within the tolerance. */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isSafeInteger(t) || !v1) return false;
  if (Math.abs(nowSeconds - t) > WEBHOOK_TOLERANCE_SECONDS) return false;
  return safeEqual(v1, signatureOf(secret, t, body));
}
