import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError, conflict, notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import { DispositionReportModel } from '../dispositions/report.model.ts';
import { highestClass, requireEdit } from './archive.policy.ts';
import {
  BerkasItemModel,
  BerkasModel,
  type Berkas,
  type BerkasItem,
  type ItemType,
} from './berkas.model.ts';
import { loadBerkas } from './berkas.service.ts';
import { fileCountOf, loadFilableLetter } from './letter-sources.ts';

export interface FileRequest {
  type: ItemType;
  id: string;
}

export interface FileOutcome {
  filed: Array<{ type: ItemType; id: string; itemId: string }>;
  refused: Array<{ type: ItemType; id: string; message: string }>;
}

/** Item count, kurun waktu and class of a berkas from its items (a berkas holds tens or
 * hundreds of letters, so recounting is cheap and never drifts). */
export async function refreshAggregates(berkasId: mongoose.Types.ObjectId): Promise<void> {
  const berkas = await BerkasModel.findById(berkasId, { declaredClass: 1 }).lean<Berkas>();
  if (!berkas) return;
  const items = await BerkasItemModel.find({ berkasId }, { letterDate: 1, securityClass: 1 }).lean<
    BerkasItem[]
  >();
  const dates = items
    .map((i) => i.letterDate)
    .filter((d): d is string => !!d)
    .sort();
  await BerkasModel.updateOne(
    { _id: berkasId },
    {
      $set: {
        itemCount: items.length,
        periodStart: dates[0] ?? null,
        periodEnd: dates[dates.length - 1] ?? null,
        securityClass: highestClass([berkas.declaredClass, ...items.map((i) => i.securityClass)]),
      },
    },
  );
}

/**
 * Files letters into an open berkas, one by one: each letter either goes in whole or is
 * refused with its reason (already in another berkas, void, not readable, above the
 * actor's clearance). A letter sits in one berkas only: the unique `letterKey` decides
 * between two archivists filing it at once.
 */
export async function fileLetters(
  actor: Actor,
  berkasId: string,
  letters: FileRequest[],
  ip?: string,
): Promise<FileOutcome> {
  const berkas = await loadBerkas(berkasId);
  requireEdit(actor, berkas);
  if (berkas.status !== 'open')
    throw conflict('Berkas sudah ditutup; buka kembali berkas untuk menambah surat.');
  const outcome: FileOutcome = { filed: [], refused: [] };
  for (const request of letters) {
    try {
      const snapshot = await loadFilableLetter(actor, request.type, request.id);
      const item = await BerkasItemModel.create({
        berkasId: berkas._id,
        letterType: snapshot.letterType,
        letterId: snapshot.letterId,
        letterKey: `${snapshot.letterType}:${String(snapshot.letterId)}`,
        letterNumber: snapshot.letterNumber,
        letterDate: snapshot.letterDate,
        party: snapshot.party,
        subject: snapshot.subject,
        classificationCode: snapshot.classificationCode,
        securityClass: snapshot.securityClass,
        letterYear: snapshot.letterYear,
        fileCount: await fileCountOf(snapshot.letterType, snapshot.letterId),
        filedAt: now(),
        filedByName: actor.name,
      });
      outcome.filed.push({ type: request.type, id: request.id, itemId: String(item._id) });
    } catch (error) {
      if (isDuplicateKey(error)) {
        outcome.refused.push({
          type: request.type,
          id: request.id,
          message: await alreadyFiledMessage(request),
        });
      } else if (error instanceof AppError) {
        outcome.refused.push({ type: request.type, id: request.id, message: error.message });
      } else {
        throw error;
      }
    }
  }
  if (outcome.filed.length === 0) return outcome;
  // Closing raced with this filing: take the letters out again rather than leave them
  // in a berkas whose clock already runs.
  const current = await BerkasModel.findById(berkas._id, { status: 1 }).lean<Berkas>();
  if (current?.status !== 'open') {
    await BerkasItemModel.deleteMany({
      _id: { $in: outcome.filed.map((f) => new mongoose.Types.ObjectId(f.itemId)) },
    });
    throw conflict('Berkas baru saja ditutup oleh pengguna lain; surat tidak dimasukkan.');
  }
  await refreshAggregates(berkas._id);
  await recordAudit({
    actor,
    action: 'archive.berkas.file',
    recordType: 'berkas',
    recordId: berkasId,
    after: { filed: outcome.filed.map((f) => `${f.type}:${f.id}`) },
    ip: ip ?? null,
  });
  return outcome;
}

async function alreadyFiledMessage(request: FileRequest): Promise<string> {
  const existing = await BerkasItemModel.findOne(
    { letterKey: `${request.type}:${request.id}` },
    { berkasId: 1 },
  ).lean<BerkasItem>();
  const other = existing
    ? await BerkasModel.findById(existing.berkasId, {
        number: 1,
        year: 1,
        unitCode: 1,
      }).lean<Berkas>()
    : null;
  return other
    ? `Surat ini sudah diberkaskan dalam berkas nomor ${other.number}/${other.unitCode}/${other.year}.`
    : 'Surat ini sudah diberkaskan.';
}

/** Takes a letter out of an open berkas. */
export async function unfileItem(
  actor: Actor,
  berkasId: string,
  itemId: string,
  ip?: string,
): Promise<void> {
  const berkas = await loadBerkas(berkasId);
  requireEdit(actor, berkas);
  if (berkas.status !== 'open')
    throw conflict('Berkas sudah ditutup; buka kembali berkas untuk mengeluarkan surat.');
  if (!mongoose.isValidObjectId(itemId)) throw notFound('Isi berkas');
  const item = await BerkasItemModel.findOneAndDelete({
    _id: itemId,
    berkasId: berkas._id,
  }).lean<BerkasItem>();
  if (!item) throw notFound('Isi berkas');
  await refreshAggregates(berkas._id);
  await recordAudit({
    actor,
    action: 'archive.berkas.unfile',
    recordType: 'berkas',
    recordId: berkasId,
    before: { item: item.letterKey },
    after: { item: null },
    ip: ip ?? null,
  });
}

/** Letters whose trail is read at once. */
const PARALLEL = 8;

export interface ItemWithTrail extends BerkasItem {
  dispositions: Array<{ to: string; status: string; instructions: string[]; dueDate: string }>;
  reportCount: number;
}

/** The letters of a berkas in date order, incoming ones with their disposition trail. */
export async function itemsOf(berkasId: mongoose.Types.ObjectId): Promise<ItemWithTrail[]> {
  const items = await BerkasItemModel.find({ berkasId }).lean<BerkasItem[]>();
  items.sort(
    (a, b) =>
      (a.letterDate ?? '').localeCompare(b.letterDate ?? '') ||
      a.filedAt.getTime() - b.filedAt.getTime(),
  );
  const incomingIds = items.filter((i) => i.letterType === 'incoming').map((i) => i.letterId);
  // Per letter, one `letterId` equality each ($in is not pushed down on FerretDB: it would
  // read every disposition and report), a few letters at a time.
  const dispositions: Disposition[] = [];
  const reports: { _id: mongoose.Types.ObjectId; n: number }[] = [];
  for (let i = 0; i < incomingIds.length; i += PARALLEL) {
    await Promise.all(
      incomingIds.slice(i, i + PARALLEL).map(async (letterId) => {
        const [nodes, n] = await Promise.all([
          DispositionModel.find(
            { letterId },
            { letterId: 1, toPositionTitle: 1, status: 1, instructions: 1, dueDate: 1, sentAt: 1 },
          ).lean<Disposition[]>(),
          DispositionReportModel.countDocuments({ letterId }),
        ]);
        dispositions.push(...nodes);
        reports.push({ _id: letterId as mongoose.Types.ObjectId, n });
      }),
    );
  }
  dispositions.sort(
    (a, b) =>
      new Date(a.sentAt).getTime() - new Date(b.sentAt).getTime() ||
      String(a._id).localeCompare(String(b._id)),
  );
  const reportCount = new Map(reports.map((r) => [String(r._id), r.n]));
  return items.map((item) => ({
    ...item,
    dispositions: dispositions
      .filter((d) => String(d.letterId) === String(item.letterId))
      .map((d) => ({
        to: d.toPositionTitle,
        status: d.status,
        instructions: [...(d.instructions ?? [])],
        dueDate: d.dueDate,
      })),
    reportCount: reportCount.get(String(item.letterId)) ?? 0,
  }));
}
