import { backfillKeys } from '../../lib/backfill.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import { jakartaDate } from '../calendar/dates.ts';
import {
  lowerListFloor,
  OUTGOING_KEY_FIELDS,
  OutgoingLetterModel,
  outgoingKeys,
  type OutgoingLetter,
} from './outgoing.model.ts';

/** Bump when `outgoingKeys` changes what it computes: the next start recomputes every letter.
 * 2: the list keys of the "all" box and the register. */
export const OUTGOING_KEYS_VERSION = 2;

/**
 * Gives outgoing letters written before the access keys existed their keys (lib/backfill.ts,
 * `backfillKeys`), and the lists' floor (the oldest letter's day) from the same pass.
 */
export async function backfillOutgoingKeys(
  options: { force?: boolean; logger?: Logger; batchSize?: number } = {},
): Promise<{ scanned: number; updated: number }> {
  let oldest: string | null = null;
  return backfillKeys<OutgoingLetter>(
    {
      marker: 'outgoing-letter-keys',
      version: OUTGOING_KEYS_VERSION,
      model: OutgoingLetterModel as never,
      fields: OUTGOING_KEY_FIELDS,
      inputs: [
        'drafter',
        'replyTo',
        'status',
        'securityClass',
        'participantPositionIds',
        'createdAt',
        'updatedAt',
        'signedAt',
      ],
      keys: (letter) => outgoingKeys(letter),
      batchSize: 500,
      visit: (letter) => {
        const day = jakartaDate(new Date((letter.createdAt ?? letter.updatedAt) as Date));
        if (!oldest || day < oldest) oldest = day;
      },
      finish: async () => {
        if (oldest) await lowerListFloor(oldest);
      },
      message: 'outgoing letter access keys backfilled',
    },
    options,
  );
}

/** Start-up: before serving, the lists read letters by their keys only. */
export async function outgoingStartupTask(services: Services): Promise<void> {
  await backfillOutgoingKeys({ logger: services.logger });
}
