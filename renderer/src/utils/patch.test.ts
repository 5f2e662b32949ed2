import { describe, expect, it } from 'vitest';
import { changedFields, isEmptyPatch } from './patch';

describe('changedFields', () => {
  interface GridLike {
    id: string;
    villageId: string;
    name: string;
    workerName: string | null;
    workerPhone: string | null;
  }
  const grid: GridLike = { id: 'g1', villageId: 'v1', name: '一网格', workerName: null, workerPhone: '13800000000' };

  it('keeps only the fields whose value changed', () => {
    const patch = changedFields(grid, { villageId: 'v1', name: '二网格', workerName: '张三', workerPhone: '13800000000' });
    expect(patch).toEqual({ name: '二网格', workerName: '张三' });
  });

  it('sees null ↔ value as a change and an identical form as no change', () => {
    expect(changedFields(grid, { workerPhone: null })).toEqual({ workerPhone: null });
    expect(isEmptyPatch(changedFields(grid, { name: '一网格', workerName: null }))).toBe(true);
  });
});
