import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import 'element-plus/theme-chalk/dark/css-vars.css';
import './styles/command-room.css';
import './styles/phone.css';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);
// Registered globally: every page uses Element Plus, and the desktop bundle is loaded from disk.
app.use(ElementPlus);
app.mount('#app');
