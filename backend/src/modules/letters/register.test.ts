import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { letterData, postLetter, scanJpeg, scanPdf } from './letters.fixtures.ts';
import { lettersStartupTask } from './letters.maintenance.ts';

const ctx = await createTestContext({ LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
const clerk = await loginAs(ctx, 'agendaris');

const seeds = [
  {
    senderName: 'Dinas Kesehatan Provinsi Lampung',
    classificationCode: '400.7',
    urgency: 'segera',
    receivedDate: '2026-01-10',
    letterDate: '2026-01-08',
    subject: 'Vaksinasi massal',
  },
  {
    senderName: 'Dinas Pendidikan dan Kebudayaan',
    classificationCode: '400.3',
    urgency: 'biasa',
    receivedDate: '2026-01-20',
    letterDate: '2026-01-15',
    subject: 'Beasiswa daerah',
  },
  {
    senderName: 'BKD Kabupaten Pesawaran',
    classificationCode: '800.1',
    urgency: 'sangat_segera',
    receivedDate: '2026-02-03',
    letterDate: '2026-02-01',
    subject: 'Mutasi pegawai',
  },
  {
    senderName: 'Dinas Kesehatan Provinsi Lampung',
    classificationCode: '400.14',
    urgency: 'biasa',
    receivedDate: '2026-02-14',
    letterDate: '2026-02-10',
    subject: 'Siaran pers kesehatan',
  },
];
const ids: string[] = [];
for (const [i, seed] of seeds.entries()) {
  const file =
    i === 0
      ? { body: await scanPdf('Surat PDF', 2), name: 'surat.pdf' }
      : { body: await scanJpeg(`surat ${i}`), name: `surat-${i}.jpg` };
  const response = await postLetter(clerk, letterData(seed), [file]);
  expect(response.status).toBe(201);
  ids.push(response.body.id);
}

const idsOf = (body: { items: Array<{ id: string }> }) => body.items.map((i) => i.id);

describe('GET /api/incoming-letters (buku agenda)', () => {
  it('pages on the server and reports the total', async () => {
    const page1 = await clerk
      .get('/api/incoming-letters')
      .query({ pageSize: 3, page: 1, sort: 'agenda', order: 'asc' });
    expect(page1.body.total).toBe(4);
    expect(page1.body.items.map((i: { agendaNumber: number }) => i.agendaNumber)).toEqual([
      1, 2, 3,
    ]);
    const page2 = await clerk
      .get('/api/incoming-letters')
      .query({ pageSize: 3, page: 2, sort: 'agenda', order: 'asc' });
    expect(page2.body.items.map((i: { agendaNumber: number }) => i.agendaNumber)).toEqual([4]);
  });

  it('filters by date range, sender, classification prefix, urgency and text', async () => {
    expect(
      idsOf(
        (
          await clerk
            .get('/api/incoming-letters')
            .query({ from: '2026-01-15', to: '2026-02-05', order: 'asc' })
        ).body,
      ),
    ).toEqual([ids[1], ids[2]]);
    expect(
      idsOf(
        (
          await clerk
            .get('/api/incoming-letters')
            .query({ sender: 'dinas kesehatan', order: 'asc' })
        ).body,
      ),
    ).toEqual([ids[0], ids[3]]);
    expect(
      idsOf(
        (await clerk.get('/api/incoming-letters').query({ classification: '400', order: 'asc' }))
          .body,
      ),
    ).toEqual([ids[0], ids[1], ids[3]]);
    expect(
      idsOf(
        (await clerk.get('/api/incoming-letters').query({ classification: '400.1', order: 'asc' }))
          .body,
      ),
    ).toEqual([]);
    expect(
      idsOf(
        (await clerk.get('/api/incoming-letters').query({ classification: '400.14', order: 'asc' }))
          .body,
      ),
    ).toEqual([ids[3]]);
    expect(
      idsOf(
        (
          await clerk
            .get('/api/incoming-letters')
            .query({ urgency: 'segera,sangat_segera', order: 'asc' })
        ).body,
      ),
    ).toEqual([ids[0], ids[2]]);
    expect(idsOf((await clerk.get('/api/incoming-letters').query({ q: 'beasiswa' })).body)).toEqual(
      [ids[1]],
    );
    expect((await clerk.get('/api/incoming-letters').query({ from: '2026-13-01' })).status).toBe(
      400,
    );
  });

  it('puts the letter in the addressee inbox as unread until read', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const inbox = await sekda.get('/api/incoming-letters').query({ box: 'inbox', unread: 'true' });
    expect(inbox.body.total).toBe(4);
    expect(inbox.body.items.every((i: { unread: boolean }) => i.unread)).toBe(true);
    expect((await sekda.post(`/api/incoming-letters/${ids[0]}/read`)).status).toBe(204);
    const after = await sekda.get('/api/incoming-letters').query({ box: 'inbox', unread: 'true' });
    expect(after.body.total).toBe(3);
  });

  it('suggests past senders from the address book', async () => {
    const found = await clerk.get('/api/incoming-senders').query({ q: 'kesehatan' });
    expect(found.body.items[0]).toEqual({ name: 'Dinas Kesehatan Provinsi Lampung', useCount: 2 });
  });

  it('queues OCR for every registered file', async () => {
    const { JobModel } = await import('../jobs/job.model.ts');
    const files = await StoredFileModel.find({}).lean();
    const jobs = await JobModel.find({ type: 'ocr' }).lean();
    expect(jobs.map((j) => j.dedupeKey).sort()).toEqual(
      files.map((f) => `ocr:${String(f._id)}`).sort(),
    );
  });
});

describe('exports of the register', () => {
  it('writes CSV with a header and one row per letter in agenda order', async () => {
    const response = await clerk
      .get('/api/incoming-letters/export')
      .query({ format: 'csv' })
      .buffer(true);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^No\. Agenda,Tanggal Terima,Pengirim/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^1,10 Januari 2026,Dinas Kesehatan Provinsi Lampung/);
  });

  it('writes .xlsx that a spreadsheet reader opens', async () => {
    const response = await clerk
      .get('/api/incoming-letters/export')
      .query({ format: 'xlsx', month: '2026-02' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const sheet = workbook.getWorksheet('Buku Agenda')!;
    expect(sheet.getRow(2).getCell(1).value).toMatch(/Bulan Februari 2026/);
    expect(sheet.getRow(5).getCell(1).value).toBe(3);
    expect(sheet.getRow(6).getCell(1).value).toBe(4);
    expect(sheet.getRow(7).getCell(1).value).toBeNull();
  });

  it('writes a landscape A4 register PDF, monthly or yearly', async () => {
    const response = await clerk
      .get('/api/incoming-letters/export')
      .query({ format: 'pdf', year: new Date().getFullYear() })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    const pdf = await PDFDocument.load(response.body as Buffer);
    const page = pdf.getPage(0);
    expect(page.getWidth()).toBeGreaterThan(page.getHeight());
  });

  it('is not available to pejabat', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    expect((await sekda.get('/api/incoming-letters/export').query({ format: 'csv' })).status).toBe(
      403,
    );
  });
});

describe('printing', () => {
  const pdfOf = (path: string) =>
    clerk
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('prints a receipt and a stamped first page, leaving the original untouched', async () => {
    const receipt = await pdfOf(`/api/incoming-letters/${ids[0]}/receipt.pdf`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect((await PDFDocument.load(receipt.body as Buffer)).getPageCount()).toBe(1);

    const file = await StoredFileModel.findOne({ ownerId: ids[0] }).lean();
    const before = await fileStorage(ctx.config).getBuffer(file!.key);
    const stamped = await pdfOf(`/api/incoming-letters/${ids[0]}/stamped.pdf`);
    expect(stamped.status).toBe(200);
    expect((await PDFDocument.load(stamped.body as Buffer)).getPageCount()).toBe(1);
    const after = await fileStorage(ctx.config).getBuffer(file!.key);
    expect(after.equals(before)).toBe(true);

    const fromJpeg = await pdfOf(`/api/incoming-letters/${ids[1]}/stamped.pdf`);
    expect(fromJpeg.status).toBe(200);
  });

  it('renders pages of a stored file for the viewer', async () => {
    const file = await StoredFileModel.findOne({ ownerId: ids[0] }).lean();
    const page = await clerk.get(`/api/files/${String(file!._id)}/pages/2`).query({ width: 300 });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('image/png');
    expect(page.headers['x-page-count']).toBe('2');
    expect((await clerk.get(`/api/files/${String(file!._id)}/pages/3`)).status).toBe(404);
  });
});

describe('classification picker', () => {
  it('finds codes by prefix and by words of the description', async () => {
    const byCode = await clerk.get('/api/classification-codes').query({ q: '000.5' });
    expect(byCode.body.items.map((c: { code: string }) => c.code)).toEqual(['000.5', '000.5.3.1']);
    const byWords = await clerk.get('/api/classification-codes').query({ q: 'buku agenda' });
    expect(byWords.body.items[0]).toMatchObject({ code: '000.5.3.1', title: 'Buku agenda' });
    const legacy = await clerk.get('/api/classification-codes').query({ q: '090' });
    expect(legacy.body.items[0]).toMatchObject({
      code: '090',
      scheme: 'legacy',
      mapsTo: ['800.1.11.1', '000.1'],
    });
  });
});
