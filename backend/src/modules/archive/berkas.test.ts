import { PDFDocument } from 'pdf-lib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { lettersStartupTask } from '../letters/letters.maintenance.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { archiveStartupTask } from './archive.startup.ts';
import { today } from './dates.ts';
import { keep } from './pdf-text.test-helper.ts';
import { makeArchivist, registerLetters } from './test-fixtures.ts';

const ctx = await createTestContext();
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
await archiveStartupTask(ctx.services);
await makeArchivist('arsiparis-t', 'T');
const arsiparis = await loginAs(ctx, 'arsiparis');
const clerk = await loginAs(ctx, 'agendaris');
const hukumUnit = String((await findUnitByCode('B.HUK'))!._id);
const tuUnit = String((await findUnitByCode('B.UM.1'))!._id);

const binary = (agent: typeof arsiparis, url: string) =>
  agent
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('berkas', () => {
  it('gives consecutive numbers per unit and year, files letters, and refuses a letter filed twice', async () => {
    const [a, b, c] = await registerLetters(clerk, 3, { classificationCode: '000.1.5' });
    const first = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '000.1.5', title: 'Rapat pimpinan triwulan I' });
    const second = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '000.1.5', title: 'Rapat pimpinan triwulan II' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(second.body.number).toBe(first.body.number + 1);
    expect(first.body).toMatchObject({
      status: 'open',
      unitCode: 'B.UM.1',
      itemCount: 0,
      permissions: { file: true, close: true },
    });

    const filed = await arsiparis.post(`/api/archive/berkas/${first.body.id}/items`).send({
      letters: [
        { type: 'incoming', id: a },
        { type: 'incoming', id: b },
      ],
    });
    expect(filed.status).toBe(200);
    expect(filed.body.filed).toHaveLength(2);
    const twice = await arsiparis.post(`/api/archive/berkas/${second.body.id}/items`).send({
      letters: [
        { type: 'incoming', id: a },
        { type: 'incoming', id: c },
      ],
    });
    expect(twice.body.filed.map((f: { id: string }) => f.id)).toEqual([c]);
    expect(twice.body.refused[0].message).toMatch(
      new RegExp(`sudah diberkaskan dalam berkas nomor ${first.body.number}/B.UM.1/`),
    );

    const detail = await arsiparis.get(`/api/archive/berkas/${first.body.id}`);
    expect(detail.body.itemCount).toBe(2);
    expect(detail.body.items).toHaveLength(2);
    expect(detail.body.items[0]).toMatchObject({
      letterType: 'incoming',
      classificationCode: '000.1.5',
      fileCount: 1,
    });
    expect(detail.body.periodStart <= detail.body.periodEnd).toBe(true);
    expect(detail.body.expectedRetention).toMatchObject({
      sourceCode: '000.1.5',
      finalDisposition: 'permanen',
    });
  });

  it('lists letters not yet filed, and a filed one disappears from the list', async () => {
    const [loose] = await registerLetters(clerk, 1, { subject: 'Surat yang belum diberkaskan' });
    const year = new Date().getFullYear();
    const before = await arsiparis.get(
      `/api/archive/unfiled?type=incoming&year=${year}&q=belum diberkaskan`,
    );
    expect(before.body.items.map((i: { id: string }) => i.id)).toContain(loose);
    const berkas = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '400.7', title: 'Lain-lain' });
    await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: loose }] });
    const after = await arsiparis.get(
      `/api/archive/unfiled?type=incoming&year=${year}&q=belum diberkaskan`,
    );
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(loose);
  });

  it('closes only a berkas with letters, never before its last letter or in the future, and then takes no more letters', async () => {
    const empty = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '400.7', title: 'Kosong' });
    const refused = await arsiparis.post(`/api/archive/berkas/${empty.body.id}/close`).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/kosong/);

    const [a, b] = await registerLetters(clerk, 2);
    const berkas = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '400.7', title: 'Kesehatan' });
    await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: a }] });
    const detail = await arsiparis.get(`/api/archive/berkas/${berkas.body.id}`);
    const tooEarly = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/close`)
      .send({ closedOn: '2000-01-01' });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.message).toMatch(/sebelum tanggal surat terakhir/);
    const future = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/close`)
      .send({ closedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    const closed = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/close`)
      .send({ closedOn: detail.body.periodEnd });
    expect(closed.status).toBe(200);
    expect(closed.body.closedOn).toBe(detail.body.periodEnd);
    const more = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: b }] });
    expect(more.status).toBe(409);

    // An archivist may reopen it (the clock stops), then it takes letters again.
    const reopened = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/reopen`)
      .send({ reason: 'Surat susulan' });
    expect(reopened.body).toMatchObject({ status: 'open', activeUntil: null, closedOn: null });
    const again = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: b }] });
    expect(again.body.filed).toHaveLength(1);
    const reclosed = await arsiparis.post(`/api/archive/berkas/${berkas.body.id}/close`).send({});
    expect(reclosed.body.closedOn).toBe(today());
  });

  it('refuses void letters and unknown codes', async () => {
    const [v] = await registerLetters(clerk, 1);
    await clerk.post(`/api/incoming-letters/${v}/void`).send({ reason: 'Salah daftar' });
    const berkas = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '400.7', title: 'Uji' });
    const filed = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: v }] });
    expect(filed.body.refused[0].message).toMatch(/dibatalkan/);
    const unknown = await arsiparis
      .post('/api/archive/berkas')
      .send({ classificationCode: '999.1', title: 'X' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/tidak dikenal/);
  });

  it('prints the daftar isi berkas and the daftar berkas as PDF and .xlsx', async () => {
    const [a] = await registerLetters(clerk, 1, { subject: 'Undangan rapat kerja daerah' });
    const berkas = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '000.1.5', title: 'Rapat kerja daerah' });
    await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: a }] });
    const pdf = await binary(
      arsiparis,
      `/api/archive/berkas/${berkas.body.id}/contents?format=pdf`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await PDFDocument.load(pdf.body as Buffer)).getPageCount()).toBeGreaterThan(0);
    await keep('daftar-isi-berkas.pdf', pdf.body as Buffer);
    await keep(
      'daftar-berkas.pdf',
      (await binary(arsiparis, `/api/archive/berkas/export?format=pdf&unitId=${tuUnit}`))
        .body as Buffer,
    );
    const xlsx = await binary(
      arsiparis,
      `/api/archive/berkas/${berkas.body.id}/contents?format=xlsx`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toBe('DAFTAR ISI BERKAS');
    expect(String(sheet.getRow(5).getCell(6).value)).toBe('Undangan rapat kerja daerah');
    const list = await binary(arsiparis, `/api/archive/berkas/export?format=xlsx&unitId=${tuUnit}`);
    const listBook = new ExcelJS.Workbook();
    await listBook.xlsx.load(list.body as never);
    const titles = listBook.worksheets[0]!.getColumn(5).values.map(String);
    expect(titles).toContain('Rapat kerja daerah');
  });
});

describe('permission matrix', () => {
  it('lets unit staff keep berkas of their own unit only', async () => {
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const own = await kabagtu
      .post('/api/archive/berkas')
      .send({ classificationCode: '000.1', title: 'Berkas Bagian Tata Usaha' });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.unitCode).toBe('B.UM.1');
    const other = await kabagtu
      .post('/api/archive/berkas')
      .send({ unitId: hukumUnit, classificationCode: '000.1', title: 'Bukan unitnya' });
    expect(other.status).toBe(403);

    const hukum = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: hukumUnit, classificationCode: '100.3', title: 'Berkas Biro Hukum' });
    expect((await kabagtu.get(`/api/archive/berkas/${hukum.body.id}`)).status).toBe(403);
    const list = await kabagtu.get('/api/archive/berkas?pageSize=200');
    expect(list.body.items.every((b: { unitCode: string }) => b.unitCode.startsWith('B.UM'))).toBe(
      true,
    );
    const karohukum = await loginAs(ctx, 'karohukum');
    expect((await karohukum.get(`/api/archive/berkas/${hukum.body.id}`)).status).toBe(200);
    // Unit staff neither lend, nor hold, nor propose.
    expect(
      (await kabagtu.post(`/api/archive/berkas/${own.body.id}/hold`).send({ reason: 'x' })).status,
    ).toBe(403);
    expect(
      (
        await kabagtu
          .post('/api/archive/loans')
          .send({ berkasIds: [own.body.id], borrowerName: 'A', purpose: 'B', dueDate: today() })
      ).status,
    ).toBe(403);
    expect(
      (
        await kabagtu
          .post('/api/archive/proposals')
          .send({ kind: 'transfer', berkasIds: [own.body.id] })
      ).status,
    ).toBe(403);
  });

  it('keeps the archive closed to the letter desk and the administrator', async () => {
    for (const username of ['agendaris', 'admin']) {
      const agent = await loginAs(ctx, username);
      expect((await agent.get('/api/archive/berkas')).status, username).toBe(403);
      expect(
        (await agent.post('/api/archive/berkas').send({ classificationCode: '000.1', title: 'x' }))
          .status,
        username,
      ).toBe(403);
      expect((await agent.get('/api/archive/dashboard')).status, username).toBe(403);
    }
  });

  it('limits archivists by clearance: an R berkas is metadata only for a T archivist', async () => {
    const [secret] = await registerLetters(clerk, 1, {
      securityClass: 'R',
      subject: 'Laporan intelijen daerah',
    });
    const berkas = await arsiparis
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '300', title: 'Keamanan daerah (rahasia)' });
    const filed = await arsiparis
      .post(`/api/archive/berkas/${berkas.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: secret }] });
    expect(filed.body.filed).toHaveLength(1);
    const detail = await arsiparis.get(`/api/archive/berkas/${berkas.body.id}`);
    expect(detail.body.securityClass).toBe('R');

    const low = await loginAs(ctx, 'arsiparis-t');
    const seen = await low.get(`/api/archive/berkas/${berkas.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      title: 'RAHASIA',
      readable: false,
      items: [],
      permissions: { edit: false, manage: false },
    });
    expect((await low.post(`/api/archive/berkas/${berkas.body.id}/close`).send({})).status).toBe(
      403,
    );
    expect(
      (await binary(low, `/api/archive/berkas/${berkas.body.id}/contents?format=pdf`)).status,
    ).toBe(403);
    expect(
      (await low.post(`/api/archive/berkas/${berkas.body.id}/hold`).send({ reason: 'x' })).status,
    ).toBe(403);

    // Nor can a T archivist file an R letter into a B berkas of their own.
    const [other] = await registerLetters(clerk, 1, { securityClass: 'R' });
    const open = await low
      .post('/api/archive/berkas')
      .send({ unitId: tuUnit, classificationCode: '300', title: 'Berkas biasa' });
    const refused = await low
      .post(`/api/archive/berkas/${open.body.id}/items`)
      .send({ letters: [{ type: 'incoming', id: other }] });
    expect(refused.body.refused[0].message).toMatch(/tidak berwenang|izin akses/);
  });
});
