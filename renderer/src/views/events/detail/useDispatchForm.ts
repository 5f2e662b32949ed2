import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormItemRule } from 'element-plus';
import { PLATFORMS } from '@common/org';
import { requiredRule } from '@/composables/formRules';
import { useDialogForm } from '@/composables/useDialogForm';
import { useErrorText } from '@/composables/useErrorText';
import { useAuthStore } from '@/stores/auth';
import { useEventDetailStore, type EventDetail, type RoutingAdvice } from '@/stores/eventDetail';
import { useOrgStore } from '@/stores/org';
import { useReferenceStore, type MatterTemplate } from '@/stores/reference';
import { parseChinaDateTime } from '@/utils/time';

export const INSTRUCTIONS_MAX = 2000;
const MAX_ASSISTS = 10;

export interface DispatchForm {
  templateId: string;
  leadUnitId: string;
  assistUnitIds: string[];
  instructions: string;
  /** The director's own handling deadline, 'YYYY-MM-DD HH:mm'; empty: by the rules. */
  handleDueAt: string;
}

/**
 * Dispatching (派遣): the routing advice for this event (suggested units,
 * one-matter templates, the deadlines the rules give), the lead and assisting
 * units, instructions, and the director's deadline override.
 */
export function useDispatchForm(props: { open: boolean; event: EventDetail }, close: () => void) {
  const detail = useEventDetailStore();
  const org = useOrgStore();
  const reference = useReferenceStore();
  const auth = useAuthStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();

  const form = reactive<DispatchForm>({ templateId: '', leadUnitId: '', assistUnitIds: [], instructions: '', handleDueAt: '' });
  const advice = shallowRef<RoutingAdvice | null>(null);
  const adviceLoading = ref(false);
  const adviceProblem = ref('');
  // Only the director may set the deadline by hand; the core checks it too.
  const mayOverrideDue = computed(() => auth.user?.role === 'director');

  const unitGroups = computed(() =>
    PLATFORMS.map((platform) => ({ platform, units: org.units.filter((unit) => unit.platform === platform) })).filter(
      (group) => group.units.length > 0,
    ),
  );
  /** Templates for this event's category first, then the others. */
  const templateGroups = computed(() => {
    const suggested = advice.value?.templates ?? [];
    const suggestedIds = new Set(suggested.map((template) => template.id));
    const others = reference.templates.filter((template) => !suggestedIds.has(template.id));
    return [
      { key: 'suggested', templates: suggested },
      { key: 'others', templates: others },
    ].filter((group) => group.templates.length > 0);
  });

  function unitName(id: string): string {
    return org.unitById.get(id)?.name ?? id;
  }

  function setLead(unitId: string): void {
    form.leadUnitId = unitId;
    form.assistUnitIds = form.assistUnitIds.filter((id) => id !== unitId);
  }

  function addAssist(unitId: string): void {
    if (unitId === form.leadUnitId || form.assistUnitIds.includes(unitId) || form.assistUnitIds.length >= MAX_ASSISTS) return;
    form.assistUnitIds = [...form.assistUnitIds, unitId];
  }

  function applyTemplate(template: MatterTemplate | undefined): void {
    if (!template) return;
    const lead = template.units.find((unit) => unit.role === 'lead');
    if (lead) form.leadUnitId = lead.unitId;
    form.assistUnitIds = template.units
      .filter((unit) => unit.role === 'assist' && unit.unitId !== form.leadUnitId)
      .map((unit) => unit.unitId)
      .slice(0, MAX_ASSISTS);
    form.instructions = template.instructions;
  }

  watch(
    () => form.templateId,
    (id) => {
      if (!id) return;
      const all = [...(advice.value?.templates ?? []), ...reference.templates];
      applyTemplate(all.find((template) => template.id === id));
    },
  );
  watch(
    () => form.leadUnitId,
    (lead) => (form.assistUnitIds = form.assistUnitIds.filter((id) => id !== lead)),
  );

  async function loadAdvice(): Promise<void> {
    adviceLoading.value = true;
    const result = await detail.routing(props.event.id);
    adviceLoading.value = false;
    if (result.ok) {
      advice.value = result.value;
      adviceProblem.value = '';
    } else {
      adviceProblem.value = t('act.dispatch.routingFailed', { reason: errorText(result.error) });
    }
  }

  const messages = {
    leadUnitId: () => t('act.dispatch.leadRule'),
    assistUnitIds: () => t('validation.selectRequired'),
    instructions: () => t('act.noteRule', { max: INSTRUCTIONS_MAX }),
    handleDueAt: () => t('act.dispatch.dueRule'),
    templateId: () => t('validation.selectRequired'),
  };
  const rules: Partial<Record<keyof DispatchForm, FormItemRule[]>> = {
    leadUnitId: [requiredRule(messages.leadUnitId)],
    handleDueAt: [
      {
        trigger: 'change',
        validator: (_rule, value: string, callback) =>
          !value || parseChinaDateTime(value) > Date.now() ? callback() : callback(new Error(messages.handleDueAt())),
      },
    ],
  };

  const { saving, fieldErrors, formError, submit, resetValidation } = useDialogForm({
    fieldMessages: messages,
    successMessage: () => t('act.done', { action: t('eventActions.dispatch') }),
    done: close,
    save: () =>
      detail.act({
        action: 'dispatch',
        id: props.event.id,
        leadUnitId: form.leadUnitId,
        assistUnitIds: form.assistUnitIds,
        instructions: form.instructions.trim(),
        ...(form.templateId ? { templateId: form.templateId } : {}),
        ...(mayOverrideDue.value && form.handleDueAt ? { handleDueAt: parseChinaDateTime(form.handleDueAt) } : {}),
      }),
  });

  watch(
    () => props.open,
    (open) => {
      if (!open) return;
      Object.assign(form, { templateId: '', leadUnitId: '', assistUnitIds: [], instructions: '', handleDueAt: '' });
      advice.value = null;
      adviceProblem.value = '';
      resetValidation();
      void org.ensureLoaded();
      void reference.ensureLoaded();
      void loadAdvice();
    },
    { immediate: true },
  );

  return {
    form,
    rules,
    advice,
    adviceLoading,
    adviceProblem,
    mayOverrideDue,
    unitGroups,
    templateGroups,
    unitName,
    setLead,
    addAssist,
    saving,
    fieldErrors,
    formError,
    submit,
  };
}
