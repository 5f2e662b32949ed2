import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../common/contract';
import type { Role } from '../common/roles';
import type { Connection } from './app';
import { databaseDigest, startTestCore, type TestCore } from './testing/core';

/** Small deterministic PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'id',
  'name',
  'kind',
  'username',
  'password',
  'oldPassword',
  'newPassword',
  'displayName',
  'role',
  'unitId',
  'villageId',
  'platform',
  'phone',
  'workerName',
  'workerPhone',
  'code',
  'countyName',
  'disabled',
  'limit',
  'beforeSeq',
  'entity',
  '__proto__',
  'constructor',
];
const STRINGS = [
  '',
  ' ',
  'a',
  '清溪村',
  'x'.repeat(5000),
  '01a22add-9fde-72a4-abf5-b2b65e3f2e16',
  'not-a-uuid',
  'admin',
  "'; DROP TABLE users; --",
  'village',
  'department',
  'market_supervision',
  'unit_handler',
  '\u0000',
  '\ud800',
  'QX',
  'qingxi2026',
];
const NUMBERS = [0, -1, 1, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity];

function randomValue(rand: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const r = rand();
  if (depth > 2 || r < 0.35) return pick<unknown>([null, undefined, true, false, ...NUMBERS, ...STRINGS]);
  if (r < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const object: Record<string, unknown> = {};
  const size = Math.floor(rand() * 6);
  for (let i = 0; i < size; i++) object[pick(KEYS)] = randomValue(rand, depth + 1);
  return object;
}

/** A role that may call the method, or null for a public one. */
function callerFor(method: MethodName): Role | null {
  const roles = contract[method].roles;
  return roles === 'public' ? null : roles[0]!;
}

describe('fuzzing every method with malformed input', () => {
  let core: TestCore;
  const connections = new Map<Role | null, Connection>();
  beforeAll(async () => {
    core = startTestCore();
    connections.set(null, core.connect());
    for (const method of METHOD_NAMES) {
      const role = callerFor(method);
      if (!connections.has(role)) connections.set(role, await core.signIn(role!));
    }
  });
  afterAll(() => core.stop());

  it('answers at least 1,000 malformed inputs with BAD_INPUT, never throws, and changes no table', async () => {
    const before = databaseDigest(core.db);
    const rand = prng(20261130);
    const perMethod = Math.ceil(1200 / METHOD_NAMES.length);
    let sent = 0;
    for (const method of METHOD_NAMES) {
      const schema = contract[method].input;
      let sentForMethod = 0;
      for (let attempt = 0; sentForMethod < perMethod && attempt < perMethod * 20; attempt++) {
        const input = randomValue(rand, 0);
        if (schema.safeParse(input).success) continue; // only malformed inputs count
        const result = await connections.get(callerFor(method))!.call(method, input);
        expect(result.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 200)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code, `${method} ← ${JSON.stringify(input)?.slice(0, 200)}`).toBe('BAD_INPUT');
          expect(result.error.message.length).toBeGreaterThan(0);
        }
        sentForMethod++;
      }
      expect(sentForMethod, method).toBe(perMethod);
      sent += sentForMethod;
    }
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(databaseDigest(core.db)).toEqual(before);
  });
});
