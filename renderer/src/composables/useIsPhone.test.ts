// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PHONE_QUERY, resetMediaQueries, useIsNarrow, useIsPhone } from './useIsPhone';

type Listener = (event: { matches: boolean }) => void;

/** A matchMedia whose width the test sets, answering min/max-width queries as a browser would. */
function fakeScreen(width: number) {
  const listeners = new Map<string, Listener[]>();
  const screen = {
    width,
    resize(next: number) {
      screen.width = next;
      for (const [query, list] of listeners) for (const listener of list) listener({ matches: matches(query) });
    },
    adds: 0,
  };
  const matches = (query: string) => screen.width <= Number(/max-width:\s*(\d+)px/.exec(query)![1]);
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return matches(query);
    },
    addEventListener: (_type: string, listener: Listener) => {
      screen.adds++;
      listeners.set(query, [...(listeners.get(query) ?? []), listener]);
    },
  }));
  return screen;
}

afterEach(() => {
  resetMediaQueries();
  vi.unstubAllGlobals();
});

describe('useIsPhone', () => {
  it('is true on a 390 px phone and false on a desk', () => {
    fakeScreen(390);
    expect(useIsPhone().value).toBe(true);
    expect(useIsNarrow().value).toBe(true);
    resetMediaQueries();
    fakeScreen(1440);
    expect(useIsPhone().value).toBe(false);
    expect(useIsNarrow().value).toBe(false);
  });

  it('a tablet (1024 px) is narrow but not a phone', () => {
    fakeScreen(1024);
    expect(useIsPhone().value).toBe(false);
    expect(useIsNarrow().value).toBe(true);
  });

  it('follows the screen as it turns, and every caller shares one listener', () => {
    const screen = fakeScreen(844);
    const first = useIsPhone();
    const second = useIsPhone();
    expect(first.value).toBe(false);
    screen.resize(390);
    expect(first.value).toBe(true);
    expect(second.value).toBe(true);
    screen.resize(768);
    expect(first.value).toBe(false);
    expect(screen.adds).toBe(1);
  });

  it('the breakpoint is 767 px: 768 is already the tablet layout', () => {
    expect(PHONE_QUERY).toBe('(max-width: 767px)');
    fakeScreen(767);
    expect(useIsPhone().value).toBe(true);
  });

  it('without matchMedia (plain Node) it answers the desk layout', () => {
    vi.stubGlobal('matchMedia', undefined);
    expect(useIsPhone().value).toBe(false);
  });
});
