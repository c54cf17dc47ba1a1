import PrimeVue from 'primevue/config';
import ConfirmationService from 'primevue/confirmationservice';
import ToastService from 'primevue/toastservice';
import Tooltip from 'primevue/tooltip';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import 'primeicons/primeicons.css';
import './styles/base.css';
import './styles/list-page.css';
import './styles/choice-group.css';
import './styles/feedback.css';
import { http } from './api/http.ts';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { keepFocusTheUserPlacedInDialogs } from './lib/dialog-focus.ts';
import { buildRouter } from './router/index.ts';
import { useAuthStore } from './stores/auth.ts';
import { useConnectionStore } from './stores/connection.ts';
import { resetPlugin } from './stores/reset.ts';
import { LontarPreset } from './theme/preset.ts';
import { primeVueLocaleId } from './theme/primevue-locale.ts';

const app = createApp(App);
const pinia = createPinia();
pinia.use(resetPlugin);
app.use(pinia);

const auth = useAuthStore(pinia);
const connection = useConnectionStore(pinia);
const router = buildRouter();

http.configure({
  csrfToken: () => auth.csrfToken,
  onUnreachable: () => connection.markUnreachable(),
  onReachable: () => connection.markReachable(),
  onUnauthenticated: () => {
    // The session ended under the user: back to login, then back to where they were.
    const wasAuthenticated = auth.isAuthenticated;
    auth.markExpired();
    const current = router.currentRoute.value;
    if (wasAuthenticated && !current.meta.public) {
      void router.push({ name: 'login', query: { redirect: current.fullPath } });
    }
  },
});

app.use(router);
app.use(i18n);
keepFocusTheUserPlacedInDialogs();
app.use(PrimeVue, {
  theme: {
    preset: LontarPreset,
    options: { darkModeSelector: '.lontar-dark', cssLayer: false },
  },
  locale: primeVueLocaleId,
  ripple: false,
});
app.use(ToastService);
app.use(ConfirmationService);
app.directive('tooltip', Tooltip);

app.mount('#app');
