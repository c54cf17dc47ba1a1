import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import type { Services } from '../../services.ts';
import { startSearchIndex } from '../search/runtime.ts';
import type { OpenStatus, SeriesKind } from './disposition.keys.ts';
import { DispositionModel, type Disposition } from './disposition.model.ts';
import type { InboxQuery } from './dispositions.schema.ts';
import { positionSnapshot, type PositionSnapshot } from './inbox.counters.ts';
import { compareOpen, historyPage, openTabPage, type Prepare } from './inbox.walks.ts';
import { letterSummariesOf, letterSummaryOf, lettersByIds } from './letter-link.ts';
import { senderKeyOf } from '../letters/letters.keys.ts';
import { openCounts } from './open-state.ts';
import { seriesTotal } from './series.ts';

export { countersFor, countersForActor } from './inbox.counters.ts';

/**
 * One position's disposition inbox (an acting official switches between their positions),
 * read through access keys only (disposition.keys.ts): the counters from the kept open
 * state and day counts (open-state.ts, series.ts), the open tabs most urgent first (sifat,
 * then deadline day, then age; or by deadline) and the long histories (done, closed, all, sent) day by day newest first, reading
 * only the page's days (inbox.walks.ts). A text query goes to the search index, then to
 * the trees of the few letters it finds.
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
/** The open tabs: the open statuses each lists. */
const OPEN_TABS: Partial<Record<Tab, readonly OpenStatus[]>> = {
  unread: ['terkirim'],
  not_followed_up: ['terkirim', 'dibaca'],
  in_progress: ['dibaca', 'diproses'],
  overdue: ['terkirim', 'dibaca', 'diproses'],
};
/** The search hits a text query looks at: the best matching letters of this position. */
const MAX_TEXT_LETTERS = 100;

/** Whether a node of the position belongs to a tab (the text query filters in memory). */
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

/** The order a tab is read in: an open tab most urgent first unless the deadline order is
 * asked; a history newest first (its only order). */
export function tabSort(tab: Tab, asked: InboxQuery['sort']): 'priority' | 'deadline' | 'newest' {
  if (!OPEN_TABS[tab]) return 'newest';
  return asked === 'deadline' ? 'deadline' : 'priority';
}

/** The filters on the letter (sender, classification), applied in memory to the nodes a
 * walk reads; null when none is asked. */
function letterFilter(query: InboxQuery): ((node: Disposition) => boolean) | null {
  const sender = query.sender ? senderKeyOf(query.sender) : '';
  const code = query.classificationCode?.replace(/\.$/, '') ?? '';
  if (!sender && !code) return null;
  return (node) => {
    const summary = node.letterSummary;
    if (!summary) return false;
    if (sender && !senderKeyOf(summary.senderName).includes(sender)) return false;
    const have = summary.classificationCode ?? '';
    if (code && have !== code && !have.startsWith(`${code}.`)) return false;
    return true;
  };
}

/** Gives nodes the letter summary a filter needs, reading the letter (one `_id` each) only
 * for nodes stored before the summary, or before it carried the classification. */
const withLetterSummaries: Prepare = async (nodes) => {
  const lacking = nodes.filter(
    (n) => !n.letterSummary || n.letterSummary.classificationCode === undefined,
  );
  if (lacking.length === 0) return nodes;
  const letters = await lettersByIds(lacking.map((n) => n.letterId));
  return nodes.map((n) => {
    const letter = letters.get(String(n.letterId));
    return lacking.includes(n) && letter ? { ...n, letterSummary: letterSummaryOf(letter) } : n;
  });
};

export async function inbox(actor: Actor, query: InboxQuery, services?: Services) {
  const positionId = inboxPosition(actor, query.positionId);
  const position = new mongoose.Types.ObjectId(positionId);
  const at = now();
  const tab = query.status;
  const sort = tabSort(tab, query.sort);
  const [snapshot, letterIds] = await Promise.all([
    positionSnapshot(position, at),
    query.q ? matchingLetterIds(services, positionId, query.q) : Promise.resolve(null),
  ]);
  const urgencies = query.urgency ?? null;
  const statuses = query.dispositionStatus ?? null;
  const byLetter = letterFilter(query);
  const prepare = byLetter ? withLetterSummaries : undefined;
  const offset = (query.page - 1) * query.pageSize;
  const openStatuses = OPEN_TABS[tab]?.filter((s) => !statuses || statuses.includes(s));
  let page: { nodes: Disposition[]; total: number; exact: boolean };
  if (letterIds) {
    // A text query: the trees of the few matching letters, by letterId.
    const mine = (n: Disposition) =>
      tab === 'sent'
        ? String(n.from.positionId) === positionId
        : String(n.toPositionId) === positionId;
    const keep = (n: Disposition) =>
      mine(n) &&
      inTab(tab, n, at) &&
      (!urgencies || urgencies.includes(n.urgency as never)) &&
      (!statuses || statuses.includes(n.status as never));
    let nodes = (await nodesOfLetters([...letterIds])).filter(keep);
    if (prepare) nodes = await prepare(nodes);
    const matching = nodes
      .filter((n) => !byLetter || byLetter(n))
      .sort(sort === 'newest' ? newestFirst : compareOpen(sort));
    page = {
      nodes: matching.slice(offset, offset + query.pageSize),
      total: matching.length,
      exact: true,
    };
  } else if (openStatuses) {
    page = await openTabPage({
      state: snapshot.open,
      statuses: openStatuses,
      overdueOnly: tab === 'overdue',
      order: sort === 'deadline' ? 'deadline' : 'priority',
      urgencies,
      keep: byLetter,
      prepare,
      offset,
      limit: query.pageSize,
    });
  } else {
    const history = HISTORY[tab] ?? HISTORY.all!;
    const filters = [
      urgencies ? (n: Disposition) => urgencies.includes(n.urgency as never) : null,
      statuses ? (n: Disposition) => statuses.includes(n.status as never) : null,
      byLetter,
    ].filter((f): f is (n: Disposition) => boolean => !!f);
    page = await historyPage({
      series: snapshot.series,
      ...history,
      member: (n) => inTab(tab, n, at),
      keep: filters.length ? (n) => filters.every((f) => f(n)) : null,
      prepare,
      members: await historyTotal(tab, snapshot),
      offset,
      limit: query.pageSize,
    });
  }
  // The letters as copied onto the nodes: no read per row.
  const letters = await letterSummariesOf(page.nodes);
  return {
    positionId,
    nodes: page.nodes,
    letters,
    total: page.total,
    totalExact: page.exact,
    sort,
    counters: snapshot.counters,
  };
}

/** Exact size of a history tab, from the day counts and the open counts. */
async function historyTotal(tab: Tab, snapshot: PositionSnapshot): Promise<number> {
  const { series, done } = snapshot;
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
    default: {
      const open = openCounts(snapshot.open);
      return (
        open.terkirim +
        open.dibaca +
        open.diproses +
        done +
        (await seriesTotal(series, 'dikembalikan'))
      );
    }
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
