import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, seedDemoOrganisation } from '../../../test/auth-helpers.ts';
import { createTestContext } from '../../../test/harness.ts';
import { findUserByUsername } from '../org/org.service.ts';
import { backfillNotificationKeys } from './notify.backfill.ts';
import { listNotifications } from './notify.service.ts';
import { NotificationModel, notificationKeys } from './notification.model.ts';

/** The bell and the notification list read by access keys only (no range, no $in, no
 * sort pushed to the engine), page across month buckets, and keep the keys right on every
 * write path. */
describe('notification access keys', async () => {
  const ctx = await createTestContext();
  let userId: mongoose.Types.ObjectId;
  const DAY = 86_400_000;
  const base = Date.UTC(2026, 11, 6, 12);
  beforeAll(async () => {
    await seedDemoOrganisation();
    userId = (await findUserByUsername('staftu'))!._id;
    // 90 notifications over about four months (45 of them in one busy month), every third read.
    await NotificationModel.insertMany(
      Array.from({ length: 90 }, (_, i) => ({
        userId,
        kind: 'disposition.new',
        title: `Pemberitahuan ${i}`,
        dedupeKey: `keys-test:${i}`,
        createdAt: new Date(base - (i < 45 ? i * 0.5 * DAY : 23 * DAY + (i - 45) * 2 * DAY)),
        readAt: i % 3 === 0 ? new Date(base) : null,
      })),
    );
  });

  const titles = (body: { items: Array<{ title: string }> }) =>
    body.items.map((n) => Number(n.title.split(' ')[1]));

  it('pages all and unread notifications newest first with the right totals', async () => {
    const agent = await loginAs(ctx, 'staftu');
    const first = (await agent.get('/api/notifications').query({ pageSize: 20 })).body;
    expect(first.total).toBe(90);
    expect(first.unread).toBe(60);
    expect(titles(first)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const third = (await agent.get('/api/notifications').query({ pageSize: 20, page: 3 })).body;
    expect(titles(third)).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
    const last = (await agent.get('/api/notifications').query({ pageSize: 20, page: 5 })).body;
    expect(titles(last)).toEqual(Array.from({ length: 10 }, (_, i) => 80 + i));
    const unread = (
      await agent.get('/api/notifications').query({ unread: 'true', pageSize: 25, page: 2 })
    ).body;
    expect(unread.total).toBe(60);
    const expected = Array.from({ length: 90 }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(titles(unread)).toEqual(expected.slice(25, 50));
    // The same pages when every month counts as busy (read a day at a time).
    for (const [page, unreadOnly] of [
      [1, false],
      [3, false],
      [2, true],
    ] as const) {
      const pageSize = unreadOnly ? 25 : 20;
      const daily = await listNotifications(String(userId), {
        unreadOnly,
        page,
        pageSize,
        monthReadLimit: 5,
      });
      const want = (unreadOnly ? expected : Array.from({ length: 90 }, (_, i) => i)).slice(
        (page - 1) * pageSize,
        page * pageSize,
      );
      expect(daily.items.map((n) => Number(n.title.split(' ')[1]))).toEqual(want);
    }
  });

  it('reads notifications by top-level equality only', async () => {
    const agent = await loginAs(ctx, 'staftu');
    const filters: unknown[] = [];
    mongoose.set('debug', (collection: string, _method: string, filter: unknown) => {
      if (collection === 'notifications') filters.push(filter);
    });
    try {
      await agent.get('/api/notifications').query({ pageSize: 20, page: 2 }).expect(200);
      await agent.get('/api/notifications').query({ unread: 'true' }).expect(200);
    } finally {
      mongoose.set('debug', false);
    }
    expect(filters.length).toBeGreaterThan(0);
    for (const filter of filters) {
      for (const [field, value] of Object.entries(filter as Record<string, unknown>)) {
        expect(field.startsWith('$') || field.includes('.'), field).toBe(false);
        const operator =
          value && typeof value === 'object' && !(value instanceof mongoose.Types.ObjectId);
        expect(operator, `${field}: ${JSON.stringify(value)}`).toBe(false);
      }
    }
  });

  it('keeps the keys right when notifications are marked read, by id and all at once', async () => {
    const agent = await loginAs(ctx, 'staftu');
    const page = (await agent.get('/api/notifications').query({ unread: 'true' })).body;
    const ids = page.items.slice(0, 2).map((n: { id: string }) => n.id);
    expect((await agent.post('/api/notifications/read').send({ ids })).body.updated).toBe(2);
    const after = (await agent.get('/api/notifications').query({ unread: 'true' })).body;
    expect(after.total).toBe(58);
    expect(after.items.map((n: { id: string }) => n.id)).not.toContain(ids[0]);
    expect((await agent.post('/api/notifications/read').send({ all: true })).body.updated).toBe(58);
    const none = (await agent.get('/api/notifications').query({ unread: 'true' })).body;
    expect(none).toMatchObject({ total: 0, unread: 0, items: [] });
    const stored = await NotificationModel.find({ userId }).lean();
    for (const n of stored) {
      expect({
        stateKey: n.stateKey,
        monthKey: n.monthKey,
        dayKey: n.dayKey,
        unreadMonthKey: n.unreadMonthKey,
        unreadDayKey: n.unreadDayKey,
      }).toEqual(notificationKeys(n));
    }
  });

  it('gives notifications written by an older version their keys at start-up', async () => {
    const other = (await findUserByUsername('kabagtu'))!._id;
    await NotificationModel.collection.insertOne({
      userId: other,
      kind: 'digest',
      title: 'Lama',
      body: '',
      dedupeKey: 'keys-test:old',
      readAt: null,
      createdAt: new Date(base),
      updatedAt: new Date(base),
    });
    const agent = await loginAs(ctx, 'kabagtu');
    expect((await agent.get('/api/notifications')).body.unread).toBe(0);
    const result = await backfillNotificationKeys({ force: true });
    expect(result.updated).toBe(1);
    const listed = (await agent.get('/api/notifications')).body;
    expect(listed).toMatchObject({ total: 1, unread: 1 });
    expect(listed.items[0].title).toBe('Lama');
    expect((await backfillNotificationKeys({ force: true })).updated).toBe(0);
    // The pass also took every user's counts of the months that are over: same pages.
    const staftu = await loginAs(ctx, 'staftu');
    const again = (await staftu.get('/api/notifications').query({ pageSize: 20, page: 3 })).body;
    expect(again.total).toBe(90);
    expect(titles(again)).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
  });
});
