import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@lontar/infra/stack';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loginAs, newPage, screenshot } from './browser.ts';
import { jakartaDayAhead } from './dates.ts';

/**
 * Issue 17, "Agenda pimpinan", through the UI: the agendaris registers an undangan scan; the
 * event (date, time, place) read from the scan lands on the Sekda's agenda; the Sekda has it
 * attended by Asisten I ("Hadiri/Wakili"), whose agenda then shows it; the daily PDF and the
 * private iCalendar feed show it. The scan is rendered here (a fresh clone has no
 * ../shared), its event three days ahead so the feed's window always holds it.
 */
const workDir = mkdtempSync(path.join(os.tmpdir(), 'lontar-agenda-e2e-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const { date: eventDate, hariTanggal } = jakartaDayAhead(3);
const SUBJECT = 'Undangan Rapat Koordinasi Penanganan Inflasi Daerah';
const PLACE = 'Aula Bappeda Provinsi Lampung';

function renderScan(): string {
  const file = path.join(workDir, 'undangan.png');
  const lines = [
    'PEMERINTAH PROVINSI LAMPUNG',
    'BADAN PERENCANAAN PEMBANGUNAN DAERAH',
    'Jalan Robert Wolter Monginsidi Nomor 223 Telukbetung 35215',
    '',
    'Nomor : 005/412/V.01/2026',
    'Sifat : Segera',
    'Lampiran : -',
    `Hal : ${SUBJECT}`,
    '',
    'Yth. Sekretaris Daerah Provinsi Lampung',
    '',
    'Dengan hormat, kami mengundang Bapak untuk menghadiri rapat pada:',
    '',
    `Hari/Tanggal : ${hariTanggal}`,
    'Pukul : 09.00 - 11.30 WIB',
    `Tempat : ${PLACE}`,
    'Pakaian : PDH',
    '',
    'Bandar Lampung, 1 Desember 2026',
  ];
  const script = `
    import { writeFileSync } from 'node:fs';
    import { renderTextPng } from './src/modules/ocr/test-fixtures.ts';
    writeFileSync(process.argv[2], await renderTextPng(JSON.parse(process.argv[1]), { width: 1700 }));
  `;
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(lines), file],
    { cwd: path.join(repoRoot, 'backend'), stdio: 'pipe' },
  );
  return file;
}

async function agendaEntry(page: Page) {
  const entry = page.getByTestId('agenda-entry').filter({ hasText: 'Penanganan Inflasi' });
  await entry.first().waitFor({ timeout: 30_000 });
  return entry.first();
}

describe('agenda pimpinan: from an undangan scan to the delegate’s agenda', () => {
  it('registers the undangan, shows it to the Sekda, delegates it to Asisten I', async () => {
    const scan = renderScan();

    // The agendaris registers the scan: the form suggests the kind and reads the event.
    const clerk = await newPage('desktop');
    await loginAs(clerk.page, 'agendaris');
    await clerk.page.goto('/surat-masuk/catat');
    await clerk.page.setInputFiles('[data-testid=file-input]', scan);
    const state = clerk.page.getByTestId('prefill-state');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 90_000 }).toBe('done');
    await clerk.page.getByTestId('invitation-use-kind').click();
    await clerk.page.getByTestId('invitation-event').waitFor();
    expect(await clerk.page.locator('[data-testid=event-start]').inputValue()).toBe('09:00');
    expect(await clerk.page.locator('[data-testid=event-end]').inputValue()).toBe('11:30');
    expect(await clerk.page.locator('[data-testid=event-place]').inputValue()).toBe(PLACE);
    const [y, m, d] = eventDate.split('-');
    expect(await clerk.page.locator('[data-testid=event-date]').inputValue()).toBe(
      `${d}/${m}/${y}`,
    );
    await clerk.page.getByTestId('invitation-event').scrollIntoViewIfNeeded();
    await screenshot(clerk.page, 'agenda-register-desktop');
    await clerk.page.keyboard.press('Alt+t');
    await clerk.page.keyboard.press('Control+Enter');
    await clerk.page.waitForFunction(
      () => document.querySelector('[data-testid=saved]')?.textContent?.includes('Penanganan'),
      undefined,
      { timeout: 60_000 },
    );
    await clerk.context.close();

    // The Sekda's week shows it, with date, time and place read from the scan.
    const sekda = await newPage('desktop');
    await loginAs(sekda.page, 'sekda');
    await sekda.page.goto(`/agenda?mode=week&tanggal=${eventDate}`);
    let entry = await agendaEntry(sekda.page);
    const text = await entry.textContent();
    expect(text).toContain('09.00–11.30 WIB');
    expect(text).toContain(PLACE);
    expect(text).toContain('Belum dijawab');
    expect(await sekda.page.getByTestId('agenda-days').textContent()).toContain(hariTanggal);
    await screenshot(sekda.page, 'agenda-sekda-week-desktop');

    // Its own reminders: a day before as well as the default.
    await entry.getByTestId('agenda-reminder').click();
    await sekda.page.getByTestId('reminder-own').click();
    await sekda.page.locator('#entry-lead-1440').click();
    await screenshot(sekda.page, 'agenda-reminder-dialog-desktop');
    await sekda.page.getByTestId('reminder-submit').click();
    await expect
      .poll(() => entry.getByTestId('agenda-own-reminder').textContent(), { timeout: 30_000 })
      .toContain('1 hari');

    // Hadiri/Wakili: Asisten I attends.
    await entry.getByTestId('agenda-delegate').click();
    await sekda.page.getByTestId('delegate-position').click();
    await sekda.page.keyboard.type('Asisten Pemerintahan');
    await sekda.page
      .getByRole('option', { name: /Asisten Pemerintahan/ })
      .first()
      .click();
    await screenshot(sekda.page, 'agenda-delegate-dialog-desktop');
    await sekda.page.getByTestId('delegate-submit').click();
    await sekda.page
      .getByTestId('agenda-delegated-to')
      .filter({ hasText: 'Asisten Pemerintahan' })
      .waitFor({ timeout: 30_000 });
    entry = await agendaEntry(sekda.page);
    expect(await entry.textContent()).toContain('Diwakilkan');

    // The daily PDF (as the Sekda's secretariat prints it) and the phone-calendar feed.
    const positions = (await (await sekda.page.request.get('/api/agenda/positions')).json()) as {
      items: Array<{ id: string }>;
    };
    const sekdaId = positions.items[0]!.id;
    const pdf = await sekda.page.request.get(
      `/api/agenda/agenda.pdf?positionId=${sekdaId}&period=day&date=${eventDate}`,
    );
    expect(pdf.status()).toBe(200);
    const pdfFile = path.join(inject('artifactsDir'), 'agenda-daily.pdf');
    writeFileSync(pdfFile, await pdf.body());
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-singlefile',
      pdfFile,
      pdfFile.replace(/\.pdf$/, ''),
    ]);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString();
    expect(pdfText).toContain('Penanganan Inflasi');
    expect(pdfText).toContain(hariTanggal);
    expect(pdfText).toContain('Diwakili oleh Asisten Pemerintahan');

    await sekda.page.getByTestId('agenda-feed').click();
    await sekda.page.getByTestId('feed-create').click();
    const url = await sekda.page.getByTestId('feed-url').inputValue();
    await screenshot(sekda.page, 'agenda-feed-desktop');
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await feed.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.replace(/\r\n /g, '')).toContain(
      // The acara was left empty: the subject without its "Undangan".
      'SUMMARY:Rapat Koordinasi Penanganan Inflasi Daerah',
    );
    expect(ics).toContain(`DTSTART:${eventDate.replace(/-/g, '')}T020000Z`);
    await sekda.context.close();

    // Asisten I's agenda shows it, on a desktop and on a phone.
    for (const viewport of ['desktop', 'phone'] as const) {
      const asisten = await newPage(viewport);
      await loginAs(asisten.page, 'asisten1');
      await asisten.page.goto(`/agenda?mode=day&tanggal=${eventDate}`);
      const theirs = await agendaEntry(asisten.page);
      const theirText = await theirs.textContent();
      expect(theirText).toContain('Mewakili Sekretaris Daerah');
      expect(theirText).toContain(PLACE);
      expect(theirText).toContain('Hadir');
      await screenshot(asisten.page, `agenda-asisten-day-${viewport}`);
      if (viewport === 'phone') {
        await theirs.getByTestId('agenda-reminder').click();
        await asisten.page.getByTestId('reminder-own').click();
        await screenshot(asisten.page, 'agenda-reminder-dialog-phone');
        await asisten.page.getByRole('button', { name: 'Batal' }).click();
      }
      await asisten.page.goto(`/agenda?mode=month&tanggal=${eventDate}`);
      if (viewport === 'desktop')
        await asisten.page
          .getByTestId('agenda-month')
          .getByText('Penanganan Inflasi')
          .first()
          .waitFor();
      else await agendaEntry(asisten.page);
      await screenshot(asisten.page, `agenda-asisten-month-${viewport}`);
      // The default reminder times of their agenda, in the profile.
      await asisten.page.goto('/profil');
      const reminders = asisten.page.getByTestId('reminder-position').first();
      await reminders.waitFor({ timeout: 30_000 });
      await reminders.scrollIntoViewIfNeeded();
      expect(await reminders.textContent()).toContain('1 jam sebelumnya');
      await screenshot(asisten.page, `agenda-reminders-profile-${viewport}`);
      await asisten.context.close();
    }

    // The admin names the staff who keep the Sekda's agenda.
    const admin = await newPage('desktop');
    await loginAs(admin.page, 'admin');
    await admin.page.goto('/admin/penyimpan-agenda');
    for (const [id, name] of [
      ['keeper-official', 'Sekretaris Daerah'],
      ['keeper-position', 'Kepala Biro Umum'],
    ] as const) {
      await admin.page.locator(`#${id}`).click();
      await admin.page.keyboard.type(name);
      await admin.page
        .getByRole('option', { name: new RegExp(name) })
        .first()
        .click();
    }
    await admin.page.getByRole('button', { name: 'Tetapkan' }).click();
    await admin.page.getByText('menyimpan agenda').first().waitFor();
    await screenshot(admin.page, 'agenda-keepers-admin-desktop');
    await admin.context.close();
  }, 300_000);
});
