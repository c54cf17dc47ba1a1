import mongoose from 'mongoose';
import { hasRole, type Actor } from '../../http/actor.ts';
import { OutgoingLetterModel, type OutgoingLetter } from './outgoing.model.ts';
import { visibleFilter } from './outgoing.policy.ts';
import type { ListQuery, RegisterQuery } from './outgoing.schema.ts';

/** Work lists (my drafts, awaiting my paraf, awaiting my signature, to dispatch) and the
 * outgoing register (buku agenda surat keluar). Every query starts from visibleFilter. */

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
      if (!hasRole(actor, 'agendaris')) {
        and.push({
          $or: [
            { 'drafter.userId': new mongoose.Types.ObjectId(actor.userId) },
            { 'signer.positionId': { $in: mine } },
          ],
        });
      }
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
 * when the box has none (the unfiltered "all" list and the register still query as before).
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

/** Outgoing letters answering an incoming letter, for the incoming letter's page (the
 * link back). Only those the actor may see. One `replyToLetterId` equality. */
export async function repliesTo(actor: Actor, incomingLetterId: string): Promise<OutgoingLetter[]> {
  const query = { box: 'all' as const, replyTo: incomingLetterId };
  const letters = await findByCandidates(listCandidates(actor, query)!, listFilter(actor, query));
  return letters.sort(
    (a, b) =>
      new Date(a.createdAt as Date).getTime() - new Date(b.createdAt as Date).getTime() ||
      String(a._id).localeCompare(String(b._id)),
  );
}

export async function listLetters(
  actor: Actor,
  query: ListQuery,
): Promise<{ items: OutgoingLetter[]; total: number }> {
  const filter = listFilter(actor, query);
  const candidates = listCandidates(actor, query);
  if (candidates) {
    // Work lists are small (letters waiting on the caller, their own drafts): sorted here.
    const letters = (await findByCandidates(candidates, filter)).sort(newestUpdated);
    const start = (query.page - 1) * query.pageSize;
    return { items: letters.slice(start, start + query.pageSize), total: letters.length };
  }
  const [items, total] = await Promise.all([
    OutgoingLetterModel.find(filter)
      .sort({ updatedAt: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<OutgoingLetter[]>(),
    OutgoingLetterModel.countDocuments(filter),
  ]);
  return { items, total };
}

/** Jakarta calendar day `YYYY-MM-DD` → the instant it starts. */
function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

function nextDay(date: string): Date {
  return new Date(dayStart(date).getTime() + 24 * 3600 * 1000);
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

export function registerFilter(
  actor: Actor,
  query: Omit<RegisterQuery, 'page' | 'pageSize'>,
): Record<string, unknown> {
  const and: Record<string, unknown>[] = [
    visibleFilter(actor),
    { status: { $in: ['signed', 'sent'] } },
  ];
  const range = registerRange(query);
  const signedAt: Record<string, Date> = {};
  if (range.from) signedAt.$gte = dayStart(range.from);
  if (range.to) signedAt.$lt = nextDay(range.to);
  if (range.from || range.to) and.push({ signedAt });
  if (query.kind) and.push({ kind: query.kind });
  if (query.unit) and.push({ issuingUnitCode: query.unit });
  if (query.q) {
    const pattern = new RegExp(escapeRegex(query.q), 'i');
    and.push({ $or: [{ subject: pattern }, { number: pattern }, { 'recipients.label': pattern }] });
  }
  return { $and: and };
}

export async function listRegister(
  actor: Actor,
  query: RegisterQuery,
): Promise<{ items: OutgoingLetter[]; total: number }> {
  const filter = registerFilter(actor, query);
  const [items, total] = await Promise.all([
    OutgoingLetterModel.find(filter)
      .sort({ signedAt: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<OutgoingLetter[]>(),
    OutgoingLetterModel.countDocuments(filter),
  ]);
  return { items, total };
}
