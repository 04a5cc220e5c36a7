import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';

// A CSV file as a stream of records with the line each starts on, never whole in memory. A record
// the parser cannot read (a quote never closed) comes out as an error with its line, not a throw.

export type CsvText = { text: string } | { file: string };

export type CsvRecord = { line: number; cells: string[] } | { line: number; error: string };

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter the header line uses most, outside quotes: `,`, `;` or tab (`,` if none). */
export async function detectDelimiter(input: CsvText): Promise<string> {
  const head = (await readHead(input)).replace(/^\uFEFF/, '');
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of head) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = ',';
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

async function readHead(input: CsvText): Promise<string> {
  if ('text' in input) return input.text.slice(0, 65_536);
  const handle = await open(input.file, 'r');
  try {
    const buffer = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Every record of the file, the header first. Stopping early (a `break`, or `return()` on the
 * iterator) closes the file. Cells are as written; callers trim.
 */
export async function* readRecords(input: CsvText, delimiter: string): AsyncGenerator<CsvRecord> {
  const errors: CsvRecord[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    raw: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      errors.push({ line: Number(error?.lines ?? 0), error: error?.message ?? 'unreadable record' });
    },
  });
  const source = 'text' in input ? Readable.from([input.text]) : createReadStream(input.file);
  // Errors surface through the iteration below; the pipeline only ties the two streams' lives.
  const done = pipeline(source, parser).catch(() => undefined);
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>) {
      while (errors.length > 0) yield errors.shift()!;
      yield { line: startLine(info.lines, raw), cells: record };
    }
    while (errors.length > 0) yield errors.shift()!;
  } finally {
    parser.destroy();
    source.destroy();
    await done;
  }
}

/**
 * The line a record starts on: the parser counts the line it ends on, and the raw text holds
 * the record's own line breaks (after any skipped empty lines before it, and its terminator).
 */
function startLine(endLine: number, raw: string): number {
  const own = raw.replace(/^[\r\n]+/, '').replace(/(\r\n|\n|\r)$/, '');
  return endLine - (own.match(/\r\n|\n|\r/g)?.length ?? 0);
}
