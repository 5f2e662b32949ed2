import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CalendarDay, InputOf, OutputOf } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';
import type { ClientResult } from '@/api/errors';

export type DeadlineRuleRow = OutputOf<'calendar.deadlineRules'>[number];

/** The working calendar (one year's special days at a time) and the deadline rules, for the admin page. */
export const useCalendarStore = defineStore('calendar', () => {
  const year = ref(new Date().getFullYear());
  const days = ref<CalendarDay[]>([]);
  const rules = ref<DeadlineRuleRow[]>([]);
  const loadingDays = ref(false);
  const loadingRules = ref(false);
  const loadError = ref<ClientError | null>(null);

  async function loadYear(target: number = year.value): Promise<void> {
    year.value = target;
    loadingDays.value = true;
    const result = await call('calendar.list', { year: target });
    loadingDays.value = false;
    // A slower answer for a year no longer shown must not overwrite the current one.
    if (target !== year.value) return;
    if (result.ok) {
      days.value = [...result.value].sort((a, b) => a.date.localeCompare(b.date));
      loadError.value = null;
    } else loadError.value = result.error;
  }

  async function loadRules(): Promise<void> {
    loadingRules.value = true;
    const result = await call('calendar.deadlineRules', {});
    loadingRules.value = false;
    if (result.ok) {
      rules.value = result.value;
      loadError.value = null;
    } else loadError.value = result.error;
  }

  // Another desk changed a rule (or the county sent new ones): an open rules table follows.
  onPush('reference.changed', () => {
    if (rules.value.length > 0) void loadRules();
  });

  async function setDay(input: InputOf<'calendar.setDay'>): Promise<ClientError | null> {
    const result = await call('calendar.setDay', input);
    if (!result.ok) return result.error;
    await loadYear();
    return null;
  }

  async function removeDay(date: string): Promise<ClientError | null> {
    const result = await call('calendar.removeDay', { date });
    if (!result.ok) return result.error;
    await loadYear();
    return null;
  }

  /** Replace a year with a State Council holiday file; shows that year afterwards. */
  async function importHolidays(file: unknown): Promise<ClientResult<OutputOf<'calendar.importHolidays'>>> {
    const result = await call('calendar.importHolidays', { file });
    if (result.ok) await loadYear(result.value.year);
    return result;
  }

  async function setDeadlineRule(input: InputOf<'calendar.setDeadlineRule'>): Promise<ClientError | null> {
    const result = await call('calendar.setDeadlineRule', input);
    if (!result.ok) return result.error;
    await loadRules();
    return null;
  }

  function reset(): void {
    days.value = [];
    rules.value = [];
    loadError.value = null;
  }

  return {
    year,
    days,
    rules,
    loadingDays,
    loadingRules,
    loadError,
    loadYear,
    loadRules,
    setDay,
    removeDay,
    importHolidays,
    setDeadlineRule,
    reset,
  };
});
