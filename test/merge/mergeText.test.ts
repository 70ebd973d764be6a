// The line merge (diff3) and the one LCS under it, on literal texts.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { commonSubsequence } from '../../src/match/commonSubsequence.js';
import { mergeText } from '../../src/merge/mergeText.js';

describe('commonSubsequence', () => {
  test('longest, in order, equal items only', () => {
    expect(commonSubsequence(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
    expect(commonSubsequence(['a', 'b'], ['b', 'a'])).toHaveLength(1);
    expect(commonSubsequence([], ['a'])).toEqual([]);
  });

  test('an added copy of a repeated line is the last one (slid down, as git shows it)', () => {
    expect(commonSubsequence(['x', 'y'], ['x', 'y', 'x', 'y'])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(commonSubsequence(['a', 'x', 'b'], ['a', 'x', 'x', 'b'])).toEqual([
      [0, 0],
      [1, 1],
      [2, 3],
    ]);
  });

  test('as long as a quadratic table says, on 3000 random pairs', () => {
    const lcsLength = (a: string[], b: string[]): number => {
      const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
      return t[0]![0]!;
    };
    const seq = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 14 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const pairs = commonSubsequence(a, b);
        pairs.forEach(([i, j], k) => {
          expect(a[i]).toBe(b[j]);
          if (k > 0) expect(i > pairs[k - 1]![0] && j > pairs[k - 1]![1]).toBe(true);
        });
        expect(pairs).toHaveLength(lcsLength(a, b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('mergeText', () => {
  const base = 'import numpy as np\nx = load()\ny = x * 2\nprint(y)';

  test('edits of different lines both apply; no final newline stays none', () => {
    const r = mergeText(base, 'import numpy as np\nx = load(cache=True)\ny = x * 2\nprint(y)', 'import numpy as np\nx = load()\ny = x * 2\nprint(y, flush=True)');
    expect(r).toEqual({ text: 'import numpy as np\nx = load(cache=True)\ny = x * 2\nprint(y, flush=True)', conflicts: 0 });
  });

  test('appending at the end while the other side edits the top is clean (the missing newline does not make a conflict)', () => {
    expect(mergeText('a\nb\nc', 'A\nb\nc', 'a\nb\nc\nd').text).toBe('A\nb\nc\nd');
  });

  test('overlapping edits: a conflict as git writes it, both sides kept', () => {
    const r = mergeText(base, base.replace('x * 2', 'x * 3'), base.replace('x * 2', 'x ** 2'), { ours: 'HEAD', theirs: 'feature', markerSize: 7 });
    expect(r.conflicts).toBe(1);
    expect(r.text).toBe('import numpy as np\nx = load()\n<<<<<<< HEAD\ny = x * 3\n=======\ny = x ** 2\n>>>>>>> feature\nprint(y)');
  });

  test('the same change on both sides is no conflict; lines both sides added around a conflict stay outside it', () => {
    expect(mergeText('a\nb\n', 'a\nB\n', 'a\nB\n')).toEqual({ text: 'a\nB\n', conflicts: 0 });
    expect(mergeText('a\n', 'a\nnew\nmine\nend\n', 'a\nnew\nyours\nend\n')).toEqual({ text: 'a\nnew\n<<<<<<< ours\nmine\n=======\nyours\n>>>>>>> theirs\nend\n', conflicts: 1 });
  });

  test('a conflict at the end of a source without a final newline ends with the marker, sized by the marker size', () => {
    expect(mergeText('x = 1', 'x = 2', 'x = 3', { ours: 'ours', theirs: 'theirs', markerSize: 9 }).text).toBe('<<<<<<<<< ours\nx = 2\n=========\nx = 3\n>>>>>>>>> theirs');
  });

  test("git's diff3 and zdiff3 styles show the base, as git merge-file --diff3 / --zdiff3 write them", () => {
    const labels = { ours: 'ours', theirs: 'theirs', markerSize: 7 };
    expect(mergeText('a\nb\nc\n', 'a\nX\nY\nc\n', 'a\nX\nZ\nc\n', { ...labels, style: 'diff3' }).text).toBe('a\n<<<<<<< ours\nX\nY\n||||||| base\nb\n=======\nX\nZ\n>>>>>>> theirs\nc\n');
    expect(mergeText('a\nb\nc\n', 'a\nX\nY\nc\n', 'a\nX\nZ\nc\n', { ...labels, style: 'zdiff3' }).text).toBe('a\nX\n<<<<<<< ours\nY\n||||||| base\nb\n=======\nZ\n>>>>>>> theirs\nc\n');
  });

  test('adjacent edits conflict, as in git (no unchanged line between them)', () => {
    expect(mergeText('a\nb\nc\nd\n', 'a\nB\nc\nd\n', 'a\nb\nc\nD\n')).toEqual({ text: 'a\nB\nc\nD\n', conflicts: 0 });
    expect(mergeText('a\nb\nc\n', 'a\nB\nc\n', 'a\nb\nC\n').conflicts).toBe(1);
  });
});
