import { describe, expect, it } from 'vitest';
import { contract } from '../../../common/contract';
import { zodRule } from './formRules';

/** Run an Element Plus rule's validator the way async-validator does and report its verdict. */
function check(rule: ReturnType<typeof zodRule>, value: unknown): string | null {
  let verdict: string | null = 'not called';
  const validator = rule.validator;
  if (!validator) throw new Error('rule has no validator');
  validator(
    {},
    value,
    (error?: string | Error) => {
      verdict = error ? String(error instanceof Error ? error.message : error) : null;
    },
    {},
    {},
  );
  return verdict;
}

describe('zodRule mirrors the contract', () => {
  const grid = contract['org.createGrid'].input.shape;
  const user = contract['users.create'].input.shape;

  it('requires a name and bounds its length like the core', () => {
    const rule = zodRule(grid.name, () => 'name');
    expect(check(rule, '第一网格')).toBeNull();
    expect(check(rule, '   ')).toBe('name');
    expect(check(rule, '网'.repeat(41))).toBe('name');
  });

  it('treats an emptied optional field as null, which the contract allows', () => {
    const rule = zodRule(grid.workerPhone, () => 'phone');
    expect(check(rule, '')).toBeNull();
    expect(check(rule, '0571-88888888')).toBeNull();
    expect(check(rule, 'call me')).toBe('phone');
  });

  it('marks a field required exactly when the contract refuses null', () => {
    expect(zodRule(grid.name, () => '').required).toBe(true);
    expect(zodRule(grid.workerName, () => '').required).toBe(false);
  });

  it('checks usernames with the contract’s pattern', () => {
    const rule = zodRule(user.username, () => 'username');
    expect(check(rule, 'zhang.san')).toBeNull();
    expect(check(rule, 'Zhang')).toBe('username');
    expect(check(rule, 'ab')).toBe('username');
  });
});
