import mongoose from 'mongoose';
import { SECURITY_CLASSES, type Actor } from '../../http/actor.ts';
import { can } from '../policy/policy.ts';
import { now } from '../../lib/clock.ts';
import { deskScope, positionScope, userScope, type Clearance } from './list-keys.ts';
import { today, walkOutgoing } from './list-walk.ts';
import { listFloor, OutgoingLetterModel, type OutgoingLetter } from './outgoing.model.ts';
import { visibleFilter } from './outgoing.policy.ts';
import type { ListQuery, RegisterQuery } from './outgoing.schema.ts';
import { escapeRegex } from '../../lib/regex.ts';

/** Work lists (my drafts, awaiting my paraf, awaiting my signature, to dispatch) and the
 * outgoing register (buku agenda surat keluar). Every query starts from visibleFilter. */

function myPositions(actor: Actor): mongoose.Types.ObjectId[] {
  return actor.positions.map((p) => new mongoose.Types.ObjectId(String(p.id)));
}

export function listFilter(
  actor: Actor,
  query: Pick<ListQuery, 'box' | 'status' | 'q' | 'replyTo'>,
): Record<string, unknown> {
  const and: Record<string, unknown>[] = [visibleFilter(actor)];
  const mine = myPositions(actor);
  switch (query.box) {
    case 'mine':
      and.push({
        $or: [
          { 'drafter.userId': new mongoose.Types.ObjectId(actor.userId) },
          { 'drafter.positionId': { $in: mine } },
        ],
      });
      break;
    case 'review':
      and.push({ status: 'in_review', awaitingPositionId: { $in: mine } });
      break;
    case 'sign':
      and.push({
        status: { $in: ['awaiting_signature', 'signing'] },
        awaitingPositionId: { $in: mine },
      });
      break;
    case 'dispatch':
      and.push({ status: 'signed' });
      // Only those who dispatch (policy: outgoing.dispatch) have letters to dispatch, and
      // only of the classes they are cleared for.
      and.push({
        securityClass: {
          $in: SECURITY_CLASSES.filter((c) =>
            can(actor, 'outgoing.dispatch', { securityClass: c }),
          ),
        },
      });
      break;
    default:
      break;
  }
  if (query.status) and.push({ status: query.status });
  if (query.replyTo)
    and.push({ 'replyTo.incomingLetterId': new mongoose.Types.ObjectId(query.replyTo) });
  if (query.q) {
    const pattern = new RegExp(escapeRegex(query.q), 'i');
    and.push({ $or: [{ subject: pattern }, { number: pattern }, { 'recipients.label': pattern }] });
  }
  return { $and: and };
}

type Filter = Record<string, unknown>;

/**
 * The selective equalities whose union holds every letter `listFilter` can match, or null
 * for the "all" box, which walks the list keys instead (`listAll`).
 * Each becomes its own query `{ <equality>, $and: [listFilter] }`: the top-level equality is
 * pushed down (an index read on FerretDB), the rest is checked on the few rows it finds.
 * `$in` over the caller's positions becomes one equality per position.
 */
export function listCandidates(
  actor: Actor,
  query: Pick<ListQuery, 'box' | 'status' | 'replyTo'>,
): Filter[] | null {
  const mine = myPositions(actor);
  if (query.replyTo) return [{ replyToLetterId: new mongoose.Types.ObjectId(query.replyTo) }];
  switch (query.box) {
    case 'mine':
      return [
        { drafterUserId: new mongoose.Types.ObjectId(actor.userId) },
        ...mine.map((positionId) => ({ drafterPositionId: positionId })),
      ];
    case 'review':
    case 'sign':
      return mine.map((positionId) => ({ awaitingPositionId: positionId }));
    case 'dispatch':
      return [{ status: 'signed' }];
    default:
      return null;
  }
}

/** Runs each candidate equality with the full filter ANDed, merged without duplicates. */
async function findByCandidates(candidates: Filter[], filter: Filter): Promise<OutgoingLetter[]> {
  const and = (filter.$and as Filter[] | undefined) ?? [filter];
  const found = await Promise.all(
    candidates.map((candidate) =>
      OutgoingLetterModel.find({ ...candidate, $and: and }).lean<OutgoingLetter[]>(),
    ),
  );
  const byId = new Map<string, OutgoingLetter>();
  for (const letter of found.flat()) byId.set(String(letter._id), letter);
  return [...byId.values()];
}

const newestUpdated = (a: OutgoingLetter, b: OutgoingLetter) =>
  new Date(b.updatedAt as Date).getTime() - new Date(a.updatedAt as Date).getTime() ||
  String(b._id).localeCompare(String(a._id));

export async function listLetters(
  actor: Actor,
  query: ListQuery,
): Promise<{ items: OutgoingLetter[]; total: number }> {
  const candidates = listCandidates(actor, query);
  if (!candidates) return listAll(actor, query);
  // Work lists are small (letters waiting on the caller, their own drafts): sorted here.
  const letters = (await findByCandidates(candidates, listFilter(actor, query))).sort(
    newestUpdated,
  );
  const start = (query.page - 1) * query.pageSize;
  return { items: letters.slice(start, start + query.pageSize), total: letters.length };
}

/** What a reader sees in the lists, read off `visibleFilter` (one rule): the list keys'
 * scopes to read (list-keys.ts) and a check of each letter found. The desk's classes are
 * read through the key of the highest one (a letter's desk keys name every clearance that
 * may see it) and checked again on each letter. */
const UNDERSTOOD = ['participantPositionIds', 'drafter.userId', 'status', 'securityClass'];

export function readerScopes(actor: Actor): {
  scopes: string[];
  sees: (letter: OutgoingLetter) => boolean;
} {
  const branches = ((visibleFilter(actor).$or as Filter[] | undefined) ?? []) as Filter[];
  const positions = new Set<string>();
  let user: string | null = null;
  const classes = new Set<string>();
  for (const branch of branches) {
    // A rule this reading does not know would silently hide letters: fail loudly instead.
    const unknown = Object.keys(branch).filter((k) => !UNDERSTOOD.includes(k));
    if (unknown.length > 0)
      throw new Error(`visibleFilter has a branch readerScopes does not know: ${unknown.join()}`);
    const participant = branch.participantPositionIds as { $in?: unknown[] } | undefined;
    for (const id of participant?.$in ?? []) positions.add(String(id));
    if (branch['drafter.userId']) user = String(branch['drafter.userId']);
    const desk = branch.securityClass as { $in?: string[] } | undefined;
    for (const c of desk?.$in ?? []) classes.add(c);
  }
  const scopes = [...positions].map(positionScope);
  if (user) scopes.push(userScope(user));
  const highest = (['SR', 'R', 'T', 'B'] as const).find((c) => classes.has(c));
  if (highest) scopes.push(deskScope(highest as Clearance));
  const sees = (letter: OutgoingLetter) =>
    (letter.participantPositionIds ?? []).some((id) => positions.has(String(id))) ||
    (user !== null && String(letter.drafter?.userId) === user) ||
    (['signed', 'sent'].includes(letter.status) && classes.has(letter.securityClass));
  return { scopes, sees };
}

/** What the lists show; the body and the keys stay in the database. */
const LIST_PROJECTION = { body: 0, listKeys: 0, registerKeys: 0 };
/** Filters no key serves (status, text) look at this many letters at most per request; the
 * total is then estimated. */
const MAX_SCANNED = 3000;

function textMatcher(q: string | undefined): ((letter: OutgoingLetter) => boolean) | null {
  if (!q) return null;
  const pattern = new RegExp(escapeRegex(q), 'i');
  return (letter) =>
    pattern.test(letter.subject) ||
    pattern.test(letter.number ?? '') ||
    letter.recipients.some((r) => pattern.test(r.label));
}

/** The "all" box: every letter the reader sees, by last change, walked by `listKeys`. */
async function listAll(
  actor: Actor,
  query: ListQuery,
): Promise<{ items: OutgoingLetter[]; total: number }> {
  const floor = await listFloor();
  if (!floor) return { items: [], total: 0 };
  const text = textMatcher(query.q);
  const filtered = !!query.status || !!text;
  const reader = readerScopes(actor);
  return walkOutgoing<OutgoingLetter>({
    field: 'listKeys',
    scopes: reader.scopes,
    time: (letter) => letter.updatedAt as Date,
    read: (filter) => OutgoingLetterModel.find(filter, LIST_PROJECTION).lean<OutgoingLetter[]>(),
    top: today(now()),
    floor,
    keep: (letter) =>
      reader.sees(letter) &&
      (!query.status || letter.status === query.status) &&
      (!text || text(letter)),
    compare: newestUpdated,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
    maxScanned: filtered ? MAX_SCANNED : undefined,
  });
}

/** Month and year shortcuts become a date range. */
export function registerRange(query: Pick<RegisterQuery, 'from' | 'to' | 'month' | 'year'>): {
  from?: string;
  to?: string;
} {
  if (query.month) {
    const [y, m] = query.month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: `${query.month}-01`, to: `${query.month}-${String(last).padStart(2, '0')}` };
  }
  if (query.year && !query.from && !query.to)
    return { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  return { from: query.from, to: query.to };
}

const newestSigned = (a: OutgoingLetter, b: OutgoingLetter) =>
  new Date(b.signedAt as Date).getTime() - new Date(a.signedAt as Date).getTime() ||
  String(b._id).localeCompare(String(a._id));

/**
 * The outgoing register (signed and sent letters the reader sees) newest signing first,
 * walked by `registerKeys` between the query's dates; kind, unit and text are checked on
 * the letters walked. `limit` letters from `offset`; exports ask for all (bounded by them).
 */
export async function walkRegister(
  actor: Actor,
  query: Omit<RegisterQuery, 'page' | 'pageSize'>,
  offset: number,
  limit: number,
): Promise<{ items: OutgoingLetter[]; total: number }> {
  const stored = await listFloor();
  if (!stored) return { items: [], total: 0 };
  const range = registerRange(query);
  const newest = today(now());
  const top = range.to && range.to < newest ? range.to : newest;
  const floor = range.from && range.from > stored ? range.from : stored;
  const text = textMatcher(query.q);
  const filtered = !!query.kind || !!query.unit || !!text;
  const reader = readerScopes(actor);
  return walkOutgoing<OutgoingLetter>({
    field: 'registerKeys',
    scopes: reader.scopes,
    time: (letter) => letter.signedAt as Date,
    read: (filter) => OutgoingLetterModel.find(filter, LIST_PROJECTION).lean<OutgoingLetter[]>(),
    top,
    floor,
    keep: (letter) =>
      reader.sees(letter) &&
      (!query.kind || letter.kind === query.kind) &&
      (!query.unit || letter.issuingUnitCode === query.unit) &&
      (!text || text(letter)),
    compare: newestSigned,
    offset,
    limit,
    maxScanned: filtered && limit <= 200 ? MAX_SCANNED : undefined,
  });
}

export async function listRegister(
  actor: Actor,
  query: RegisterQuery,
): Promise<{ items: OutgoingLetter[]; total: number }> {
  return walkRegister(actor, query, (query.page - 1) * query.pageSize, query.pageSize);
}
