import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | null;

/**
 * A spreadsheet runs a cell that starts like a formula; such text is exported with a leading
 * apostrophe, so an export opened in one never runs what a customer wrote (OWASP's CSV injection).
 */
function cell(v: CsvValue): string | number {
  if (v === null) return '';
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Rows as CSV text, every cell made safe to open in a spreadsheet. */
export const csvRows = (rows: CsvValue[][]): string => stringify(rows.map((r) => r.map(cell)));

/** A whole file: a byte-order mark first, which spreadsheets need to read accents as UTF-8. */
export const csvFile = (rows: CsvValue[][]): string => `\ufeff${csvRows(rows)}`;
