import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';
import { createMeeting, uploadScan } from '../../../test/meetings-fixture.ts';
import { dispositionTestContext, loginAs, scanPdf } from '../dispositions/test-support.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { JobModel } from '../jobs/job.model.ts';
import { MeetingModel } from './meeting.model.ts';

/**
 * Hostile files at the meeting scan uploads (minutes scan, signed attendance sheet): the
 * decompression bombs of test/hostile/bombs against the real OCR limits, a truncated PDF, a
 * file that only claims to be a PDF, an empty file and one over the size limit. Each is
 * refused with 4xx and a message in Bahasa Indonesia, and leaves nothing behind: no object
 * in the bucket, no file record, no OCR job, the meeting document as it was (the scan
 * attached before stays attached).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await dispositionTestContext({ MAX_UPLOAD_BYTES: String(200 * 1024) });
});

const bomb = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../test/hostile/bombs', name));

const ROUTES = [
  { which: 'minutes-scan', field: 'minutes' },
  { which: 'attendance-sheet', field: 'attendanceSheet' },
] as const;

interface Upload {
  body: Buffer;
  name: string;
  contentType: string;
}

async function hostileUploads(): Promise<Array<Upload & { status: number; message: RegExp }>> {
  const pdf = await scanPdf('notulen terpotong', 3);
  return [
    {
      body: bomb('page-box.pdf'),
      name: 'kotak.pdf',
      contentType: 'application/pdf',
      status: 422,
      message:
        /^Berkas "kotak\.pdf" ditolak: halaman 1 berukuran 21,6 × 35\.277,8 cm .*melebihi batas 60 juta piksel per halaman/,
    },
    {
      body: bomb('huge.tif'),
      name: 'besar.tif',
      contentType: 'image/tiff',
      status: 422,
      message:
        /^Berkas "besar\.tif" ditolak: gambar halaman 1 berukuran 100\.000 × 100\.000 piksel/,
    },
    {
      body: bomb('huge.jpg'),
      name: 'besar.jpg',
      contentType: 'image/jpeg',
      status: 422,
      message: /^Berkas "besar\.jpg" ditolak: gambar halaman 1 berukuran 65\.000 × 65\.000 piksel/,
    },
    {
      body: pdf.subarray(0, Math.floor(pdf.length * 0.6)),
      name: 'terpotong.pdf',
      contentType: 'application/pdf',
      status: 400,
      message: /^Berkas "terpotong\.pdf" tidak utuh \(terpotong atau rusak\)/,
    },
    {
      body: Buffer.from('<?php system($_GET["c"]); ?>'),
      name: 'notulen.pdf',
      contentType: 'application/pdf',
      status: 415,
      message: /^Berkas "notulen\.pdf" bukan PDF, JPEG, PNG, atau TIFF/,
    },
    {
      body: Buffer.alloc(0),
      name: 'kosong.pdf',
      contentType: 'application/pdf',
      status: 400,
      message: /^Berkas "kosong\.pdf" kosong\.$/,
    },
    {
      body: Buffer.concat([
        Buffer.from('%PDF-1.7\n'),
        Buffer.alloc(300 * 1024, 0x20),
        Buffer.from('\n%%EOF\n'),
      ]),
      name: 'besar.pdf',
      contentType: 'application/pdf',
      status: 413,
      message: /^Berkas "besar\.pdf" melebihi batas ukuran 200 KB\.$/,
    },
  ];
}

/** Everything of the meeting that a scan upload writes or could leave behind. */
async function footprint(meetingId: string) {
  const storage = fileStorage(ctx.config);
  const [meeting, objects, files, jobs] = await Promise.all([
    MeetingModel.findById(meetingId).lean(),
    storage.list('meetings/'),
    StoredFileModel.find({ ownerId: meetingId }).lean(),
    JobModel.find({ type: 'ocr' }).lean(),
  ]);
  return {
    meeting,
    objects: objects.map((o) => o.key).sort(),
    files: files.map((f) => String(f._id)).sort(),
    jobs: jobs.map((j) => j.dedupeKey).sort(),
  };
}

describe('hostile files at the meeting scan uploads', () => {
  it('refuses each with 4xx and a message, leaving the meeting, bucket, records and queue as they were', async () => {
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, 'Rapat uji berkas berbahaya');

    // An ordinary scan on each: taken (the checks below are not refusing everything), and
    // it must survive every refused replacement.
    for (const { which, field } of ROUTES) {
      const good = await kabagtu
        .post(`/api/meetings/${id}/${which}`)
        .attach('file', await scanPdf(`pindaian baik ${which}`, 1), {
          filename: 'baik.pdf',
          contentType: 'application/pdf',
        });
      expect(good.status, JSON.stringify(good.body)).toBe(200);
      expect(
        field === 'minutes' ? good.body.minutes.scan : good.body.attendanceSheet,
      ).toMatchObject({ name: 'baik.pdf' });
    }
    const before = await footprint(id);
    expect(before.objects).toHaveLength(2);
    expect(before.files).toHaveLength(2);

    for (const { which } of ROUTES) {
      for (const upload of await hostileUploads()) {
        const response = await kabagtu
          .post(`/api/meetings/${id}/${which}`)
          .attach('file', upload.body, { filename: upload.name, contentType: upload.contentType });
        const label = `${which} ${upload.name}: ${JSON.stringify(response.body)}`;
        expect(response.status, label).toBe(upload.status);
        expect(response.body.error.message, label).toMatch(upload.message);
        expect(await footprint(id), label).toEqual(before);
      }
    }
  });

  it('refuses a request without a file, with two files, or not multipart, leaving nothing', async () => {
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, 'Rapat uji unggahan tanpa berkas', {
      startTime: '13:00',
      endTime: '14:00',
    });
    const before = await footprint(id);
    for (const { which } of ROUTES) {
      const none = await kabagtu.post(`/api/meetings/${id}/${which}`).field('catatan', 'x');
      expect(none.status, JSON.stringify(none.body)).toBe(400);
      expect(none.body.error.message).toMatch(
        /^Pilih satu berkas pindaian (notulen|daftar hadir)\.$/,
      );
      const two = await kabagtu
        .post(`/api/meetings/${id}/${which}`)
        .attach('file', await scanPdf('satu', 1), 'satu.pdf')
        .attach('file', await scanPdf('dua', 1), 'dua.pdf');
      expect(two.status, JSON.stringify(two.body)).toBe(400);
      expect(two.body.error.message).toBe('Paling banyak 1 berkas sekali unggah.');
      const json = await kabagtu.post(`/api/meetings/${id}/${which}`).send({ file: 'x' });
      expect(json.status, JSON.stringify(json.body)).toBe(415);
      expect(json.body.error.message).toBe('Permintaan harus dikirim sebagai multipart/form-data.');
      expect(await footprint(id)).toEqual(before);
    }
  });

  it('takes one of several uploads at once and keeps nothing of the others', async () => {
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, 'Rapat uji unggahan bersamaan', {
      startTime: '15:00',
      endTime: '16:00',
    });
    const scans = await Promise.all(
      Array.from({ length: 5 }, (_, i) => scanPdf(`notulen bersamaan ${i}`, 1)),
    );
    const answers = await Promise.all(
      scans.map((scan, i) =>
        kabagtu.post(`/api/meetings/${id}/minutes-scan`).attach('file', scan, `notulen-${i}.pdf`),
      ),
    );
    // Each either took its turn or was refused while another held the scan.
    for (const answer of answers) {
      expect([200, 409], JSON.stringify(answer.body)).toContain(answer.status);
      if (answer.status === 409)
        expect(answer.body.error.message).toBe(
          'Pindaian notulen rapat ini sedang diubah oleh permintaan lain. Coba lagi sebentar lagi.',
        );
    }
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    // Whatever the order: the meeting's scan is the only file of the meeting, recorded and
    // stored; no other upload left a record or an object.
    const after = await footprint(id);
    const attached = String(after.meeting?.minutes?.scanFileId);
    expect(after.files).toEqual([attached]);
    const ours = after.objects.filter((key) => key.includes(`/${id}/`));
    expect(ours.length).toBeGreaterThanOrEqual(1);
    for (const key of ours) expect(key).toContain(`/${id}/${attached}/`);
    // The scan is free again afterwards.
    const again = await uploadScan(
      kabagtu,
      id,
      'minutes-scan',
      'notulen sesudahnya',
      'notulen-akhir.pdf',
    );
    expect((await footprint(id)).files).toEqual([again.body.minutes.scan.id]);
  });
});
