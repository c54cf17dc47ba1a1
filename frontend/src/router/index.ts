import { createRouter, createWebHistory, type Router } from 'vue-router';
import { translate } from '@/i18n/index.ts';
import { useAuthStore } from '@/stores/auth.ts';
import { authGuard } from './guards.ts';
import { routes } from './routes.ts';

export function buildRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior(to, _from, saved) {
      if (saved) return saved;
      if (to.hash) return { el: to.hash };
      return { top: 0 };
    },
  });
  router.beforeEach((to) => authGuard(to, useAuthStore()));
  router.afterEach((to) => {
    const title = to.meta.title ? translate(to.meta.title) : null;
    document.title = title ? `${title} · Lontar` : 'Lontar · Setda Provinsi Lampung';
  });
  return router;
}
