import type { CsvRecord, CsvText } from './reader.js';
import { detectDelimiter, readRecords } from './reader.js';
import { type ColumnMap, type CsvKind, resolveMapping } from './targets.js';

export type CsvInput = CsvText & { mapping: Record<string, string | null>; delimiter?: string };

/** A file with its mapping checked against its header. */
export type Table = { input: CsvText; delimiter: string; map: ColumnMap };
/** A data row: `row` counts data rows from 1, `line` is where it starts in the file. */
export type Row = { line: number; row: number; cells: string[] };
export type Unreadable = Extract<CsvRecord, { error: string }>;

export async function openTable(kind: CsvKind, input: CsvInput): Promise<Table> {
  const delimiter = input.delimiter ?? (await detectDelimiter(input));
  const what = 'file' in input ? `${kind} file ${input.file}` : `${kind} file`;
  let headers: string[] = [];
  for await (const record of readRecords(input, delimiter)) {
    if ('error' in record) continue;
    headers = record.cells.map((c) => c.trim());
    break;
  }
  return { input, delimiter, map: resolveMapping(kind, headers, input.mapping, what) };
}

/** The data rows after the header, with what the parser could not read in between. */
export async function* rowsOf(table: Table): AsyncGenerator<Row | Unreadable> {
  let row = -1;
  for await (const record of readRecords(table.input, table.delimiter)) {
    if ('error' in record) yield record;
    else if (++row > 0) yield { ...record, row };
  }
}
