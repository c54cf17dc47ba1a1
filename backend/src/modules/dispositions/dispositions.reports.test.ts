import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { fileStorage } from '../files/file-storage.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { sweepReportObjects } from './dispositions.startup.ts';
import { DispositionReportModel } from './report.model.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  registerLetter,
  reportAs,
  scanPdf,
} from './test-support.ts';

const ctx = await dispositionTestContext({ MAX_UPLOAD_BYTES: String(200 * 1024) });
const storage = fileStorage(ctx.config);
const reportObjects = async () => (await storage.list('reports/')).length;
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');
const karoumum = await loginAs(ctx, 'karoumum');

async function node(): Promise<string> {
  const { asisten3: top } = await disposeAs(sekda, await registerLetter(ctx), [
    { key: 'asisten3' },
  ]);
  return top!.id;
}

describe('laporan tindak lanjut', () => {
  it('keeps its files under reports/ with their sniffed type, readable up the branch', async () => {
    const id = await node();
    const response = await reportAs(asisten3, id, { text: 'Notulen rapat terlampir.' }, [
      { body: await scanPdf('Notulen', 1), name: 'notulen.pdf' },
    ]);
    expect(response.status).toBe(201);
    const file = response.body.report.files[0];
    expect(file).toMatchObject({ name: 'notulen.pdf', mimeType: 'application/pdf' });
    const stored = await StoredFileModel.findById(file.id).lean();
    expect(stored).toMatchObject({
      ownerType: 'report',
      ownerId: new mongoose.Types.ObjectId(response.body.report.id as string),
    });
    expect(stored!.key).toMatch(
      new RegExp(`^reports/\\d{4}/${response.body.report.id}/${file.id}/original\\.pdf$`),
    );
    expect((await sekda.get(file.contentUrl)).status).toBe(200);
  });

  it('refuses what is not a scan (415), an oversized file (413) and bad data (400), keeping no object', async () => {
    const id = await node();
    const before = await reportObjects();
    const exe = await reportAs(asisten3, id, { text: 'Lampiran aneh.' }, [
      { body: Buffer.from('MZ\x90\x00 program'), name: 'laporan.pdf' },
    ]);
    expect(exe.status).toBe(415);
    const big = await reportAs(asisten3, id, { text: 'Lampiran besar.' }, [
      {
        body: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300 * 1024)]),
        name: 'besar.pdf',
      },
    ]);
    expect(big.status).toBe(413);
    const empty = await reportAs(asisten3, id, { text: '' }, [
      { body: await scanPdf('x', 1), name: 'x.pdf' },
    ]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].path).toBe('text');
    const notJson = await asisten3
      .post(`/api/dispositions/${id}/reports`)
      .field('data', '{oops')
      .attach('files', await scanPdf('y', 1), 'y.pdf');
    expect(notJson.status).toBe(400);
    expect(await reportObjects()).toBe(before);
    expect(await DispositionReportModel.countDocuments({ dispositionId: id })).toBe(0);
  });

  it('refuses a report from anyone but the recipient before reading the upload', async () => {
    const id = await node();
    const response = await reportAs(sekda, id, { text: 'Bukan laporan saya.' }, [
      { body: await scanPdf('z', 1), name: 'z.pdf' },
    ]);
    expect(response.status).toBe(403);
  });

  it("forwards only reports from the node's own children", async () => {
    const id = await node();
    const { karoumum: child } = await forwardAs(asisten3, id, [{ key: 'karoumum' }]);
    const fromChild = await reportAs(karoumum, child!.id, { text: 'Laporan Biro Umum.' });
    const other = await node();
    const unrelated = await reportAs(asisten3, other, { text: 'Laporan lain.' });
    const wrong = await reportAs(asisten3, id, {
      text: 'Meneruskan laporan yang salah.',
      forwardReportIds: [unrelated.body.report.id],
    });
    expect(wrong.status).toBe(400);
    const right = await reportAs(asisten3, id, {
      text: 'Meneruskan laporan Biro Umum.',
      forwardReportIds: [fromChild.body.report.id],
    });
    expect(right.status).toBe(201);
  });

  it('sweeps attachments that no record points to, and only those', async () => {
    const kept = await reportObjects();
    const orphan = `reports/2026/${new mongoose.Types.ObjectId().toHexString()}/${new mongoose.Types.ObjectId().toHexString()}/original.pdf`;
    await storage.putBuffer(orphan, await scanPdf('yatim', 1), 'application/pdf');
    expect(await sweepReportObjects(ctx.services, 0)).toBe(1);
    expect(await storage.exists(orphan)).toBe(false);
    expect(await reportObjects()).toBe(kept);
  });
});
