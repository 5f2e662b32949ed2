import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { EventActionInput, EventDetail, OutputOf } from '@common/contract';
import { call, onPush, type ClientError, type ClientResult } from '@/api/client';
import { photoCache, saveFile } from '@/utils/caseFiles';

export type { EventActionInput, EventDetail };
export type RoutingAdvice = OutputOf<'events.routing'>;

const PUSH_SETTLE_MS = 300;

/** The event open on the detail page, the moves made on it, and its photos. */
export const useEventDetailStore = defineStore('eventDetail', () => {
  const event = shallowRef<EventDetail | null>(null);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);
  let openId: string | null = null;
  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  const photos = photoCache((id) => call('events.attachment', { id }));

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

  /** An attachment as a data: URL, read once and kept for a while. */
  function photoUrl(id: string): Promise<ClientResult<string>> {
    return photos.url(id);
  }

  function reset(): void {
    clearTimeout(pushTimer);
    close();
    photos.clear();
  }

  onPush('events.changed', (payload) => {
    if (!openId || !payload.ids.includes(openId)) return;
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => void load(), PUSH_SETTLE_MS);
  });

  /** Likely duplicates of an event that arrived already reported, by the intake's rules. */
  function duplicatesOf(id: string) {
    return call('events.duplicatesOf', { id });
  }

  /** The event as a 事件处置单 (Excel or A4 PDF), handed to the person as a download. */
  async function exportSheet(id: string, format: 'xlsx' | 'pdf'): Promise<ClientError | null> {
    const result = await call('events.sheet', { id, format });
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  return { event, loading, loadError, open, close, load, act, routing, photoUrl, exportSheet, duplicatesOf, reset };
});
