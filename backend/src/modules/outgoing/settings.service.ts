import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { validatePattern } from './numbering.ts';
import { KIND_DEFINITIONS, OUTGOING_KINDS, type OutgoingKind } from './templates/kinds.ts';

/**
 * Numbering per kind, set by the admin (domain.md §3: the pattern and whether the counter
 * runs per unit or per unit and kind are configurable). Defaults come from the kind
 * definitions; a stored row overrides them. The pattern in force is frozen on the letter
 * when signing starts, so a change never renumbers a letter half-way.
 */
const kindSettingSchema = new Schema(
  {
    kind: { type: String, required: true, unique: true, enum: OUTGOING_KINDS },
    numberPattern: { type: String, required: true },
    counterPerKind: { type: Boolean, required: true, default: false },
    updatedAt: { type: Date, required: true },
    updatedByName: { type: String, default: null },
  },
  { collection: 'outgoing_kind_settings', versionKey: false },
);
type KindSettingRow = InferSchemaType<typeof kindSettingSchema> & { _id: mongoose.Types.ObjectId };
export const OutgoingKindSettingModel = mongoose.model('OutgoingKindSetting', kindSettingSchema);

export interface KindSetting {
  kind: OutgoingKind;
  label: string;
  numberPattern: string;
  counterPerKind: boolean;
  customised: boolean;
  updatedAt: string | null;
  updatedByName: string | null;
}

function merge(kind: OutgoingKind, row: KindSettingRow | undefined | null): KindSetting {
  const definition = KIND_DEFINITIONS[kind];
  return {
    kind,
    label: definition.label,
    numberPattern: row?.numberPattern ?? definition.numberPattern,
    counterPerKind: row?.counterPerKind ?? definition.counterPerKind ?? false,
    customised: !!row,
    updatedAt: row?.updatedAt ? row.updatedAt.toISOString() : null,
    updatedByName: row?.updatedByName ?? null,
  };
}

export async function kindSetting(kind: OutgoingKind): Promise<KindSetting> {
  return merge(kind, await OutgoingKindSettingModel.findOne({ kind }).lean<KindSettingRow>());
}

export async function listKindSettings(): Promise<KindSetting[]> {
  const rows = await OutgoingKindSettingModel.find().lean<KindSettingRow[]>();
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return OUTGOING_KINDS.map((kind) => merge(kind, byKind.get(kind)));
}

export async function saveKindSetting(
  actor: Actor,
  kind: OutgoingKind,
  input: { numberPattern: string; counterPerKind: boolean },
  ip?: string,
): Promise<KindSetting> {
  const pattern = input.numberPattern.trim();
  const problem = validatePattern(pattern);
  if (problem)
    throw validationFailed(problem, { issues: [{ path: 'numberPattern', message: problem }] });
  const before = await kindSetting(kind);
  // One row per kind (unique index): an upsert keyed by kind is a single-document write.
  await OutgoingKindSettingModel.updateOne(
    { kind },
    {
      $set: {
        numberPattern: pattern,
        counterPerKind: input.counterPerKind,
        updatedAt: now(),
        updatedByName: actor.name,
      },
      $setOnInsert: { kind },
    },
    { upsert: true },
  ).catch(async (error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
    await OutgoingKindSettingModel.updateOne(
      { kind },
      {
        $set: {
          numberPattern: pattern,
          counterPerKind: input.counterPerKind,
          updatedAt: now(),
          updatedByName: actor.name,
        },
      },
    );
  });
  const after = await kindSetting(kind);
  await recordAudit({
    actor,
    action: 'outgoing.settings',
    recordType: 'outgoing-kind-setting',
    recordId: kind,
    before: { numberPattern: before.numberPattern, counterPerKind: before.counterPerKind },
    after: { numberPattern: after.numberPattern, counterPerKind: after.counterPerKind },
    ip,
  });
  return after;
}
