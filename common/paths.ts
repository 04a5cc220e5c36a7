/**
 * `r` when it is a path of this site, else null: never an absolute URL that would send someone
 * elsewhere after signing in. Browsers drop tabs and line breaks from a URL and read a backslash as
 * a slash, so `/\t/evil.test` or `/\\evil.test` would leave the site: any control character or
 * backslash is refused, and what is left must resolve to this origin.
 */
export function localPath(r: string | undefined): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (!r?.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(r)) return null;
  const base = 'http://local.invalid';
  try {
    const url = new URL(r, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}
