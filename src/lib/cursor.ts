import { AppError } from '../errors.js';

// Opaque keyset cursors: the sort values of the last row seen, base64url-encoded JSON.

export type CursorValue = string | number | null;

export const encodeCursor = (values: CursorValue[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every(
        (v) =>
          v === null ||
          (typeof v === 'string' && !v.includes('\u0000')) ||
          (typeof v === 'number' && Number.isSafeInteger(v)),
      )
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the same answer as any other malformed cursor
  }
  throw new AppError('validation', 'cursor: not a cursor this list gave out', [
    { path: 'querystring.cursor', message: 'not a cursor this list gave out' },
  ]);
}

/** Splits the extra row a repository fetched (limit + 1) into a page and a next cursor. */
export function toPage<R, T>(rows: R[], limit: number, present: (r: R) => T, key: (r: R) => CursorValue[]) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(present), nextCursor: more && last ? encodeCursor(key(last)) : null };
}
