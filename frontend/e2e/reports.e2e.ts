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
 * Issue 17, "Pelaporan", through the UI: the Sekda opens Laporan from the menu, sees this
 * month's figures in cards, charts and tables, switches to the yearly report and to one
 * unit, and downloads the PDF and the XLSX; an asisten sees his own subtree on a phone.
 * The e2e files share one server, so the screen's numbers are compared with the JSON
 * endpoint read in the same test, never with constants. Screenshots:
 * e2e/screenshots/reports-*.png.
 */

const jakartaMonth = () => {
  const parts = new Date(Date.now() + 7 * 3_600_000).toISOString();
  return { year: Number(parts.slice(0, 4)), month: Number(parts.slice(5, 7)) };
};
const number = (n: number) => n.toLocaleString('id-ID');

async function card(page: Page, key: string): Promise<string> {
  return (await page.locator(`[data-card="${key}"] .value`).innerText()).trim();
}

/** The "Jumlah" row of a table, as the cells read. */
async function totalRow(page: Page, testid: string): Promise<string[]> {
  return (await page.getByTestId(testid).locator('tfoot td').allInnerTexts()).map((s) => s.trim());
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(1);
}

describe('Laporan', () => {
  it('shows the Sekda the month in charts and tables, as the API counts it', async () => {
    const { year, month } = jakartaMonth();
    const stamp = uniqueStamp();
    // This month holds at least one disposition to Asisten II.
    const sekdaApi = await apiOkAs('sekda');
    const letter = await registerLetter(await apiAs('agendaris'), {
      subject: `Laporan capaian kinerja ${stamp}`,
      senderName: 'Badan Pusat Statistik Provinsi Lampung',
      letterNumber: `LAP/${stamp}/2026`,
      channel: 'srikandi',
    });
    const me = await (await apiOkAs('asisten2'))('GET', '/api/auth/me');
    await sekdaApi('POST', `/api/incoming-letters/${letter.id}/dispositions`, {
      recipients: [{ positionId: me.user.positions[0].id, role: 'primary' }],
      instructions: ['Tindak lanjuti'],
    });

    const { context, page } = await newPage('desktop');
    try {
      await loginAs(page, 'sekda');
      await page.getByRole('link', { name: 'Laporan' }).first().click();
      await page.waitForURL(/\/laporan/);
      await page.getByTestId('report-heading').waitFor({ timeout: 30_000 });
      const json = await sekdaApi('GET', `/api/reports/monthly?year=${year}&month=${month}`);
      await eventually(() => page.getByTestId('report-heading').innerText()).toContain(
        json.period.label,
      );
      expect(await card(page, 'received')).toBe(number(json.letters.received));
      expect(await card(page, 'sent')).toBe(number(json.letters.sent));
      expect(await card(page, 'dispositions')).toBe(number(json.followUp.totals.received));
      expect(json.followUp.totals.received).toBeGreaterThanOrEqual(1);
      const f = json.followUp.totals;
      expect(await totalRow(page, 'report-follow-up-table')).toEqual(
        expect.arrayContaining([
          number(f.received),
          number(f.doneOnTime),
          number(f.openOverdue),
          number(f.openOnTrack),
        ]),
      );
      // The monitoring figures in the report are the monitoring screen's.
      const monitoring = await sekdaApi('GET', '/api/monitoring');
      expect((await totalRow(page, 'report-monitoring')).slice(0, 2)).toEqual([
        number(monitoring.totals.open),
        number(monitoring.totals.overdue),
      ]);
      // Saluran penerimaan (issue 17): every letter received counted once, by its stored
      // channel; this test's letter came through SRIKANDI.
      const byChannel = json.letters.incoming.byChannel as Array<{ key: string; count: number }>;
      expect(byChannel.find((t) => t.key === 'srikandi')!.count).toBeGreaterThanOrEqual(1);
      expect(await totalRow(page, 'report-channel')).toEqual([number(json.letters.received)]);
      expect(await page.getByTestId('report-channel').innerText()).toContain('SRIKANDI/aplikasi');
      // Charts drawn (SVG) where the month has figures: this test's letter and disposition.
      await eventually(() =>
        page.getByTestId('report-letters').locator('.report-chart svg').count(),
      ).toBeGreaterThanOrEqual(2);
      await eventually(() =>
        page.getByTestId('report-follow-up').locator('.report-chart svg').count(),
      ).toBe(1);
      const file = await screenshot(page, 'reports-sekda-month-desktop');
      await page.screenshot({ path: file.replace('.png', '-top.png') });

      // The documents behind the buttons.
      const pdfHref = await page.getByTestId('report-pdf').getAttribute('href');
      const pdf = await page.request.get(pdfHref!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      const xlsxHref = await page.getByTestId('report-xlsx').getAttribute('href');
      const xlsx = await page.request.get(xlsxHref!);
      expect(xlsx.status()).toBe(200);
      expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

      // One unit: Asisten II's subtree, its follow-up as the API counts it.
      await page.getByTestId('report-unit').click();
      await page.getByRole('option', { name: /Asisten Perekonomian dan Pembangunan/ }).click();
      await eventually(() => page.getByTestId('report-heading').innerText()).toContain(
        'Asisten Perekonomian dan Pembangunan',
      );
      const unitId = new URL(page.url()).searchParams.get('unit');
      const unit = await sekdaApi(
        'GET',
        `/api/reports/monthly?year=${year}&month=${month}&unitId=${unitId}`,
      );
      expect(unit.followUp.totals.received).toBeGreaterThanOrEqual(1);
      await eventually(() => card(page, 'dispositions')).toBe(
        number(unit.followUp.totals.received),
      );

      // The yearly report.
      await page.getByTestId('report-kind').getByText('Tahunan').click();
      await eventually(() => page.getByTestId('report-heading').innerText()).toContain(
        `Tahun ${year}`,
      );
      const yearly = await sekdaApi('GET', `/api/reports/yearly?year=${year}&unitId=${unitId}`);
      await eventually(() => card(page, 'received')).toBe(number(yearly.letters.received));
      await screenshot(page, 'reports-unit-year-desktop');
    } finally {
      await context.close();
    }
  }, 300_000);

  it('gives an asisten his own subtree on a phone, without sideways scrolling', async () => {
    const { year, month } = jakartaMonth();
    const asisten = await apiOkAs('asisten3');
    const { context, page } = await newPage('phone');
    try {
      await loginAs(page, 'asisten3');
      await page.goto('/laporan');
      await page.getByTestId('report-heading').waitFor({ timeout: 30_000 });
      const json = await asisten('GET', `/api/reports/monthly?year=${year}&month=${month}`);
      expect(await page.getByTestId('report-heading').innerText()).toContain(json.unit.name);
      expect(json.units.map((u: { name: string }) => u.name)).not.toContain(
        'Asisten Perekonomian dan Pembangunan',
      );
      expect(await card(page, 'received')).toBe(number(json.letters.received));
      // Every chart is drawn, or says in words that the period has nothing for it.
      await eventually(() => page.locator('.report-chart svg, .report-chart-empty').count()).toBe(
        8,
      );
      await noSidewaysScroll(page);
      const file = await screenshot(page, 'reports-asisten-month-phone');
      // The first screens as the phone shows them (the full page is very tall).
      await page.screenshot({ path: file.replace('.png', '-top.png') });
      await page.getByTestId('report-follow-up').scrollIntoViewIfNeeded();
      await page.screenshot({ path: file.replace('.png', '-follow-up.png') });
    } finally {
      await context.close();
    }
  }, 300_000);

  it('tells a user without a unit to report on why there is nothing', async () => {
    const { context, page } = await newPage('desktop');
    try {
      await loginAs(page, 'staftu');
      await page.goto('/laporan');
      // A staff member (role pejabat, no unit to head): the server's refusal, in words.
      const error = page.getByTestId('report-error');
      await error.waitFor({ timeout: 20_000 });
      expect(await error.innerText()).toContain('Laporan hanya untuk pimpinan unit kerja');
      await screenshot(page, 'reports-refused-desktop');
    } finally {
      await context.close();
    }
  }, 300_000);
});
