import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { baseUrl, loginAs, newPage, screenshot } from './browser.ts';

/**
 * Issue 4 through the UI: a clerk registers two letters at the desk with the keyboard,
 * gets consecutive agenda numbers, prints the receipt and the stamped first page, finds
 * both in the register, exports it and opens a letter page by page.
 */

/** A small greyscale PNG made on the spot (the sample scans are not in the repository). */
function png(width: number, height: number, shade: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, shade);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lontar-incoming-e2e-'));
const scans = [240, 200].map((shade, i) => {
  const file = path.join(dir, `pindaian-${i + 1}.png`);
  writeFileSync(file, png(620, 877, shade));
  return file;
});

describe('registering incoming letters at the desk', () => {
  it('gives consecutive agenda numbers, prints, lists, exports and shows the letter', async () => {
    const { context, page } = await newPage('desktop');
    await loginAs(page, 'agendaris');
    await page.goto('/surat-masuk/catat');

    const numbers: string[] = [];
    for (const [i, scan] of scans.entries()) {
      // The form starts from the scan (issue 15 point 2): the chooser has the focus; once a
      // scan is chosen the focus goes on to the sender.
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-testid') === 'file-choose',
      );
      await page.setInputFiles('[data-testid=file-input]', scan);
      await page.waitForSelector('#in-sender:focus');
      await page.keyboard.type(`Dinas Uji Coba ${i + 1}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      await page.keyboard.type(`000.1/${100 + i}/E2E/2026`);
      await page.fill('#in-letter-date', '15/01/2026');
      await page.locator('#in-subject').fill(`Undangan rapat uji ${i + 1}`);
      await page.locator('#in-code').fill('000.1');
      // The scan is read while the clerk types. What the reading fills in after the clerk
      // has accepted the machine's values must be checked again (the form refuses to save
      // it), so wait until the reading is over: on a busy machine it can end late.
      await expect
        .poll(() => page.getByTestId('prefill-state').getAttribute('data-state'), {
          timeout: 90_000,
        })
        .not.toBe('reading');
      // Accept whatever the machine suggested (the code from the letter number), then save.
      await page.keyboard.press('Alt+t');
      await page.keyboard.press('Control+Enter');
      // The saved letter stays above the fresh form until the next one is saved; a refusal
      // (a field to check, a suspected duplicate, a server error) ends the wait with its text.
      const outcome = await page.waitForFunction(
        (subject) => {
          if (document.querySelector('[data-testid=saved]')?.textContent?.includes(subject))
            return 'saved';
          const refusal = document.querySelector(
            '[data-testid=check-error], [data-testid=form-error], [data-testid=duplicate-warning]',
          );
          return refusal ? `refused: ${refusal.textContent}` : false;
        },
        `Undangan rapat uji ${i + 1}`,
        { timeout: 60_000 },
      );
      expect(await outcome.jsonValue()).toBe('saved');
      numbers.push((await page.textContent('[data-testid=agenda-number]'))!.trim());
      if (i === 0) await screenshot(page, 'incoming-saved');
    }
    expect(numbers.map(Number)).toEqual([Number(numbers[0]), Number(numbers[0]) + 1]);

    await page.goto('/surat-masuk');
    await page.waitForSelector(
      '[data-testid=register-table] tbody tr:has-text("Undangan rapat uji 2")',
    );
    const rows = await page.locator('[data-testid=register-table] tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('Undangan rapat uji 1'))).toBe(true);
    expect(rows.some((r) => r.includes('Undangan rapat uji 2'))).toBe(true);
    await screenshot(page, 'incoming-register');

    const csvHref = await page
      .locator('[data-testid=exports] a', { hasText: 'CSV' })
      .getAttribute('href');
    const csv = await page.request.get(`${baseUrl()}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('Undangan rapat uji 2');

    await page
      .locator('[data-testid=register-table] tbody tr', { hasText: 'Undangan rapat uji 1' })
      .click();
    await page.waitForSelector('[data-testid=page-image]');
    // The scan is drawn once its image has loaded: waited for, since a busy machine is slow.
    await expect
      .poll(
        () =>
          page
            .locator('[data-testid=page-image]')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        { timeout: 60_000 },
      )
      .toBe(true);
    const id = page.url().split('/').pop()!;
    for (const kind of ['receipt', 'stamped']) {
      const pdf = await page.request.get(`${baseUrl()}/api/incoming-letters/${id}/${kind}.pdf`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await screenshot(page, 'incoming-letter');
    await context.close();
  }, 300_000);

  it('shows the register on a phone without the wide columns', async () => {
    const { context, page } = await newPage('phone');
    await loginAs(page, 'agendaris');
    await page.goto('/surat-masuk');
    await page.waitForSelector('[data-testid=register-table] tbody tr');
    // Each letter is one stacked card; the desktop columns are hidden, nothing scrolls sideways.
    await page.getByTestId('register-card').first().waitFor({ state: 'visible', timeout: 60_000 });
    expect(
      await page.locator('[data-testid=register-table] th.hide-phone').first().isVisible(),
    ).toBe(false);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(page, 'incoming-register-phone');
    await context.close();
  }, 300_000);
});
