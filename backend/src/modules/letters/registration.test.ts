import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { fileStorage } from '../files/file-storage.ts';
import { lettersStartupTask } from './letters.maintenance.ts';
import { letterData, postLetter, scanJpeg, scanPdf, scanPng } from './letters.fixtures.ts';

const ctx = await createTestContext({ MAX_UPLOAD_BYTES: String(200 * 1024), LOG_LEVEL: process.env.TEST_LOG ?? 'silent' });
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
    expect(response.body).toMatchObject({ agendaNumber: 1, agendaYear: expect.any(Number), register: 'SETDA', status: 'registered' });
    expect(response.body.files).toHaveLength(2);
    expect(response.body.files[0]).toMatchObject({ name: 'scan-1.png', size: png.length, mimeType: 'image/png' });
    expect(response.body.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const keys = (await storage.list('letters/')).map((o) => o.key);
    expect(keys.some((k) => k === `letters/${response.body.agendaYear}/${response.body.id}/${response.body.files[0].id}/original.png`)).toBe(true);

    const content = await clerk.get(`/api/files/${response.body.files[0].id}/content`).buffer(true);
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['content-disposition']).toContain('scan-1.png');
    expect(Buffer.compare(content.body as Buffer, png)).toBe(0);

    const range = await clerk.get(`/api/files/${response.body.files[0].id}/content`).set('Range', 'bytes=0-7').buffer(true);
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
      { body: Buffer.from('MZ\x90\x00 this is an exe'), name: 'surat.pdf', type: 'application/pdf' },
    ]);
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(response.body.error.message).toMatch(/bukan PDF, JPEG, PNG, atau TIFF/);
    expect(await objectCount()).toBe(before);
  });
});
