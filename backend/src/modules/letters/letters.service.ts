import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkClassificationCode } from '../classification/classification.service.ts';
import { jakartaDateString } from '../documents/format-id.ts';
import { StoredFileModel } from '../files/file.model.ts';
import { filesOf } from '../files/files.service.ts';
import { PositionModel, type Position } from '../org/org.model.ts';
import { findDuplicates, duplicateError } from './duplicates.service.ts';
import {
  letterKeys,
  letterNumberKeyOf,
  senderKeyOf,
  senderLookupKey,
  unreadKeyOf,
} from './letters.keys.ts';
import { queuePositionsOf, queueTouchKeys } from './queue.keys.ts';
import {
  IncomingLetterModel,
  SenderModel,
  type IncomingLetter,
  type Sender,
} from './letters.model.ts';
import {
  canCorrectLetter,
  canReadLetterContent,
  canSeeLetter,
  canVoidLetter,
  heldPositionIds,
} from './letters.policy.ts';
import {
  presentDetail,
  presentListItem,
  type LetterDetail,
  type LetterListItem,
} from './letters.presenter.ts';
import { collectLetters, LIST_FIELDS, SCAN_LIMIT } from './letters.query.ts';
import type { CorrectionData, ListQuery } from './letters.schema.ts';
import { auditSnapshot, publishLetter } from './letters.side-effects.ts';
import {
  listPositionTitles,
  positionTitles,
  resolvePositions,
  uniqueObjectIds,
} from './positions.ts';

function toObjectId(id: string): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(id);
}

/** What a clerk without content access still sees of a letter, and so may correct. */
const REGISTER_LINE_FIELDS = new Set([
  'senderName',
  'senderCategory',
  'channel',
  'receivedDate',
  'addresseePositionId',
  'copyPositionIds',
  'securityClass',
]);

/** The letter if the actor may see it at all (404 otherwise, so ids are not probed). */
export async function loadVisibleLetter(actor: Actor, id: string): Promise<IncomingLetter> {
  const letter = await IncomingLetterModel.findById(toObjectId(id)).lean<IncomingLetter>();
  if (!letter || !canSeeLetter(actor, letter)) throw notFound('Surat masuk');
  return letter;
}

export async function getLetterDetail(actor: Actor, id: string): Promise<LetterDetail> {
  const letter = await loadVisibleLetter(actor, id);
  const files = await filesOf('incoming', letter._id);
  const titles = await positionTitles([
    letter.addresseePositionId,
    ...(letter.copyPositionIds ?? []),
  ]);
  return presentDetail(actor, letter, files, { titles });
}

export async function listLetters(
  actor: Actor,
  query: ListQuery,
): Promise<{ items: LetterListItem[]; total: number }> {
  const { items: letters, total } = await collectLetters(actor, query, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
    maxScanned: SCAN_LIMIT,
    fields: LIST_FIELDS,
  });
  const [titles, fileCounts] = await Promise.all([
    listPositionTitles(letters.map((l) => l.addresseePositionId)),
    countFiles(letters),
  ]);
  return {
    items: letters.map((letter) => presentListItem(actor, letter, { titles, fileCounts })),
    total,
  };
}

/** Files per letter: kept on the letter since registration; letters of older versions
 * (until the start-up backfill reaches them) are counted by their own equality. */
async function countFiles(letters: IncomingLetter[]): Promise<Map<string, number>> {
  const counts = await Promise.all(
    letters.map(async (letter) =>
      typeof letter.fileCount === 'number'
        ? letter.fileCount
        : StoredFileModel.countDocuments({ ownerType: 'incoming', ownerId: letter._id }),
    ),
  );
  return new Map(letters.map((letter, i) => [String(letter._id), counts[i]!]));
}

/** Correction of metadata by the registering clerk or an admin, with a reason; the audit
 * trail keeps before and after. The agenda number, register and files never change. */
export async function correctLetter(
  actor: Actor,
  id: string,
  data: CorrectionData,
  ip?: string,
): Promise<IncomingLetter> {
  const letter = await loadVisibleLetter(actor, id);
  if (!canCorrectLetter(actor, letter))
    throw forbidden('Hanya agendaris yang mencatat surat ini yang dapat mengoreksinya.');
  const { reason, confirmDuplicate, ...changes } = data;
  // Without content access (R/SR outside the chain) only the register line may change.
  const contentFields = Object.keys(changes).filter((f) => !REGISTER_LINE_FIELDS.has(f));
  if (contentFields.length > 0 && !canReadLetterContent(actor, letter))
    throw forbidden(
      'Isi surat berklasifikasi rahasia hanya dapat dikoreksi oleh yang berhak membacanya; Anda hanya dapat mengoreksi pengirim, asal pengirim, saluran penerimaan, tanggal terima, tujuan, tembusan dan klasifikasi keamanan.',
    );
  const set: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) if (value !== undefined) set[field] = value;
  if (changes.classificationCode && !(await checkClassificationCode(changes.classificationCode))) {
    throw validationFailed(`Kode klasifikasi "${changes.classificationCode}" tidak dikenal.`);
  }
  if (changes.senderName) set.senderKey = senderKeyOf(changes.senderName);
  if (changes.letterNumber) set.letterNumberKey = letterNumberKeyOf(changes.letterNumber);
  if (changes.receivedDate && changes.receivedDate > jakartaDateString(now()))
    throw validationFailed('Tanggal terima tidak boleh setelah hari ini.');
  if (changes.senderName || changes.letterNumber) {
    const duplicates = await findDuplicates({
      senderKey: senderKeyOf(changes.senderName ?? letter.senderName),
      letterNumberKey: letterNumberKeyOf(changes.letterNumber ?? letter.letterNumber),
      excludeId: letter._id,
    });
    if (duplicates.length > 0 && !confirmDuplicate) throw duplicateError(duplicates);
  }
  if (changes.addresseePositionId || changes.copyPositionIds) {
    const positions = await resolvePositions(
      changes.addresseePositionId ?? String(letter.addresseePositionId),
      changes.copyPositionIds ?? (letter.copyPositionIds ?? []).map(String),
    );
    set.addresseePositionId = positions.addressee._id;
    set.copyPositionIds = positions.copies.map((p) => p._id);
    set.chainPositionIds = positions.chainIds;
    set.readerPositionIds = uniqueObjectIds([
      ...positions.readerIds,
      ...(await withSuperiors(letter.disposedPositionIds ?? [])),
    ]);
  }
  if (Object.keys(set).length === 0) throw validationFailed('Tidak ada data yang diubah.');
  const keys = letterKeys({ ...letter, ...set } as IncomingLetter);
  const updated = await IncomingLetterModel.findOneAndUpdate(
    { _id: letter._id, status: { $nin: ['void', 'pending'] } },
    {
      $set: { ...set, ...keys, lastCorrectedAt: now() },
      $inc: { correctionCount: 1 },
      // Addressee, copies, sifat or day may move it between positions' queues.
      $addToSet: {
        queueTouchKeys: {
          $each: queueTouchKeys(
            [...queuePositionsOf(letter), ...queuePositionsOf({ ...letter, ...set })],
            now(),
          ),
        },
      },
    },
    { returnDocument: 'after' },
  ).lean<IncomingLetter>();
  if (!updated) throw validationFailed('Surat ini sudah dibatalkan dan tidak dapat dikoreksi.');
  if (set.securityClass)
    await StoredFileModel.updateMany(
      { ownerType: 'incoming', ownerId: letter._id },
      { $set: { securityClass: set.securityClass } },
    );
  await recordAudit({
    actor,
    action: 'incoming.correct',
    recordType: 'incoming-letter',
    recordId: id,
    before: { ...auditSnapshot(letter), reason: null },
    after: { ...auditSnapshot(updated), reason },
    ip: ip ?? null,
  });
  await publishLetter(updated);
  // The clerk's corrected category is what the next letter of this sender is offered.
  if (changes.senderCategory)
    await SenderModel.updateOne(
      { nameKey: senderKeyOf(updated.senderName) },
      { $set: { category: changes.senderCategory } },
    );
  return updated;
}

/** Voids a registration with a reason. The record and its number stay (no gaps, nothing
 * deleted); the register shows it as void. */
export async function voidLetter(
  actor: Actor,
  id: string,
  reason: string,
  ip?: string,
): Promise<IncomingLetter> {
  const letter = await loadVisibleLetter(actor, id);
  if (!canVoidLetter(actor, letter)) {
    throw forbidden(
      letter.status === 'void'
        ? 'Surat ini sudah dibatalkan.'
        : 'Hanya agendaris yang mencatat surat ini yang dapat membatalkannya.',
    );
  }
  const updated = await IncomingLetterModel.findOneAndUpdate(
    { _id: letter._id, status: { $nin: ['void', 'pending'] } },
    {
      $set: {
        ...letterKeys({ ...letter, status: 'void' }),
        status: 'void',
        voidReason: reason,
        voidedAt: now(),
        voidedBy: toObjectId(actor.userId),
        voidedByName: actor.name,
      },
      $addToSet: { queueTouchKeys: { $each: queueTouchKeys(queuePositionsOf(letter), now()) } },
    },
    { returnDocument: 'after' },
  ).lean<IncomingLetter>();
  if (!updated) throw forbidden('Surat ini sudah dibatalkan.');
  await recordAudit({
    actor,
    action: 'incoming.void',
    recordType: 'incoming-letter',
    recordId: id,
    before: auditSnapshot(letter),
    after: { ...auditSnapshot(updated), reason },
    ip: ip ?? null,
  });
  await publishLetter(updated);
  return updated;
}

/** Marks the letter read for the actor's positions it is addressed or copied to. */
export async function markLetterRead(actor: Actor, id: string): Promise<void> {
  const letter = await loadVisibleLetter(actor, id);
  const addressed = new Set(
    [letter.addresseePositionId, ...(letter.copyPositionIds ?? [])].map(String),
  );
  const already = new Set((letter.readPositionIds ?? []).map(String));
  for (const positionId of heldPositionIds(actor)) {
    if (!addressed.has(positionId) || already.has(positionId)) continue;
    const marked = await IncomingLetterModel.updateOne(
      { _id: letter._id, readPositionIds: { $ne: toObjectId(positionId) } },
      {
        $addToSet: {
          readPositionIds: toObjectId(positionId),
          queueTouchKeys: { $each: queueTouchKeys([positionId], now()) },
        },
        // The letter leaves the position's unread set (letters.keys.ts).
        $pullAll: { unreadKeys: [unreadKeyOf('a', positionId), unreadKeyOf('c', positionId)] },
        $push: {
          reads: {
            positionId: toObjectId(positionId),
            userId: toObjectId(actor.userId),
            at: now(),
          },
        },
      },
    );
    // The first reading by the position is part of the letter's story (its Riwayat).
    if (marked.modifiedCount === 1)
      await recordAudit({
        actor,
        action: 'incoming.read',
        recordType: 'incoming-letter',
        recordId: id,
        positionId,
        after: {
          positionTitle: actor.positions.find((p) => p.id === positionId)?.title ?? null,
          as: String(letter.addresseePositionId) === positionId ? 'addressee' : 'copy',
        },
      });
  }
}

/** The chain (docs/security.md) of positions a letter is disposed to: each, and every
 * position above it in the reporting line, as the addressee's superiors are at
 * registration. One read by _id per position (a disposition has a handful). */
async function withSuperiors(
  ids: Array<mongoose.Types.ObjectId | string>,
): Promise<mongoose.Types.ObjectId[]> {
  const above = await Promise.all(
    ids.map((id) =>
      PositionModel.findById(id, { ancestorIds: 1 }).lean<Pick<Position, 'ancestorIds'>>(),
    ),
  );
  return uniqueObjectIds([...ids, ...above.flatMap((p) => p?.ancestorIds ?? [])]);
}

/**
 * Hook for dispositions: positions a letter is disposed to, and those above them, may open it (content of R/SR
 * letters included). Idempotent. Moves a `registered` letter to `in_progress`.
 */
export async function grantLetterAccess(letterId: string, positionIds: string[]): Promise<void> {
  const ids = uniqueObjectIds(positionIds);
  const readers = await withSuperiors(ids);
  const updated = await IncomingLetterModel.findOneAndUpdate(
    { _id: toObjectId(letterId), status: { $ne: 'pending' } },
    { $addToSet: { disposedPositionIds: { $each: ids }, readerPositionIds: { $each: readers } } },
    { returnDocument: 'after' },
  ).lean<IncomingLetter>();
  if (!updated) throw notFound('Surat masuk');
  // The new readers' buckets; $addToSet, so concurrent grants cannot drop each other's.
  const have = new Set(updated.boxBuckets ?? []);
  const missing = letterKeys(updated).boxBuckets.filter((key) => !have.has(key));
  if (missing.length > 0)
    await IncomingLetterModel.updateOne(
      { _id: updated._id },
      { $addToSet: { boxBuckets: { $each: missing } } },
    );
  await publishLetter(updated);
}

/** Workflow status set by dispositions (`in_progress`, `done`); a void letter stays void. */
export async function setLetterStatus(
  letterId: string,
  status: 'registered' | 'in_progress' | 'done',
): Promise<IncomingLetter | null> {
  const updated = await IncomingLetterModel.findOneAndUpdate(
    { _id: toObjectId(letterId), status: { $nin: ['void', 'pending'] } },
    { $set: { status } },
    { returnDocument: 'after' },
  ).lean<IncomingLetter>();
  if (!updated) return null;
  const { addresseeStatusKey, awaitingKey } = letterKeys(updated);
  if (
    updated.addresseeStatusKey !== addresseeStatusKey ||
    (updated.awaitingKey ?? null) !== awaitingKey
  ) {
    // The letter enters or leaves the addressee's awaiting queue (queue-state.ts).
    await IncomingLetterModel.updateOne(
      { _id: updated._id },
      {
        $set: { addresseeStatusKey, awaitingKey },
        $addToSet: { queueTouchKeys: { $each: queueTouchKeys(queuePositionsOf(updated), now()) } },
      },
    );
    updated.addresseeStatusKey = addresseeStatusKey;
    updated.awaitingKey = awaitingKey;
  }
  await publishLetter(updated);
  return updated;
}

/** The address book: past senders matching the text, most used first. */
export async function searchSenders(q: string, limit: number): Promise<Sender[]> {
  // One equality on a word prefix (its longest typed word), the rest of the text in memory.
  const lookup = senderLookupKey(q);
  if (!lookup) return [];
  const words = senderKeyOf(q).split(' ');
  const found = await SenderModel.find({ prefixes: lookup }).lean<Sender[]>();
  return found
    .filter((s) => words.every((w) => s.nameKey.includes(w)))
    .sort((a, b) => (b.useCount ?? 0) - (a.useCount ?? 0) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
