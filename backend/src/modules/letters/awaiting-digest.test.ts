import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, jakartaDate } from '../calendar/dates.ts';
import { now, shiftClock } from '../../lib/clock.ts';
import {
  dispositionTestContext,
  loginAs,
  pos,
  registerLetter,
} from '../dispositions/test-support.ts';
import {
  AwaitingDigestModel,
  loadAwaitingDigest,
  packEntry,
  readEntries,
  storeEntries,
  unpackEntry,
  waitingIdsOf,
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
import { loadLetterQueue } from './queue-state.ts';

/**
 * The awaiting digest (awaiting-digest.ts) against the path it replaced: the waiting set
 * read whole by `addresseeStatusKey`, filtered and sorted in memory. Every search below
 * must give the same letters in the same order both ways, after each write path and when
 * the digest is missing, stale or wrong.
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
}, 120_000);

describe('awaiting digest: searching within the queue', () => {
  it('answers every search as reading the whole waiting set did, in the same order', async () => {
    const entry = {
      h: 'banjir\u001fdi desa\nbpbd',
      s: 'bpbd',
      c: '360',
      u: 'segera',
      d: today,
      y: 2026,
      n: null,
      r: 'umum',
    };
    expect(unpackEntry(packEntry(entry))).toEqual({ ...entry, h: 'banjir di desa\nbpbd' });
    expect(unpackEntry(packEntry({ ...entry, n: 0 })).n).toBe(0);
    await expectSameAsOldPath('fresh');
    const some = await awaitingQueue(sekda, { sort: 'priority', q: tag, page: 1, pageSize: 50 });
    expect(some.items.map((l) => l.subject)).toEqual([
      `${tag} banjir di kecamatan`,
      `${tag} perbaikan jalan provinsi`,
      `${tag} laporan banjir susulan`,
      `${tag} undangan rapat jalan`,
    ]);
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
      // Pruned to the waiting letters.
      expect(Object.keys(readEntries(doc!.entries)).sort()).toEqual(
        [...waitingIdsOf(queue)].sort(),
      );
    } finally {
      restore();
    }
  });

  it('repairs itself: rebuilt when missing, of another version or day; wrong entries never reach a page', async () => {
    await AwaitingDigestModel.deleteOne({ _id: sekda });
    await expectSameAsOldPath('missing');
    // A wrong entry (a change no touch key described) matches a word the letter lacks:
    // the page checks the letter itself, so it is not shown (the daily rebuild fixes it).
    const queue = await loadLetterQueue(sekda);
    const [someId] = [...(await loadAwaitingDigest(queue)).keys()];
    expect(someId).toBeDefined();
    const digest = await loadAwaitingDigest(queue);
    const stored = async () =>
      readEntries((await AwaitingDigestModel.findById(sekda).lean<{ entries: string }>())!.entries);
    const store = (entries: Record<string, string>) =>
      AwaitingDigestModel.updateOne({ _id: sekda }, { $set: { entries: storeEntries(entries) } });
    await store({
      ...(await stored()),
      [someId!]: packEntry({ ...digest.get(someId!)!, h: 'kata palsu' }),
    });
    const wrong = await awaitingQueue(sekda, {
      sort: 'priority',
      q: 'kata palsu',
      page: 1,
      pageSize: 5,
    });
    expect(wrong.items).toHaveLength(0);
    // An entry lost (a crash between writes of an older version): read by `_id`.
    const { [someId!]: _lost, ...kept } = await stored();
    void _lost;
    await store(kept);
    await expectSameAsOldPath('entry lost');
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
