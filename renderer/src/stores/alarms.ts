import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ALARM_ROLES, type AlarmRow } from '@common/contract';
import type { Role } from '@common/roles';
import { call, onPush, type ClientError } from '@/api/client';

export type MuteMinutes = 0 | 15 | 30 | 60;

/** Whether a role's screens sound the alarm (the core refuses the list to the others). */
export function hearsAlarms(role: Role | undefined): boolean {
  return !!role && (ALARM_ROLES as readonly Role[]).includes(role);
}

/**
 * The unacknowledged alarms, as the core has them: a reload or a second window
 * shows the same. The list is replaced in one assignment per load (shallowRef),
 * and loads never overlap, so a storm of pushes costs a few renders, not one
 * per alarm.
 */
export const useAlarmsStore = defineStore('alarms', () => {
  const alarms = shallowRef<AlarmRow[]>([]);
  const total = ref(0);
  const mutedUntil = ref<number | null>(null);
  const active = ref(false);
  const loadError = ref<ClientError | null>(null);
  const now = ref(Date.now());
  let inFlight: Promise<void> | null = null;
  let again = false;
  let unmuteTimer: ReturnType<typeof setTimeout> | undefined;

  const muted = computed(() => mutedUntil.value !== null && mutedUntil.value > now.value);
  /** Sound while anything is unacknowledged and this user has not muted it. */
  const sounding = computed(() => active.value && total.value > 0 && !muted.value);

  function scheduleUnmute(): void {
    clearTimeout(unmuteTimer);
    if (mutedUntil.value === null) return;
    unmuteTimer = setTimeout(
      () => {
        now.value = Date.now();
      },
      Math.max(0, mutedUntil.value - Date.now()) + 50,
    );
  }

  async function fetchOnce(): Promise<void> {
    const result = await call('alarms.list', {});
    if (!active.value) return;
    if (!result.ok) {
      loadError.value = result.error;
      return;
    }
    loadError.value = null;
    alarms.value = result.value.alarms;
    total.value = result.value.total;
    mutedUntil.value = result.value.mutedUntil;
    now.value = Date.now();
    scheduleUnmute();
  }

  /** One load at a time; a push during a load asks for exactly one more. */
  function load(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        await fetchOnce();
      } while (again && active.value);
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function start(): void {
    if (active.value) return;
    active.value = true;
    void load();
  }

  async function acknowledge(ids: string[] | 'all'): Promise<ClientError | null> {
    const result = await call('alarms.ack', ids === 'all' ? { all: true } : { ids });
    if (!result.ok) return result.error;
    await load();
    return null;
  }

  async function mute(minutes: MuteMinutes): Promise<ClientError | null> {
    const result = await call('alarms.mute', { minutes });
    if (!result.ok) return result.error;
    mutedUntil.value = result.value.mutedUntil;
    now.value = Date.now();
    scheduleUnmute();
    return null;
  }

  function reset(): void {
    active.value = false;
    alarms.value = [];
    total.value = 0;
    mutedUntil.value = null;
    loadError.value = null;
    clearTimeout(unmuteTimer);
  }

  onPush('alarms.changed', () => {
    if (active.value) void load();
  });

  return { alarms, total, mutedUntil, muted, sounding, active, loadError, start, load, acknowledge, mute, reset };
});
