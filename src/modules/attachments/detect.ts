import { fileTypeFromBuffer } from 'file-type';

// What a file is, from its bytes; the name and the client's Content-Type are not trusted.

/**
 * The detected type. Text that is not a known binary format counts as text/plain, whatever it
 * contains: HTML and SVG included, so they are only ever served as inert text.
 */
export async function detectContentType(data: Buffer): Promise<string | null> {
  const found = await fileTypeFromBuffer(data);
  if (found) return found.mime;
  return looksLikeText(data) ? 'text/plain' : null;
}

function looksLikeText(data: Buffer): boolean {
  const sample = data.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length === data.length ? sample : trimPartialUtf8(sample),
    );
    return true;
  } catch {
    return false;
  }
}

/** A sample cut mid-character is still text: drop an incomplete trailing sequence. */
function trimPartialUtf8(b: Buffer): Buffer {
  const end = b.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = b[end - i] ?? 0;
    if ((byte & 0xc0) === 0xc0) return b.subarray(0, end - i);
    if ((byte & 0x80) === 0) break;
  }
  return b;
}

/** `image/*` style patterns from the configuration. */
export function typeAllowed(type: string, patterns: string[]): boolean {
  return patterns.some((p) => (p.endsWith('/*') ? type.startsWith(p.slice(0, -1)) : p === type));
}

/** NFC, no format or control characters, no directories, no leading dots; never empty. */
export function normaliseFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cf}\p{Cc}]/gu, '')
    .replace(/[/\\]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[\s.]+$/, '')
    .trim();
  const limited = [...cleaned].slice(0, 200).join('');
  return limited || 'file';
}
