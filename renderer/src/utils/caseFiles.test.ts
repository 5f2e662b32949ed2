import { describe, expect, it } from 'vitest';
import type { FileOut } from '../../../common/contract';
import { photoCache } from './caseFiles';

type Fetched = { ok: true; value: FileOut } | { ok: false; error: string };

/** A fetch that counts its calls and fails for the ids it is told to. */
function fakeFetch(failing = new Set<string>()) {
  const calls: string[] = [];
  const fetch = (id: string): Promise<Fetched> => {
    calls.push(id);
    return Promise.resolve(
      failing.has(id)
        ? { ok: false, error: 'NOT_FOUND' }
        : { ok: true, value: { name: `${id}.png`, mime: 'image/png', dataBase64: 'iVBORw==' } },
    );
  };
  return { calls, fetch };
}

describe('the photo cache shared by the event, order and assessment stores', () => {
  it('reads a photo once and hands out a data: URL', async () => {
    const { calls, fetch } = fakeFetch();
    const cache = photoCache(fetch);
    expect(await cache.url('a')).toEqual({ ok: true, value: 'data:image/png;base64,iVBORw==' });
    expect(await cache.url('a')).toEqual({ ok: true, value: 'data:image/png;base64,iVBORw==' });
    expect(calls).toEqual(['a']);
  });

  it('tries a failed read again next time', async () => {
    const failing = new Set(['broken']);
    const { calls, fetch } = fakeFetch(failing);
    const cache = photoCache(fetch);
    expect(await cache.url('broken')).toEqual({ ok: false, error: 'NOT_FOUND' });
    failing.clear();
    expect((await cache.url('broken')).ok).toBe(true);
    expect(calls).toEqual(['broken', 'broken']);
  });

  it('keeps only the most recently shown photos, and forgets all on clear', async () => {
    const { calls, fetch } = fakeFetch();
    const cache = photoCache(fetch, 2);
    await cache.url('a');
    await cache.url('b');
    await cache.url('a'); // a is now the most recent: b goes first
    await cache.url('c');
    await cache.url('a');
    await cache.url('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
    cache.clear();
    await cache.url('a');
    expect(calls).toEqual(['a', 'b', 'c', 'b', 'a']);
  });
});
