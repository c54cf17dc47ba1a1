import type { Role } from '@/api/types.ts';

/** The main navigation. `label` is an i18n key, `route` a route name from router/routes.ts,
 * `icon` a PrimeIcons class. Items with `roles` show only to users holding one of them
 * (keep them in step with the route's meta.roles). Owners of a screen may adjust their
 * item (e.g. roles, or `badge` to show a count from their store). */
export interface NavItem {
  key: string;
  label: string;
  route: string;
  icon: string;
  roles?: Role[];
}

export const navItems: NavItem[] = [
  { key: 'home', label: 'nav.home', route: 'home', icon: 'pi pi-home' },
  {
    key: 'incoming',
    label: 'nav.incoming',
    route: 'incoming',
    icon: 'pi pi-inbox',
    // letter.view (docs/security.md): the admin manages the system, not its mail.
    roles: ['agendaris', 'pejabat', 'arsiparis'],
  },
  {
    key: 'dispositions',
    label: 'nav.dispositions',
    route: 'dispositions',
    icon: 'pi pi-share-alt',
    roles: ['pejabat', 'agendaris'],
  },
  {
    key: 'agenda',
    label: 'agenda.nav',
    route: 'agenda',
    icon: 'pi pi-calendar',
    roles: ['pejabat', 'agendaris'],
  },
  {
    key: 'meetings',
    label: 'meetings.nav',
    route: 'meetings',
    icon: 'pi pi-users',
    // meeting.view (docs/security.md): officials and the secretariat.
    roles: ['pejabat', 'agendaris'],
  },
  {
    key: 'outgoing',
    label: 'nav.outgoing',
    route: 'outgoing',
    icon: 'pi pi-send',
    roles: ['agendaris', 'pejabat', 'arsiparis', 'admin'],
  },
  {
    key: 'archive',
    label: 'nav.archive',
    route: 'archive',
    icon: 'pi pi-box',
    roles: ['arsiparis', 'pejabat'],
  },
  {
    key: 'reports',
    label: 'reports.nav',
    route: 'reports',
    icon: 'pi pi-chart-bar',
    // report.period (docs/security.md): heads of units and the admin.
    roles: ['pejabat', 'admin'],
  },
  {
    key: 'search',
    label: 'nav.search',
    route: 'search',
    icon: 'pi pi-search',
    roles: ['agendaris', 'pejabat', 'arsiparis'],
  },
  { key: 'admin', label: 'nav.admin', route: 'admin', icon: 'pi pi-cog', roles: ['admin'] },
  {
    key: 'disposition-settings',
    label: 'dispositions.settings.nav',
    route: 'disposition-settings',
    icon: 'pi pi-sliders-h',
    roles: ['admin'],
  },
];

export function visibleNavItems(items: NavItem[], roles: readonly Role[]): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.some((role) => roles.includes(role)));
}
