import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { now, shiftClock } from '../../lib/clock.ts';
import { addWorkingDays, todayInJakarta } from '../calendar/calendar.service.ts';
import { startOfJakartaDay } from '../calendar/dates.ts';
import {
  disposeAs,
  dispositionTestContext,
  loginAs,
  registerLetter,
  reportAs,
} from '../dispositions/test-support.ts';
import { settleMail } from './mailer.ts';
import { NotificationModel, NotifyLeaseModel } from './notification.model.ts';
import { runLeasedScan, runReminderScan } from './reminders.ts';
import { startSmtpSink } from './smtp-sink.test-support.ts';

const sink = await startSmtpSink();
afterAll(() => sink.close());
const ctx = await dispositionTestContext({
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  SMTP_FROM: 'Lontar <lontar@lampungprov.example>',
});
const sekda = await loginAs(ctx, 'sekda');
const asisten3 = await loginAs(ctx, 'asisten3');

const notifications = async (agent: typeof sekda, query: Record<string, string> = {}) =>
  (await agent.get('/api/notifications').query(query)).body;

describe('in-app notifications and e-mail', () => {
  it('tells the recipient of a new disposition, by notification and e-mail, once', async () => {
    const letterId = await registerLetter(ctx, { subject: 'Undangan rapat anggaran' });
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    const mine = await notifications(asisten3, { unread: 'true' });
    const item = mine.items.find((n: { dispositionId: string }) => n.dispositionId === node!.id);
    expect(item).toMatchObject({
      kind: 'disposition.new',
      read: false,
      link: `/disposisi/${node!.id}`,
    });
    expect(item.body).toContain('Undangan rapat anggaran');
    await settleMail();
    const mail = sink.messages.filter(
      (m) => m.to.includes('asisten3@lampungprov.example') && m.data.includes('Disposisi baru'),
    );
    expect(mail).toHaveLength(1);
    expect((await NotificationModel.findById(item.id).lean())!.emailStatus).toBe('sent');

    // Opening the disposition reads its notification.
    await asisten3.get(`/api/dispositions/${node!.id}`);
    const after = await notifications(asisten3);
    expect(after.items.find((n: { id: string }) => n.id === item.id).read).toBe(true);
  });

  it('tells the sender when a report arrives, and marks read on request', async () => {
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }]);
    await reportAs(asisten3, node!.id, { text: 'Rapat sudah dijadwalkan.' });
    const list = await notifications(sekda);
    const report = list.items.find(
      (n: { kind: string; dispositionId: string }) =>
        n.kind === 'disposition.report' && n.dispositionId === node!.id,
    );
    expect(report.body).toBe('Rapat sudah dijadwalkan.');
    const marked = await sekda.post('/api/notifications/read').send({ ids: [report.id] });
    expect(marked.body.updated).toBe(1);
    expect((await sekda.post('/api/notifications/read').send({ all: true })).status).toBe(200);
    expect((await notifications(sekda)).unread).toBe(0);
    // Nobody marks someone else's notifications.
    expect(
      (await asisten3.post('/api/notifications/read').send({ ids: [report.id] })).body.updated,
    ).toBe(0);
  });

  it('reports mail as configured in the health check', async () => {
    expect((await ctx.request().get('/api/health')).body.mail).toBe('ok');
  });
});

describe('reminders', () => {
  it('warns the day before the deadline and when it passes, once each, and the inbox counts it overdue', async () => {
    const today = todayInJakarta();
    const due = await addWorkingDays(today, 1);
    const letterId = await registerLetter(ctx);
    const { asisten3: node } = await disposeAs(sekda, letterId, [{ key: 'asisten3' }], {
      dueDate: due,
    });
    const first = await runReminderScan();
    expect(first.dueSoon).toBeGreaterThanOrEqual(1);
    const again = await runReminderScan();
    expect(again.dueSoon).toBe(0);
    const kinds = async () =>
      (await NotificationModel.find({ dispositionId: node!.id }).lean()).map((n) => n.kind);
    expect((await kinds()).filter((k) => k === 'disposition.due_tomorrow')).toHaveLength(1);

    const inbox = async () =>
      (await asisten3.get('/api/dispositions/inbox').query({ status: 'overdue' })).body;
    expect((await inbox()).items.some((i: { id: string }) => i.id === node!.id)).toBe(false);
    // Move past the end of the deadline day.
    const restore = shiftClock(
      startOfJakartaDay(due).getTime() + 86_400_000 + 60_000 - now().getTime(),
    );
    try {
      const late = await runReminderScan();
      expect(late.overdue).toBeGreaterThanOrEqual(1);
      expect((await runReminderScan()).overdue).toBe(0);
      expect((await kinds()).filter((k) => k === 'disposition.overdue')).toHaveLength(1);
      // The clock moved days ahead: the earlier session has expired, so log in again.
      const later = await loginAs(ctx, 'asisten3');
      const overdue = (await later.get('/api/dispositions/inbox').query({ status: 'overdue' }))
        .body;
      expect(overdue.counters.overdue).toBeGreaterThanOrEqual(1);
      expect(overdue.items.find((i: { id: string }) => i.id === node!.id)).toMatchObject({
        overdue: true,
        daysLate: 1,
      });
    } finally {
      restore();
    }
  });

  it('sends each official one daily digest on a working morning', async () => {
    const nextWorkingDay = await addWorkingDays(todayInJakarta(), 1);
    const morning = new Date(startOfJakartaDay(nextWorkingDay).getTime() + 8 * 3_600_000);
    const night = new Date(startOfJakartaDay(nextWorkingDay).getTime() + 5 * 3_600_000);
    expect((await runReminderScan(night)).digests).toBe(0);
    const sent = await runReminderScan(morning);
    expect(sent.digests).toBeGreaterThanOrEqual(1);
    expect((await runReminderScan(morning)).digests).toBe(0);
    const digest = await NotificationModel.findOne({
      kind: 'digest',
      userId: asisten3.user.id,
    }).lean();
    expect(digest!.body).toMatch(/Belum dibaca: \d+/);
  });

  it('reads the open nodes by the open-set key of each position, never by status or dates', async () => {
    const filters: Record<string, unknown>[] = [];
    mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'dispositions') filters.push(filter as Record<string, unknown>);
    });
    try {
      await runReminderScan();
    } finally {
      mongoose.set('debug', false);
    }
    expect(filters.length).toBeGreaterThan(0);
    for (const filter of filters) {
      expect(Object.keys(filter), JSON.stringify(filter)).toEqual(['inboxKey']);
      expect(String(filter.inboxKey)).toMatch(/^[0-9a-f]{24}:open$/);
    }
  });

  it('is run by one process per window when several start the scan at once', async () => {
    await NotifyLeaseModel.deleteMany({});
    const results = await Promise.all([
      runLeasedScan('replica-a'),
      runLeasedScan('replica-b'),
      runLeasedScan('replica-c'),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await NotifyLeaseModel.countDocuments({ finishedAt: { $ne: null } })).toBe(1);
  });
});
