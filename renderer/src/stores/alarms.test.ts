import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake core with `total` unacknowledged alarms; every list request is counted and can be slowed down. */
const fake = vi.hoisted(() => ({
  total: 0,
  mutedUntil: null as number | null,
  lists: 0,
  delayMs: 0,
  pushListeners: [] as (() => void)[],
}));

vi.mock('@/api/client', () => ({
  call: async (method: string) => {
    if (method !== 'alarms.list') return { ok: true, value: { acked: 0, mutedUntil: null } };
    fake.lists++;
    const total = fake.total;
    if (fake.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    const alarms = Array.from({ length: Math.min(50, total) }, (_, i) => ({ id: `a${i}`, count: 1 }));
    return { ok: true, value: { alarms, total, mutedUntil: fake.mutedUntil } };
  },
  onPush: (topic: string, listener: () => void) => {
    if (topic === 'alarms.changed') fake.pushListeners.push(listener);
    return () => {};
  },
}));

const { useAlarmsStore, hearsAlarms } = await import('./alarms');

describe('the alarms store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    Object.assign(fake, { total: 0, mutedUntil: null, lists: 0, delayMs: 0, pushListeners: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('sounds while alarms are unacknowledged and the user has not muted it', async () => {
    const store = useAlarmsStore();
    fake.total = 2;
    store.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.total).toBe(2);
    expect(store.sounding).toBe(true);
    fake.mutedUntil = Date.now() + 15 * 60_000;
    fake.pushListeners.forEach((listener) => listener());
    await vi.advanceTimersByTimeAsync(10);
    expect(store.muted).toBe(true);
    expect(store.sounding).toBe(false);
    // The mute runs out on its own: the sound comes back without a push.
    await vi.advanceTimersByTimeAsync(15 * 60_000 + 100);
    expect(store.sounding).toBe(true);
  });

  it('a storm of pushes during a slow load costs one more load, not one per push', async () => {
    const store = useAlarmsStore();
    fake.delayMs = 200;
    store.start();
    for (let i = 0; i < 100; i++) {
      fake.total = i + 1;
      fake.pushListeners.forEach((listener) => listener());
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(2000);
    // 100 pushes over 500 ms while each load takes 200 ms: a handful of loads, and the last one is current.
    expect(fake.lists).toBeLessThanOrEqual(5);
    expect(store.total).toBe(100);
  });

  it('is silent and loads nothing until started, and forgets everything on reset', async () => {
    const store = useAlarmsStore();
    fake.total = 3;
    fake.pushListeners.forEach((listener) => listener());
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.lists).toBe(0);
    store.start();
    await vi.advanceTimersByTimeAsync(10);
    store.reset();
    expect([store.total, store.sounding]).toEqual([0, false]);
  });

  it('only the room hears alarms', () => {
    expect(['operator', 'director', 'admin', 'viewer', 'assessor', 'unit_handler'].map((r) => hearsAlarms(r as never))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
