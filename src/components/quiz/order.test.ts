import { describe, expect, it } from 'vitest';
import { initialOrder, moveItem } from './order.ts';

describe('initialOrder', () => {
  it('is a permutation of the items that is never the right order', () => {
    for (let n = 2; n <= 8; n++) {
      for (const seed of ['a', 'b', 'create-order', 'delete-order', 'x'.repeat(n)]) {
        const order = initialOrder(n, seed);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(order).not.toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });
  it('is the same every time for the same question, so the server and the browser agree', () => {
    expect(initialOrder(5, 'scale-down')).toEqual(initialOrder(5, 'scale-down'));
  });
  it('leaves a single item alone', () => {
    expect(initialOrder(1, 'a')).toEqual([0]);
  });
});

describe('moveItem', () => {
  it('moves web-2 up above web-1', () => {
    expect(moveItem(['web-0', 'web-1', 'web-2'], 2, -1)).toEqual(['web-0', 'web-2', 'web-1']);
  });
  it('moves the first item down', () => {
    expect(moveItem([0, 1, 2], 0, 1)).toEqual([1, 0, 2]);
  });
  it('does nothing at the edges and does not change its input', () => {
    const order = [0, 1, 2];
    expect(moveItem(order, 0, -1)).toEqual([0, 1, 2]);
    expect(moveItem(order, 2, 1)).toEqual([0, 1, 2]);
    expect(moveItem(order, 1, 1)).toEqual([0, 2, 1]);
    expect(order).toEqual([0, 1, 2]);
  });
});
