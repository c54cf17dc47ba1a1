import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiAs,
  apiOkAs,
  eventually,
  loginAs,
  newPage,
  registerLetter,
  screenshot,
  uniqueStamp,
} from './browser.ts';

/**
 * Issue 17, asal pengirim and saluran penerimaan through the UI: the registration form offers
 * the category clerks chose before for a sender, and the channel; the letter's detail shows
 * both and the correction dialog changes them. Each test registers its own sender (a unique
 * stamp), since the e2e files share one server. Screenshots: e2e/screenshots/sender-category-*.
 */

async function chooseOption(page: Page, testid: string, label: string): Promise<void> {
  await page.getByTestId(testid).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

describe('asal pengirim and saluran penerimaan', () => {
  it('offers the sender its earlier category at registration, then shows and corrects both on the letter (desktop)', async () => {
    const stamp = uniqueStamp();
    const sender = `Yayasan Uji Saluran ${stamp}`;
    const letter = await registerLetter(await apiAs('agendaris'), {
      subject: `Permohonan audiensi ${stamp}`,
      senderName: sender,
      letterNumber: `ASAL/${stamp}/2026`,
      senderCategory: 'perorangan',
      channel: 'pos',
    });

    const { context, page } = await newPage('desktop');
    try {
      await loginAs(page, 'agendaris');
      // The form: the sender typed, its earlier category is offered (the name reads 'ormas').
      await page.goto('/surat-masuk/catat');
      await page.getByTestId('file-drop').waitFor();
      await page.locator('#in-sender').fill(sender);
      await page.keyboard.press('Escape');
      await eventually(() => page.getByTestId('sender-category').innerText()).toBe(
        'Perorangan/masyarakat',
      );
      expect(await page.locator('#in-category-help').innerText()).toContain(
        'Sesuai pilihan sebelumnya',
      );
      expect(await page.getByTestId('channel').innerText()).not.toBe('');
      await page.getByTestId('sender-category').scrollIntoViewIfNeeded();
      await screenshot(page, 'sender-category-form-desktop');

      // The letter: both shown, then corrected with a reason.
      await page.goto(`/surat-masuk/${letter.id}`);
      await eventually(() => page.locator('main').innerText()).toContain('Perorangan/masyarakat');
      expect(await page.locator('main').innerText()).toContain('Saluran penerimaan');
      await page.getByRole('button', { name: 'Koreksi' }).click();
      await chooseOption(page, 'c-channel', 'Surel (email)');
      await chooseOption(page, 'c-sender-category', 'Organisasi masyarakat');
      await page.locator('#c-reason').fill('Salah pilih saat mencatat');
      await screenshot(page, 'sender-category-correction-desktop');
      await page.getByRole('button', { name: 'Simpan koreksi' }).click();
      await eventually(() => page.locator('main').innerText()).toContain('Surel (email)');
      expect(await page.locator('main').innerText()).toContain('Organisasi masyarakat');
      await screenshot(page, 'sender-category-detail-desktop');
      const detail = await (
        await apiOkAs('agendaris')
      )('GET', `/api/incoming-letters/${letter.id}`);
      expect(detail).toMatchObject({ senderCategory: 'ormas', channel: 'email' });
    } finally {
      await context.close();
    }
  }, 300_000);

  it('shows both on a phone, and the correction dialog fits it', async () => {
    const stamp = uniqueStamp();
    const letter = await registerLetter(await apiAs('agendaris'), {
      subject: `Undangan sosialisasi ${stamp}`,
      senderName: `Dinas Kesehatan Kota Metro ${stamp}`,
      letterNumber: `ASAL/${stamp}/2026`,
      channel: 'srikandi',
    });
    const { context, page } = await newPage('phone');
    try {
      await loginAs(page, 'agendaris');
      await page.goto(`/surat-masuk/${letter.id}`);
      // No category sent: the server took the guess from the name.
      await eventually(() => page.locator('main').innerText()).toContain(
        'Pemerintah kabupaten/kota',
      );
      expect(await page.locator('main').innerText()).toContain('SRIKANDI/aplikasi');
      await screenshot(page, 'sender-category-detail-phone');
      await page.getByRole('button', { name: 'Koreksi' }).click();
      await page.getByTestId('c-channel').waitFor();
      expect(await page.getByTestId('c-channel').innerText()).toBe('SRIKANDI/aplikasi');
      await screenshot(page, 'sender-category-correction-phone');
    } finally {
      await context.close();
    }
  }, 300_000);
});
