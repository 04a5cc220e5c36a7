import { describe, expect, it } from 'vitest';
import { lineDiff } from './kb.revisions.js';

// The line diff of two versions: minimal for a small change to a long article, and bounded for
// two texts that share nothing (the longest body has 100,000 lines).

describe('lineDiff', () => {
  it('shows a small change to a long article as that change', () => {
    const a = Array.from({ length: 5_000 }, (_, i) => `line ${i}`);
    const b = [...a];
    b[2_500] = 'changed';
    b.splice(100, 0, 'new');
    expect(lineDiff(a, b).filter((l) => l.op !== 'same')).toEqual([
      { op: 'added', text: 'new' },
      { op: 'removed', text: 'line 2500' },
      { op: 'added', text: 'changed' },
    ]);
  });

  it('gives up on texts that share nothing: all of the old removed, all of the new added', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 100_000 }, (_, i) => `b${i}`);
    const lines = lineDiff(a, b);
    expect(lines).toHaveLength(200_000);
    expect(lines[0]).toEqual({ op: 'removed', text: 'a0' });
    expect(lines[100_000]).toEqual({ op: 'added', text: 'b0' });
  });
});
