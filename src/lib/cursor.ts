import type { ExpressionBuilder, ReferenceExpression, SelectQueryBuilder, StringReference } from 'kysely';
import { refusal } from '../errors.js';

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
  // Written out rather than with defineMessages: lib/ knows nothing of the server's i18n.
  throw refusal(
    'validation',
    { id: 'error.cursor.foreign', defaultMessage: 'cursor: not a cursor this list gave out' },
    undefined,
    {
      fields: [
        {
          path: 'querystring.cursor',
          message: { id: 'error.cursor.foreign_field', defaultMessage: 'not a cursor this list gave out' },
        },
      ],
    },
  );
}

/** Splits the extra row a repository fetched (limit + 1) into a page and a next cursor. */
export function toPage<R, T>(rows: R[], limit: number, present: (r: R) => T, key: (r: R) => CursorValue[]) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(present), nextCursor: more && last ? encodeCursor(key(last)) : null };
}

/** The (sort key, id) of the last row seen, from a cursor a list of that order gave out. */
export type KeyCursor = [key: string, id: string];

export const decodeKeyCursor = (cursor: string | undefined): KeyCursor | undefined =>
  cursor ? (decodeCursor(cursor, 2).map(String) as KeyCursor) : undefined;

/**
 * The rows past a cursor in (key, id) order: a later key, or the same key and a later id (`'<'`
 * for a list in descending order).
 */
function pastCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  [keyColumn, idColumn]: [ReferenceExpression<DB, TB>, ReferenceExpression<DB, TB>],
  [key, id]: KeyCursor,
  direction: '>' | '<' = '>',
) {
  return eb.or([
    eb(keyColumn, direction, key),
    eb.and([eb(keyColumn, '=', key), eb(idColumn, direction, id)]),
  ]);
}

/**
 * One page of a list in (key, id) order: the rows past the cursor, in that order, and one more than
 * the page holds so `toPage` knows whether another follows.
 */
export function keysetPage<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  columns: [StringReference<DB, TB>, StringReference<DB, TB>],
  after: KeyCursor | undefined,
  limit: number,
  order: 'asc' | 'desc' = 'asc',
) {
  const past = after ? q.where((eb) => pastCursor(eb, columns, after, order === 'asc' ? '>' : '<')) : q;
  return past
    .orderBy(columns[0], order)
    .orderBy(columns[1], order)
    .limit(limit + 1);
}
