import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueRow } from '../../../common/contract';

/** A fake core holding `total` events; every queue request is recorded. */
const fake = vi.hoisted(() => ({
  total: 100_000,
  requests: [] as { offset: number; limit: number; view: string }[],
  /** Milliseconds the next answers take, in order; later ones answer at once. */
  delays: [] as number[],
  pushListeners: [] as ((payload: { ids: string[]; reason: string }) => void)[],
}));

vi.mock('@/api/client', () => ({
  call: async (_method: string, input: { offset: number; limit: number; filter: { view: string } }) => {
    fake.requests.push({ offset: input.offset, limit: input.limit, view: input.filter.view });
    const total = fake.total;
    const delay = fake.delays.shift() ?? 0;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const count = Math.max(0, Math.min(input.limit, total - input.offset));
    const rows = Array.from({ length: count }, (_, i) => ({ id: `e${input.offset + i}`, serial: `S-${input.offset + i}` }));
    return { ok: true, value: { rows: rows as unknown as QueueRow[], total } };
  },
  onPush: (_topic: string, listener: (payload: { ids: string[]; reason: string }) => void) => {
    fake.pushListeners.push(listener);
    return () => {};
  },
}));

const { useEventQueueStore, QUEUE_PAGE_SIZE } = await import('./eventQueue');

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(1000);
}

describe('the event queue store reads a long list page by page', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    fake.total = 100_000;
    fake.requests = [];
    fake.pushListeners = [];
    fake.delays = [];
  });
  afterEach(() => vi.useRealTimers());

  it('reads only the first page for a new query and answers placeholders for the rest', async () => {
    const queue = useEventQueueStore();
    queue.setQuery({ filter: { view: 'all' }, sort: 'due' });
    await settle();
    expect(fake.requests).toEqual([{ offset: 0, limit: QUEUE_PAGE_SIZE, view: 'all' }]);
    expect(queue.total).toBe(100_000);
    expect(queue.slots).toHaveLength(100_000);
    expect(queue.rowAt(5)?.serial).toBe('S-5');
    expect(queue.rowAt(50_000)).toBeNull();
  });

  it('reads the pages scrolled to once scrolling settles, not those flown past', async () => {
    const queue = useEventQueueStore();
    queue.setQuery({ filter: { view: 'all' }, sort: 'due' });
    await settle();
    fake.requests = [];
    for (let start = 1000; start < 60_000; start += 5000) {
      queue.showRange(start, start + 20);
      await vi.advanceTimersByTimeAsync(10);
    }
    queue.showRange(70_000, 70_020);
    await settle();
    expect(fake.requests.map((request) => request.offset)).toEqual([69_900, 70_000]);
    expect(queue.rowAt(70_010)?.serial).toBe('S-70010');
  });

  it('asks for at most two pages at once, and then only for where the user stopped', async () => {
    const queue = useEventQueueStore();
    queue.setQuery({ filter: { view: 'all' }, sort: 'due' });
    await settle();
    fake.requests = [];
    fake.delays = [300, 300];
    queue.showRange(10_000, 10_020); // pages 99 and 100, both slow
    await vi.advanceTimersByTimeAsync(100);
    queue.showRange(20_000, 20_020);
    await vi.advanceTimersByTimeAsync(100);
    queue.showRange(30_000, 30_020); // where the user stops
    await settle();
    expect(fake.requests.map((request) => request.offset)).toEqual([9_900, 10_000, 29_900, 30_000]);
    expect(queue.rowAt(30_000)?.serial).toBe('S-30000');
  });

  it('keeps a bounded number of pages', async () => {
    const queue = useEventQueueStore();
    queue.setQuery({ filter: { view: 'all' }, sort: 'due' });
    for (let page = 0; page < 80; page++) {
      queue.showRange(page * 1000 + 50, page * 1000 + 60);
      await settle();
    }
    const held = queue.slots.filter((slot) => slot.row !== null).length;
    expect(held).toBeLessThanOrEqual(40 * QUEUE_PAGE_SIZE);
    expect(queue.rowAt(79_055)?.serial).toBe('S-79055');
    expect(queue.rowAt(55)).toBeNull(); // long scrolled away
  });

  it('reloads what is on screen when the core says events changed, while a page shows the queue', async () => {
    const queue = useEventQueueStore();
    queue.setQuery({ filter: { view: 'my_todo' }, sort: 'due' });
    queue.attach();
    queue.showRange(0, 20); // what the table shows
    await settle();
    fake.requests = [];
    fake.total = 100_001;
    for (const listener of fake.pushListeners) listener({ ids: ['x'], reason: 'created' });
    for (const listener of fake.pushListeners) listener({ ids: ['y'], reason: 'action' });
    await settle();
    expect(fake.requests.map((request) => request.offset)).toEqual([0]);
    expect(queue.total).toBe(100_001);
    queue.detach();
    fake.requests = [];
    for (const listener of fake.pushListeners) listener({ ids: ['z'], reason: 'warning' });
    await settle();
    expect(fake.requests).toEqual([]);
  });

  it('drops answers to a query that was replaced meanwhile', async () => {
    const queue = useEventQueueStore();
    fake.delays = [500]; // the first answer (100,000 rows) comes last
    queue.setQuery({ filter: { view: 'all' }, sort: 'due' });
    fake.total = 7;
    queue.setQuery({ filter: { view: 'overdue' }, sort: 'due' });
    await settle();
    expect(queue.filter.view).toBe('overdue');
    expect(queue.total).toBe(7);
    expect(queue.slots).toHaveLength(7);
  });
});
