import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import type { CountersJson } from './dispositions.schema.ts';
import { letterCounters } from './letter-link.ts';
import { loadOpenState, openCounts, type OpenState } from './open-state.ts';
import { loadSeries, seriesTotal, type PositionSeries } from './series.ts';

/**
 * The dashboard counters of a position, like SRIKANDI's, without reading its open set or
 * its history: the open nodes per status and deadline day from the kept open state
 * (open-state.ts: a small document plus the last hour's changes), the done ones (40,000
 * for an Asisten after five years) from the kept day counts plus today's (series.ts).
 * Counting them by a key would be one pushed-down `countDocuments`, but FerretDB decodes
 * every matching document to count it: measured at 300,000 nodes, counting 36,000 took as
 * long as reading them.
 */

export interface PositionSnapshot {
  /** Open nodes per status and deadline day (no node read). */
  open: OpenState;
  /** The position's day counts (series.ts), for its histories. */
  series: PositionSeries;
  done: number;
  counters: CountersJson;
}

export async function positionSnapshot(
  position: mongoose.Types.ObjectId,
  at: Date = now(),
): Promise<PositionSnapshot> {
  const [open, series, letters] = await Promise.all([
    loadOpenState(String(position), at),
    loadSeries(String(position), at),
    letterCounters(position),
  ]);
  const done = await seriesTotal(series, 'selesai');
  const counts = openCounts(open);
  return {
    open,
    series,
    done,
    counters: {
      awaitingDisposition: letters.awaiting,
      unreadLetters: letters.unreadLetters,
      unreadDispositions: counts.terkirim,
      notFollowedUp: counts.terkirim + counts.dibaca,
      inProgress: counts.dibaca + counts.diproses,
      overdue: counts.overdue,
      done,
      tembusan: letters.unreadCopies,
    },
  };
}

export async function countersFor(
  position: mongoose.Types.ObjectId,
  at: Date = now(),
): Promise<CountersJson> {
  return (await positionSnapshot(position, at)).counters;
}

/** Counters for every position the actor holds (the dashboard widget sums or switches). */
export async function countersForActor(
  actor: Actor,
): Promise<Array<{ positionId: string; title: string; acting: boolean; counters: CountersJson }>> {
  const at = now();
  return Promise.all(
    actor.positions.map(async (p) => ({
      positionId: p.id,
      title: p.title,
      acting: p.acting,
      counters: await countersFor(new mongoose.Types.ObjectId(p.id), at),
    })),
  );
}
