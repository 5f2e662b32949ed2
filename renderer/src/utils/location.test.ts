import { describe, expect, it } from 'vitest';
import { locationLine, withLocation } from './location';

const format = (v: { lat: string; lng: string; accuracy: number }) => `【现场位置】${v.lat}, ${v.lng}（精度约 ${v.accuracy} 米）`;

describe('location line', () => {
  it('rounds to five decimals and whole metres', () => {
    expect(locationLine({ lat: 30.1234567, lng: 120.7654321, accuracy: 14.6 }, format)).toBe(
      '【现场位置】30.12346, 120.76543（精度约 15 米）',
    );
  });

  it('never claims better than one metre', () => {
    expect(locationLine({ lat: 0, lng: 0, accuracy: 0.2 }, format)).toContain('精度约 1 米');
  });

  it('adds the line below the text, and replaces the earlier one when located again', () => {
    const first = withLocation('已清理通道。 ', 'A', null);
    expect(first).toBe('已清理通道。\nA');
    expect(withLocation(first, 'B', 'A')).toBe('已清理通道。\nB');
    expect(withLocation('', 'A', null)).toBe('A');
  });
});
