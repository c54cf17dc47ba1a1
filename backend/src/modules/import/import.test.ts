import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { actorFor, loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { scanPdf, scanPng } from '../letters/letters.fixtures.ts';
import { lettersStartupTask } from '../letters/letters.maintenance.ts';
import { processFile } from '../ocr/processor.ts';
import { startSearchIndex, stopSearchIndex } from '../search/runtime.ts';
import { ImportBatchModel, ImportedLetterModel, ImportRowModel } from './import.model.ts';
import { publishImportedText } from './import-text.ts';
import { pauseBatch, startBatch } from './import.service.ts';
import { processBatch } from './runner.ts';
import { backfillRowBuckets } from './rows.backfill.ts';
import { buildZip, csv, deflatedZeros, HEADER } from './zip-fixture.ts';

const ctx = await createTestContext();
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
await startSearchIndex(ctx.services);
afterAll(() => stopSearchIndex());
const storage = fileStorage(ctx.config);
const arsiparis = await loginAs(ctx, 'arsiparis');

async function upload(zip: Buffer, name = 'Uji impor', manifest?: Buffer) {
  let request = arsiparis
    .post('/api/imports')
    .field('name', name)
    .attach('archive', zip, { filename: 'arsip.zip', contentType: 'application/zip' });
  if (manifest)
    request = request.attach('manifest', manifest, {
      filename: 'manifest.csv',
      contentType: 'text/csv',
    });
  return request;
}

async function settled(id: string, statuses = ['validated', 'failed', 'done', 'paused']) {
  for (let i = 0; i < 300; i++) {
    const batch = await arsiparis.get(`/api/imports/${id}`);
    if (statuses.includes(batch.body.status) && !batch.body.working) return batch.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`batch ${id} did not settle`);
}

/** A scan and its record under an imported letter's id, as a run cut off mid-letter leaves
 * them; returns the object's key. */
async function strayScan(letterId: mongoose.Types.ObjectId, fileId: string): Promise<string> {
  const key = `imports/1987/${String(letterId)}/${fileId}/original.pdf`;
  await storage.putBuffer(key, await scanPdf(`stray ${fileId}`, 1), 'application/pdf');
  await StoredFileModel.create({
    _id: fileId,
    ownerType: 'import',
    ownerId: letterId,
    name: 'stray.pdf',
    size: 10,
    mimeType: 'application/pdf',
    sha256: 'x',
    key,
  });
  return key;
}

/** Five good letters (two of them on the old scheme's codes), a file nobody names, and
 * rows with every kind of problem. */
async function sampleZip(tag: string) {
  const files: Array<{ name: string; data?: Buffer }> = [
    {
      name: `1987/${tag}-001.pdf`,
      data: await scanPdf(`Surat lama ${tag} tentang pembangunan bendungan Way Sekampung`, 1),
    },
    { name: `1987/${tag}-002.png`, data: await scanPng(`Undangan ${tag}`) },
    { name: `1987/${tag}-003a.pdf`, data: await scanPdf(`Perjalanan dinas ${tag}`, 2) },
    { name: `1987/${tag}-003b.pdf`, data: await scanPdf(`Lampiran ${tag}`, 1) },
    { name: `1988/${tag}-004.pdf`, data: await scanPdf(`Kepegawaian ${tag}`, 1) },
    { name: `1988/${tag}-005.pdf`, data: await scanPdf(`Rahasia ${tag}`, 1) },
    { name: `1988/${tag}-catatan.txt`, data: Buffer.from('bukan pindaian') },
  ];
  const rows = [
    HEADER,
    [
      'masuk',
      `005/1/${tag}/1987`,
      '1987-03-05',
      'Dinas Pekerjaan Umum',
      '',
      `Pembangunan bendungan ${tag}`,
      '005',
      'B',
      '12',
      'B.UM',
      `1987/${tag}-001.pdf`,
    ],
    [
      'masuk',
      `005/2/${tag}/1987`,
      '06/03/1987',
      'Bupati Lampung Selatan',
      '',
      `Undangan peresmian ${tag}`,
      '005',
      'B',
      '13',
      '',
      `1987/${tag}-002.png`,
    ],
    [
      'keluar',
      `090/3/${tag}/1987`,
      '1987-04-01',
      '',
      'Menteri Dalam Negeri',
      `Laporan perjalanan dinas ${tag}`,
      '090',
      'T',
      '',
      'B.UM',
      `1987/${tag}-003a.pdf; 1987/${tag}-003b.pdf`,
    ],
    [
      'masuk',
      `821.2/4/${tag}/1988`,
      '1988-01-10',
      'Badan Kepegawaian',
      '',
      `Kenaikan pangkat ${tag}`,
      '821.2',
      'B',
      '',
      '',
      `1988/${tag}-004.pdf`,
    ],
    [
      'masuk',
      `300/5/${tag}/1988`,
      '1988-02-11',
      'Kodam II/Sriwijaya',
      '',
      `Situasi keamanan ${tag}`,
      '300',
      'R',
      '',
      '',
      `1988/${tag}-005.pdf`,
    ],
    [
      'masuk',
      `x/6/${tag}`,
      '1988-13-40',
      'Pengirim',
      '',
      `Tanggal salah ${tag}`,
      '005',
      'B',
      '',
      '',
      `1987/${tag}-001.pdf`,
    ],
    [
      'masuk',
      `x/7/${tag}`,
      '1988-02-01',
      'Pengirim',
      '',
      `Kode salah ${tag}`,
      '999.9',
      'B',
      '',
      '',
      `1988/${tag}-hilang.pdf`,
    ],
    [
      'masuk',
      `x/8/${tag}`,
      '1988-02-01',
      'Pengirim',
      '',
      `Path traversal ${tag}`,
      '005',
      'B',
      '',
      '',
      '../../etc/passwd',
    ],
    [
      'masuk',
      `x/9/${tag}`,
      '1988-02-01',
      'Pengirim',
      '',
      `Bukan pindaian ${tag}`,
      '005',
      'X',
      '',
      '',
      `1988/${tag}-catatan.txt`,
    ],
  ];
  return buildZip([...files, { name: 'manifest.csv', data: csv(rows) }]);
}

describe('bulk import of old scans', () => {
  let batchId = '';

  it('refuses anyone but archivists', async () => {
    for (const username of ['kabagtu', 'agendaris']) {
      const agent = await loginAs(ctx, username);
      const response = await agent
        .post('/api/imports')
        .attach('archive', buildZip([{ name: 'a.txt', data: Buffer.from('x') }]), 'a.zip');
      expect(response.status, username).toBe(403);
    }
  });

  it('dry-runs a zip and reports every problem with its row and column', async () => {
    const response = await upload(await sampleZip('A'));
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    batchId = response.body.id;
    const batch = await settled(batchId);
    expect(batch).toMatchObject({
      status: 'validated',
      totalRows: 9,
      validRows: 5,
      invalidRows: 4,
    });
    const rows = await arsiparis.get(`/api/imports/${batchId}/rows?problems=true`);
    const messages = rows.body.items.map(
      (r: { row: number; problems: Array<{ column: string; message: string }> }) =>
        `${r.row}:${r.problems.map((p) => `${p.column}=${p.message}`).join('|')}`,
    );
    expect(messages.find((m: string) => m.startsWith('6:'))).toMatch(
      /tanggal_surat=Tanggal "1988-13-40" tidak valid/,
    );
    expect(messages.find((m: string) => m.startsWith('6:'))).toMatch(/sudah dipakai oleh baris 1/);
    expect(messages.find((m: string) => m.startsWith('7:'))).toMatch(/999\.9" tidak dikenal/);
    expect(messages.find((m: string) => m.startsWith('7:'))).toMatch(
      /hilang\.pdf" tidak ditemukan/,
    );
    expect(messages.find((m: string) => m.startsWith('8:'))).toMatch(/tidak aman \(path traversal/);
    expect(messages.find((m: string) => m.startsWith('9:'))).toMatch(
      /bukan PDF, JPEG, PNG, atau TIFF/,
    );
    expect(messages.find((m: string) => m.startsWith('9:'))).toMatch(/klasifikasi_keamanan/);
    // Every row, a page at a time by row number; the problem rows a page at a time too.
    const rowNumbers = async (query: string) => {
      const page = await arsiparis.get(`/api/imports/${batchId}/rows?${query}`);
      return { rows: page.body.items.map((r: { row: number }) => r.row), total: page.body.total };
    };
    expect(await rowNumbers('page=2&pageSize=4')).toEqual({ rows: [5, 6, 7, 8], total: 9 });
    expect(await rowNumbers('page=3&pageSize=4')).toEqual({ rows: [9], total: 9 });
    expect(await rowNumbers('problems=true&page=2&pageSize=2')).toEqual({ rows: [8, 9], total: 4 });
    const report = await arsiparis.get(`/api/imports/${batchId}/report.csv`);
    expect(report.text.split('\n').length).toBeGreaterThan(6);
    expect(await ImportedLetterModel.countDocuments({})).toBe(0);
  });

  it('imports only after being told to skip the bad rows, resumes after a stop, and imports nothing twice', async () => {
    expect((await arsiparis.post(`/api/imports/${batchId}/start`).send({})).status).toBe(409);
    const actor = await actorFor('arsiparis');
    await startBatch(actor, batchId, true);
    // The process stops after two letters (as if it had died)...
    await processBatch(ctx.services, batchId, { stopAfterRows: 2 });
    let batch = (await arsiparis.get(`/api/imports/${batchId}`)).body;
    expect(batch).toMatchObject({ status: 'importing', imported: 2 });
    // Rows stored by an older version have no bucket: the start-up backfill gives them one
    // (without it the run, which reads its next rows by bucket, would find none).
    const rowCount = await ImportRowModel.countDocuments({ batchId });
    await ImportRowModel.updateMany({ batchId }, { $unset: { rowBucket: 1 } });
    expect((await backfillRowBuckets({ force: true })).updated).toBeGreaterThanOrEqual(rowCount);
    expect((await backfillRowBuckets({ force: true })).updated).toBe(0);
    // Imported rows are shown as such (they are not marked one by one: `importedThrough`).
    const importedRows = await arsiparis.get(`/api/imports/${batchId}/rows?status=imported`);
    expect(importedRows.body.total).toBe(2);
    for (const row of importedRows.body.items) {
      expect(row.status).toBe('imported');
      const letter = await ImportedLetterModel.findById(row.letterId).lean();
      expect(String(letter!.batchId)).toBe(batchId);
      expect(letter).toMatchObject({ row: row.row, status: 'imported' });
    }
    expect((await arsiparis.get(`/api/imports/${batchId}/rows?status=valid`)).body.total).toBe(3);
    // ...having half-written the third: a pending letter with an object and a record.
    const third = await ImportedLetterModel.findOne({ batchId, row: 3 }).lean();
    expect(third).toBeNull();
    await processBatch(ctx.services, batchId, { stopAfterRows: 0 });
    batch = (await arsiparis.get(`/api/imports/${batchId}`)).body;
    expect(batch.imported).toBe(2);
    await processBatch(ctx.services, batchId);
    batch = await settled(batchId);
    expect(batch).toMatchObject({ status: 'done', imported: 5, failedRows: 0, progress: 1 });
    expect(await ImportedLetterModel.countDocuments({ status: 'imported' })).toBe(5);
    const files = await StoredFileModel.find({ ownerType: 'import' }).lean();
    expect(files).toHaveLength(6);
    const objects = (await storage.list('imports/'))
      .map((o) => o.key)
      .filter((k) => !k.startsWith('imports/uploads/'));
    expect(objects.sort()).toEqual(files.map((f) => f.key).sort());
    // The uploaded zip is gone once everything is in.
    expect((await storage.list(`imports/uploads/${batchId}/`)).length).toBe(0);

    // The same zip again: every letter is recognised as already imported.
    const again = await upload(await sampleZip('A'), 'Unggah ulang');
    const second = await settled(again.body.id);
    expect(second).toMatchObject({ validRows: 0, duplicateRows: 5 });
    const start = await arsiparis
      .post(`/api/imports/${again.body.id}/start`)
      .send({ skipInvalid: true });
    expect(start.status).toBe(409);
    expect(await ImportedLetterModel.countDocuments({})).toBe(5);
  });

  it('cleans a letter a crash left half-imported and imports it once', async () => {
    const response = await upload(await sampleZip('B'));
    const id = response.body.id;
    await settled(id);
    const actor = await actorFor('arsiparis');
    await startBatch(actor, id, true);
    await processBatch(ctx.services, id, { stopAfterRows: 1 });
    // Simulate a crash in the middle of row 2: its letter is pending with an object stored.
    const row2 = await ImportRowModel.findOne({ batchId: id, row: 2 }).lean();
    const pendingDoc: Record<string, unknown> = {
      batchId: id,
      row: 2,
      importKey: row2!.importKey,
      status: 'pending',
      direction: 'incoming',
      letterDate: '1987-03-06',
      subject: 'x',
      classificationCode: '005',
      importedByName: 'x',
    };
    const pending = await ImportedLetterModel.create(pendingDoc);
    const strayKey = await strayScan(pending._id, 'a'.repeat(24));
    await processBatch(ctx.services, id);
    const batch = await settled(id);
    expect(batch).toMatchObject({ status: 'done', imported: 5 });
    expect(await storage.exists(strayKey)).toBe(false);
    const letter = await ImportedLetterModel.findOne({ importKey: row2!.importKey }).lean();
    expect(letter).toMatchObject({ status: 'imported', fileCount: 1 });
    expect(
      await StoredFileModel.countDocuments({ ownerType: 'import', ownerId: letter!._id }),
    ).toBe(1);
  });

  it('removes what a run cut off before writing its letters left, and imports each letter once', async () => {
    const response = await upload(await sampleZip('D'));
    const id = response.body.id;
    await settled(id);
    await startBatch(await actorFor('arsiparis'), id, true);
    await processBatch(ctx.services, id, { stopAfterRows: 1 });
    // The cut-off run had stored row 2's scan and its record, under the id the dry run gave
    // its letter, and died before the chunk's letters were inserted.
    const row2 = await ImportRowModel.findOne({ batchId: id, row: 2 }).lean();
    expect(await ImportedLetterModel.findById(row2!.letterId)).toBeNull();
    const strayKey = await strayScan(row2!.letterId!, 'b'.repeat(24));
    await processBatch(ctx.services, id);
    expect(await settled(id)).toMatchObject({ status: 'done', imported: 5, failedRows: 0 });
    expect(await storage.exists(strayKey)).toBe(false);
    expect(await StoredFileModel.findById('b'.repeat(24))).toBeNull();
    const letter = await ImportedLetterModel.findById(row2!.letterId).lean();
    expect(letter).toMatchObject({ status: 'imported', row: 2 });
    expect(
      await StoredFileModel.countDocuments({ ownerType: 'import', ownerId: row2!.letterId }),
    ).toBe(letter!.fileCount);
    const rows = await arsiparis.get(`/api/imports/${id}/rows?status=imported`);
    expect(rows.body.total).toBe(5);
    expect(rows.body.items.find((r: { row: number }) => r.row === 2).letterId).toBe(
      String(row2!.letterId),
    );
  });

  it('pauses on request and resumes through the API to the end', async () => {
    const response = await upload(await sampleZip('C'));
    const id = response.body.id;
    await settled(id);
    const actor = await actorFor('arsiparis');
    await startBatch(actor, id, true);
    await pauseBatch(actor, id);
    await processBatch(ctx.services, id);
    expect((await arsiparis.get(`/api/imports/${id}`)).body).toMatchObject({
      status: 'paused',
      imported: 0,
    });
    const resumed = await arsiparis.post(`/api/imports/${id}/resume`);
    expect(resumed.status).toBe(200);
    expect(await settled(id, ['done'])).toMatchObject({ status: 'done', imported: 5 });
  });

  it('finds imported letters by search, first by their metadata, then by the text of their scans once OCR has run', async () => {
    const byMeta = await arsiparis.get('/api/search').query({ q: 'bendungan' });
    expect(byMeta.status).toBe(200);
    expect(byMeta.body.total).toBeGreaterThanOrEqual(1);
    const letter = await ImportedLetterModel.findOne({ subject: 'Pembangunan bendungan A' }).lean();
    expect(byMeta.body.items.map((i: { letterId: string }) => i.letterId)).toContain(
      String(letter!._id),
    );
    expect((await arsiparis.get('/api/search').query({ q: 'Sekampung' })).body.total).toBe(0);

    const pool = {
      recognize: async () => {
        throw new Error('text-layer PDFs need no OCR');
      },
    };
    const files = await StoredFileModel.find({ ownerType: 'import', ownerId: letter!._id }).lean();
    for (const file of files)
      await processFile(String(file._id), {
        storage,
        pool: pool as never,
        logger: ctx.services.logger,
      });
    expect(await publishImportedText()).toBeGreaterThanOrEqual(1);
    const byText = await arsiparis.get('/api/search').query({ q: 'Sekampung' });
    expect(byText.body.items.map((i: { letterId: string }) => i.letterId)).toContain(
      String(letter!._id),
    );
  });

  it('lets the desk read imported B/T letters and keeps R letters to cleared archivists', async () => {
    const open = await ImportedLetterModel.findOne({ subject: 'Pembangunan bendungan A' }).lean();
    const secret = await ImportedLetterModel.findOne({ subject: 'Situasi keamanan A' }).lean();
    const agendaris = await loginAs(ctx, 'agendaris');
    const detail = await agendaris.get(`/api/imported-letters/${open!._id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      classificationCode: '005',
      currentCode: '000.1.5',
      files: [expect.objectContaining({ mimeType: 'application/pdf' })],
    });
    expect((await agendaris.get(`/api/files/${detail.body.files[0].id}/content`)).status).toBe(200);
    // Not readable reads as not there (docs/security.md, "No leaks").
    expect((await agendaris.get(`/api/imported-letters/${secret!._id}`)).status).toBe(404);
    const secretFile = await StoredFileModel.findOne({
      ownerType: 'import',
      ownerId: secret!._id,
    }).lean();
    expect((await agendaris.get(`/api/files/${String(secretFile!._id)}/content`)).status).toBe(404);
    expect((await arsiparis.get(`/api/imported-letters/${secret!._id}`)).status).toBe(200);
    const kabag = await loginAs(ctx, 'kabagtu');
    expect((await kabag.get(`/api/imported-letters/${open!._id}`)).status).toBe(404);
  });
});

describe('dangerous archives', () => {
  it('refuses a zip bomb before inflating it', async () => {
    const zeros = await deflatedZeros(200 * 1024 * 1024);
    const zip = buildZip([
      {
        name: 'bom.pdf',
        raw: { compressed: zeros.compressed, declaredSize: 200 * 1024 * 1024, crc: zeros.crc },
      },
      { name: 'manifest.csv', data: csv([HEADER]) },
    ]);
    expect(zip.length).toBeLessThan(1024 * 1024);
    const response = await upload(zip, 'Bom');
    const batch = await settled(response.body.id);
    expect(batch.status).toBe('failed');
    expect(batch.batchProblems[0]).toMatch(/zip bomb/);
  });

  it('refuses the row of an entry that inflates past what it declared, storing nothing of it', async () => {
    // Declares 4 KB (no ratio alarm), inflates to 20 MB: the byte count stops it while reading.
    const lying = await deflatedZeros(20 * 1024 * 1024, Buffer.from('%PDF-1.4\n'));
    const before = await StoredFileModel.countDocuments({});
    const zip = buildZip([
      {
        name: 'bohong.pdf',
        raw: { compressed: lying.compressed, declaredSize: 4096, crc: lying.crc },
      },
      {
        name: 'manifest.csv',
        data: csv([
          HEADER,
          [
            'masuk',
            'b/1',
            '1990-01-01',
            'Pengirim',
            '',
            'Isi bohong',
            '005',
            'B',
            '',
            '',
            'bohong.pdf',
          ],
        ]),
      },
    ]);
    const response = await upload(zip, 'Bohong');
    const batch = await settled(response.body.id);
    expect(batch).toMatchObject({ validRows: 0, invalidRows: 1 });
    const rows = await arsiparis.get(`/api/imports/${response.body.id}/rows?problems=true`);
    expect(rows.body.items[0].problems[0].message).toMatch(
      /bohong\.pdf" tidak dapat dibaca: too many bytes/,
    );
    expect(await StoredFileModel.countDocuments({})).toBe(before);
    expect((await storage.list('imports/')).filter((o) => o.key.includes('/bohong')).length).toBe(
      0,
    );
  });

  it('refuses a zip whose names climb out of the archive', async () => {
    const zip = buildZip([
      { name: '../../etc/cron.d/evil.pdf', data: await scanPdf('x', 1) },
      { name: 'manifest.csv', data: csv([HEADER]) },
    ]);
    const batch = await settled((await upload(zip, 'Traversal')).body.id);
    expect(batch.status).toBe('failed');
    expect(batch.batchProblems[0]).toMatch(/tidak aman/);
  });

  it('refuses what is not a zip, and a zip without manifest', async () => {
    const notZip = await arsiparis
      .post('/api/imports')
      .attach('archive', await scanPdf('x', 1), 'arsip.zip');
    expect(notZip.status).toBe(415);
    const noManifest = await settled(
      (await upload(buildZip([{ name: 'a.pdf', data: await scanPdf('a', 1) }]), 'Tanpa manifest'))
        .body.id,
    );
    expect(noManifest.batchProblems[0]).toMatch(/Manifest \(manifest.csv\) tidak ditemukan/);
  });
});

describe('folder imports', () => {
  it('imports from a folder under the import root and never leaves it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lontar-impor-'));
    process.env.IMPORT_DIR = root;
    const folder = path.join(root, 'arsip-1990');
    mkdirSync(path.join(folder, 'scan'), { recursive: true });
    writeFileSync(path.join(folder, 'scan', 'a.pdf'), await scanPdf('Folder A', 1));
    writeFileSync(path.join(os.tmpdir(), 'rahasia-server.pdf'), await scanPdf('di luar', 1));
    symlinkSync(
      path.join(os.tmpdir(), 'rahasia-server.pdf'),
      path.join(folder, 'scan', 'tautan.pdf'),
    );
    writeFileSync(
      path.join(folder, 'manifest.csv'),
      csv([
        HEADER,
        [
          'masuk',
          'f/1/1990',
          '1990-05-01',
          'Dinas Pendidikan',
          '',
          'Folder satu',
          '400.3',
          'B',
          '',
          '',
          'scan/a.pdf',
        ],
        [
          'masuk',
          'f/2/1990',
          '1990-05-02',
          'Dinas Pendidikan',
          '',
          'Lewat tautan',
          '400.3',
          'B',
          '',
          '',
          'scan/tautan.pdf',
        ],
      ]),
    );
    expect((await arsiparis.get('/api/imports/folders')).body.items).toContain('arsip-1990');
    expect((await arsiparis.post('/api/imports/folder').send({ folder: '../' })).status).toBe(400);
    expect((await arsiparis.post('/api/imports/folder').send({ folder: 'tidak-ada' })).status).toBe(
      400,
    );
    const response = await arsiparis.post('/api/imports/folder').send({ folder: 'arsip-1990' });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    const batch = await settled(response.body.id);
    expect(batch).toMatchObject({ status: 'validated', validRows: 1, invalidRows: 1 });
    const rows = await arsiparis.get(`/api/imports/${response.body.id}/rows?problems=true`);
    expect(rows.body.items[0].problems[0].message).toMatch(/tautan\.pdf" tidak ditemukan/);
    delete process.env.IMPORT_DIR;
    expect(await ImportBatchModel.countDocuments({ source: { $exists: true } })).toBeGreaterThan(0);
  });
});
