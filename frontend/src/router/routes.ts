import type { RouteRecordRaw } from 'vue-router';
import './meta.ts';

/** The route table. Screens inside the application shell go into `appRoutes` (children of
 * the shell; paths are relative, without a leading slash). Every route is lazy, names are
 * stable (other screens link by name), `meta.title` is an i18n key and `meta.roles` limits
 * who may open it (the guard refuses others; the API checks again).
 *
 * Owners of incoming/dispositions/outgoing/archive/search: replace your placeholder entry
 * (keep the name and path) and add child or detail routes next to it. */

export const appRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/home/home-view.vue'),
    meta: { title: 'nav.home' },
  },
  {
    path: 'profil',
    name: 'profile',
    component: () => import('@/views/profile/profile-view.vue'),
    meta: { title: 'nav.profile' },
  },

  // --- Surat masuk (incoming letters).
  {
    path: 'surat-masuk',
    name: 'incoming',
    component: () => import('@/views/incoming/incoming-list-view.vue'),
    meta: { title: 'nav.incoming', roles: ['agendaris', 'pejabat', 'arsiparis'] },
  },
  {
    path: 'surat-masuk/catat',
    name: 'incoming-new',
    component: () => import('@/views/incoming/incoming-register-view.vue'),
    meta: { title: 'incoming.registerTitle', roles: ['agendaris'] },
  },
  {
    path: 'surat-masuk/:id([0-9a-f]{24})',
    name: 'incoming-detail',
    component: () => import('@/views/incoming/incoming-detail-view.vue'),
    props: true,
    meta: { title: 'nav.incoming', roles: ['agendaris', 'pejabat', 'arsiparis'] },
  },
  // --- Agenda pimpinan (modules/agenda): who may open whose agenda is the server's answer.
  {
    path: 'agenda',
    name: 'agenda',
    component: () => import('@/views/agenda/agenda-view.vue'),
    meta: { title: 'agenda.title', roles: ['pejabat', 'agendaris'] },
  },
  // --- Rapat koordinasi (modules/meetings): who sees which meeting is the server's answer.
  {
    path: 'rapat',
    name: 'meetings',
    component: () => import('@/views/meetings/meetings-list-view.vue'),
    meta: { title: 'meetings.title', roles: ['pejabat', 'agendaris'] },
  },
  {
    path: 'rapat/:id([0-9a-f]{24})',
    name: 'meeting-detail',
    component: () => import('@/views/meetings/meeting-detail-view.vue'),
    props: true,
    meta: { title: 'meetings.title', roles: ['pejabat', 'agendaris'] },
  },
  // --- Disposisi: inbox, one disposition, disposing a letter, the journey, monitoring.
  {
    path: 'disposisi',
    name: 'dispositions',
    component: () => import('@/views/dispositions/dispositions-inbox-view.vue'),
    meta: { title: 'nav.dispositions', roles: ['pejabat', 'agendaris'] },
  },
  {
    path: 'disposisi/pemantauan',
    name: 'disposition-monitoring',
    component: () => import('@/views/dispositions/monitoring-view.vue'),
    meta: { title: 'dispositions.monitoring.title', roles: ['pejabat', 'admin'] },
  },
  // --- Laporan (modules/reports): the server says which units a user may report on.
  {
    path: 'laporan',
    name: 'reports',
    component: () => import('@/views/reports/reports-view.vue'),
    meta: { title: 'reports.title', roles: ['pejabat', 'admin'] },
  },
  {
    path: 'disposisi/pengaturan',
    name: 'disposition-settings',
    component: () => import('@/views/dispositions/settings-view.vue'),
    meta: { title: 'dispositions.settings.title', roles: ['admin'] },
  },
  {
    path: 'disposisi/surat/:letterId([0-9a-f]{24})',
    name: 'letter-journey',
    component: () => import('@/views/dispositions/journey-view.vue'),
    props: true,
    meta: {
      title: 'dispositions.journey.title',
      roles: ['pejabat', 'agendaris', 'arsiparis', 'admin'],
    },
  },
  {
    path: 'disposisi/surat/:letterId([0-9a-f]{24})/disposisikan',
    name: 'letter-dispose',
    component: () => import('@/views/dispositions/letter-dispose-view.vue'),
    props: true,
    meta: { title: 'dispositions.dispose.title', roles: ['pejabat'] },
  },
  {
    path: 'disposisi/:id([0-9a-f]{24})',
    name: 'disposition-detail',
    component: () => import('@/views/dispositions/disposition-detail-view.vue'),
    props: true,
    meta: { title: 'nav.dispositions', roles: ['pejabat', 'agendaris', 'arsiparis', 'admin'] },
  },
  // --- Surat keluar (outgoing letters).
  {
    path: 'surat-keluar',
    name: 'outgoing',
    component: () => import('@/views/outgoing/outgoing-list-view.vue'),
    meta: { title: 'nav.outgoing', roles: ['agendaris', 'pejabat', 'arsiparis', 'admin'] },
  },
  {
    path: 'surat-keluar/penomoran',
    name: 'outgoing-settings',
    component: () => import('@/views/outgoing/outgoing-settings-view.vue'),
    meta: { title: 'outgoing.settings.title', roles: ['admin'] },
  },
  {
    path: 'surat-keluar/baru',
    name: 'outgoing-new',
    component: () => import('@/views/outgoing/outgoing-editor-view.vue'),
    meta: { title: 'outgoing.editor.newTitle', roles: ['agendaris', 'pejabat'] },
  },
  {
    path: 'surat-keluar/buku-agenda',
    name: 'outgoing-register',
    component: () => import('@/views/outgoing/outgoing-register-view.vue'),
    meta: {
      title: 'outgoing.registerView.title',
      roles: ['agendaris', 'pejabat', 'arsiparis', 'admin'],
    },
  },
  {
    path: 'surat-keluar/:id([0-9a-f]{24})',
    name: 'outgoing-detail',
    component: () => import('@/views/outgoing/outgoing-detail-view.vue'),
    meta: { title: 'nav.outgoing', roles: ['agendaris', 'pejabat', 'arsiparis', 'admin'] },
  },
  {
    path: 'surat-keluar/:id([0-9a-f]{24})/ubah',
    name: 'outgoing-edit',
    component: () => import('@/views/outgoing/outgoing-editor-view.vue'),
    meta: { title: 'outgoing.editor.editTitle', roles: ['agendaris', 'pejabat'] },
  },
  // --- Arsip: retention, berkas, lending, transfer/disposal/handover, locations, the
  // classification and JRA, and the import of old scans (tabs in archive-layout.vue).
  {
    path: 'arsip',
    component: () => import('@/views/archive/archive-layout.vue'),
    meta: { title: 'nav.archive', roles: ['arsiparis', 'pejabat'] },
    children: [
      {
        path: '',
        name: 'archive',
        component: () => import('@/views/archive/dashboard-view.vue'),
        meta: { title: 'archive.tabs.dashboard', roles: ['arsiparis', 'pejabat'] },
      },
      {
        path: 'berkas',
        name: 'archive-berkas',
        component: () => import('@/views/archive/berkas-list-view.vue'),
        meta: { title: 'archive.tabs.berkas', roles: ['arsiparis', 'pejabat'] },
      },
      {
        path: 'berkas/:id([0-9a-f]{24})',
        name: 'archive-berkas-detail',
        component: () => import('@/views/archive/berkas-detail-view.vue'),
        props: true,
        meta: { title: 'archive.tabs.berkas', roles: ['arsiparis', 'pejabat'] },
      },
      {
        path: 'belum-diberkaskan',
        name: 'archive-unfiled',
        component: () => import('@/views/archive/unfiled-view.vue'),
        meta: { title: 'archive.tabs.unfiled', roles: ['arsiparis', 'pejabat'] },
      },
      {
        path: 'peminjaman',
        name: 'archive-loans',
        component: () => import('@/views/archive/loans-view.vue'),
        meta: { title: 'archive.tabs.loans', roles: ['arsiparis'] },
      },
      {
        path: 'usulan',
        name: 'archive-proposals',
        component: () => import('@/views/archive/proposals-view.vue'),
        meta: { title: 'archive.tabs.proposals', roles: ['arsiparis', 'pejabat'] },
      },
      {
        path: 'usulan/:id([0-9a-f]{24})',
        name: 'archive-proposal-detail',
        component: () => import('@/views/archive/proposal-detail-view.vue'),
        props: true,
        meta: { title: 'archive.tabs.proposals', roles: ['arsiparis', 'pejabat'] },
      },
      {
        path: 'lokasi',
        name: 'archive-boxes',
        component: () => import('@/views/archive/boxes-view.vue'),
        meta: { title: 'archive.tabs.boxes', roles: ['arsiparis'] },
      },
      {
        path: 'instrumen',
        name: 'archive-instruments',
        component: () => import('@/views/archive/instruments-view.vue'),
        meta: { title: 'archive.tabs.instruments', roles: ['arsiparis', 'pejabat'] },
      },
      {
        path: 'impor',
        name: 'archive-imports',
        component: () => import('@/views/archive/imports-view.vue'),
        meta: { title: 'archive.tabs.imports', roles: ['arsiparis'] },
      },
      {
        path: 'impor/:id([0-9a-f]{24})',
        name: 'archive-import-detail',
        component: () => import('@/views/archive/import-detail-view.vue'),
        props: true,
        meta: { title: 'archive.tabs.imports', roles: ['arsiparis'] },
      },
    ],
  },
  // --- Pencarian (full-text search; the criteria live in the query string).
  {
    path: 'pencarian',
    name: 'search',
    component: () => import('@/views/search/search-view.vue'),
    meta: { title: 'nav.search', roles: ['agendaris', 'pejabat', 'arsiparis'] },
  },

  // --- Admin (identity and organisation).
  {
    path: 'admin',
    component: () => import('@/views/admin/admin-layout.vue'),
    meta: { title: 'nav.admin', roles: ['admin'] },
    children: [
      { path: '', name: 'admin', redirect: { name: 'admin-users' } },
      {
        path: 'unit-kerja',
        name: 'admin-units',
        component: () => import('@/views/admin/units-view.vue'),
        meta: { title: 'nav.adminUnits', roles: ['admin'] },
      },
      {
        path: 'jabatan',
        name: 'admin-positions',
        component: () => import('@/views/admin/positions-view.vue'),
        meta: { title: 'nav.adminPositions', roles: ['admin'] },
      },
      {
        path: 'pengguna',
        name: 'admin-users',
        component: () => import('@/views/admin/users-view.vue'),
        meta: { title: 'nav.adminUsers', roles: ['admin'] },
      },
      {
        path: 'plt-plh',
        name: 'admin-acting',
        component: () => import('@/views/admin/acting-view.vue'),
        meta: { title: 'nav.adminActing', roles: ['admin'] },
      },
      {
        path: 'penyimpan-agenda',
        name: 'admin-agenda-keepers',
        component: () => import('@/views/agenda/keepers-view.vue'),
        meta: { title: 'agenda.keepers.tab', roles: ['admin'] },
      },
      {
        path: 'sertifikat',
        name: 'admin-pki',
        component: () => import('@/views/admin/pki-view.vue'),
        meta: { title: 'pki.title', roles: ['admin'] },
      },
      {
        path: 'audit',
        name: 'admin-audit',
        component: () => import('@/views/admin/audit-view.vue'),
        meta: { title: 'nav.adminAudit', roles: ['admin'] },
      },
      {
        path: 'antrean-ocr',
        name: 'admin-ocr-jobs',
        component: () => import('@/views/admin/ocr-jobs-view.vue'),
        meta: { title: 'search.ocrJobs.title', roles: ['admin'] },
      },
    ],
  },

  {
    path: 'akses-ditolak',
    name: 'forbidden',
    component: () => import('@/views/common/forbidden-view.vue'),
    meta: { title: 'nav.forbidden' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/common/not-found-view.vue'),
    meta: { title: 'nav.notFound' },
  },
];

export const routes: RouteRecordRaw[] = [
  {
    path: '/masuk',
    name: 'login',
    component: () => import('@/views/auth/login-view.vue'),
    meta: { title: 'nav.login', public: true },
  },
  {
    path: '/',
    component: () => import('@/components/app-shell.vue'),
    children: appRoutes,
  },
];
