import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { baseUrl, eventually, loginAs, newPage, screenshot } from './browser.ts';

/**
 * The done-when scenario of issue 7, through the UI: staftu drafts a reply to a disposed
 * incoming letter, kabagtu and karoumum verify (one return and a fix in between), asisten3
 * signs "a.n. Sekretaris Daerah"; the number and QR are on the letter; the public page
 * confirms the real PDF and rejects an edited copy; the internal recipient has it in the
 * inbox; the disposition completes; both registers show it. The incoming letter and its
 * disposition are set up through the API (their screens belong to other modules).
 */

type Api = (method: string, url: string, body?: unknown) => Promise<{ status: number; json: any }>;

async function apiAs(username: string): Promise<Api> {
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
  return async (method, url, body) => {
    const form = body instanceof FormData;
    const response = await fetch(`${baseUrl()}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body && !form ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      json:
        text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  };
}

const MINIMAL_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 62 >> stream
BT /F1 14 Tf 60 760 Td (Permohonan Pembinaan Kearsipan) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

async function choosePosition(page: Page, label: string, title: RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.p-select-overlay input')
    .fill(String(title.source).replace(/\\/g, '').replace(/[$^]/g, ''));
  await page.getByRole('option', { name: title }).first().click();
}

async function openLetter(page: Page, username: string, id: string): Promise<void> {
  await loginAs(page, username);
  await page.goto(`/surat-keluar/${id}`);
  await page.getByTestId('letter-status').waitFor();
}

/** Waits until the letter's page image has been rendered by the server and decoded. */
async function pageImageLoaded(page: Page): Promise<void> {
  await page.getByTestId('letter-page').waitFor();
  await expect
    .poll(
      () =>
        page
          .getByTestId('letter-page')
          .evaluate(
            (img) =>
              (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
          ),
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** A paraf asks for the password again (the demo users have no PIN); a signature asks for
 * the signing passphrase (the demo officials' is `lontar-demo` too). */
async function confirmWithPassword(page: Page): Promise<void> {
  const dialog = page.getByTestId('reauth-dialog');
  const field = dialog.locator('#reauth-password, #reauth-passphrase');
  await field.fill('lontar-demo');
  await dialog.getByTestId('reauth-confirm').click();
}

async function status(page: Page): Promise<string> {
  return (await page.getByTestId('letter-status').textContent())?.trim() ?? '';
}

describe('outgoing letter: reply, verification chain, signature, verification, dispatch', () => {
  it(
    'goes from a disposed incoming letter to a sent, verifiable reply',
    { timeout: 480_000 },
    async () => {
      // --- Setup: an incoming letter registered by the desk and disposed by the Sekda to staftu.
      const agendarisApi = await apiAs('agendaris');
      const form = new FormData();
      form.set(
        'data',
        JSON.stringify({
          senderName: 'Arsip Nasional Republik Indonesia',
          letterNumber: 'B-99/IJ/KP.07.6/11/2026',
          letterDate: '2026-11-02',
          subject: 'Permohonan Data Pembinaan Kearsipan',
          classificationCode: '000.5',
          securityClass: 'B',
          urgency: 'segera',
        }),
      );
      form.set('files', new Blob([MINIMAL_PDF], { type: 'application/pdf' }), 'surat-anri.pdf');
      const registered = await agendarisApi('POST', '/api/incoming-letters', form);
      expect(registered.status).toBe(201);
      const incomingId = registered.json.id as string;
      const staftuApi = await apiAs('staftu');
      const positions = (await staftuApi('GET', '/api/outgoing-letters/positions')).json
        .items as Array<{ id: string; key: string }>;
      const positionOf = (key: string) => positions.find((p) => p.key === key)!.id;
      const sekdaApi = await apiAs('sekda');
      const disposed = await sekdaApi('POST', `/api/incoming-letters/${incomingId}/dispositions`, {
        recipients: [{ positionId: positionOf('staftu-1'), role: 'primary' }],
        instructions: ['Siapkan konsep jawaban'],
        note: 'Siapkan jawaban untuk ditandatangani Asisten III.',
      });
      expect(disposed.status).toBe(201);
      const dispositionId = disposed.json.items[0].id as string;

      // --- staftu drafts the reply in the form.
      const { page, context } = await newPage('desktop');
      await loginAs(page, 'staftu');
      await page.goto(`/surat-keluar/baru?replyTo=${incomingId}&dispositionId=${dispositionId}`);
      await page.getByLabel('Hal').fill('Jawaban Permohonan Data Pembinaan Kearsipan');
      await page.getByLabel('Kode klasifikasi').fill('000.5');
      await page.getByRole('button', { name: 'Tambah jabatan' }).click();
      await choosePosition(page, 'Tujuan (Yth.) 1', /^Kepala Biro Organisasi/);
      await page.getByRole('button', { name: 'Tambah tujuan luar' }).click();
      await page
        .getByLabel('Nama jabatan/instansi tujuan')
        .fill('Kepala Arsip Nasional Republik Indonesia');
      await page.getByLabel('Alamat (di ...)').fill('Jakarta');
      const body = page.getByRole('textbox', { name: 'Isi surat' });
      await body.click();
      await page.keyboard.type(
        'Menindaklanjuti surat Saudara nomor B-99/IJ/KP.07.6/11/2026, bersama ini kami sampaikan data pembinaan kearsipan sebagai berikut:',
      );
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Daftar bernomor' }).click();
      await page.keyboard.type('jumlah arsiparis: 12 orang;');
      await page.keyboard.press('Enter');
      await page.keyboard.type('unit pengolah: 36 unit.');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('Demikian');
      await page.keyboard.press('Control+b');
      await page.keyboard.type(' disampaikan, atas perhatian Saudara diucapkan terima kasih.');
      // The kind proposes the chain: Kabag TU, Karo Umum, then Asisten III a.n. Sekda.
      await eventually(() => page.getByTestId('verifier-row').count()).toBe(2);
      await screenshot(page, 'outgoing-01-draft-form');
      await page.getByRole('button', { name: 'Simpan konsep' }).click();
      await page
        .waitForURL(/\/surat-keluar\/[0-9a-f]{24}$/, { timeout: 60_000 })
        .catch(async (error: unknown) => {
          await screenshot(page, 'outgoing-01-draft-form-failed');
          throw error;
        });
      const id = page.url().split('/').pop()!;
      await pageImageLoaded(page);
      const lampiran = path.join(inject('artifactsDir'), 'lampiran-data-arsiparis.pdf');
      writeFileSync(lampiran, MINIMAL_PDF);
      await page.getByLabel('Unggah lampiran').setInputFiles(lampiran);
      await eventually(() => page.getByTestId('attachment').count()).toBe(1);
      await screenshot(page, 'outgoing-02-draft-preview');
      await page.getByRole('button', { name: 'Ajukan untuk verifikasi' }).click();
      await eventually(() => status(page))
        .toBe('Dalam verifikasi')
        .catch(async (error: unknown) => {
          await screenshot(page, 'outgoing-02-submit-failed');
          throw error;
        });
      await context.close();

      // --- kabagtu gives paraf from the "awaiting my paraf" list.
      const kabag = await newPage('desktop');
      await loginAs(kabag.page, 'kabagtu');
      await kabag.page.goto('/surat-keluar?box=review');
      await kabag.page
        .getByRole('link', { name: 'Jawaban Permohonan Data Pembinaan Kearsipan' })
        .click();
      await kabag.page.getByTestId('letter-status').waitFor();
      await kabag.page.getByRole('button', { name: 'Paraf' }).click();
      await confirmWithPassword(kabag.page);
      await eventually(() => kabag.page.getByTestId('chain-verifier').first().textContent())
        .toContain('Paraf')
        .catch(async (error: unknown) => {
          await screenshot(kabag.page, 'outgoing-02b-paraf-failed');
          throw error;
        });
      await kabag.context.close();

      // --- karoumum returns it with a note.
      const karo = await newPage('desktop');
      await openLetter(karo.page, 'karoumum', id);
      await karo.page.getByRole('button', { name: 'Kembalikan' }).click();
      await karo.page
        .getByLabel('Catatan perbaikan')
        .fill('Tambahkan jumlah berkas arsip inaktif.');
      await karo.page.getByRole('dialog').getByRole('button', { name: 'Kembalikan' }).click();
      await eventually(() => status(karo.page)).toBe('Dikembalikan');
      await karo.context.close();

      // --- staftu fixes the draft (version 2) and submits again.
      const fix = await newPage('desktop');
      await openLetter(fix.page, 'staftu', id);
      await expect(
        fix.page.getByText('Tambahkan jumlah berkas arsip inaktif.').first().isVisible(),
      ).resolves.toBe(true);
      await fix.page.getByRole('button', { name: 'Ubah konsep' }).click();
      const editor = fix.page.getByRole('textbox', { name: 'Isi surat' });
      await editor.locator('li').last().click();
      await fix.page.keyboard.press('End');
      await fix.page.keyboard.press('Enter');
      await fix.page.keyboard.type('arsip inaktif: 420 berkas.');
      await fix.page.getByRole('button', { name: 'Simpan konsep' }).click();
      await fix.page
        .waitForURL(new RegExp(`/surat-keluar/${id}$`), { timeout: 60_000 })
        .catch(async (error: unknown) => {
          await screenshot(fix.page, 'outgoing-03-save-failed');
          throw error;
        });
      await fix.page.getByRole('button', { name: 'Ajukan untuk verifikasi' }).click();
      await eventually(() => status(fix.page)).toBe('Dalam verifikasi');
      await eventually(() => fix.page.getByTestId('version-diff').textContent()).toContain(
        'arsip inaktif: 420 berkas.',
      );
      await screenshot(fix.page, 'outgoing-03-versions');
      await fix.context.close();

      // --- kabagtu and karoumum give paraf.
      for (const username of ['kabagtu', 'karoumum']) {
        const v = await newPage('desktop');
        await openLetter(v.page, username, id);
        await v.page.getByRole('button', { name: 'Paraf' }).click();
        await confirmWithPassword(v.page);
        await eventually(() => v.page.getByRole('button', { name: 'Paraf' }).count()).toBe(0);
        await v.context.close();
      }

      // --- asisten3 signs a.n. Sekretaris Daerah.
      const signer = await newPage('desktop');
      await loginAs(signer.page, 'asisten3');
      await signer.page.goto('/surat-keluar?box=sign');
      await signer.page
        .getByRole('link', { name: 'Jawaban Permohonan Data Pembinaan Kearsipan' })
        .click();
      await signer.page.getByRole('button', { name: 'Tandatangani' }).click();
      await confirmWithPassword(signer.page);
      await eventually(() => status(signer.page)).toBe('Ditandatangani');
      const number = ((await signer.page.getByTestId('letter-number').textContent()) ?? '')
        .replace('·', '')
        .trim();
      expect(number).toMatch(/^000\.5\/\d+\/SETDA\/\d{4}$/);
      await pageImageLoaded(signer.page);
      await screenshot(signer.page, 'outgoing-04-signed');
      await signer.context.close();

      // The final PDF: its sha256 is the recorded one; kept for people to look at.
      const asistenApi = await apiAs('asisten3');
      const detail = (await asistenApi('GET', `/api/outgoing-letters/${id}`)).json;
      const pdf = Buffer.from(
        await (
          await fetch(`${baseUrl()}/api/outgoing-letters/${id}/final.pdf`, {
            headers: { cookie: await cookieOf('asisten3') },
          })
        ).arrayBuffer(),
      );
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(detail.final.sha256);
      const artifacts = inject('artifactsDir');
      writeFileSync(path.join(artifacts, 'outgoing-final.pdf'), pdf);

      // --- The public page confirms the real PDF and rejects an edited copy.
      const visitor = await newPage('phone');
      await visitor.page.goto(`/v/${detail.code.replace('-', '')}`);
      await expect(
        visitor.page.getByText('Naskah dinas ini sah dan terdaftar').isVisible(),
      ).resolves.toBe(true);
      await expect(visitor.page.getByText(number).first().isVisible()).resolves.toBe(true);
      const real = path.join(artifacts, 'outgoing-real.pdf');
      const edited = path.join(artifacts, 'outgoing-edited.pdf');
      writeFileSync(real, pdf);
      writeFileSync(edited, Buffer.concat([pdf, Buffer.from('\n% diubah\n')]));
      await visitor.page.setInputFiles('input[name="berkas"]', real);
      await visitor.page.getByRole('button', { name: 'Periksa berkas' }).click();
      await expect(
        visitor.page.getByText('Berkas cocok dengan naskah dinas yang ditandatangani').isVisible(),
      ).resolves.toBe(true);
      await screenshot(visitor.page, 'outgoing-05-verify-match');
      await visitor.page.setInputFiles('input[name="berkas"]', edited);
      await visitor.page.getByRole('button', { name: 'Periksa berkas' }).click();
      await expect(
        visitor.page
          .getByText('Berkas TIDAK cocok dengan naskah dinas yang ditandatangani')
          .isVisible(),
      ).resolves.toBe(true);
      await screenshot(visitor.page, 'outgoing-06-verify-mismatch');
      await visitor.page.goto('/v/ZZZZ9999');
      await expect(
        visitor.page.getByText('Kode verifikasi tidak dikenal').isVisible(),
      ).resolves.toBe(true);
      await visitor.context.close();

      // --- The desk dispatches: courier for the external addressee, the inbox for the internal one.
      const desk = await newPage('desktop');
      await openLetter(desk.page, 'agendaris', id);
      await desk.page.getByRole('button', { name: 'Kirim' }).click();
      await desk.page.getByLabel('Bukti kirim').fill('Resi kurir KRM-2611');
      await desk.page.getByRole('button', { name: 'Catat pengiriman' }).click();
      await eventually(() => status(desk.page)).toBe('Terkirim');
      await eventually(() => desk.page.getByTestId('dispatch-record').count()).toBe(2);
      await expect(
        desk.page.getByText('Disposisi yang meminta jawaban telah diselesaikan.').isVisible(),
      ).resolves.toBe(true);
      await screenshot(desk.page, 'outgoing-07-sent');
      await desk.page.goto('/surat-keluar/buku-agenda');
      await eventually(() => desk.page.locator('table').textContent()).toContain(number);
      await screenshot(desk.page, 'outgoing-08-register');
      await desk.context.close();

      // --- The internal recipient has it in the inbox; the disposition is complete; the
      // incoming register lists the internal letter too.
      const karoorgApi = await apiAs('karoorg');
      const inbox = (await karoorgApi('GET', '/api/incoming-letters?box=inbox')).json;
      expect(inbox.items.map((l: { letterNumber: string }) => l.letterNumber)).toContain(number);
      const node = (await staftuApi('GET', `/api/dispositions/${dispositionId}`)).json;
      expect(node.disposition.status).toBe('selesai');
      const incomingRegister = (
        await agendarisApi(
          'GET',
          `/api/incoming-letters?q=${encodeURIComponent('Jawaban Permohonan Data')}`,
        )
      ).json;
      expect(
        incomingRegister.items.some((l: { letterNumber: string }) => l.letterNumber === number),
      ).toBe(true);
      const reader = await newPage('desktop');
      await loginAs(reader.page, 'karoorg');
      await reader.page.goto('/surat-masuk');
      await screenshot(reader.page, 'outgoing-09-recipient-inbox');
      await reader.context.close();

      // The recipient reads the letter on a phone: nothing wider than the screen.
      const phone = await newPage('phone');
      await openLetter(phone.page, 'karoorg', id);
      await pageImageLoaded(phone.page);
      await screenshot(phone.page, 'outgoing-10-recipient-phone');
      const overflow = await phone.page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      const wide = await phone.page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 1)
          .flatMap((e) => {
            const chain: string[] = [];
            for (let n: Element | null = e; n && chain.length < 8; n = n.parentElement)
              chain.push(
                `${n.tagName}.${n.className}:${Math.round(n.getBoundingClientRect().width)}`,
              );
            return chain;
          }),
      );
      expect(overflow, wide.join(' | ')).toBeLessThanOrEqual(0);
      await phone.context.close();
    },
  );
});

async function cookieOf(username: string): Promise<string> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'lontar-demo' }),
  });
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
