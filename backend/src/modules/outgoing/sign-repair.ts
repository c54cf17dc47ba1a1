import type { Logger } from '../../lib/logger.ts';
import type { ObjectStore } from '../../lib/storage.ts';
import { now } from '../../lib/clock.ts';
import { SWEEP_WINDOW_MS, type StoredObject } from '../files/sweeper.ts';
import type { Services } from '../../services.ts';
import type { OutgoingLetter } from './outgoing.model.ts';
import { loadLetter } from './transitions.ts';

/**
 * The signed PDF's objects (`outgoing/<yyyy>/<letterId>/final-<hash>.pdf`, see
 * sign.service.ts). The bytes are stored before the change that makes the letter signed,
 * so a signature that failed or was cut off there can leave an object no letter points to.
 * A failing attempt removes its own; what a crash left is removed here: by the letter's
 * next successful signature, and by the sweeper for letters never signed again.
 */
const FINAL_KEY = /^outgoing\/\d{4}\/([0-9a-f]{24})\/final-[0-9a-f]{16}\.pdf$/;

export function finalKey(
  letter: Pick<OutgoingLetter, '_id' | 'numberYear'>,
  sha256: string,
): string {
  return `outgoing/${letter.numberYear}/${String(letter._id)}/final-${sha256.slice(0, 16)}.pdf`;
}

function prefixOf(letter: Pick<OutgoingLetter, '_id' | 'numberYear'>): string {
  return `outgoing/${letter.numberYear}/${String(letter._id)}/`;
}

/** After a signature: every other final PDF under the letter's prefix is a leftover of an
 * attempt that failed or died (one prefix listing; attachments live elsewhere). Best effort:
 * what stays is the sweeper's. */
export async function removeStaleFinals(
  services: Pick<Services, 'storage' | 'logger'>,
  letter: OutgoingLetter,
): Promise<string[]> {
  if (!letter.final?.key || !letter.numberYear) return [];
  const removed: string[] = [];
  try {
    for (const object of await services.storage.listKeys(prefixOf(letter))) {
      if (!FINAL_KEY.test(object.key) || object.key === letter.final.key) continue;
      await services.storage.remove(object.key);
      removed.push(object.key);
    }
  } catch (error) {
    services.logger.warn(
      { err: error, letterId: String(letter._id) },
      'leftover signed PDFs not removed',
    );
  }
  return removed;
}

/**
 * The sweeper's part: final PDFs older than `graceMs` whose letter (read with any abandoned
 * change rolled forward) exists and does not point to them. A signature in flight stores its bytes
 * seconds before its change; the grace is hours. Like the file sweeper, only objects of the
 * last `windowMs` past the grace are judged (one letter read by `_id` each), so a run does
 * not read every signed letter of five years.
 */
export async function sweepStaleFinals(
  storage: Pick<ObjectStore, 'listKeys' | 'remove'>,
  options: {
    graceMs: number;
    windowMs?: number;
    logger?: Logger;
    /** The `outgoing/` listing when the caller made it already (the periodic sweep shares
     * one with the file sweep). */
    listed?: StoredObject[];
  },
): Promise<string[]> {
  const cutoff = now().getTime() - options.graceMs;
  const since = cutoff - (options.windowMs ?? SWEEP_WINDOW_MS);
  const removed: string[] = [];
  const byLetter = new Map<string, string[]>();
  for (const object of options.listed ?? (await storage.listKeys('outgoing/'))) {
    const letterId = FINAL_KEY.exec(object.key)?.[1];
    const at = object.lastModified.getTime();
    if (!letterId || at >= cutoff || at < since) continue;
    byLetter.set(letterId, [...(byLetter.get(letterId) ?? []), object.key]);
  }
  // One `_id` read per letter that has final PDFs old enough to judge.
  for (const [letterId, keys] of byLetter) {
    const letter = await loadLetter(letterId);
    // No such letter: not ours to judge (a restore, another instance's bucket); a signed
    // document is only removed when its letter is known to point elsewhere.
    if (!letter) continue;
    for (const key of keys) {
      if (letter.final?.key === key) continue;
      await storage.remove(key);
      removed.push(key);
    }
  }
  if (removed.length > 0)
    options.logger?.warn({ removed: removed.length }, 'leftover signed PDFs removed');
  return removed;
}
