import { computed, onMounted, onUnmounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage, ElMessageBox } from 'element-plus';
import type { UserRow } from '@common/contract';
import type { Role } from '@common/roles';
import type { ClientError } from '@/api/errors';
import { useErrorText } from '@/composables/useErrorText';
import { useAuthStore } from '@/stores/auth';
import { useOrgStore } from '@/stores/org';
import { useUsersStore } from '@/stores/users';

export type AccountStatus = 'active' | 'disabled' | 'locked';

/** The users admin page: filtering, status, and the row actions. */
export function useUsersPage() {
  const users = useUsersStore();
  const org = useOrgStore();
  const auth = useAuthStore();
  const { t } = useI18n();
  const { errorText } = useErrorText();

  const search = ref('');
  const roleFilter = ref<Role | ''>('');
  const editDialog = ref<{ open: boolean; user: UserRow | null }>({ open: false, user: null });
  const resetDialog = ref<{ open: boolean; user: UserRow | null }>({ open: false, user: null });

  // Lockouts expire on their own: re-evaluate statuses every few seconds instead of only on reload.
  const now = ref(Date.now());
  let clock: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    void users.load();
    void org.ensureLoaded(); // unit names
    clock = setInterval(() => (now.value = Date.now()), 5_000);
  });
  onUnmounted(() => clearInterval(clock));

  const rows = computed(() => {
    const needle = search.value.trim().toLowerCase();
    return users.list.filter(
      (user) =>
        (!roleFilter.value || user.role === roleFilter.value) &&
        (!needle || user.username.toLowerCase().includes(needle) || user.displayName.toLowerCase().includes(needle)),
    );
  });

  const loadProblem = computed(() => (users.loadError ? t('common.loadFailed', { reason: errorText(users.loadError) }) : ''));

  function statusOf(user: UserRow): AccountStatus {
    if (user.disabled) return 'disabled';
    if (user.lockedUntil !== null && user.lockedUntil > now.value) return 'locked';
    return 'active';
  }

  function unitName(user: UserRow): string {
    return user.unitId ? (org.unitById.get(user.unitId)?.name ?? t('common.none')) : t('common.none');
  }

  function isSelf(user: UserRow): boolean {
    return auth.user?.id === user.id;
  }

  function report(error: ClientError | null, success: string): void {
    if (error) ElMessage.error({ message: errorText(error), duration: 6000, showClose: true });
    else ElMessage.success(success);
  }

  async function toggleDisabled(user: UserRow): Promise<void> {
    if (!user.disabled) {
      try {
        await ElMessageBox.confirm(t('users.disableConfirm', { name: user.displayName }), t('users.disable'), {
          type: 'warning',
          confirmButtonText: t('users.disable'),
          cancelButtonText: t('common.cancel'),
          confirmButtonClass: 'el-button--danger',
        });
      } catch {
        return;
      }
    }
    const disabling = !user.disabled;
    report(await users.setDisabled(user.id, disabling), disabling ? t('users.disabled') : t('users.enabled'));
  }

  async function unlock(user: UserRow): Promise<void> {
    report(await users.unlock(user.id), t('users.unlocked'));
  }

  return {
    users,
    search,
    roleFilter,
    rows,
    loadProblem,
    editDialog,
    resetDialog,
    statusOf,
    unitName,
    isSelf,
    toggleDisabled,
    unlock,
  };
}
