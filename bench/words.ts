// Deterministic randomness and the vocabulary the benchmark writes tickets with.
//
// Word frequencies follow Zipf's law over a few thousand words, so a search term has the
// selectivity it would have in real support mail: a handful of words appear in most tickets,
// a few hundred in about one ticket in a hundred, and the long tail in a few tickets only.

/** A small, fast, seedable generator (sfc32); the data set is the same on every run. */
export function rng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export type Random = () => number;

export const randInt = (r: Random, min: number, max: number): number =>
  min + Math.floor(r() * (max - min + 1));

export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/** Picks by weight: `weights` need not sum to 1. */
export function weighted<T>(r: Random, items: readonly T[], weights: readonly number[]): T {
  let total = 0;
  for (const w of weights) total += w;
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

// The head of the distribution: words that really are the most frequent in support mail.
const COMMON = `the to i and a is it not of you we my in for on this that have with be can but are
please was our your from when an error at all as do there after if so now still get no or me
account order login password invoice payment help issue problem thanks hello hi team support
since today yesterday again working work does doesnt cannot page email app update version system
server data customer user access reset link phone number time days week need like would could
should just also what why how who which been has had will any some more other new old first last
same different right wrong time please thank regards best refund charge card bank transfer price
plan subscription cancel renew trial upgrade download install settings profile report export
import file upload attachment screenshot browser mobile android iphone windows mac connection
network timeout slow crash freeze bug fix release delivery shipping tracking package address
received missing damaged return exchange warranty contract quote discount coupon code`
  .split(/\s+/)
  .filter(Boolean);

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z'];
const ONSETS2 = ['br', 'ch', 'cl', 'dr', 'fl', 'gr', 'kr', 'pl', 'pr', 'sh', 'sl', 'st', 'th', 'tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 't', 'm', 'x', 'nd', 'st'];

export const VOCABULARY_SIZE = 6000;
/** Zipf exponent: 1.3 gives ~1% of tickets for rank ~300 and tens of tickets per 100k at the tail. */
const ZIPF_S = 1.3;

/** The vocabulary, most frequent first: real words, then invented ones that look like words. */
export function vocabulary(size = VOCABULARY_SIZE): string[] {
  const r = rng(42);
  const seen = new Set<string>();
  const words: string[] = [];
  for (const w of COMMON) {
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  while (words.length < size) {
    const syllables = randInt(r, 2, 3);
    let w = '';
    for (let s = 0; s < syllables; s++) {
      w += r() < 0.2 ? pick(r, ONSETS2) : pick(r, ONSETS);
      w += pick(r, VOWELS);
      if (s === syllables - 1 || r() < 0.3) w += pick(r, CODAS);
    }
    if (w.length >= 4 && !seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

/** Draws word ranks (indexes into the vocabulary) with Zipf frequencies, in O(1) per draw (alias method). */
export class ZipfSampler {
  private readonly prob: Float64Array;
  private readonly alias: Uint32Array;
  readonly size: number;

  constructor(size = VOCABULARY_SIZE, s = ZIPF_S) {
    this.size = size;
    const p = new Float64Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) {
      p[i] = 1 / (i + 1) ** s;
      total += p[i]!;
    }
    // Vose's alias method.
    this.prob = new Float64Array(size);
    this.alias = new Uint32Array(size);
    const scaled = p.map((v) => (v / total) * size);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((v, i) => {
      (v < 1 ? small : large).push(i);
    });
    while (small.length > 0 && large.length > 0) {
      const l = small.pop()!;
      const g = large.pop()!;
      this.prob[l] = scaled[l]!;
      this.alias[l] = g;
      scaled[g] = scaled[g]! + scaled[l]! - 1;
      (scaled[g]! < 1 ? small : large).push(g);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  draw(r: Random): number {
    const x = r() * this.size;
    const i = Math.floor(x);
    return x - i < this.prob[i]! ? i : this.alias[i]!;
  }
}

/** A sentence-like text of `n` words; `onWord` sees each word's rank (for frequency counts). */
export function text(
  r: Random,
  words: readonly string[],
  zipf: ZipfSampler,
  n: number,
  onWord?: (rank: number) => void,
): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const rank = zipf.draw(r);
    onWord?.(rank);
    const w = words[rank]!;
    if (i === 0) out = w.charAt(0).toUpperCase() + w.slice(1);
    else out += (i % 11 === 0 ? '. ' : ' ') + w;
  }
  return n > 0 ? `${out}.` : out;
}
