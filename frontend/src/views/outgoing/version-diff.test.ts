import { describe, expect, it } from 'vitest';
import { diffLines } from './version-diff.ts';

describe('comparing versions', () => {
  it('marks added and removed lines and keeps the unchanged ones', () => {
    expect(diffLines(['Hal: A', 'satu', 'dua'], ['Hal: B', 'satu', 'dua', 'tiga'])).toEqual([
      { type: 'removed', text: 'Hal: A' },
      { type: 'added', text: 'Hal: B' },
      { type: 'same', text: 'satu' },
      { type: 'same', text: 'dua' },
      { type: 'added', text: 'tiga' },
    ]);
  });

  it('finds no difference between equal versions', () => {
    expect(diffLines(['a', 'b'], ['a', 'b']).every((line) => line.type === 'same')).toBe(true);
  });
});
