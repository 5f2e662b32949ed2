import { computed, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useErrorText } from '@/composables/useErrorText';
import { useEventIntakeStore, type Duplicate } from '@/stores/eventIntake';

/** Wait for a pause in typing before asking. */
const TYPING_SETTLE_MS = 500;
const MIN_TITLE = 2;

interface DuplicateSource {
  title: string;
  description: string;
  categoryId: string;
  gridId: string;
}

/**
 * Likely duplicates of the event being taken in, looked up as the operator
 * types the title or picks the category or grid. "Not a duplicate" hides a
 * candidate for the rest of this intake.
 */
export function useDuplicateCheck(form: DuplicateSource) {
  const intake = useEventIntakeStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();

  const found = shallowRef<Duplicate[]>([]);
  const dismissed = ref<Set<string>>(new Set());
  const checking = ref(false);
  const problem = ref('');
  /** Whether the form says enough to look (a category and a title). */
  const ready = computed(() => form.categoryId !== '' && form.title.trim().length >= MIN_TITLE);
  const candidates = computed(() => found.value.filter((candidate) => !dismissed.value.has(candidate.id)));

  let timer: ReturnType<typeof setTimeout> | undefined;

  async function check(): Promise<void> {
    if (!ready.value) {
      found.value = [];
      return;
    }
    checking.value = true;
    const result = await intake.duplicates({
      categoryId: form.categoryId,
      gridId: form.gridId || null,
      title: form.title.trim(),
      description: form.description.trim().slice(0, 4000),
    });
    if (result === null) return; // a newer question is on its way
    checking.value = false;
    if (result.ok) {
      found.value = result.value;
      problem.value = '';
    } else {
      problem.value = t('duplicates.failed', { reason: errorText(result.error) });
    }
  }

  watch([() => form.title, () => form.categoryId, () => form.gridId], () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), TYPING_SETTLE_MS);
  });

  function dismiss(candidate: Duplicate): void {
    dismissed.value = new Set([...dismissed.value, candidate.id]);
  }

  function reset(): void {
    clearTimeout(timer);
    found.value = [];
    dismissed.value = new Set();
    checking.value = false;
    problem.value = '';
  }

  return { candidates, checking, problem, ready, dismiss, reset };
}
