import mongoose from 'mongoose';
import { validationFailed } from '../../http/errors.ts';
import type { Position } from '../org/org.model.ts';
import { PositionModel } from '../org/org.model.ts';
import { findPositionByKey } from '../org/org.service.ts';

/** Default addressee of incoming letters (domain.md §1): the Sekretaris Daerah. */
export const DEFAULT_ADDRESSEE_KEY = 'sekda';

export interface ResolvedPositions {
  addressee: Position;
  copies: Position[];
  /** The addressee and its superiors. */
  chainIds: mongoose.Types.ObjectId[];
  /** Chain plus copies: who may open the letter by position before any disposition. */
  readerIds: mongoose.Types.ObjectId[];
}

export async function resolvePositions(
  addresseeId: string | undefined,
  copyIds: string[],
): Promise<ResolvedPositions> {
  const addressee = addresseeId
    ? await PositionModel.findOne({
        _id: new mongoose.Types.ObjectId(addresseeId),
        active: true,
      }).lean<Position>()
    : await findPositionByKey(DEFAULT_ADDRESSEE_KEY);
  if (!addressee) {
    throw validationFailed(
      addresseeId
        ? 'Jabatan tujuan tidak ditemukan atau tidak aktif.'
        : 'Jabatan Sekretaris Daerah belum terdaftar; pilih jabatan tujuan.',
    );
  }
  const uniqueCopyIds = [...new Set(copyIds)].filter((id) => id !== String(addressee._id));
  // One read by _id per copy: $in is never served by an index on FerretDB.
  const copies = (
    await Promise.all(
      uniqueCopyIds.map((id) =>
        PositionModel.findOne({
          _id: new mongoose.Types.ObjectId(id),
          active: true,
        }).lean<Position>(),
      ),
    )
  ).filter((p): p is Position => Boolean(p));
  if (copies.length !== uniqueCopyIds.length)
    throw validationFailed('Satu atau lebih jabatan tembusan tidak ditemukan atau tidak aktif.');
  const chainIds = [addressee._id, ...(addressee.ancestorIds ?? [])];
  const readerIds = uniqueObjectIds([...chainIds, ...copies.map((p) => p._id)]);
  return { addressee, copies, chainIds, readerIds };
}

export function uniqueObjectIds(
  ids: Array<mongoose.Types.ObjectId | string>,
): mongoose.Types.ObjectId[] {
  return [...new Set(ids.map(String))].map((id) => new mongoose.Types.ObjectId(id));
}

export async function positionTitles(
  ids: Array<mongoose.Types.ObjectId | string>,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const wanted = uniqueObjectIds(ids);
  type Titled = Pick<Position, '_id' | 'title'>;
  // One position by _id; several from one read of the organisation's positions (a short
  // list, ~30 in a secretariat) rather than a read each, or an `$in` that no index serves.
  const found: Array<Titled | null> =
    wanted.length === 1
      ? [await PositionModel.findById(wanted[0], { title: 1 }).lean<Titled>()]
      : await PositionModel.find({}, { title: 1 }).lean<Titled[]>();
  const keep = new Set(wanted.map(String));
  return new Map(
    found
      .filter((p): p is Titled => p !== null && keep.has(String(p._id)))
      .map((p) => [String(p._id), p.title]),
  );
}

/** Titles of every position, kept for a minute: the register shows each row's addressee,
 * and reading the organisation's positions (about a hundred documents, each decoded by
 * FerretDB) cost a list page more than its letters. A position the cache does not know
 * (created since) makes it read them again at once; a renamed one shows its new title
 * within `TITLE_CACHE_MS`. Titles only label rows: no access decision reads them. */
export const TITLE_CACHE_MS = 60_000;
let titleCache: { at: number; titles: Map<string, string> } | null = null;

export async function listPositionTitles(
  ids: Array<mongoose.Types.ObjectId | string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.map(String))];
  if (wanted.length === 0) return new Map();
  const at = performance.now();
  const cache = titleCache;
  if (!cache || at - cache.at > TITLE_CACHE_MS || wanted.some((id) => !cache.titles.has(id))) {
    const all = await PositionModel.find({}, { title: 1 }).lean<
      Pick<Position, '_id' | 'title'>[]
    >();
    titleCache = { at, titles: new Map(all.map((p) => [String(p._id), p.title])) };
  }
  const titles = titleCache!.titles;
  return new Map(wanted.filter((id) => titles.has(id)).map((id) => [id, titles.get(id)!]));
}
