import { defineStore } from 'pinia';
import { ref } from 'vue';
import { call } from '../api';
import type { Figures, Order, ReferenceSet, Role, Sent, User } from '../types';

/** The county's other desks: dashboard, orders, notices, reference data, users. */
export const useOperationsStore = defineStore('operations', () => {
  const figures = ref<Figures | null>(null);
  const orders = ref<Order[]>([]);
  const notices = ref<Sent[]>([]);
  const reference = ref<ReferenceSet[]>([]);
  const users = ref<User[]>([]);

  async function loadFigures(from: string, to: string) {
    figures.value = await call<Figures>('dashboard.figures', { from, to });
  }
  async function loadOrders() {
    orders.value = (await call<{ orders: Order[] }>('orders.list')).orders;
  }
  async function createOrder(input: Record<string, unknown>) {
    const value = await call<{ serial: string }>('orders.create', input);
    await loadOrders();
    return value;
  }
  async function loadNotices() {
    notices.value = (await call<{ notices: Sent[] }>('notices.list')).notices;
  }
  async function createNotice(townshipIds: string[], title: string, body: string) {
    const value = await call<{ sent: number }>('notices.create', { townshipIds, title, body });
    await loadNotices();
    return value;
  }
  async function loadReference() {
    reference.value = (await call<{ reference: ReferenceSet[] }>('reference.list')).reference;
  }
  async function publishReference(kind: string, items: unknown[]) {
    const value = await call<{ version: number; townships: number }>('reference.publish', { kind, items });
    await loadReference();
    return value;
  }
  async function loadUsers() {
    users.value = (await call<{ users: User[] }>('users.list')).users;
  }
  async function createUser(username: string, displayName: string, role: Role) {
    const value = await call<{ oneTimePassword: string }>('users.create', { username, displayName, role });
    await loadUsers();
    return value.oneTimePassword;
  }
  async function setDisabled(id: string, disabled: boolean) {
    await call('users.setDisabled', { id, disabled });
    await loadUsers();
  }
  return {
    figures,
    orders,
    notices,
    reference,
    users,
    loadFigures,
    loadOrders,
    createOrder,
    loadNotices,
    createNotice,
    loadReference,
    publishReference,
    loadUsers,
    createUser,
    setDisabled,
  };
});
