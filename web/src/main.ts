import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import { usePreferencesStore } from './stores/preferences';
import './styles/theme.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
usePreferencesStore();
app.use(router);
app.mount('#app');
