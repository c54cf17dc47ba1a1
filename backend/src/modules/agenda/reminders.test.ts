import type ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';
import { loginAs, type LoggedInAgent } from '../../../test/auth-helpers.ts';
import { dispositionTestContext, pos } from '../dispositions/test-support.ts';
import { NotificationModel } from '../notify/notification.model.ts';
import { NotifyLeaseModel } from '../notify/notification.model.ts';
import { getPosition } from '../org/org.service.ts';
import { AgendaEntryModel } from './agenda.model.ts';
import { fetchCalendar } from './feed.test-support.ts';
import { alarmTrigger } from './ical.ts';
import {
  AGENDA_SCAN_INTERVAL_MS,
  dueLead,
  reminderKey,
  runAgendaReminders,
  runLeasedAgendaReminders,
  scanDays,
} from './reminders.ts';

let ctx: TestContext;
let sekda: LoggedInAgent;
let asisten3: LoggedInAgent;
beforeAll(async () => {
  ctx = await dispositionTestContext();
  sekda = await loginAs(ctx, 'sekda');
  asisten3 = await loginAs(ctx, 'asisten3');
});

const MIN = 60_000;

/** An entry made straight through the model (what is tested is the pass, not registration). */
async function entry(positionKey: string, title: string, start: Date, extra = {}) {
  const positionId = await pos(positionKey);
  const position = await getPosition(positionId);
  const created = await AgendaEntryModel.create({
    positionId,
    positionTitle: position!.title,
    title,
    start,
    end: new Date(start.getTime() + 60 * MIN),
    timeZone: 'WIB',
    place: 'Ruang Rapat Utama',
    status: 'accepted',
    sourceKey: `reminders-test:${title}`,
    ...extra,
  });
  return String(created._id);
}

/** The distinct reminders of one entry (one per start and lead time, whoever holds it). */
async function remindersOf(entryId: string): Promise<string[]> {
  const notes = await NotificationModel.find({ link: `/agenda?entri=${entryId}` }).lean();
  return [...new Set(notes.map((n) => n.dedupeKey.split(':').slice(0, -1).join(':')))].sort();
}

describe('agenda reminders at the lead times the user chooses', () => {
  it('picks the shortest lead time that came due within the catch-up, none once started', () => {
    const start = new Date('2031-03-10T02:00:00Z');
    const at = (minutesBefore: number) => new Date(start.getTime() - minutesBefore * MIN);
    expect(dueLead(start, [60], at(61))).toBeNull();
    expect(dueLead(start, [60], at(60))).toBe(60);
    expect(dueLead(start, [60, 15], at(10))).toBe(15);
    // A day-ahead reminder noticed three hours before the start is not sent late.
    expect(dueLead(start, [1440], at(180))).toBeNull();
    expect(dueLead(start, [60], at(0))).toBeNull();
    expect(dueLead(start, [], at(30))).toBeNull();
    // Two days ahead from late evening reaches three UTC dates.
    expect(scanDays(new Date('2031-03-10T23:00:00Z'))).toEqual([
      '2031-03-10',
      '2031-03-11',
      '2031-03-12',
    ]);
    expect([alarmTrigger(15), alarmTrigger(120), alarmTrigger(1440)]).toEqual([
      '-PT15M',
      '-PT2H',
      '-P1D',
    ]);
  });

  it("sends at the position's chosen default, not at the old hour before", async () => {
    const sekdaId = await pos('sekda');
    const before = await sekda.get('/api/agenda/reminders').query({ positionId: sekdaId });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ remindBefore: [60], isDefault: true });
    const refused = await sekda
      .put('/api/agenda/reminders')
      .send({ positionId: sekdaId, remindBefore: [45] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Pilihan pengingat tidak dikenal');
    const saved = await sekda
      .put('/api/agenda/reminders')
      .send({ positionId: sekdaId, remindBefore: [30] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ remindBefore: [30], isDefault: false });

    const start = new Date('2031-03-10T02:00:00Z');
    const id = await entry('sekda', 'Rapat pengingat bawaan', start);
    await runAgendaReminders(new Date(start.getTime() - 55 * MIN));
    expect(await remindersOf(id)).toEqual([]);
    expect(await runAgendaReminders(new Date(start.getTime() - 28 * MIN))).toBeGreaterThan(0);
    await runAgendaReminders(new Date(start.getTime() - 20 * MIN));
    expect(await remindersOf(id)).toEqual([`agenda:${id}:${start.toISOString()}:30`]);
    const note = await NotificationModel.findOne({ link: `/agenda?entri=${id}` }).lean();
    expect(note!.body).toContain('Dimulai 30 menit lagi');
  });

  it("an entry's own lead times (several) override the default; null follows it again", async () => {
    const start = new Date('2031-03-11T02:00:00Z');
    const id = await entry('sekda', 'Rapat pengingat sendiri', start);
    const set = await sekda.put(`/api/agenda/${id}/reminders`).send({ remindBefore: [60, 1440] });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.remindBefore).toEqual([1440, 60]);
    const tooMany = await sekda
      .put(`/api/agenda/${id}/reminders`)
      .send({ remindBefore: [5, 15, 30, 60] });
    expect(tooMany.status).toBe(400);

    await runAgendaReminders(new Date(start.getTime() - 1430 * MIN));
    await runAgendaReminders(new Date(start.getTime() - 65 * MIN));
    expect(await remindersOf(id)).toEqual([`agenda:${id}:${start.toISOString()}:1440`]);
    await runAgendaReminders(new Date(start.getTime() - 58 * MIN));
    await runAgendaReminders(new Date(start.getTime() - 28 * MIN)); // the default's time: no
    expect(await remindersOf(id)).toEqual([
      `agenda:${id}:${start.toISOString()}`,
      `agenda:${id}:${start.toISOString()}:1440`,
    ]);

    const back = await sekda.put(`/api/agenda/${id}/reminders`).send({ remindBefore: null });
    expect(back.body.remindBefore).toBeNull();
    await runAgendaReminders(new Date(start.getTime() - 25 * MIN)); // the default (30) again
    expect(await remindersOf(id)).toHaveLength(3);
    // None at all.
    const none = await entry('sekda', 'Rapat tanpa pengingat', start, { remindBefore: [] });
    await runAgendaReminders(new Date(start.getTime() - 25 * MIN));
    expect(await remindersOf(none)).toEqual([]);
  });

  it('a moved entry is reminded again for its new time; an unmoved one is not', async () => {
    const start = new Date('2031-03-12T03:00:00Z');
    const id = await entry('asisten3', 'Rapat yang dipindah', start);
    await runAgendaReminders(new Date(start.getTime() - 50 * MIN)); // default: an hour
    expect(await remindersOf(id)).toHaveLength(1);
    // Saved again with the same time (another field changed): nothing new.
    const doc = await AgendaEntryModel.findById(id);
    doc!.set({ notes: 'Membawa bahan paparan' });
    await doc!.save();
    await runAgendaReminders(new Date(start.getTime() - 40 * MIN));
    expect(await remindersOf(id)).toHaveLength(1);
    // Moved two hours (and past midnight UTC: another day bucket) later.
    const moved = new Date('2031-03-13T01:00:00Z');
    doc!.set({ start: moved, end: new Date(moved.getTime() + 60 * MIN) });
    await doc!.save();
    expect((await AgendaEntryModel.findById(id).lean())!.remindDayKey).toBe('2031-03-13');
    await runAgendaReminders(new Date(moved.getTime() - 50 * MIN));
    expect(await remindersOf(id)).toEqual([
      `agenda:${id}:${start.toISOString()}`,
      `agenda:${id}:${moved.toISOString()}`,
    ]);
    // The keeper-less Asisten may not set the Sekda's default.
    const sekdaId = await pos('sekda');
    const other = await asisten3
      .put('/api/agenda/reminders')
      .send({ positionId: sekdaId, remindBefore: [15] });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).toContain('tidak berhak');
  });

  it('two scanners send once per window; a window whose holder died is caught up', async () => {
    const start = new Date('2031-03-14T02:00:00Z');
    const id = await entry('asisten3', 'Rapat dua proses', start);
    const at = new Date(start.getTime() - 58 * MIN);
    const results = await Promise.all([
      runLeasedAgendaReminders('api-1', AGENDA_SCAN_INTERVAL_MS, at),
      runLeasedAgendaReminders('api-2', AGENDA_SCAN_INTERVAL_MS, at),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(await remindersOf(id)).toHaveLength(1);
    const holders = await NotificationModel.countDocuments({ link: `/agenda?entri=${id}` });

    // The holder of the window in which the next reminder came due died before sending.
    const later = new Date('2031-03-15T02:00:00Z');
    const id2 = await entry('asisten3', 'Rapat setelah mulai ulang', later);
    const dueWindow = new Date(later.getTime() - 60 * MIN);
    await NotifyLeaseModel.create({
      _id: `agenda-reminders:${dueWindow.toISOString()}`,
      holder: 'api-died',
      at: dueWindow,
    });
    expect(
      await runLeasedAgendaReminders('api-1', AGENDA_SCAN_INTERVAL_MS, new Date(dueWindow)),
    ).toBeNull();
    expect(await remindersOf(id2)).toEqual([]);
    // The next window, on another process after the restart, sends it.
    const next = new Date(dueWindow.getTime() + AGENDA_SCAN_INTERVAL_MS);
    expect(await runLeasedAgendaReminders('api-2', AGENDA_SCAN_INTERVAL_MS, next)).toBe(holders);
    expect(await remindersOf(id2)).toEqual([reminderKey({ _id: id2, start: later } as never, 60)]);
  });

  it('the calendar feed carries a VALARM for each lead time', async () => {
    const asistenId = await pos('asisten3');
    await asisten3
      .put('/api/agenda/reminders')
      .send({ positionId: asistenId, remindBefore: [15, 120] });
    // Ten days from now: inside the feed's half year whenever this runs.
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const own = await entry('asisten3', 'Rapat alarm sendiri', new Date(`${day}T02:00:00Z`), {
      remindBefore: [1440],
    });
    await entry('asisten3', 'Rapat alarm bawaan', new Date(`${day}T05:00:00Z`));
    await entry('asisten3', 'Rapat ditolak', new Date(`${day}T07:00:00Z`), {
      status: 'declined',
    });
    expect(own).toBeTruthy();
    const feed = await asisten3.post('/api/agenda/feeds').send({ positionId: asistenId });
    expect(feed.status).toBe(201);
    const calendar = await fetchCalendar(ctx, feed.body.url as string);
    const alarmsOf = (summary: string) => {
      const event = calendar
        .getAllSubcomponents('vevent')
        .find((e) => e.getFirstPropertyValue('summary') === summary)!;
      return event.getAllSubcomponents('valarm').map((a) => ({
        action: a.getFirstPropertyValue('action'),
        minutes: -(a.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds() / 60,
      }));
    };
    expect(alarmsOf('Rapat alarm sendiri')).toEqual([{ action: 'DISPLAY', minutes: 1440 }]);
    expect(alarmsOf('Rapat alarm bawaan')).toEqual([
      { action: 'DISPLAY', minutes: 120 },
      { action: 'DISPLAY', minutes: 15 },
    ]);
    expect(alarmsOf('Rapat ditolak')).toEqual([]);
  });
});
