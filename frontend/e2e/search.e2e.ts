import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@lontar/infra/stack';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, loginAs, newPage, screenshot } from './browser.ts';

/**
 * Issue 6 through the UI: the agendaris drops a scanned two-page letter, takes the
 * suggestions read from it, registers it, and watches OCR finish on the letter page by
 * itself; then the body text is found by a word and by another form of it (stemming),
 * and the hit opens the letter at the scan page where the word is.
 */

const LETTER = [
  'PEMERINTAH PROVINSI LAMPUNG',
  'DINAS KEHUTANAN',
  'Jalan Jenderal Sudirman 12 Bandar Lampung',
  '',
  'Nomor : 522/318/V.07/2026',
  'Bandar Lampung, 16 Februari 2026',
  'Perihal : Rencana rehabilitasi lahan kritis',
  '',
  'Dengan hormat, bersama ini kami sampaikan',
  'rencana kegiatan tahun anggaran 2026.',
];
const ATTACHMENT = [
  'LAMPIRAN',
  'Kegiatan penghijauan di Kabupaten Tanggamus',
  'seluas 120 hektare bersama kelompok tani.',
];

/** The scan is made by the backend's own OCR fixtures (sharp and pdf-lib live there): two
 * pages of rendered text in a picture-only PDF, as a scanner writes it. */
const workDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-search-e2e-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
function makeScan(): string {
  const file = path.join(workDir, 'surat-dinas-kehutanan.pdf');
  const script = `
    import { writeFileSync } from 'node:fs';
    import { imagePdf, renderTextPng } from './src/modules/ocr/test-fixtures.ts';
    const [letter, attachment] = JSON.parse(process.argv[1]);
    const pages = [await renderTextPng(letter, { width: 1600 }), await renderTextPng(attachment, { width: 1600 })];
    writeFileSync(process.argv[2], await imagePdf(pages));
  `;
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify([LETTER, ATTACHMENT]), file],
    {
      cwd: path.join(repoRoot, 'backend'),
      stdio: 'pipe',
    },
  );
  return file;
}

async function searchFor(page: Page, words: string): Promise<void> {
  await page.getByTestId('search-query').fill(words);
  // The worker's text reaches this replica's index within a moment; search again until then.
  await eventually(async () => {
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-summary').waitFor();
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
    return page.getByTestId('search-hit').count();
  }).toBe(1);
}

describe('search over OCR text', () => {
  let letterUrl = '';

  it('registers a scanned letter with suggestions read from it, and reads its text without a refresh', async () => {
    const scan = makeScan();
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'agendaris');
    await page.goto('/surat-masuk/catat');
    await page.locator('[data-testid=file-input]').setInputFiles(scan);

    await expect
      .poll(() => page.getByTestId('prefill-state').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('done');
    // Read confidently from a clean scan: typed in and marked "Periksa" (issue 15 point 2).
    expect(await page.locator('#in-number').inputValue()).toBe('522/318/V.07/2026');
    expect(await page.locator('#in-letter-date').inputValue()).toBe('16/02/2026');
    expect(await page.locator('#in-subject').inputValue()).toBe(
      'Rencana rehabilitasi lahan kritis',
    );
    // The sender is guessed from the letterhead; which lines it takes is the server's heuristic.
    expect(await page.locator('#in-sender').inputValue()).toMatch(/Provinsi Lampung/);
    expect(await page.getByTestId('check-letterNumber').count()).toBe(1);
    await screenshot(page, 'search-01-prefill-desktop');
    // One key accepts what the machine filled.
    await page.keyboard.press('Alt+t');
    expect(await page.locator('[data-testid^="check-"]').count()).toBe(0);

    await page.locator('#in-code').fill('500');
    await page.keyboard.press('Escape');
    await page.getByTestId('save').click();
    await page.getByTestId('agenda-number').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Buka surat', exact: true }).click();
    await page.waitForURL(/\/surat-masuk\/[0-9a-f]{24}$/);
    letterUrl = new URL(page.url()).pathname;

    // The status polls by itself until the worker is done with both pages.
    const status = page.getByTestId('ocr-status');
    await eventually(() => status.getAttribute('data-status'), 90_000).toBe('done');
    expect(await status.textContent()).toContain('Teks selesai dibaca (2 halaman)');
    expect(await page.getByTestId('searchable-pdf').getAttribute('href')).toMatch(
      /^\/api\/files\/[0-9a-f]{24}\/searchable\.pdf$/,
    );
    const review = page.getByTestId('ocr-review');
    expect(await review.getByTestId('ocr-page-2').textContent()).toMatch(/penghijauan/i);
    await screenshot(page, 'search-02-letter-ocr-desktop');
    await context.close();
  });

  it('finds the letter by a word of its scan and by another form of the word, and opens it at that page', async () => {
    expect(letterUrl).not.toBe('');
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'agendaris');
    await page.goto('/pencarian');
    await page.getByTestId('search-help').click();
    await page.getByText('Cara menulis kata kunci').last().waitFor();
    await screenshot(page, 'search-00-start-help-desktop');
    await page.keyboard.press('Escape');

    await searchFor(page, 'penghijauan');
    expect(new URL(page.url()).searchParams.get('q')).toBe('penghijauan');
    const hit = page.getByTestId('search-hit');
    expect(await hit.locator('mark').first().textContent()).toMatch(/^penghijauan$/i);
    expect(await hit.getByTestId('search-hit-page').textContent()).toContain('hlm. 2');
    expect(await hit.textContent()).toContain('Rencana rehabilitasi lahan kritis');

    // Stemming: "menghijaukan" finds "penghijauan" (root: hijau).
    await searchFor(page, 'menghijaukan');
    expect(await hit.locator('mark').first().textContent()).toMatch(/^penghijauan$/i);
    await screenshot(page, 'search-03-results-desktop');

    await hit.getByTestId('search-hit-link').click();
    await page.waitForURL(
      (url) =>
        url.pathname === letterUrl &&
        url.searchParams.get('halaman') === '2' &&
        !!url.searchParams.get('berkas'),
    );
    await page.getByText('Halaman 2 dari 2').first().waitFor();

    // The back button returns to the same results.
    await page.goBack();
    await page.getByTestId('search-hit').waitFor();
    expect(await page.getByTestId('search-query').inputValue()).toBe('menghijaukan');

    // A filter that excludes it: outgoing letters only.
    await page.goto('/pencarian?q=menghijaukan&jenis=keluar');
    await page.getByTestId('search-summary').waitFor();
    await eventually(() => page.getByTestId('search-summary').textContent()).toContain(
      '0 hasil ditemukan',
    );
    await context.close();
  });

  it('lays the search screen out for a phone', async () => {
    const { context, page } = await newPage('phone');
    await loginAs(page, 'agendaris');
    // From the search box on Beranda.
    const widget = page.getByTestId('search-widget');
    await widget.locator('input').fill('menghijaukan');
    await widget.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/pencarian' && url.searchParams.get('q') === 'menghijaukan',
    );
    await page.getByTestId('search-hit').waitFor({ timeout: 20_000 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'search-04-results-phone');
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.locator('#search-filters').waitFor();
    await screenshot(page, 'search-05-filters-phone');

    // The hit opens the letter scrolled to its scan, at the page of the match.
    await page.getByTestId('search-hit-link').click();
    await page.getByText('Halaman 2 dari 2').first().waitFor();
    await page.getByTestId('ocr-status').waitFor();
    await screenshot(page, 'search-06-letter-phone');
    await context.close();
  });

  it("puts a reviewer's correction of a page into search at once", async () => {
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'arsiparis');
    await page.goto(letterUrl);
    const pageTwo = page.getByTestId('ocr-page-2');
    await pageTwo.locator('summary').click();
    await pageTwo.getByTestId('ocr-edit').click();
    const text = pageTwo.locator('textarea');
    await text.fill(`${await text.inputValue()}\nBibit mahoni untuk reboisasi.`);
    await pageTwo.getByTestId('ocr-save').click();
    await page.getByText('Koreksi halaman 2 tersimpan.').waitFor();
    expect(await pageTwo.textContent()).toContain('Dikoreksi');
    await screenshot(page, 'search-07-correction-desktop');

    await page.goto('/pencarian?q=reboisasi');
    await page.getByTestId('search-hit').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('search-hit').locator('mark').first().textContent()).toBe(
      'reboisasi',
    );
    await context.close();
  });

  it('lists OCR jobs for the administrator, with retry', async () => {
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'admin');
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Antrean OCR' }).click();
    await page.getByTestId('ocr-jobs-table').waitFor();
    await page.getByRole('button', { name: 'Selesai' }).click();
    const row = page
      .getByTestId('ocr-jobs-table')
      .locator('tbody tr', { hasText: 'surat-dinas-kehutanan.pdf' });
    await row.waitFor();
    expect(await row.getByTestId('ocr-job-retry').count()).toBe(1);
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="ocr-jobs-table"] .p-datatable-mask'),
    );
    await screenshot(page, 'search-08-ocr-jobs-admin');
    await context.close();
  });
});
