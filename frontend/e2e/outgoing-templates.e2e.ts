import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { eventually, loginAs, newPage, screenshot, type Viewport } from './browser.ts';

/**
 * Issue 15 point 9: the outgoing editor fits a 1366 px laptop and a phone (nothing cut off,
 * the signature panel included), and a new draft starts from its kind's body in the official
 * wording, filled from the draft (addressee, subject, signer). The rendered PDF pages of the
 * five kinds are saved as PNG (the app's own page renderer) to be looked at.
 */

const bodyText = (page: Page) => page.getByRole('textbox', { name: 'Isi surat' }).innerText();

/** Nothing wider than the window: no sideways scrolling, every panel inside the viewport. */
async function expectNothingCutOff(page: Page, viewport: Viewport): Promise<void> {
  // Names the widest offenders in the failure message.
  const offenders = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.right > document.documentElement.clientWidth + 1)
      .slice(0, 6)
      .map(
        ({ el, r }) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.right)}`,
      ),
  );
  const overflow = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(
    overflow.scroll,
    `${viewport}: wider than the window: ${offenders.join(', ')}`,
  ).toBeLessThanOrEqual(overflow.client);
  const width = page.viewportSize()!.width;
  for (const testid of ['signer-panel', 'body-template']) {
    const box = await page.getByTestId(testid).boundingBox();
    expect(box, testid).not.toBeNull();
    expect(box!.x, `${viewport}: ${testid} starts off screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${viewport}: ${testid} cut off`).toBeLessThanOrEqual(width);
  }
}

async function choosePosition(page: Page, label: string, title: RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.p-select-overlay input')
    .fill(String(title.source).replace(/\\/g, '').replace(/[$^]/g, ''));
  await page.getByRole('option', { name: title }).first().click();
}

async function openNew(page: Page, kind: string): Promise<void> {
  await page.goto(`/surat-keluar/baru?kind=${kind}`);
  // The chain is proposed, then the kind's template fills the body.
  await eventually(() => bodyText(page)).toContain('Demikian');
}

describe('outgoing: body templates and an editor that fits', () => {
  it(
    'fills a new undangan from the draft, fits 1366 px and 390 px, and renders the five kinds',
    // Eighteen seconds on a quiet machine; five kinds of PDF rendered one after another take
    // over two minutes when the two cores are shared by many jobs (load 25–30).
    { timeout: 360_000 },
    async () => {
      const { page, context } = await newPage('desktop');
      await loginAs(page, 'staftu');
      await openNew(page, 'surat_undangan');
      expect(await bodyText(page)).toContain('Dengan hormat,');
      expect(await bodyText(page)).toContain('Hari/tanggal');

      // What the draft knows goes in: the subject's event, the addressee.
      await page.getByLabel('Hal').fill('Undangan Rapat Koordinasi Kearsipan');
      await page.getByRole('button', { name: 'Tambah tujuan luar' }).click();
      await page.getByLabel('Nama jabatan/instansi tujuan').fill('Bupati Lampung Selatan');
      await page.getByTestId('body-template').click();
      await eventually(() => bodyText(page)).toContain('Dalam rangka Rapat Koordinasi Kearsipan');
      await screenshot(page, 'outgoing-templates-01-editor-1366');
      await expectNothingCutOff(page, 'desktop');

      // Typed text is not thrown away without asking.
      const body = page.getByRole('textbox', { name: 'Isi surat' });
      await body.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Catatan tambahan.');
      await page.getByTestId('body-template').click();
      await page.getByTestId('template-confirm').waitFor();
      await page.getByRole('button', { name: 'Jangan ganti' }).click();
      expect(await bodyText(page)).toContain('Catatan tambahan.');

      await page.getByRole('button', { name: 'Simpan konsep' }).click();
      await page.waitForURL(/\/surat-keluar\/[0-9a-f]{24}$/, { timeout: 15_000 });
      const id = page.url().split('/').pop()!;
      await page.getByTestId('letter-page').waitFor();
      await eventually(() =>
        page
          .getByTestId('letter-page')
          .evaluate(
            (img) =>
              (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
          ),
      ).toBe(true);
      await screenshot(page, 'outgoing-templates-02-detail-1366');

      // The rendered PDF page of each kind, by the app's page renderer, kept as PNG.
      const dir = inject('artifactsDir');
      const save = async (letterId: string, name: string) => {
        const png = await page.evaluate(async (url) => {
          const response = await fetch(url, { credentials: 'same-origin' });
          const bytes = new Uint8Array(await response.arrayBuffer());
          return { status: response.status, bytes: Array.from(bytes) };
        }, `/api/outgoing-letters/${letterId}/pages/1?width=1240`);
        expect(png.status, name).toBe(200);
        writeFileSync(path.join(dir, `${name}.png`), Buffer.from(png.bytes));
      };
      await save(id, 'outgoing-templates-pdf-surat_undangan');
      for (const kind of ['surat_dinas', 'nota_dinas', 'surat_edaran', 'surat_tugas']) {
        await openNew(page, kind);
        await page
          .getByLabel('Hal')
          .fill(
            kind === 'surat_tugas'
              ? 'Pendampingan Penataan Arsip Inaktif'
              : 'Pembinaan Kearsipan Tahun 2027',
          );
        if (kind === 'surat_tugas' || kind === 'nota_dinas') {
          // An official inside: the surat tugas names the holder (name, NIP, rank).
          await page.getByRole('button', { name: 'Tambah jabatan' }).click();
          await choosePosition(page, 'Tujuan (Yth.) 1', /^Kepala Bagian Tata Usaha/);
        } else {
          await page.getByRole('button', { name: 'Tambah tujuan luar' }).click();
          await page.getByLabel('Nama jabatan/instansi tujuan').fill('Bupati Lampung Selatan');
        }
        await page.getByTestId('body-template').click();
        await eventually(() => bodyText(page)).toContain(
          kind === 'surat_tugas'
            ? 'Pendampingan Penataan Arsip Inaktif'
            : 'Pembinaan Kearsipan Tahun 2027',
        );
        if (kind === 'surat_tugas') {
          const text = await bodyText(page);
          expect(text).toContain('MENUGASKAN:');
          expect(text).toContain('Kepala Bagian Tata Usaha');
          expect(text).toMatch(/NIP\s*:\s*\d{18}/);
          expect(text).toContain('Asisten Administrasi Umum');
          await screenshot(page, 'outgoing-templates-04-surat-tugas-1366');
        }
        await page.getByRole('button', { name: 'Simpan konsep' }).click();
        await page.waitForURL(/\/surat-keluar\/[0-9a-f]{24}$/, { timeout: 15_000 });
        await save(page.url().split('/').pop()!, `outgoing-templates-pdf-${kind}`);
      }

      // The undangan goes to its first verifier, who is asked for the password again at the
      // paraf: the re-auth dialog, looked at on both sizes.
      await page.goto(`/surat-keluar/${id}`);
      await page.getByRole('button', { name: 'Ajukan untuk verifikasi' }).click();
      await eventually(async () =>
        (await page.getByTestId('letter-status').textContent())?.trim(),
      ).toBe('Dalam verifikasi');
      await context.close();
      for (const viewport of ['desktop', 'phone'] as const) {
        const kabag = await newPage(viewport);
        await loginAs(kabag.page, 'kabagtu');
        await kabag.page.goto(`/surat-keluar/${id}`);
        await kabag.page.getByRole('button', { name: 'Paraf' }).click();
        const dialog = kabag.page.getByTestId('reauth-dialog');
        await dialog.locator('#reauth-password').waitFor();
        await screenshot(kabag.page, `outgoing-templates-06-reauth-${viewport}`);
        const box = await dialog.boundingBox();
        expect(box!.x + box!.width, `${viewport}: re-auth dialog cut off`).toBeLessThanOrEqual(
          kabag.page.viewportSize()!.width,
        );
        await kabag.context.close();
      }

      // The phone: the same editor, one column, nothing cut off.
      const phone = await newPage('phone');
      await loginAs(phone.page, 'staftu');
      await openNew(phone.page, 'surat_tugas');
      await screenshot(phone.page, 'outgoing-templates-03-editor-390');
      await expectNothingCutOff(phone.page, 'phone');
      // The profile (signing PIN, password, API tokens) on the phone: nothing wider either.
      // One token, so the table has a row to fit (made through the API, as an integration would).
      await phone.page.evaluate(async () => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
        await fetch('/api/auth/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ name: 'Integrasi aplikasi kepegawaian' }),
        });
      });
      await phone.page.goto('/profil');
      await phone.page.getByText('Integrasi aplikasi kepegawaian').waitFor();
      await phone.page.locator('.token-table .p-datatable-mask').waitFor({ state: 'detached' });
      await screenshot(phone.page, 'outgoing-templates-05-profile-tokens-390');
      const profile = await phone.page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(profile.scroll, 'profile wider than the phone').toBeLessThanOrEqual(profile.client);
      await phone.context.close();
    },
  );
});
