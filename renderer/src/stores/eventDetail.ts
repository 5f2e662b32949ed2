import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { EventActionInput, EventDetail, OutputOf } from '@common/contract';
import { call, onPush, type ClientError, type ClientResult } from '@/api/client';
import { dataUrlOf } from '@/utils/photos';

export type { EventActionInput, EventDetail };
export type RoutingAdvice = OutputOf<'events.routing'>;

/** Photos are shown at full size when enlarged; keep the most recent ones, not every one ever opened. */
const MAX_CACHED_PHOTOS = 60;
const PUSH_SETTLE_MS = 300;

/** The event open on the detail page, the moves made on it, and its photos. */
export const useEventDetailStore = defineStore('eventDetail', () => {
  const event = shallowRef<EventDetail | null>(null);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);
  let openId: string | null = null;
  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  const photoUrls = new Map<string, Promise<ClientResult<string>>>();

  async function load(): Promise<void> {
    const id = openId;
    if (!id) return;
    loading.value = true;
    const result = await call('events.get', { id });
    if (id !== openId) return; // another event was opened meanwhile
    loading.value = false;
    if (result.ok) {
      event.value = result.value;
      loadError.value = null;
    } else {
      loadError.value = result.error;
    }
  }

  /** Show an event; a different one than before starts blank rather than showing the previous one. */
  function open(id: string): Promise<void> {
    if (id !== openId) {
      event.value = null;
      loadError.value = null;
    }
    openId = id;
    return load();
  }

  function close(): void {
    openId = null;
    event.value = null;
    loadError.value = null;
    loading.value = false;
  }

  /** One lifecycle move; on success the event is read again so its actions and timeline are the core's. */
  async function act(input: EventActionInput): Promise<ClientError | null> {
    const result = await call('events.act', input);
    if (!result.ok) return result.error;
    if (input.id === openId) await load();
    return null;
  }

  /** Suggested units, templates and the deadlines a dispatch would get now. */
  function routing(id: string): Promise<ClientResult<RoutingAdvice>> {
    return call('events.routing', { id });
  }

  /** An attachment as a data: URL (the CSP allows img-src data:), read once and kept for a while. */
  function photoUrl(id: string): Promise<ClientResult<string>> {
    const cached = photoUrls.get(id);
    if (cached) {
      photoUrls.delete(id);
      photoUrls.set(id, cached);
      return cached;
    }
    const request = call('events.attachment', { id }).then((result): ClientResult<string> => {
      if (!result.ok) {
        photoUrls.delete(id); // try again next time
        return result;
      }
      return { ok: true, value: dataUrlOf(result.value.mime, result.value.dataBase64) };
    });
    photoUrls.set(id, request);
    while (photoUrls.size > MAX_CACHED_PHOTOS) photoUrls.delete(photoUrls.keys().next().value as string);
    return request;
  }

  function reset(): void {
    clearTimeout(pushTimer);
    close();
    photoUrls.clear();
  }

  onPush('events.changed', (payload) => {
    if (!openId || !payload.ids.includes(openId)) return;
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => void load(), PUSH_SETTLE_MS);
  });

  return { event, loading, loadError, open, close, load, act, routing, photoUrl, reset };
});
