import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { InputOf, ReviewCandidate, ReviewDetail, ReviewRow } from '@common/contract';
import { call, onPush, type ClientError } from '@/api/client';
import { saveFile } from '@/utils/caseFiles';

export type { ReviewCandidate, ReviewDetail, ReviewRow };

type WriteMethod =
  | 'reviews.writeFindings'
  | 'reviews.addImprovement'
  | 'reviews.orderImprovement'
  | 'reviews.completeImprovement'
  | 'reviews.conclude'
  | 'reviews.close';

/** After-action reviews (复盘): the year's list, the open review, and the events a review may be opened for. */
export const useReviewsStore = defineStore('reviews', () => {
  const rows = shallowRef<ReviewRow[]>([]);
  const detail = shallowRef<ReviewDetail | null>(null);
  const candidates = shallowRef<ReviewCandidate[]>([]);
  const error = ref<ClientError | null>(null);
  let openId: string | null = null;

  async function loadList(): Promise<void> {
    const result = await call('reviews.list', {});
    if (!result.ok) error.value = result.error;
    else {
      error.value = null;
      rows.value = result.value;
    }
  }

  async function open(id: string | null): Promise<void> {
    openId = id;
    if (!id) return void (detail.value = null);
    const result = await call('reviews.get', { id });
    if (openId !== id) return;
    if (!result.ok) error.value = result.error;
    else detail.value = result.value;
  }

  async function loadCandidates(): Promise<ClientError | null> {
    const result = await call('reviews.candidates', {});
    if (!result.ok) return result.error;
    candidates.value = result.value;
    return null;
  }

  async function openReview(input: InputOf<'reviews.open'>): Promise<ClientError | null> {
    const result = await call('reviews.open', input);
    if (!result.ok) return result.error;
    await Promise.all([loadList(), open(result.value.id)]);
    return null;
  }

  async function write<M extends WriteMethod>(method: M, input: InputOf<M>): Promise<ClientError | null> {
    const result = await call(method, input);
    if (!result.ok) return result.error;
    await Promise.all([loadList(), open(openId)]);
    return null;
  }

  async function printReport(id: string): Promise<ClientError | null> {
    const result = await call('reviews.reportPdf', { id });
    if (!result.ok) return result.error;
    saveFile(result.value);
    return null;
  }

  onPush('reviews.changed', (payload) => {
    if (rows.value.length) void loadList();
    if (openId && payload.ids.includes(openId)) void open(openId);
  });

  return { rows, detail, candidates, error, loadList, open, loadCandidates, openReview, write, printReport };
});
