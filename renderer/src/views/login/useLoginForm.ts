import { computed, reactive, ref, useTemplateRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import type { FormInstance, FormRules } from 'element-plus';
import type { ClientError } from '@/api/errors';
import { requiredRule } from '@/composables/formRules';
import { useErrorText } from '@/composables/useErrorText';
import { useAuthStore } from '@/stores/auth';

export function useLoginForm() {
  const auth = useAuthStore();
  const router = useRouter();
  const route = useRoute();
  const { t } = useI18n();
  const { errorText } = useErrorText();

  // Template refs by name: the page must use ref="loginForm" and ref="passwordInput".
  const formRef = useTemplateRef<FormInstance>('loginForm');
  const passwordInput = useTemplateRef<{ focus: () => void }>('passwordInput');
  const form = reactive({ username: '', password: '' });
  const submitting = ref(false);
  const error = ref<ClientError | null>(null);

  const rules: FormRules<typeof form> = {
    username: [requiredRule(() => t('login.usernameRequired'), 'blur')],
    password: [requiredRule(() => t('login.passwordRequired'), 'blur')],
  };

  // Kept as the error itself, translated on display, so switching language re-translates it.
  const errorMessage = computed(() => (error.value ? errorText(error.value) : ''));
  const sessionNotice = computed(() => (auth.endReason ? t(`login.sessionEnded.${auth.endReason}`) : ''));

  /** Only paths inside the app, so a crafted link cannot send people elsewhere after login. */
  function redirectTarget(): string {
    const target = route.query.redirect;
    return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/';
  }

  async function submit(): Promise<void> {
    if (submitting.value) return;
    if (!(await formRef.value?.validate().catch(() => false))) return;
    submitting.value = true;
    error.value = null;
    const failure = await auth.login(form.username.trim(), form.password);
    submitting.value = false;
    if (failure) {
      error.value = failure;
      form.password = '';
      passwordInput.value?.focus();
      return;
    }
    form.password = '';
    await router.replace(redirectTarget());
  }

  return { form, rules, submitting, errorMessage, sessionNotice, submit };
}
