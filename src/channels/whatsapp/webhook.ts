import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../../context.js';
import { refusal } from '../../errors.js';
import { defineMessages } from '../../i18n/index.js';
import type { InboundTopic } from '../../jobs/payloads.js';
import { safeEqual } from '../../lib/crypto.js';
import { storeAndQueue } from '../inbound.js';
import type { WhatsAppConfig } from './api.js';

export const WHATSAPP_REFUSALS = defineMessages({
  notSetUp: {
    id: 'error.whatsapp.not_set_up',
    defaultMessage: 'WhatsApp is not set up on this installation',
  },
  verifyToken: { id: 'error.whatsapp.verify_token', defaultMessage: 'The verify token does not match' },
  signature: {
    id: 'error.whatsapp.signature',
    defaultMessage: 'The X-Hub-Signature-256 signature does not match the body',
  },
  notJson: { id: 'error.whatsapp.not_json', defaultMessage: 'The body is not JSON' },
});

// What Meta posts to the webhook (the "messages" field of a WhatsApp Business Account).

export type WaContact = { wa_id: string; profile?: { name?: string } };
type WaMedia = { id: string; mime_type?: string; sha256?: string; caption?: string; filename?: string };
export type WaMessage = {
  id: string;
  from: string;
  timestamp?: string;
  type: string;
  context?: { id?: string; from?: string };
  text?: { body?: string };
  image?: WaMedia;
  video?: WaMedia;
  audio?: WaMedia & { voice?: boolean };
  voice?: WaMedia;
  document?: WaMedia;
  sticker?: WaMedia;
  button?: { text?: string; payload?: string };
  interactive?: { button_reply?: { title?: string }; list_reply?: { title?: string } };
  /** The sender changed an earlier message: its id, and the message as it reads now (text, or media with a caption). */
  edit?: { original_message_id?: string; message?: Omit<WaMessage, 'id' | 'from'> };
  /** The sender deleted an earlier message for everyone. */
  revoke?: { original_message_id?: string };
};
export type WaStatus = {
  id: string;
  status: string;
  timestamp?: string;
  recipient_id?: string;
  errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[];
};
type WaPayload = {
  object?: string;
  entry?: {
    changes?: {
      field?: string;
      value?: {
        metadata?: { phone_number_id?: string };
        contacts?: WaContact[];
        messages?: WaMessage[];
        statuses?: WaStatus[];
      };
    }[];
  }[];
};

export type StoredMessage = { message: WaMessage; contact: WaContact | null };

/** Meta's X-Hub-Signature-256: `sha256=` and the hex HMAC-SHA256 of the raw body under the app secret. */
export function validSignature(appSecret: string, raw: Buffer, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** The verification handshake: the challenge when the mode and token match, else null. */
export function verifyChallenge(
  wa: WhatsAppConfig,
  q: { mode?: string; token?: string; challenge?: string },
): string | null {
  if (!wa.verifyToken || q.mode !== 'subscribe' || !q.token || q.challenge === undefined) return null;
  return safeEqual(q.token, wa.verifyToken) ? q.challenge : null;
}

/**
 * Takes in one signed webhook delivery: each message and each status update is stored raw with its
 * job, all in one transaction, and the call returns. A redelivery (the same message id, the same
 * status of the same message) stores nothing and queues nothing.
 */
export async function receiveWhatsApp(
  ctx: Ctx,
  raw: Buffer,
  signature: string | undefined,
): Promise<{ messages: number; statuses: number; duplicates: number }> {
  const wa = ctx.config.whatsapp;
  if (!wa) throw refusal('not_found', WHATSAPP_REFUSALS.notSetUp);
  if (!validSignature(wa.appSecret, raw, signature))
    throw refusal('unauthenticated', WHATSAPP_REFUSALS.signature);
  const items = itemsOf(parsePayload(raw), wa);
  if (items.length === 0) return { messages: 0, statuses: 0, duplicates: 0 };
  const now = ctx.clock().toISOString();
  let fresh = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const item of items) {
      if (await storeAndQueue(trx, item, now)) fresh++;
    }
  });
  const messages = items.filter((i) => i.channel === 'whatsapp').length;
  return { messages, statuses: items.length - messages, duplicates: items.length - fresh };
}

function parsePayload(raw: Buffer): WaPayload {
  try {
    return JSON.parse(raw.toString('utf8')) as WaPayload;
  } catch {
    throw refusal('validation', WHATSAPP_REFUSALS.notJson);
  }
}

type Item = { channel: string; externalId: string; raw: string; topic: InboundTopic };
type WaValue = NonNullable<NonNullable<NonNullable<WaPayload['entry']>[number]['changes']>[number]['value']>;

/** Pure: what a delivery holds for this installation, one item per message and per status update. */
function itemsOf(payload: WaPayload, wa: WhatsAppConfig): Item[] {
  const items: Item[] = [];
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (change.field !== 'messages' || !value) continue;
      // One app may serve several numbers: only this installation's number is ours.
      if (value.metadata?.phone_number_id && value.metadata.phone_number_id !== wa.phoneNumberId) continue;
      items.push(...messageItems(value), ...statusItems(value));
    }
  }
  return items;
}

function messageItems(value: WaValue): Item[] {
  const items: Item[] = [];
  for (const message of value.messages ?? []) {
    if (typeof message?.id !== 'string' || typeof message.from !== 'string') continue;
    const contact = value.contacts?.find((c) => c.wa_id === message.from) ?? value.contacts?.[0] ?? null;
    items.push({
      channel: 'whatsapp',
      externalId: message.id,
      raw: JSON.stringify({ message, contact } satisfies StoredMessage),
      topic: 'inbound.whatsapp',
    });
  }
  return items;
}

function statusItems(value: WaValue): Item[] {
  const items: Item[] = [];
  for (const status of value.statuses ?? []) {
    if (typeof status?.id !== 'string' || typeof status.status !== 'string') continue;
    items.push({
      channel: 'whatsapp-status',
      externalId: `${status.id}:${status.status}`,
      raw: JSON.stringify(status),
      topic: 'inbound.whatsapp-status',
    });
  }
  return items;
}
