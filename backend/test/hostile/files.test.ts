import { deflateSync } from 'node:zlib';
import * as mupdf from 'mupdf';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation } from '../auth-helpers.ts';
import { createTestContext } from '../harness.ts';
import { fileStorage } from '../../src/modules/files/file-storage.ts';
import { StoredFileModel } from '../../src/modules/files/file.model.ts';
import {
  letterData,
  postLetter,
  scanPdf,
  scanPng,
} from '../../src/modules/letters/letters.fixtures.ts';
import { lettersStartupTask } from '../../src/modules/letters/letters.maintenance.ts';

/** Hostile scans at registration: each refused with a message that says what is wrong,
 * and nothing of it stays in storage or in the database. (Empty, oversized, truncated and
 * path-traversal uploads are covered in letters/registration.test.ts; decompression bombs
 * of every type, at upload and at the page viewer, with the real limits in bombs.test.ts;
 * inside PDFs and TIFFs at OCR time in ocr/ocr.processing.test.ts.) */
const ctx = await createTestContext();
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
const storage = fileStorage(ctx.config);
const clerk = await loginAs(ctx, 'agendaris');

async function refused(body: Buffer, name: string, message: RegExp): Promise<void> {
  const objects = (await storage.list('letters/')).length;
  const records = await StoredFileModel.countDocuments();
  const response = await postLetter(clerk, letterData(), [{ body, name }]);
  expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.body.error.message).toMatch(message);
  expect((await storage.list('letters/')).length).toBe(objects);
  expect(await StoredFileModel.countDocuments()).toBe(records);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

describe('hostile scans at registration', () => {
  it('accepts an ordinary PDF and PNG (the checks below are not refusing everything)', async () => {
    const response = await postLetter(clerk, letterData(), [
      { body: await scanPdf('biasa', 1), name: 'biasa.pdf' },
      { body: await scanPng('biasa'), name: 'biasa.png' },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('refuses an encrypted PDF', async () => {
    const doc = mupdf.Document.openDocument(
      await scanPdf('rahasia', 1),
      'application/pdf',
    ).asPDF()!;
    const encrypted = Buffer.from(
      doc
        .saveToBuffer('encrypt=aes-256,user-password=rahasia,owner-password=pemilik')
        .asUint8Array(),
    );
    await refused(encrypted, 'terkunci.pdf', /terkunci \(terenkripsi/);
  });

  it('refuses a PDF that runs JavaScript when opened', async () => {
    const doc = await PDFDocument.load(await scanPdf('skrip', 1));
    const action = doc.context.obj({
      Type: 'Action',
      S: 'JavaScript',
      JS: PDFString.of("app.alert('x')"),
    });
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
    await refused(
      Buffer.from(await doc.save({ useObjectStreams: false })),
      'skrip.pdf',
      /JavaScript/,
    );
  });

  it('refuses a PNG whose header declares a decompression bomb, before decoding it', async () => {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(50_000, 0);
    header.writeUInt32BE(50_000, 4);
    header.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale: 2.5 billion pixels in a few hundred bytes
    const rows = deflateSync(Buffer.alloc(64 * 1024));
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', rows),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
    await refused(png, 'bom.png', /melebihi batas 60\.000\.000 piksel/);
  });

  it('refuses polyglots: an image or PDF with another file appended after its end', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    await refused(
      Buffer.concat([await scanPng('gabungan'), html]),
      'gabungan.png',
      /data tambahan setelah akhir/,
    );
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(200, 0x41)]);
    await refused(
      Buffer.concat([await scanPdf('gabungan', 1), zip]),
      'gabungan.pdf',
      /data tambahan setelah akhir/,
    );
  });

  it('refuses a zero-byte file and a file that only claims to be a PDF', async () => {
    await refused(Buffer.alloc(0), 'kosong.pdf', /kosong/);
    await refused(
      Buffer.from('<?php system($_GET["c"]); ?>'),
      'surat.pdf',
      /bukan PDF, JPEG, PNG, atau TIFF/,
    );
  });
});
