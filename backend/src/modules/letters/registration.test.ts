import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { fileStorage } from '../files/file-storage.ts';
import { lettersStartupTask } from './letters.maintenance.ts';
import { letterData, postLetter, scanJpeg, scanPdf, scanPng } from './letters.fixtures.ts';

const ctx = await createTestContext({
  MAX_UPLOAD_BYTES: String(200 * 1024),
  LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
});
await seedDemoOrganisation();
await lettersStartupTask(ctx.services);
const storage = fileStorage(ctx.config);
const objectCount = async () => (await storage.list('letters/')).length;

describe('POST /api/incoming-letters', () => {
  it('registers a letter with its scans and answers with agenda number, register and file facts', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const png = await scanPng('Surat satu');
    const response = await postLetter(clerk, letterData(), [
      { body: png, name: 'scan-1.png', type: 'image/png' },
      { body: await scanPdf('Lampiran'), name: 'lampiran.pdf', type: 'application/pdf' },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({
      agendaNumber: 1,
      agendaYear: expect.any(Number),
      register: 'SETDA',
      status: 'registered',
    });
    expect(response.body.files).toHaveLength(2);
    expect(response.body.files[0]).toMatchObject({
      name: 'scan-1.png',
      size: png.length,
      mimeType: 'image/png',
    });
    expect(response.body.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const keys = (await storage.list('letters/')).map((o) => o.key);
    expect(
      keys.some(
        (k) =>
          k ===
          `letters/${response.body.agendaYear}/${response.body.id}/${response.body.files[0].id}/original.png`,
      ),
    ).toBe(true);

    const content = await clerk.get(`/api/files/${response.body.files[0].id}/content`).buffer(true);
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['content-disposition']).toContain('scan-1.png');
    expect(Buffer.compare(content.body as Buffer, png)).toBe(0);

    const range = await clerk
      .get(`/api/files/${response.body.files[0].id}/content`)
      .set('Range', 'bytes=0-7')
      .buffer(true);
    expect(range.status).toBe(206);
    expect((range.body as Buffer).length).toBe(8);
  });

  it('gives consecutive agenda numbers', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const a = await postLetter(clerk, letterData(), [{ body: await scanJpeg('a'), name: 'a.jpg' }]);
    const b = await postLetter(clerk, letterData(), [{ body: await scanJpeg('b'), name: 'b.jpg' }]);
    expect(b.body.agendaNumber).toBe(a.body.agendaNumber + 1);
  });

  it('refuses a file that is not a scan with 415 and keeps nothing', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const before = await objectCount();
    const response = await postLetter(clerk, letterData(), [
      { body: await scanPng('ok'), name: 'ok.png' },
      {
        body: Buffer.from('MZ\x90\x00 this is an exe'),
        name: 'surat.pdf',
        type: 'application/pdf',
      },
    ]);
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(response.body.error.message).toMatch(/bukan PDF, JPEG, PNG, atau TIFF/);
    expect(await objectCount()).toBe(before);
  });
});

describe('bad files', () => {
  it('refuses an empty file', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const before = await objectCount();
    const response = await postLetter(clerk, letterData(), [
      { body: Buffer.alloc(0), name: 'kosong.pdf' },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/kosong/);
    expect(await objectCount()).toBe(before);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413 and removes what was stored', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const before = await objectCount();
    const big = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(300 * 1024, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    const response = await postLetter(clerk, letterData(), [
      { body: await scanPng('kecil'), name: 'kecil.png' },
      { body: big, name: 'besar.pdf' },
    ]);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.body.error.message).toMatch(/besar\.pdf.*200 KB/);
    expect(await objectCount()).toBe(before);
  });

  it('refuses a truncated PDF', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const before = await objectCount();
    const pdf = await scanPdf('terpotong', 3);
    const response = await postLetter(clerk, letterData(), [
      { body: pdf.subarray(0, Math.floor(pdf.length * 0.6)), name: 'terpotong.pdf' },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/tidak utuh/);
    expect(await objectCount()).toBe(before);
  });

  it('keeps a path-traversal file name out of storage keys and shows only its base name', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const before = await objectCount();
    const withNul = await postLetter(clerk, letterData(), [
      { body: await scanPng('n'), name: '../x\u0000.png' },
    ]);
    expect(withNul.status).toBe(400);
    expect(await objectCount()).toBe(before);
    const windows = await postLetter(clerk, letterData(), [
      { body: await scanPng('w'), name: '..\\..\\Windows\\boot.png' },
    ]);
    expect(windows.body.files[0].name).toBe('boot.png');
    const response = await postLetter(clerk, letterData(), [
      { body: await scanPng('x'), name: '../../etc/passwd.png' },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.files[0].name).toBe('passwd.png');
    const keys = (await storage.list('letters/')).map((o) => o.key);
    expect(
      keys.every((k) =>
        /^letters\/\d{4}\/[0-9a-f]{24}\/[0-9a-f]{24}\/original\.(png|jpg|pdf|tif)$/.test(k),
      ),
    ).toBe(true);
    const content = await clerk.get(`/api/files/${response.body.files[0].id}/content`);
    expect(content.headers['content-disposition']).toMatch(/^inline; filename="passwd\.png"/);
  });

  it('refuses a registration without files, and one with invalid data, leaving nothing behind', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const before = await objectCount();
    const noFiles = await postLetter(clerk, letterData(), []);
    expect(noFiles.status).toBe(400);
    const badCode = await postLetter(clerk, letterData({ classificationCode: '999.9' }), [
      { body: await scanPng('y'), name: 'y.png' },
    ]);
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.message).toMatch(/Kode klasifikasi "999.9" tidak dikenal/);
    const badJson = await postLetter(clerk, '{"senderName":', [
      { body: await scanPng('z'), name: 'z.png' },
    ]);
    expect(badJson.status).toBe(400);
    const missing = await postLetter(clerk, letterData({ subject: '' }), [
      { body: await scanPng('w'), name: 'w.png' },
    ]);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe('subject');
    expect(await objectCount()).toBe(before);
  });

  it('accepts deeper codes under a known code and codes of the previous scheme', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const deeper = await postLetter(clerk, letterData({ classificationCode: '400.14.5.4' }), [
      { body: await scanPng('d'), name: 'd.png' },
    ]);
    expect(deeper.status).toBe(201);
    const legacy = await postLetter(clerk, letterData({ classificationCode: '821.2' }), [
      { body: await scanPng('l'), name: 'l.png' },
    ]);
    expect(legacy.status).toBe(201);
  });
});

describe('duplicates', () => {
  it('answers 409 DUPLICATE_SUSPECTED for the same sender and number until the clerk confirms', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const data = letterData({
      senderName: 'Biro Hukum Kemendagri',
      letterNumber: 'B-99/IJ/KP.07.6/04/2020',
    });
    const first = await postLetter(clerk, data, [{ body: await scanPng('dup-1'), name: 'a.png' }]);
    expect(first.status).toBe(201);
    const before = await objectCount();
    const again = await postLetter(
      clerk,
      {
        ...data,
        senderName: 'biro hukum  KEMENDAGRI',
        letterNumber: 'b-99 / IJ / KP.07.6/04/2020',
      },
      [{ body: await scanPng('dup-2'), name: 'b.png' }],
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_SUSPECTED');
    expect(again.body.error.details.letterId).toBe(first.body.id);
    expect(await objectCount()).toBe(before);
    const confirmed = await postLetter(clerk, { ...data, confirmDuplicate: true }, [
      { body: await scanPng('dup-2'), name: 'b.png' },
    ]);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.agendaNumber).toBe(first.body.agendaNumber + 1);
  });

  it('answers 409 when a file with the same bytes is already registered', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const scan = await scanPng('same bytes');
    const first = await postLetter(clerk, letterData(), [{ body: scan, name: 'a.png' }]);
    const again = await postLetter(clerk, letterData(), [{ body: scan, name: 'copy.png' }]);
    expect(again.status).toBe(409);
    expect(again.body.error.details.letterId).toBe(first.body.id);
    expect(again.body.error.details.duplicates[0].reason).toBe('same_file');
  });

  it('does not count a voided letter as a duplicate', async () => {
    const clerk = await loginAs(ctx, 'agendaris');
    const data = letterData({ letterNumber: 'VOID/1/2026' });
    const first = await postLetter(clerk, data, [{ body: await scanPng('v1'), name: 'a.png' }]);
    expect(
      (
        await clerk
          .post(`/api/incoming-letters/${first.body.id}/void`)
          .send({ reason: 'Salah catat' })
      ).status,
    ).toBe(200);
    const again = await postLetter(clerk, data, [{ body: await scanPng('v2'), name: 'b.png' }]);
    expect(again.status).toBe(201);
  });
});
