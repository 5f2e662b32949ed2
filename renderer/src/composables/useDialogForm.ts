import { ref, useTemplateRef } from 'vue';
import { ElMessage, type FormInstance } from 'element-plus';
import type { ClientError } from '@/api/errors';
import { useServerErrors, type ErrorPlacement } from './useServerErrors';

/** `save` resolves to this when the form holds no change: nothing to send, just close. */
export const UNCHANGED = 'unchanged';

export interface DialogFormOptions<Field extends string> {
  /** What to show on a field when the core reports a BAD_INPUT issue for it. */
  fieldMessages: Record<Field, () => string>;
  /** Which error codes belong on which field, and form-specific wording. */
  placement?: ErrorPlacement<NoInfer<Field>>;
  save: () => Promise<ClientError | null | typeof UNCHANGED>;
  successMessage: () => string;
  done: () => void;
}

/** The template ref name the dialog's el-form must carry: `<el-form ref="dialogForm">`. */
export const DIALOG_FORM_REF = 'dialogForm';

/** The submit cycle every create/edit dialog shares: validate, send, place the error or confirm and close. */
export function useDialogForm<Field extends string>(options: DialogFormOptions<Field>) {
  const formRef = useTemplateRef<FormInstance>(DIALOG_FORM_REF);
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(options.fieldMessages);

  async function submit(): Promise<void> {
    if (saving.value) return;
    if (!(await formRef.value?.validate().catch(() => false))) return;
    clear();
    saving.value = true;
    const outcome = await options.save();
    saving.value = false;
    if (outcome === null) ElMessage.success(options.successMessage());
    if (outcome === null || outcome === UNCHANGED) {
      options.done();
      return;
    }
    show(outcome, options.placement);
  }

  /** When the dialog opens again: no leftover messages from last time. */
  function resetValidation(): void {
    clear();
    formRef.value?.clearValidate();
  }

  return { saving, fieldErrors, formError, submit, resetValidation };
}
