import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { MethodName } from '@common/contract';
import { FEATURES, mayCall, type Feature } from '@/features';
import AppShell from '@/components/shell/AppShell.vue';
import { useAuthStore } from '@/stores/auth';
import { useSetupStore } from '@/stores/setup';
import AssessmentPage from '@/views/assessment/index.vue';
import AuditPage from '@/views/audit/index.vue';
import BackupsPage from '@/views/backups/index.vue';
import ServerPage from '@/views/server/index.vue';
import CalendarPage from '@/views/calendar/index.vue';
import CampaignsPage from '@/views/campaigns/index.vue';
import DashboardPage from '@/views/dashboard/index.vue';
import EventDetailPage from '@/views/events/detail/index.vue';
import EventsPage from '@/views/events/index.vue';
import HomePage from '@/views/home/index.vue';
import IotIncidentPage from '@/views/iot/IncidentPage.vue';
import IotPage from '@/views/iot/index.vue';
import LoginPage from '@/views/login/index.vue';
import NoticesPage from '@/views/notices/index.vue';
import OrgPage from '@/views/org/index.vue';
import ReferencePage from '@/views/reference/index.vue';
import RiskPage from '@/views/risk/index.vue';
import ReviewsPage from '@/views/reviews/index.vue';
import MonthlyPage from '@/views/monthly/index.vue';
import OrderDetailPage from '@/views/supervision/detail/index.vue';
import SupervisionPage from '@/views/supervision/index.vue';
import SetupPage from '@/views/setup/index.vue';
import SyncPage from '@/views/sync/index.vue';
import UsersPage from '@/views/users/index.vue';
import VillageMapPage from '@/views/villageMap/index.vue';
import WallPage from '@/views/wall/index.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** The contract method whose roles decide who may open the page. */
    gate?: MethodName;
  }
}

/** Pages are gated by the same contract method as their menu entry. */
function gateOf(name: Feature['name']): MethodName | undefined {
  return FEATURES.find((feature) => feature.name === name)?.gate ?? undefined;
}

// Pages are bundled, not lazy-loaded: the app is read from disk (Electron) or a
// local host, and a lazy chunk cannot load while the webhost restarts.
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  // The first start of a room server with no township: nothing else opens until it is set up.
  { path: '/setup', name: 'setup', component: SetupPage, meta: { public: true } },
  // The wall display fills the screen: no menu, no header, nothing to click.
  { path: '/wall', name: 'wall', component: WallPage, meta: { gate: gateOf('dashboard') } },
  {
    path: '/',
    component: AppShell,
    children: [
      { path: '', name: 'home', component: HomePage },
      { path: 'dashboard', name: 'dashboard', component: DashboardPage, meta: { gate: gateOf('dashboard') } },
      { path: 'village-map', name: 'villageMap', component: VillageMapPage, meta: { gate: gateOf('villageMap') } },
      { path: 'events', name: 'events', component: EventsPage, meta: { gate: gateOf('events') } },
      { path: 'events/:id', name: 'event-detail', component: EventDetailPage, props: true, meta: { gate: 'events.get' } },
      { path: 'supervision', name: 'supervision', component: SupervisionPage, meta: { gate: gateOf('supervision') } },
      {
        path: 'supervision/:id',
        name: 'supervision-order',
        component: OrderDetailPage,
        props: true,
        meta: { gate: 'supervision.get' },
      },
      { path: 'risk', name: 'risk', component: RiskPage, meta: { gate: gateOf('risk') } },
      { path: 'campaigns', name: 'campaigns', component: CampaignsPage, meta: { gate: gateOf('campaigns') } },
      { path: 'reviews', name: 'reviews', component: ReviewsPage, meta: { gate: gateOf('reviews') } },
      { path: 'monthly', name: 'monthly', component: MonthlyPage, meta: { gate: gateOf('monthly') } },
      { path: 'iot', name: 'iot', component: IotPage, meta: { gate: gateOf('iot') } },
      {
        path: 'iot/incidents/:eventId',
        name: 'iot-incident',
        component: IotIncidentPage,
        props: true,
        meta: { gate: 'iot.incident' },
      },
      { path: 'assessment', name: 'assessment', component: AssessmentPage, meta: { gate: gateOf('assessment') } },
      { path: 'org', name: 'org', component: OrgPage, meta: { gate: gateOf('org') } },
      { path: 'calendar', name: 'calendar', component: CalendarPage, meta: { gate: gateOf('calendar') } },
      { path: 'reference', name: 'reference', component: ReferencePage, meta: { gate: gateOf('reference') } },
      { path: 'users', name: 'users', component: UsersPage, meta: { gate: gateOf('users') } },
      { path: 'audit', name: 'audit', component: AuditPage, meta: { gate: gateOf('audit') } },
      { path: 'backups', name: 'backups', component: BackupsPage, meta: { gate: gateOf('backups') } },
      { path: 'server', name: 'server', component: ServerPage, meta: { gate: gateOf('server') } },
      { path: 'notices', name: 'notices', component: NoticesPage, meta: { gate: gateOf('notices') } },
      { path: 'sync', name: 'sync', component: SyncPage, meta: { gate: gateOf('sync') } },
    ],
  },
  { path: '/:unknown(.*)*', redirect: '/' },
];

// Hash history: Electron loads the app from file://, where path-based URLs cannot be resolved.
export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
  const setup = useSetupStore();
  await setup.ensureLoaded();
  if (setup.status?.needed) return to.name === 'setup' ? true : { name: 'setup' };
  if (to.name === 'setup') return { name: 'login' };
  const auth = useAuthStore();
  await auth.ensureLoaded();
  if (to.meta.public) {
    return to.name === 'login' && auth.user ? { name: 'home' } : true;
  }
  if (!auth.user) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  if (to.meta.gate && !mayCall(auth.user.role, to.meta.gate)) return { name: 'home' };
  return true;
});
