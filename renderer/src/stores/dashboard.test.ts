import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake core: every call is recorded; pushes and link changes are driven by the test. */
const fake = vi.hoisted(() => ({
  calls: [] as string[],
  pushListeners: [] as (() => void)[],
  connectionListeners: [] as ((change: { state: string; reconnected: boolean }) => void)[],
  /** Milliseconds the summary takes to answer. */
  delay: 0,
}));

vi.mock('@/api/client', () => ({
  call: async (method: string) => {
    fake.calls.push(method);
    if (method === 'dashboard.summary' && fake.delay) await new Promise((resolve) => setTimeout(resolve, fake.delay));
    return { ok: true, value: method === 'dashboard.summary' ? { generatedAt: fake.calls.length } : { source: 'demo' } };
  },
  onPush: (_topic: string, listener: () => void) => {
    fake.pushListeners.push(listener);
    return () => {};
  },
  onConnectionChange: (listener: (change: { state: string; reconnected: boolean }) => void) => {
    fake.connectionListeners.push(listener);
    return () => {};
  },
}));

const { useDashboardStore, DASHBOARD_SETTLE_MS } = await import('./dashboard');
const summaries = () => fake.calls.filter((m) => m === 'dashboard.summary').length;
const push = () => fake.pushListeners.forEach((listener) => listener());

describe('the dashboard store follows pushes, never polls', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    Object.assign(fake, { calls: [], pushListeners: [], connectionListeners: [], delay: 0 });
  });
  afterEach(() => vi.useRealTimers());

  it('reads once when a page opens, then nothing while nothing changes', async () => {
    const store = useDashboardStore();
    store.attach();
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(summaries()).toBe(1);
    expect(fake.calls).toContain('dashboard.map');
  });

  it('turns a burst of 500 changes over 10 s into about one read a second', async () => {
    const store = useDashboardStore();
    store.attach();
    await vi.advanceTimersByTimeAsync(0);
    fake.delay = 50;
    for (let i = 0; i < 500; i++) {
      push();
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(5 * DASHBOARD_SETTLE_MS);
    const reads = summaries() - 1;
    expect(reads).toBeGreaterThanOrEqual(9);
    expect(reads).toBeLessThanOrEqual(12);
    // The last change is always read.
    const last = summaries();
    push();
    await vi.advanceTimersByTimeAsync(2 * DASHBOARD_SETTLE_MS);
    expect(summaries()).toBe(last + 1);
  });

  it('ignores pushes while no dashboard is open, and re-reads after the link comes back', async () => {
    const store = useDashboardStore();
    push();
    await vi.advanceTimersByTimeAsync(5 * DASHBOARD_SETTLE_MS);
    expect(summaries()).toBe(0);
    store.attach();
    await vi.advanceTimersByTimeAsync(0);
    fake.connectionListeners.forEach((listener) => listener({ state: 'open', reconnected: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(summaries()).toBe(2);
    store.detach();
    push();
    await vi.advanceTimersByTimeAsync(5 * DASHBOARD_SETTLE_MS);
    expect(summaries()).toBe(2);
  });
});
