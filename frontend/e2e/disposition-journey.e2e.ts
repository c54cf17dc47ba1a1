import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { eventually, loginAs, newPage, screenshot } from './browser.ts';

/**
 * The done-when scenario of issue 5, through the UI as the demo users: the agendaris
 * registers a letter to the Sekda; the Sekda disposes it (on a phone) to asisten3
 * (penanggung jawab) and asisten1 (koordinasi); asisten3 forwards to karoumum, who forwards
 * to kabagtu; kabagtu reports with a file and completes; karoumum and then asisten3 carry
 * the report up and complete; the letter is done; the journey, the monitoring view and the
 * lembar disposisi show it. Screenshots land in e2e/screenshots/disposition-*.png.
 */

const SUBJECT = 'Permintaan data inventaris aset gedung kantor';
const SCAN = Buffer.from(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 70 >> stream
BT /F1 14 Tf 60 760 Td (Permintaan data inventaris aset gedung kantor) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`);

async function statusOf(page: Page): Promise<string> {
  return (await page.getByTestId('disposition-status').textContent())?.trim() ?? '';
}

/** Opens the first disposition of the letter in the given inbox tab. */
async function openFromInbox(page: Page, tab: string): Promise<void> {
  await page.goto(`/disposisi?tab=${tab}`);
  const card = page.getByTestId('inbox-list').locator('a', { hasText: SUBJECT }).first();
  await card.waitFor({ timeout: 20_000 });
  await card.click();
  await page.waitForURL(/\/disposisi\/[0-9a-f]{24}$/);
  await page.getByTestId('disposition-status').waitFor();
}

async function choose(page: Page, listTestId: string, label: string): Promise<void> {
  await page.getByTestId(listTestId).locator('label', { hasText: label }).first().click();
}

async function forwardTo(page: Page, recipient: string, instruction: string): Promise<void> {
  await page.getByTestId('action-forward').click();
  await page.getByTestId('dispose-form').waitFor();
  await page.getByTestId('direct-recipients').locator('label', { hasText: recipient }).waitFor();
  await choose(page, 'direct-recipients', recipient);
  await choose(page, 'instruction-options', instruction);
  await page.getByTestId('dispose-submit').click();
  await eventually(() => statusOf(page)).toBe('Diproses');
  await page.locator('.children', { hasText: recipient }).waitFor();
}

/** Reports (carrying up what came from below), completes in the same action. */
async function reportAndComplete(
  page: Page,
  text: string,
  files: Array<{ name: string; mimeType: string; buffer: Buffer }> = [],
): Promise<void> {
  await page.getByTestId('action-report').click();
  await page.getByTestId('report-form').waitFor();
  await page.locator('#report-text').fill(text);
  if (files.length) await page.getByTestId('report-files').setInputFiles(files);
  expect(await page.getByTestId('complete-after').locator('input').isChecked()).toBe(true);
  await page.getByTestId('report-submit').click();
  await eventually(() => statusOf(page)).toBe('Selesai');
}

describe('disposition journey', () => {
  let letterId = '';

  it(
    'goes from the letter desk down to a Kepala Bagian and back up, and the letter is done',
    { timeout: 600_000 },
    async () => {
      // --- The agendaris registers the letter (addressed to the Sekda by default).
      {
        const { context, page } = await newPage('desktop');
        await loginAs(page, 'agendaris');
        await page.goto('/surat-masuk/catat');
        await page.locator('[data-testid=file-input]').setInputFiles({
          name: 'surat-kemendagri.pdf',
          mimeType: 'application/pdf',
          buffer: SCAN,
        });
        await page.locator('#in-sender').fill('Kementerian Dalam Negeri');
        await page.keyboard.press('Escape');
        await page.locator('#in-number').fill('000.1/4512/SJ');
        await page.locator('#in-letter-date').fill('20/11/2026');
        await page.locator('#in-subject').fill(SUBJECT);
        await page.locator('#in-code').fill('000.1');
        await page.keyboard.press('Escape');
        // Accept what the machine read from the scan and typed in (marked "Periksa").
        await page.keyboard.press('Alt+t');
        await page.getByTestId('save').click();
        await page.getByTestId('agenda-number').waitFor({ timeout: 30_000 });
        await context.close();
      }

      // --- The Sekda reads the scan and disposes it, on a 360 px phone. Other e2e files share
      // this server and may have left letters for the Sekda too, so the counter is at least 1.
      {
        const { context, page } = await newPage('phone');
        await loginAs(page, 'sekda');
        await page.goto('/');
        await page.getByTestId('dispositions-widget').waitFor();
        await eventually(
          async () => (await page.getByTestId('counter-awaitingDisposition').textContent()) ?? '',
        ).toMatch(/^\s*[1-9]/);
        await screenshot(page, 'disposition-01-beranda-sekda-phone');
        await page.getByTestId('counter-awaitingDisposition').click();
        const card = page.getByTestId('awaiting-list').locator('a', { hasText: SUBJECT });
        await card.waitFor();
        await card.click();
        await page.waitForURL(/\/disposisi\/surat\/[0-9a-f]{24}\/disposisikan$/);
        letterId = /surat\/([0-9a-f]{24})\//.exec(page.url())![1]!;
        await page.getByTestId('dispose-form').waitFor();
        await page
          .getByTestId('direct-recipients')
          .locator('label', { hasText: 'Asisten Administrasi Umum' })
          .waitFor();
        await choose(page, 'direct-recipients', 'Asisten Administrasi Umum');
        await choose(page, 'direct-recipients', 'Asisten Pemerintahan dan Kesejahteraan Rakyat');
        await choose(page, 'instruction-options', 'Tindak lanjuti');
        await choose(page, 'instruction-options', 'Siapkan bahan');
        await page
          .locator('#dispose-note')
          .fill('Mohon data aset disiapkan sebelum rapat pimpinan.');
        expect(await page.getByTestId('chosen-recipients').textContent()).toContain(
          'Penanggung jawab',
        );
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, 'disposition-02-dispose-sekda-phone');
        await page.getByTestId('dispose-submit').click();
        await page.waitForURL(new RegExp(`/disposisi/surat/${letterId}$`));
        await eventually(async () =>
          (await page.getByTestId('letter-status').textContent())?.trim(),
        ).toBe('Diproses');
        await screenshot(page, 'disposition-03-journey-after-dispose-phone');
        await context.close();
      }

      // --- Asisten III opens it (read), then forwards to the Kepala Biro Umum.
      {
        const { context, page } = await newPage('desktop');
        await loginAs(page, 'asisten3');
        await openFromInbox(page, 'unread');
        expect(await statusOf(page)).toBe('Dibaca');
        await forwardTo(page, 'Kepala Biro Umum', 'Tindak lanjuti');
        await screenshot(page, 'disposition-04-asisten3-forwarded-desktop');
        await context.close();
      }

      // --- The Kepala Biro Umum forwards to the Kepala Bagian Tata Usaha.
      {
        const { context, page } = await newPage('desktop');
        await loginAs(page, 'karoumum');
        await openFromInbox(page, 'unread');
        await forwardTo(page, 'Kepala Bagian Tata Usaha', 'Siapkan bahan');
        await context.close();
      }

      // --- The Kepala Bagian TU reports with an attachment and completes (on a phone).
      {
        const { context, page } = await newPage('phone');
        await loginAs(page, 'kabagtu');
        await openFromInbox(page, 'unread');
        await reportAndComplete(
          page,
          'Data inventaris aset gedung kantor telah disusun, terlampir.',
          [{ name: 'data-aset.pdf', mimeType: 'application/pdf', buffer: SCAN }],
        );
        await page.getByTestId('report-list').locator('a', { hasText: 'data-aset.pdf' }).waitFor();
        await screenshot(page, 'disposition-05-kabagtu-done-phone');
        await context.close();
      }

      // --- The Kepala Biro Umum, then Asisten III, carry the report up and complete.
      for (const username of ['karoumum', 'asisten3']) {
        const { context, page } = await newPage('desktop');
        await loginAs(page, username);
        await openFromInbox(page, 'in_progress');
        await reportAndComplete(
          page,
          `Laporan dari bawah diteruskan; tindak lanjut ${username} selesai.`,
        );
        await context.close();
      }

      // --- The letter is done; the Sekda reads the journey, the monitoring, the sheet.
      {
        const { context, page } = await newPage('desktop');
        await loginAs(page, 'sekda');
        await page.goto(`/disposisi/surat/${letterId}`);
        await eventually(async () =>
          (await page.getByTestId('letter-status').textContent())?.trim(),
        ).toBe('Selesai');
        const tree = page.getByTestId('journey-tree');
        for (const title of [
          'Asisten Administrasi Umum',
          'Kepala Biro Umum',
          'Kepala Bagian Tata Usaha',
        ]) {
          expect(await page.getByTestId(`journey-node-${title}`).first().textContent()).toContain(
            'Selesai',
          );
        }
        expect(await tree.textContent()).toContain('data-aset.pdf');
        // The coordination item closed with the letter: nobody is awaited (issue 15).
        expect(await page.getByTestId('waiting-on').count()).toBe(0);
        expect(
          await page
            .getByTestId('journey-node-Asisten Pemerintahan dan Kesejahteraan Rakyat')
            .textContent(),
        ).toContain('Ditutup bersama surat');
        await screenshot(page, 'disposition-06-journey-done-desktop');

        await page.goto('/disposisi/pemantauan');
        await page.getByTestId('monitoring-table').waitFor();
        await screenshot(page, 'disposition-07-monitoring-desktop');
        await page.getByTestId('monitoring-row-ASS.III').click();
        await page.waitForURL(/unit=/);
        await page.getByTestId('monitoring-row-B.UM').waitFor();
        await screenshot(page, 'disposition-08-monitoring-drilldown-desktop');

        const sheet = await page.request.get(
          `/api/incoming-letters/${letterId}/disposition-sheet.pdf`,
        );
        expect(sheet.status()).toBe(200);
        expect(sheet.headers()['content-type']).toBe('application/pdf');
        const pdf = await sheet.body();
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        writeFileSync(
          path.join(inject('artifactsDir'), 'disposition-09-lembar-disposisi.pdf'),
          pdf,
        );
        await context.close();
      }

      // --- The Sekda's journey on a phone, at the end.
      {
        const { context, page } = await newPage('phone');
        await loginAs(page, 'sekda');
        await page.goto(`/disposisi/surat/${letterId}`);
        await page.getByTestId('journey-tree').waitFor();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, 'disposition-10-journey-done-phone');
        await context.close();
      }
    },
  );
});
