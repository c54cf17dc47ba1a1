import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';
import { addRowTrigger } from '../../../test/postgres-behind.ts';
import { createMeeting, word, uploadScan } from '../../../test/meetings-fixture.ts';
import { dispositionTestContext, loginAs, scanPdf } from '../dispositions/test-support.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { fileObjectKey, recordFiles } from '../files/files.service.ts';
import { JobModel } from '../jobs/job.model.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { OcrPageModel } from '../ocr/ocr-page.model.ts';
import { publishFileText } from '../ocr/processor.ts';
import { now } from '../../lib/clock.ts';
import { ORPHAN_SCAN_GRACE_MS, sweepOrphanMeetingScans } from './meetings.orphans.ts';

/**
 * A meeting scan upload never leaves a file the meeting does not show: one that fails after
 * recording the file undoes it (its record, OCR job, objects), and what a process that died
 * there left is dropped by the orphan sweep once older than the scan lease plus a margin,
 * with its search text and OCR pages. The failures are real: the PostgreSQL database behind
 * FerretDB refuses the write (a trigger raising an error), no mock.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await dispositionTestContext();
});

type Agent = Awaited<ReturnType<typeof loginAs>>;

async function searchIds(agent: Agent, q: string): Promise<string[]> {
  const response = await agent.get('/api/search').query({ q });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((h: { letterId: string }) => h.letterId);
}

/** Makes the database behind FerretDB refuse inserts and updates of the collection's
 * documents whose top-level string `field` is `value`, until the returned function is called. */
function refuseWrites(collection: string, field: string, value: string) {
  return addRowTrigger(ctx.config, collection, {
    body: "RAISE EXCEPTION 'refused by the test';",
    only: { field, value },
  });
}

/** Everything of a meeting's files: records, objects, OCR jobs of files without a record. */
async function footprint(meetingId: string) {
  const storage = fileStorage(ctx.config);
  const [files, objects, jobs, allFiles] = await Promise.all([
    StoredFileModel.find({ ownerType: 'meeting', ownerId: meetingId }).lean(),
    storage.list('meetings/'),
    JobModel.find({ type: 'ocr' }).lean(),
    StoredFileModel.find({}, { _id: 1 }).lean(),
  ]);
  const recorded = new Set(allFiles.map((f) => String(f._id)));
  return {
    files: files.map((f) => String(f._id)).sort(),
    folders: [
      ...new Set(
        objects.filter((o) => o.key.includes(`/${meetingId}/`)).map((o) => o.key.split('/')[3]!),
      ),
    ].sort(),
    jobsWithoutFile: jobs
      .map((j) => String((j.payload as { fileId?: unknown }).fileId))
      .filter((id) => !recorded.has(id)),
  };
}

describe('meeting scan uploads leave no orphan', () => {
  const failures: Array<{
    step: string;
    refuse: (title: string) => ReturnType<typeof refuseWrites>;
  }> = [
    {
      step: 'the meeting update',
      refuse: (title) => refuseWrites('meetings', 'title', title),
    },
    { step: 'the OCR job', refuse: () => refuseWrites('jobs', 'type', 'ocr') },
  ];
  for (const { step, refuse } of failures) {
    it(`undoes the recorded file when ${step} fails, keeping the scan attached before`, async () => {
      const kabagtu = await loginAs(ctx, 'kabagtu');
      const title = `Rapat uji gagal ${word('tulis')}`;
      const { id } = await createMeeting(kabagtu, title);
      const good = await uploadScan(kabagtu, id, 'minutes-scan', 'notulen awal', 'awal.pdf');
      const goodId = good.body.minutes.scan.id as string;
      const before = await footprint(id);
      expect(before).toEqual({ files: [goodId], folders: [goodId], jobsWithoutFile: [] });

      const lost = word('hilang');
      const replacement = await scanPdf(`Notulen ${lost}`, 1);
      const allow = await refuse(title);
      const failed = await (async () => {
        try {
          return await kabagtu
            .post(`/api/meetings/${id}/minutes-scan`)
            .attach('file', replacement, 'pengganti.pdf');
        } finally {
          await allow();
        }
      })();
      expect(failed.status, JSON.stringify(failed.body)).toBeGreaterThanOrEqual(500);

      // Nothing of the failed upload is left: no record, no object, no job, no pages, no
      // text; the scan attached before is still the meeting's, whole.
      expect(await footprint(id)).toEqual(before);
      const [files, pages] = await Promise.all([
        StoredFileModel.find({ ownerType: 'meeting', ownerId: id }, { _id: 1 }).lean(),
        OcrPageModel.find({}, { fileId: 1 }).lean(),
      ]);
      expect(files.map((f) => String(f._id))).toEqual([goodId]);
      expect(pages.filter((p) => String(p.fileId) !== goodId)).toEqual([]);
      expect(await searchIds(kabagtu, lost)).toEqual([]);
      const shown = await kabagtu.get(`/api/meetings/${id}`);
      expect(shown.body.minutes.scan.id).toBe(goodId);
      // The scan can be replaced again once the database takes writes.
      const again = await uploadScan(kabagtu, id, 'minutes-scan', 'notulen kedua', 'kedua.pdf');
      expect((await footprint(id)).files).toEqual([again.body.minutes.scan.id]);
    });
  }

  it('drops what a dead upload left once older than the grace, keeping attached and fresh files', async () => {
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, `Rapat uji yatim ${word('mati')}`);
    const storage = fileStorage(ctx.config);
    const attached = await uploadScan(
      kabagtu,
      id,
      'minutes-scan',
      'notulen terpasang',
      'terpasang.pdf',
    );
    const attachedId = attached.body.minutes.scan.id as string;

    /** What attach() writes before pointing the meeting at the file, as a process that
     * died right then leaves it: the object, the record, the queued OCR job. */
    const leftBehind = async (ownerId: string, label: string) => {
      const body = await scanPdf(label, 1);
      const fileId = new mongoose.Types.ObjectId();
      const key = fileObjectKey(
        'meetings',
        jakartaParts(now()).year,
        ownerId,
        String(fileId),
        'pdf',
      );
      await storage.putBuffer(key, body, 'application/pdf');
      const [file] = await recordFiles(
        'meeting',
        new mongoose.Types.ObjectId(ownerId),
        [
          {
            fileId,
            key,
            name: 'yatim.pdf',
            size: body.length,
            mimeType: 'application/pdf',
            sha256: createHash('sha256').update(body).digest('hex'),
            pageCount: 1,
          },
        ],
        'B',
        null,
      );
      await enqueueJob('ocr', `ocr:${String(fileId)}`, { fileId: String(fileId) });
      return file!;
    };
    const age = async (fileId: unknown, ms: number) =>
      StoredFileModel.collection.updateOne(
        { _id: new mongoose.Types.ObjectId(String(fileId)) },
        { $set: { createdAt: new Date(now().getTime() - ms) } },
      );

    const orphanWord = word('yatim');
    const orphan = await leftBehind(id, `Notulen ${orphanWord}`);
    // The worker read it before anyone noticed: its pages, a derived object and its text
    // under the meeting's id.
    await OcrPageModel.create({
      fileId: orphan._id,
      page: 1,
      text: `Notulen ${orphanWord}`,
      confidence: 90,
      source: 'ocr',
      width: 100,
      height: 100,
      sourceSha: orphan.sha256,
    });
    await storage.putBuffer(
      orphan.key.replace(/original\.pdf$/, 'searchable.pdf'),
      await scanPdf('terbaca', 1),
      'application/pdf',
    );
    await publishFileText(orphan, [`Notulen ${orphanWord}`]);
    expect(await searchIds(kabagtu, orphanWord)).toContain(id);

    const goneMeeting = String(new mongoose.Types.ObjectId());
    const ofGone = await leftBehind(goneMeeting, 'notulen rapat yang tidak ada');
    const fresh = await leftBehind(id, 'notulen masih diunggah');
    const old = ORPHAN_SCAN_GRACE_MS + 5 * 60_000;
    await age(orphan._id, old);
    await age(ofGone._id, old);
    await age(attachedId, old);
    await age(fresh._id, ORPHAN_SCAN_GRACE_MS - 5 * 60_000);

    const dropped = await sweepOrphanMeetingScans(storage, { logger: ctx.services.logger });
    expect(dropped.sort()).toEqual([String(orphan._id), String(ofGone._id)].sort());

    const after = await footprint(id);
    expect(after.files).toEqual([attachedId, String(fresh._id)].sort());
    expect(after.folders).toEqual([attachedId, String(fresh._id)].sort());
    expect(after.jobsWithoutFile).toEqual([]);
    expect(await StoredFileModel.exists({ _id: ofGone._id })).toBeNull();
    const listed = await storage.list('meetings/');
    expect(listed.filter((o) => o.key.includes(`/${goneMeeting}/`))).toEqual([]);
    for (const gone of [orphan._id, ofGone._id]) {
      expect(await JobModel.exists({ dedupeKey: `ocr:${String(gone)}` })).toBeNull();
      expect(await OcrPageModel.exists({ fileId: gone })).toBeNull();
    }
    expect(await JobModel.exists({ dedupeKey: `ocr:${String(fresh._id)}` })).toBeTruthy();
    expect(await searchIds(kabagtu, orphanWord)).toEqual([]);
    expect((await kabagtu.get(`/api/meetings/${id}`)).body.minutes.scan.id).toBe(attachedId);

    // A second pass finds nothing left.
    expect(await sweepOrphanMeetingScans(storage, { logger: ctx.services.logger })).toEqual([]);
  });

  it('drops a meeting file whose owner id names no meeting at all, and sweeps on', async () => {
    // A record a script wrote by hand, with a malformed owner: no meeting can point at it,
    // and it must not stop the sweep of the files after it (a cast error did, every pass).
    const storage = fileStorage(ctx.config);
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, `Rapat uji pemilik rusak ${word('rusak')}`);
    const old = new Date(now().getTime() - ORPHAN_SCAN_GRACE_MS - 5 * 60_000);
    const record = (ownerId: unknown) => ({
      _id: new mongoose.Types.ObjectId(),
      ownerType: 'meeting',
      ownerId,
      key: `meetings/x/${String(ownerId)}/f/original.pdf`,
      name: 'skrip.pdf',
      size: 1,
      mimeType: 'application/pdf',
      sha256: '0'.repeat(64),
      securityClass: 'B',
      createdAt: old,
      updatedAt: old,
    });
    const malformed = record('bukan-id-rapat');
    const ofLiveMeeting = record(new mongoose.Types.ObjectId(id));
    await StoredFileModel.collection.insertMany([malformed, ofLiveMeeting] as never[]);

    const dropped = await sweepOrphanMeetingScans(storage, { logger: ctx.services.logger });
    expect(dropped.sort()).toEqual([String(malformed._id), String(ofLiveMeeting._id)].sort());
    expect(await StoredFileModel.collection.countDocuments({ name: 'skrip.pdf' })).toBe(0);
  });
});
