import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  apiOkAs,
  loginAs,
  newPage,
  registerLetter,
  screenshot,
  type Viewport,
} from './browser.ts';

/**
 * Issue 15, "every screen at both sizes": each route of the router, opened as a user who may
 * see it, on a 1366x768 laptop and a 390x844 phone, with something on it (letters registered,
 * disposed, reported on; a draft; a berkas). Each screen is photographed (every-screen-*.png
 * in e2e/screenshots, for people to look at) and must not scroll sideways, log an error or a
 * failed request, or show an internal key (`sangat_segera`, `in_progress`) as text.
 */

/** snake_case words and dotted i18n keys (`dispositions.inbox.title`): never text for people. */
const RAW_KEY = /\b[a-z]+_[a-z_]+\b|\b[a-z]+(?:\.[a-z][A-Za-z]*){2,}\b/g;
/** The import screen names the manifest's CSV columns, which are snake_case on purpose. */
const ALLOWED_KEYS = new Set([
  'nomor_surat',
  'tanggal_surat',
  'kode_klasifikasi',
  'klasifikasi_keamanan',
]);

type Screen = { name: string; user: string | null; path: () => string };

const ids = { letters: [] as string[], disposition: '', outgoing: '', berkas: '' };
const screens: Screen[] = [
  { name: 'login', user: null, path: () => '/masuk' },
  { name: 'home-sekda', user: 'sekda', path: () => '/' },
  { name: 'home-admin', user: 'admin', path: () => '/' },
  { name: 'profile', user: 'sekda', path: () => '/profil' },
  { name: 'incoming-list', user: 'agendaris', path: () => '/surat-masuk' },
  { name: 'incoming-new', user: 'agendaris', path: () => '/surat-masuk/catat' },
  { name: 'incoming-detail', user: 'agendaris', path: () => `/surat-masuk/${ids.letters[1]}` },
  { name: 'dispositions-sekda', user: 'sekda', path: () => '/disposisi' },
  { name: 'dispositions-staftu', user: 'staftu', path: () => '/disposisi' },
  { name: 'monitoring', user: 'sekda', path: () => '/disposisi/pemantauan' },
  { name: 'reports', user: 'sekda', path: () => '/laporan' },
  { name: 'agenda-sekda', user: 'sekda', path: () => '/agenda' },
  { name: 'meetings', user: 'sekda', path: () => '/rapat' },
  { name: 'disposition-settings', user: 'admin', path: () => '/disposisi/pengaturan' },
  { name: 'journey', user: 'sekda', path: () => `/disposisi/surat/${ids.letters[1]}` },
  {
    name: 'dispose',
    user: 'sekda',
    path: () => `/disposisi/surat/${ids.letters[3]}/disposisikan`,
  },
  { name: 'disposition-detail', user: 'staftu', path: () => `/disposisi/${ids.disposition}` },
  { name: 'outgoing-list', user: 'staftu', path: () => '/surat-keluar' },
  { name: 'outgoing-settings', user: 'admin', path: () => '/surat-keluar/penomoran' },
  { name: 'outgoing-new', user: 'staftu', path: () => '/surat-keluar/baru' },
  { name: 'outgoing-register', user: 'agendaris', path: () => '/surat-keluar/buku-agenda' },
  { name: 'outgoing-detail', user: 'staftu', path: () => `/surat-keluar/${ids.outgoing}` },
  { name: 'outgoing-edit', user: 'staftu', path: () => `/surat-keluar/${ids.outgoing}/ubah` },
  { name: 'archive', user: 'arsiparis', path: () => '/arsip' },
  { name: 'archive-berkas', user: 'arsiparis', path: () => '/arsip/berkas' },
  { name: 'archive-berkas-detail', user: 'arsiparis', path: () => `/arsip/berkas/${ids.berkas}` },
  { name: 'archive-unfiled', user: 'arsiparis', path: () => '/arsip/belum-diberkaskan' },
  { name: 'archive-loans', user: 'arsiparis', path: () => '/arsip/peminjaman' },
  { name: 'archive-proposals', user: 'arsiparis', path: () => '/arsip/usulan' },
  { name: 'archive-boxes', user: 'arsiparis', path: () => '/arsip/lokasi' },
  { name: 'archive-instruments', user: 'arsiparis', path: () => '/arsip/instrumen' },
  { name: 'archive-imports', user: 'arsiparis', path: () => '/arsip/impor' },
  { name: 'search', user: 'agendaris', path: () => '/pencarian?q=rapat' },
  { name: 'admin-units', user: 'admin', path: () => '/admin/unit-kerja' },
  { name: 'admin-positions', user: 'admin', path: () => '/admin/jabatan' },
  { name: 'admin-users', user: 'admin', path: () => '/admin/pengguna' },
  { name: 'admin-acting', user: 'admin', path: () => '/admin/plt-plh' },
  { name: 'admin-audit', user: 'admin', path: () => '/admin/audit' },
  { name: 'admin-ocr-jobs', user: 'admin', path: () => '/admin/antrean-ocr' },
  { name: 'admin-pki', user: 'admin', path: () => '/admin/sertifikat' },
  { name: 'forbidden', user: 'agendaris', path: () => '/akses-ditolak?dari=/admin' },
  { name: 'not-found', user: 'agendaris', path: () => '/tidak-ada' },
];

/** Waits until the screen has stopped loading: no skeleton, no busy region left. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () =>
      !document.querySelector('.p-skeleton, [aria-busy="true"], .p-datatable-mask') &&
      document.body.innerText.trim().length > 0,
    undefined,
    { timeout: 60_000 },
  );
}

describe('every screen at both sizes', () => {
  beforeAll(async () => {
    const desk = await apiAs('agendaris');
    const subjects = [
      ['Undangan rapat koordinasi rencana kerja', 'sangat_segera'],
      ['Laporan pembinaan kearsipan kabupaten', 'biasa'],
      ['Permohonan narasumber forum konsultasi', 'sangat_segera'],
      ['Undangan rapat evaluasi anggaran', 'segera'],
      ['Laporan bimbingan teknis keuangan', 'segera'],
    ];
    for (const [i, [subject, urgency]] of subjects.entries()) {
      const letter = await registerLetter(
        desk,
        {
          senderName: 'Badan Pengelolaan Keuangan dan Aset Daerah Provinsi Lampung',
          letterNumber: `900.1/${i + 1}/every-screen/2026`,
          subject: subject!,
          urgency: urgency as 'biasa' | 'segera' | 'sangat_segera',
        },
        { pdfText: `${subject} rapat`, name: `surat-${i}.pdf` },
      );
      ids.letters.push(letter.id);
    }
    const staftu = await apiOkAs('staftu');
    const positions = (
      (await staftu('GET', '/api/outgoing-letters/positions')) as {
        items: Array<{ id: string; key: string }>;
      }
    ).items;
    const position = (key: string) => positions.find((p) => p.key === key)!.id;
    const sekda = await apiOkAs('sekda');
    const dispose = (letter: string, recipients: Array<[string, string]>) =>
      sekda('POST', `/api/incoming-letters/${letter}/dispositions`, {
        recipients: recipients.map(([key, role]) => ({ positionId: position(key), role })),
        instructions: ['Tindak lanjuti'],
        note: 'Mohon segera ditindaklanjuti.',
      }) as Promise<{ items: Array<{ id: string }> }>;
    await dispose(ids.letters[1]!, [
      ['karoumum', 'primary'],
      ['kabagtu', 'coordinate'],
    ]);
    ids.disposition = (await dispose(ids.letters[2]!, [['staftu-1', 'primary']])).items[0]!.id;
    await staftu('GET', `/api/dispositions/${ids.disposition}`);
    const report = new FormData();
    report.append('data', JSON.stringify({ text: 'Sudah ditindaklanjuti, data terlampir.' }));
    await staftu('POST', `/api/dispositions/${ids.disposition}/reports`, report);
    ids.outgoing = (
      (await staftu('POST', '/api/outgoing-letters', {
        kind: 'surat_dinas',
        subject: 'Permohonan data kepegawaian triwulan IV',
        classificationCode: '800.1',
        recipients: [{ type: 'external', label: 'Kepala Badan Kepegawaian Daerah' }],
      })) as { id: string }
    ).id;
    const archivist = await apiOkAs('arsiparis');
    ids.berkas = (
      (await archivist('POST', '/api/archive/berkas', {
        classificationCode: '000.1',
        title: 'Rapat koordinasi 2026',
      })) as { id: string }
    ).id;
    await archivist('POST', `/api/archive/berkas/${ids.berkas}/items`, {
      letters: [{ type: 'incoming', id: ids.letters[4] }],
    });
  }, 300_000);

  /** Opens each of one user's screens at one size; returns what is wrong with them. */
  async function visit(user: string | null, viewport: Viewport): Promise<string[]> {
    const { context, page: login } = await newPage(viewport);
    if (user) await loginAs(login, user);
    await login.close();
    const findings: string[] = [];
    for (const screen of screens.filter((s) => s.user === user)) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(screen.path());
      await settled(page);
      const seen = await page.evaluate(
        (pattern) => ({
          overflow: document.scrollingElement!.scrollWidth - window.innerWidth,
          keys: [...new Set(document.body.innerText.match(new RegExp(pattern, 'g')) ?? [])],
        }),
        RAW_KEY.source,
      );
      await screenshot(page, `every-screen-${screen.name}-${viewport}`);
      if (seen.overflow > 0) problems.push(`scrolls sideways by ${seen.overflow} px`);
      const keys = seen.keys.filter((key) => !ALLOWED_KEYS.has(key));
      if (keys.length > 0) problems.push(`internal keys on screen: ${keys.join(', ')}`);
      findings.push(...problems.map((problem) => `${screen.name} (${viewport}): ${problem}`));
      await page.close();
    }
    await context.close();
    return findings;
  }

  // One test per user, both sizes side by side (one browser, two contexts).
  for (const user of [...new Set(screens.map((s) => s.user))]) {
    it(`shows ${user ?? 'a visitor'}'s screens cleanly on a laptop and a phone`, async () => {
      const findings = await Promise.all([visit(user, 'desktop'), visit(user, 'phone')]);
      expect(findings.flat()).toEqual([]);
    }, 300_000);
  }
});
