import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiAs,
  apiOkAs,
  eventually,
  loginAs,
  newPage,
  pdf,
  screenshot,
  uniqueStamp,
} from './browser.ts';

/**
 * Issue 17, "minutes … uploaded scan, OCR'd and searchable", through the UI: the Kepala
 * Bagian TU uploads the minutes scan on the meeting page and watches its text being read;
 * the word on the scan then finds the meeting in search (a "Rapat" result with its title,
 * day and the document that holds the word), and the result opens the meeting at that scan.
 * An invited official finds it on the phone; an official outside the meeting does not. All
 * scoped to this run's own words (the e2e files share one server).
 */
/** Letters only, so the analyser keeps it one word: the stamp's digits become letters. */
const STAMP = uniqueStamp().replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
const TITLE_WORD = `inflasi${STAMP}`;
const SCAN_WORD = `cabaimerah${STAMP}`;
const TITLE = `Rapat Pengendalian Harga ${TITLE_WORD}`;
const jakarta = (days: number) =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Searches until the worker's text has reached the index and the one hit shows. */
async function searchFor(page: Page, words: string): Promise<void> {
  await page.goto('/pencarian');
  await page.getByTestId('search-query').fill(words);
  await eventually(async () => {
    await page.getByTestId('search-submit').click();
    await page.getByTestId('search-summary').waitFor();
    await page.waitForFunction(() => !document.querySelector('.results[aria-busy="true"]'));
    return page.getByTestId('search-hit').count();
  }).toBe(1);
  await page.evaluate(() => document.fonts.ready);
}

describe('meeting search: a minutes scan is read and found', () => {
  it(
    'uploads a minutes scan, reads it, finds the meeting by a word on it and opens it at the scan',
    { timeout: 300_000 },
    async () => {
      const keeperApi = await apiOkAs('kabagtu');
      const { items: positions } = (await keeperApi('GET', '/api/org/positions')) as {
        items: Array<{ id: string; title: string }>;
      };
      const positionId = (title: RegExp) => positions.find((p) => title.test(p.title))!.id;
      const meeting = await keeperApi('POST', '/api/meetings', {
        title: TITLE,
        kind: 'rapat_koordinasi',
        date: jakarta(-1),
        startTime: '09:00',
        endTime: '11:00',
        place: 'Ruang Rapat Sekda, Lantai 2',
        chairPositionId: positionId(/^Sekretaris Daerah/),
        invitedPositionIds: [positionId(/^Asisten Pemerintahan/)],
      });

      // --- The minute keeper uploads the signed minutes as a scan.
      const keeper = await newPage('desktop');
      const page = keeper.page;
      await loginAs(page, 'kabagtu');
      await page.goto(`/rapat/${meeting.id}`);
      const block = page.getByTestId('minutes-scan');
      await block.waitFor();
      const uploaded = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/minutes-scan'),
      );
      await page.getByTestId('minutes-scan-file').setInputFiles({
        name: 'notulen-bertanda-tangan.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          await pdf(`Notulen: harga ${SCAN_WORD} naik di tiga kabupaten`).arrayBuffer(),
        ),
      });
      expect((await uploaded).status()).toBe(200);
      await block.getByTestId('minutes-scan-link').waitFor();
      // Read by the worker; the state updates by itself, as on a letter's scan.
      const status = block.getByTestId('ocr-status');
      await eventually(() => status.getAttribute('data-status'), 120_000).toBe('done');
      expect(await status.textContent()).toContain('Teks selesai dibaca');
      await block.scrollIntoViewIfNeeded();
      await screenshot(page, 'meeting-search-01-scan-read-desktop');

      // --- Search finds the meeting by the word on the scan.
      await searchFor(page, SCAN_WORD);
      const hit = page.getByTestId('search-hit');
      expect(await hit.getByTestId('search-hit-kind').textContent()).toContain('Rapat');
      expect(await hit.getByTestId('search-hit-found-in').textContent()).toBe('Pindaian notulen');
      expect(await hit.getByTestId('search-hit-link').textContent()).toBe(TITLE);
      expect(await hit.getByTestId('search-hit-meeting-date').textContent()).toMatch(
        /\d{1,2} \w+ \d{4}, 09\.00 WIB/,
      );
      expect(await hit.getByTestId('search-snippet').locator('mark').first().textContent()).toBe(
        SCAN_WORD,
      );
      expect(await page.getByTestId('search-summary').textContent()).toContain('1 hasil ditemukan');
      await screenshot(page, 'meeting-search-02-results-desktop');
      // The kind filter: meetings only keeps it, incoming letters only leaves it out.
      await page.goto(`/pencarian?q=${SCAN_WORD}&jenis=masuk`);
      await eventually(() => page.getByTestId('search-summary').textContent()).toContain(
        '0 hasil ditemukan',
      );
      await page.goto(`/pencarian?q=${SCAN_WORD}&jenis=rapat`);
      await eventually(() => page.getByTestId('search-hit').count()).toBe(1);
      await hit.getByTestId('search-hit-link').click();
      await page.waitForURL(new RegExp(`/rapat/${meeting.id}\\?berkas=[0-9a-f]{24}&halaman=1$`));
      const found = page.getByTestId('minutes-scan');
      await eventually(() => found.getAttribute('data-found')).toBe('true');
      expect(await found.locator('.found-note').textContent()).toContain('halaman 1');
      expect(await found.getByTestId('minutes-scan-link').getAttribute('href')).toMatch(
        /\/content#page=1$/,
      );
      await screenshot(page, 'meeting-search-03-opened-desktop');
      await keeper.context.close();

      // --- The invited Asisten I finds it on the phone, by the title too.
      const invited = await newPage('phone');
      await loginAs(invited.page, 'asisten1');
      await searchFor(invited.page, TITLE_WORD);
      expect(
        await invited.page
          .getByTestId('search-hit')
          .getByTestId('search-hit-found-in')
          .textContent(),
      ).toBe('Data rapat');
      await screenshot(invited.page, 'meeting-search-04-results-phone');
      await searchFor(invited.page, SCAN_WORD);
      await invited.page.getByTestId('search-hit-link').click();
      await invited.page.waitForURL(/\/rapat\/[0-9a-f]{24}\?berkas=/);
      await eventually(() =>
        invited.page.getByTestId('minutes-scan').getAttribute('data-found'),
      ).toBe('true');
      await screenshot(invited.page, 'meeting-search-05-opened-phone');
      await invited.context.close();

      // --- An official outside the meeting finds neither the meeting nor its words.
      const outsider = await apiAs('karohukum');
      for (const q of [SCAN_WORD, TITLE_WORD]) {
        const answer = await outsider('GET', `/api/search?q=${q}`);
        expect(answer.status).toBe(200);
        expect(JSON.stringify(answer.json)).not.toContain(meeting.id);
        expect(JSON.stringify(answer.json)).not.toContain(SCAN_WORD);
      }
    },
  );
});
