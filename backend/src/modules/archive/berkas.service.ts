import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor, SecurityClass } from '../../http/actor.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkClassificationCode } from '../classification/classification.service.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { allocateNumber } from '../numbering/numbering.service.ts';
import { UnitModel, type Unit } from '../org/org.model.ts';
import { highestClass, inUnitScope, requireEdit, requireSee } from './archive.policy.ts';
import {
  BerkasItemModel,
  BerkasModel,
  type Berkas,
  type BerkasItem,
  type BerkasStatus,
} from './berkas.model.ts';
import { effectiveRetention } from './retention.service.ts';
import { walkBerkas } from './berkas.list.ts';

export interface CreateBerkasInput {
  unitId?: string | undefined;
  classificationCode: string;
  title: string;
  description?: string | undefined;
  securityClass?: SecurityClass | undefined;
  media?: 'kertas' | 'elektronik' | 'campuran' | undefined;
}

/** The unit a berkas is created for: the one asked for, else the actor's own (first
 * non-acting) position's unit. Unit staff only inside their units; archivists anywhere. */
async function targetUnit(actor: Actor, unitId: string | undefined): Promise<Unit> {
  const id = unitId ?? (actor.positions.find((p) => !p.acting) ?? actor.positions[0])?.unitId;
  if (!id || !mongoose.isValidObjectId(id))
    throw validationFailed('Pilih unit kerja pemilik berkas.', { field: 'unitId' });
  const unit = await UnitModel.findById(id).lean<Unit>();
  if (!unit || !unit.active)
    throw validationFailed('Unit kerja tidak ditemukan atau tidak aktif.', { field: 'unitId' });
  const path = [...(unit.ancestorIds ?? []), unit._id];
  if (!inUnitScope(actor, { unitPath: path })) {
    throw forbidden('Anda hanya dapat membuat berkas untuk unit kerja Anda sendiri.');
  }
  return unit;
}

async function requireCode(code: string): Promise<void> {
  const known = await checkClassificationCode(code);
  if (!known)
    throw validationFailed(
      `Kode klasifikasi "${code}" tidak dikenal. Pilih kode dari daftar klasifikasi.`,
      { field: 'classificationCode' },
    );
  if (!(await effectiveRetention(code))) {
    throw validationFailed(`Kode klasifikasi "${code}" belum mempunyai jadwal retensi.`, {
      field: 'classificationCode',
    });
  }
}

/** Creates an open berkas with the next number of its unit for the year (gap-free). */
export async function createBerkas(
  actor: Actor,
  input: CreateBerkasInput,
  ip?: string,
): Promise<Berkas> {
  const unit = await targetUnit(actor, input.unitId);
  await requireCode(input.classificationCode);
  const declared = input.securityClass ?? 'B';
  requireEdit(actor, { unitPath: [...unit.ancestorIds, unit._id], securityClass: declared });
  const year = jakartaParts(now()).year;
  const id = new mongoose.Types.ObjectId();
  await BerkasModel.create({
    _id: id,
    unitId: unit._id,
    unitPath: [...unit.ancestorIds, unit._id],
    unitCode: unit.code,
    unitName: unit.name,
    year,
    numberKey: `pending:${String(id)}`,
    classificationCode: input.classificationCode,
    title: input.title,
    description: input.description ?? '',
    securityClass: declared,
    declaredClass: declared,
    media: input.media ?? 'campuran',
    createdBy: new mongoose.Types.ObjectId(actor.userId),
    createdByName: actor.name,
  });
  try {
    await allocateNumber({
      series: `berkas:${String(unit._id)}`,
      year,
      claim: async (number) => {
        try {
          const result = await BerkasModel.updateOne(
            { _id: id, number: null },
            { $set: { number, numberKey: `${String(unit._id)}:${year}:${number}` } },
          );
          if (result.matchedCount === 0)
            throw new AppError(
              409,
              'CONFLICT',
              'Pembuatan berkas ini sudah tidak berlaku. Ulangi.',
            );
          return 'claimed';
        } catch (error) {
          if (isDuplicateKey(error)) return 'taken';
          throw error;
        }
      },
    });
  } catch (error) {
    await BerkasModel.deleteOne({ _id: id, number: null });
    throw error;
  }
  const berkas = (await BerkasModel.findById(id).lean<Berkas>())!;
  await recordAudit({
    actor,
    action: 'archive.berkas.create',
    recordType: 'berkas',
    recordId: String(id),
    after: berkasSnapshot(berkas),
    ip: ip ?? null,
  });
  return berkas;
}

export async function loadBerkas(id: string): Promise<Berkas> {
  if (!mongoose.isValidObjectId(id)) throw notFound('Berkas');
  const berkas = await BerkasModel.findById(id).lean<Berkas>();
  if (!berkas) throw notFound('Berkas');
  return berkas;
}

export async function visibleBerkas(actor: Actor, id: string): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireSee(actor, berkas);
  return berkas;
}

export interface UpdateBerkasInput {
  title?: string | undefined;
  description?: string | undefined;
  classificationCode?: string | undefined;
  securityClass?: SecurityClass | undefined;
  media?: 'kertas' | 'elektronik' | 'campuran' | undefined;
}

/** Title and description while the berkas is still with its unit; code and class only
 * while it is open (they decide retention and access of what is inside). */
export async function updateBerkas(
  actor: Actor,
  id: string,
  input: UpdateBerkasInput,
  ip?: string,
): Promise<Berkas> {
  const berkas = await loadBerkas(id);
  requireEdit(actor, berkas);
  if (!['open', 'closed'].includes(berkas.status))
    throw new AppError(
      409,
      'CONFLICT',
      'Berkas yang sudah dipindahkan atau selesai tidak dapat diubah.',
    );
  const set: Record<string, unknown> = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.description !== undefined) set.description = input.description;
  if (input.media !== undefined) set.media = input.media;
  if (
    input.classificationCode !== undefined &&
    input.classificationCode !== berkas.classificationCode
  ) {
    if (berkas.status !== 'open')
      throw new AppError(
        409,
        'CONFLICT',
        'Kode klasifikasi hanya dapat diubah selama berkas masih terbuka.',
      );
    await requireCode(input.classificationCode);
    set.classificationCode = input.classificationCode;
  }
  if (input.securityClass !== undefined && input.securityClass !== berkas.declaredClass) {
    if (berkas.status !== 'open')
      throw new AppError(
        409,
        'CONFLICT',
        'Klasifikasi keamanan hanya dapat diubah selama berkas masih terbuka.',
      );
    requireEdit(actor, { ...berkas, securityClass: input.securityClass });
    const items = await BerkasItemModel.find({ berkasId: berkas._id }, { securityClass: 1 }).lean<
      BerkasItem[]
    >();
    set.declaredClass = input.securityClass;
    set.securityClass = highestClass([input.securityClass, ...items.map((i) => i.securityClass)]);
  }
  if (Object.keys(set).length === 0) return berkas;
  await BerkasModel.updateOne({ _id: berkas._id, status: berkas.status }, { $set: set });
  const after = (await BerkasModel.findById(berkas._id).lean<Berkas>())!;
  await recordAudit({
    actor,
    action: 'archive.berkas.update',
    recordType: 'berkas',
    recordId: id,
    before: berkasSnapshot(berkas),
    after: berkasSnapshot(after),
    ip: ip ?? null,
  });
  return after;
}

export interface BerkasListQuery {
  status?: BerkasStatus | 'active' | undefined;
  unitId?: string | undefined;
  code?: string | undefined;
  year?: number | undefined;
  q?: string | undefined;
  hold?: boolean | undefined;
  boxId?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listBerkas(
  actor: Actor,
  query: BerkasListQuery,
): Promise<{ items: Berkas[]; total: number }> {
  return walkBerkas(actor, query, (query.page - 1) * query.pageSize, query.pageSize);
}

export function berkasSnapshot(berkas: Berkas): Record<string, unknown> {
  return {
    number: berkas.number,
    year: berkas.year,
    unitCode: berkas.unitCode,
    classificationCode: berkas.classificationCode,
    title: berkas.title,
    description: berkas.description,
    securityClass: berkas.securityClass,
    status: berkas.status,
    itemCount: berkas.itemCount,
    closedOn: berkas.closedOn,
    activeUntil: berkas.activeUntil,
    inactiveUntil: berkas.inactiveUntil,
    finalDisposition: berkas.finalDisposition,
    legalHold: berkas.legalHold ? berkas.legalHold.reason : null,
    boxId: berkas.boxId ? String(berkas.boxId) : null,
    folder: berkas.folder,
  };
}
