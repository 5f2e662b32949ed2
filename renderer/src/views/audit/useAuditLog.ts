import { computed, onMounted, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AuditEntry } from '@common/contract';
import { useErrorText } from '@/composables/useErrorText';
import { useAuditStore } from '@/stores/audit';

const PAGE_SIZE = 100;

/** Record types people filter by; the core may log others, which still show untranslated. */
export const AUDIT_ENTITIES = ['township', 'village', 'grid', 'unit', 'user', 'session', 'event', 'backup'] as const;

/**
 * The audit log read page by page, newest first. Paging by cursor (the `seq`
 * of the last row seen) keeps pages stable while new entries keep arriving.
 */
export function useAuditLog() {
  const audit = useAuditStore();
  const { t, te } = useI18n();
  const { errorText } = useErrorText();

  const entity = ref<string>('');
  /** `beforeSeq` of every page up to the current one; the first page has none. */
  const cursors = ref<(number | undefined)[]>([undefined]);
  const pageNumber = computed(() => cursors.value.length);

  function loadCurrent(): Promise<void> {
    return audit.loadPage({
      limit: PAGE_SIZE,
      beforeSeq: cursors.value[cursors.value.length - 1],
      ...(entity.value ? { entity: entity.value } : {}),
    });
  }

  function first(): Promise<void> {
    cursors.value = [undefined];
    return loadCurrent();
  }

  function older(): void {
    const last = audit.entries[audit.entries.length - 1];
    if (!audit.more || !last) return;
    cursors.value = [...cursors.value, last.seq];
    void loadCurrent();
  }

  function newer(): void {
    if (cursors.value.length <= 1) return;
    cursors.value = cursors.value.slice(0, -1);
    void loadCurrent();
  }

  onMounted(() => void first());
  watch(entity, () => void first());

  const loadProblem = computed(() => (audit.loadError ? t('common.loadFailed', { reason: errorText(audit.loadError) }) : ''));

  /** Known actions and record types in words; anything newer as the core wrote it. */
  function actionLabel(entry: AuditEntry): string {
    // An event's moves are worded as on its timeline.
    if (entry.entity === 'event' && te(`timelineKinds.${entry.action}`)) return t(`timelineKinds.${entry.action}`);
    return te(`auditActions.${entry.action}`) ? t(`auditActions.${entry.action}`) : entry.action;
  }

  function entityLabel(name: string): string {
    return te(`entities.${name}`) ? t(`entities.${name}`) : name;
  }

  return { audit, entity, pageNumber, loadProblem, first, older, newer, actionLabel, entityLabel };
}
