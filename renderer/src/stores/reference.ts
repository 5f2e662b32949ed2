import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { OutputOf } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';

export type Category = OutputOf<'events.reference'>['categories'][number];
export type MatterTemplate = OutputOf<'events.reference'>['templates'][number];

/** An option of Element Plus's cascader: a top-level category with its sub-categories. */
export type CategoryOption = {
  value: string;
  label: string;
  children?: CategoryOption[];
};

/** The event reference data forms need: the two-level category taxonomy and the one-matter templates (一件事). */
export const useReferenceStore = defineStore('reference', () => {
  const categories = ref<Category[]>([]);
  const templates = ref<MatterTemplate[]>([]);
  const loaded = ref(false);
  const loadError = ref<ClientError | null>(null);
  let inFlight: Promise<void> | null = null;

  const categoryById = computed(() => new Map(categories.value.map((category) => [category.id, category])));

  /** Top-level categories (parentId null) in the core's order, each with its children. */
  const categoryTree = computed<CategoryOption[]>(() => {
    const children = new Map<string, CategoryOption[]>();
    // Disabled categories stay for naming existing events, but are not offered for new ones.
    for (const category of categories.value) {
      if (category.parentId === null || category.disabled) continue;
      const list = children.get(category.parentId) ?? [];
      list.push({ value: category.id, label: category.name });
      children.set(category.parentId, list);
    }
    return categories.value
      .filter((category) => category.parentId === null && !category.disabled)
      .map((top) => {
        const kids = children.get(top.id);
        return kids?.length ? { value: top.id, label: top.name, children: kids } : { value: top.id, label: top.name };
      });
  });

  /** "消防安全 / 消防通道堵塞" for a sub-category, the name alone for a top-level one. */
  function categoryPath(id: string): string {
    const category = categoryById.value.get(id);
    if (!category) return '';
    const parent = category.parentId ? categoryById.value.get(category.parentId) : undefined;
    return parent ? `${parent.name} / ${category.name}` : category.name;
  }

  function load(): Promise<void> {
    inFlight ??= (async () => {
      const result = await call('events.reference', {});
      if (result.ok) {
        categories.value = result.value.categories;
        templates.value = result.value.templates;
        loaded.value = true;
        loadError.value = null;
      } else {
        loadError.value = result.error;
      }
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function ensureLoaded(): Promise<void> {
    return loaded.value ? Promise.resolve() : load();
  }

  function reset(): void {
    categories.value = [];
    templates.value = [];
    loaded.value = false;
    loadError.value = null;
  }

  // The administrator changed a category or a template: open forms pick it up.
  onPush('reference.changed', () => {
    if (loaded.value) void load();
  });

  return { categories, templates, loaded, loadError, categoryById, categoryTree, categoryPath, load, ensureLoaded, reset };
});
