import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CampaignDetail, CampaignRow, InputOf } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';

export type { CampaignDetail, CampaignRow };

/** Special campaigns (专项整治): the list, the open campaign and its unit reports. */
export const useCampaignsStore = defineStore('campaigns', () => {
  const rows = shallowRef<CampaignRow[]>([]);
  const detail = shallowRef<CampaignDetail | null>(null);
  const error = ref<ClientError | null>(null);
  let openId: string | null = null;

  async function loadList(): Promise<void> {
    const result = await call('campaigns.list', {});
    if (!result.ok) error.value = result.error;
    else rows.value = result.value;
  }

  async function open(id: string | null): Promise<void> {
    openId = id;
    if (!id) return void (detail.value = null);
    const result = await call('campaigns.get', { id });
    if (openId !== id) return;
    if (!result.ok) error.value = result.error;
    else detail.value = result.value;
  }

  async function report(input: InputOf<'campaigns.report'>): Promise<ClientError | null> {
    const result = await call('campaigns.report', input);
    if (!result.ok) return result.error;
    await open(openId);
    return null;
  }

  async function write<
    M extends 'campaigns.create' | 'campaigns.addTask' | 'campaigns.start' | 'campaigns.close' | 'campaigns.completeTask',
  >(method: M, input: InputOf<M>): Promise<ClientError | null> {
    const result = await call(method, input);
    if (!result.ok) return result.error;
    await loadList();
    const created = method === 'campaigns.create' ? (result.value as { id: string }).id : openId;
    await open(created);
    return null;
  }
  const create = (input: InputOf<'campaigns.create'>) => write('campaigns.create', input);
  const addTask = (input: InputOf<'campaigns.addTask'>) => write('campaigns.addTask', input);
  const start = (id: string) => write('campaigns.start', { id });
  const close = (id: string) => write('campaigns.close', { id });
  const completeTask = (taskId: string) => write('campaigns.completeTask', { taskId });

  onPush('campaigns.changed', (payload) => {
    if (rows.value.length) void loadList();
    if (openId && payload.ids.includes(openId)) void open(openId);
  });

  return { rows, detail, error, loadList, open, report, create, addTask, start, close, completeTask };
});
