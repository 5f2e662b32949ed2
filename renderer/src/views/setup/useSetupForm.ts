import { computed, reactive, ref, useTemplateRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { ElMessage, ElMessageBox, type FormInstance, type FormRules } from 'element-plus';
import { contract } from '@common/contract';
import { TownshipCode } from '@common/contract/org';
import { Name } from '@common/contract/shared';
import { Username } from '@common/contract/users';
import { requiredRule, zodRule } from '@/composables/formRules';
import { useServerErrors } from '@/composables/useServerErrors';
import { useSetupStore } from '@/stores/setup';
import { isStrongPassword } from '@/utils/password';

type Field =
  'townshipName' | 'townshipCode' | 'countyName' | 'username' | 'displayName' | 'password' | 'passwordAgain' | 'setupCode';

/** The first-run form: the township and its first administrator, checked with the contract's own schemas. */
export function useSetupForm() {
  const setup = useSetupStore();
  const router = useRouter();
  const { t } = useI18n();
  const formRef = useTemplateRef<FormInstance>('setupForm');
  const form = reactive({
    townshipName: '',
    townshipCode: '',
    countyName: '',
    username: '',
    displayName: '',
    password: '',
    passwordAgain: '',
    setupCode: '',
  });
  const submitting = ref(false);
  const seeding = ref(false);
  const codeRequired = computed(() => setup.status?.codeRequired ?? false);
  const { fieldErrors, formError, clear, show } = useServerErrors<Field>({
    townshipName: () => t('setup.invalidName'),
    townshipCode: () => t('setup.invalidCode'),
    countyName: () => t('setup.invalidName'),
    username: () => t('setup.invalidUsername'),
    displayName: () => t('setup.invalidDisplayName'),
    password: () => t('setup.weakPassword'),
    passwordAgain: () => t('setup.mismatch'),
    setupCode: () => t('setup.required'),
  });

  const rules: FormRules<typeof form> = {
    townshipName: [zodRule(Name(40), () => t('setup.invalidName'))],
    townshipCode: [zodRule(TownshipCode, () => t('setup.invalidCode'))],
    countyName: [zodRule(Name(40), () => t('setup.invalidName'))],
    username: [zodRule(Username, () => t('setup.invalidUsername'))],
    displayName: [zodRule(Name(20), () => t('setup.invalidDisplayName'))],
    password: [
      requiredRule(() => t('setup.required'), 'blur'),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          isStrongPassword(value) && !(form.username && value.toLowerCase().includes(form.username.toLowerCase()))
            ? callback()
            : callback(new Error(t('setup.weakPassword'))),
      },
    ],
    passwordAgain: [
      requiredRule(() => t('setup.required'), 'blur'),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          value === form.password ? callback() : callback(new Error(t('setup.mismatch'))),
      },
    ],
    setupCode: [
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          !codeRequired.value || value.trim() ? callback() : callback(new Error(t('setup.required'))),
      },
    ],
  };

  const code = () => (codeRequired.value && form.setupCode.trim() ? { setupCode: form.setupCode.trim() } : {});

  async function submit(): Promise<void> {
    if (submitting.value) return;
    form.townshipCode = form.townshipCode.trim().toUpperCase();
    if (!(await formRef.value?.validate().catch(() => false))) return;
    const input = {
      townshipName: form.townshipName,
      townshipCode: form.townshipCode,
      countyName: form.countyName,
      username: form.username.trim(),
      displayName: form.displayName,
      password: form.password,
      passwordAgain: form.passwordAgain,
      ...code(),
    };
    // The contract decides; the check here only saves a round trip.
    if (!contract['setup.create'].input.safeParse(input).success) return;
    submitting.value = true;
    clear();
    const failure = await setup.create(input);
    submitting.value = false;
    if (failure) {
      show(failure, { fieldForCode: { WEAK_PASSWORD: 'password', DUPLICATE_NAME: 'username' } });
      return;
    }
    form.password = '';
    form.passwordAgain = '';
    ElMessage.success(t('setup.done'));
    await router.replace({ name: 'login' });
  }

  async function createDemo(): Promise<void> {
    if (seeding.value) return;
    const confirmed = await ElMessageBox.confirm(t('setup.demoConfirm'), t('setup.demo'), { type: 'warning' })
      .then(() => true)
      .catch(() => false);
    if (!confirmed) return;
    seeding.value = true;
    clear();
    const failure = await setup.createDemo(code().setupCode);
    seeding.value = false;
    if (failure) {
      show(failure);
      return;
    }
    ElMessage.success({ message: t('setup.demoDone'), duration: 8000 });
    await router.replace({ name: 'login' });
  }

  return { form, rules, submitting, seeding, codeRequired, fieldErrors, formError, submit, createDemo };
}
