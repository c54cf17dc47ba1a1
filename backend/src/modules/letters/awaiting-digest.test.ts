import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, jakartaDate } from '../calendar/dates.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import {
  disposeAs,
  dispositionTestContext,
  loginAs,
  pos,
  registerLetter,
} from '../dispositions/test-support.ts';
import {
  AwaitingDigestModel,
  loadAwaitingDigest,
  markAwaitingDigestsStale,
  packRow,
  readEntries,
  storeEntries,
  unpackRow,
  type AwaitingRow,
} from './awaiting-digest.ts';
import { refreshAllAwaitingDigests } from './awaiting-digest.startup.ts';
import {
  AWAITING_ORDER,
  awaitingFilterOf,
  awaitingQueue,
  type AwaitingOptions,
} from './awaiting-queue.ts';
import { addresseeStatusKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { queueHourOf } from './queue.keys.ts';
import { loadLetterQueue, type LetterQueue } from './queue-state.ts';

/** The ids of the letters waiting for the position's disposition, by its kept queue. */
function waitingIdsOf(queue: LetterQueue): string[] {
  return Object.entries(queue.cells)
    .filter(([cell]) => cell.startsWith('aw:'))
    .flatMap(([, ids]) => ids)
    .sort();
}

/**
 * The awaiting digest (awaiting-digest.ts) against the path it replaced: the waiting set
 * read whole by `addresseeStatusKey`, filtered and sorted in memory. Every page and search
 * below must give the same letters in the same order both ways, with the same fields
 * shown, after each write path and when the digest is missing, stale or wrong.
 */
const ctx = await dispositionTestContext();
const today = jakartaDate(now());
let sekda: string;
const tag = `digest${Date.now().toString(36)}`;

/** The old path: every waiting letter read, filtered and sorted in memory. */
async function oldPath(options: AwaitingOptions): Promise<string[]> {
  const letters = await IncomingLetterModel.find({
    addresseeStatusKey: addresseeStatusKeyOf(sekda, 'registered'),
  }).lean<IncomingLetter[]>();
  const filter = awaitingFilterOf(options);
  const wanted = new Set(options.urgencies ?? ['sangat_segera', 'segera', 'biasa']);
  return letters
    .filter((l) => wanted.has(l.urgency) && (!filter || filter(l)))
    .sort(AWAITING_ORDER[options.sort])
    .map((l) => String(l._id));
}

const SEARCHES: Array<Partial<AwaitingOptions>> = [
  {},
  { urgencies: ['segera'] },
  { sort: 'newest' },
  { q: tag },
  { q: `${tag} banjir` },
  { q: `${tag} JALAN`, sort: 'agenda' },
  { q: tag, sort: 'newest', urgencies: ['segera', 'biasa'] },
  { sender: 'dinas pekerjaan' },
  { classificationCode: '600' },
  { sort: 'agenda' },
  { q: 'tidakadakatainisamasekali' },
];

async function expectSameAsOldPath(label: string): Promise<void> {
  for (const search of SEARCHES) {
    const options: AwaitingOptions = { sort: 'priority', page: 1, pageSize: 500, ...search };
    const page = await awaitingQueue(sekda, options);
    const expected = await oldPath(options);
    expect(
      page.items.map((l) => String(l._id)),
      `${label}: ${JSON.stringify(search)}`,
    ).toEqual(expected);
    expect(page.total, `${label}: ${JSON.stringify(search)}`).toBe(expected.length);
  }
  // What each row shows is the letter's own, as it is now.
  const page = await awaitingQueue(sekda, { sort: 'priority', page: 1, pageSize: 500 });
  const letters = await IncomingLetterModel.find({
    addresseeStatusKey: addresseeStatusKeyOf(sekda, 'registered'),
  }).lean<IncomingLetter[]>();
  const shown = (l: Record<string, unknown>) => ({
    id: String(l._id),
    subject: l.subject,
    senderName: l.senderName,
    letterNumber: l.letterNumber,
    urgency: l.urgency,
    receivedDate: l.receivedDate,
    agendaNumber: l.agendaNumber ?? null,
    securityClass: l.securityClass,
    classificationCode: l.classificationCode,
    letterDate: l.letterDate,
    registeredAt: l.registeredAt ? new Date(l.registeredAt as Date).toISOString() : null,
    opened: ((l.readPositionIds as unknown[]) ?? []).map(String).includes(sekda),
  });
  const byId = new Map(letters.map((l) => [String(l._id), shown(l)]));
  for (const item of page.items)
    expect(shown(item as never), `${label}: the row of ${String(item._id)}`).toEqual(
      byId.get(String(item._id)),
    );
}

beforeAll(async () => {
  sekda = await pos('sekda');
  const letters: Array<Record<string, unknown>> = [
    { subject: `${tag} banjir di kecamatan`, urgency: 'sangat_segera', receivedDate: today },
    {
      subject: `${tag} perbaikan jalan provinsi`,
      urgency: 'segera',
      receivedDate: addDays(today, -2),
      senderName: 'Dinas Pekerjaan Umum',
      classificationCode: '600.1',
    },
    {
      subject: `${tag} laporan banjir susulan`,
      urgency: 'biasa',
      receivedDate: addDays(today, -5),
    },
    { subject: `${tag} undangan rapat jalan`, urgency: 'biasa', receivedDate: addDays(today, -1) },
  ];
  for (const letter of letters) await registerLetter(ctx, letter);
});

describe('awaiting digest: searching within the queue', () => {
  it('answers every search as reading the whole waiting set did, in the same order', async () => {
    const row: AwaitingRow = {
      id: 'abc',
      urgency: 'segera',
      receivedDate: today,
      agendaYear: 2026,
      agendaNumber: null,
      register: 'umum',
      classificationCode: '360',
      securityClass: 'B',
      opened: false,
      letterDate: today,
      registeredAt: '',
      senderKey: 'bpbd',
      letterNumberKey: '360/12',
      letterNumber: '360/12',
      senderName: 'BPBD',
      subject: 'banjir\u001fdi desa\u001e dan\u001d kota',
    };
    expect(unpackRow('abc', packRow(row))).toEqual({
      ...row,
      subject: 'banjir di desa  dan  kota',
    });
    expect(unpackRow('abc', packRow({ ...row, agendaNumber: 0, opened: true }))).toMatchObject({
      agendaNumber: 0,
      opened: true,
    });
    await expectSameAsOldPath('fresh');
    const some = await awaitingQueue(sekda, { sort: 'priority', q: tag, page: 1, pageSize: 50 });
    expect(some.items.map((l) => l.subject)).toEqual([
      `${tag} banjir di kecamatan`,
      `${tag} perbaikan jalan provinsi`,
      `${tag} laporan banjir susulan`,
      `${tag} undangan rapat jalan`,
    ]);
  });

  it('never drifts from the letters: a correction of perihal and sifat, a read mark and a disposition show in the list at once', async () => {
    const id = await registerLetter(ctx, {
      subject: `${tag} drift sebelum koreksi`,
      urgency: 'biasa',
      receivedDate: today,
    });
    const rowOfList = async () => {
      const page = await awaitingQueue(sekda, { sort: 'priority', page: 1, pageSize: 500 });
      return { page, row: page.items.find((l) => String(l._id) === id) };
    };
    const before = await rowOfList();
    expect(before.row).toMatchObject({ subject: `${tag} drift sebelum koreksi`, urgency: 'biasa' });
    expect(before.row!.readPositionIds).toEqual([]);
    const clerk = await loginAs(ctx, 'agendaris');
    await clerk
      .patch(`/api/incoming-letters/${id}`)
      .send({ subject: `${tag} drift sesudah koreksi`, urgency: 'sangat_segera', reason: 'Salah' })
      .expect(200);
    const corrected = await rowOfList();
    expect(corrected.row).toMatchObject({
      subject: `${tag} drift sesudah koreksi`,
      urgency: 'sangat_segera',
    });
    expect(corrected.page.byUrgency.sangat_segera).toBe(before.page.byUrgency.sangat_segera + 1);
    expect(corrected.page.byUrgency.biasa).toBe(before.page.byUrgency.biasa - 1);
    expect(
      (await awaitingQueue(sekda, { sort: 'priority', q: 'drift sebelum', page: 1, pageSize: 5 }))
        .items,
    ).toHaveLength(0);
    const sekdaAgent = await loginAs(ctx, 'sekda');
    await sekdaAgent.post(`/api/incoming-letters/${id}/read`).expect(204);
    expect((await rowOfList()).row!.readPositionIds).toEqual([sekda]);
    await expectSameAsOldPath('after the correction and the read mark');
    await disposeAs(sekdaAgent, id, [{ key: 'asisten3' }]);
    const disposed = await rowOfList();
    expect(disposed.row).toBeUndefined();
    expect(disposed.page.unfilteredTotal).toBe(before.page.unfilteredTotal - 1);
    await expectSameAsOldPath('after the disposition');
  });

  it('follows registration, correction and voiding through the touched hours, live and once the hour is kept', async () => {
    await registerLetter(ctx, { subject: `${tag} banjir baru tercatat`, urgency: 'segera' });
    await expectSameAsOldPath('after registration');
    const clerk = await loginAs(ctx, 'agendaris');
    const [first] = (
      await awaitingQueue(sekda, { sort: 'priority', q: `${tag} kecamatan`, page: 1, pageSize: 5 })
    ).items;
    await clerk
      .patch(`/api/incoming-letters/${String(first!._id)}`)
      .send({ subject: `${tag} tanah longsor di desa`, reason: 'Perihal salah ketik' })
      .expect(200);
    await expectSameAsOldPath('after correction');
    expect(
      (await awaitingQueue(sekda, { sort: 'priority', q: 'longsor', page: 1, pageSize: 5 })).items,
    ).toHaveLength(1);
    const [toVoid] = (
      await awaitingQueue(sekda, { sort: 'priority', q: `${tag} susulan`, page: 1, pageSize: 5 })
    ).items;
    await clerk
      .post(`/api/incoming-letters/${String(toVoid!._id)}/void`)
      .send({ reason: 'Tercatat ganda' })
      .expect(200);
    await expectSameAsOldPath('after voiding');
    // Two hours on: the touched hours are kept in the digest, not re-read.
    const restore = shiftClock(2 * 3_600_000);
    try {
      await expectSameAsOldPath('two hours later');
      const doc = await AwaitingDigestModel.findById(sekda).lean<{
        entries: string;
      }>();
      const queue = await loadLetterQueue(sekda);
      // Pruned to the waiting letters: the same set as the kept queue counts.
      expect(Object.keys(readEntries(doc!.entries)).sort()).toEqual(waitingIdsOf(queue));
    } finally {
      restore();
    }
  });

  it('repairs itself: rebuilt when missing, of another version or day; wrong entries never reach a page', async () => {
    await AwaitingDigestModel.deleteOne({ _id: sekda });
    await expectSameAsOldPath('missing');
    // A wrong row (a change no touch key described) is shown as it is kept until the digest
    // is marked stale or rebuilt (the daily rebuild, at the latest): the list reads no letter.
    const someId = Object.keys(await loadAwaitingDigest(sekda))[0]!;
    expect(someId).toBeDefined();
    const stored = async () =>
      readEntries((await AwaitingDigestModel.findById(sekda).lean<{ entries: string }>())!.entries);
    // Kept through the current hour, so no touched hour (this file's letters were all
    // registered in it) re-reads and so repairs the rows below.
    const store = (entries: Record<string, string>) =>
      AwaitingDigestModel.updateOne(
        { _id: sekda },
        { $set: { entries: storeEntries(entries), throughHour: queueHourOf(now()) } },
      );
    const entries = await stored();
    await store({
      ...entries,
      [someId]: packRow({ ...unpackRow(someId, entries[someId]!), subject: 'kata palsu' }),
    });
    const search = { sort: 'priority', q: 'kata palsu', page: 1, pageSize: 5 } as const;
    expect((await awaitingQueue(sekda, search)).items).toHaveLength(1);
    await markAwaitingDigestsStale([sekda]);
    expect((await awaitingQueue(sekda, search)).items).toHaveLength(0);
    await expectSameAsOldPath('wrong row, marked stale');
    // A row lost (a crash of an older version): back at the daily rebuild.
    const { [someId]: _lost, ...kept } = await stored();
    void _lost;
    await store(kept);
    await AwaitingDigestModel.updateOne({ _id: sekda }, { $set: { builtDay: '2000-01-01' } });
    await expectSameAsOldPath('row lost, a day old');
    // Another version or an earlier day: rebuilt from the waiting set.
    await AwaitingDigestModel.updateOne({ _id: sekda }, { $set: { version: 0 } });
    await expectSameAsOldPath('older version');
    await AwaitingDigestModel.updateOne({ _id: sekda }, { $set: { builtDay: '2000-01-01' } });
    expect((await refreshAllAwaitingDigests()).rebuilt).toBeGreaterThanOrEqual(1);
    const rebuilt = await AwaitingDigestModel.findById(sekda).lean<{ builtDay: string }>();
    expect(rebuilt!.builtDay > '2000-01-01').toBe(true);
    await expectSameAsOldPath('rebuilt by the refresh');
  });
});
