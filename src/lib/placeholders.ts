// `{{ name }}` placeholders in texts staff write once and use on many tickets (canned responses,
// signatures): checked against the names a text may use when saved, filled when used.

const PLACEHOLDER = /\{\{\s*([a-z.]+)\s*\}\}/g;

/** What is wrong with the text's placeholders, or null: every one must be a name it may use. */
export function placeholderProblem(body: string, allowed: readonly string[]): string | null {
  for (const m of body.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(m[1] ?? ''))
      return `unknown placeholder {{${m[1]}}}; use ${allowed.map((p) => `{{${p}}}`).join(', ')}`;
  }
  return null;
}

/**
 * The same as a refusal a person reads in their language: its message of the catalogue and values.
 * Written out rather than imported, since lib/ knows nothing of the server's i18n.
 */
export function placeholderRefusal(
  body: string,
  allowed: readonly string[],
): { message: { id: string; defaultMessage: string }; values: Record<string, string> } | null {
  for (const m of body.matchAll(PLACEHOLDER)) {
    if (!allowed.includes(m[1] ?? ''))
      return {
        message: UNKNOWN_PLACEHOLDER,
        values: { placeholder: `{{${m[1]}}}`, allowed: allowed.map((p) => `{{${p}}}`).join(', ') },
      };
  }
  return null;
}

const UNKNOWN_PLACEHOLDER = {
  id: 'error.placeholders.unknown',
  defaultMessage: 'unknown placeholder {placeholder}; use {allowed}',
};

/** The text with each placeholder replaced by its value; one without a value stays as written. */
export const fillPlaceholders = (body: string, values: Record<string, string>): string =>
  body.replace(PLACEHOLDER, (all, key: string) => values[key] ?? all);
