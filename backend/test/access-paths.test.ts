// Budgets and index coverage of the hot endpoints (issue 13, docs/performance.md "Query
// budgets"). Each endpoint is called as a user would, through the app in-process; every
// database command it issues is recorded (test/command-recorder.ts). Two checks per endpoint:
// (a) the number of commands is within its budget; (b) every read is served by an index the
// models declare (equality fields first, then the sort, then one range), has a top-level
// equality FerretDB pushes down, and no read scans a collection that grows with the letters.
// On failure the recorded commands are printed, marked, so the fixer sees what to change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type LoggedInAgent } from './auth-helpers.ts';
import {
  accessPathViolations,
  CommandRecorder,
  connectMonitored,
  describeRequest,
  type RecordedRequest,
} from './command-recorder.ts';
import { claimJob, completeJob } from '../src/modules/jobs/jobs.service.ts';
import {
  dispositionTestContext,
  disposeAs,
  forwardAs,
  registerLetter,
  reportAs,
} from '../src/modules/dispositions/test-support.ts';
import { findPositionByKey, findUnitByCode } from '../src/modules/org/org.service.ts';
import { AgendaEntryModel } from '../src/modules/agenda/agenda.model.ts';
import { seedClassificationCodes } from '../src/modules/classification/classification.service.ts';
import { OcrPageModel } from '../src/modules/ocr/ocr-page.model.ts';
import { OutgoingLetterModel } from '../src/modules/outgoing/outgoing.model.ts';
import { seedRetentionRules } from '../src/modules/archive/retention.service.ts';
import { quickDraft } from '../src/modules/outgoing/test-fixtures.ts';
import { backfillUrgencyBuckets } from '../src/modules/letters/letters.urgency.ts';

/** The budget: database commands per request, session and actor resolution included, with
 * warm caches (the same request made once before). What a well-shaped implementation needs:
 * authentication 2 (session by key, actor from a short-lived cache checked against its
 * epoch), then a few equality reads per part of the page and one per counter, never one per
 * item of a list (a page's letters come with it or in one read, not one read per row). */
const BUDGETS: Record<string, number> = {
  'auth/me': 3,
  'auth/session (the first load of the app)': 3,
  'inbox of the Sekda (with counters)': 12,
  'inbox of a mid-level position': 12,
  // Auth 2, the position's awaiting digest (`_id`: every waiting letter's row), the letters
  // touched since it was kept (one hour; two in the first ten minutes of an hour), and the
  // write that keeps the settled hour when the request is the first after the tenth minute
  // (the background refresh usually did it). No letter by `_id`; the due dates' settings
  // and holidays are kept in the process for a minute (dispositions/awaiting.ts).
  'letters awaiting disposition': 6,
  // A sifat only: the same, filtered in memory.
  'letters awaiting disposition, one sifat': 6,
  // A word filter and the agenda order: the same, filtered and sorted in memory. Never the
  // waiting set (letters/awaiting-digest.ts).
  'letters awaiting disposition, searched within, agenda order': 6,
  'in-progress tab of a mid-level position': 12,
  'done tab of a mid-level position, page 2': 11,
  // An open tab most urgent first, one sifat, by sender and classification: the counters'
  // reads, then the (sifat, deadline day) buckets by `openKey`, filtered in memory.
  'in-progress tab, one sifat, filtered by sender and classification': 12,
  // A history filtered in memory (sifat, sender): the counters' reads, then its days.
  'all tab of a mid-level position, filtered by sifat and sender': 12,
  // "Baru": the visit by `_id`, then its upsert by `_id`.
  'queue visit recorded as the queue opens': 4,
  "the user's queue visits": 3,
  'dispositions counters': 10,
  'letter detail (with its files)': 6,
  'letter journey': 8,
  'letter history': 5,
  // The letter desk's register, one register and year: the counter, then the page's slot.
  'register list page': 4,
  // The list as it opens (every register): the registers and each one's counters first.
  'register list page, every register (as the list opens)': 5,
  'OCR status of a file': 6,
  // The viewer's search hits on the page images: auth 2, the file, its letter (access), the
  // file's pages with their word boxes by `fileId`.
  'word boxes of the search hits in a file': 5,
  // The registration's classification suggestion: auth 2, the sender's tally and each
  // subject word's by `_id` (4 words here), then each code shown by `code` (2).
  'classification suggestion while registering': 10,
  // The registration's asal pengirim: auth 2, the sender's address-book entry by `nameKey`.
  'sender category offered while registering': 3,
  search: 6,
  // The filter panel: auth 2, the active registers (a handful of rows).
  'search filter options': 3,
  // A register filter also reads whether that register is the default one (by code).
  'search, register filter': 7,
  // Meetings only (`direction=meeting`): auth 2, then each meeting hit on the page by `_id`
  // (two here) for its start and which scan is which; the local index already filtered who
  // may see them (no database read for the search itself).
  'search, meeting hits': 4,
  'notifications (the bell, on every page load)': 5,
  // Total, this month's count, this month's jobs, then one `_id` read per row's file (two
  // rows here): the finished jobs are walked by month, never read whole.
  'finished OCR jobs (administrators)': 7,
  // Outgoing lists walked by `<scope>:<period>` keys (list-walk.ts): one read per scope of
  // the reader (user, each position held, the desk's clearance) per period walked, plus the
  // lists' floor; the data here fits in today's period.
  'outgoing letters, "all" box (drafter)': 6,
  'outgoing register (letter desk)': 6,
  // A berkas with its letters: the berkas, its items, then per incoming letter its
  // dispositions and its report count by `letterId` equality (4 letters here: 8 reads).
  'berkas with its letters and their disposition trail': 16,
  // Berkas by `status` equality each, the rest checked in memory.
  'retention dashboard': 10,
  'berkas due: open': 5,
  'lending list': 5,
  // The berkas list: the years (berkas counters, bounded), then a year at a time by `year`.
  'berkas list': 5,
  // The agenda of one position for a week: auth 2, the position, its keepers, the week's
  // month bucket by `monthKey` (two when the week spans two months).
  'agenda week of one official': 6,
  // The leadership together: one read per leadership position kind (4), each position's
  // keepers (Sekda and three Asisten here) and month bucket.
  'agenda of the leadership, one week': 14,
  // The private feed, no session: the feed by `tokenHash`, the position, then the month
  // buckets of a month back and half a year ahead (8), the position's reminder lead times.
  'agenda iCalendar feed': 11,
  // The meetings of a month with their decisions' figures: auth, then the month's bucket by
  // `monthKey` (the figures are copied onto the meetings: no disposition is read).
  'meetings of one month (the Sekda)': 5,
  // One meeting: auth, the meeting by `_id` (its files by `_id` when it has any).
  'one meeting with attendance, minutes and decisions': 5,
  // The monitoring screen of the whole organisation: auth 2, the scopes and the unit tree
  // (units by `parentId`/`_id`/`ancestorIds`, bounded), the positions of each unit of the
  // subtree by `unitId` (40 units here), the positions whose kept items name the unit (a
  // moved one: `units`, one read), then per position (103 here) its kept open items by
  // `_id` and the nodes changed since by `hourKeys` (one hour; two in the first ten minutes
  // of an hour, plus the write that keeps the settled hour when the request is the first
  // after it: at most 4 a position), never the open nodes (reports/open-items.ts); the 90
  // days' kept week digests by `_id` (13 or 14), the listed items by `_id` (12 here, at most
  // 300), their holders in two reads. 281 measured mid-hour; 490 covers the hour's turn.
  'monitoring overview (the Sekda)': 490,
  // The Sekda's month: the scope (a read of positions per unit of the tree), the month's
  // days of incoming letters by `receivedDate`, the signed outgoing letters, the month's
  // 5-6 kept week digests by `_id`, archive events, meetings, and the monitoring overview's
  // figures (as above, without its items). 362 measured mid-hour for December (31 days, 5
  // weeks); up to 2 more reads a position at the hour's turn, and a 6-week month one more.
  'monthly report (the Sekda)': 570,
  // The Sekda's year: the same for every day and week of the year, from the kept digests
  // (reports/letter-tallies.ts, follow-up-weeks.ts): a day's incoming letters and a month's
  // outgoing ones are one `_id` read each (377), never the letters. 833 measured mid-hour;
  // up to 2 more reads a position at the hour's turn, a leap year one day more.
  'yearly report (the Sekda)': 1050,
};

const ctx = await dispositionTestContext();
await connectMonitored(ctx.config.MONGODB_URI, ctx.config.MONGODB_DB);
const recorder = new CommandRecorder(ctx.app);

interface Seeded {
  letterId: string;
  fileId: string;
  register: string;
  year: number;
  sekda: LoggedInAgent;
  asisten: LoggedInAgent;
  asisten1: LoggedInAgent;
  admin: LoggedInAgent;
}
let seeded: Seeded;

/** A modest secretariat: six letters to the Sekda, four disposed down two levels, two still
 * awaiting disposition. */
async function seed(): Promise<Seeded> {
  const letters: string[] = [];
  for (let i = 0; i < 6; i++)
    letters.push(await registerLetter(ctx, { subject: `Rapat koordinasi anggaran ${i + 1}` }));
  // The start-up pass that completes the sifat buckets (the register's sifat filter and
  // "Paling mendesak" read them once it has run).
  await backfillUrgencyBuckets();
  const sekda = await loginAs(ctx, 'sekda');
  const asisten = await loginAs(ctx, 'asisten3');
  const asisten1 = await loginAs(ctx, 'asisten1');
  for (const [i, letterId] of letters.slice(0, 4).entries()) {
    const first = await disposeAs(sekda, letterId, [{ key: 'asisten3' }, { key: 'asisten1' }]);
    await forwardAs(asisten, first.asisten3!.id, [{ key: 'karoumum' }]);
    // Two of Asisten I's are done: the "selesai" tab has pages.
    if (i < 2) {
      await reportAs(asisten1, first.asisten1!.id, { text: 'Sudah ditindaklanjuti.' }).expect(201);
      await asisten1.post(`/api/dispositions/${first.asisten1!.id}/complete`).expect(200);
    }
  }
  // Two scans read by a worker: their jobs are finished (the rest stay queued).
  for (let i = 0; i < 2; i++) {
    const job = await claimJob(['ocr'], 'access-paths', 60_000);
    await completeJob(job!._id, 'access-paths');
  }
  const detail = await sekda.get(`/api/incoming-letters/${letters[0]}`).expect(200);
  return {
    letterId: letters[0]!,
    fileId: detail.body.files[0].id,
    register: detail.body.register,
    year: detail.body.agendaYear,
    // The measured agents: their requests are recorded.
    sekda: await loginAs(() => recorder.agent(), 'sekda'),
    asisten: await loginAs(() => recorder.agent(), 'asisten3'),
    asisten1: await loginAs(() => recorder.agent(), 'asisten1'),
    admin: await loginAs(() => recorder.agent(), 'admin'),
  };
}

beforeAll(async () => {
  seeded = await seed();
});

interface SeededLists {
  berkasId: string;
  staftu: LoggedInAgent;
  agendaris: LoggedInAgent;
  arsiparis: LoggedInAgent;
}
let lists: SeededLists;

/** Three outgoing letters drafted by the TU staff (two of them signed), and a berkas
 * holding four of the disposed letters. Signing is recorded straight through the model
 * (its update hook sets the keys as a signature does): the chain is not what is measured. */
async function seedLists(): Promise<SeededLists> {
  await seedClassificationCodes();
  await seedRetentionRules();
  const staftu = await loginAs(ctx, 'staftu');
  const outgoing: string[] = [];
  for (let i = 0; i < 3; i++) {
    const made = await staftu
      .post('/api/outgoing-letters')
      .send(await quickDraft({ subject: `Undangan rapat ${i + 1}` }));
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    outgoing.push(made.body.id);
  }
  for (const [i, id] of outgoing.slice(0, 2).entries())
    await OutgoingLetterModel.updateOne(
      { _id: id },
      { $set: { status: 'signed', signedAt: new Date(), number: `000.1/${i + 1}/B.UM` } },
    );
  const arsiparis = await loginAs(ctx, 'arsiparis');
  const unitId = String((await findUnitByCode('B.UM.1'))!._id);
  const berkas = await arsiparis
    .post('/api/archive/berkas')
    .send({ unitId, classificationCode: '000.1.5', title: 'Rapat koordinasi anggaran' });
  expect(berkas.status, JSON.stringify(berkas.body)).toBe(201);
  // The four disposed letters (subjects 1 to 4), from the register list.
  const register = await (
    await loginAs(ctx, 'agendaris')
  )
    .get('/api/incoming-letters')
    .query({ register: seeded.register, year: seeded.year, pageSize: 25 })
    .expect(200);
  const disposed = (register.body.items as { id: string; subject: string }[])
    .filter((l) => /anggaran [1-4]$/.test(l.subject))
    .map((l) => ({ type: 'incoming', id: l.id }));
  const filed = await arsiparis
    .post(`/api/archive/berkas/${berkas.body.id}/items`)
    .send({ letters: disposed });
  expect(filed.body.filed, JSON.stringify(filed.body)).toHaveLength(4);
  return {
    berkasId: berkas.body.id,
    staftu: await loginAs(() => recorder.agent(), 'staftu'),
    agendaris: await loginAs(() => recorder.agent(), 'agendaris'),
    arsiparis: await loginAs(() => recorder.agent(), 'arsiparis'),
  };
}

beforeAll(async () => {
  lists = await seedLists();
});

/** The Sekda's agenda: three entries this week (made straight through the model: the
 * registration is not what is measured), and a private feed. */
let agendaFeedUrl = '';
// Next week, so the feed (a month back, half a year ahead) shows it whenever this runs.
const agendaFrom = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const agendaTo = new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10);
beforeAll(async () => {
  const sekdaId = await findPositionByKey('sekda');
  for (const [i, hour] of ['02', '03', '06'].entries())
    await AgendaEntryModel.create({
      positionId: sekdaId!._id,
      positionTitle: sekdaId!.title,
      title: `Rapat koordinasi ${i + 1}`,
      start: new Date(`${agendaFrom}T${hour}:00:00Z`),
      end: new Date(new Date(`${agendaFrom}T${hour}:00:00Z`).getTime() + 1_800_000),
      timeZone: 'WIB',
      place: 'Ruang Rapat Utama',
      status: 'pending',
      sourceKey: `access-paths:${i}`,
    });
  const sekda = await loginAs(ctx, 'sekda');
  const feed = await sekda
    .post('/api/agenda/feeds')
    .send({ positionId: String(sekdaId!._id) })
    .expect(201);
  agendaFeedUrl = feed.body.url;
});

/** Two meetings of the Sekda this month, one with its minutes final and two decisions (the
 * decisions' dispositions come along: they are not what is measured). */
let meetingId = '';
const meetingDay = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
beforeAll(async () => {
  const sekda = await loginAs(ctx, 'sekda');
  const key = async (k: string) => String((await findPositionByKey(k))!._id);
  for (const i of [1, 2]) {
    const made = await sekda
      .post('/api/meetings')
      .send({
        title: `Rapat koordinasi anggaran ${i}`,
        kind: 'rapat_koordinasi',
        date: meetingDay,
        startTime: '00:00',
        endTime: '01:00',
        place: 'Ruang Rapat Utama',
        chairPositionId: await key('sekda'),
        invitedPositionIds: [await key('asisten1'), await key('asisten3')],
      })
      .expect(201);
    meetingId = made.body.id;
  }
  await sekda
    .put(`/api/meetings/${meetingId}/minutes`)
    .send({ pembahasan: 'Anggaran' })
    .expect(200);
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await sekda
    .put(`/api/meetings/${meetingId}/decisions`)
    .send({
      decisions: [
        { instruction: 'Susun rencana', positionId: await key('asisten1'), dueDate: due },
        { instruction: 'Siapkan anggaran', positionId: await key('asisten3'), dueDate: due },
      ],
    })
    .expect(200);
  await sekda.post(`/api/meetings/${meetingId}/finalize`).send({}).expect(200);
});

type Call = (s: Seeded) => Promise<unknown>;
/** The letter desk (agendaris), who pages the whole register; logged in on first use. */
let clerk: Promise<LoggedInAgent> | undefined;
const clerkAgent = () => (clerk ??= loginAs(() => recorder.agent(), 'agendaris'));
const endpoints: [string, Call][] = [
  [
    'monitoring overview (the Sekda)',
    (s) =>
      s.sekda
        .get('/api/monitoring')
        .expect(200)
        .expect((r) => expect(r.body.totals.open).toBeGreaterThan(0)),
  ],
  [
    'monthly report (the Sekda)',
    (s) => {
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString();
      return s.sekda
        .get('/api/reports/monthly')
        .query({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) })
        .expect(200)
        .expect((r) => expect(r.body.followUp.totals.received).toBeGreaterThan(0));
    },
  ],
  [
    'yearly report (the Sekda)',
    (s) => {
      const today = new Date(Date.now() + 7 * 3_600_000).toISOString();
      return s.sekda
        .get('/api/reports/yearly')
        .query({ year: Number(today.slice(0, 4)) })
        .expect(200)
        .expect((r) => expect(r.body.letters.received).toBeGreaterThan(0));
    },
  ],
  ['auth/me', (s) => s.sekda.get('/api/auth/me').expect(200)],
  [
    'sender category offered while registering',
    async () =>
      (await clerkAgent())
        .get('/api/incoming-senders/category')
        .query({ name: 'Dinas Kesehatan Provinsi Lampung' })
        .expect(200)
        .expect((r) => expect(r.body.category).toBe('perangkat-daerah')),
  ],
  [
    'classification suggestion while registering',
    async () =>
      (await clerkAgent())
        .get('/api/classification-suggestions')
        .query({
          senderName: 'Dinas Kesehatan Provinsi Lampung',
          subject: 'Rapat koordinasi anggaran tahunan',
          letterNumber: 'B-1/2026',
        })
        .expect(200)
        // Learned from the seeded registrations (that sender, filed under 400.7).
        .expect((r) => expect(r.body.items[0]).toMatchObject({ code: '400.7', learned: true })),
  ],
  ['auth/session (the first load of the app)', (s) => s.sekda.get('/api/auth/session').expect(200)],
  ['inbox of the Sekda (with counters)', (s) => s.sekda.get('/api/dispositions/inbox').expect(200)],
  [
    'inbox of a mid-level position',
    (s) =>
      s.asisten
        .get('/api/dispositions/inbox')
        .expect(200)
        .expect((r) => {
          // Four letters' dispositions, and the meeting decision the fixture above gave him.
          const sources = r.body.items.map(
            (i: { letter?: { source?: string } }) => i.letter?.source,
          );
          expect(sources.filter((s: unknown) => s === 'letter')).toHaveLength(4);
          expect(sources.filter((s: unknown) => s === 'meeting')).toHaveLength(1);
        }),
  ],
  [
    'letters awaiting disposition',
    (s) =>
      s.sekda
        .get('/api/dispositions/awaiting')
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(2)),
  ],
  [
    'letters awaiting disposition, one sifat',
    (s) =>
      s.sekda
        .get('/api/dispositions/awaiting')
        .query({ urgency: 'segera' })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(2)),
  ],
  [
    'letters awaiting disposition, searched within, agenda order',
    (s) =>
      s.sekda
        .get('/api/dispositions/awaiting')
        .query({ q: 'koordinasi anggaran', sort: 'agenda' })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(2)),
  ],
  [
    'in-progress tab of a mid-level position',
    (s) =>
      s.asisten
        .get('/api/dispositions/inbox')
        .query({ status: 'in_progress', pageSize: 2 })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(2)),
  ],
  [
    'done tab of a mid-level position, page 2',
    (s) =>
      s.asisten1
        .get('/api/dispositions/inbox')
        .query({ status: 'done', page: 2, pageSize: 1 })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(1)),
  ],
  [
    'in-progress tab, one sifat, filtered by sender and classification',
    (s) =>
      s.asisten
        .get('/api/dispositions/inbox')
        .query({
          status: 'in_progress',
          urgency: 'segera',
          sender: 'dinas',
          classificationCode: '400',
          pageSize: 2,
        })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(2)),
  ],
  [
    'all tab of a mid-level position, filtered by sifat and sender',
    (s) =>
      s.asisten1
        .get('/api/dispositions/inbox')
        .query({ status: 'all', urgency: 'segera', sender: 'kesehatan', pageSize: 2 })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(2)),
  ],
  [
    'queue visit recorded as the queue opens',
    (s) =>
      s.sekda
        .put(`/api/me/queue-visits/register`)
        .send({})
        .expect(200)
        .expect((r) => expect(r.body.queue).toBe('register')),
  ],
  [
    "the user's queue visits",
    (s) =>
      s.sekda
        .get('/api/me/queue-visits')
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(1)),
  ],
  [
    'dispositions counters',
    (s) =>
      s.asisten
        .get('/api/dispositions/counters')
        .expect(200)
        .expect((r) => expect(r.body.positions[0].counters.inProgress).toBeGreaterThan(0)),
  ],
  [
    'letter detail (with its files)',
    (s) => s.sekda.get(`/api/incoming-letters/${s.letterId}`).expect(200),
  ],
  ['letter journey', (s) => s.sekda.get(`/api/incoming-letters/${s.letterId}/journey`).expect(200)],
  ['letter history', (s) => s.sekda.get(`/api/incoming-letters/${s.letterId}/history`).expect(200)],
  [
    'register list page',
    async (s) =>
      (await clerkAgent())
        .get('/api/incoming-letters')
        .query({ register: s.register, year: s.year, page: 1, pageSize: 25 })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(6)),
  ],
  [
    'register list page, every register (as the list opens)',
    async () =>
      (await clerkAgent())
        .get('/api/incoming-letters')
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(6)),
  ],
  ['OCR status of a file', (s) => s.sekda.get(`/api/files/${s.fileId}/ocr`).expect(200)],
  [
    'word boxes of the search hits in a file',
    async (s) => {
      // The page as the OCR worker stores it (written here, outside the recorded request).
      await OcrPageModel.updateOne(
        { fileId: s.fileId, page: 1 },
        {
          $set: {
            text: 'Rapat koordinasi anggaran',
            confidence: 95,
            source: 'ocr',
            width: 1000,
            height: 1400,
            words: [{ t: 'koordinasi', x0: 200, y0: 100, x1: 400, y1: 130, c: 95 }],
            sourceSha: 'access-paths',
          },
        },
        { upsert: true },
      );
      return s.sekda
        .get(`/api/files/${s.fileId}/words`)
        .query({ q: 'koordinasi' })
        .expect(200)
        .expect((r) => expect(r.body.pages[0].boxes).toHaveLength(1));
    },
  ],
  [
    'search',
    (s) =>
      s.sekda
        .get('/api/search')
        .query({ q: 'koordinasi anggaran' })
        .expect(200)
        .expect((r) => expect(r.body.total).toBeGreaterThan(0)),
  ],
  [
    'search, meeting hits',
    (s) =>
      s.sekda
        .get('/api/search')
        .query({ q: 'koordinasi anggaran', direction: 'meeting' })
        .expect(200)
        .expect((r) =>
          expect(
            r.body.items.map((i: { meeting?: { title: string } }) => i.meeting?.title).sort(),
          ).toEqual(['Rapat koordinasi anggaran 1', 'Rapat koordinasi anggaran 2']),
        ),
  ],
  [
    'search filter options',
    (s) =>
      s.sekda
        .get('/api/search/options')
        .expect(200)
        .expect((r) => expect(r.body.registers.length).toBeGreaterThan(0)),
  ],
  [
    'search, register filter',
    (s) => s.sekda.get('/api/search').query({ q: 'koordinasi', register: s.register }).expect(200),
  ],
  [
    'notifications (the bell, on every page load)',
    (s) => s.sekda.get('/api/notifications').expect(200),
  ],
  [
    'finished OCR jobs (administrators)',
    (s) =>
      s.admin
        .get('/api/ocr/jobs')
        .query({ status: 'done', page: 1, pageSize: 20 })
        .expect(200)
        .expect((r) => {
          expect(r.body.total).toBe(2);
          expect(r.body.items).toHaveLength(2);
          expect(r.body.items[0].fileName).toEqual(expect.any(String));
        }),
  ],
  [
    'outgoing letters, "all" box (drafter)',
    () =>
      lists.staftu
        .get('/api/outgoing-letters')
        .query({ box: 'all' })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(3)),
  ],
  [
    'outgoing register (letter desk)',
    () =>
      lists.agendaris
        .get('/api/outgoing-letters/register')
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(2)),
  ],
  [
    'berkas with its letters and their disposition trail',
    () =>
      lists.arsiparis
        .get(`/api/archive/berkas/${lists.berkasId}`)
        .expect(200)
        .expect((r) => {
          expect(r.body.items).toHaveLength(4);
          for (const item of r.body.items) expect(item.dispositions.length).toBeGreaterThan(0);
        }),
  ],
  [
    'retention dashboard',
    () =>
      lists.arsiparis
        .get('/api/archive/dashboard')
        .expect(200)
        .expect((r) => expect(r.body.counts.open).toBeGreaterThan(0)),
  ],
  [
    'berkas due: open',
    () =>
      lists.arsiparis
        .get('/api/archive/due')
        .query({ category: 'open' })
        .expect(200)
        .expect((r) => expect(r.body.items.length).toBeGreaterThan(0)),
  ],
  ['lending list', () => lists.arsiparis.get('/api/archive/loans').expect(200)],
  [
    'agenda week of one official',
    async (s) =>
      s.sekda
        .get('/api/agenda')
        .query({
          positionId: String((await findPositionByKey('sekda'))!._id),
          from: agendaFrom,
          to: agendaTo,
        })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(3)),
  ],
  [
    'agenda of the leadership, one week',
    (s) =>
      s.sekda
        .get('/api/agenda')
        .query({ scope: 'leadership', from: agendaFrom, to: agendaTo })
        .expect(200)
        .expect((r) => expect(r.body.items).toHaveLength(3)),
  ],
  [
    'agenda iCalendar feed',
    () =>
      recorder
        .agent()
        .get(agendaFeedUrl)
        .expect(200)
        .expect((r) => expect(r.text).toContain('Rapat koordinasi 3')),
  ],
  [
    'meetings of one month (the Sekda)',
    (s) =>
      s.sekda
        .get('/api/meetings')
        .query({ month: meetingDay.slice(0, 7) })
        .expect(200)
        .expect((r) => {
          expect(r.body.items.length).toBeGreaterThanOrEqual(2);
          expect(r.body.summary.decisions.open).toBeGreaterThanOrEqual(2);
        }),
  ],
  [
    'one meeting with attendance, minutes and decisions',
    (s) =>
      s.sekda
        .get(`/api/meetings/${meetingId}`)
        .expect(200)
        .expect((r) => expect(r.body.decisions).toHaveLength(2)),
  ],
  [
    'berkas list',
    () =>
      lists.arsiparis
        .get('/api/archive/berkas')
        .expect(200)
        .expect((r) => expect(r.body.items.length).toBeGreaterThan(0)),
  ],
];

const measuredRequests = new Map<string, RecordedRequest>();

/** Calls the endpoint once to warm caches, then twice more, recorded, and keeps the cheaper
 * of the two: on a busy machine one call may outlast the actor cache's few seconds and pay
 * for its rebuild, but not two in a row (each call refreshes it). The calls check that the
 * page shows the seeded data: a budget met by an empty page would prove nothing. */
async function measure(name: string, call: Call): Promise<RecordedRequest> {
  await call(seeded);
  await call(seeded);
  const first = recorder.last();
  await call(seeded);
  const second = recorder.last();
  const record = second.commands.length < first.commands.length ? second : first;
  measuredRequests.set(name, record);
  return record;
}

// ACCESS_PATHS_REPORT=1 prints every endpoint's commands, passing or not (docs/performance.md).
afterAll(() => {
  if (!process.env.ACCESS_PATHS_REPORT) return;
  for (const [name, record] of measuredRequests)
    console.log(
      `${name} (budget ${BUDGETS[name]})\n${describeRequest(record, accessPathViolations(record.commands))}\n`,
    );
});

describe('hot endpoints: command budgets and index coverage', () => {
  it('every hot endpoint has a budget', () => {
    expect(endpoints.map(([name]) => name).sort()).toEqual(Object.keys(BUDGETS).sort());
  });

  describe.each(endpoints)('%s', (name, call) => {
    // Measured by whichever of the two checks runs first, so a failing call fails both
    // checks instead of leaving them skipped.
    let measured: Promise<RecordedRequest> | undefined;
    const recordOf = () => (measured ??= measure(name, call));

    it(`stays within its budget of ${BUDGETS[name]} commands`, async () => {
      const record = await recordOf();
      // Every endpoint reads at least the session: none recorded means the recorder is broken.
      expect(record.commands.length, 'no command recorded').toBeGreaterThan(0);
      expect(
        record.commands.length,
        `over budget (${BUDGETS[name]}):\n${describeRequest(record)}`,
      ).toBeLessThanOrEqual(BUDGETS[name]!);
    });

    it('reads only through declared indexes, never a whole growing collection', async () => {
      const record = await recordOf();
      const violations = accessPathViolations(record.commands);
      expect(
        violations.map((v) => v.problem),
        `reads without an access path:\n${describeRequest(record, violations)}`,
      ).toEqual([]);
    });
  });
});

/** Every filter and order the register list offers (frontend incoming-list-view.vue), as the
 * desk and as an official: each request's reads must be served by a declared index (no
 * budget: a filter no key serves walks buckets, each read an equality). */
const LIST_QUERIES: Record<string, string>[] = [
  {},
  { page: '2', pageSize: '2' },
  { order: 'asc' },
  { q: 'koordinasi' },
  { q: '3' },
  { from: '2020-01-01' },
  { to: '2099-12-31' },
  { from: '2026-01-01', to: '2026-01-20' },
  { from: '2020-01-01', to: '2099-12-31' },
  { sender: 'dinas' },
  { classification: '000' },
  { urgency: 'segera,sangat_segera' },
  { securityClass: 'B,T' },
  { status: 'registered,in_progress' },
  { box: 'inbox' },
  { box: 'tembusan' },
  { unread: 'true' },
  { box: 'inbox', unread: 'true' },
  { sort: 'receivedDate', order: 'desc' },
  { sort: 'letterDate', order: 'asc' },
  { sort: 'sender', order: 'asc' },
  { sort: 'urgency', order: 'desc' },
];

describe('register list: every filter the list offers reads through declared indexes', () => {
  it.each(['agendaris', 'sekda'] as const)('as %s', async (who) => {
    const agent = who === 'agendaris' ? await clerkAgent() : seeded.sekda;
    const failures: string[] = [];
    for (const query of LIST_QUERIES) {
      await agent.get('/api/incoming-letters').query(query).expect(200);
      const record = recorder.last();
      const violations = accessPathViolations(record.commands);
      if (violations.length > 0)
        failures.push(`${JSON.stringify(query)}\n${describeRequest(record, violations)}`);
    }
    // The unfiltered desk list shows the seeded letters (an empty answer proves nothing).
    const all = await agent.get('/api/incoming-letters').expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(6);
    expect(failures).toEqual([]);
  });
});

/** The monthly and yearly reports (modules/reports): not hot (a head of unit opens them a few
 * times a month), so no budget, but every read must go through a declared index: letters by
 * `receivedDate` day, outgoing by `registerKeys`, dispositions by `unitWeekKeys`, archive
 * events by `actionMonth`/`actionDay`, meetings by `monthKey`, units and positions by their
 * tree keys. A month never reads the year. */
describe('reports: every read goes through a declared index', () => {
  it.each([
    ['the Sekda, this month', 'monthly'],
    ['the Sekda, this year', 'yearly'],
  ] as const)('%s', async (_label, kind) => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString();
    const query = {
      year: Number(today.slice(0, 4)),
      ...(kind === 'monthly' ? { month: Number(today.slice(5, 7)) } : {}),
    };
    const answer = await seeded.sekda.get(`/api/reports/${kind}`).query(query).expect(200);
    const record = recorder.last();
    // The seeded letters and dispositions are this month's: an empty report proves nothing.
    expect(answer.body.letters.received).toBeGreaterThan(0);
    expect(answer.body.followUp.totals.received).toBeGreaterThan(0);
    const violations = accessPathViolations(record.commands);
    expect(
      violations.map((v) => v.problem),
      `reads without an access path:\n${describeRequest(record, violations)}`,
    ).toEqual([]);
  });
});
