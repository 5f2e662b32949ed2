import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InputOf, OutputOf } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';

type Listing = OutputOf<'reference.list'>;

/** The reference-data page: categories with their origin, routing rules, 一件事 templates. */
export const useReferenceAdminStore = defineStore('referenceAdmin', () => {
  const data = ref<Listing | null>(null);
  const loading = ref(false);
  const loadError = ref<ClientError | null>(null);

  const categories = computed(() => data.value?.categories ?? []);
  const topCategories = computed(() => categories.value.filter((c) => c.parentId === null));
  const categoryName = computed(() => new Map(categories.value.map((c) => [c.id, c.name])));
  const routingOf = computed(() => new Map((data.value?.routing ?? []).map((r) => [r.categoryId, r])));
  const templates = computed(() => data.value?.templates ?? []);

  async function load(): Promise<void> {
    loading.value = true;
    const result = await call('reference.list', {});
    loading.value = false;
    if (result.ok) {
      data.value = result.value;
      loadError.value = null;
    } else loadError.value = result.error;
  }

  async function run<T>(
    promise: Promise<{ ok: true; value: T } | { ok: false; error: ClientError }>,
  ): Promise<ClientError | null> {
    const result = await promise;
    if (!result.ok) return result.error;
    await load();
    return null;
  }

  const saveCategory = (input: InputOf<'reference.saveCategory'>) => run(call('reference.saveCategory', input));
  const setDisabled = (id: string, disabled: boolean) => run(call('reference.setCategoryDisabled', { id, disabled }));
  const deleteCategory = (id: string) => run(call('reference.deleteCategory', { id }));
  const setRouting = (input: InputOf<'reference.setRouting'>) => run(call('reference.setRouting', input));
  const saveTemplate = (input: InputOf<'reference.saveTemplate'>) => run(call('reference.saveTemplate', input));
  const deleteTemplate = (id: string) => run(call('reference.deleteTemplate', { id }));

  onPush('reference.changed', () => {
    if (data.value) void load();
  });

  return {
    data,
    loading,
    loadError,
    categories,
    topCategories,
    categoryName,
    routingOf,
    templates,
    load,
    saveCategory,
    setDisabled,
    deleteCategory,
    setRouting,
    saveTemplate,
    deleteTemplate,
  };
});
