import { describe, expect, it } from 'vitest';
import { pagesInRange, SparsePages } from './sparsePages';

const page = (n: number, size = 10) => Array.from({ length: size }, (_, i) => `row ${n * size + i}`);

describe('SparsePages', () => {
  it('asks only for the pages of the visible range, once per generation', () => {
    const cache = new SparsePages<string>(10, 5);
    expect(cache.wanted(15, 34, 1000)).toEqual([1, 2, 3]);
    for (const p of [1, 2, 3]) cache.request(p);
    expect(cache.wanted(15, 34, 1000)).toEqual([]);
    cache.put(1, page(1), 0);
    expect(cache.rowAt(15)).toBe('row 15');
    expect(cache.rowAt(45)).toBeNull();
  });

  it('clamps the range to the list', () => {
    const cache = new SparsePages<string>(100, 5);
    expect(cache.wanted(0, 99_999, 250)).toEqual([0, 1, 2]);
    expect(cache.wanted(0, 10, 0)).toEqual([]);
  });

  it('holds a bounded number of pages, dropping the least recently used first', () => {
    const cache = new SparsePages<string>(10, 3);
    for (const p of [0, 1, 2]) cache.put(p, page(p), cache.request(p));
    cache.wanted(0, 9, 1000); // page 0 is looked at again
    const { evicted } = cache.put(3, page(3), cache.request(3));
    expect(evicted).toEqual([1]);
    expect(cache.heldPages().sort()).toEqual([0, 2, 3]);
  });

  it('does not evict the pages on screen', () => {
    const cache = new SparsePages<string>(10, 2);
    for (const p of [0, 1]) cache.put(p, page(p), cache.request(p));
    const { evicted } = cache.put(2, page(2), cache.request(2), new Set([0, 1]));
    expect(evicted).toEqual([]);
  });

  it('drops answers from before a refresh and keeps old rows on screen meanwhile', () => {
    const cache = new SparsePages<string>(10, 5);
    const before = cache.request(0);
    cache.put(4, page(4), cache.request(4));
    cache.put(5, page(5), cache.request(5));
    const dropped = cache.invalidate(new Set([4]));
    expect(dropped).toEqual([5]);
    expect(cache.rowAt(41)).toBe('row 41'); // stale but shown
    expect(cache.wanted(40, 49, 1000)).toEqual([4]); // and asked for again
    expect(cache.put(0, page(0), before).stored).toBe(false);
    expect(cache.rowAt(0)).toBeNull();
  });

  it('lets a failed page be asked for again', () => {
    const cache = new SparsePages<string>(10, 5);
    const generation = cache.request(2);
    expect(cache.wanted(20, 29, 100)).toEqual([]);
    cache.forget(2, generation);
    expect(cache.wanted(20, 29, 100)).toEqual([2]);
  });

  it('forgets everything for a different list', () => {
    const cache = new SparsePages<string>(10, 5);
    cache.put(0, page(0), cache.request(0));
    cache.clear();
    expect(cache.rowAt(0)).toBeNull();
    expect(cache.wanted(0, 9, 100)).toEqual([0]);
  });
});

describe('pagesInRange', () => {
  it('lists the pages a row range touches', () => {
    expect([...pagesInRange(95, 205, 100)]).toEqual([0, 1, 2]);
    expect([...pagesInRange(5, 4, 100)]).toEqual([]);
  });
});
