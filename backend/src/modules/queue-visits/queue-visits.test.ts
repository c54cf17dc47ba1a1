import { describe, expect, it } from 'vitest';
import { actorFor, loginAs } from '../../../test/auth-helpers.ts';
import { shiftClock } from '../../lib/clock.ts';
import { dispositionTestContext, pos } from '../dispositions/test-support.ts';
import { QueueVisitModel } from './queue-visits.model.ts';
import { nextVisit, recordVisit, SITTING_GAP_MS } from './queue-visits.service.ts';

const ctx = await dispositionTestContext();
const MINUTE = 60_000;

describe('queue visits: what is new since the last visit', () => {
  it('keeps the marks through one sitting and moves them after a break', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const queue = `awaiting-${await pos('sekda')}`;
    const first = await sekda.put(`/api/me/queue-visits/${queue}`).send({});
    expect(first.status).toBe(200);
    expect(first.body.previousVisitAt).toBeNull();
    // The first visit starts the memory: only what arrives from now on is new.
    expect(first.body.newSince).toBe(first.body.lastVisitAt);

    // Within the sitting (a reload, back from a letter): the boundary stays.
    const restore = shiftClock(10 * MINUTE);
    try {
      const again = (await sekda.put(`/api/me/queue-visits/${queue}`).send({})).body;
      expect(again.newSince).toBe(first.body.newSince);
      expect(Date.parse(again.lastVisitAt)).toBeGreaterThan(Date.parse(first.body.lastVisitAt));

      // After a break longer than the gap: new is what came after the last visit.
      const later = shiftClock(SITTING_GAP_MS + MINUTE);
      try {
        const next = (await sekda.put(`/api/me/queue-visits/${queue}`).send({})).body;
        expect(next.newSince).toBe(again.lastVisitAt);
        expect(next.previousVisitAt).toBe(again.lastVisitAt);

        // "Tandai sudah dilihat": nothing that arrived so far is new.
        const seen = (await sekda.put(`/api/me/queue-visits/${queue}`).send({ seen: true })).body;
        expect(seen.newSince).toBe(seen.lastVisitAt);

        const listed = (await sekda.get('/api/me/queue-visits')).body.items;
        expect(listed).toEqual([seen]);
      } finally {
        later();
      }
    } finally {
      restore();
    }
  });

  it('is per user and refuses queues of positions the user does not hold', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const clerk = await loginAs(ctx, 'agendaris');
    await clerk.put('/api/me/queue-visits/register').send({});
    const mine = (await clerk.get('/api/me/queue-visits')).body.items.map(
      (v: { queue: string }) => v.queue,
    );
    expect(mine).toEqual(['register']);
    expect(
      (await sekda.get('/api/me/queue-visits')).body.items.map((v: { queue: string }) => v.queue),
    ).not.toContain('register');

    const other = await clerk.put(`/api/me/queue-visits/inbox-${await pos('sekda')}`).send({});
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/jabatan/);
    const bad = await clerk.put('/api/me/queue-visits/semua').send({});
    expect(bad.status).toBe(400);
  });

  it('decides the boundary by the rule', () => {
    const t0 = new Date('2026-12-07T01:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
    const a = nextVisit(null, t0);
    const b = nextVisit(a, at(29));
    expect(b.newSince).toEqual(t0);
    const c = nextVisit(b, at(29 + 31));
    expect(c.newSince).toEqual(at(29));
    expect(nextVisit(c, at(61), true).newSince).toEqual(at(61));
  });

  it('records every one of many first visits at once (two screens opening the queue)', async () => {
    // A new user and queue each round, so every call of a round is a first visit racing to
    // insert the same document: the old upsert failed most rounds with E11000 (a 500). Called
    // at the service, as several API replicas would: through one test server the requests
    // arrive too far apart to collide.
    const users = ['asisten1', 'asisten2', 'asisten3', 'karopem', 'karohukum'];
    for (const user of users)
      for (const kind of ['inbox', 'awaiting']) {
        const actor = await actorFor(user);
        const queue = `${kind}-${await pos(user)}`;
        const visits = await Promise.allSettled(
          Array.from({ length: 8 }, () => recordVisit(actor, queue)),
        );
        expect(visits.filter((v) => v.status === 'rejected')).toEqual([]);
        expect(await QueueVisitModel.countDocuments({ _id: `${actor.userId}:${queue}` })).toBe(1);
      }
    // The screen's own route answers too.
    const karo = await loginAs(ctx, 'karokesra');
    const queue = `inbox-${await pos('karokesra')}`;
    const answers = await Promise.all(
      [1, 2].map(() => karo.put(`/api/me/queue-visits/${queue}`).send({})),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
  });
});
