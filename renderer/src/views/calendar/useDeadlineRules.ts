import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useCalendarStore, type DeadlineRuleRow } from '@/stores/calendar';
import { categorySpan, sortRules } from '@/utils/calendar';

/**
 * The deadline rules table: grouped by category, each duration said in its own
 * unit — working time for 一般/紧急, clock time for 特急.
 */
export function useDeadlineRules() {
  const calendar = useCalendarStore();
  const { t } = useI18n();
  const rows = computed(() => sortRules(calendar.rules));
  const dialog = ref<{ open: boolean; rule: DeadlineRuleRow | null }>({ open: false, rule: null });

  function signText(rule: DeadlineRuleRow): string {
    const key = rule.priority === 'critical' ? 'clockHours' : 'workingHours';
    return t(`calendar.deadline.${key}`, { n: rule.signHours });
  }

  function handleText(rule: DeadlineRuleRow): string {
    const clock = rule.priority === 'critical';
    if (rule.handleDays !== null) return t(`calendar.deadline.${clock ? 'clockDays' : 'workingDays'}`, { n: rule.handleDays });
    return t(`calendar.deadline.${clock ? 'clockHours' : 'workingHours'}`, { n: rule.handleHours ?? '' });
  }

  /** el-table's span-method: one category cell over its priorities. */
  function spanCategory({ rowIndex, columnIndex }: { rowIndex: number; columnIndex: number }): [number, number] {
    if (columnIndex !== 0) return [1, 1];
    const span = categorySpan(rows.value, rowIndex);
    return [span, span === 0 ? 0 : 1];
  }

  return { calendar, rows, dialog, signText, handleText, spanCategory };
}
