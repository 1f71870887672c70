import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useOutboxStore } from './features/outbox/outbox.store';
import { i18n } from './i18n';
import { registerServiceWorker } from './pwa';
import { router } from './router';
import { usePreferencesStore } from './stores/preferences';
import './styles/theme.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
usePreferencesStore();
app.use(router);
app.mount('#app');
registerServiceWorker();
useOutboxStore().start();
