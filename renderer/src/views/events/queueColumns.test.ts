import { describe, expect, it } from 'vitest';
import { fitColumns } from './queueColumns';

const COLUMNS = [
  { key: 'serial', width: 170 },
  { key: 'title', width: 220, flexGrow: 1 },
  { key: 'category', width: 130 },
  { key: 'place', width: 150 },
  { key: 'priority', width: 86 },
  { key: 'risk', width: 60 },
  { key: 'state', width: 110 },
  { key: 'leadUnit', width: 130 },
  { key: 'handleDue', width: 110 },
  { key: 'warning', width: 100 },
];
const keys = (list: { key: string }[]) => list.map((c) => c.key);
const total = (list: { width: number }[]) => list.reduce((sum, c) => sum + c.width, 0);

describe('fitColumns', () => {
  it('keeps every column on a wide desk', () => {
    expect(fitColumns(COLUMNS, 1400)).toEqual(COLUMNS);
  });

  it('on a 1024 × 768 tablet (about 920 px for the table) drops risk, category and place, and the rest fits', () => {
    const fitted = fitColumns(COLUMNS, 918);
    expect(keys(fitted)).toEqual(['serial', 'title', 'priority', 'state', 'leadUnit', 'handleDue', 'warning']);
    expect(total(fitted)).toBeLessThanOrEqual(918);
    expect(fitted.find((c) => c.key === 'title')).toEqual({ key: 'title', width: 160, flexGrow: 1 });
  });

  it('shrinks only the title when that is enough', () => {
    const fitted = fitColumns(COLUMNS, total(COLUMNS) - 40);
    expect(keys(fitted)).toEqual(keys(COLUMNS));
    expect(fitted[1]!.width).toBe(160);
  });

  it('an unmeasured table (width 0) keeps its columns', () => {
    expect(fitColumns(COLUMNS, 0)).toEqual(COLUMNS);
  });
});
