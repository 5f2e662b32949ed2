import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from './coalesce';

describe('the push coalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns a burst into one call per period', () => {
    const fire = vi.fn();
    const c = createCoalescer(fire, 250);
    for (let i = 0; i < 100; i++) c.trigger();
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(fire).toHaveBeenCalledTimes(1);
    // 500 triggers over 10 s: at most one call per 250 ms.
    for (let i = 0; i < 500; i++) {
      c.trigger();
      vi.advanceTimersByTime(20);
    }
    vi.advanceTimersByTime(250);
    expect(fire.mock.calls.length).toBeGreaterThanOrEqual(38);
    expect(fire.mock.calls.length).toBeLessThanOrEqual(1 + 10_000 / 250 + 1);
  });

  it('fires at once with period 0, and stop drops or flushes what is pending', () => {
    const now = vi.fn();
    createCoalescer(now, 0).trigger();
    expect(now).toHaveBeenCalledTimes(1);
    const dropped = vi.fn();
    const a = createCoalescer(dropped, 250);
    a.trigger();
    a.stop();
    vi.advanceTimersByTime(1000);
    expect(dropped).not.toHaveBeenCalled();
    const flushed = vi.fn();
    const b = createCoalescer(flushed, 250);
    b.trigger();
    b.stop(true);
    expect(flushed).toHaveBeenCalledTimes(1);
  });
});
