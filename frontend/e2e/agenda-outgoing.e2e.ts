import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  apiOkAs,
  loginAs,
  newPage,
  registerLetter,
  screenshot,
  uniqueStamp,
} from './browser.ts';
import { jakartaDayAhead } from './dates.ts';

/**
 * Issue 17, outgoing undangan: the drafter types the event in the editor's "Acara undangan"
 * fields and the body's Hari/tanggal, Pukul, Tempat and Acara fill from them; once the
 * undangan is signed (through the API here), the event is on the inviter's agenda (the
 * signer, Asisten III, who hosts it) and on the invited internal position's (Asisten I, who
 * still has to answer). Scoped to this run's own title (the e2e files share one server).
 */
const { date: eventDate, hariTanggal } = jakartaDayAhead(4);
const [yy, mm, dd] = eventDate.split('-');
const stamp = uniqueStamp();
const TITLE = `Rapat Sinkronisasi Program ${stamp}`;
const PLACE = 'Ruang Rapat Asisten III Lt. 2';

const bodyText = (page: Page) => page.getByRole('textbox', { name: 'Isi surat' }).innerText();

async function ownPositionId(username: string): Promise<string> {
  const api = await apiOkAs(username);
  const { items } = (await api('GET', '/api/agenda/positions')) as {
    items: Array<{ id: string; kept: boolean }>;
  };
  return items.find((p) => !p.kept)!.id;
}

describe('agenda: an outgoing undangan on the inviter’s and the invitee’s agenda', () => {
  it('fills the undangan from its event fields at 1366 and 390 px', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const { page, context } = await newPage(viewport);
      await loginAs(page, 'staftu');
      await page.goto('/surat-keluar/baru?kind=surat_undangan');
      await expect.poll(() => bodyText(page), { timeout: 30_000 }).toContain('Demikian');
      await page.getByTestId('invitation-event').waitFor();
      await page.getByTestId('event-title').fill(TITLE);
      await page.getByTestId('event-date').fill(`${dd}/${mm}/${yy}`);
      await page.getByTestId('event-date').press('Tab');
      await page.getByTestId('event-start').fill('13:30');
      await page.getByTestId('event-end').fill('15:00');
      await page.getByTestId('event-place').fill(PLACE);
      // The untouched template takes the event in a moment after the last keystroke.
      // (The place is typed last: once it is in, so is everything before it.)
      await expect.poll(() => bodyText(page), { timeout: 60_000 }).toContain(PLACE);
      const body = await bodyText(page);
      expect(body).toContain(hariTanggal);
      expect(body).toContain('13.30 s.d. 15.00 WIB');
      expect(body).toContain(`Dalam rangka ${TITLE}`);
      await page.getByTestId('invitation-event').scrollIntoViewIfNeeded();
      await screenshot(page, `agenda-outgoing-editor-${viewport}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    }
  }, 300_000);

  it('signed, it is on the inviter’s and the invited position’s agenda', async () => {
    const [asisten1Id, asisten3Id, sekdaId] = await Promise.all([
      ownPositionId('asisten1'),
      ownPositionId('asisten3'),
      ownPositionId('sekda'),
    ]);
    const staftu = await apiOkAs('staftu');
    const draft = await staftu('POST', '/api/outgoing-letters', {
      kind: 'surat_undangan',
      subject: `Undangan ${TITLE}`,
      classificationCode: '000.1.5',
      recipients: [{ type: 'internal', positionId: asisten1Id }],
      body: [{ type: 'paragraph', runs: [{ text: 'Dengan hormat, kami mengundang Saudara.' }] }],
      event: {
        date: eventDate,
        startTime: '13:30',
        endTime: '15:00',
        timeZone: 'WIB',
        title: TITLE,
        place: PLACE,
        dressCode: 'PDH',
      },
      verifierPositionIds: [],
      signer: { positionId: asisten3Id, mode: 'an', onBehalfOfPositionId: sekdaId },
    });
    await staftu('POST', `/api/outgoing-letters/${draft.id}/submit`);
    const asisten3 = await apiOkAs('asisten3');
    const signed = await asisten3('POST', `/api/outgoing-letters/${draft.id}/sign`, {
      passphrase: 'lontar-demo',
    });
    expect(signed.status).toBe('signed');

    for (const [user, viewport, expected] of [
      ['asisten3', 'desktop', 'Hadir'],
      ['asisten1', 'desktop', 'Belum dijawab'],
      ['asisten1', 'phone', 'Belum dijawab'],
    ] as const) {
      const { page, context } = await newPage(viewport);
      await loginAs(page, user);
      await page.goto(`/agenda?mode=day&tanggal=${eventDate}`);
      const entry = page.getByTestId('agenda-entry').filter({ hasText: stamp }).first();
      await entry.waitFor({ timeout: 30_000 });
      const text = (await entry.textContent()) ?? '';
      expect(text).toContain('13.30–15.00 WIB');
      expect(text).toContain(PLACE);
      expect(text).toContain(expected);
      expect(text).toContain(signed.number);
      // The inviter hosts: no "Hadiri/Wakili". The invitee may answer; handing it on (and
      // opening the letter) waits until the undangan is sent to their inbox.
      expect(await entry.getByTestId('agenda-delegate').count()).toBe(0);
      if (user === 'asisten1') {
        expect(await entry.getByTestId('agenda-accept').count()).toBe(1);
        expect(await entry.getByRole('link').count()).toBe(0);
      }
      expect(await page.getByTestId('agenda-days').textContent()).toContain(hariTanggal);
      await screenshot(page, `agenda-outgoing-${user}-day-${viewport}`);
      // The inviter's entry opens the surat keluar it came from.
      if (user === 'asisten3') {
        await entry.getByRole('link').first().click();
        await page.waitForURL(new RegExp(`/surat-keluar/${draft.id}$`), { timeout: 60_000 });
      }
      await context.close();
    }
  }, 300_000);

  it('the Sekda’s clash, the leadership week, a keeper, and the daily and weekly PDF', async () => {
    const sekdaId = await ownPositionId('sekda');
    const karoumumId = await ownPositionId('karoumum');
    const desk = await apiAs('agendaris');
    const sekdaApi = await apiOkAs('sekda');
    // Two undangan to the Sekda that overlap (09.00–11.00 and 10.00–12.00 WIB), both accepted.
    for (const [title, start, end] of [
      [`Rakor Ketahanan Pangan ${stamp}`, '09:00', '11:00'],
      [`Pembukaan Pameran UMKM ${stamp}`, '10:00', '12:00'],
    ] as const) {
      const letter = await registerLetter(desk, {
        subject: `Undangan ${title}`,
        senderName: 'Dinas Ketahanan Pangan Provinsi Lampung',
        letterNumber: `005/${stamp}/${start}`,
        kind: 'Surat Undangan',
        addresseePositionId: sekdaId,
        event: {
          date: eventDate,
          startTime: start,
          endTime: end,
          timeZone: 'WIB',
          title,
          place: 'Aula Balai Keratun',
        },
      });
      const { items } = await sekdaApi(
        'GET',
        `/api/agenda?positionId=${sekdaId}&from=${eventDate}&to=${eventDate}`,
      );
      const entry = items.find((i: { letterId: string }) => i.letterId === letter.id);
      await sekdaApi('POST', `/api/agenda/${entry.id}/decision`, { decision: 'accepted' });
    }
    // The admin lets the Kepala Biro Umum keep the Sekda's agenda (idempotent).
    const admin = await apiOkAs('admin');
    await admin('POST', '/api/agenda/keepers', {
      positionId: sekdaId,
      keeperPositionId: karoumumId,
    });

    for (const viewport of ['desktop', 'phone'] as const) {
      const { page, context } = await newPage(viewport);
      await loginAs(page, 'sekda');
      await page.goto(`/agenda?mode=week&tanggal=${eventDate}`);
      const clashing = page
        .getByTestId('agenda-entry')
        .filter({ hasText: stamp })
        .filter({ has: page.getByTestId('agenda-clash') });
      await clashing.first().waitFor({ timeout: 30_000 });
      expect(await clashing.count()).toBe(2);
      expect(await clashing.first().textContent()).toContain('09.00–11.00 WIB');
      await clashing.first().scrollIntoViewIfNeeded();
      await screenshot(page, `agenda-sekda-clash-week-${viewport}`);
      await page.goto(`/agenda?jabatan=pimpinan&mode=week&tanggal=${eventDate}`);
      const together = page.getByTestId('agenda-entry').filter({ hasText: stamp });
      await together.first().waitFor({ timeout: 30_000 });
      // The leadership view names whose agenda each entry is on.
      expect(await together.first().textContent()).toContain('Sekretaris Daerah');
      await screenshot(page, `agenda-leadership-week-${viewport}`);
      await context.close();
    }

    // The keeper sees the Sekda's agenda and may answer, but not hand it on.
    const { page, context } = await newPage('desktop');
    await loginAs(page, 'karoumum');
    await page.goto(`/agenda?jabatan=${sekdaId}&mode=day&tanggal=${eventDate}`);
    const kept = page
      .getByTestId('agenda-entry')
      .filter({ hasText: `Rakor Ketahanan Pangan ${stamp}` });
    await kept.first().waitFor({ timeout: 30_000 });
    expect(await kept.first().getByTestId('agenda-delegate').count()).toBe(0);
    // Keeping the agenda does not open the Sekda's letters: no link that would end in a refusal.
    expect(await kept.first().getByRole('link').count()).toBe(0);
    await screenshot(page, 'agenda-keeper-day-desktop');

    // The printed agendas, as the secretariat pins them on the wall, kept as PNG.
    const dir = inject('artifactsDir');
    for (const period of ['day', 'week'] as const) {
      const pdf = await page.request.get(
        `/api/agenda/agenda.pdf?positionId=${sekdaId}&period=${period}&date=${eventDate}`,
      );
      expect(pdf.status()).toBe(200);
      const file = path.join(dir, `agenda-${period}-sekda.pdf`);
      writeFileSync(file, await pdf.body());
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        file,
        file.replace(/\.pdf$/, ''),
      ]);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(text).toContain(hariTanggal);
      expect(text).toContain(`Rakor Ketahanan Pangan ${stamp}`);
      expect(text).toMatch(/09\.00.11\.00\s+WIB/);
      expect(text).toContain('Bentrok dengan acara lain');
    }
    await context.close();
  }, 300_000);
});
