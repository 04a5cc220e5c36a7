import type { WaMessage } from './webhook.js';

// Pure: what a WhatsApp message says and carries, and which command it starts with. No I/O.

/** What a message may carry; its words are messages of answer.messages.ts (WA_TICKET). */
export type MediaKind = 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker';

/** What a message says and carries, whatever its type; null for what is not for us (reactions, system notices). */
export function contentOf(
  m: WaMessage,
): { text: string; media: { kind: MediaKind; id: string; filename?: string } | null } | null {
  switch (m.type) {
    case 'text':
      return { text: m.text?.body ?? '', media: null };
    case 'button':
      return { text: m.button?.text ?? '', media: null };
    case 'interactive':
      return {
        text: m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? '',
        media: null,
      };
    case 'image':
    case 'video':
    case 'audio':
    case 'voice':
    case 'document':
    case 'sticker': {
      const media = m[m.type];
      if (!media?.id) return { text: '', media: null };
      const kind: MediaKind = m.type === 'audio' && m.audio?.voice ? 'voice' : m.type;
      return { text: media.caption ?? '', media: { kind, id: media.id, filename: media.filename } };
    }
    case 'reaction':
    case 'system':
    case 'request_welcome':
    case 'ephemeral':
      return null;
    default:
      // Locations, contact cards, orders: nothing a ticket can hold.
      return { text: '', media: null };
  }
}

export type Command =
  | { kind: 'new'; text: string }
  | { kind: 'ticket'; number: number; text: string }
  | { kind: 'plain'; text: string };

/**
 * `new: text` opens a ticket; `900: text` (or `#900: text`) addresses #900. "10:30 works" is not a
 * ticket number: a digit right after the colon means a time, not a command.
 */
export function parseCommand(text: string): Command {
  const fresh = /^\s*new\s*:\s*([\s\S]*)$/i.exec(text);
  if (fresh) return { kind: 'new', text: fresh[1]?.trim() ?? '' };
  const numbered = /^\s*#?(\d{1,9})\s*:(?!\d)\s*([\s\S]*)$/.exec(text);
  if (numbered) return { kind: 'ticket', number: Number(numbered[1]), text: numbered[2]?.trim() ?? '' };
  return { kind: 'plain', text: text.trim() };
}
