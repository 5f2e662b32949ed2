import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../common/contract';
import { ROLES, type Role } from '../common/roles';
import type { Connection } from './app';
import { handlers } from './handlers';
import { errorCode, startTestCore, type TestCore } from './testing/core';

/**
 * Every role against every method. The input is deliberately invalid: a
 * role that may call the method gets past the role check and stops at
 * validation (BAD_INPUT, nothing written); a role that may not gets FORBIDDEN.
 */
describe('role × method matrix', () => {
  let core: TestCore;
  const connections = new Map<Role, Connection>();
  beforeAll(async () => {
    core = startTestCore();
    for (const role of ROLES) connections.set(role, await core.signIn(role));
  });
  afterAll(() => core.stop());

  const cases = METHOD_NAMES.flatMap((method) => ROLES.map((role) => ({ method, role })));

  it.each(cases)('$role → $method', async ({ method, role }: { method: MethodName; role: Role }) => {
    const spec = contract[method];
    const allowed = spec.roles === 'public' || spec.roles.includes(role);
    const result = await connections.get(role)!.call(method, { notAField: true });
    expect(errorCode(result)).toBe(allowed ? 'BAD_INPUT' : 'FORBIDDEN');
  });

  it.each(METHOD_NAMES)('signed out → %s', async (method) => {
    const result = await core.connect().call(method, { notAField: true });
    expect(errorCode(result)).toBe(contract[method].roles === 'public' ? 'BAD_INPUT' : 'UNAUTHENTICATED');
  });

  it('binds every contract method to a service', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('refuses unknown methods', async () => {
    const result = await connections.get('admin')!.call('users.dropEverything', {});
    expect(errorCode(result)).toBe('UNKNOWN_METHOD');
  });
});
