// Importing from spreadsheets: organisations, customers and tickets (with their first message)
// from CSV files, after a mapping step that says what each column becomes.
export { type CsvInspection, inspectCsv } from './csv/inspect.js';
export { type CsvInput, type CsvOptions, openCsv } from './csv/open.js';
export type { CsvText } from './csv/reader.js';
export { CSV_TARGETS, type CsvKind, type CsvTargetSpec } from './csv/targets.js';
export type { DateOrder } from './csv/values.js';
