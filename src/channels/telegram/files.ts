import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { storeAttachment } from '../../modules/attachments/attachments.service.js';
import { downloadTelegramFile, TelegramError, TooLarge } from './api.js';

// The files a Telegram message carries, and how they become attachments.

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

/** The file a message carries, with a name for it and how to call it in words. */
export function fileOf(msg: TgFiles): { id: string; filename: string; label: string } | null {
  if (msg.document)
    return { id: msg.document.file_id, filename: msg.document.file_name || 'telegram-file', label: 'file' };
  if (msg.voice) return { id: msg.voice.file_id, filename: 'telegram-voice.ogg', label: 'voice note' };
  if (msg.audio)
    return { id: msg.audio.file_id, filename: msg.audio.file_name || 'telegram-audio.mp3', label: 'audio' };
  if (msg.video)
    return { id: msg.video.file_id, filename: msg.video.file_name || 'telegram-video.mp4', label: 'video' };
  const photo = msg.photo?.at(-1);
  if (photo) return { id: photo.file_id, filename: 'telegram-photo.jpg', label: 'photo' };
  return null;
}

/** Downloads a file through getFile and keeps it as the sender's attachment, under the attachment rules. */
export async function fetchFile(
  ctx: Ctx,
  file: { id: string; filename: string },
  uploaderId: string,
): Promise<{ id: string } | { refused: string }> {
  const tg = ctx.config.telegram;
  if (!tg) return { refused: 'Telegram is not set up.' };
  const { maxBytes } = ctx.config.attachments;
  const tooBig = `Files may be at most ${Math.floor(maxBytes / 1_048_576)} MB.`;
  try {
    const data = await downloadTelegramFile(tg, file.id, maxBytes);
    return { id: (await storeAttachment(ctx, { uploaderId, filename: file.filename, data })).id };
  } catch (err) {
    if (err instanceof TooLarge) return { refused: tooBig };
    if (err instanceof AppError) return { refused: err.message };
    if (err instanceof TelegramError && err.status >= 400 && err.status < 500)
      return { refused: 'We could not fetch it from Telegram; please send it again.' };
    throw err;
  }
}
