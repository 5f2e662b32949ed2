import { computed, onMounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage, ElMessageBox } from 'element-plus';
import type { CalendarDay } from '@common/contract';
import { useErrorText } from '@/composables/useErrorText';
import { useCalendarStore } from '@/stores/calendar';
import { weekdayOf } from '@/utils/calendar';

export type CalendarTab = 'days' | 'deadlines';

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** The calendar admin page: which tab is open, loading both halves, load problems. */
export function useCalendarPage() {
  const calendar = useCalendarStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const tab = ref<CalendarTab>('days');

  function reload(): Promise<unknown> {
    return Promise.all([calendar.loadYear(), calendar.loadRules()]);
  }

  // Always reload on entering: the county may have pushed a new calendar meanwhile.
  onMounted(() => void reload());

  const loadProblem = computed(() =>
    calendar.loadError ? t('common.loadFailed', { reason: errorText(calendar.loadError) }) : '',
  );
  const loading = computed(() => calendar.loadingDays || calendar.loadingRules);

  return { calendar, tab, loading, loadProblem, reload };
}

/** The special days of the shown year: labels, the dialog, deletion. */
export function useSpecialDays() {
  const calendar = useCalendarStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();

  const dialog = ref<{ open: boolean; day: CalendarDay | null }>({ open: false, day: null });
  const counts = computed(() => ({
    off: calendar.days.filter((day) => day.kind === 'off').length,
    work: calendar.days.filter((day) => day.kind === 'work').length,
  }));

  function dateLabel(date: string): string {
    const weekday = weekdayOf(date);
    return weekday === null ? date : `${date} ${t(`calendar.weekdays.${WEEKDAY_KEYS[weekday]}`)}`;
  }

  function changeYear(year: number | null | undefined): void {
    if (typeof year === 'number' && year >= 2000 && year <= 2100) void calendar.loadYear(year);
  }

  async function remove(day: CalendarDay): Promise<void> {
    try {
      await ElMessageBox.confirm(t('calendar.deleteConfirm', { date: day.date, name: day.name }), t('common.deleteTitle'), {
        type: 'warning',
        confirmButtonText: t('common.delete'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'el-button--danger',
      });
    } catch {
      return; // cancelled
    }
    const error = await calendar.removeDay(day.date);
    if (error) ElMessage.error({ message: errorText(error), duration: 6000, showClose: true });
    else ElMessage.success(t('common.deleted'));
  }

  return { calendar, dialog, counts, dateLabel, changeYear, remove };
}
