import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  AssignmentModel,
  PositionModel,
  UnitModel,
  type Position,
  type PositionKind,
  type Unit,
  type UnitKind,
} from './org.model.ts';
import { activeAssignmentFilter } from './org.service.ts';
import { ancestorsUnder, moveSubtree } from './org.tree.ts';
import { rebuildOpenItems } from '../reports/open-items.ts';
import { isDuplicateKey } from '../../lib/upsert.ts';

/** Admin writes on units and positions. Every change is audited with before/after. */

type Oid = mongoose.Types.ObjectId;
const oid = (id: string) => new mongoose.Types.ObjectId(id);

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  order?: number;
}

async function loadUnit(id: string): Promise<Unit> {
  const unit = await UnitModel.findById(id).lean<Unit>();
  if (!unit) throw notFound('Unit kerja');
  return unit;
}

async function loadPosition(id: string): Promise<Position> {
  const position = await PositionModel.findById(id).lean<Position>();
  if (!position) throw notFound('Jabatan');
  return position;
}

const unitFields = (u: Partial<Unit>) => ({
  code: u.code,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId ? String(u.parentId) : null,
  order: u.order,
  active: u.active,
});

export async function createUnit(actor: Actor, input: UnitInput, ip: string): Promise<Unit> {
  const parent = input.parentId ? await loadUnit(input.parentId) : null;
  if (!parent && (await UnitModel.exists({ parentId: null }))) {
    throw validationFailed('Unit induk wajib dipilih: hanya boleh ada satu unit puncak.', {
      field: 'parentId',
    });
  }
  try {
    const created = await UnitModel.create({
      ...input,
      parentId: parent?._id ?? null,
      ancestorIds: ancestorsUnder(null, parent, 'Unit kerja'),
      order: input.order ?? 0,
      active: true,
    });
    const unit = created.toObject() as Unit;
    await recordAudit({
      actor,
      action: 'org.unit.create',
      recordType: 'unit',
      recordId: String(unit._id),
      after: unitFields(unit),
      ip,
    });
    return unit;
  } catch (error) {
    if (isDuplicateKey(error))
      throw conflict(`Kode unit ${input.code} sudah dipakai.`, { field: 'code' });
    throw error;
  }
}

export async function updateUnit(
  actor: Actor,
  id: string,
  input: Partial<UnitInput> & { active?: boolean },
  ip: string,
): Promise<Unit> {
  const unit = await loadUnit(id);
  if (input.active === false && unit.active !== false) {
    const busy =
      (await UnitModel.exists({ parentId: unit._id, active: true })) ||
      (await PositionModel.exists({ unitId: unit._id, active: true }));
    if (busy)
      throw conflict(
        'Unit masih memiliki sub-unit atau jabatan aktif. Nonaktifkan atau pindahkan dahulu.',
      );
  }
  const set: Record<string, unknown> = {};
  for (const key of ['code', 'name', 'kind', 'order', 'active'] as const) {
    if (input[key] !== undefined) set[key] = input[key];
  }
  try {
    if (Object.keys(set).length) await UnitModel.updateOne({ _id: unit._id }, { $set: set });
  } catch (error) {
    if (isDuplicateKey(error))
      throw conflict(`Kode unit ${input.code} sudah dipakai.`, { field: 'code' });
    throw error;
  }
  if (input.parentId !== undefined && String(input.parentId) !== String(unit.parentId ?? null)) {
    if (input.parentId === null)
      throw validationFailed('Unit induk wajib dipilih.', { field: 'parentId' });
    const parent = await loadUnit(input.parentId);
    await moveSubtree(
      UnitModel,
      unit._id,
      parent._id,
      ancestorsUnder(unit._id, parent, 'Unit kerja'),
    );
  }
  const after = await loadUnit(id);
  await recordAudit({
    actor,
    action: 'org.unit.update',
    recordType: 'unit',
    recordId: id,
    before: unitFields(unit),
    after: unitFields(after),
    ip,
  });
  return after;
}

export interface PositionInput {
  key: string;
  title: string;
  kind: PositionKind;
  unitId: string;
  parentId: string | null;
  order?: number;
}

const positionFields = (p: Partial<Position>) => ({
  key: p.key,
  title: p.title,
  kind: p.kind,
  unitId: p.unitId ? String(p.unitId) : null,
  parentId: p.parentId ? String(p.parentId) : null,
  order: p.order,
  active: p.active,
});

export async function createPosition(
  actor: Actor,
  input: PositionInput,
  ip: string,
): Promise<Position> {
  await loadUnit(input.unitId);
  const parent = input.parentId ? await loadPosition(input.parentId) : null;
  try {
    const created = await PositionModel.create({
      ...input,
      unitId: oid(input.unitId),
      parentId: parent?._id ?? null,
      ancestorIds: ancestorsUnder(null, parent, 'Jabatan'),
      order: input.order ?? 0,
      active: true,
    });
    const position = created.toObject() as Position;
    await recordAudit({
      actor,
      action: 'org.position.create',
      recordType: 'position',
      recordId: String(position._id),
      after: positionFields(position),
      ip,
    });
    return position;
  } catch (error) {
    if (isDuplicateKey(error))
      throw conflict(`Kunci jabatan ${input.key} sudah dipakai.`, { field: 'key' });
    throw error;
  }
}

export async function updatePosition(
  actor: Actor,
  id: string,
  input: Partial<PositionInput> & { active?: boolean },
  ip: string,
): Promise<Position> {
  const position = await loadPosition(id);
  if (input.active === false && position.active !== false) {
    const busy =
      (await PositionModel.exists({ parentId: position._id, active: true })) ||
      (await AssignmentModel.exists({
        positionId: position._id,
        ...activeAssignmentFilter(now()),
      }));
    if (busy) {
      throw conflict(
        'Jabatan masih dijabat atau membawahi jabatan aktif. Akhiri penugasan atau pindahkan bawahannya dahulu.',
      );
    }
  }
  const set: Record<string, unknown> = {};
  for (const key of ['key', 'title', 'kind', 'order', 'active'] as const) {
    if (input[key] !== undefined) set[key] = input[key];
  }
  if (input.unitId !== undefined) set.unitId = (await loadUnit(input.unitId))._id;
  try {
    if (Object.keys(set).length)
      await PositionModel.updateOne({ _id: position._id }, { $set: set });
  } catch (error) {
    if (isDuplicateKey(error))
      throw conflict(`Kunci jabatan ${input.key} sudah dipakai.`, { field: 'key' });
    throw error;
  }
  if (
    input.parentId !== undefined &&
    String(input.parentId) !== String(position.parentId ?? null)
  ) {
    const parent = input.parentId ? await loadPosition(input.parentId) : null;
    const parentId: Oid | null = parent?._id ?? null;
    await moveSubtree(
      PositionModel,
      position._id,
      parentId,
      ancestorsUnder(position._id, parent, 'Jabatan'),
    );
  }
  if (set.unitId && String(set.unitId) !== String(position.unitId))
    // Its open items keep their old unit path (as the nodes do), and the subtree reads find
    // the position by the units its kept items name: written now, with the items sent
    // since the kept hour, so the old unit still counts them.
    await rebuildOpenItems(String(position._id));
  const after = await loadPosition(id);
  await recordAudit({
    actor,
    action: 'org.position.update',
    recordType: 'position',
    recordId: id,
    before: positionFields(position),
    after: positionFields(after),
    ip,
  });
  return after;
}
