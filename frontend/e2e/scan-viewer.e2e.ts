import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@lontar/infra/stack';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, eventually, loginAs, newPage, screenshot } from './browser.ts';

/**
 * Issue 15 point 7, reading the scan: a two-page scanned letter (pictures only, read by the
 * OCR worker) is opened from a search as the Sekda would: the searched word is marked on the
 * page image, the page is zoomed, turned and found in again from the viewer's own box; a
 * page that fails to load says so and comes back with "Coba lagi"; the dispose screen puts
 * the scan beside the form on a laptop and folds it under the form on a phone.
 * Screenshots: e2e/screenshots/scan-viewer-*.png.
 */

// Neither subject nor sender holds the word searched: the best hit is a page of the scan.
const SUBJECT = 'Pembinaan tata kelola dokumen di lingkungan pemerintah daerah';
const pad = (lines: string[], total: number) => [
  ...lines,
  ...Array.from({ length: Math.max(0, total - lines.length) }, () => ''),
];
// A4-shaped pages at 1600 px wide: about 35 lines of the fixture's 64 px.
const LETTER = pad(
  [
    'PEMERINTAH PROVINSI LAMPUNG',
    'ARSIP DAN PERPUSTAKAAN DAERAH',
    '',
    'Nomor : 045/112/ARPUS/2026',
    'Perihal : Pembinaan kearsipan',
    '',
    'Dengan hormat, dalam rangka pembinaan kearsipan',
    'kami mohon setiap perangkat daerah menata',
    'arsip dinamis sesuai pedoman yang berlaku.',
    '',
    'Kepala Dinas',
  ],
  35,
);
const ATTACHMENT = pad(
  [
    'LAMPIRAN',
    'Jadwal pembinaan kearsipan tahun 2026',
    'Bulan Maret: penataan arsip aktif',
    'Bulan Juni: pemindahan arsip inaktif',
  ],
  35,
);

const workDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-scan-viewer-e2e-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The scan, made by the backend's OCR fixtures (sharp and pdf-lib live there). */
function makeScan(): Buffer {
  const file = path.join(workDir, 'surat-kearsipan.pdf');
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
    { cwd: path.join(repoRoot, 'backend'), stdio: 'pipe' },
  );
  return readFileSync(file);
}

async function apiAs(username: string) {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'lontar-demo' }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: string, url: string, body?: FormData) => {
    const response = await fetch(`${baseUrl()}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken },
      body,
    });
    return { status: response.status, json: (await response.json()) as any };
  };
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A screenshot without a button's tooltip from the last click hovering over it. */
async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => !document.querySelector('.p-tooltip'));
  await screenshot(page, name);
}

/** Waits until the shown page image has arrived (the skeleton is gone). */
async function pageShown(page: Page): Promise<void> {
  await page.getByTestId('page-image').first().waitFor();
  await page.waitForFunction(() => {
    const image = document.querySelector<HTMLImageElement>('[data-testid="page-image"]');
    return (
      !!image &&
      image.complete &&
      image.naturalWidth > 0 &&
      !document.querySelector('[data-testid="page-skeleton"]')
    );
  });
}

let letterId = '';
let fileId = '';

beforeAll(async () => {
  const desk = await apiAs('agendaris');
  const form = new FormData();
  form.append(
    'data',
    JSON.stringify({
      senderName: 'Dinas Perpustakaan Daerah',
      letterNumber: '045/112/ARPUS/2026',
      letterDate: '2026-11-30',
      subject: SUBJECT,
      classificationCode: '000',
      securityClass: 'B',
      urgency: 'segera',
      confirmDuplicate: true,
    }),
  );
  form.append(
    'files',
    new Blob([new Uint8Array(makeScan())], { type: 'application/pdf' }),
    'surat-kearsipan.pdf',
  );
  const created = await desk('POST', '/api/incoming-letters', form);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  letterId = created.json.id;
  fileId = created.json.files[0].id;
  // The worker reads both pictures; their word boxes are what the viewer marks.
  const deadline = Date.now() + 150_000;
  let status = '';
  while (Date.now() < deadline) {
    status = (await desk('GET', `/api/files/${fileId}/ocr`)).json.status;
    if (status === 'done' || status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(status).toBe('done');
}, 300_000);

describe('reading the scan', () => {
  it('opens a search hit with the word marked on the page, zooms and turns the page (laptop)', async () => {
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'sekda');
    // From the search screen: the hit opens the letter at the page, with the words searched.
    await page.goto('/pencarian?q=kearsipan');
    // Other e2e files' letters say "kearsipan" too (they share the server): open this one's.
    const hit = page.locator(`[data-testid=search-hit-link][href*="${letterId}"]`).first();
    await eventually(async () => {
      await page.reload();
      await page.getByTestId('search-summary').waitFor();
      return hit.count();
    }).toBeGreaterThan(0);
    await hit.click();
    await page.waitForURL(
      (url) =>
        url.pathname === `/surat-masuk/${letterId}` &&
        url.searchParams.get('berkas') === fileId &&
        url.searchParams.get('q') === 'kearsipan',
    );
    const viewer = page.getByTestId('scan-viewer');
    await pageShown(page);
    await eventually(() => page.getByText('Halaman 1 dari 2').count()).toBeGreaterThan(0);
    // "kearsipan" is matched as search matches it: "kearsipan" and "arsip" (the same stem).
    await eventually(() => page.getByTestId('page-hit').count()).toBeGreaterThanOrEqual(3);
    await eventually(() => page.getByTestId('find-summary').textContent()).toMatch(
      /di halaman ini · \d+ di 2 halaman/,
    );
    // Each mark lies on the page image.
    const image = (await page.getByTestId('page-image').boundingBox())!;
    for (const mark of await page.getByTestId('page-hit').all()) {
      const box = (await mark.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(image.x - 4);
      expect(box.y + box.height).toBeLessThanOrEqual(image.y + image.height + 4);
    }
    expect(await page.getByTestId('thumbnail-hits').count()).toBe(2);
    await viewer.scrollIntoViewIfNeeded();
    await shot(page, 'scan-viewer-01-hit-desktop');

    // Zoom: buttons, keys, Ctrl + wheel.
    const widthOf = async () => (await page.getByTestId('page-image').boundingBox())!.width;
    const fitted = await widthOf();
    await page.getByTestId('zoom-in').click();
    await viewer.focus();
    await page.keyboard.press('+');
    await eventually(() => page.getByTestId('zoom-label').textContent()).toBe('150%');
    expect(await widthOf()).toBeCloseTo(fitted * 1.5, -1);
    await page.locator('.canvas').hover();
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await eventually(() => page.getByTestId('zoom-label').textContent()).toBe('200%');
    await pageShown(page);
    await shot(page, 'scan-viewer-02-zoomed-desktop');
    await page.getByTestId('fit-page').click();
    await eventually(() => page.getByTestId('zoom-label').textContent()).toBe('Halaman');

    // A quarter turn, kept for the file when the letter is opened again.
    await page.getByTestId('rotate').click();
    expect(await viewer.getAttribute('data-rotation')).toBe('90');
    await page.getByTestId('fit-width').click();
    const turned = (await page.getByTestId('page-image').boundingBox())!;
    // Turned, the page lies across the viewer: wider than tall on screen.
    expect(turned.width).toBeGreaterThan(turned.height);
    await shot(page, 'scan-viewer-03-rotated-desktop');
    await page.reload();
    await pageShown(page);
    expect(await page.getByTestId('scan-viewer').getAttribute('data-rotation')).toBe('90');
    await page.getByTestId('scan-viewer').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('r');
    expect(await page.getByTestId('scan-viewer').getAttribute('data-rotation')).toBe('0');

    // The viewer's own search: a word of page 2 only; Enter goes there and marks it.
    const find = page.getByTestId('find-input');
    await find.fill('inaktif');
    await find.press('Enter');
    await eventually(() => page.getByTestId('page-label').textContent()).toBe('Halaman 2 dari 2');
    await pageShown(page);
    await eventually(() => page.getByTestId('page-hit').count()).toBe(1);
    // A word in no page says so.
    await find.fill('kendaraan');
    await eventually(async () =>
      (await page.getByTestId('find-summary').textContent())?.trim(),
    ).toBe('Kata yang dicari tidak ada di berkas ini.');
    await context.close();
  });

  it('says when a page fails to load and brings it back with "Coba lagi"', async () => {
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'sekda');
    const pages = `**/api/files/${fileId}/pages/1?**`;
    await page.route(pages, (route) => route.abort('connectionfailed'));
    await page.goto(`/surat-masuk/${letterId}`);
    const problem = page.getByTestId('page-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain(
      'Halaman 1 tidak dapat dimuat. Periksa sambungan, lalu coba lagi.',
    );
    expect(await page.getByTestId('page-image').count()).toBe(0);
    await problem.scrollIntoViewIfNeeded();
    await shot(page, 'scan-viewer-04-load-failed-desktop');
    await page.unroute(pages);
    await page.getByTestId('page-retry').click();
    await pageShown(page);
    expect(await problem.count()).toBe(0);
    await context.close();
  });

  it('puts the scan beside the dispose form on a laptop', async () => {
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'sekda');
    await page.goto(`/disposisi/surat/${letterId}/disposisikan`);
    await page.getByTestId('dispose-form').waitFor({ timeout: 20_000 });
    await pageShown(page);
    const scan = (await page.getByTestId('dispose-scan-column').boundingBox())!;
    const form = (await page.getByTestId('dispose-form-column').boundingBox())!;
    // Side by side: the scan on the left, the form on the right, both starting at the top.
    expect(scan.x + scan.width).toBeLessThanOrEqual(form.x + 1);
    expect(Math.abs(scan.y - form.y)).toBeLessThan(4);
    // Each column fits the window and scrolls on its own.
    expect(scan.height).toBeLessThanOrEqual(768);
    const formScrolls = await page
      .getByTestId('dispose-form-column')
      .evaluate((el) => getComputedStyle(el).overflowY);
    expect(formScrolls).toBe('auto');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await shot(page, 'scan-viewer-05-dispose-desktop');
    await noHorizontalScroll(page);
    await context.close();
  });

  it('works on a phone: hit marked, zoomed, turned; on the dispose screen the form first', async () => {
    const { context, page } = await newPage('phone');
    await loginAs(page, 'sekda');
    await page.goto(`/surat-masuk/${letterId}?berkas=${fileId}&halaman=1&q=kearsipan`);
    await pageShown(page);
    await eventually(() => page.getByTestId('page-hit').count()).toBeGreaterThanOrEqual(3);
    await page.getByTestId('scan-viewer').scrollIntoViewIfNeeded();
    await shot(page, 'scan-viewer-06-hit-phone');
    await noHorizontalScroll(page);
    // Touch-sized controls.
    const zoomIn = (await page.getByTestId('zoom-in').boundingBox())!;
    expect(zoomIn.height).toBeGreaterThanOrEqual(40);
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    await eventually(() => page.getByTestId('zoom-label').textContent()).toBe('150%');
    await pageShown(page);
    await noHorizontalScroll(page);
    await shot(page, 'scan-viewer-07-zoomed-phone');
    await page.getByTestId('fit-width').click();
    await page.getByTestId('rotate').click();
    await pageShown(page);
    await noHorizontalScroll(page);
    await shot(page, 'scan-viewer-08-rotated-phone');
    await page.getByTestId('rotate').click();
    await page.getByTestId('rotate').click();
    await page.getByTestId('rotate').click();

    await page.goto(`/disposisi/surat/${letterId}/disposisikan`);
    await page.getByTestId('dispose-form').waitFor({ timeout: 20_000 });
    const toggle = page.getByTestId('toggle-scan');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('scan-viewer').count()).toBe(0);
    const form = (await page.getByTestId('dispose-form-column').boundingBox())!;
    const scan = (await page.getByTestId('dispose-scan-column').boundingBox())!;
    expect(form.y).toBeLessThan(scan.y);
    await shot(page, 'scan-viewer-09-dispose-phone');
    await toggle.click();
    await pageShown(page);
    await noHorizontalScroll(page);
    await page.getByTestId('dispose-scan-column').scrollIntoViewIfNeeded();
    await shot(page, 'scan-viewer-10-dispose-scan-open-phone');
    await context.close();
  });
});
