import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import * as mupdf from 'mupdf';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { now, shiftClock } from '../../lib/clock.ts';
import { archiveStartupTask } from '../archive/archive.startup.ts';
import {
  disposeAs,
  dispositionTestContext,
  loginAs,
  pos,
  registerLetter,
  reportAs,
} from '../dispositions/test-support.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { UserModel } from '../org/org.model.ts';
import { OutgoingLetterModel } from '../outgoing/outgoing.model.ts';
import { guessSenderCategory } from '../letters/sender-category.ts';
import { topCodeOf } from './reports.letters.ts';

const ctx = await dispositionTestContext();
await archiveStartupTask(ctx.services);
const unitId = async (code: string) => String((await findUnitByCode(code))!._id);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Moves the clock to a Jakarta instant (the known month is November 2026). */
function at(iso: string): () => void {
  return shiftClock(new Date(iso).getTime() - now().getTime());
}

type Row = { unitId: string; name: string; [k: string]: unknown };
const rowOf = (rows: Row[], id: string) => rows.find((r) => r.unitId === id);
const count = (tallies: Array<{ key: string; count: number }>, key: string) =>
  tallies.find((t) => t.key === key)?.count ?? 0;

let restore: () => void = () => undefined;
const SECRET = 'Penyelidikan internal laporan uji rahasia';

beforeAll(async () => {
  const sekdaPosition = await pos('sekda');
  // 10 November 2026, 09:00 WIB: the month's letters arrive and are disposed.
  restore = at('2026-11-10T09:00:00+07:00');
  const sekda = await loginAs(ctx, 'sekda');
  // The clerk's stored category is counted, not the name's guess (this name reads 'ormas').
  const l1 = await registerLetter(ctx, {
    receivedDate: '2026-11-10',
    classificationCode: '000.1.5',
    senderName: 'Forum Uji Laporan Bulanan',
    senderCategory: 'dprd',
    channel: 'email',
  });
  const l2 = await registerLetter(ctx, {
    receivedDate: '2026-11-10',
    senderName: 'Kementerian Dalam Negeri Republik Indonesia',
    classificationCode: '100.2',
    channel: 'pos',
  });
  const l3 = await registerLetter(ctx, {
    receivedDate: '2026-11-09',
    securityClass: 'R',
    subject: SECRET,
  });
  const l4 = await registerLetter(ctx, { receivedDate: '2026-11-01', urgency: 'biasa' });
  // To the Biro Umum: counted in the Asisten III row.
  await registerLetter(ctx, {
    receivedDate: '2026-11-10',
    addresseePositionId: await pos('karoumum'),
    senderName: 'PT Pos Indonesia',
  });
  // Received in October: not this month's.
  await registerLetter(ctx, { receivedDate: '2026-10-30' });

  const d1 = await disposeAs(sekda, l1, [{ key: 'asisten3' }], { dueDate: '2026-11-13' });
  const d2 = await disposeAs(sekda, l2, [{ key: 'asisten1' }], { dueDate: '2026-11-11' });
  await disposeAs(sekda, l3, [{ key: 'asisten3' }], { dueDate: '2026-11-12' });
  await disposeAs(sekda, l4, [{ key: 'asisten2' }], { dueDate: '2026-11-30' });

  // Asisten III follows up two hours later and finishes on time.
  shiftClock(2 * HOUR);
  const asisten3 = await loginAs(ctx, 'asisten3');
  expect(
    (await reportAs(asisten3, d1.asisten3!.id, { text: 'Sudah ditindaklanjuti.' })).status,
  ).toBe(201);
  expect((await asisten3.post(`/api/dispositions/${d1.asisten3!.id}/complete`)).status).toBe(200);
  // Asisten I two days later, after the deadline day: finished late.
  shiftClock(2 * DAY - 2 * HOUR);
  const asisten1 = await loginAs(ctx, 'asisten1');
  expect((await reportAs(asisten1, d2.asisten1!.id, { text: 'Selesai terlambat.' })).status).toBe(
    201,
  );
  expect((await asisten1.post(`/api/dispositions/${d2.asisten1!.id}/complete`)).status).toBe(200);

  // One outgoing letter signed this month, drafted in the Biro Umum, sent by courier.
  const drafter = (await UserModel.findOne({ username: 'staftu' }).lean())!;
  await OutgoingLetterModel.create({
    code: 'RPTUJI01',
    kind: 'surat_dinas',
    status: 'sent',
    securityClass: 'B',
    classificationCode: '000.1.5',
    subject: 'Surat keluar laporan uji',
    drafter: {
      userId: drafter._id,
      name: drafter.name,
      positionId: await pos('karoumum'),
      positionTitle: 'Kepala Biro Umum',
      unitId: await unitId('B.UM'),
    },
    signer: { positionId: sekdaPosition, title: 'Sekretaris Daerah' },
    signedAt: now(),
    sentAt: now(),
    recipients: [
      { type: 'external', label: 'Bupati Lampung Selatan' },
      { type: 'external', label: 'Wali Kota Metro' },
      { type: 'external', label: 'PT Uji Laporan' },
    ],
    dispatches: [
      { type: 'external', label: 'Bupati', method: 'kurir', sentAt: now() },
      { type: 'external', label: 'Wali Kota', method: 'kurir', sentAt: now() },
    ],
    createdByUserId: drafter._id,
  });

  // Archive: a berkas of the Bagian Tata Usaha gets two letters.
  const arsiparis = await loginAs(ctx, 'arsiparis');
  const berkas = await arsiparis
    .post('/api/archive/berkas')
    .send({ unitId: await unitId('B.UM.1'), classificationCode: '000.1.5', title: 'Laporan uji' });
  expect(berkas.status, JSON.stringify(berkas.body)).toBe(201);
  const filed = await arsiparis.post(`/api/archive/berkas/${berkas.body.id}/items`).send({
    letters: [
      { type: 'incoming', id: l1 },
      { type: 'incoming', id: l2 },
    ],
  });
  expect(filed.status, JSON.stringify(filed.body)).toBeLessThan(300);

  // The report is read on 20 November: the R letter's item (due the 12th) is overdue.
  restore();
  restore = at('2026-11-20T10:00:00+07:00');
});

afterAll(() => restore());

describe('monthly report', () => {
  it('counts a known month exactly and agrees with the monitoring screen', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const response = await sekda.get('/api/reports/monthly').query({ year: 2026, month: 11 });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const report = response.body;
    expect(report.unit.code).toBe('SETDA');
    expect(report.period).toMatchObject({ kind: 'month', label: 'November 2026' });

    // Letters: five received in November (not the October one), one sent.
    expect(report.letters.received).toBe(5);
    expect(report.letters.sent).toBe(1);
    expect(count(report.letters.incoming.byRegister, 'SETDA')).toBe(5);
    expect(count(report.letters.incoming.bySecurityClass, 'R')).toBe(1);
    expect(count(report.letters.incoming.bySecurityClass, 'B')).toBe(4);
    // Asal pengirim and saluran as registered (issue 17): the stored values are counted.
    const bySender = report.letters.incoming.bySenderCategory;
    expect(count(bySender, 'dprd')).toBe(1);
    expect(count(bySender, 'ormas')).toBe(0);
    expect(count(bySender, 'kementerian-lembaga')).toBe(1);
    expect(count(bySender, 'perangkat-daerah')).toBe(2);
    expect(count(bySender, 'bumn-bumd')).toBe(1);
    expect(bySender.find((t: { key: string }) => t.key === 'dprd').label).toBe('DPRD');
    const byChannel = report.letters.incoming.byChannel;
    expect(count(byChannel, 'email')).toBe(1);
    expect(count(byChannel, 'pos')).toBe(1);
    expect(count(byChannel, 'tidak-tercatat')).toBe(3);
    expect(byChannel.find((t: { key: string }) => t.key === 'tidak-tercatat').label).toBe(
      'Tidak tercatat',
    );
    // Sent: by the recipients' category, once per kind (two regencies/cities, one company).
    expect(count(report.letters.outgoing.byRecipientCategory, 'pemkab-pemkot')).toBe(1);
    expect(count(report.letters.outgoing.byRecipientCategory, 'swasta')).toBe(1);
    expect(report.charts.some((c: { id: string }) => c.id === 'incoming-by-channel')).toBe(true);
    expect(count(report.letters.incoming.byClassification, '000')).toBe(1);
    expect(count(report.letters.incoming.byClassification, '100')).toBe(1);
    expect(count(report.letters.incoming.byClassification, '400')).toBe(3);
    expect(count(report.letters.outgoing.byChannel, 'kurir')).toBe(1);
    const ass3 = await unitId('ASS.III');
    const setda = await unitId('SETDA');
    expect(rowOf(report.letters.byUnit, setda)).toMatchObject({ received: 4, sent: 0 });
    expect(rowOf(report.letters.byUnit, ass3)).toMatchObject({ received: 1, sent: 1 });

    // Follow-up: on time, late, overdue, open.
    expect(report.followUp.totals).toMatchObject({
      received: 4,
      doneOnTime: 1,
      doneLate: 1,
      openOverdue: 1,
      openOnTrack: 1,
      withdrawn: 0,
      followedUp: 2,
    });
    // Median of 2 hours and 48 hours: 25 hours, about one day.
    expect(report.followUp.totals.medianFollowUpDays).toBe(1);
    expect(rowOf(report.followUp.rows, ass3)).toMatchObject({
      received: 2,
      doneOnTime: 1,
      openOverdue: 1,
      medianFollowUpDays: 0.1,
    });
    expect(rowOf(report.followUp.rows, await unitId('ASS.I'))).toMatchObject({ doneLate: 1 });
    expect(rowOf(report.followUp.rows, await unitId('ASS.II'))).toMatchObject({ openOnTrack: 1 });

    // The monitoring screen, asked directly, shows the same open and overdue items.
    const monitoring = (await sekda.get('/api/monitoring')).body;
    expect(report.monitoring.open).toBe(monitoring.totals.open);
    expect(report.monitoring.overdue).toBe(monitoring.totals.overdue);
    expect(report.monitoring.medianFollowUpHours).toBe(monitoring.totals.medianFollowUpHours);
    // Every node of this database was sent in November: the month's open ones are the
    // monitoring's, unit by unit.
    expect(monitoring.totals.open).toBe(
      report.followUp.totals.openOverdue + report.followUp.totals.openOnTrack,
    );
    expect(monitoring.totals.overdue).toBe(report.followUp.totals.openOverdue);
    for (const row of monitoring.rows.filter((r: { self: boolean }) => !r.self)) {
      const mine = rowOf(report.followUp.rows, row.unitId) as
        { openOverdue: number; openOnTrack: number } | undefined;
      expect(mine, row.name).toBeDefined();
      expect(mine!.openOverdue + mine!.openOnTrack, row.name).toBe(row.open);
      expect(mine!.openOverdue, row.name).toBe(row.overdue);
    }

    // Archive activity: one berkas, two letters filed.
    const archive = Object.fromEntries(
      report.archive.map((a: { key: string; count: number }) => [a.key, a.count]),
    );
    expect(archive).toMatchObject({ berkasCreated: 1, lettersFiled: 2, loans: 0, destroyed: 0 });

    // No meeting was held in this database's November.
    expect(report.meetings).toMatchObject({ available: true, held: 0, decisions: { total: 0 } });

    // Charts: the same figures in the options the screen and the PDF draw.
    const chart = report.charts.find((c: { id: string }) => c.id === 'follow-up-by-unit');
    const series = chart.option.series as Array<{ data: Array<number | { value: number }> }>;
    const sum = (data: Array<number | { value: number }>) =>
      data.reduce<number>((a, d) => a + (typeof d === 'number' ? d : d.value), 0);
    expect(series.map((s) => sum(s.data))).toEqual([1, 1, 1, 1]);

    // R/SR letters are counted, never named.
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('gives a unit head the subtree only, and refuses what lies outside it', async () => {
    const asisten3 = await loginAs(ctx, 'asisten3');
    const own = await asisten3.get('/api/reports/monthly').query({ year: 2026, month: 11 });
    expect(own.status).toBe(200);
    expect(own.body.unit.code).toBe('ASS.III');
    expect(own.body.letters).toMatchObject({ received: 1, sent: 1 });
    expect(own.body.followUp.totals).toMatchObject({ received: 2, doneOnTime: 1, openOverdue: 1 });
    expect(own.body.units.map((u: { code: string }) => u.code)).toContain('B.UM');
    expect(own.body.units.map((u: { code: string }) => u.code)).not.toContain('ASS.I');
    const outside = await asisten3
      .get('/api/reports/monthly')
      .query({ year: 2026, month: 11, unitId: await unitId('ASS.I') });
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toMatch(/di luar lingkup/);
    expect(
      (
        await (
          await loginAs(ctx, 'agendaris')
        )
          .get('/api/reports/monthly')
          .query({ year: 2026, month: 11 })
      ).status,
    ).toBe(403);
    const bad = await asisten3.get('/api/reports/monthly').query({ year: 2026, month: 13 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toMatch(/Bulan harus 1 sampai 12/);
    // The yearly report holds the month.
    const year = await asisten3.get('/api/reports/yearly').query({ year: 2026 });
    expect(year.status).toBe(200);
    expect(year.body.period.label).toBe('Tahun 2026');
    expect(year.body.followUp.totals.received).toBe(2);
  });

  it('prints the figures into a PDF with its charts', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const response = await sekda
      .get('/api/reports/monthly.pdf')
      .query({ year: 2026, month: 11 })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const doc = mupdf.Document.openDocument(response.body as Buffer, 'application/pdf');
    let text = '';
    for (let i = 0; i < doc.countPages(); i++)
      text += `${doc.loadPage(i).toStructuredText('preserve-whitespace').asText()}\n`;
    text = text.replace(/\s+/g, ' ');
    // REPORT_OUT=<dir> keeps the documents to look at (pdftoppm, unzip).
    if (process.env.REPORT_OUT)
      writeFileSync(`${process.env.REPORT_OUT}/laporan.pdf`, response.body as Buffer);
    // The charts are embedded as images (PNG rendered from the ECharts options).
    const parsed = await PDFDocument.load(response.body as Buffer);
    const images = parsed.context
      .enumerateIndirectObjects()
      .filter(
        ([, object]) =>
          object instanceof PDFRawStream &&
          object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
      ).length;
    expect(text).toContain('LAPORAN BULANAN PERSURATAN DAN TINDAK LANJUT');
    expect(text).toContain('SEKRETARIAT DAERAH');
    expect(text).toContain('November 2026');
    expect(text).toMatch(/menerima 5 surat dan mengirim 1 surat/);
    expect(text).toMatch(/1 selesai tepat waktu, 1 selesai terlambat/);
    expect(text).toContain(`Halaman 1 dari ${doc.countPages()}`);
    expect(text).not.toContain(SECRET);
    expect(images).toBeGreaterThanOrEqual(4);
  });

  it('exports one XLSX sheet per section with numbers as numbers', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const response = await sekda
      .get('/api/reports/monthly.xlsx')
      .query({ year: 2026, month: 11 })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    if (process.env.REPORT_OUT)
      writeFileSync(`${process.env.REPORT_OUT}/laporan.xlsx`, response.body as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Surat masuk',
      'Surat keluar',
      'Per unit',
      'Tindak lanjut',
      'Pemantauan',
      'Rapat',
      'Kearsipan',
    ]);
    const summary = book.getWorksheet('Ringkasan')!;
    const value = (label: string) => {
      let found: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(value('Surat masuk')).toBe(5);
    expect(value('Selesai tepat waktu')).toBe(1);
    expect(value('Awal periode')).toBeInstanceOf(Date);
    const follow = book.getWorksheet('Tindak lanjut')!;
    expect(follow.getRow(4).getCell(3).value).toBe('Selesai tepat waktu');
    let total: unknown[] = [];
    follow.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('Jumlah'))
        total = [2, 3, 4, 5].map((c) => row.getCell(c).value);
    });
    expect(total).toEqual([4, 1, 1, 1]);
  });
});

describe('report helpers', () => {
  it('guesses the sender category from the letterhead name; reads the top classification code', () => {
    const guesses: Array<[string, string]> = [
      ['Kementerian Keuangan', 'kementerian-lembaga'],
      ['Badan Pertanahan Nasional', 'kementerian-lembaga'],
      ['Kantor Wilayah Badan Pertanahan Nasional Provinsi Lampung', 'instansi-vertikal'],
      ['Kepolisian Daerah Lampung', 'instansi-vertikal'],
      ['Pemerintah Kabupaten Lampung Selatan', 'pemkab-pemkot'],
      ['Dinas Kesehatan Kota Metro', 'pemkab-pemkot'],
      ['Pemerintah Provinsi Sumatera Selatan', 'pemprov-lain'],
      ['Dinas Pendidikan Provinsi Lampung', 'perangkat-daerah'],
      ['Sekretariat DPRD Provinsi Lampung', 'dprd'],
      ['PT Bank Lampung', 'bumn-bumd'],
      ['PT Maju Jaya', 'swasta'],
      ['Universitas Lampung', 'swasta'],
      ['Yayasan Peduli Anak', 'ormas'],
      ['Bapak Ahmad Yani', 'perorangan'],
      ['Ahmad Yani', 'lainnya'],
    ];
    for (const [name, category] of guesses)
      expect([name, guessSenderCategory(name)]).toEqual([name, category]);
    expect(guessSenderCategory('Biro Umum', 'Naskah dinas internal dari Lontar; kode')).toBe(
      'perangkat-daerah',
    );
    expect(topCodeOf('000.1.5')).toBe('000');
    expect(topCodeOf('KP.07.6')).toBe('KP');
  });
});
