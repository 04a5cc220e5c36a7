import { isAscii, isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { type ParsedMail, type SimpleParserOptions, simpleParser } from 'mailparser';

// Mail as some clients really send it: raw 8-bit GB2312 or Shift_JIS in Subject and From (not RFC 2047
// encoded) and 8-bit bodies without a declared charset. mailparser reads both as UTF-8 and keeps
// U+FFFD. Before it sees the message, header lines that are not valid UTF-8 are re-encoded as UTF-8
// (detected charset, a declared one as a hint) and an undeclared text part gets the charset it is in.
// The stored raw message is never changed: this copy is only what the parser reads.

/** mailparser's simpleParser over a copy of the message with 8-bit headers and bodies made readable. */
export function parseMail(raw: Buffer, opts: SimpleParserOptions = {}): Promise<ParsedMail> {
  return simpleParser(readable(raw), opts);
}

/** The message with every non-UTF-8 8-bit header line in UTF-8 and undeclared text charsets declared. */
export function readable(raw: Buffer): Buffer {
  // All ASCII or all UTF-8 (native checks, cheap on a 30 MB message): mailparser reads it as it is.
  if (isAscii(raw) || isUtf8(raw)) return raw;
  // latin1 maps each byte to one char, so the structure can be handled as text and turned back exactly.
  const text = raw.toString('latin1');
  const declared = [...text.matchAll(/charset\s*=\s*"?([\w.:-]+)/gi)]
    .map((m) => (m[1] ?? '').toLowerCase())
    .filter((c) => !/^(utf-?8|us-ascii|ascii)$/.test(c) && iconv.encodingExists(c));
  return Buffer.from(fixEntity(text, [...new Set(declared)]).text, 'latin1');
}

const hasHighBytes = (b: Buffer) => !isAscii(b);
const bytes = (latin1: string) => Buffer.from(latin1, 'latin1');

/** One MIME entity (headers, blank line, body); multipart bodies part by part. */
function fixEntity(
  entity: string,
  hints: string[],
  context: Buffer = Buffer.alloc(0),
): { text: string; charset: string | null } {
  const sep = /\r?\n\r?\n/.exec(entity);
  if (!sep || /^\r?\n/.test(entity)) return { text: entity, charset: null };
  let header = entity.slice(0, sep.index);
  let body = entity.slice(sep.index + sep[0].length);
  const blank = sep[0];
  const { type, params, cte } = contentHeaders(header);

  const bad = header.split(/(?<=\n)/).filter((l) => /[\x80-\xff]/.test(l) && !isUtf8(bytes(l)));
  // The same client wrote the headers (this part's and the message's): their 8-bit lines lengthen a short sample.
  const clientBytes = Buffer.concat([context, bytes(bad.join(''))]);
  let found: string | null = null;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(params);
  if (type.startsWith('multipart/') && boundary) {
    const parts = fixParts(body, boundary[1] ?? boundary[2] ?? '', hints, clientBytes);
    body = parts.text;
    found = parts.charset;
  } else if ((type === '' || type.startsWith('text/')) && !/charset\s*=/i.test(params)) {
    found = undeclaredCharset(decodeTransfer(body, cte), clientBytes, hints);
    if (found) header = declareCharset(header, type, params, found);
  }
  header = reencodeLines(header, bad, found ? [found, ...hints] : hints);
  return { text: `${header}${blank}${body}`, charset: found };
}

/** The media type, its parameters and the transfer encoding a header block names. */
function contentHeaders(header: string): { type: string; params: string; cte: string } {
  const unfolded = header.replace(/\r?\n[ \t]+/g, ' ');
  const contentType = /^content-type:[ \t]*([^;\r\n]*)(.*)$/im.exec(unfolded);
  return {
    type: (contentType?.[1] ?? '').trim().toLowerCase(),
    params: contentType?.[2] ?? '',
    cte: (/^content-transfer-encoding:[ \t]*([\w-]+)/im.exec(unfolded)?.[1] ?? '').toLowerCase(),
  };
}

/** The charset of a text body that declares none, when it has 8-bit bytes that are not UTF-8; else null. */
function undeclaredCharset(content: Buffer, clientBytes: Buffer, hints: string[]): string | null {
  if (!hasHighBytes(content) || isUtf8(content)) return null;
  return pickCharset(Buffer.concat([clientBytes, content]), hints);
}

/** The header with its Content-Type replaced by one that names the charset. */
function declareCharset(header: string, type: string, params: string, charset: string): string {
  // A second Content-Type would be ambiguous.
  const rest = header.replace(/^content-type:.*(\r?\n[ \t].*)*(\r?\n|$)/im, '').replace(/\r?\n$/, '');
  return `${rest ? `${rest}\r\n` : ''}Content-Type: ${type || 'text/plain'}${params.trimEnd()}; charset=${charset}`;
}

/** The header with its `bad` lines (8-bit, not UTF-8) decoded into UTF-8, when a charset reads them all. */
function reencodeLines(header: string, bad: string[], hints: string[]): string {
  if (bad.length === 0) return header;
  const charset = pickCharset(bytes(bad.join('')), hints);
  if (!charset) return header;
  return header
    .split(/(?<=\n)/)
    .map((l) =>
      bad.includes(l) ? Buffer.from(iconv.decode(bytes(l), charset), 'utf8').toString('latin1') : l,
    )
    .join('');
}

/** The parts between `--boundary` lines, each fixed on its own; what lies around them is kept as is. */
function fixParts(
  body: string,
  boundary: string,
  hints: string[],
  context: Buffer,
): { text: string; charset: string | null } {
  const delimiter = `--${boundary}`;
  let out = '';
  let part: string | null = null;
  let charset: string | null = null;
  const flush = () => {
    if (part === null) return;
    const fixed = fixEntity(part, charset ? [charset, ...hints] : hints, context);
    charset ??= fixed.charset;
    out += fixed.text;
  };
  for (const line of body.split(/(?<=\n)/)) {
    const bare = line.replace(/[ \t]*\r?\n$/, '');
    if (bare === delimiter || bare === `${delimiter}--`) {
      flush();
      out += line;
      part = bare === delimiter ? '' : null;
    } else if (part !== null) part += line;
    else out += line;
  }
  flush();
  return { text: out, charset };
}

function decodeTransfer(body: string, cte: string): Buffer {
  if (cte === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (cte === 'quoted-printable')
    return bytes(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
    );
  return bytes(body);
}

// Legacy charsets of mail that comes without a declaration, weighed even when chardet does not name them
// (it names nothing for a few bytes); earlier ones win a tie.
const COMMON = [
  'windows-1252',
  'gb18030',
  'shift_jis',
  'euc-kr',
  'big5',
  'euc-jp',
  'windows-1251',
  'koi8-r',
  'windows-1250',
];

/**
 * The charset these bytes are most likely in: a declared one that decodes them cleanly, else the clean
 * decoding that reads most like real text, chardet's confidence counting as a bonus.
 */
function pickCharset(all: Buffer, hints: string[]): string | null {
  const sample = sampleOf(all);
  for (const hint of hints) if (iconv.encodingExists(hint) && cleanly(sample, hint)) return hint;
  const confidence = new Map<string, number>();
  for (const c of chardet.analyse(sample)) {
    if (!iconv.encodingExists(c.name)) continue;
    const key = c.name.toLowerCase();
    confidence.set(key, Math.max(confidence.get(key) ?? 0, c.confidence));
  }
  let best: { name: string; score: number } | null = null;
  for (const name of new Set([...COMMON, ...confidence.keys()])) {
    if (!cleanly(sample, name)) continue;
    const score =
      (confidence.get(name) ?? 0) / 100 +
      plausibility(iconv.decode(sample, name)) -
      (name === 'gb18030' ? rareGb(sample) : 0);
    if (!best || score > best.score) best = { name, score };
  }
  return best?.name ?? null;
}

const SAMPLE_BYTES = 65_536;

/**
 * Up to 64 KB of the lines that hold 8-bit bytes: plenty to tell a charset, and a 25 MB body is not
 * decoded ten times over (that took 23 s and +460 MB). A line longer than that is cut at a space or
 * line end, which no double-byte charset uses as a trail byte, so no character is cut in two.
 */
function sampleOf(content: Buffer): Buffer {
  if (content.length <= SAMPLE_BYTES) return content;
  const lines: Buffer[] = [];
  let size = 0;
  for (let start = 0; start < content.length && size < SAMPLE_BYTES; ) {
    const nl = content.indexOf(0x0a, start);
    const end = nl < 0 ? content.length : nl + 1;
    const line = content.subarray(start, end);
    if (!isAscii(line)) {
      lines.push(line);
      size += line.length;
    }
    start = end;
  }
  const sample = Buffer.concat(lines);
  if (sample.length <= SAMPLE_BYTES) return sample;
  const cut = Math.max(sample.lastIndexOf(0x20, SAMPLE_BYTES), sample.lastIndexOf(0x0a, SAMPLE_BYTES));
  return sample.subarray(0, cut > 0 ? cut : SAMPLE_BYTES);
}

/**
 * Share of double-byte pairs outside GB2312 (a lead or trail byte below 0xA1: the rare GBK extension),
 * which is what Shift_JIS and Big5 text looks like when read as GB18030.
 */
function rareGb(sample: Buffer): number {
  let pairs = 0;
  let rare = 0;
  for (let i = 0; i < sample.length; i++) {
    const lead = sample[i] ?? 0;
    if (lead < 0x81) continue;
    pairs++;
    if (lead < 0xa1 || (sample[i + 1] ?? 0) < 0xa1) rare++;
    i++;
  }
  return pairs === 0 ? 0 : (2 * rare) / pairs;
}

const cleanly = (sample: Buffer, charset: string) => !iconv.decode(sample, charset).includes('\uFFFD');

const isLatin = (c: number) => c >= 0xc0 && c <= 0x24f;

/**
 * Characters of the scripts undeclared mail is written in: CJK, kana, Hangul, full-width forms, Latin,
 * Greek and Cyrillic letters, general punctuation.
 */
const isCommon = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0x3000 && c <= 0x30ff) ||
  (c >= 0xac00 && c <= 0xd7af) ||
  (c >= 0xff01 && c <= 0xff5e) ||
  isLatin(c) ||
  (c >= 0x370 && c <= 0x4ff) ||
  (c >= 0x2010 && c <= 0x206f);

/** C1 controls, half-width katakana and private use: what a wrong charset makes of bytes. */
const isOdd = (c: number) =>
  (c >= 0x80 && c <= 0x9f) || (c >= 0xff61 && c <= 0xff9f) || (c >= 0xe000 && c <= 0xf8ff);

const asciiLetterAt = (chars: number[], k: number) => /[A-Za-z]/.test(String.fromCodePoint(chars[k] ?? 0));

/**
 * Whether the character at i is misread: one of three or more accented Latin letters in a row, or a
 * lone CJK or Cyrillic letter inside a Latin word ("Gr晧e", two Latin-1 bytes read as one).
 */
function misread(chars: number[], i: number): boolean {
  const c = chars[i] ?? 0;
  const inLatinRun = [i - 2, i - 1, i].some((s) => [s, s + 1, s + 2].every((k) => isLatin(chars[k] ?? 0)));
  return inLatinRun || (!isLatin(c) && asciiLetterAt(chars, i - 1) && asciiLetterAt(chars, i + 1));
}

/**
 * Share of non-ASCII characters that are common letters (CJK, kana, Hangul, Latin, Cyrillic…) minus odd
 * ones. Accented Latin letters come alone or in pairs in real words; three or more in a row are what
 * double-byte text (GB2312, Big5, EUC) looks like when read as Latin-1, so they count as odd.
 */
function plausibility(text: string): number {
  let good = 0;
  let bad = 0;
  let total = 0;
  const chars = [...text].map((ch) => ch.codePointAt(0) ?? 0);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? 0;
    if (c < 0x80) continue;
    total++;
    if (misread(chars, i)) bad++;
    else if (isCommon(c)) good++;
    else if (isOdd(c)) bad++;
  }
  return total === 0 ? 0 : (good - 3 * bad) / total;
}
