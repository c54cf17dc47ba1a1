import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { now, shiftClock } from '../../lib/clock.ts';
import { afterBulkLoad } from '../dispositions/dispositions.backfill.ts';
import {
  disposeAs,
  dispositionTestContext,
  loginAs,
  pos,
  registerLetter,
} from '../dispositions/test-support.ts';
import { addresseeStatusKeyOf, agendaKeyOf, unreadKeyOf } from './letters.keys.ts';
import { IncomingLetterModel, type IncomingLetter } from './letters.model.ts';
import { queueHourOf } from './queue.keys.ts';
import {
  buildQueueCells,
  LetterQueueStateModel,
  loadLetterQueue,
  markLetterQueuesStale,
  queueCounts,
  refreshLetterQueues,
} from './queue-state.ts';

// Sessions outlive the hours this test moves the clock through.
const ctx = await dispositionTestContext({
  SESSION_IDLE_MINUTES: '100000',
  SESSION_ABSOLUTE_HOURS: '1000',
});
const restores: Array<() => void> = [];
afterAll(() => restores.reverse().forEach((restore) => restore()));

const sorted = (cells: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(cells)
      .filter(([, ids]) => ids.length > 0)
      .map(([cell, ids]) => [cell, [...ids].sort()])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
  );

/** What the letters say, counted the old way (one count per key) and rebuilt from them. */
async function truth(positionId: string) {
  const [awaiting, unreadLetters, unreadCopies] = await Promise.all([
    IncomingLetterModel.countDocuments({
      addresseeStatusKey: addresseeStatusKeyOf(positionId, 'registered'),
    }),
    IncomingLetterModel.countDocuments({ unreadKeys: unreadKeyOf('a', positionId) }),
    IncomingLetterModel.countDocuments({ unreadKeys: unreadKeyOf('c', positionId) }),
  ]);
  return {
    counts: { awaiting, unreadLetters, unreadCopies },
    cells: await buildQueueCells(positionId),
  };
}

/**
 * The kept queues agree with the letters twice after each write: at once (the write's hour
 * read live) and again after the clock passed the hour (the hour folded into the kept
 * document), so both the live and the kept path are checked.
 */
async function expectNoDrift(keys: string[], label: string) {
  const ids = await Promise.all(keys.map(pos));
  const writeHour = queueHourOf(now());
  for (const phase of ['live', 'kept'] as const) {
    if (phase === 'kept') restores.push(shiftClock(75 * 60_000));
    for (const [i, positionId] of ids.entries()) {
      const want = await truth(positionId);
      const queue = await loadLetterQueue(positionId);
      expect(sorted(queue.cells), `${label}: ${keys[i]} (${phase})`).toEqual(sorted(want.cells));
      expect(queueCounts(queue), `${label}: ${keys[i]} (${phase})`).toEqual(want.counts);
    }
  }
  // The kept document really moved past the writes (not only the live read).
  const doc = await LetterQueueStateModel.findById(ids[0]).lean<{ throughHour: number }>();
  expect(doc!.throughHour).toBeGreaterThanOrEqual(writeHour);
}

async function counters(agent: Awaited<ReturnType<typeof loginAs>>) {
  return (await agent.get('/api/dispositions/counters').expect(200)).body.positions[0].counters;
}

describe('kept letter queues (waiting, unread, tembusan)', () => {
  it('never drift from the letters on any write path', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const asisten1 = await loginAs(ctx, 'asisten1');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const clerk = await loginAs(ctx, 'agendaris');
    const positions = ['sekda', 'asisten1', 'asisten3'];
    await expectNoDrift(positions, 'empty');

    // Registration: into the Sekda's waiting and unread sets, and the copy's unread tembusan.
    const l1 = await registerLetter(ctx, {
      subject: 'Surat dengan tembusan',
      copyPositionIds: [await pos('asisten3')],
    });
    const l2 = await registerLetter(ctx, {
      subject: 'Surat sangat segera',
      urgency: 'sangat_segera',
    });
    await expectNoDrift(positions, 'registration');
    expect(await counters(sekda)).toMatchObject({ awaitingDisposition: 2, unreadLetters: 2 });
    expect(await counters(asisten3)).toMatchObject({ tembusan: 1 });

    // Read marks: out of the unread sets (twice: the second changes nothing).
    await sekda.post(`/api/incoming-letters/${l1}/read`).expect(204);
    await sekda.post(`/api/incoming-letters/${l1}/read`).expect(204);
    await asisten3.post(`/api/incoming-letters/${l1}/read`).expect(204);
    await expectNoDrift(positions, 'read');
    expect(await counters(sekda)).toMatchObject({ awaitingDisposition: 2, unreadLetters: 1 });
    expect(await counters(asisten3)).toMatchObject({ tembusan: 0 });

    // A disposition takes the letter out of the waiting set; cancelling it puts it back.
    const sent = await disposeAs(sekda, l2, [{ key: 'asisten1' }]);
    await expectNoDrift(positions, 'disposition');
    expect(await counters(sekda)).toMatchObject({ awaitingDisposition: 1 });
    await sekda.post(`/api/dispositions/${sent.asisten1!.id}/cancel`).expect(200);
    await expectNoDrift(positions, 'cancelled disposition');
    expect(await counters(sekda)).toMatchObject({ awaitingDisposition: 2 });

    // Correction: another addressee and sifat move it between positions and cells.
    await clerk
      .patch(`/api/incoming-letters/${l1}`)
      .send({
        addresseePositionId: await pos('asisten1'),
        urgency: 'segera',
        reason: 'Salah tujuan',
      })
      .expect(200);
    await expectNoDrift(positions, 'correction');
    expect(await counters(sekda)).toMatchObject({ awaitingDisposition: 1 });
    expect(await counters(asisten1)).toMatchObject({ awaitingDisposition: 1, unreadLetters: 1 });

    // Voiding: out of every set.
    await clerk
      .post(`/api/incoming-letters/${l2}/void`)
      .send({ reason: 'Terdaftar dua kali' })
      .expect(200);
    await expectNoDrift(positions, 'void');
    expect(await counters(sekda)).toMatchObject({ awaitingDisposition: 0, unreadLetters: 0 });

    // A bulk load (the practice seed's insertMany, which touches nothing): rebuilt after it.
    const model = (await IncomingLetterModel.findById(l1).lean<IncomingLetter>())!;
    const sekdaId = new mongoose.Types.ObjectId(await pos('sekda'));
    await IncomingLetterModel.insertMany(
      [1, 2, 3].map((i) => {
        const { _id: _ignored, queueTouchKeys: _touched, ...rest } = model;
        void _ignored;
        void _touched;
        const number = 9000 + i;
        return {
          ...rest,
          status: 'registered',
          agendaNumber: number,
          agendaKey: agendaKeyOf(model.register, model.agendaYear, number),
          addresseePositionId: sekdaId,
          copyPositionIds: [],
          readPositionIds: [],
          reads: [],
          urgency: i === 3 ? 'sangat_segera' : 'biasa',
        };
      }),
    );
    await afterBulkLoad();
    await expectNoDrift(positions, 'bulk load');
    expect(await counters(sekda)).toMatchObject({ awaitingDisposition: 3, unreadLetters: 3 });
  });

  it('repairs itself: a lost write is gone by the daily rebuild, a stale mark at the next read', async () => {
    const sekda = await pos('sekda');
    const good = sorted((await loadLetterQueue(sekda)).cells);
    expect(Object.keys(good).length).toBeGreaterThan(0);
    // A write the kept document missed (a crash between a write and its touch).
    await LetterQueueStateModel.updateOne({ _id: sekda }, { $set: { cells: {} } });
    expect(queueCounts(await loadLetterQueue(sekda)).awaiting).toBe(0);
    restores.push(shiftClock(24 * 3_600_000));
    expect(await refreshLetterQueues()).toMatchObject({ rebuilt: expect.any(Number) });
    expect(sorted((await loadLetterQueue(sekda)).cells)).toEqual(good);

    await LetterQueueStateModel.updateOne({ _id: sekda }, { $set: { cells: {} } });
    await markLetterQueuesStale([sekda]);
    expect(sorted((await loadLetterQueue(sekda)).cells)).toEqual(good);
  });
});
