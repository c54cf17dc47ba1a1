import mongoose from 'mongoose';
import { IncomingLetterModel } from '../letters/letters.model.ts';
import { OutgoingLetterModel } from '../outgoing/outgoing.model.ts';
import { PositionModel, UnitModel, UserModel } from '../org/org.model.ts';

/**
 * Names of the people, positions and units an audit event points at by id (and the agenda
 * number of its letter), so that the sentence says "Kepala Biro Umum", never an ObjectId.
 *
 * Bounded reads (docs/architecture.md, access paths): the ids of a whole page are
 * collected first, each distinct id is read once by `_id` (an equality FerretDB pushes
 * down; `$in` is not), in parallel, and kept in a small in-process cache for a minute.
 * The organisation is a few hundred documents that change rarely, so a warm page needs no
 * read at all and a renamed position shows its new name within a minute. An id that no
 * longer exists reads as "(dihapus)" in the sentence, never as the id.
 */
export type NameKind = 'user' | 'position' | 'unit' | 'letter' | 'outgoing';

const TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { name: string | null; at: number }>();

const key = (kind: NameKind, id: string) => `${kind}:${id}`;
const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

async function readName(kind: NameKind, id: string): Promise<string | null> {
  const _id = new mongoose.Types.ObjectId(id);
  if (kind === 'user') {
    const user = await UserModel.findById(_id, { name: 1 }).lean<{ name: string }>();
    return user?.name ?? null;
  }
  if (kind === 'position') {
    const position = await PositionModel.findById(_id, { title: 1 }).lean<{ title: string }>();
    return position?.title ?? null;
  }
  if (kind === 'letter') {
    // A letter by its agenda number ("12/2026"), which never changes once held.
    const letter = await IncomingLetterModel.findById(_id, {
      agendaNumber: 1,
      agendaYear: 1,
    }).lean<{ agendaNumber?: number | null; agendaYear?: number | null }>();
    return letter?.agendaNumber && letter.agendaYear
      ? `${letter.agendaNumber}/${letter.agendaYear}`
      : null;
  }
  if (kind === 'outgoing') {
    // An outgoing letter by its number once signed, by its perihal before ("surat keluar
    // nomor 000.1/1/SETDA/2026 perihal “…”"): its events record only what changed.
    const letter = await OutgoingLetterModel.findById(_id, { number: 1, subject: 1 }).lean<{
      number?: string | null;
      subject?: string | null;
    }>();
    if (!letter) return null;
    const subject = letter.subject ? `perihal “${letter.subject}”` : '';
    return [letter.number ? `nomor ${letter.number}` : '', subject].filter(Boolean).join(' ');
  }
  const unit = await UnitModel.findById(_id, { name: 1 }).lean<{ name: string }>();
  return unit?.name ?? null;
}

export class NameBook {
  private readonly wanted = new Map<string, { kind: NameKind; id: string }>();
  private readonly known = new Map<string, string | null>();

  /** Notes an id to resolve; anything that is not an ObjectId is ignored. */
  want(kind: NameKind, id: unknown): void {
    if (Array.isArray(id)) {
      for (const item of id) this.want(kind, item);
      return;
    }
    if (typeof id !== 'string' || !isObjectId(id)) return;
    this.wanted.set(key(kind, id), { kind, id });
  }

  /** A name known without reading (a title stored on a record read anyway). */
  seed(kind: NameKind, id: unknown, name: string): void {
    this.known.set(key(kind, String(id)), name);
  }

  /** Reads every wanted id not cached, one `_id` equality each, in parallel. */
  async resolve(): Promise<void> {
    const at = Date.now();
    const missing: Array<{ kind: NameKind; id: string }> = [];
    for (const [k, item] of this.wanted) {
      if (this.known.has(k)) continue;
      const hit = cache.get(k);
      if (hit && at - hit.at < TTL_MS) this.known.set(k, hit.name);
      else missing.push(item);
    }
    const names = await Promise.all(missing.map((m) => readName(m.kind, m.id)));
    if (cache.size + missing.length > MAX_ENTRIES) cache.clear();
    missing.forEach((m, i) => {
      const name = names[i] ?? null;
      cache.set(key(m.kind, m.id), { name, at });
      this.known.set(key(m.kind, m.id), name);
    });
  }

  /** The name, "(dihapus)" for an id that exists no more, null when the value is no id. */
  name(kind: NameKind, id: unknown): string | null {
    if (typeof id !== 'string' || !isObjectId(id)) return null;
    const k = key(kind, id);
    if (!this.known.has(k)) return null;
    return this.known.get(k) ?? '(dihapus)';
  }
}
