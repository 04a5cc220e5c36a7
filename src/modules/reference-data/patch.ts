// What an edit request changes: the fields it gives, under their column names.

/**
 * The columns an edit sets: each value given, under its column's name. A field the request left
 * out (undefined) is left alone; null is a value, which clears the column.
 */
export function patchOf<Row>(values: { [K in keyof Row]?: Row[K] | undefined }): Partial<Row> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<Row>;
}

/** A boolean as the 0/1 the tables store; a boolean not given stays not given. */
export function flag(value: boolean): 0 | 1;
export function flag(value: boolean | undefined): 0 | 1 | undefined;
export function flag(value: boolean | undefined): 0 | 1 | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}
