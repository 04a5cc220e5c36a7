import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { defineMessages, type Message, translate } from '../../i18n/index.js';
import { storeAttachment } from '../../modules/attachments/attachments.service.js';
import { downloadTelegramFile, TelegramError, TooLarge } from './api.js';

// The files a Telegram message carries, and how they become attachments.

const FILES = defineMessages({
  notSetUp: { id: 'notice.telegram.file.notSetUp', defaultMessage: 'Telegram is not set up.' },
  tooBig: { id: 'notice.telegram.file.tooBig', defaultMessage: 'Files may be at most {mb} MB.' },
  notFetched: {
    id: 'notice.telegram.file.notFetched',
    defaultMessage: 'We could not fetch it from Telegram; please send it again.',
  },
});

type TgFile = { file_id: string; file_name?: string; mime_type?: string; file_size?: number };
/** The parts of a Telegram message that carry a file. */
export type TgFiles = {
  document?: TgFile;
  voice?: TgFile;
  audio?: TgFile;
  video?: TgFile;
  /** The sizes of one photo, smallest first. */
  photo?: TgFile[];
};

type FileKind = 'file' | 'voice' | 'audio' | 'video' | 'photo';

/** The file a message carries, with a name for it, how to call it in words, and its kind. */
export function fileOf(msg: TgFiles): { id: string; filename: string; label: string; kind: FileKind } | null {
  if (msg.document)
    return {
      id: msg.document.file_id,
      filename: msg.document.file_name || 'telegram-file',
      label: 'file',
      kind: 'file',
    };
  if (msg.voice)
    return { id: msg.voice.file_id, filename: 'telegram-voice.ogg', label: 'voice note', kind: 'voice' };
  if (msg.audio)
    return {
      id: msg.audio.file_id,
      filename: msg.audio.file_name || 'telegram-audio.mp3',
      label: 'audio',
      kind: 'audio',
    };
  if (msg.video)
    return {
      id: msg.video.file_id,
      filename: msg.video.file_name || 'telegram-video.mp4',
      label: 'video',
      kind: 'video',
    };
  const photo = msg.photo?.at(-1);
  if (photo) return { id: photo.file_id, filename: 'telegram-photo.jpg', label: 'photo', kind: 'photo' };
  return null;
}

/** Downloads a file through getFile and keeps it as the sender's attachment, under the attachment rules. */
export async function fetchFile(
  ctx: Ctx,
  file: { id: string; filename: string },
  uploaderId: string,
): Promise<{ id: string } | { refused: (locale: string) => string }> {
  const said = (m: Message, values?: Record<string, string>) => ({
    refused: (locale: string) => translate(locale, m, values),
  });
  const tg = ctx.config.telegram;
  if (!tg) return said(FILES.notSetUp);
  const { maxBytes } = ctx.config.attachments;
  const tooBig = said(FILES.tooBig, { mb: String(Math.floor(maxBytes / 1_048_576)) });
  try {
    const data = await downloadTelegramFile(tg, file.id, maxBytes);
    return { id: (await storeAttachment(ctx, { uploaderId, filename: file.filename, data })).id };
  } catch (err) {
    if (err instanceof TooLarge) return tooBig;
    if (err instanceof AppError) return { refused: (locale: string) => err.said(locale) };
    if (err instanceof TelegramError && err.status >= 400 && err.status < 500) return said(FILES.notFetched);
    throw err;
  }
}
