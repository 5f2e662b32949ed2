import { createRouter, createWebHashHistory } from 'vue-router';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/townships' },
    { path: '/townships', component: () => import('./views/TownshipsPage.vue') },
    { path: '/events', component: () => import('./views/EventsPage.vue') },
    { path: '/escalations', component: () => import('./views/EscalationsPage.vue') },
    { path: '/assignments', component: () => import('./views/AssignmentsPage.vue') },
    { path: '/ranking', component: () => import('./views/RankingPage.vue') },
    { path: '/dashboard', component: () => import('./views/DashboardPage.vue') },
    { path: '/orders', component: () => import('./views/OrdersPage.vue') },
    { path: '/notices', component: () => import('./views/NoticesPage.vue') },
    { path: '/reference', component: () => import('./views/ReferencePage.vue') },
    { path: '/users', component: () => import('./views/UsersPage.vue') },
  ],
});
