import { ref, shallowRef } from 'vue';
import type { ClientError, ClientErrorCode } from '@/api/errors';
import { useErrorText } from './useErrorText';

/** Where an error code belongs in a particular form, and what to call it there. */
export interface ErrorPlacement<Field extends string> {
  /** The field an error code is about, e.g. DUPLICATE_NAME → 'name'. */
  fieldForCode?: Partial<Record<ClientErrorCode, Field>>;
  /** Wording for this form, e.g. DUPLICATE_NAME on a username: "该用户名已被使用". */
  wording?: Partial<Record<ClientErrorCode, () => string>>;
}

/**
 * Puts a failed save's error where the person will look: on the field it is
 * about (a duplicate name, a BAD_INPUT issue for a known field) or above the form.
 */
export function useServerErrors<Field extends string>(fieldMessages: Record<Field, () => string>) {
  const { errorText } = useErrorText();
  // Replaced, never mutated: a fresh object per failure is what el-form-item's `error` watcher needs.
  const fieldErrors = shallowRef<Partial<Record<Field, string>>>({});
  const formError = ref('');

  function clear(): void {
    fieldErrors.value = {};
    formError.value = '';
  }

  function setFieldError(field: Field, message: string): void {
    fieldErrors.value = { ...fieldErrors.value, [field]: message };
  }

  /** Call `clear()` before the request, then `show()` after: el-form-item only notices a changed error. */
  function show(error: ClientError, placement: ErrorPlacement<Field> = {}): void {
    const wording = placement.wording?.[error.code];
    const text = () => (wording ? wording() : errorText(error));
    const field = placement.fieldForCode?.[error.code];
    if (field) {
      setFieldError(field, text());
      return;
    }
    if (error.code === 'BAD_INPUT' && error.issues?.length) {
      const unplaced = error.issues.filter((issue) => {
        const field = issue.path.split('.')[0] as Field;
        if (!(field in fieldMessages)) return true;
        setFieldError(field, fieldMessages[field]());
        return false;
      });
      if (unplaced.length === 0) return;
      formError.value = errorText({ ...error, issues: unplaced });
      return;
    }
    formError.value = text();
  }

  return { fieldErrors, formError, clear, show, setFieldError };
}
