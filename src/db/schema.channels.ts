// Row types of the channel tables: mail and messages in and out, and each channel's own
// contacts and links. Part of the DB type in schema.ts.

export type InboundState =
  | 'received'
  | 'processed'
  | 'ignored'
  | 'quarantined'
  | 'refused'
  | 'failed'
  | 'discarded';
export type InboundMessageTable = {
  id: string;
  channel: string;
  external_id: string;
  /** The message as received (RFC 822 text for email, JSON for webhooks). */
  raw: string;
  state: InboundState;
  detail: string | null;
  ticket_id: string | null;
  message_id: string | null;
  received_at: string;
  processed_at: string | null;
  /** Who sent it, its subject and size, as read on receipt (0010): what an admin reviews it by. */
  sender: string | null;
  subject: string | null;
  size: number | null;
};

/** An automatic answer (a refusal, a notice) sent or held back by the per-recipient cap. */
export type AutoReplyTable = {
  id: string;
  channel: string;
  recipient: string;
  inbound_id: string | null;
  subject: string;
  suppressed: number;
  created_at: string;
};

export type OutboundMessageTable = {
  id: string;
  channel: string;
  external_id: string;
  ticket_id: string;
  user_id: string | null;
  status: string | null;
  created_at: string;
  /** The delivery part that sent it (job dedupe key and part), so a retry skips what went out. */
  delivery_key: string | null;
  /** Why the channel reported it failed, in its words. */
  status_detail: string | null;
  status_at: string | null;
};

export type WhatsAppContactTable = {
  /** WhatsApp's id of the number: its digits, without '+'. */
  wa_id: string;
  user_id: string | null;
  last_inbound_at: string;
  updated_at: string;
};

export type WhatsAppHeldTable = {
  id: string;
  user_id: string;
  ticket_id: string;
  /** JSON: the delivery job's payload. */
  payload: string;
  created_at: string;
  released_at: string | null;
};

export type TelegramLinkTable = {
  user_id: string;
  chat_id: string;
  username: string | null;
  linked_at: string;
  /** Set when Telegram refused delivery (the bot was blocked): no notices until linked again. */
  broken_at: string | null;
  broken_reason: string | null;
};

export type TelegramLinkTokenTable = {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};
