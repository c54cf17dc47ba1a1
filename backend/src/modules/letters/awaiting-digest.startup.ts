import type { Services } from '../../services.ts';
import { runWithLease } from '../files/lease.ts';
import { refreshAwaitingDigests } from './awaiting-digest.ts';
import { LetterQueueStateModel, loadLetterQueue } from './queue-state.ts';

const REFRESH_EVERY_MS = 15 * 60_000;

/** Every position with a kept queue gets its awaiting digest (awaiting-digest.ts) if it has
 * none, an older one or one built on an earlier day: reading each waiting set once (the
 * cost a search paid before the digest), here rather than in the first search. */
export async function refreshAllAwaitingDigests(): Promise<{ rebuilt: number }> {
  const ids = await LetterQueueStateModel.find({}, { _id: 1 }).lean<Array<{ _id: string }>>();
  const queues = [];
  for (const { _id } of ids) queues.push(await loadLetterQueue(_id));
  return refreshAwaitingDigests(queues);
}

/** Start-up (one process at a time, before serving, so the first search after an upgrade
 * is not the one that builds it), then every 15 minutes, which rebuilds each digest once a
 * day. */
export async function awaitingDigestStartupTask(services: Services): Promise<void> {
  const run = () =>
    runWithLease('refresh:letter-awaiting-digests', REFRESH_EVERY_MS, async () => {
      const { rebuilt } = await refreshAllAwaitingDigests();
      if (rebuilt > 0) services.logger.info({ rebuilt }, 'letters: awaiting digests built');
    });
  await run();
  if (services.config.LONTAR_MODE === 'test') return;
  setInterval(
    () =>
      run().catch((error) =>
        services.logger.error({ err: error }, 'awaiting digest refresh failed'),
      ),
    REFRESH_EVERY_MS,
  ).unref();
}
