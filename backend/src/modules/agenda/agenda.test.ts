import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { shiftClock } from '../../lib/clock.ts';
import { PDFDocument } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import type { TestContext } from '../../../test/harness.ts';
import { loginAs } from '../../../test/auth-helpers.ts';
import { letterData, postLetter, scanPdf } from '../letters/letters.fixtures.ts';
import { dispositionTestContext, pos } from '../dispositions/test-support.ts';
import { DispositionModel } from '../dispositions/disposition.model.ts';
import { NotificationModel } from '../notify/notification.model.ts';
import { AgendaEntryModel } from './agenda.model.ts';
import { runAgendaReminders } from './reminders.ts';
import { suggestInvitation } from './invitation.ts';
import { entryTitle } from './agenda.service.ts';
import { fetchCalendar } from './feed.test-support.ts';
import ICAL from 'ical.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await dispositionTestContext();
});

const EVENT = {
  date: '2026-12-10',
  startTime: '09:00',
  endTime: '11:00',
  timeZone: 'WIB',
  title: 'Rapat Koordinasi Penanganan Stunting',
  place: 'Ruang Rapat Utama Dinas Kesehatan, Jl. Dr. Susilo No. 44',
  dressCode: 'PDH',
};

async function registerInvitation(event: Record<string, unknown>, extra = {}) {
  const clerk = await loginAs(ctx, 'agendaris');
  const response = await postLetter(
    clerk,
    letterData({ kind: 'Surat Undangan', event, ...extra }),
    [{ body: await scanPdf('Undangan', 1), name: 'undangan.pdf', type: 'application/pdf' }],
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** A strict reading of RFC 5545 content lines: CRLF, lines of at most 75 octets, folding by
 * a leading space, NAME[;params]:value, balanced BEGIN/END, the required properties. */
function parseICalendar(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines: string[] = [];
  for (const line of physical)
    if (line.startsWith(' ')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  const stack: string[] = [];
  const events: Array<Record<string, string>> = [];
  let calendar: Record<string, string> = {};
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    const match = /^([A-Z][A-Z0-9-]*)((?:;[^:]*)?):(.*)$/.exec(line);
    expect(match, `bad content line: ${line}`).not.toBeNull();
    const [, name, , value] = match!;
    if (name === 'BEGIN') {
      stack.push(value!);
      if (value === 'VEVENT') current = {};
      continue;
    }
    if (name === 'END') {
      expect(stack.pop()).toBe(value);
      if (value === 'VEVENT') {
        events.push(current!);
        current = null;
      }
      continue;
    }
    // Unescaped commas or semicolons are not allowed in these TEXT values.
    if (['SUMMARY', 'LOCATION', 'DESCRIPTION'].includes(name!))
      expect(value!.replace(/\\[\\;,nN]/g, '')).not.toMatch(/[;,\\]/);
    const unescaped = value!.replace(/\\([\\;,])/g, '$1').replace(/\\[nN]/g, '\n');
    if (current) current[name!] = unescaped;
    else calendar = { ...calendar, [name!]: unescaped };
  }
  expect(stack).toEqual([]);
  expect(calendar.VERSION).toBe('2.0');
  expect(calendar.PRODID).toBeTruthy();
  for (const event of events) {
    for (const field of ['UID', 'DTSTAMP', 'DTSTART']) expect(event[field]).toBeTruthy();
    expect(event.DTSTART).toMatch(/^\d{8}T\d{6}Z$/);
  }
  return events;
}

function pdfStrings(bytes: Buffer): string {
  // The table PDF draws with standard fonts: its content streams hold the text literally.
  const raw = bytes.toString('latin1');
  const parts: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'));
    } catch {
      parts.push(m[1]!);
    }
  }
  const hex = parts
    .join('\n')
    .replace(/<([0-9A-Fa-f]+)>/g, (_, h: string) => Buffer.from(h, 'hex').toString('latin1'));
  return hex;
}

describe('agenda pimpinan', () => {
  it('reads the event of an invitation from its text', () => {
    const text = [
      'PEMERINTAH PROVINSI LAMPUNG',
      'Dengan hormat, kami mengundang Bapak/Ibu untuk hadir pada:',
      'Hari/Tanggal : Kamis, 10 Desember 2026',
      'Pukul : 13.30 - 15.00 WITA',
      'Tempat : Aula Kantor Gubernur,',
      'Jl. Wolter Monginsidi No. 69',
      'Acara : Rapat Koordinasi Penanganan Stunting',
      'Pakaian : PDH',
    ].join('\n');
    expect(suggestInvitation(text)).toEqual({
      isInvitation: true,
      date: '2026-12-10',
      startTime: '13:30',
      endTime: '15:00',
      timeZone: 'WITA',
      place: 'Aula Kantor Gubernur, Jl. Wolter Monginsidi No. 69',
      title: 'Rapat Koordinasi Penanganan Stunting',
      dressCode: 'PDH',
    });
    expect(
      suggestInvitation('Hal : Laporan keuangan\nBersama ini kami sampaikan').isInvitation,
    ).toBe(false);
  });

  it('titles an entry by its acara, else by the subject without its "Undangan"', () => {
    expect(entryTitle({ title: ' Rakor Inflasi ' }, 'Undangan Rapat')).toBe('Rakor Inflasi');
    expect(entryTitle({}, 'Undangan Rapat Koordinasi Kearsipan')).toBe(
      'Rapat Koordinasi Kearsipan',
    );
    expect(entryTitle({ title: '' }, 'Undangan')).toBe('Undangan');
    expect(entryTitle({}, 'Pembukaan Pameran UMKM')).toBe('Pembukaan Pameran UMKM');
  });

  it('registration of an undangan puts it on the addressee agenda; only its keepers see it', async () => {
    const letterId = await registerInvitation(EVENT);
    const sekda = await loginAs(ctx, 'sekda');
    const sekdaId = await pos('sekda');
    const list = await sekda
      .get('/api/agenda')
      .query({ positionId: sekdaId, from: '2026-12-07', to: '2026-12-13' });
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { letterId: string }) => i.letterId === letterId);
    expect(item).toMatchObject({
      title: EVENT.title,
      start: '2026-12-10T09:00:00+07:00',
      end: '2026-12-10T11:00:00+07:00',
      place: EVENT.place,
      positionId: sekdaId,
      status: 'pending',
      mayDecide: true,
      mayDelegate: true,
      letterType: 'incoming',
      letterReady: true,
    });
    // Another official, and the clerk without a keeper delegation, are refused.
    const asisten = await loginAs(ctx, 'asisten1');
    const refused = await asisten
      .get('/api/agenda')
      .query({ positionId: sekdaId, from: '2026-12-07', to: '2026-12-13' });
    expect(refused.status).toBe(403);
    expect((await asisten.get(`/api/agenda/${item.id}`)).status).toBe(404);
    const staff = await loginAs(ctx, 'staftu');
    expect(
      (
        await staff
          .get('/api/agenda')
          .query({ positionId: sekdaId, from: '2026-12-07', to: '2026-12-07' })
      ).status,
    ).toBe(403);

    // The admin makes staftu keep the Sekda's agenda: they see it and may accept, not delegate.
    const admin = await loginAs(ctx, 'admin');
    const keeper = await admin
      .post('/api/agenda/keepers')
      .send({ positionId: sekdaId, keeperPositionId: await pos('staftu-1') });
    expect(keeper.status).toBe(201);
    const kept = await staff
      .get('/api/agenda')
      .query({ positionId: sekdaId, from: '2026-12-10', to: '2026-12-10' });
    expect(kept.status).toBe(200);
    expect(kept.body.items[0]).toMatchObject({ id: item.id, mayDecide: true, mayDelegate: false });
    expect(
      (
        await staff
          .post(`/api/agenda/${item.id}/delegate`)
          .send({ positionId: await pos('asisten1') })
      ).status,
    ).toBe(403);
    expect((await staff.post('/api/agenda/feeds').send({ positionId: sekdaId })).status).toBe(403);
    // A Rahasia invitation: the keeper (cleared below R) sees only that the time is taken.
    await registerInvitation(
      { ...EVENT, date: '2026-12-11', title: 'Rapat tertutup', place: 'Ruang Rapat Gubernur' },
      { securityClass: 'R' },
    );
    const secret = { positionId: sekdaId, from: '2026-12-11', to: '2026-12-11' };
    const keptSecret = (await staff.get('/api/agenda').query(secret)).body.items[0];
    expect(keptSecret).toMatchObject({ title: 'Acara (surat berklasifikasi)', place: '' });
    const ownSecret = (await sekda.get('/api/agenda').query(secret)).body.items[0];
    expect(ownSecret).toMatchObject({ title: 'Rapat tertutup', place: 'Ruang Rapat Gubernur' });
    expect((await admin.delete(`/api/agenda/keepers/${keeper.body.id}`)).status).toBe(204);
    expect(
      (
        await staff
          .get('/api/agenda')
          .query({ positionId: sekdaId, from: '2026-12-10', to: '2026-12-10' })
      ).status,
    ).toBe(403);
  });

  it('flags overlapping accepted entries of one position', async () => {
    await registerInvitation({ ...EVENT, date: '2026-12-15', title: 'Rapat A' });
    await registerInvitation({
      ...EVENT,
      date: '2026-12-15',
      startTime: '10:00',
      endTime: '12:00',
      title: 'Rapat B',
    });
    await registerInvitation({
      ...EVENT,
      date: '2026-12-15',
      startTime: '13:00',
      endTime: '14:00',
      title: 'Rapat C',
    });
    const sekda = await loginAs(ctx, 'sekda');
    const query = { positionId: await pos('sekda'), from: '2026-12-15', to: '2026-12-15' };
    const before = (await sekda.get('/api/agenda').query(query)).body.items;
    expect(before.map((i: { clash: boolean }) => i.clash)).toEqual([false, false, false]);
    for (const entry of before)
      expect(
        (await sekda.post(`/api/agenda/${entry.id}/decision`).send({ decision: 'accepted' }))
          .status,
      ).toBe(200);
    const after = (await sekda.get('/api/agenda').query(query)).body.items;
    expect(after.map((i: { title: string; clash: boolean }) => [i.title, i.clash])).toEqual([
      ['Rapat A', true],
      ['Rapat B', true],
      ['Rapat C', false],
    ]);
  });

  it('"Hadiri/Wakili" disposes the letter to the delegate and moves the entry', async () => {
    const letterId = await registerInvitation({
      ...EVENT,
      date: '2026-12-16',
      title: 'Rakor Inflasi',
    });
    const sekda = await loginAs(ctx, 'sekda');
    const sekdaId = await pos('sekda');
    const asisten1Id = await pos('asisten1');
    const day = { from: '2026-12-16', to: '2026-12-16' };
    const [entry] = (await sekda.get('/api/agenda').query({ positionId: sekdaId, ...day })).body
      .items;
    const delegated = await sekda
      .post(`/api/agenda/${entry.id}/delegate`)
      .send({ positionId: asisten1Id });
    expect(delegated.status, JSON.stringify(delegated.body)).toBe(200);
    expect(delegated.body).toMatchObject({
      status: 'delegated',
      delegatedTo: { positionId: asisten1Id },
    });
    const nodes = await DispositionModel.find({ letterId }).lean();
    expect(nodes).toHaveLength(1);
    expect(String(nodes[0]!.toPositionId)).toBe(asisten1Id);
    expect(nodes[0]!.instructions).toEqual(['Hadiri', 'Wakili']);

    const asisten = await loginAs(ctx, 'asisten1');
    const theirs = (await asisten.get('/api/agenda').query({ positionId: asisten1Id, ...day })).body
      .items;
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({
      title: 'Rakor Inflasi',
      letterId,
      status: 'accepted',
      representing: { positionId: sekdaId },
      dispositionId: String(nodes[0]!._id),
    });
    // The letter is attached: the delegate may open it now.
    expect((await asisten.get(`/api/incoming-letters/${letterId}`)).status).toBe(200);
    // Twice is refused.
    expect(
      (await sekda.post(`/api/agenda/${entry.id}/delegate`).send({ positionId: asisten1Id }))
        .status,
    ).toBe(409);

    // The daily PDF of each shows it: the Sekda's "diwakili oleh", Asisten I's own.
    const pdf = await sekda
      .get('/api/agenda/agenda.pdf')
      .query({ positionId: sekdaId, date: '2026-12-16' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const text = pdfStrings(bytes);
    expect(text).toContain('Rakor Inflasi');
    expect(text).toContain('Rabu, 16 Desember 2026');
    expect(text).toContain('Diwakili oleh');
  });

  it('serves a private iCalendar feed that a revoked token no longer opens', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const sekdaId = await pos('sekda');
    await registerInvitation({
      ...EVENT,
      date: '2026-12-17',
      title:
        'Rapat; evaluasi, tahap II — ringkasan \\ catatan yang cukup panjang untuk dilipat pada 75 oktet',
    });
    // The feed shows a month back and half a year ahead of today: today is 7 December 2026.
    const restore = shiftClock(Date.parse('2026-12-07T03:00:00Z') - Date.now());
    onTestFinished(restore);
    const created = await sekda.post('/api/agenda/feeds').send({ positionId: sekdaId });
    expect(created.status).toBe(201);
    const url = created.body.url as string;
    const anonymous = ctx.request();
    const feed = await anonymous
      .get(url)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => cb(null, data));
      });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const events = parseICalendar(feed.body as string);
    const long = events.find((e) => e.SUMMARY!.startsWith('Rapat; evaluasi'));
    expect(long).toMatchObject({ DTSTART: '20261217T020000Z', DTEND: '20261217T040000Z' });
    expect(long!.SUMMARY).toContain('— ringkasan \\ catatan');
    expect(events.some((e) => e.SUMMARY === 'Rakor Inflasi' && e.STATUS === 'CANCELLED')).toBe(
      true,
    );

    expect((await sekda.delete(`/api/agenda/feeds/${created.body.id}`)).status).toBe(204);
    expect((await anonymous.get(url)).status).toBe(404);
    expect((await anonymous.get('/api/agenda/feed/tidak-ada-token-seperti-ini.ics')).status).toBe(
      404,
    );
  });

  it('its feed reads in a real RFC 5545 parser: UTC times, stable UIDs, declined as cancelled', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const sekdaId = await pos('sekda');
    await registerInvitation({ ...EVENT, date: '2026-12-29', title: 'Rakor Umpan A' });
    await registerInvitation({
      ...EVENT,
      date: '2026-12-29',
      startTime: '13:30',
      endTime: undefined,
      timeZone: 'WITA',
      title: 'Rakor Umpan B',
    });
    const b = await AgendaEntryModel.findOne({ title: 'Rakor Umpan B' }).lean();
    const declined = await sekda
      .post(`/api/agenda/${String(b!._id)}/decision`)
      .send({ decision: 'declined' });
    expect(declined.status).toBe(200);
    const restore = shiftClock(Date.parse('2026-12-07T03:00:00Z') - Date.now());
    onTestFinished(restore);
    const created = await sekda.post('/api/agenda/feeds').send({ positionId: sekdaId });
    expect(created.status).toBe(201);
    const fetchFeed = async () => {
      const calendar = await fetchCalendar(ctx, created.body.url as string);
      expect(calendar.name).toBe('vcalendar');
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      // Every time is UTC, so the calendar needs (and has) no VTIMEZONE.
      expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(0);
      return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    };
    const first = await fetchFeed();
    const a = first.find((e) => e.summary === 'Rakor Umpan A')!;
    const bEvent = first.find((e) => e.summary === 'Rakor Umpan B')!;
    // 09.00–11.00 WIB and 13.30 WITA "s.d. selesai" (two hours), in UTC.
    expect(a.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(a.startDate.toJSDate().toISOString()).toBe('2026-12-29T02:00:00.000Z');
    expect(a.endDate.toJSDate().toISOString()).toBe('2026-12-29T04:00:00.000Z');
    expect(bEvent.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(bEvent.startDate.toJSDate().toISOString()).toBe('2026-12-29T05:30:00.000Z');
    expect(bEvent.endDate.toJSDate().toISOString()).toBe('2026-12-29T07:30:00.000Z');
    expect(a.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(bEvent.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(a.location).toBe(EVENT.place);
    // A phone that fetches again updates the same events instead of adding copies.
    const second = await fetchFeed();
    expect(second.map((e) => e.uid).sort()).toEqual(first.map((e) => e.uid).sort());
    expect(new Set(first.map((e) => e.uid)).size).toBe(first.length);
    expect(a.uid).toMatch(/^[0-9a-f]{24}@agenda\.lontar$/);

    expect((await sekda.delete(`/api/agenda/feeds/${created.body.id}`)).status).toBe(204);
    expect((await ctx.request().get(created.body.url as string)).status).toBe(404);
  });

  it('reminds the holder an hour ahead, reading one reminder hour', async () => {
    await registerInvitation({ ...EVENT, date: '2026-12-18', title: 'Upacara' });
    const entry = await AgendaEntryModel.findOne({ title: 'Upacara' }).lean();
    expect(entry!.remindDayKey).toBe('2026-12-18');
    const sent = await runAgendaReminders(new Date('2026-12-18T01:10:00Z'));
    expect(sent).toBeGreaterThan(0);
    const again = await runAgendaReminders(new Date('2026-12-18T01:20:00Z'));
    expect(again).toBe(0);
    const notes = await NotificationModel.find({ kind: 'agenda.reminder' }).lean();
    expect(notes.some((n) => n.title === 'Agenda: Upacara')).toBe(true);
  });
});
