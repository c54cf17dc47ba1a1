import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';
import { createMeeting, word, uploadScan } from '../../../test/meetings-fixture.ts';
import { todayInJakarta } from '../calendar/calendar.service.ts';
import { addDays } from '../calendar/dates.ts';
import { loginAs, pos, scanPdf } from '../dispositions/test-support.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { fileStorage } from '../files/file-storage.ts';
import { JobModel } from '../jobs/job.model.ts';
import { OcrPageModel } from '../ocr/ocr-page.model.ts';
import { processFile, publishFileText } from '../ocr/processor.ts';
import { TesseractPool } from '../ocr/tesseract-pool.ts';
import { dispositionTestContext } from '../dispositions/test-support.ts';
import { MeetingModel } from './meeting.model.ts';
import { publishSearchDocument } from '../search/publish.ts';
import { startSearchIndex } from '../search/runtime.ts';
import { MEETING_SEARCH_VERSION } from './meetings.search.ts';
import { backfillMeetingSearch } from './meetings.startup.ts';

let ctx: TestContext;
let pool: TesseractPool;
beforeAll(async () => {
  ctx = await dispositionTestContext();
  pool = await TesseractPool.create(1);
});
afterAll(async () => {
  await pool?.terminate();
});

interface Hit {
  letterId: string;
  direction: string;
  snippet: string;
  page?: number;
  fileId?: string;
  meeting?: { id: string; title: string; startAt: string; matchedIn: string };
}

/** Runs the OCR job of a file as the worker would (the test harness runs no worker). */
async function readScan(fileId: string): Promise<void> {
  await processFile(fileId, {
    storage: fileStorage(ctx.config),
    pool,
    logger: ctx.services.logger,
  });
  await JobModel.updateOne({ dedupeKey: `ocr:${fileId}` }, { $set: { status: 'done' } });
}

describe('meeting search', () => {
  it('finds a meeting by its title, drafted minutes, minutes scan and attendance sheet, only for who may see it; replaced and removed scans leave the index', async () => {
    const [titleWord, draftWord, scanWord, sheetWord, newScanWord] = [
      word('kopi'),
      word('lada'),
      word('sawit'),
      word('karet'),
      word('cengkeh'),
    ];
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id, body: created } = await createMeeting(
      kabagtu,
      `Rapat Koordinasi Komoditas ${titleWord}`,
      {
        kind: 'rapat_koordinasi',
        endTime: '11:00',
        place: 'Ruang Rapat Sekda',
        chairPositionId: await pos('sekda'),
      },
    );
    const asisten1 = await loginAs(ctx, 'asisten1');
    const karohukum = await loginAs(ctx, 'karohukum');
    const search = async (agent: typeof kabagtu, q: string) => {
      const response = await agent.get('/api/search').query({ q });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body.items as Hit[]).filter((hit) => hit.letterId === id);
    };

    // The title: a meeting hit with its title and date, opened at the meeting.
    const byTitle = await search(asisten1, titleWord);
    expect(byTitle).toHaveLength(1);
    expect(byTitle[0]).toMatchObject({
      direction: 'meeting',
      meeting: {
        id,
        title: `Rapat Koordinasi Komoditas ${titleWord}`,
        startAt: created.startAt,
        matchedIn: 'rapat',
      },
    });
    // Not invited, not in the line of an invited unit: neither the hit nor its snippet.
    expect(await search(karohukum, titleWord)).toEqual([]);

    // Drafted minutes are indexed as written, no OCR needed.
    expect(
      (
        await kabagtu
          .put(`/api/meetings/${id}/minutes`)
          .send({ pembahasan: `Harga ${draftWord} dibahas per kabupaten.` })
      ).status,
    ).toBe(200);
    const byDraft = await search(asisten1, draftWord);
    expect(byDraft.map((h) => h.meeting?.matchedIn)).toEqual(['notulen']);
    expect(byDraft[0]!.snippet).toContain(`<mark>${draftWord}</mark>`);
    expect(await search(karohukum, draftWord)).toEqual([]);

    // The minutes scan: queued for OCR, found by a word on it once read, at its page.
    const upload = await uploadScan(
      kabagtu,
      id,
      'minutes-scan',
      `Notulen ${scanWord}`,
      'notulen.pdf',
      2,
    );
    expect(upload.body.minutes).toMatchObject({ mode: 'scan', scan: { ocrStatus: 'queued' } });
    const scanId = upload.body.minutes.scan.id as string;
    expect(await JobModel.exists({ dedupeKey: `ocr:${scanId}` })).toBeTruthy();
    expect(await search(asisten1, scanWord)).toEqual([]);
    await readScan(scanId);
    const byScan = await search(asisten1, scanWord);
    expect(byScan).toHaveLength(1);
    expect(byScan[0]).toMatchObject({
      fileId: scanId,
      page: expect.any(Number),
      meeting: { matchedIn: 'pindaian_notulen' },
    });
    expect(await search(karohukum, scanWord)).toEqual([]);
    // The text written beside the scan stays on the page, and so in search.
    expect((await search(asisten1, draftWord)).map((h) => h.meeting?.matchedIn)).toEqual([
      'notulen',
    ]);
    expect((await asisten1.get(`/api/meetings/${id}`)).body.minutes.scan.ocrStatus).toBe('done');

    // The signed attendance sheet is read and found too.
    const sheet = await uploadScan(
      kabagtu,
      id,
      'attendance-sheet',
      `Daftar hadir ${sheetWord}`,
      'hadir.pdf',
    );
    await readScan(sheet.body.attendanceSheet.id);
    expect((await search(asisten1, sheetWord)).map((h) => h.meeting?.matchedIn)).toEqual([
      'daftar_hadir',
    ]);
    expect(await search(karohukum, sheetWord)).toEqual([]);

    // Replacing the minutes scan: the old one's text, pages, record and objects go.
    const replaced = await uploadScan(
      kabagtu,
      id,
      'minutes-scan',
      `Notulen perbaikan ${newScanWord}`,
      'notulen-2.pdf',
    );
    expect(await search(asisten1, scanWord)).toEqual([]);
    expect(await StoredFileModel.exists({ _id: scanId })).toBeNull();
    expect(await OcrPageModel.exists({ fileId: scanId })).toBeNull();
    await readScan(replaced.body.minutes.scan.id);
    expect((await search(asisten1, newScanWord)).map((h) => h.meeting?.matchedIn)).toEqual([
      'pindaian_notulen',
    ]);

    // Removing the attendance sheet: no stale hit.
    const removed = await kabagtu.delete(`/api/meetings/${id}/attendance-sheet`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.attendanceSheet).toBeNull();
    expect(await search(asisten1, sheetWord)).toEqual([]);
    // Only who manages the meeting removes its scans.
    expect((await asisten1.delete(`/api/meetings/${id}/minutes-scan`)).status).toBe(403);
  });

  it('keeps no text of a scan removed while the worker was reading it', async () => {
    const lateWord = word('tembakau');
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, 'Rapat pembacaan terlambat');
    const upload = await uploadScan(
      kabagtu,
      id,
      'minutes-scan',
      `Notulen ${lateWord}`,
      'notulen.pdf',
    );
    const fileId = upload.body.minutes.scan.id as string;
    const file = (await StoredFileModel.findById(fileId).lean())!;
    expect((await kabagtu.delete(`/api/meetings/${id}/minutes-scan`)).status).toBe(200);
    // The worker finishes after the removal and publishes the pages it read.
    await publishFileText(file, [`Notulen ${lateWord}`]);
    const hits = await kabagtu.get('/api/search').query({ q: lateWord });
    expect(hits.body.items.map((h: Hit) => h.letterId)).not.toContain(id);
    // A scan still attached is published as read (the check above is not what hides it).
    const again = await kabagtu
      .post(`/api/meetings/${id}/minutes-scan`)
      .attach('file', await scanPdf(`Notulen ${lateWord}`, 1), 'notulen.pdf');
    const kept = (await StoredFileModel.findById(again.body.minutes.scan.id).lean())!;
    await publishFileText(kept, [`Notulen ${lateWord}`]);
    const found = await kabagtu.get('/api/search').query({ q: lateWord });
    expect(found.body.items.map((h: Hit) => h.letterId)).toContain(id);
  });

  it('publishes meetings made before they were searchable at start-up, once', async () => {
    const titleWord = word('pala');
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, `Rapat ${titleWord}`, {
      date: addDays(todayInJakarta(), 1),
      startTime: '13:00',
      endTime: '14:00',
    });
    // As an older version left it: never published.
    await MeetingModel.collection.updateOne(
      { _id: new mongoose.Types.ObjectId(id) },
      { $unset: { searchVersion: '' } },
    );
    expect(await backfillMeetingSearch(ctx.services.logger)).toBeGreaterThanOrEqual(1);
    expect((await MeetingModel.findById(id).lean())?.searchVersion).toBe(MEETING_SEARCH_VERSION);
    expect(await backfillMeetingSearch(ctx.services.logger)).toBe(0);
    const hits = await kabagtu.get('/api/search').query({ q: titleWord });
    expect(hits.body.items.map((h: Hit) => h.letterId)).toContain(id);
  });

  it('finds the decisions as follow-up items (tindak lanjut), not as the meeting data', async () => {
    const [placeWord, decisionWord] = [word('gedung'), word('irigasi')];
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, 'Rapat tindak lanjut bendungan', {
      kind: 'rapat_koordinasi',
      place: `Ruang ${placeWord}`,
      chairPositionId: await pos('sekda'),
    });
    const decisions = await kabagtu.put(`/api/meetings/${id}/decisions`).send({
      decisions: [
        {
          instruction: `Perbaiki saluran ${decisionWord} sebelum musim tanam`,
          positionId: await pos('asisten1'),
          dueDate: addDays(todayInJakarta(), 7),
        },
      ],
    });
    expect(decisions.status, JSON.stringify(decisions.body)).toBe(200);
    const asisten1 = await loginAs(ctx, 'asisten1');
    const hits = async (q: string) => {
      const response = await asisten1.get('/api/search').query({ q });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body.items as Hit[]).filter((hit) => hit.letterId === id);
    };
    const byDecision = await hits(decisionWord);
    expect(byDecision.map((h) => h.meeting?.matchedIn)).toEqual(['tindak_lanjut']);
    expect(byDecision[0]!.snippet).toContain(`<mark>${decisionWord}</mark>`);
    // The place is still the meeting's own data.
    expect((await hits(placeWord)).map((h) => h.meeting?.matchedIn)).toEqual(['rapat']);
    // Decisions removed: no stale hit.
    expect(
      (await kabagtu.put(`/api/meetings/${id}/decisions`).send({ decisions: [] })).status,
    ).toBe(200);
    expect(await hits(decisionWord)).toEqual([]);
  });

  /** What the index itself holds for a word, whoever may see it (no policy, no record check). */
  async function indexed(q: string, id: string): Promise<Array<string | null>> {
    const indexer = await startSearchIndex(ctx.services);
    await indexer.catchUp();
    const everything = { openRank: 3, principals: [], chainRank: 3 };
    return indexer.engine
      .search(
        { text: q, direction: 'meeting', page: 1, pageSize: 50 },
        { ...everything, meeting: everything },
      )
      .items.filter((hit) => hit.letterId === id)
      .map((hit) => hit.matched);
  }

  it('drops a cancelled meeting from search: its title, minutes, decisions and scans', async () => {
    const [titleWord, draftWord, decisionWord, scanWord] = [
      word('jagung'),
      word('kedelai'),
      word('pupuk'),
      word('benih'),
    ];
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, `Rapat ${titleWord} yang dibatalkan`, {
      date: addDays(todayInJakarta(), 2),
    });
    expect(
      (await kabagtu.put(`/api/meetings/${id}/minutes`).send({ pembahasan: `Stok ${draftWord}.` }))
        .status,
    ).toBe(200);
    expect(
      (
        await kabagtu.put(`/api/meetings/${id}/decisions`).send({
          decisions: [
            {
              instruction: `Salurkan ${decisionWord}`,
              positionId: await pos('asisten1'),
              dueDate: addDays(todayInJakarta(), 7),
            },
          ],
        })
      ).status,
    ).toBe(200);
    const sheet = await uploadScan(
      kabagtu,
      id,
      'attendance-sheet',
      `Daftar hadir ${scanWord}`,
      'hadir.pdf',
    );
    await readScan(sheet.body.attendanceSheet.id);
    const words = [titleWord, draftWord, decisionWord, scanWord];
    const found = async () =>
      Promise.all(
        words.map(async (q) => {
          const response = await kabagtu.get('/api/search').query({ q });
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          return (response.body.items as Hit[])
            .filter((hit) => hit.letterId === id)
            .map((hit) => hit.meeting?.matchedIn);
        }),
      );
    expect(await found()).toEqual([['rapat'], ['notulen'], ['tindak_lanjut'], ['daftar_hadir']]);

    const cancelled = await kabagtu.post(`/api/meetings/${id}/cancel`).send({});
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('batal');
    expect(await found()).toEqual([[], [], [], []]);
    // Gone from the index itself, not only hidden from the answer.
    for (const q of words) expect(await indexed(q, id)).toEqual([]);
  });

  it('hides a cancelled meeting the index still holds, and the start-up repair removes it', async () => {
    const titleWord = word('kakao');
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id } = await createMeeting(kabagtu, `Rapat ${titleWord}`, {
      date: addDays(todayInJakarta(), 3),
      startTime: '13:00',
      endTime: '14:00',
    });
    expect((await kabagtu.post(`/api/meetings/${id}/cancel`).send({})).status).toBe(200);
    // As the previous version left it: cancelled, yet still published (version 1).
    const meeting = (await MeetingModel.findById(id).lean())!;
    await publishSearchDocument({
      kind: 'meeting',
      letterId: id,
      subject: meeting.title,
      recipientName: meeting.chair.positionTitle,
      summary: meeting.place,
      date: meeting.startAt,
      acl: {
        securityClass: 'B',
        positionIds: [String(meeting.chair.positionId), ...meeting.positionIds.map(String)],
        unitIds: meeting.unitIds.map(String),
        ownerUserIds: [String(meeting.createdBy!.userId)],
      },
    });
    await MeetingModel.collection.updateOne(
      { _id: new mongoose.Types.ObjectId(id) },
      { $set: { searchVersion: 1 } },
    );
    expect(await indexed(titleWord, id)).toEqual(['record']);
    // The answer asks the record: a cancelled meeting is no result, and not counted.
    const hidden = await kabagtu.get('/api/search').query({ q: titleWord });
    expect(hidden.status).toBe(200);
    expect(hidden.body.items.map((h: Hit) => h.letterId)).not.toContain(id);

    expect(await backfillMeetingSearch(ctx.services.logger)).toBeGreaterThanOrEqual(1);
    expect(await indexed(titleWord, id)).toEqual([]);
    expect((await MeetingModel.findById(id).lean())?.searchVersion).toBe(MEETING_SEARCH_VERSION);
    expect(await backfillMeetingSearch(ctx.services.logger)).toBe(0);
  });
});
