import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake core holding 120 notices of one instant, paged as the core pages them: by `seq`, newest first. */
const fake = vi.hoisted(() => ({ requests: [] as { before?: number; limit: number }[] }));
const AT = Date.UTC(2026, 11, 1, 1);
const NOTICES = Array.from({ length: 120 }, (_, i) => ({
  id: `n${i + 1}`,
  seq: i + 1,
  title: `通知 ${i + 1}`,
  body: '',
  at: AT,
  read: false,
})).reverse();

vi.mock('@/api/client', () => ({
  call: async (method: string, input: { before?: number; limit: number }) => {
    if (method !== 'sync.notices') throw new Error(`unexpected ${method}`);
    fake.requests.push(input);
    const rows = NOTICES.filter((n) => n.seq < (input.before ?? Number.MAX_SAFE_INTEGER));
    return { ok: true, value: { notices: rows.slice(0, input.limit), unread: 120, more: rows.length > input.limit } };
  },
  onPush: () => () => {},
}));

const { useNoticesStore } = await import('./notices');

describe('the notices store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    fake.requests = [];
  });

  it('asks for more after the last shown notice’s seq: a batch of one instant comes whole, once', async () => {
    const store = useNoticesStore();
    await store.load();
    while (store.more) await store.loadMore();
    expect(store.notices.map((n) => n.seq)).toEqual(NOTICES.map((n) => n.seq));
    expect(fake.requests.map((r) => r.before)).toEqual([undefined, 71, 21]);
  });
});
