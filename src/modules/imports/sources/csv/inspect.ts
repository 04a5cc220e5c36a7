import { type CsvText, detectDelimiter, readRecords } from './reader.js';
import { type CsvKind, suggestMapping } from './targets.js';
import { type DateOrder, dateOrderOf } from './values.js';

export type CsvInspection = {
  headers: string[];
  /** The first five rows, as written. */
  sample: string[][];
  /** Data rows, the header not counted. */
  rows: number;
  /** Header → target, or null to ignore the column. */
  suggested: Record<string, string | null>;
  delimiter: string;
  /** How NN/NN/YYYY dates read, when a value past 12 in the file settles it. */
  dateOrder: DateOrder | null;
};

/**
 * The mapping step: what the file holds and a proposal of what each column becomes. Reads the
 * whole file once (streamed) to count its rows and look for a date that settles day/month order.
 */
export async function inspectCsv(
  input: CsvText & { delimiter?: string },
  kind: CsvKind,
): Promise<CsvInspection> {
  const delimiter = input.delimiter ?? (await detectDelimiter(input));
  let headers: string[] | null = null;
  const sample: string[][] = [];
  let rows = 0;
  let dateOrder: DateOrder | null = null;
  for await (const record of readRecords(input, delimiter)) {
    if ('error' in record) continue;
    if (!headers) {
      headers = record.cells.map((cell) => cell.trim());
      continue;
    }
    rows++;
    if (sample.length < 5) sample.push(record.cells);
    if (!dateOrder) {
      for (const cell of record.cells) {
        dateOrder = dateOrderOf(cell);
        if (dateOrder) break;
      }
    }
  }
  const found = headers ?? [];
  return {
    headers: found,
    sample,
    rows,
    suggested: suggestMapping(kind, found, sample),
    delimiter,
    dateOrder,
  };
}
