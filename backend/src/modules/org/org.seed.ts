import { createHash } from 'node:crypto';
import mongoose, { type Model } from 'mongoose';
import { isDuplicateKey, onlyDuplicateKeys } from '../../lib/upsert.ts';
import { DEMO_PASSWORD, hashPassword } from '../auth/password.ts';
import {
  AssignmentModel,
  PositionModel,
  UnitModel,
  UserModel,
  type PositionKind,
  type UnitKind,
} from './org.model.ts';
import {
  CLEARANCE_BY_KIND,
  DEMO_USER_OVERRIDES,
  ORGANISATION,
  RANK_BY_KIND,
  SETDA,
  USERNAME_FOR_POSITION,
  fictionalPerson,
} from './org.seed-data.ts';

const MARKER_ID = 'org-demo-seed-v1';
const SEED_START = new Date('2025-01-02T00:00:00.000Z');

export interface SeedSummary {
  seeded: boolean;
  units: number;
  positions: number;
  users: number;
}

type Doc = Record<string, unknown> & { _id: mongoose.Types.ObjectId };

/** Creates the demo organisation and demo users (password `lontar-demo`) unless it was done
 * before. Idempotent and safe when several API processes start at once: every document has a
 * deterministic id derived from its natural key (unit code, position key, username), so two
 * seeders write identical documents and the loser's duplicates are ignored; a marker records
 * completion so later admin edits are never overwritten by a restart. */
export async function seedDemoOrganisation(): Promise<SeedSummary> {
  const flags = mongoose.connection.collection<{ _id: string; at: Date }>('system_flags');
  if (await flags.findOne({ _id: MARKER_ID })) {
    return { seeded: false, units: 0, positions: 0, users: 0 };
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const units: Doc[] = [];
  const positions: Doc[] = [];
  const users: Doc[] = [];
  const assignments: Doc[] = [];

  const unit = (
    code: string,
    name: string,
    kind: UnitKind,
    parent: Doc | null,
    order: number,
  ): Doc => {
    const doc = {
      _id: seedId(`unit:${code}`),
      code,
      name,
      kind,
      order,
      active: true,
      ...tree(parent),
    };
    units.push(doc);
    return doc;
  };
  const position = (
    key: string,
    title: string,
    kind: PositionKind,
    unitDoc: Doc,
    parent: Doc | null,
    order: number,
  ): Doc => {
    const doc = {
      _id: seedId(`position:${key}`),
      key,
      title,
      kind,
      unitId: unitDoc._id,
      order,
      active: true,
      ...tree(parent),
    };
    positions.push(doc);
    holder(key, kind, doc._id);
    return doc;
  };
  const holder = (key: string, kind: PositionKind, positionId: mongoose.Types.ObjectId) => {
    const n = users.length + 1;
    const username = USERNAME_FOR_POSITION[key] ?? key;
    const { name, nip } = fictionalPerson(n, kind);
    const ranks = RANK_BY_KIND[kind] ?? [];
    const [rank, grade] = ranks[n % ranks.length] ?? [null, null];
    const override = DEMO_USER_OVERRIDES[username];
    const user = demoUser(username, name, passwordHash, {
      nip,
      phone: `0812${String(70_000_000 + n * 7919).slice(0, 8)}`,
      rank,
      grade,
      roles: override?.roles ?? ['pejabat'],
      clearance: override?.clearance ?? CLEARANCE_BY_KIND[kind] ?? 'B',
    });
    users.push(user);
    assignments.push({
      _id: seedId(`assignment:${username}:${key}`),
      userId: user._id,
      positionId,
      acting: false,
      actingKind: null,
      startsAt: SEED_START,
      endsAt: null,
      note: null,
      createdBy: null,
    });
  };

  const setdaUnit = unit(SETDA.code, SETDA.name, 'setda', null, 0);
  const sekda = position(SETDA.key, 'Sekretaris Daerah', 'sekda', setdaUnit, null, 0);
  for (const [a, asisten] of ORGANISATION.entries()) {
    const asistenUnit = unit(asisten.code, asisten.name, 'asisten', setdaUnit, a);
    const asistenPos = position(asisten.key, asisten.name, 'asisten', asistenUnit, sekda, a);
    for (const [b, biro] of asisten.biro.entries()) {
      const biroUnit = unit(biro.code, biro.name, 'biro', asistenUnit, b);
      const karo = position(
        biro.headKey,
        `Kepala ${biro.name}`,
        'kepala_biro',
        biroUnit,
        asistenPos,
        b,
      );
      for (const [g, bagian] of biro.bagian.entries()) {
        const bagianUnit = unit(bagian.code, bagian.name, 'bagian', biroUnit, g);
        const kabag = position(
          `kabag${bagian.slug}`,
          `Kepala ${bagian.name}`,
          'kepala_bagian',
          bagianUnit,
          karo,
          0,
        );
        for (const [s, staffTitle] of bagian.staff.entries()) {
          position(`staf${bagian.slug}-${s + 1}`, staffTitle, 'staf', bagianUnit, kabag, s + 1);
        }
      }
    }
  }
  // The system owner holds no position: administration is not correspondence.
  users.push(
    demoUser('admin', 'Administrator Lontar', passwordHash, { roles: ['admin'], clearance: 'B' }),
  );

  await insertMissing(UnitModel, units);
  await insertMissing(PositionModel, positions);
  await insertMissing(UserModel, users);
  await insertMissing(AssignmentModel, assignments);
  await flags
    .updateOne({ _id: MARKER_ID }, { $setOnInsert: { at: new Date() } }, { upsert: true })
    .catch(ignoreDuplicate);
  return { seeded: true, units: units.length, positions: positions.length, users: users.length };
}

function demoUser(
  username: string,
  name: string,
  passwordHash: string,
  extra: Record<string, unknown>,
): Doc {
  return {
    _id: seedId(`user:${username}`),
    username,
    name,
    nip: null,
    email: `${username}@lampungprov.example`,
    phone: null,
    rank: null,
    grade: null,
    active: true,
    passwordHash,
    passwordChangedAt: SEED_START,
    demoPassword: true,
    deactivatedAt: null,
    ...extra,
  };
}

function tree(parent: Doc | null) {
  return parent
    ? {
        parentId: parent._id,
        ancestorIds: [...(parent.ancestorIds as mongoose.Types.ObjectId[]), parent._id],
      }
    : { parentId: null, ancestorIds: [] };
}

/** Deterministic ObjectId from a name, so a concurrent second seeder writes the same _id. */
function seedId(name: string): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(createHash('sha256').update(name).digest('hex').slice(0, 24));
}

/** Inserts the documents not yet present. A duplicate means another seeder (or an earlier,
 * interrupted run) wrote the same document already. */
async function insertMissing(
  model: Model<any, any, any, any, any, any>,
  docs: Doc[],
): Promise<void> {
  try {
    await model.insertMany(docs, { ordered: false });
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
}

function ignoreDuplicate(error: unknown): void {
  if (!isDuplicateKey(error)) throw error;
}
