// Text as the search index sees it, the same on both engines. Chinese and Japanese are written
// without spaces between words (Korean attaches its particles to words), so a tokenizer that
// splits on spaces keeps a whole sentence as one word and a word inside it is never found. Runs of
// Han, Hiragana, Katakana and Hangul are written as their overlapping pairs of characters, the
// usual CJK analyzer's bigrams ("東京都庁" → "東京 京都 都庁"), to the index and to the query: a
// query of such a run is then the phrase of its pairs, which needs no dictionary and keeps SQLite's
// unicode61 tokenizer and PostgreSQL's 'simple' configuration as they are. PostgreSQL builds its
// columns with tessera_cjk() (migration 0041), the same pairs from the same ranges. Diacritics are
// folded by the engines already (unicode61 remove_diacritics 2; tessera_fold, migration 0013).
// SQLite's requester triggers (migration 0045) call searchText as their own tessera_cjk(), which
// every connection registers.

import type SQLite from 'better-sqlite3';

/**
 * The characters written as pairs, as code point ranges: Hangul Jamo, 々〆〇 and 〻, Hiragana,
 * Katakana (without ・), Hangul compatibility Jamo, Katakana extensions, CJK ideographs with their
 * extensions A to H and compatibility forms, Hangul syllables and Jamo extensions, half-width
 * Katakana. Only letters and numbers: punctuation such as 。 and 、 still separates words.
 * Migration 0041 keeps its own copy for PostgreSQL; the two must agree.
 */
export const CJK_RANGES =
  '\u1100-\u11ff\u3005-\u3007\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff' +
  '\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff' +
  '\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{2fa1f}\u{30000}-\u{323af}';
const CJK_RUN = new RegExp(`[${CJK_RANGES}]+`, 'gu');
const CJK_ONLY = new RegExp(`^[${CJK_RANGES}]+$`, 'u');

/** A run's overlapping pairs; a single character stays as it is. */
function bigrams(run: string): string {
  const c = [...run];
  if (c.length < 2) return run;
  return c
    .slice(1)
    .map((x, i) => c[i] + x)
    .join(' ');
}

/** What is indexed for a text (SQLite; PostgreSQL does the same in SQL): NFKC, CJK runs as pairs. */
export function searchText(text: string): string {
  return text.normalize('NFKC').replace(CJK_RUN, (run) => ` ${bigrams(run)} `);
}

/** Whether a token of `searchText` is CJK (a pair or a single character). */
export const isCjk = (token: string) => CJK_ONLY.test(token);

/** Whether a text holds anything `searchText` writes differently from the text itself. */
export const hasCjk = (text: string) => new RegExp(`[${CJK_RANGES}]`, 'u').test(text);

/** The tokens one query word becomes, in order: its CJK runs as pairs, other parts as they are. */
export const wordTokens = (word: string) => searchText(word).split(' ').filter(Boolean);

/**
 * Gives an SQLite connection tessera_cjk(text), the searchText of its argument, which the requester
 * triggers write into the index with: every connection that writes tickets or people needs it.
 */
export function registerSearchFunctions(sqlite: SQLite.Database): void {
  sqlite.function('tessera_cjk', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchText(text) : text,
  );
}
