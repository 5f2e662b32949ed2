import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call } from '../api';
import type { Escalation, EventDetail, EventRow, Sent } from '../types';

export interface EventFilter {
  townshipId?: string;
  state?: string;
  category?: string;
  overdue?: boolean;
  search?: string;
}
export interface AssignmentInput {
  townshipId: string;
  title: string;
  description: string;
  category: string;
  requestType: string;
  priority: string;
  riskColour: string;
  village: string;
  address: string;
  handleDueAt: string;
}

export const useEventsStore = defineStore('events', () => {
  const rows = ref<EventRow[]>([]);
  const total = ref(0);
  const categories = ref<string[]>([]);
  const escalations = ref<Escalation[]>([]);
  const assignments = ref<(Sent & { eventId: string | null; state: string | null; townshipSerial: string | null })[]>([]);

  async function load(filter: EventFilter, page: number, size: number) {
    const value = await call<{ rows: EventRow[]; total: number; categories: string[] }>('events.list', {
      ...filter,
      limit: size,
      offset: (page - 1) * size,
    });
    rows.value = value.rows;
    total.value = value.total;
    categories.value = value.categories;
  }
  const detail = (townshipId: string, eventId: string) => call<EventDetail>('events.detail', { townshipId, eventId });
  const assign = (input: AssignmentInput) => call<{ serial: string; countyRef: string }>('assignments.create', input);
  async function loadAssignments() {
    assignments.value = (await call<{ assignments: typeof assignments.value }>('assignments.list')).assignments;
  }
  async function loadEscalations() {
    escalations.value = (await call<{ escalations: Escalation[] }>('escalations.list')).escalations;
  }
  async function decide(townshipId: string, eventId: string, decision: 'accepted' | 'returned', note: string) {
    await call('escalations.decide', { townshipId, eventId, decision, note });
    await loadEscalations();
  }
  const updateCountyState = (townshipId: string, eventId: string, state: string, note: string) =>
    call('countyEvents.update', { townshipId, eventId, state, note });
  return {
    rows,
    total,
    categories,
    escalations,
    assignments,
    load,
    detail,
    assign,
    loadAssignments,
    loadEscalations,
    decide,
    updateCountyState,
  };
});
