import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { now } from '../../lib/clock.ts';
import { inboxKeyOf } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import type { CountersJson } from './dispositions.schema.ts';
import { letterCounters } from './letter-link.ts';
import { loadSeries, seriesTotal, type PositionSeries } from './series.ts';

/**
 * The dashboard counters of a position, like SRIKANDI's, from equality reads only: the
 * position's open nodes (its working set, small however long its history) read whole by
 * `inboxKey`, and the done ones (40,000 for an Asisten after five years) from the kept day
 * counts plus today's (series.ts). Counting them by `inboxKey` would be one pushed-down
 * `countDocuments`, but FerretDB decodes every matching document to count it: measured at
 * 300,000 nodes, counting 36,000 took as long as reading them.
 */

export interface PositionSnapshot {
  /** Every open node (terkirim, dibaca, diproses) addressed to the position. */
  open: Disposition[];
  /** The position's day counts (series.ts), for its histories. */
  series: PositionSeries;
  done: number;
  counters: CountersJson;
}

/** What the counters read of each open node. */
export const COUNTER_FIELDS: Record<string, 1> = { status: 1, dueAt: 1 };

export function openNodes(
  position: mongoose.Types.ObjectId,
  projection?: Record<string, 1>,
): Promise<Disposition[]> {
  return DispositionModel.find({ inboxKey: inboxKeyOf(position, 'open') }, projection ?? null).lean<
    Disposition[]
  >();
}

export async function positionSnapshot(
  position: mongoose.Types.ObjectId,
  at: Date = now(),
  projection?: Record<string, 1>,
): Promise<PositionSnapshot> {
  const [open, series, letters] = await Promise.all([
    openNodes(position, projection),
    loadSeries(String(position), at),
    letterCounters(position),
  ]);
  const done = await seriesTotal(series, 'selesai');
  const count = (status: string) => open.filter((n) => n.status === status).length;
  return {
    open,
    series,
    done,
    counters: {
      awaitingDisposition: letters.awaiting,
      unreadLetters: letters.unreadLetters,
      unreadDispositions: count('terkirim'),
      notFollowedUp: count('terkirim') + count('dibaca'),
      inProgress: count('dibaca') + count('diproses'),
      overdue: open.filter((n) => new Date(n.dueAt).getTime() <= at.getTime()).length,
      done,
      tembusan: letters.unreadCopies,
    },
  };
}

export async function countersFor(
  position: mongoose.Types.ObjectId,
  at: Date = now(),
): Promise<CountersJson> {
  return (await positionSnapshot(position, at, COUNTER_FIELDS)).counters;
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
