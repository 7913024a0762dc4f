import { describe, expect, it } from 'vitest';
import { createRng } from './random';

describe('createRng', () => {
  it('gives the same stream for the same seed, another for another seed', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, () => createRng(seed).next());
    const a = createRng('a');
    const again = createRng('a');
    const values = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => again.next())).toEqual(values);
    expect(draw('a')).not.toEqual(draw('b'));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('forks streams that do not depend on what the parent drew before', () => {
    const first = createRng('s');
    first.next();
    first.next();
    expect(first.fork('x').next()).toBe(createRng('s').fork('x').next());
    expect(createRng('s').fork('x').next()).not.toBe(createRng('s').fork('y').next());
  });

  it('draws integers in range, picks and weights', () => {
    const rng = createRng('range');
    const ints = Array.from({ length: 500 }, () => rng.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
    const weighted = Array.from({ length: 500 }, () =>
      rng.weighted([
        ['rare', 1],
        ['common', 99],
      ] as const),
    );
    expect(weighted.filter((value) => value === 'common').length).toBeGreaterThan(450);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});
