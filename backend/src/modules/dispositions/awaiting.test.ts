import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, jakartaDate } from '../calendar/dates.ts';
import { now } from '../../lib/clock.ts';
import { agendaKeyOf } from '../letters/letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from '../letters/letters.model.ts';
import { afterBulkLoad } from './dispositions.backfill.ts';
import { dispositionTestContext, loginAs, pos, registerLetter } from './test-support.ts';

const ctx = await dispositionTestContext();
type Agent = Awaited<ReturnType<typeof loginAs>>;
interface Item {
  id: string;
  subject: string;
  urgency: string;
  dueDate: string;
  overdue: boolean;
  registeredAt: string | null;
  agendaNumber: number;
  agendaYear: number;
}
interface Page {
  items: Item[];
  total: number;
  totalExact: boolean;
  byUrgency: Record<string, number>;
  unfilteredTotal: number;
}

const today = jakartaDate(now());
const ids: Record<string, string> = {};
let sekda: Agent;
let asisten1: Agent;

async function awaiting(agent: Agent, query: Record<string, string | number> = {}) {
  const response = await agent.get('/api/dispositions/awaiting').query(query).expect(200);
  return response.body as Page;
}
const subjects = (page: Page) => page.items.map((i) => i.subject);

beforeAll(async () => {
  // Registered in this order; the most urgent one last.
  ids.a = await registerLetter(ctx, {
    subject: 'A biasa pengadaan arsip',
    urgency: 'biasa',
    receivedDate: addDays(today, -6),
    classificationCode: '000.1.2',
  });
  ids.b = await registerLetter(ctx, {
    subject: 'B segera laporan statistik',
    urgency: 'segera',
    receivedDate: addDays(today, -4),
    senderName: 'Badan Pusat Statistik Provinsi',
  });
  ids.c = await registerLetter(ctx, {
    subject: 'C biasa lebih lama',
    urgency: 'biasa',
    receivedDate: addDays(today, -20),
  });
  ids.d = await registerLetter(ctx, {
    subject: 'D sangat segera banjir',
    urgency: 'sangat_segera',
    receivedDate: today,
  });
  // Addressed to another position: never in the Sekda's queue, whatever the filter.
  ids.e = await registerLetter(ctx, {
    subject: 'E sangat segera banjir untuk Asisten I',
    urgency: 'sangat_segera',
    addresseePositionId: await pos('asisten1'),
  });
  sekda = await loginAs(ctx, 'sekda');
  asisten1 = await loginAs(ctx, 'asisten1');
});

describe('awaiting queue ("Perlu disposisi")', () => {
  it('opens with the most urgent: sifat, then deadline, then age; a sangat segera letter registered last comes first', async () => {
    const page = await awaiting(sekda);
    expect(subjects(page)).toEqual([
      'D sangat segera banjir',
      'B segera laporan statistik',
      'C biasa lebih lama',
      'A biasa pengadaan arsip',
    ]);
    expect(page).toMatchObject({
      total: 4,
      totalExact: true,
      unfilteredTotal: 4,
      byUrgency: { sangat_segera: 1, segera: 1, biasa: 2 },
    });
    // What the list needs to show priority.
    const [d, , c] = page.items;
    expect(d).toMatchObject({ urgency: 'sangat_segera', overdue: false });
    expect(d!.dueDate >= today).toBe(true);
    expect(d!.registeredAt).toEqual(expect.any(String));
    expect(c!.overdue).toBe(true);
    // The counter agrees with the list.
    const counters = (await sekda.get('/api/dispositions/counters').expect(200)).body;
    expect(counters.positions[0].counters.awaitingDisposition).toBe(4);
  });

  it('pages without repeats or gaps in every order', async () => {
    for (const sort of ['priority', 'newest', 'agenda']) {
      const whole = subjects(await awaiting(sekda, { sort }));
      const paged = [
        ...subjects(await awaiting(sekda, { sort, pageSize: 3, page: 1 })),
        ...subjects(await awaiting(sekda, { sort, pageSize: 3, page: 2 })),
      ];
      expect(paged, sort).toEqual(whole);
      expect(whole, sort).toHaveLength(4);
    }
    expect(subjects(await awaiting(sekda, { sort: 'newest' }))).toEqual([
      'D sangat segera banjir',
      'B segera laporan statistik',
      'A biasa pengadaan arsip',
      'C biasa lebih lama',
    ]);
    expect(subjects(await awaiting(sekda, { sort: 'agenda' }))).toEqual([
      'D sangat segera banjir',
      'C biasa lebih lama',
      'B segera laporan statistik',
      'A biasa pengadaan arsip',
    ]);
    const second = await awaiting(sekda, { pageSize: 1, page: 2 });
    expect(subjects(second)).toEqual(['B segera laporan statistik']);
    expect(second.total).toBe(4);
  });

  it('filters by sifat, sender, classification and words within the queue', async () => {
    const urgent = await awaiting(sekda, { urgency: 'sangat_segera,segera' });
    expect(subjects(urgent)).toEqual(['D sangat segera banjir', 'B segera laporan statistik']);
    expect(urgent.total).toBe(2);
    expect(subjects(await awaiting(sekda, { urgency: 'biasa' }))).toEqual([
      'C biasa lebih lama',
      'A biasa pengadaan arsip',
    ]);
    expect(subjects(await awaiting(sekda, { sender: 'pusat STATISTIK' }))).toEqual([
      'B segera laporan statistik',
    ]);
    expect(subjects(await awaiting(sekda, { classificationCode: '000.1' }))).toEqual([
      'A biasa pengadaan arsip',
    ]);
    const c = (await awaiting(sekda)).items.find((i) => i.subject.startsWith('C'))!;
    expect(subjects(await awaiting(sekda, { q: `${c.agendaNumber}/${c.agendaYear}` }))).toEqual([
      'C biasa lebih lama',
    ]);
    const searched = await awaiting(sekda, { q: 'LAPORAN', sort: 'agenda' });
    expect(subjects(searched)).toEqual(['B segera laporan statistik']);
    expect(searched).toMatchObject({ total: 1, totalExact: true, unfilteredTotal: 4 });
  });

  it('never shows a letter of another position, whatever the filter', async () => {
    const queries: Array<Record<string, string>> = [
      {},
      { q: 'banjir' },
      { urgency: 'sangat_segera' },
      { sort: 'agenda' },
    ];
    for (const query of queries) {
      const page = await awaiting(sekda, query);
      expect(page.items.map((i) => i.id)).not.toContain(ids.e);
    }
    expect(subjects(await awaiting(asisten1, { q: 'banjir' }))).toEqual([
      'E sangat segera banjir untuk Asisten I',
    ]);
    // Another position's queue is refused.
    const refused = await asisten1
      .get('/api/dispositions/awaiting')
      .query({ positionId: await pos('sekda') })
      .expect(403);
    expect(refused.body.error.message).toMatch(/jabatan/);
  });

  it('refuses unknown orders and sifat with a reason in Bahasa Indonesia', async () => {
    const sort = await sekda.get('/api/dispositions/awaiting').query({ sort: 'acak' }).expect(400);
    expect(JSON.stringify(sort.body)).toMatch(/Urutan/);
    const urgency = await sekda
      .get('/api/dispositions/awaiting')
      .query({ urgency: 'kilat' })
      .expect(400);
    expect(JSON.stringify(urgency.body)).toMatch(/Sifat/);
  });
});

describe('a busy day in the awaiting queue', () => {
  it('pages a (sifat, day) holding more letters than a small cell by their ids, in order, without repeats', async () => {
    const model = (await IncomingLetterModel.findById(ids.a).lean<IncomingLetter>())!;
    const { _id: _id0, queueTouchKeys: _t, ...rest } = model;
    void _id0;
    void _t;
    const day = addDays(today, -1);
    await IncomingLetterModel.insertMany(
      Array.from({ length: 30 }, (_, i) => ({
        ...rest,
        subject: `Hari sibuk ${String(i).padStart(2, '0')}`,
        agendaNumber: 8000 + i,
        agendaKey: agendaKeyOf(model.register, model.agendaYear, 8000 + i),
        receivedDate: day,
        urgency: 'segera',
        readPositionIds: [],
        reads: [],
      })),
    );
    await afterBulkLoad();
    const whole = await awaiting(sekda, { pageSize: 100 });
    expect(whole.total).toBe(34);
    const busy = whole.items.filter((i) => i.subject.startsWith('Hari sibuk'));
    // Segera, received yesterday: after B (segera, four days ago), before the biasa ones;
    // inside the day by order of registration.
    expect(subjects(whole).indexOf('B segera laporan statistik')).toBe(1);
    expect(busy.map((i) => i.id)).toEqual([...busy.map((i) => i.id)].sort());
    expect(subjects(whole).slice(2, 32)).toEqual(busy.map((i) => i.subject));
    const paged: string[] = [];
    for (let page = 1; page <= 5; page++)
      paged.push(...subjects(await awaiting(sekda, { pageSize: 7, page })));
    expect(paged).toEqual(subjects(whole));
  });
});
