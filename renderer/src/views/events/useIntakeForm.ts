import { computed, reactive, ref, useTemplateRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage, type FormInstance, type FormItemRule } from 'element-plus';
import { NewEvent } from '@common/contract';
import type { IntakeSource, Priority, RequestType, RiskColour } from '@common/events';
import { blankToNull, requiredRule, zodRule } from '@/composables/formRules';
import { useErrorText } from '@/composables/useErrorText';
import { useServerErrors } from '@/composables/useServerErrors';
import { useEventIntakeStore, type Created } from '@/stores/eventIntake';
import { useOrgStore } from '@/stores/org';
import type { Photo } from '@/utils/photos';
import { parseChinaDateTime } from '@/utils/time';
import { useDuplicateCheck } from './useDuplicateCheck';

const fields = NewEvent.shape;
export const TITLE_MAX = fields.title.maxLength ?? 80;
export const DESCRIPTION_MAX = 4000;
export const ADDRESS_MAX = 200;
export const REPORTER_NAME_MAX = 40;
/** The core accepts a report time a few minutes ahead (clocks differ), no more. */
const CLOCK_SLACK_MS = 5 * 60_000;

export interface IntakeForm {
  title: string;
  description: string;
  categoryId: string;
  requestType: RequestType;
  source: IntakeSource;
  priority: Priority;
  riskColour: RiskColour;
  villageId: string;
  gridId: string;
  address: string;
  reporterName: string;
  reporterPhone: string;
  /** 'YYYY-MM-DD HH:mm' on the township's clock; empty means now. */
  reportedAt: string;
  photos: Photo[];
  register: boolean;
}

function blankForm(): IntakeForm {
  return {
    title: '',
    description: '',
    categoryId: '',
    requestType: 'request',
    source: 'walk_in',
    priority: 'normal',
    riskColour: 'green',
    villageId: '',
    gridId: '',
    address: '',
    reporterName: '',
    reporterPhone: '',
    reportedAt: '',
    photos: [],
    register: true,
  };
}

function maxLengthRule(max: number, message: () => string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: string, callback) => (value.trim().length <= max ? callback() : callback(new Error(message()))),
  };
}

/** What happened on a successful intake, for the dialog to say and to open. */
export interface IntakeOutcome {
  created: Created;
  mergedInto: { id: string; serial: string } | null;
}

/** The intake form: fields mirroring the contract's NewEvent, duplicates while typing, take in or merge. */
export function useIntakeForm() {
  const intake = useEventIntakeStore();
  const org = useOrgStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();
  const formRef = useTemplateRef<FormInstance>('intakeForm');
  const form = reactive<IntakeForm>(blankForm());
  const saving = ref(false);

  const messages = {
    title: () => t('intake.titleRule', { max: TITLE_MAX }),
    description: () => t('intake.descriptionRule', { max: DESCRIPTION_MAX }),
    categoryId: () => t('intake.categoryRule'),
    requestType: () => t('validation.selectRequired'),
    source: () => t('validation.selectRequired'),
    priority: () => t('validation.selectRequired'),
    riskColour: () => t('validation.selectRequired'),
    villageId: () => t('validation.selectRequired'),
    gridId: () => t('validation.selectRequired'),
    address: () => t('intake.addressRule', { max: ADDRESS_MAX }),
    reporterName: () => t('intake.reporterNameRule', { max: REPORTER_NAME_MAX }),
    reporterPhone: () => t('validation.phone'),
    reportedAt: () => t('intake.reportedAtRule'),
    photos: () => t('photos.hint'),
  };
  const rules: Partial<Record<keyof IntakeForm, FormItemRule[]>> = {
    title: [zodRule(fields.title, messages.title)],
    description: [zodRule(fields.description, messages.description)],
    categoryId: [requiredRule(messages.categoryId)],
    requestType: [requiredRule(messages.requestType)],
    source: [requiredRule(messages.source)],
    priority: [requiredRule(messages.priority)],
    address: [maxLengthRule(ADDRESS_MAX, messages.address)],
    reporterName: [maxLengthRule(REPORTER_NAME_MAX, messages.reporterName)],
    reporterPhone: [zodRule(fields.reporterPhone, messages.reporterPhone)],
    reportedAt: [
      {
        trigger: 'change',
        validator: (_rule, value: string, callback) =>
          !value || parseChinaDateTime(value) <= Date.now() + CLOCK_SLACK_MS
            ? callback()
            : callback(new Error(messages.reportedAt())),
      },
    ],
  };
  const { fieldErrors, formError, clear, show } = useServerErrors(messages);

  const gridOptions = computed(() => (form.villageId ? (org.gridsByVillage.get(form.villageId) ?? []) : []));
  watch(
    () => form.villageId,
    () => {
      if (form.gridId && !gridOptions.value.some((grid) => grid.id === form.gridId)) form.gridId = '';
    },
  );

  const duplicates = useDuplicateCheck(form);

  function toNewEvent(register: boolean): NewEvent {
    return {
      title: form.title.trim(),
      description: form.description.trim(),
      categoryId: form.categoryId,
      requestType: form.requestType,
      source: form.source,
      priority: form.priority,
      riskColour: form.riskColour,
      villageId: form.villageId || null,
      gridId: form.gridId || null,
      address: form.address.trim(),
      reporterName: blankToNull(form.reporterName),
      reporterPhone: blankToNull(form.reporterPhone),
      ...(form.reportedAt ? { reportedAt: parseChinaDateTime(form.reportedAt) } : {}),
      photos: form.photos,
      register,
    };
  }

  /**
   * Validate and take the event in; with `mergeInto`, merge it into that
   * event straight away (unregistered: a duplicate is not a new case).
   * Resolves to null when nothing was created.
   */
  async function submit(mergeInto?: { id: string; serial: string }): Promise<IntakeOutcome | null> {
    if (saving.value) return null;
    if (!(await formRef.value?.validate().catch(() => false))) return null;
    clear();
    saving.value = true;
    try {
      const result = await intake.create(toNewEvent(mergeInto ? false : form.register));
      if (!result.ok) {
        show(result.error, {
          fieldForCode: { UNSUPPORTED_FILE: 'photos', TOO_LARGE: 'photos' },
          wording: { NOT_FOUND: () => t('errors.NOT_FOUND') },
        });
        return null;
      }
      if (!mergeInto) return { created: result.value, mergedInto: null };
      const mergeError = await intake.merge(result.value.id, mergeInto.id);
      if (mergeError) {
        // The event exists now: say so, rather than invite a second intake of it.
        ElMessage.warning({
          message: t('intake.mergeFailed', { serial: result.value.serial, reason: errorText(mergeError) }),
          duration: 8000,
          showClose: true,
        });
        return { created: result.value, mergedInto: null };
      }
      return { created: result.value, mergedInto: mergeInto };
    } finally {
      saving.value = false;
    }
  }

  function reset(): void {
    Object.assign(form, blankForm());
    duplicates.reset();
    clear();
    formRef.value?.clearValidate();
  }

  return { form, rules, saving, fieldErrors, formError, gridOptions, duplicates, submit, reset };
}
