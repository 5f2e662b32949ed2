import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { contract, METHOD_NAMES } from './contract';
import { ROLES } from './roles';
import { topics } from './topics';

describe('the contract', () => {
  it('has methods', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(10);
  });

  it.each(METHOD_NAMES)('%s has an input schema, an output schema, roles and a summary', (name) => {
    const spec = contract[name];
    expect(spec.input).toBeInstanceOf(z.ZodType);
    expect(spec.output).toBeInstanceOf(z.ZodType);
    expect(['read', 'write', 'job']).toContain(spec.kind);
    expect(spec.summary.length).toBeGreaterThan(10);
    if (spec.roles === 'public') {
      // Without a session: signing in, the first-run setup (which the core's setup gate guards), and a desk
      // redeeming its enrollment code (rate-limited like signing in).
      expect(['auth.login', 'auth.resume', 'auth.me', 'setup.status', 'setup.create', 'setup.demo', 'server.enroll']).toContain(
        name,
      );
    } else {
      expect(spec.roles.length).toBeGreaterThan(0);
      for (const role of spec.roles) expect(ROLES).toContain(role);
    }
    expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('rejects unknown fields on every input (strict objects)', () => {
    for (const name of METHOD_NAMES) {
      expect(contract[name].input.safeParse({ unexpectedField: 1 }).success, name).toBe(false);
    }
  });

  it('uses unique, upper-case error codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z_]+$/);
  });

  it('gives every push topic a payload schema', () => {
    for (const [name, schema] of Object.entries(topics)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(schema).toBeInstanceOf(z.ZodType);
    }
  });
});
