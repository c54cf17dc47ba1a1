import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, loginAs, newPage, screenshot, type Viewport } from './browser.ts';

/**
 * Issue 15, points 3, 4 and 6, in Chromium at both sizes:
 * - the letter's Riwayat and the admin's audit log tell what happened in sentences with
 *   names, never codes (`disposition.create`, `sangat_segera`);
 * - the forward form offers the deadline the official was given, never an earlier default;
 * - a letter that is done waits on nobody: its open coordination item closed with it.
 * What is not the subject here (registration, the other hops) goes through the API.
 * Screenshots: e2e/screenshots/history-*.png.
 */

const SUBJECT = 'Permohonan data aset gedung untuk rapat pimpinan';
const SCAN = Buffer.from(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 60 >> stream
BT /F1 14 Tf 60 760 Td (Permohonan data aset gedung) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`);
/** Codes and raw values that must never reach the screen. */
const INTERNAL = /\b(disposition|incoming|outgoing)\.[a-z_]+|batchId|parentId|sangat_segera/;

/** The API as one demo user, through the browser context's cookies. */
async function apiAs(context: BrowserContext, username: string) {
  const login = await context.request.post('/api/auth/login', {
    data: { username, password: 'lontar-demo' },
  });
  expect(login.status()).toBe(200);
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const headers = { 'X-CSRF-Token': csrf };
  const check = async (response: Awaited<ReturnType<typeof context.request.get>>) => {
    if (response.status() >= 300)
      throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`);
    return response.status() === 204 ? null : response.json();
  };
  return {
    /** A POST whose refusal is the point: status and body, no throw. */
    raw: async (url: string, data: unknown) => {
      const response = await context.request.post(url, { headers, data: data as object });
      return {
        status: response.status(),
        body: (await response.json()) as { error: { message: string } },
      };
    },
    get: async (url: string) => check(await context.request.get(url, { headers })),
    post: async (url: string, data: unknown = {}) =>
      check(await context.request.post(url, { headers, data: data as object })),
    multipart: async (url: string, multipart: Record<string, unknown>) =>
      check(await context.request.post(url, { headers, multipart: multipart as never })),
  };
}

async function asUser<T>(
  username: string,
  run: (api: Awaited<ReturnType<typeof apiAs>>) => Promise<T>,
): Promise<T> {
  const { context } = await newPage('desktop');
  try {
    return await run(await apiAs(context, username));
  } finally {
    await context.close();
  }
}

/** `YYYY-MM-DD` `days` calendar days after today in Jakarta. */
function jakartaDay(days: number): string {
  const at = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  return at.toISOString().slice(0, 10);
}
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('history, deadlines and a done letter', () => {
  it(
    'tells the story in sentences, inherits the deadline, and shows one truth when done',
    { timeout: 300_000 },
    async () => {
      // --- Registered by the desk (API), read and disposed by the Sekda (API): asisten3 is
      // penanggung jawab, asisten1 coordinates; Sangat Segera, with a deadline ahead.
      const parentDue = jakartaDay(12);
      const letterId = await asUser('agendaris', async (api) => {
        const saved = (await api.multipart('/api/incoming-letters', {
          data: JSON.stringify({
            senderName: 'Kementerian Dalam Negeri',
            letterNumber: '000.1/7781/SJ',
            letterDate: jakartaDay(-3),
            subject: SUBJECT,
            classificationCode: '000.1',
            securityClass: 'B',
            urgency: 'sangat_segera',
          }),
          files: { name: 'surat.pdf', mimeType: 'application/pdf', buffer: SCAN },
        })) as { id: string };
        return saved.id;
      });
      const nodes = await asUser('sekda', async (api) => {
        await api.post(`/api/incoming-letters/${letterId}/read`);
        const me = (await api.get('/api/auth/me')) as {
          user: { positions: Array<{ id: string; acting: boolean }> };
        };
        const own = me.user.positions.find((p) => !p.acting)!.id;
        const { items } = (await api.get(`/api/dispositions/recipients?positionId=${own}`)) as {
          items: Array<{ positionId: string; title: string }>;
        };
        const idOf = (title: string) => items.find((c) => c.title === title)!.positionId;
        const created = (await api.post(`/api/incoming-letters/${letterId}/dispositions`, {
          recipients: [
            { positionId: idOf('Asisten Administrasi Umum'), role: 'primary' },
            {
              positionId: idOf('Asisten Pemerintahan dan Kesejahteraan Rakyat'),
              role: 'coordinate',
            },
          ],
          instructions: ['Tindak lanjuti'],
          note: 'Mohon disiapkan sebelum rapat pimpinan.',
          urgency: 'sangat_segera',
          dueDate: parentDue,
        })) as { items: Array<{ id: string; role: string }> };
        return {
          primary: created.items.find((n) => n.role === 'primary')!.id,
          coordinate: created.items.find((n) => n.role === 'coordinate')!.id,
        };
      });

      // --- Asisten III forwards: the form offers the deadline it was given (point 4).
      for (const viewport of ['phone', 'desktop'] as Viewport[]) {
        const { context, page } = await newPage(viewport);
        await loginAs(page, 'asisten3');
        await page.goto(`/disposisi/${nodes.primary}`);
        await page.getByTestId('action-forward').click();
        await page.getByTestId('dispose-form').waitFor();
        const due = page.locator('#dispose-due');
        await eventually(() => due.inputValue()).toBe(ddmmyyyy(parentDue));
        const help = page.locator('#dispose-due-help');
        await eventually(async () => (await help.textContent()) ?? '').toContain(
          'Mengikuti batas waktu disposisi yang Anda terima',
        );
        expect(await page.getByTestId('dispose-form').textContent()).not.toContain('0 hari kerja');
        await due.scrollIntoViewIfNeeded();
        await noHorizontalOverflow(page);
        await screenshot(page, `history-01-forward-deadline-${viewport}`);
        if (viewport === 'desktop') {
          await page
            .getByTestId('direct-recipients')
            .locator('label', { hasText: 'Kepala Biro Umum' })
            .click();
          await page
            .getByTestId('instruction-options')
            .locator('label', { hasText: 'Siapkan bahan' })
            .click();
          await page.getByTestId('dispose-submit').click();
          await page.locator('.children', { hasText: 'Kepala Biro Umum' }).waitFor();
        }
        await context.close();
      }

      // --- The forward kept the parent's deadline; a later one is refused with the reason.
      await asUser('asisten3', async (api) => {
        const journey = (await api.get(`/api/incoming-letters/${letterId}/journey`)) as {
          tree: Array<{ id: string; children: Array<{ id: string; dueDate: string }> }>;
        };
        expect(journey.tree.find((n) => n.id === nodes.primary)!.children[0]!.dueDate).toBe(
          parentDue,
        );
        const { items } = (await api.get(
          `/api/dispositions/recipients?positionId=${
            (
              (await api.get('/api/auth/me')) as {
                user: { positions: Array<{ id: string; acting: boolean }> };
              }
            ).user.positions.find((p) => !p.acting)!.id
          }`,
        )) as { items: Array<{ positionId: string; title: string }> };
        const later = await api.raw(`/api/dispositions/${nodes.primary}/forward`, {
          recipients: [
            {
              positionId: items.find((c) => c.title === 'Kepala Biro Organisasi')!.positionId,
              role: 'primary',
            },
          ],
          instructions: ['Tindak lanjuti'],
          dueDate: jakartaDay(20),
        });
        expect(later.status).toBe(400);
        expect(later.body.error.message).toContain(
          'tidak boleh melewati batas waktu disposisi yang Anda terima',
        );
      });

      // --- The Kepala Biro Umum and Asisten III report and complete: the letter is done.
      await asUser('karoumum', async (api) => {
        const journey = (await api.get(`/api/incoming-letters/${letterId}/journey`)) as {
          tree: Array<{ id: string; children: Array<{ id: string }> }>;
        };
        const mine = journey.tree.find((n) => n.id === nodes.primary)!.children[0]!.id;
        await api.get(`/api/dispositions/${mine}`);
        await api.multipart(`/api/dispositions/${mine}/reports`, {
          data: JSON.stringify({ text: 'Data aset gedung telah disusun.' }),
        });
        await api.post(`/api/dispositions/${mine}/complete`);
      });
      await asUser('asisten1', async (api) => {
        await api.get(`/api/dispositions/${nodes.coordinate}`);
      });
      await asUser('asisten3', async (api) => {
        await api.multipart(`/api/dispositions/${nodes.primary}/reports`, {
          data: JSON.stringify({ text: 'Bahan rapat pimpinan siap.' }),
        });
        await api.post(`/api/dispositions/${nodes.primary}/complete`);
      });

      // --- The Sekda: the finished letter's journey (point 6) and its Riwayat (point 3).
      for (const viewport of ['desktop', 'phone'] as Viewport[]) {
        const { context, page } = await newPage(viewport);
        await loginAs(page, 'sekda');
        await page.goto(`/disposisi/surat/${letterId}`);
        await eventually(async () =>
          (await page.getByTestId('letter-status').textContent())?.trim(),
        ).toBe('Selesai');
        expect(await page.getByTestId('waiting-on').count()).toBe(0);
        const coordination = page.getByTestId(
          'journey-node-Asisten Pemerintahan dan Kesejahteraan Rakyat',
        );
        await eventually(async () => (await coordination.textContent()) ?? '').toContain(
          'Ditutup bersama surat',
        );
        expect(await coordination.textContent()).not.toContain('Alasan pengembalian');
        await noHorizontalOverflow(page);
        await screenshot(page, `history-02-journey-done-${viewport}`);

        await page.goto(`/surat-masuk/${letterId}`);
        const history = page.getByTestId('letter-history');
        await history.waitFor().catch(async (error: unknown) => {
          await screenshot(page, `history-failed-riwayat-${viewport}`);
          throw error;
        });
        await eventually(async () => (await history.textContent()) ?? '').toContain(
          'ditutup bersama surat',
        );
        const text = (await history.textContent()) ?? '';
        expect(text).not.toMatch(INTERNAL);
        for (const expected of [
          'mencatat surat ini dengan nomor agenda',
          '(Sekretaris Daerah) membaca surat ini untuk pertama kali sebagai penerima surat.',
          'mendisposisikan surat ini kepada Asisten Administrasi Umum (penanggung jawab) dan Asisten Pemerintahan dan Kesejahteraan Rakyat (koordinasi)',
          'sifat Sangat Segera',
          'meneruskan disposisi kepada Kepala Biro Umum (penanggung jawab)',
          '(Kepala Biro Umum) menyampaikan laporan tindak lanjut.',
          '(Asisten Administrasi Umum) menyelesaikan tindak lanjut disposisi yang diterimanya.',
          'Surat ini selesai: penanggung jawab (Asisten Administrasi Umum)',
          'Disposisi koordinasi kepada Asisten Pemerintahan dan Kesejahteraan Rakyat ditutup bersama surat',
        ])
          expect(text).toContain(expected);
        await history.scrollIntoViewIfNeeded();
        await noHorizontalOverflow(page);
        await screenshot(page, `history-03-riwayat-${viewport}`);
        await context.close();
      }

      // --- The admin's audit log: sentences, the codes only under "Rincian".
      for (const viewport of ['desktop', 'phone'] as Viewport[]) {
        const { context, page } = await newPage(viewport);
        await loginAs(page, 'admin');
        await page.goto('/admin/audit');
        const first = page.getByTestId('audit-sentence').first();
        await first.waitFor();
        const sentences = await page.getByTestId('audit-sentence').allTextContents();
        expect(sentences.length).toBeGreaterThan(5);
        for (const sentence of sentences) expect(sentence).not.toMatch(INTERNAL);
        expect(sentences.join('\n')).toMatch(/ditutup bersama surat|menyelesaikan tindak lanjut/);
        await page.locator('.audit-table button.p-datatable-row-toggle-button').first().click();
        await page.getByText('Kode tindakan').first().waitFor();
        await screenshot(page, `history-04-audit-log-${viewport}`);
        await context.close();
      }
    },
  );
});
