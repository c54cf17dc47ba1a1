import type { Role } from '@/api/types.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (shown in the tab and the page header). */
    title?: string;
    /** The caller needs one of these roles; omitted = every logged-in user. */
    roles?: Role[];
    /** Reachable without a session (the login page). */
    public?: boolean;
  }
}

export {};
