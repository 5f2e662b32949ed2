import { describe, expect, it } from 'vitest';
import { readChoice, readText, writeText, type KeyValueStorage } from './storage';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('readChoice', () => {
  const THEMES = ['light', 'dark'] as const;

  it('returns a stored allowed value', () => {
    expect(readChoice(memoryStorage({ theme: 'dark' }), 'theme', THEMES, 'light')).toBe('dark');
  });

  it('falls back when missing, unknown, or storage is unavailable', () => {
    expect(readChoice(memoryStorage(), 'theme', THEMES, 'light')).toBe('light');
    expect(readChoice(memoryStorage({ theme: 'purple' }), 'theme', THEMES, 'light')).toBe('light');
    expect(readChoice(null, 'theme', THEMES, 'dark')).toBe('dark');
  });

  it('survives a storage that throws', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(readChoice(broken, 'theme', THEMES, 'light')).toBe('light');
    expect(() => writeText(broken, 'theme', 'dark')).not.toThrow();
  });
});

describe('readText / writeText', () => {
  it('round-trips a value', () => {
    const storage = memoryStorage();
    writeText(storage, 'township', '青溪镇');
    expect(readText(storage, 'township')).toBe('青溪镇');
  });
});
