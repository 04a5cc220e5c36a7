// Finds where the sender's own words end in a plain-text reply: quoted history (attribution lines in
// many languages, Outlook header blocks, "Original Message" separators, trailing > quotes) and
// signatures go; forwarded mail keeps what was forwarded. Works line by line; code fences are left alone.

// "wrote:" and its translations, at the end of an attribution line (possibly followed by a name or date).
const VERB =
  '(wrote|schrieb|schreef|geschreven|a\\s+écrit|escribió|ha\\s+scritto|escreveu|napisał(\\(a\\))?|написал(\\(а\\)|а)?|написав|пише|skrev|kirjoitti|írta|yazdı|写道|寫道|書きました)';
const ATTRIBUTION_END = new RegExp(
  `(?<!\\p{L})${VERB}(?!\\p{L})[^\\n]{0,80}?[:：]\\s*-*\\s*\\**$|wrote\\s*-{2,}\\s*$`,
  'iu',
);
const OPENER = /^[-*\s]*(On|Am|Le|El|Il|Em|Op|Den|Dnia|W dniu|At)\s/;
const YEAR = /(19|20)\d\d/;
// Date-first attributions without a verb: "2016-03-03 17:21 GMT+01:00 Some One", "2013/7/20 sam <a@b.c>".
const DATE_FIRST =
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+(\d{1,2}:\d{2}\s*GMT[+-]\d{1,2}:?\d{2}\s+\S.*|\S.*<([^>\s]*@[^>\s]*>:?)?)$/;

const ORIGINAL_MESSAGE =
  /^[*\s]*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Originalnachricht|Mensaje original|Message d'origine|Messaggio originale|Oorspronkelijk bericht|Originalmeddelande|Opprinnelig melding|Original meddelelse|Исходное сообщение|Wiadomość oryginalna|Mensagem original)\s*-{2,}[*\s]*$/i;
const FORWARD =
  /^[>\s]*(-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|Vidarebefordrat meddelande|Videresendt melding|Пересылаемое сообщение|Mensagem encaminhada)\s*-{2,}|(Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié)\s*:?)\s*$/i;

// Header lines of a quoted mail, as Outlook and others write them (also *From:* with Markdown stars).
const FROM_HEADER =
  /^\*?\s*(From|Von|De|Da|Od|От|Van|Fra|Från|Lähettäjä|Feladó|Kimden|发件人|寄件者|差出人)\s*\*?\s*[:：]\s*\*?\s*\S/i;
const OTHER_HEADER =
  /^\*?\s*(Sent|Date|To|Cc|Subject|Reply-To|Gesendet|Datum|An|Betreff|Envoyé|À|Objet|Enviado|Fecha|Para|Asunto|Data|A|Oggetto|Risposta|Inviato|Skickat|Till|Ämne|Verzonden|Aan|Onderwerp|Sendt|Til|Emne|Отправлено|Кому|Тема|Wysłano|Do|Temat|Enviada|Assunto)\s*\*?\s*[:：]/i;

const SIGNATURE_DASHES = /^-- ?$/;
const MOBILE_SIGNATURE = new RegExp(
  [
    '^[(<\\s]*sent (from|via|with|by)\\s.{1,80}$',
    '^\\S+ from (my )?(mobile|iphone|ipad|android)',
    '^from my (iphone|ipad|android|mobile)',
    '^envoyé (depuis|de) mon',
    '^von meinem .{1,60} gesendet',
    '^diese nachricht wurde von meinem .{1,80} gesendet',
    '^verzonden (met|vanaf|van)',
    '^(enviado|mandado) (desde|de) mi',
    '^inviato da',
    '^skickat från',
    '^sendt fra (min|mi)',
    '^wysłane z',
    '^отправлено с',
    '^get (\\[)?outlook for',
    '從我的.{1,30}傳送',
  ].join('|'),
  'i',
);
const DELIMITER = /^\s*[-_=*~#+ᐧ·•─—]+\s*$/;
// "| " quotes as some old clients write them; a line that also ends in "|" is a table row, the sender's own.
const QUOTE = /^\s*([A-Z][A-Za-z]{0,15})?>|^\s*\|(?!.*\|\s*$)/;
// An attribution without a verb, as Gmail writes it in Japanese, Russian or Korean:
// "2026年3月3日(火) 17:12 Support <support@example.com>:". Taken only when a quote follows.
const ADDRESS_COLON = /<[^<>\s]+@[^<>\s]+>[^<>]{0,12}[:：]\s*$/u;

const isBlank = (l: string) => l.trim() === '';
const isQuote = (l: string) => QUOTE.test(l);
/** Whether the first non-blank line after line i is a quote. */
const quoteFollows = (lines: string[], i: number) => {
  const next = lines.slice(i + 1).find((l) => !isBlank(l));
  return next !== undefined && isQuote(next);
};

/** The last line index of an attribution ("On … wrote:") that starts at line i, or -1. */
function attributionEnd(lines: string[], i: number): number {
  const first = lines[i]?.trim() ?? '';
  if (first === '' || isQuote(first) || first.length > 300) return -1;
  // A line of a pasted log ("2026-03-03 17:21 GMT+01:00 ERROR …") is no attribution: one ends in
  // its address (or the "<" before it) or is followed by the quote.
  if (DATE_FIRST.test(first)) return /[<>:]\s*$/.test(first) || quoteFollows(lines, i) ? i : -1;
  if (ADDRESS_COLON.test(first) && quoteFollows(lines, i)) return i;
  const plausible = OPENER.test(first) || /^\d/.test(first) || first.includes('@') || /<\s*$/.test(first);
  if (!plausible && !/^\p{L}/u.test(first)) return -1;
  // Without a date or address up front, only one wrapped line, and never after a finished sentence.
  if (!plausible && /[.!?]$/.test(first)) return -1;
  return verbAttributionEnd(lines, i, plausible);
}

/**
 * The line where "… wrote:" ends an attribution that starts at line i, within a few wrapped lines
 * (five when it opens with a date, an address or "On …", else two), or -1.
 */
function verbAttributionEnd(lines: string[], i: number, plausible: boolean): number {
  const last = Math.min(lines.length, i + (plausible ? 5 : 2));
  let joined = '';
  for (let j = i; j < last; j++) {
    const line = lines[j]?.trim() ?? '';
    // Another attribution starts here: this one does not.
    if (j > i && (OPENER.test(line) || (!plausible && (line === '' || /^\d/.test(line))))) return -1;
    joined = `${joined} ${line}`.trim();
    if (joined.length > 300) return -1;
    if (!ATTRIBUTION_END.test(joined)) continue;
    // Every client's "On <date> … wrote:" has a date or an address: "On startup the service wrote:"
    // and "On Monday our accountant wrote:" are the sender's own words.
    if (joined.includes('@') || YEAR.test(joined) || (plausible && /\d/.test(joined))) return j;
    return -1;
  }
  return -1;
}

/** A header block ("From: … / Sent: … / To: …") starting at line i. */
function headerBlockAt(lines: string[], i: number): boolean {
  if (!FROM_HEADER.test(lines[i] ?? '')) return false;
  // Mail clients write at least two more (Sent and To, Date and Subject): a "From:" and a
  // "Subject:" the sender pasted to show a mail they got are their own text.
  return lines.slice(i + 1, i + 6).filter((l) => OTHER_HEADER.test(l)).length >= 2;
}

const isMobileSignature = (l: string) => l.length < 120 && MOBILE_SIGNATURE.test(l.trim());

/** Nothing of the sender's follows line i: only blank lines, quotes, rules, more such signatures or history. */
function onlyHistoryAfter(lines: string[], from: number): boolean {
  for (let j = from; j < lines.length; j++) {
    const l = lines[j] ?? '';
    if (isBlank(l) || isQuote(l) || DELIMITER.test(l) || isMobileSignature(l)) continue;
    return (
      ORIGINAL_MESSAGE.test(l) || FORWARD.test(l) || headerBlockAt(lines, j) || attributionEnd(lines, j) >= 0
    );
  }
  return true;
}

/** A line that ends the sender's own text when something of theirs came before it. */
function isCut(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  return (
    ORIGINAL_MESSAGE.test(line) ||
    headerBlockAt(lines, i) ||
    SIGNATURE_DASHES.test(line.trimEnd()) ||
    (isMobileSignature(line) && onlyHistoryAfter(lines, i + 1)) ||
    // An underscore rule followed by a few lines only is a signature.
    (/^\s*_{5,}\s*$/.test(line) && lines.slice(i + 1).filter((l) => !isBlank(l)).length <= 4)
  );
}

const skip = (lines: string[], i: number, test: (l: string) => boolean) => {
  let j = i;
  while (j < lines.length && test(lines[j] ?? '')) j++;
  return j;
};

/** Quoted text after an attribution that the sender answers below, line by line (an interleaved reply). */
function interleaved(lines: string[], after: number): boolean {
  const start = skip(lines, after, isBlank);
  if (start >= lines.length || !isQuote(lines[start] ?? '')) return false;
  const next = skip(lines, start, (l) => isBlank(l) || isQuote(l));
  if (next >= lines.length) return false;
  return !isCut(lines, next) && attributionEnd(lines, next) < 0 && !DELIMITER.test(lines[next] ?? '');
}

/** The first line after an attribution ending at line `att` and the quote it introduces, blank lines included. */
function afterHistory(lines: string[], att: number): number {
  const i = skip(lines, att + 1, isBlank);
  return isQuote(lines[i] ?? '') ? skip(lines, i, (l) => isBlank(l) || isQuote(l)) : i;
}

/**
 * The last line to pass over for an attribution ending at line `att`, or null where it ends the
 * sender's text: the whole history when nothing of the sender's came before, the attribution alone
 * when the sender answers the quote line by line.
 */
function attributionSkip(lines: string[], att: number, sawText: boolean): number | null {
  // History above the reply (bottom-posting): drop the attribution and the quote it introduces.
  if (!sawText) return afterHistory(lines, att) - 1;
  return interleaved(lines, att + 1) ? att : null;
}

/** Without trailing quotes, rules and blank lines: history or decoration once the sender wrote something. */
function withoutTrailingHistory(out: string[]): string[] {
  let end = out.length;
  while (
    end > 0 &&
    (isBlank(out[end - 1] ?? '') || isQuote(out[end - 1] ?? '') || DELIMITER.test(out[end - 1] ?? ''))
  )
    end--;
  return out.slice(0, end);
}

/** The sender's own lines: everything before the first cut, with leading and trailing history removed. */
function ownLines(lines: string[]): string[] {
  const out: string[] = [];
  let inCode = false;
  let sawText = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*```/.test(line)) inCode = !inCode;
    if (inCode || /^\s*```/.test(line) || isBlank(line)) {
      out.push(line);
      continue;
    }
    const att = attributionEnd(lines, i);
    if (att >= 0) {
      const last = attributionSkip(lines, att, sawText);
      if (last === null) break;
      i = last;
      continue;
    }
    if (sawText && isCut(lines, i)) break;
    out.push(line);
    if (!isQuote(line)) sawText = true;
  }
  return sawText ? withoutTrailingHistory(out) : out;
}

const strip = (lines: string[]) =>
  lines
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();

/** The index of a forward marker that comes before any quoted history, or -1. */
function forwardAt(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FORWARD.test(line)) return i;
    if (ORIGINAL_MESSAGE.test(line) || attributionEnd(lines, i) >= 0 || headerBlockAt(lines, i)) return -1;
  }
  return -1;
}

/** The new text of a reply; forwarded content is kept whole. Empty when nothing new is left. */
export function trimReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const fwd = forwardAt(lines);
  if (fwd < 0) return strip(ownLines(lines));
  const note = strip(ownLines(lines.slice(0, fwd)));
  if (note.trim()) return `${note}\n\n${lines.slice(fwd).join('\n').trimEnd()}`;
  // Only a forward: its marker and header block give way to the forwarded text.
  let i = fwd + 1;
  while (i < lines.length && !isBlank((lines[i] ?? '').replace(/^[>\s]+/, ''))) i++;
  return strip(lines.slice(i));
}
