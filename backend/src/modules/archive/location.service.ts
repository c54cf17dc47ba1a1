import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { jakartaParts } from '../documents/format-id.ts';
import { allocateNumber } from '../numbering/numbering.service.ts';
import { requireManage } from './archive.policy.ts';
import { BerkasModel } from './berkas.model.ts';
import { BoxModel, type Box } from './location.model.ts';
import { escapeRegex } from '../../lib/regex.ts';

export interface BoxInput {
  code?: string | undefined;
  building: string;
  room: string;
  cabinet?: string | undefined;
  shelf?: string | undefined;
  holder?: 'unit' | 'pusat' | undefined;
  unitName?: string | undefined;
  notes?: string | undefined;
}

function snapshot(box: Box): Record<string, unknown> {
  return {
    code: box.code,
    building: box.building,
    room: box.room,
    cabinet: box.cabinet,
    shelf: box.shelf,
    holder: box.holder,
    unitName: box.unitName,
    active: box.active,
  };
}

/** A new box; without a code it gets the next `BOKS-{tahun}-{nnnn}` (gap-free). */
export async function createBox(actor: Actor, input: BoxInput, ip?: string): Promise<Box> {
  requireManage(actor);
  const fields = {
    building: input.building,
    room: input.room,
    cabinet: input.cabinet ?? '',
    shelf: input.shelf ?? '',
    holder: input.holder ?? 'unit',
    unitName: input.unitName ?? '',
    notes: input.notes ?? '',
    createdByName: actor.name,
  };
  let box: Box;
  if (input.code) {
    try {
      box = (await BoxModel.create({ ...fields, code: input.code })).toObject() as Box;
    } catch (error) {
      if (isDuplicateKey(error))
        throw conflict(`Kode boks ${input.code} sudah dipakai.`, { field: 'code' });
      throw error;
    }
  } else {
    const year = jakartaParts(now()).year;
    let created: Box | null = null;
    await allocateNumber({
      series: 'archive-box',
      year,
      claim: async (n) => {
        try {
          created = (
            await BoxModel.create({ ...fields, code: `BOKS-${year}-${String(n).padStart(4, '0')}` })
          ).toObject() as Box;
          return 'claimed';
        } catch (error) {
          if (isDuplicateKey(error)) return 'taken';
          throw error;
        }
      },
    });
    box = created!;
  }
  await recordAudit({
    actor,
    action: 'archive.box.create',
    recordType: 'box',
    recordId: String(box._id),
    after: snapshot(box),
    ip: ip ?? null,
  });
  return box;
}

export async function updateBox(
  actor: Actor,
  id: string,
  input: Partial<BoxInput> & { active?: boolean | undefined },
  ip?: string,
): Promise<Box> {
  requireManage(actor);
  const box = await loadBox(id);
  const set: Record<string, unknown> = {};
  for (const key of [
    'building',
    'room',
    'cabinet',
    'shelf',
    'holder',
    'unitName',
    'notes',
    'active',
  ] as const) {
    if (input[key] !== undefined) set[key] = input[key];
  }
  if (
    input.active === false &&
    (await BerkasModel.countDocuments({
      boxId: box._id,
      status: { $nin: ['disposed', 'handed_over'] },
    })) > 0
  ) {
    throw conflict('Boks masih berisi berkas; pindahkan berkasnya lebih dahulu.');
  }
  await BoxModel.updateOne({ _id: box._id }, { $set: set });
  const after = (await BoxModel.findById(box._id).lean<Box>())!;
  await recordAudit({
    actor,
    action: 'archive.box.update',
    recordType: 'box',
    recordId: id,
    before: snapshot(box),
    after: snapshot(after),
    ip: ip ?? null,
  });
  return after;
}

export async function loadBox(id: string): Promise<Box> {
  if (!mongoose.isValidObjectId(id)) throw notFound('Boks');
  const box = await BoxModel.findById(id).lean<Box>();
  if (!box) throw notFound('Boks');
  return box;
}

/** Statuses of berkas no longer held in a box. */
const GONE = ['disposed', 'handed_over'];

export async function listBoxes(query: {
  q?: string | undefined;
  includeInactive?: boolean | undefined;
  page: number;
  pageSize: number;
}): Promise<{ items: Array<Box & { berkasCount: number }>; total: number }> {
  const filter: Record<string, unknown> = query.includeInactive ? {} : { active: true };
  if (query.q) {
    const rx = { $regex: escapeRegex(query.q), $options: 'i' };
    filter.$or = [{ code: rx }, { building: rx }, { room: rx }, { unitName: rx }];
  }
  const [boxes, total] = await Promise.all([
    BoxModel.find(filter)
      .sort({ code: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<Box[]>(),
    BoxModel.countDocuments(filter),
  ]);
  // Per box on the page, its berkas by `boxId` equality (a box holds tens): an `$in` over the
  // page's boxes is not pushed down on FerretDB and would read every berkas.
  const counts = await Promise.all(
    boxes.map(async (box) => {
      const held = await BerkasModel.find({ boxId: box._id }, { status: 1 }).lean<
        { status: string }[]
      >();
      return [String(box._id), held.filter((b) => !GONE.includes(b.status)).length] as const;
    }),
  );
  const byBox = new Map(counts);
  return { total, items: boxes.map((b) => ({ ...b, berkasCount: byBox.get(String(b._id)) ?? 0 })) };
}
