import type { Page } from 'playwright-core';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, loginAs, newPage, screenshot, type ApiCall, type Viewport } from './browser.ts';

/**
 * Issue 15, point 3: the outgoing letter's own history (its Riwayat on the detail page)
 * reads as sentences with names, like the incoming letter's Riwayat and the audit log:
 * no action codes, no statuses in English, no ids, dates in Indonesian. The letter goes
 * through submission, a return with a note, a fix, paraf, signature and dispatch by the
 * API (those screens have their own e2e files); this file looks at the history only.
 */

/** What must never be on screen in a history (codes, keys, ids, English, ISO dates). */
const INTERNAL =
  /\b(?:outgoing|incoming|disposition)\.[a-z_]+|\b[a-z]+_[a-z_]+\b|[0-9a-f]{24}|\b\d{4}-\d{2}-\d{2}\b|undefined|null|\b(?:draft|in_review|returned|signed|sent|approve|return|dispatch|submit|edit|email|internal)\b/;

async function letterThroughItsChain(): Promise<string> {
  const staftu = await apiAs('staftu');
  const positions = (await staftu('GET', '/api/outgoing-letters/positions')).json.items as Array<{
    id: string;
    key: string;
  }>;
  const positionOf = (key: string) => positions.find((p) => p.key === key)!.id;
  const created = await staftu('POST', '/api/outgoing-letters', {
    kind: 'surat_dinas',
    subject: 'Undangan Rapat Evaluasi Kearsipan',
    classificationCode: '000.1',
    recipients: [{ type: 'external', label: 'Bupati Lampung Selatan', address: 'Kalianda' }],
    body: [
      {
        type: 'paragraph',
        indent: true,
        runs: [{ text: 'Dengan hormat, kami mengundang Saudara pada rapat evaluasi kearsipan.' }],
      },
    ],
    verifierPositionIds: [positionOf('kabagtu')],
    signer: {
      positionId: positionOf('asisten3'),
      mode: 'an',
      onBehalfOfPositionId: positionOf('sekda'),
    },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const id = created.json.id as string;
  const url = `/api/outgoing-letters/${id}`;
  const kabagtu = await apiAs('kabagtu');
  const steps: Array<[ApiCall, string, string, unknown?]> = [
    [staftu, 'POST', `${url}/submit`],
    [
      kabagtu,
      'POST',
      `${url}/review`,
      { decision: 'return', note: 'Cantumkan tempat rapat.', password: 'lontar-demo' },
    ],
    [staftu, 'PATCH', url, { subject: 'Undangan Rapat Evaluasi Kearsipan Tahun 2026' }],
    [staftu, 'POST', `${url}/submit`],
    [kabagtu, 'POST', `${url}/review`, { decision: 'approve', password: 'lontar-demo' }],
    [await apiAs('asisten3'), 'POST', `${url}/sign`, { passphrase: 'lontar-demo' }],
    [
      await apiAs('agendaris'),
      'POST',
      `${url}/dispatch`,
      { external: [{ recipientIndex: 0, method: 'kurir' }] },
    ],
  ];
  for (const [api, method, path, body] of steps) {
    const done = await api(method, path, body);
    expect(done.status, `${method} ${path}: ${JSON.stringify(done.json)}`).toBe(200);
  }
  return id;
}

async function historyText(page: Page): Promise<string[]> {
  const list = page.getByTestId('outgoing-history');
  await list.waitFor({ timeout: 60_000 });
  return list.locator('li').allInnerTexts();
}

describe("the outgoing letter's history", () => {
  it(
    'tells each change as a sentence with names, on desktop and phone',
    { timeout: 300_000 },
    async () => {
      const id = await letterThroughItsChain();
      for (const viewport of ['desktop', 'phone'] as Viewport[]) {
        const { page, context } = await newPage(viewport);
        await loginAs(page, 'staftu');
        await page.goto(`/surat-keluar/${id}`);
        const entries = await historyText(page);
        // A signature is one entry since signing became all-or-nothing (no 'mulai menandatangani').
        expect(entries).toHaveLength(7);
        for (const entry of entries) expect(entry).not.toMatch(INTERNAL);
        expect(entries[0]).toMatch(/mengajukan surat ini untuk diverifikasi\./);
        expect(entries[1]).toMatch(
          /\(Kepala Bagian Tata Usaha\) mengembalikan surat ini kepada pembuatnya dengan catatan “Cantumkan tempat rapat\.”/,
        );
        expect(entries[5]).toMatch(/menandatangani surat ini dengan nomor /);
        expect(entries[6]).toMatch(
          /mengirim surat ini kepada Bupati Lampung Selatan \(melalui kurir\)\./,
        );
        // The time in Indonesian and the version beside it.
        expect(entries[6]).toMatch(
          /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
        );
        expect(entries[6]).toMatch(/Versi \d/);
        await page.getByTestId('outgoing-history').scrollIntoViewIfNeeded();
        await screenshot(page, `outgoing-history-${viewport}`);
        // The Riwayat card alone, at its real size, to read it.
        await page.getByTestId('outgoing-history').screenshot({
          path: path.join(inject('artifactsDir'), `outgoing-history-${viewport}-riwayat.png`),
        });
        await context.close();
      }
      // The admin's audit log tells the same letter's events with the same presenter: the
      // letter by its number and perihal, the courier in words, no codes outside "Rincian".
      const { page, context } = await newPage('desktop');
      await loginAs(page, 'admin');
      await page.goto('/admin/audit');
      await page.getByTestId('audit-sentence').first().waitFor();
      await page.locator('#audit-record-id').fill(id);
      await page.locator('#audit-record-id').press('Enter');
      await expect
        .poll(() => page.getByTestId('audit-sentence').allTextContents(), { timeout: 60_000 })
        .toContainEqual(
          expect.stringMatching(
            /mengirim surat keluar nomor .+ perihal “Undangan Rapat Evaluasi Kearsipan Tahun 2026” kepada Bupati Lampung Selatan \(melalui kurir\)\./,
          ),
        );
      const logged = await page.getByTestId('audit-sentence').allTextContents();
      expect(logged.length).toBeGreaterThanOrEqual(7);
      for (const sentence of logged) expect(sentence).not.toMatch(INTERNAL);
      await screenshot(page, 'outgoing-history-audit-log-desktop');
      await context.close();
    },
  );
});
