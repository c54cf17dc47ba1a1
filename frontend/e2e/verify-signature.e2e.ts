import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { apiSessionAs, baseUrl, newPage, screenshot, type Viewport } from './browser.ts';

/**
 * Issue 16 (verification half): anyone who scans the QR code of a signed letter sees, in
 * plain Indonesian, whether the embedded electronic signature holds, who signed, as what,
 * when, and that the document is unchanged; uploading a copy with one byte changed says
 * "Dokumen telah diubah setelah ditandatangani". The letter is drafted and signed through
 * the API (the signing screens have their own e2e files).
 */

/** The API as a demo user, with the session cookie (to fetch the signed PDF). */
async function apiAs(username: string) {
  const { call: api, cookie } = await apiSessionAs(username);
  return { api, cookie };
}

async function signedLetter(): Promise<{ code: string; pdf: Buffer }> {
  const { api: staftu } = await apiAs('staftu');
  const positions = (await staftu('GET', '/api/outgoing-letters/positions')).json.items as Array<{
    id: string;
    key: string;
  }>;
  const positionOf = (key: string) => positions.find((p) => p.key === key)!.id;
  const created = await staftu('POST', '/api/outgoing-letters', {
    kind: 'surat_dinas',
    subject: 'Pemberitahuan Jadwal Pembinaan Kearsipan',
    classificationCode: '000.1',
    recipients: [{ type: 'external', label: 'Bupati Lampung Selatan', address: 'Kalianda' }],
    body: [
      {
        type: 'paragraph',
        indent: true,
        runs: [{ text: 'Dengan hormat, bersama ini kami sampaikan jadwal pembinaan kearsipan.' }],
      },
    ],
    verifierPositionIds: [],
    signer: {
      positionId: positionOf('asisten3'),
      mode: 'an',
      onBehalfOfPositionId: positionOf('sekda'),
    },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = created.json.id as string;
  expect((await staftu('POST', `/api/outgoing-letters/${id}/submit`)).status).toBe(200);
  const { api: asisten3, cookie } = await apiAs('asisten3');
  const sign = await asisten3('POST', `/api/outgoing-letters/${id}/sign`, {
    passphrase: 'lontar-demo',
  });
  expect(sign.status, JSON.stringify(sign.json)).toBe(200);
  const pdf = Buffer.from(
    await (
      await fetch(`${baseUrl()}/api/outgoing-letters/${id}/final.pdf`, { headers: { cookie } })
    ).arrayBuffer(),
  );
  return { code: (sign.json.code as string).replace('-', ''), pdf };
}

/** Text a visitor must never read: internal keys, English statuses, ISO dates. */
const INTERNAL =
  /unknown_issuer|not_yet_valid|certificateStatus|documentIntact|\btrue\b|\bfalse\b|\bnull\b|\d{4}-\d{2}-\d{2}T/;

describe('public verification of the embedded signature', () => {
  it(
    'shows who signed, as what, when and that the document is intact; a one-byte change is caught',
    { timeout: 300_000 },
    async () => {
      const { code, pdf } = await signedLetter();
      const artifacts = inject('artifactsDir');
      const tampered = Buffer.from(pdf);
      // One byte inside the signed range, in the middle of the first part.
      const range = /\/ByteRange\s*\[\s*0\s+(\d+)/.exec(pdf.toString('latin1'));
      const at = Math.floor(Number(range![1]) / 2);
      tampered[at] = tampered[at]! ^ 0x01;
      const tamperedPath = path.join(artifacts, 'verify-signature-tampered.pdf');
      const realPath = path.join(artifacts, 'verify-signature-real.pdf');
      writeFileSync(tamperedPath, tampered);
      writeFileSync(realPath, pdf);

      for (const viewport of ['desktop', 'phone'] as Viewport[]) {
        const { page, context } = await newPage(viewport);
        await page.goto(`/v/${code}`);
        await expect(
          page.getByText('Naskah dinas ini sah dan terdaftar').isVisible(),
        ).resolves.toBe(true);
        await expect(page.getByText('Tanda tangan elektronik sah').isVisible()).resolves.toBe(true);
        await expect(
          page.getByText('Tidak berubah sejak ditandatangani').isVisible(),
        ).resolves.toBe(true);
        await expect(
          page.getByText('Berlaku pada waktu penandatanganan').isVisible(),
        ).resolves.toBe(true);
        const body = await page.locator('body').innerText();
        expect(body).toMatch(/Ditandatangani oleh/);
        expect(body).toMatch(/Asisten Administrasi Umum/);
        expect(body).toMatch(/\d{1,2} Desember \d{4}.*WIB|\d{1,2} \w+ \d{4}.*WIB/);
        expect(body).not.toMatch(INTERNAL);
        // No sideways scrolling on a phone.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `verify-signature-${viewport}-01-letter`);

        // The file control speaks Indonesian whatever the browser's language: a label styled
        // as a button; the chosen file's name is written by the page's one script, which
        // the CSP allows by its hash (a blocked script would leave "Berkas sudah dipilih").
        await expect(page.getByText('Pilih berkas PDF').isVisible()).resolves.toBe(true);
        await expect(page.getByText('Belum ada berkas dipilih').isVisible()).resolves.toBe(true);
        await page.setInputFiles('input[name="berkas"]', tamperedPath);
        await expect(page.locator('#berkas-pilihan').innerText()).resolves.toBe(
          'Berkas dipilih: verify-signature-tampered.pdf',
        );
        await expect(page.getByText('Belum ada berkas dipilih').isVisible()).resolves.toBe(false);
        expect(
          await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ),
        ).toBeLessThanOrEqual(0);
        await page.locator('form').screenshot({
          path: path.join(
            path.dirname(await screenshot(page, `verify-signature-${viewport}-01b-file-chosen`)),
            `verify-signature-${viewport}-01c-upload-form.png`,
          ),
        });
        await page.getByRole('button', { name: 'Periksa berkas' }).click();
        await page.waitForURL((url) => url.pathname.endsWith('/check'));
        await expect(
          page.getByText('Dokumen telah diubah setelah ditandatangani').first().isVisible(),
        ).resolves.toBe(true);
        await expect(
          page.getByText('Berkas TIDAK cocok dengan naskah dinas yang ditandatangani').isVisible(),
        ).resolves.toBe(true);
        expect(await page.locator('body').innerText()).not.toMatch(INTERNAL);
        await screenshot(page, `verify-signature-${viewport}-02-tampered`);

        await page.setInputFiles('input[name="berkas"]', realPath);
        await page.getByRole('button', { name: 'Periksa berkas' }).click();
        await expect(
          page.getByText('Berkas cocok dengan naskah dinas yang ditandatangani').isVisible(),
        ).resolves.toBe(true);
        await expect(page.getByText('Tanda tangan elektronik sah').isVisible()).resolves.toBe(true);
        await screenshot(page, `verify-signature-${viewport}-03-real`);
        await context.close();
      }
    },
  );
});
