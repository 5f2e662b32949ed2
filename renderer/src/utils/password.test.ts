import { describe, expect, it } from 'vitest';
import { isStrongPassword } from './password';

describe('isStrongPassword', () => {
  it('accepts 8+ characters mixing letters and digits', () => {
    expect(isStrongPassword('abc12345')).toBe(true);
    expect(isStrongPassword('指挥室Room2026')).toBe(true);
  });

  it('refuses short, letter-only, digit-only and overlong passwords', () => {
    expect(isStrongPassword('abc1234')).toBe(false);
    expect(isStrongPassword('abcdefgh')).toBe(false);
    expect(isStrongPassword('12345678')).toBe(false);
    expect(isStrongPassword('a1'.repeat(65))).toBe(false);
  });
});
