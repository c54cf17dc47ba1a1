import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { startSearchIndex } from '../search/runtime.ts';
import type { SeriesKind } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import type { InboxQuery } from './dispositions.schema.ts';
import { walkHistory } from './history-walk.ts';
import { COUNTER_FIELDS, positionSnapshot } from './inbox.counters.ts';
import { letterSummariesOf } from './letter-link.ts';
import { seriesTotal, type PositionSeries } from './series.ts';

export { countersFor, countersForActor } from './inbox.counters.ts';

/**
 * One position's disposition inbox (an acting official switches between their positions),
 * read through access keys only (disposition.keys.ts): the open tabs and the counters from
 * the position's open set, the long histories (done, closed, all, sent) day by day newest
 * first with totals from the kept day counts (series.ts). A text query goes to the search
 * index, then to the trees of the few letters it finds.
 */

export function inboxPosition(actor: Actor, positionId: string | undefined): string {
  if (positionId) {
    if (!actor.positions.some((p) => p.id === positionId))
      throw forbidden('Anda tidak memegang jabatan tersebut.');
    return positionId;
  }
  const own = actor.positions.find((p) => !p.acting) ?? actor.positions[0];
  if (!own)
    throw forbidden(
      'Akun Anda tidak memegang jabatan apa pun, sehingga tidak memiliki kotak disposisi.',
    );
  return own.id;
}

type Tab = InboxQuery['status'];
const OPEN_TABS: readonly Tab[] = ['unread', 'not_followed_up', 'in_progress', 'overdue'];
/** The search hits a text query looks at: the best matching letters of this position. */
const MAX_TEXT_LETTERS = 100;

/** Whether a node of the position belongs to a tab (the old per-tab filters, in memory). */
function inTab(tab: Tab, node: Disposition, at: Date): boolean {
  switch (tab) {
    case 'unread':
      return node.status === 'terkirim';
    case 'not_followed_up':
      return node.status === 'terkirim' || node.status === 'dibaca';
    case 'in_progress':
      return node.status === 'dibaca' || node.status === 'diproses';
    case 'overdue':
      return (
        ['terkirim', 'dibaca', 'diproses'].includes(node.status) &&
        new Date(node.dueAt).getTime() <= at.getTime()
      );
    case 'done':
      return node.status === 'selesai';
    case 'closed':
      return node.status === 'dibatalkan' || node.status === 'dikembalikan';
    case 'sent':
      return true;
    default:
      return node.status !== 'dibatalkan';
  }
}

const newestFirst = (a: Disposition, b: Disposition): number =>
  new Date(b.sentAt).getTime() - new Date(a.sentAt).getTime() ||
  String(b._id).localeCompare(String(a._id));

/** The day buckets of each history tab; done and closed are ordered by when they closed. */
const HISTORY: Record<
  string,
  { kinds: SeriesKind[]; order: 'sentAt' | 'closedAt'; exact: boolean }
> = {
  done: { kinds: ['selesai'], order: 'closedAt', exact: true },
  closed: { kinds: ['dibatalkan', 'dikembalikan'], order: 'closedAt', exact: true },
  sent: { kinds: ['s'], order: 'sentAt', exact: true },
  // Everything received but the cancelled (rare): those are filtered out of the days.
  all: { kinds: ['r'], order: 'sentAt', exact: false },
};

/** Open work is read by deadline, the rest newest first. */
const byDeadline = (a: Disposition, b: Disposition): number =>
  new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime() || newestFirst(a, b);

export async function inbox(actor: Actor, query: InboxQuery, services?: Services) {
  const positionId = inboxPosition(actor, query.positionId);
  const position = new mongoose.Types.ObjectId(positionId);
  const at = now();
  const tab = query.status;
  const [snapshot, letterIds] = await Promise.all([
    // A history tab uses the open set for its counters only: no need to carry whole nodes.
    positionSnapshot(position, at, OPEN_TABS.includes(tab) ? undefined : COUNTER_FIELDS),
    query.q ? matchingLetterIds(services, positionId, query.q) : Promise.resolve(null),
  ]);
  const keep = (n: Disposition) =>
    (!query.urgency || n.urgency === query.urgency) &&
    (!letterIds || letterIds.has(String(n.letterId)));
  const offset = (query.page - 1) * query.pageSize;
  let nodes: Disposition[];
  let total: number;
  if (OPEN_TABS.includes(tab)) {
    const matching = snapshot.open.filter((n) => inTab(tab, n, at) && keep(n)).sort(byDeadline);
    total = matching.length;
    nodes = matching.slice(offset, offset + query.pageSize);
  } else if (letterIds) {
    // A text query on a history: the trees of the few matching letters, by letterId.
    const mine = (n: Disposition) =>
      tab === 'sent'
        ? String(n.from.positionId) === positionId
        : String(n.toPositionId) === positionId;
    const matching = (await nodesOfLetters([...letterIds]))
      .filter((n) => mine(n) && inTab(tab, n, at) && keep(n))
      .sort(newestFirst);
    total = matching.length;
    nodes = matching.slice(offset, offset + query.pageSize);
  } else {
    const history = HISTORY[tab] ?? HISTORY.all!;
    const [walked, members] = await Promise.all([
      walkHistory({
        series: snapshot.series,
        ...history,
        member: (n) => inTab(tab, n, at),
        keep: query.urgency ? keep : null,
        offset,
        limit: query.pageSize,
      }),
      historyTotal(tab, snapshot.series, snapshot.open.length, snapshot.done),
    ]);
    nodes = walked.nodes;
    total = !query.urgency
      ? members
      : walked.exhausted
        ? walked.matched
        : // Filtered and not read to the end: estimated from the share kept so far, and at
          // least what was shown (plus one more page when this one is full).
          Math.max(
            Math.round((walked.matched / Math.max(walked.members, 1)) * members),
            offset + nodes.length + (nodes.length === query.pageSize ? 1 : 0),
          );
  }
  // The letters as copied onto the nodes: no read per row.
  const letters = await letterSummariesOf(nodes);
  return { positionId, nodes, letters, total, counters: snapshot.counters };
}

/** Exact size of a history tab, from the day counts (and the open set already read). */
async function historyTotal(
  tab: Tab,
  series: PositionSeries,
  open: number,
  done: number,
): Promise<number> {
  switch (tab) {
    case 'done':
      return done;
    case 'closed': {
      const [cancelled, returned] = await Promise.all([
        seriesTotal(series, 'dibatalkan'),
        seriesTotal(series, 'dikembalikan'),
      ]);
      return cancelled + returned;
    }
    case 'sent':
      return seriesTotal(series, 's');
    default:
      return open + done + (await seriesTotal(series, 'dikembalikan'));
  }
}

/** Letters this position may open that match the text, from the search index (never a
 * regular expression over the letters): the best `MAX_TEXT_LETTERS` of them. */
async function matchingLetterIds(
  services: Services | undefined,
  positionId: string,
  q: string,
): Promise<Set<string>> {
  if (!services) return new Set();
  const indexer = await startSearchIndex(services);
  const result = indexer.engine.search(
    { text: q, direction: 'incoming', page: 1, pageSize: MAX_TEXT_LETTERS },
    { openRank: -1, principals: [`p:${positionId}`] },
  );
  return new Set(result.items.map((hit) => hit.letterId));
}

/** The nodes of a few letters, one `letterId` equality each. */
async function nodesOfLetters(letterIds: string[]): Promise<Disposition[]> {
  const trees = await Promise.all(
    letterIds.map((id) =>
      DispositionModel.find({ letterId: new mongoose.Types.ObjectId(id) }).lean<Disposition[]>(),
    ),
  );
  return trees.flat();
}
