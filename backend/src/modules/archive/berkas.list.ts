import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { walkBuckets } from '../../lib/bucket-walk.ts';
import { escapeRegex } from '../../lib/regex.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { CounterModel } from '../numbering/counter.model.ts';
import { berkasScopeFilter, canReadBerkas } from './archive.policy.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';

/**
 * The berkas list (and its printed daftar) a year at a time, newest year first: each year is
 * one top-level equality (`year`, with `status` or `unitPath` when the list asks for one),
 * and the rest of the filter (scope, code, text, hold, box) is checked on the berkas of that
 * year. A berkas belongs to the year it was made in, so the years are those of the berkas
 * number counters (one per unit and year, a small collection). A box's berkas are read by
 * `boxId` alone. FerretDB pushes neither `$in` nor `$ne` nor `$regex` down, and sorts in
 * memory: the former query read every berkas for every page.
 */
export interface BerkasFilter {
  status?: string | undefined;
  unitId?: string | undefined;
  code?: string | undefined;
  year?: number | undefined;
  q?: string | undefined;
  hold?: boolean | undefined;
  boxId?: string | undefined;
}

/** Years with berkas, newest first (this year always). */
async function berkasYears(): Promise<number[]> {
  const counters = await CounterModel.find({}, { series: 1, year: 1 }).lean<
    { series: string; year: number }[]
  >();
  const years = new Set(counters.filter((c) => c.series.startsWith('berkas:')).map((c) => c.year));
  years.add(jakartaParts(now()).year);
  return [...years].sort((a, b) => b - a);
}

function matcher(actor: Actor, query: BerkasFilter, message: string): (b: Berkas) => boolean {
  const scope = berkasScopeFilter(actor);
  if (!scope) throw forbidden(message);
  const units = new Set(
    ((scope.unitPath as { $in?: unknown[] } | undefined)?.$in ?? []).map(String),
  );
  const statuses =
    query.status === 'active' ? ['open', 'closed'] : query.status ? [query.status] : null;
  const code = query.code ? new RegExp(`^${escapeRegex(query.code)}(\\.|$)`) : null;
  const text = query.q ? new RegExp(escapeRegex(query.q), 'i') : null;
  return (b) =>
    b.number !== null &&
    b.number !== undefined &&
    (units.size === 0 || (b.unitPath ?? []).some((id) => units.has(String(id)))) &&
    (!statuses || statuses.includes(b.status)) &&
    (!query.unitId || (b.unitPath ?? []).some((id) => String(id) === query.unitId)) &&
    (!code || code.test(b.classificationCode)) &&
    (!query.year || b.year === query.year) &&
    (!query.hold || !!b.legalHold) &&
    (!query.boxId || String(b.boxId) === query.boxId) &&
    // Titles of berkas above the actor's clearance must not be searchable either.
    (!text || ((text.test(b.title) || text.test(b.classificationCode)) && canReadBerkas(actor, b)));
}

/** The equality read of one year (or of the box). */
function readerFor(query: BerkasFilter): (bucket: string) => Promise<Berkas[]> {
  const single = query.status && query.status !== 'active' ? query.status : null;
  const unit =
    query.unitId && mongoose.isValidObjectId(query.unitId)
      ? new mongoose.Types.ObjectId(query.unitId)
      : null;
  return (bucket) => {
    const filter: Record<string, unknown> =
      bucket === 'box'
        ? { boxId: new mongoose.Types.ObjectId(query.boxId) }
        : {
            year: Number(bucket),
            ...(single ? { status: single } : {}),
            ...(unit ? { unitPath: unit } : {}),
          };
    return BerkasModel.find(filter as never).lean<Berkas[]>();
  };
}

/** The list's order: newest year, then unit code, then the newest number. */
const listOrder = (a: Berkas, b: Berkas) =>
  a.unitCode.localeCompare(b.unitCode) || (b.number ?? 0) - (a.number ?? 0);

export async function walkBerkas(
  actor: Actor,
  query: BerkasFilter,
  offset: number,
  limit: number,
  message = 'Anda tidak berwenang melihat daftar berkas.',
): Promise<{ items: Berkas[]; total: number }> {
  const keep = matcher(actor, query, message);
  const byBox = !!query.boxId && mongoose.isValidObjectId(query.boxId);
  const buckets = byBox
    ? ['box']
    : query.year
      ? [String(query.year)]
      : (await berkasYears()).map(String);
  const page = await walkBuckets<Berkas>({
    buckets,
    fetch: readerFor(query),
    keep,
    // Years are read newest first; a box's berkas span years, so it sorts by year too.
    compare: (a, b) => b.year - a.year || listOrder(a, b),
    offset,
    limit,
  });
  return { items: page.items, total: page.total };
}
