import { request, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrl, eventually, loginAs, newPage, screenshot } from './browser.ts';

/**
 * Issue 15 point 1, through the UI: the Sekda's "Perlu disposisi" opens with what is most
 * urgent (a Sangat Segera letter registered last comes first), filters by sifat, searches
 * within itself and marks what arrived since the previous visit "Baru"; the agendaris
 * filters the buku agenda and sorts it most urgent first. Screenshots at 1366x768 and
 * 390x844 land in e2e/screenshots/queues-*.png.
 */

/** A one-page PDF whose bytes differ per letter (registration suspects identical scans). */
function scan(text: string): Buffer {
  const line = `BT /F1 14 Tf 60 760 Td (${text}) Tj ET`;
  return Buffer.from(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length ${line.length} >> stream
${line}
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`);
}

interface ApiUser {
  api: APIRequestContext;
  csrf: string;
  positionId: string;
}
const apiUsers = new Map<string, ApiUser>();
/** A demo user's own API session (no browser), for setting the scene. */
async function apiAs(username: string): Promise<ApiUser> {
  const known = apiUsers.get(username);
  if (known) return known;
  const api = await request.newContext({ baseURL: baseUrl() });
  const login = await api.post('/api/auth/login', {
    data: { username, password: 'lontar-demo' },
  });
  expect(login.status()).toBe(200);
  const body = await login.json();
  const user = { api, csrf: body.csrfToken, positionId: body.user.positions[0]?.id ?? '' };
  apiUsers.set(username, user);
  return user;
}
const clerkApi = () => apiAs('agendaris');
afterAll(async () => {
  for (const user of apiUsers.values()) await user.api.dispose();
});

/** The Sekda disposes a letter to Asisten III as penanggung jawab (sifat of the letter). */
async function disposeToAsisten(letterId: string): Promise<void> {
  const sekda = await apiAs('sekda');
  const asisten = await apiAs('asisten3');
  const response = await sekda.api.post(`/api/incoming-letters/${letterId}/dispositions`, {
    headers: { 'X-CSRF-Token': sekda.csrf },
    data: {
      recipients: [{ positionId: asisten.positionId, role: 'primary' }],
      instructions: ['Tindak lanjuti'],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/**
 * Every sender of this file's letters is in one region no other e2e file writes to. The e2e
 * files share one server, so the queues also hold the other files' letters: each check first
 * narrows the queue to this region by the sender filter (a filter the toolbar offers anyway).
 */
const REGION = 'Kabupaten Pesisir Barat';

/** Narrows the open queue to this file's letters, and folds the filter panel again. */
async function onlyOurLetters(page: Page): Promise<void> {
  await page.getByTestId('queue-filters-toggle').click();
  await page.getByTestId('queue-sender').fill(REGION.toLowerCase());
  await page.getByTestId('queue-sender').press('Enter');
  await page.getByTestId('queue-chip-sender').waitFor();
  await page.getByTestId('queue-filters-toggle').click();
}

let serial = 0;
/** Registers a letter to the Sekda as the agendaris, through the API. */
async function register(letter: {
  subject: string;
  urgency: 'biasa' | 'segera' | 'sangat_segera';
  sender: string;
  code: string;
}): Promise<string> {
  const { api, csrf } = await clerkApi();
  serial += 1;
  const response = await api.post('/api/incoming-letters', {
    headers: { 'X-CSRF-Token': csrf },
    multipart: {
      data: JSON.stringify({
        senderName: `${letter.sender} ${REGION}`,
        letterNumber: `Q-${Date.now()}-${serial}/2026`,
        letterDate: '2026-12-01',
        subject: letter.subject,
        classificationCode: letter.code,
        securityClass: 'B',
        urgency: letter.urgency,
      }),
      files: {
        name: `surat-${serial}.pdf`,
        mimeType: 'application/pdf',
        buffer: scan(letter.subject),
      },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id;
}

const URGENT = 'Tanggap darurat banjir bandang Kabupaten Tanggamus';
const BRIDGE = 'Rehabilitasi jembatan gantung Way Sekampung';

const cards = (page: Page) => page.getByTestId('awaiting-list').locator('a[data-testid=queue-row]');

/** Opens a queue's screen and waits until its visit is recorded (the "Baru" boundary). */
async function openQueue(page: Page, path: string): Promise<void> {
  const visit = page.waitForResponse(
    (r) => r.url().includes('/api/me/queue-visits/') && r.request().method() === 'PUT',
  );
  await page.goto(path);
  expect((await visit).status()).toBe(200);
}

/**
 * Makes the visit just recorded the boundary of "Baru" ("Tandai sudah dilihat"). The e2e
 * files share one server: an earlier file's visit may lie more than a sitting (30 min) back on
 * a slow run, and then the visit starts a new sitting that keeps everything since that earlier
 * visit "Baru", this test's older letters included.
 */
async function startSitting(username: string, queue: 'awaiting' | 'inbox' | 'register') {
  const { api, csrf, positionId } = await apiAs(username);
  const name = queue === 'register' ? queue : `${queue}-${positionId}`;
  const seen = await api.put(`/api/me/queue-visits/${name}`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { seen: true },
  });
  expect(seen.status()).toBe(200);
}

async function openAwaiting(page: Page): Promise<void> {
  await openQueue(page, '/disposisi?tab=awaiting');
  await cards(page).first().waitFor({ timeout: 30_000 });
}

describe('work queues', () => {
  it(
    'the Sekda works from Perlu disposisi most urgent first; the agendaris filters the register',
    { timeout: 300_000 },
    async () => {
      // Letters already waiting before the Sekda's first visit.
      const meeting = await register({
        subject: 'Undangan rapat koordinasi perencanaan anggaran',
        urgency: 'biasa',
        sender: 'Badan Perencanaan Pembangunan Daerah',
        code: '900.1',
      });
      await register({
        subject: 'Permohonan data kepegawaian triwulan IV',
        urgency: 'segera',
        sender: 'Badan Kepegawaian Daerah',
        code: '800.1',
      });

      const sekda = await newPage('desktop');
      await loginAs(sekda.page, 'sekda');
      await openAwaiting(sekda.page);
      await startSitting('sekda', 'awaiting');
      const clerk = await newPage('desktop');
      await loginAs(clerk.page, 'agendaris');
      await openQueue(clerk.page, '/surat-masuk');
      await startSitting('agendaris', 'register');
      await clerk.page.getByTestId('register-table').locator('tbody tr').first().waitFor();

      // While they work, more letters arrive; the most urgent one last.
      await register({
        subject: 'Laporan realisasi belanja modal',
        urgency: 'biasa',
        sender: 'Badan Pengelola Keuangan Daerah',
        code: '900.1.2',
      });
      const bridge = await register({
        subject: BRIDGE,
        urgency: 'segera',
        sender: 'Dinas Bina Marga dan Bina Konstruksi',
        code: '600.1',
      });
      const urgent = await register({
        subject: URGENT,
        urgency: 'sangat_segera',
        sender: 'Badan Penanggulangan Bencana Daerah',
        code: '300.2',
      });

      // --- The Sekda comes back to Perlu disposisi: the Sangat Segera letter is first, and
      // what arrived since the previous visit is marked "Baru".
      {
        const { page } = sekda;
        await openAwaiting(page);
        await onlyOurLetters(page);
        await eventually(async () => (await cards(page).first().textContent()) ?? '').toContain(
          URGENT,
        );
        const first = cards(page).first();
        expect(await first.getByTestId('mark-urgency-sangat_segera').textContent()).toContain(
          'Sangat Segera',
        );
        await eventually(() => page.getByTestId('mark-new').count()).toBe(3);
        const older = cards(page).filter({ hasText: 'Permohonan data kepegawaian' });
        expect(await older.getByTestId('mark-new').count()).toBe(0);
        expect(await page.getByTestId('queue-new-count').textContent()).toContain('3 baru');
        // Sifat, then deadline, then age: the two Segera letters follow, the older first.
        const order = await cards(page).locator('.subject').allTextContents();
        expect(order.slice(0, 3)).toEqual([
          URGENT,
          'Permohonan data kepegawaian triwulan IV',
          BRIDGE,
        ]);
        await screenshot(page, 'queues-01-perlu-disposisi-desktop');

        // Filter by sifat: only the Segera letters, shown as a removable chip.
        await page.getByTestId('queue-filters-toggle').click();
        await page.getByTestId('queue-urgency').getByText('Segera', { exact: true }).click();
        await page.getByTestId('queue-chip-urgency:segera').waitFor();
        await eventually(() => cards(page).count()).toBe(2);
        expect(await cards(page).locator('.subject').allTextContents()).toEqual([
          'Permohonan data kepegawaian triwulan IV',
          BRIDGE,
        ]);
        await screenshot(page, 'queues-02-saring-sifat-desktop');

        // Remove the chip, then search within the queue.
        await page.getByTestId('queue-chip-urgency:segera').getByRole('button').click();
        await eventually(() => cards(page).count()).toBe(5);
        await page.getByTestId('queue-search').fill('jembatan');
        await page.getByTestId('queue-search').press('Enter');
        await eventually(() => cards(page).count()).toBe(1);
        expect(await cards(page).first().textContent()).toContain(BRIDGE);
        expect(await page.getByTestId('queue-count').textContent()).toContain('1 surat');
        await screenshot(page, 'queues-03-cari-di-antrean-desktop');
        await sekda.context.close();
      }

      // --- The same queue on a phone: most urgent first, marks in words.
      {
        const { context, page } = await newPage('phone');
        await loginAs(page, 'sekda');
        await openAwaiting(page);
        await onlyOurLetters(page);
        await eventually(async () => (await cards(page).first().textContent()) ?? '').toContain(
          URGENT,
        );
        await screenshot(page, 'queues-04-perlu-disposisi-phone');
        await page.getByTestId('queue-filters-toggle').click();
        await page.getByTestId('queue-urgency').getByText('Sangat Segera', { exact: true }).click();
        await eventually(() => cards(page).count()).toBe(1);
        await screenshot(page, 'queues-05-saring-phone');
        await context.close();
      }

      // --- The agendaris' register: "Baru" on what was registered since the visit, filtered
      // by sifat, sorted most urgent first.
      {
        const { page } = clerk;
        await page.goto('/surat-masuk');
        const rows = page.getByTestId('register-table').locator('tbody tr');
        await rows.first().waitFor();
        await onlyOurLetters(page);
        // Each row carries its marks twice, in the laptop's columns and in the phone's card.
        await eventually(() => page.locator('[data-testid=mark-new]:visible').count()).toBe(3);
        await eventually(() => page.locator('.p-datatable-mask').count()).toBe(0);
        await screenshot(page, 'queues-06-buku-agenda-desktop');
        await page.getByTestId('queue-sort').click();
        await page.getByRole('option', { name: 'Paling mendesak' }).click();
        await eventually(async () => (await rows.first().textContent()) ?? '').toContain(URGENT);
        await page.getByTestId('queue-filters-toggle').click();
        await page.getByTestId('queue-urgency').getByText('Segera', { exact: true }).click();
        await eventually(() => rows.count()).toBe(2);
        for (const text of await rows.allTextContents()) expect(text).toContain('Segera');
        await page.getByTestId('queue-sender').fill('bina marga');
        await page.getByTestId('queue-sender').press('Enter');
        await eventually(() => rows.count()).toBe(1);
        expect(await rows.first().textContent()).toContain(BRIDGE);
        await page.getByTestId('queue-chip-sender').waitFor();
        await eventually(() => page.locator('.p-datatable-mask').count()).toBe(0);
        await screenshot(page, 'queues-07-buku-agenda-saring-desktop');
        await clerk.context.close();
      }
      {
        const { context, page } = await newPage('phone');
        await loginAs(page, 'agendaris');
        await page.goto('/surat-masuk');
        await page.getByTestId('register-table').locator('tbody tr').first().waitFor();
        await eventually(() => page.locator('.p-datatable-mask').count()).toBe(0);
        await screenshot(page, 'queues-08-buku-agenda-phone');
        await context.close();
      }

      // --- An inbox tab of Asisten III: the dispositions received most urgent first, the
      // ones sent since the previous visit marked, the deadline in words.
      {
        const { context, page } = await newPage('phone');
        await loginAs(page, 'asisten3');
        await openQueue(page, '/disposisi?tab=unread');
        await startSitting('asisten3', 'inbox');
        await disposeToAsisten(meeting);
        await disposeToAsisten(urgent);
        await disposeToAsisten(bridge);
        await openQueue(page, '/disposisi?tab=unread');
        await onlyOurLetters(page);
        const inbox = page.getByTestId('inbox-list').locator('a[data-testid=queue-row]');
        await eventually(() => inbox.count()).toBe(3);
        expect(await inbox.locator('.subject').allTextContents()).toEqual([
          URGENT,
          BRIDGE,
          'Undangan rapat koordinasi perencanaan anggaran',
        ]);
        expect(await page.getByTestId('mark-new').count()).toBe(3);
        expect(await inbox.first().getByTestId('mark-due').textContent()).toContain(
          'Batas hari ini',
        );
        await screenshot(page, 'queues-09-disposisi-belum-dibaca-phone');
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.getByTestId('queue-sort').click();
        await page.getByRole('option', { name: 'Batas waktu terdekat' }).click();
        await eventually(async () => (await inbox.first().textContent()) ?? '').toContain(URGENT);
        await eventually(() => page.locator('.p-select-overlay').count()).toBe(0);
        await screenshot(page, 'queues-10-disposisi-batas-waktu-desktop');
        await context.close();
      }
    },
  );
});
