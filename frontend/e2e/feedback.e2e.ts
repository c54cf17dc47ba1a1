import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { repoRoot } from '@lontar/infra/stack';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  eventually,
  loginAs,
  newPage,
  registerLetter as register,
  screenshot,
  type Viewport,
  uniqueStamp,
} from './browser.ts';

/**
 * Issue 15 points 5 and 10 as a user meets them: screens show skeletons while they load
 * (never zeros or an empty form), an action's result is on screen at once, an action whose
 * connection dropped says so and can be repeated, and the first load leaves no 401 or 404
 * in the console. Slow answers are made by holding a request until the test has looked
 * (no timing assertions); a dropped connection by taking the browser offline.
 */

/** Holds every request matching `url` until `release()`: the screen is looked at while the
 * answer is still on its way, however fast the server is. */
async function hold(page: Page, url: string | RegExp) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let arrived!: () => void;
  const seen = new Promise<void>((resolve) => (arrived = resolve));
  const handler = async (route: Route) => {
    arrived();
    await gate;
    await route.continue().catch(() => undefined);
  };
  await page.route(url, handler);
  return {
    seen,
    release: async () => {
      open();
      await page.unroute(url, handler);
    },
  };
}

const stamp = uniqueStamp();

async function registerLetter(subject: string): Promise<string> {
  const letter = await register(await apiAs('agendaris'), {
    senderName: 'Badan Pusat Statistik Provinsi Lampung',
    letterNumber: `B-${stamp}/${subject.length}/2026`,
    subject,
    urgency: 'segera',
  });
  return letter.id;
}

describe('feedback while waiting, and at once after an action', () => {
  /** A disposition to staftu that staftu has reported on: "Selesaikan" is live. */
  let dispositionId = '';
  /** A letter waiting for the Sekda's disposition. */
  let awaitingLetterId = '';

  beforeAll(async () => {
    const reported = await registerLetter(`Permintaan data statistik sektoral ${stamp}`);
    awaitingLetterId = await registerLetter(`Undangan rapat koordinasi data ${stamp}`);
    const staftu = await apiAs('staftu');
    const positions = (await staftu('GET', '/api/outgoing-letters/positions')).json.items as Array<{
      id: string;
      key: string;
    }>;
    const sekda = await apiAs('sekda');
    const disposed = await sekda('POST', `/api/incoming-letters/${reported}/dispositions`, {
      recipients: [
        { positionId: positions.find((p) => p.key === 'staftu-1')!.id, role: 'primary' },
      ],
      instructions: ['Tindak lanjuti'],
    });
    expect(disposed.status, JSON.stringify(disposed.json)).toBe(201);
    dispositionId = disposed.json.items[0].id as string;
    const form = new FormData();
    form.append('data', JSON.stringify({ text: 'Data sektoral sudah dikirim ke BPS.' }));
    const report = await staftu('POST', `/api/dispositions/${dispositionId}/reports`, form);
    expect(report.status, JSON.stringify(report.json)).toBe(201);
  }, 300_000);

  it('loads the first page without a 401 or 404 in the console, favicon included', async () => {
    const { page, context } = await newPage('desktop');
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto('/');
    await page.waitForURL(/\/masuk/);
    await page.getByLabel('Nama pengguna').waitFor();
    await loginAs(page, 'sekda');
    await page.getByTestId('greeting').waitFor();
    const favicon = await page.request.get('/favicon.ico');
    expect(favicon.status()).toBe(200);
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const viewport of ['desktop', 'phone'] as Viewport[]) {
    it(`shows skeletons, not zeros or an empty form, while Beranda and the dispose screen load (${viewport})`, async () => {
      const { page, context } = await newPage(viewport);
      await loginAs(page, 'sekda');
      // Beranda with the counters held: a skeleton, never a row of zeros.
      const counters = await hold(page, '**/api/dispositions/counters');
      await page.goto('/');
      await counters.seen;
      await page.getByTestId('dispositions-widget').getByTestId('loading-skeleton').waitFor();
      expect(await page.getByTestId('disposition-counters').count()).toBe(0);
      await screenshot(page, `feedback-home-loading-${viewport}`);
      await counters.release();
      await page.getByTestId('counter-awaitingDisposition').waitFor();
      await eventually(
        async () => (await page.getByTestId('counter-awaitingDisposition').textContent()) ?? '',
      ).toMatch(/[1-9]/);
      expect(await page.getByTestId('loading-skeleton').count()).toBe(0);
      await screenshot(page, `feedback-home-loaded-${viewport}`);

      // The dispose screen with the letter held: the screen's skeleton, not an empty form.
      const letter = await hold(page, `**/api/incoming-letters/${awaitingLetterId}`);
      await page.goto(`/disposisi/surat/${awaitingLetterId}/disposisikan`);
      await letter.seen;
      await page.getByTestId('loading-skeleton').first().waitFor();
      expect(await page.getByTestId('dispose-form').count()).toBe(0);
      await screenshot(page, `feedback-dispose-loading-${viewport}`);
      // Then the letter, with the recipients still held: their list shows a skeleton.
      const recipients = await hold(page, '**/api/dispositions/recipients?**');
      await letter.release();
      await page.getByTestId('dispose-form').waitFor();
      await recipients.seen;
      await page.getByTestId('dispose-form').getByTestId('loading-skeleton').first().waitFor();
      await screenshot(page, `feedback-dispose-recipients-loading-${viewport}`);
      await recipients.release();
      await page.getByTestId('direct-recipients').locator('label').first().waitFor();
      expect(await page.getByTestId('dispose-form').getByTestId('loading-skeleton').count()).toBe(
        0,
      );
      await screenshot(page, `feedback-dispose-loaded-${viewport}`);
      await context.close();
    });
  }

  it('offers "Coba lagi" when the dispose form cannot load its recipients, and recovers', async () => {
    const { page, context } = await newPage('phone');
    await loginAs(page, 'sekda');
    // Every try of the recipients fails as if the network were gone (the client retries
    // a read twice before it gives up).
    const drop = (route: Route) => route.abort('internetdisconnected');
    await page.route('**/api/dispositions/recipients?**', drop);
    await page.goto(`/disposisi/surat/${awaitingLetterId}/disposisikan`);
    const failed = page.getByTestId('dispose-form').getByTestId('action-error');
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/tidak dapat dihubungi/);
    await screenshot(page, 'feedback-dispose-recipients-failed-phone');
    await page.unroute('**/api/dispositions/recipients?**', drop);
    await failed.getByTestId('action-retry').click();
    await page.getByTestId('direct-recipients').locator('label').first().waitFor();
    expect(await page.getByTestId('dispose-form').getByTestId('action-error').count()).toBe(0);
    await context.close();
  });

  it('keeps a "Selesaikan" whose connection dropped for "Coba lagi", then shows "Selesai" at once', async () => {
    const { page, context } = await newPage('phone');
    await loginAs(page, 'staftu');
    await page.goto(`/disposisi/${dispositionId}`);
    await eventually(async () =>
      (await page.getByTestId('disposition-status').textContent())?.trim(),
    ).toBe('Diproses');

    // The connection drops as the official confirms.
    await setOffline(context, true);
    await page.getByTestId('action-complete').click();
    await page.locator('.p-confirmdialog').getByRole('button', { name: 'Selesaikan' }).click();
    const error = page.getByTestId('action-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/belum pasti tersimpan/);
    await page.getByTestId('connection-banner').waitFor();
    expect((await page.getByTestId('disposition-status').textContent())?.trim()).toBe('Diproses');
    await screenshot(page, 'feedback-complete-dropped-phone');

    // Back online: "Coba lagi" repeats it. The reload after it is held, so what shows
    // "Selesai" is the action's own answer, at once.
    await setOffline(context, false);
    const reload = await hold(page, `**/api/dispositions/${dispositionId}`);
    await page.getByTestId('action-retry').click();
    await eventually(async () =>
      (await page.getByTestId('disposition-status').textContent())?.trim(),
    ).toBe('Selesai');
    expect(await page.getByTestId('action-complete').count()).toBe(0);
    expect(await page.getByTestId('action-report').count()).toBe(0);
    expect(await page.getByTestId('action-error').count()).toBe(0);
    await screenshot(page, 'feedback-complete-done-phone');
    await reload.release();
    await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 20_000 });
    expect((await page.getByTestId('disposition-status').textContent())?.trim()).toBe('Selesai');
    await screenshot(page, 'feedback-complete-reloaded-phone');
    await context.close();
  });

  it('shows a detail screen as a skeleton while it loads, and a message with "Coba lagi" when offline', async () => {
    const { page, context } = await newPage('desktop');
    await loginAs(page, 'staftu');
    const detail = await hold(page, `**/api/dispositions/${dispositionId}`);
    await page.goto(`/disposisi/${dispositionId}`);
    await detail.seen;
    await page.getByTestId('loading-skeleton').first().waitFor();
    await screenshot(page, 'feedback-detail-loading-desktop');
    await detail.release();
    await page.getByTestId('disposition-status').waitFor();

    // In the app to Beranda, then offline back to the detail: its read fails (after the
    // client's retries) with a message in Bahasa Indonesia and "Coba lagi", not a blank page.
    await page.getByRole('link', { name: 'Beranda' }).first().click();
    await page.getByTestId('greeting').waitFor();
    await setOffline(context, true);
    await page.goBack();
    await page.getByTestId('load-error').waitFor();
    expect(await page.getByTestId('load-error').textContent()).toMatch(/tidak dapat dihubungi/);
    expect(await page.getByTestId('disposition-status').count()).toBe(0);
    await screenshot(page, 'feedback-detail-offline-desktop');
    await setOffline(context, false);
    await page.getByTestId('load-retry').click();
    await page.getByTestId('disposition-status').waitFor();
    expect(await page.getByTestId('load-error').count()).toBe(0);
    await context.close();
  });
});

describe('pickers speak Indonesian', () => {
  for (const viewport of ['desktop', 'phone'] as Viewport[]) {
    it(`picks dates as dd/mm/yyyy from a calendar in Bahasa Indonesia, files with an Indonesian button (${viewport})`, async () => {
      const { page, context } = await newPage(viewport);
      await loginAs(page, 'arsiparis');
      await page.goto('/arsip');
      const asof = page.getByTestId('asof');
      await asof.waitFor();
      expect(await asof.getAttribute('type')).toBe('text'); // not the browser's own date control
      await asof.click();
      const calendar = page.locator('.p-datepicker-panel');
      await calendar.waitFor();
      const weekdays = await calendar.locator('.p-datepicker-weekday').allTextContents();
      expect(weekdays.map((d) => d.trim())).toEqual(['Sn', 'Sl', 'Rb', 'Km', 'Jm', 'Sb', 'Mg']);
      expect(await calendar.textContent()).toMatch(
        /Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember/,
      );
      await calendar
        .locator('td.p-datepicker-day-cell:not(.p-datepicker-other-month) .p-datepicker-day')
        .first()
        .click();
      expect(await asof.inputValue()).toMatch(/^01\/\d{2}\/\d{4}$/);
      // Open again for the screenshot, of the window only: a full-page one resizes the
      // window, which closes the calendar.
      await asof.click();
      await calendar.waitFor();
      mkdirSync(inject('artifactsDir'), { recursive: true });
      await page.screenshot({
        path: path.join(inject('artifactsDir'), `feedback-datepicker-${viewport}.png`),
      });

      await page.goto('/arsip/impor');
      const zip = page.getByTestId('import-zip');
      await zip.waitFor({ state: 'attached' });
      // The native control stays in the page for the label and tests, but is not seen.
      expect((await zip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
      await page.getByRole('button', { name: 'Pilih berkas…' }).first().waitFor();
      expect(await page.getByText('Belum ada berkas dipilih').count()).toBeGreaterThan(0);
      await zip.setInputFiles({
        name: 'arsip-1995.zip',
        mimeType: 'application/zip',
        buffer: Buffer.from('PK'),
      });
      await page.getByTestId('file-picker-chosen').first().getByText('arsip-1995.zip').waitFor();
      await screenshot(page, `feedback-file-picker-${viewport}`);
      await context.close();
    });
  }
});

describe('the Plt/Plh switch is where the user guide says it is', () => {
  it('sits beside the name on a desktop (also at 1024 px) and at the top of the ☰ menu on a phone', async () => {
    const admin = await apiAs('admin');
    const users = (await admin('GET', '/api/admin/users?q=kabagtu')).json.items as Array<{
      id: string;
      username: string;
    }>;
    const positions = (await admin('GET', '/api/org/positions')).json.items as Array<{
      id: string;
      key: string;
    }>;
    const now = Date.now();
    const appointed = await admin('POST', '/api/admin/assignments', {
      userId: users.find((u) => u.username === 'kabagtu')!.id,
      positionId: positions.find((p) => p.key === 'karoumum')!.id,
      kind: 'plh',
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 3 * 86_400_000).toISOString(),
    });
    expect(appointed.status, JSON.stringify(appointed.json)).toBe(201);

    // The guide names the control as the screen does.
    const guide = readFileSync(path.join(repoRoot, 'docs/panduan-pengguna.md'), 'utf8');
    const paragraph = guide.split('\n\n').find((p) => p.includes('**Plt/Plh**, pilih')) ?? '';
    expect(paragraph).toContain('**Bertugas sebagai**');
    expect(paragraph).not.toMatch(/menu nama Anda/); // the old, wrong place

    for (const width of [1366, 1024]) {
      const { page, context } = await newPage('desktop');
      await page.setViewportSize({ width, height: 768 });
      await loginAs(page, 'kabagtu');
      const header = page.locator('header');
      const switcher = header.locator('.header-switcher [role="combobox"]');
      await switcher.waitFor();
      await switcher.click();
      await page.getByRole('option', { name: /Plh\. Kepala Biro Umum/ }).click();
      await page.getByText('Sekarang bertugas sebagai Plh. Kepala Biro Umum').waitFor();
      await screenshot(page, `feedback-plh-switch-${width}`);
      await context.close();
    }

    const { page, context } = await newPage('phone');
    await loginAs(page, 'kabagtu');
    expect(await page.locator('header').getByRole('combobox').count()).toBe(0);
    await page.getByRole('button', { name: 'Buka menu navigasi' }).click();
    const drawer = page.locator('.p-drawer');
    await drawer.getByText('Bertugas sebagai').waitFor();
    await drawer.getByRole('combobox').waitFor();
    await screenshot(page, 'feedback-plh-switch-phone');
    await context.close();
  });
});

async function setOffline(context: BrowserContext, offline: boolean): Promise<void> {
  await context.setOffline(offline);
}
