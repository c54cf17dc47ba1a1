import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  apiOkAs,
  eventually,
  loginAs,
  newPage,
  pdf as pdfOf,
  screenshot,
  uniqueStamp,
} from './browser.ts';

/**
 * Issue 17, "Coordination meetings", through the UI: the Kepala Bagian TU (who keeps the
 * minutes) records a coordination meeting chaired by the Sekda, its attendance, its minutes
 * from the template and two decisions, and finalises the minutes; the two decisions become
 * follow-up items that appear in the Sekda's monitoring, are reported on and completed by
 * Asisten I (desktop) and the Kepala Biro Umum (phone); the Sekda's meeting list and the
 * meeting page then show them done, and the minutes PDF carries them. Everything is scoped
 * to this run's own meeting (a unique title): the e2e files share one server.
 */
const STAMP = uniqueStamp();
const TITLE = `Rapat Koordinasi Pengendalian Inflasi ${STAMP}`;
const jakarta = (days: number) =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const dmy = (date: string) => date.split('-').reverse().join('/');
const HELD = jakarta(-1);
const DUE = jakarta(7);

/** Picks a position in a PositionPicker by typing part of its title. */
async function pickPosition(page: Page, testId: string, title: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(title);
  await page
    .getByRole('option', { name: new RegExp(title) })
    .first()
    .click();
  await eventually(() => page.getByRole('listbox').count()).toBe(0);
}

/** Picks an option of a Select; waits until its list has closed (a list still fading out
 * would offer the same options twice to the next pick). */
async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  await eventually(() => page.getByRole('listbox').count()).toBe(0);
}

/** Types the date and leaves the field. On a busy machine the picker can still be mounting
 * when the first keys arrive and drop them, so the typing is repeated until the value holds. */
async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.getByTestId(testId);
  await eventually(async () => {
    if ((await input.inputValue()) !== dmy(date)) {
      await input.fill(dmy(date));
      await input.press('Tab');
    }
    return input.inputValue();
  }).toBe(dmy(date));
}

async function savedBy(page: Page, method: string, pathEnd: string, click: () => Promise<void>) {
  const answer = page.waitForResponse(
    (r) => r.request().method() === method && r.url().endsWith(pathEnd),
  );
  await click();
  expect((await answer).status()).toBe(200);
}

describe('coordination meetings: minutes, decisions as follow-up items, monitoring', () => {
  it(
    "a meeting's minutes produce two follow-up items that appear in monitoring and are completed with reports",
    { timeout: 300_000 },
    async () => {
      // --- The Kepala Bagian TU records the meeting.
      const keeper = await newPage('desktop');
      await loginAs(keeper.page, 'kabagtu');
      const page = keeper.page;
      await page.goto('/rapat');
      await page.getByTestId('meeting-new').click();
      await page.getByTestId('meeting-form').waitFor();
      await page.getByTestId('meeting-title').fill(TITLE);
      await typeDate(page, 'meeting-date', HELD);
      await page.getByTestId('meeting-place').fill('Ruang Rapat Sekda, Lantai 2');
      await pickPosition(page, 'meeting-chair', 'Sekretaris Daerah');
      await pickPosition(page, 'meeting-invited-0', 'Asisten Pemerintahan');
      await page.getByTestId('meeting-add-invited').click();
      await pickPosition(page, 'meeting-invited-1', 'Kepala Biro Umum');
      await screenshot(page, 'meetings-new-desktop');
      await page.getByRole('button', { name: 'Simpan rapat' }).click();
      await page.waitForURL(/\/rapat\/[0-9a-f]{24}$/, { timeout: 20_000 });
      const meetingId = page.url().split('/').pop()!;

      // Attendance: Asisten I came, the Kepala Biro Umum was represented.
      await pickOption(page, 'attendance-0', 'Hadir');
      await pickOption(page, 'attendance-1', 'Diwakili');
      await page.getByTestId('represented-1').fill('Kepala Bagian Tata Usaha');
      await savedBy(page, 'PUT', '/attendance', () => page.getByTestId('save-attendance').click());
      // The signed attendance sheet, as a scan.
      await page.getByTestId('attendance-sheet-file').setInputFiles({
        name: 'daftar-hadir.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await pdfOf('Daftar hadir rapat koordinasi').arrayBuffer()),
      });
      await page
        .getByTestId('attendance-sheet')
        .locator('a', { hasText: 'daftar-hadir.pdf' })
        .waitFor({ timeout: 20_000 });

      // The minutes from the template, and two decisions.
      await page.getByTestId('minutes-pembukaan').fill('Rapat dibuka oleh Sekretaris Daerah.');
      await page
        .getByTestId('minutes-pembahasan')
        .fill('Inflasi bulan November dibahas bersama; harga beras dan cabai naik.');
      await page.getByTestId('minutes-keputusan').fill('Dua tindak lanjut ditetapkan.');
      await page.getByTestId('minutes-penutup').fill('Rapat ditutup pukul 11.00 WIB.');
      await savedBy(page, 'PUT', '/minutes', () => page.getByTestId('save-minutes').click());
      const decisions = [
        ['Susun peta jalan pengendalian inflasi daerah', 'Asisten Pemerintahan'],
        ['Siapkan operasi pasar murah bersama Bulog', 'Kepala Biro Umum'],
      ] as const;
      for (const [index, [instruction, position]] of decisions.entries()) {
        await page.getByTestId('add-decision').click();
        await page.getByTestId(`decision-instruction-${index}`).fill(instruction);
        await pickPosition(page, `decision-position-${index}`, position);
        await typeDate(page, `decision-due-${index}`, DUE);
      }
      await savedBy(page, 'PUT', '/decisions', () => page.getByTestId('save-decisions').click());
      await screenshot(page, 'meetings-draft-desktop');

      await page.getByTestId('finalize').click();
      await page
        .locator('.p-confirmdialog')
        .getByRole('button', { name: 'Finalkan notulen' })
        .click();
      const list = page.getByTestId('decision-list');
      await list.waitFor({ timeout: 30_000 });
      await eventually(() => list.locator('li').count()).toBe(2);
      expect(await list.textContent()).toContain('Berjalan');
      await screenshot(page, 'meetings-final-desktop');
      await keeper.context.close();

      const sekdaApi = await apiOkAs('sekda');
      const meeting = await sekdaApi('GET', `/api/meetings/${meetingId}`);
      const items = meeting.decisions as Array<{ dispositionId: string; positionTitle: string }>;
      expect(items).toHaveLength(2);

      // --- The Sekda's monitoring shows both as open items, marked as a meeting's decisions.
      const sekda = await newPage('desktop');
      await loginAs(sekda.page, 'sekda');
      await sekda.page.goto('/disposisi/pemantauan');
      const ours = sekda.page.getByTestId('monitoring-items').locator('li', { hasText: TITLE });
      await eventually(() => ours.count()).toBe(2);
      expect(await ours.first().textContent()).toContain('Keputusan rapat');
      await ours.first().scrollIntoViewIfNeeded();
      await screenshot(sekda.page, 'meetings-monitoring-desktop');

      // --- Each responsible position reports and completes (one on a phone).
      const reporters = [
        ['asisten1', 'desktop', 'Peta jalan disusun bersama Biro Perekonomian.'],
        ['karoumum', 'phone', 'Operasi pasar murah dijadwalkan di lima kecamatan.'],
      ] as const;
      for (const [index, [user, viewport, text]] of reporters.entries()) {
        const { context, page: p } = await newPage(viewport);
        await loginAs(p, user);
        await p.goto(`/disposisi/${items[index]!.dispositionId}`);
        await p.getByTestId('disposition-status').waitFor();
        expect(await p.getByTestId('open-meeting').count()).toBe(1);
        await p.getByTestId('action-report').click();
        await p.getByTestId('report-form').waitFor();
        await p.locator('#report-text').fill(text);
        expect(await p.getByTestId('complete-after').locator('input').isChecked()).toBe(true);
        await p.getByTestId('report-submit').click();
        await eventually(async () =>
          (await p.getByTestId('disposition-status').textContent())?.trim(),
        ).toBe('Selesai');
        await screenshot(p, `meetings-decision-done-${viewport}`);
        await context.close();
      }

      // --- The Sekda sees them done: monitoring, the month's list, the meeting page.
      await sekda.page.goto('/disposisi/pemantauan');
      await sekda.page.getByTestId('monitoring-table').waitFor();
      expect(
        await sekda.page.getByTestId('monitoring-items').locator('li', { hasText: TITLE }).count(),
      ).toBe(0);
      await sekda.context.close();
      const pdfFile = path.join(inject('artifactsDir'), 'meetings-minutes.pdf');
      for (const viewport of ['desktop', 'phone'] as const) {
        const { context, page: p } = await newPage(viewport);
        await loginAs(p, 'sekda');
        await p.goto(`/rapat?bulan=${HELD.slice(0, 7)}`);
        const row = p.getByTestId(`meeting-row-${meetingId}`);
        await row.waitFor({ timeout: 20_000 });
        const rowText = (await row.textContent()) ?? '';
        expect(rowText).toContain('Notulen final');
        expect(rowText).toContain('2 selesai');
        await screenshot(p, `meetings-list-${viewport}`);
        await row.getByRole('link', { name: TITLE }).click();
        const decided = p.getByTestId('decision-list');
        await decided.waitFor();
        await eventually(() => decided.getByText('Selesai', { exact: true }).count()).toBe(2);
        const width = await p.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(viewport === 'phone' ? 390 : 1366);
        await screenshot(p, `meetings-page-${viewport}`);
        if (viewport === 'desktop') {
          // The minutes as PDF, in the letter style (only with a session).
          const answer = await p.request.get(`/api/meetings/${meetingId}/minutes.pdf`);
          expect(answer.status()).toBe(200);
          writeFileSync(pdfFile, await answer.body());
        }
        await context.close();
      }
      const pdf = await fetch(`${inject('baseUrl')}/api/meetings/${meetingId}/minutes.pdf`);
      expect(pdf.status).toBe(401);
      execFileSync('pdftoppm', ['-png', '-r', '70', pdfFile, pdfFile.replace(/\.pdf$/, '')]);
      const text = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString();
      expect(text).toContain('NOTULEN RAPAT');
      expect(text).toContain(STAMP);
      expect(text).toContain('Susun peta jalan pengendalian inflasi daerah');
      expect(text).toContain('Kepala Biro Umum (diwakili oleh Kepala Bagian Tata Usaha)');
    },
  );
});
