import type { Services } from '../../services.ts';
import { runWithLease } from '../files/lease.ts';
import { AwaitingDigestModel, refreshAwaitingDigests } from './awaiting-digest.ts';
import { LetterQueueStateModel } from './queue-state.ts';

const REFRESH_EVERY_MS = 15 * 60_000;

/** Every position with a kept queue or digest gets its awaiting digest (awaiting-digest.ts)
 * if it has none, an older one or one built on an earlier day (reading each waiting set
 * once, here rather than in the first request), and the others are advanced to the
 * settled hour. */
export async function refreshAllAwaitingDigests(): Promise<{ rebuilt: number; advanced: number }> {
  const [queues, digests] = await Promise.all([
    LetterQueueStateModel.find({}, { _id: 1 }).lean<Array<{ _id: string }>>(),
    AwaitingDigestModel.find({}, { _id: 1 }).lean<Array<{ _id: string }>>(),
  ]);
  return refreshAwaitingDigests([...queues, ...digests].map((d) => d._id));
}

/** Start-up (one process at a time, before serving, so the first request after an upgrade
 * is not the one that builds it), then every 15 minutes, which advances each digest and
 * rebuilds it once a day. */
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
