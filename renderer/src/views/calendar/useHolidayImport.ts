import { ref, useTemplateRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { useErrorText } from '@/composables/useErrorText';
import { useCalendarStore } from '@/stores/calendar';
import { parseJsonText } from '@/utils/calendar';

/** The template ref name of the hidden file input: `<input ref="holidayFile" type="file">`. */
export const HOLIDAY_FILE_REF = 'holidayFile';

/** Pick a State Council holiday file, parse it here, let the core check and store it, say what happened. */
export function useHolidayImport() {
  const calendar = useCalendarStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const input = useTemplateRef<HTMLInputElement>(HOLIDAY_FILE_REF);
  const importing = ref(false);
  /** The last import's outcome, shown until closed or the next import. */
  const outcome = ref<{ ok: boolean; text: string } | null>(null);

  function pick(): void {
    input.value?.click();
  }

  async function read(file: File): Promise<string | null> {
    try {
      return await file.text();
    } catch (error) {
      outcome.value = { ok: false, text: t('calendar.importReadFailed', { reason: String(error) }) };
      return null;
    }
  }

  async function onChosen(event: Event): Promise<void> {
    const element = event.target as HTMLInputElement;
    const file = element.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) still fires `change`.
    element.value = '';
    if (!file || importing.value) return;
    outcome.value = null;
    importing.value = true;
    try {
      const text = await read(file);
      if (text === null) return;
      const parsed = parseJsonText(text);
      if (!parsed.ok) {
        outcome.value = { ok: false, text: t('calendar.importNotJson', { reason: parsed.message }) };
        return;
      }
      const result = await calendar.importHolidays(parsed.value);
      if (result.ok) {
        const text = t('calendar.imported', { year: result.value.year, days: result.value.days });
        outcome.value = { ok: true, text };
        ElMessage.success(text);
      } else {
        outcome.value = { ok: false, text: t('calendar.importFailed', { reason: errorText(result.error) }) };
      }
    } finally {
      importing.value = false;
    }
  }

  return { importing, outcome, pick, onChosen };
}
