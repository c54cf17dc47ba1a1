import { describe, expect, it } from 'vitest';
import { DispositionOpenStateModel, loadOpenState } from '../dispositions/open-state.ts';
import { dispositionTestContext, loginAs, pos } from '../dispositions/test-support.ts';
import { AwaitingDigestModel, loadAwaitingDigest } from './awaiting-digest.ts';
import { LetterQueueStateModel, loadLetterQueue } from './queue-state.ts';

/**
 * A position's kept states (its letter queues, its "Perlu disposisi" digest, its open
 * dispositions) are built by the first request that finds none. Screens ask for them several
 * at once (the dashboard's counters beside the inbox, a second tab, another replica), so
 * several first requests race to insert the same document: none may fail (it was a 500).
 * Each round starts from a position without the state; the loaders are called at the
 * service, as several API replicas would: through one test server the requests arrive too
 * far apart to collide.
 */
const ctx = await dispositionTestContext();
const POSITIONS = ['sekda', 'asisten1', 'asisten2', 'asisten3', 'karopem', 'karohukum'];
const AT_ONCE = 8;

async function race(
  model: { deleteOne: (f: object) => unknown; countDocuments: (f: object) => unknown },
  load: (positionId: string) => Promise<unknown>,
): Promise<void> {
  for (const key of POSITIONS) {
    const positionId = await pos(key);
    await model.deleteOne({ _id: positionId });
    const loads = await Promise.allSettled(Array.from({ length: AT_ONCE }, () => load(positionId)));
    expect(loads.filter((l) => l.status === 'rejected')).toEqual([]);
    expect(await model.countDocuments({ _id: positionId })).toBe(1);
  }
}

describe('kept states built by many first requests at once', () => {
  it('the letter queues', async () => {
    await race(LetterQueueStateModel, (id) => loadLetterQueue(id));
  });

  it('the "Perlu disposisi" digest', async () => {
    await race(AwaitingDigestModel, (id) => loadAwaitingDigest(id));
  });

  it('the open dispositions', async () => {
    await race(DispositionOpenStateModel, (id) => loadOpenState(id));
  });

  it('the counters route answers two screens asking at once', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const positionId = await pos('sekda');
    await Promise.all([
      LetterQueueStateModel.deleteOne({ _id: positionId }),
      DispositionOpenStateModel.deleteOne({ _id: positionId }),
    ]);
    const answers = await Promise.all([1, 2].map(() => sekda.get('/api/dispositions/counters')));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
  });
});
