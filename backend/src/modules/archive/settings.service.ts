import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { canConfigureArchive } from './archive.policy.ts';
import { forbidden, validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { PositionModel, type Position } from '../org/org.model.ts';
import {
  ArchiveSettingsModel,
  SETTINGS_ID,
  type ArchiveSettings,
  type ProposalKind,
} from './settings.model.ts';

/** Seed approvers where the demo organisation has them: the Kepala Bagian Tata Usaha
 * (the records centre's head) for transfers, the Kepala Biro Umum (appraisal) then the
 * Sekda (decision) for disposals, the Sekda for handovers. Existing settings are kept. */
const DEFAULT_KEYS: Record<ProposalKind, string[]> = {
  transfer: ['kabagtu'],
  disposal: ['karoumum', 'sekda'],
  handover: ['sekda'],
};

export async function seedArchiveSettings(): Promise<void> {
  if (await ArchiveSettingsModel.exists({ _id: SETTINGS_ID })) return;
  const positions = await PositionModel.find(
    { key: { $in: Object.values(DEFAULT_KEYS).flat() } },
    { key: 1 },
  ).lean<Position[]>();
  const byKey = new Map(positions.map((p) => [p.key, p._id]));
  const ids = (kind: ProposalKind) =>
    DEFAULT_KEYS[kind].map((k) => byKey.get(k)).filter((id): id is mongoose.Types.ObjectId => !!id);
  try {
    await ArchiveSettingsModel.create({
      _id: SETTINGS_ID,
      transferApprovers: ids('transfer'),
      disposalApprovers: ids('disposal'),
      handoverApprovers: ids('handover'),
      updatedByName: 'Sistem',
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

export async function getSettings(): Promise<ArchiveSettings> {
  const settings = await ArchiveSettingsModel.findById(SETTINGS_ID).lean<ArchiveSettings>();
  if (settings) return settings;
  await seedArchiveSettings();
  return (await ArchiveSettingsModel.findById(SETTINGS_ID).lean<ArchiveSettings>())!;
}

export function approversOf(
  settings: ArchiveSettings,
  kind: ProposalKind,
): mongoose.Types.ObjectId[] {
  return [...(settings[`${kind}Approvers`] ?? [])];
}

export interface SettingsInput {
  transferApprovers?: string[] | undefined;
  disposalApprovers?: string[] | undefined;
  handoverApprovers?: string[] | undefined;
  recordsCentreName?: string | undefined;
  archiveInstitutionName?: string | undefined;
}

export async function updateSettings(
  actor: Actor,
  input: SettingsInput,
  ip?: string,
): Promise<ArchiveSettings> {
  if (!canConfigureArchive(actor))
    throw forbidden('Hanya arsiparis atau admin yang dapat mengatur pejabat penyetuju.');
  const before = await getSettings();
  const set: Record<string, unknown> = { updatedByName: actor.name };
  for (const field of ['transferApprovers', 'disposalApprovers', 'handoverApprovers'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    const unique = [...new Set(value)];
    if (!unique.every((id) => mongoose.isValidObjectId(id)))
      throw validationFailed('Jabatan penyetuju tidak valid.', { field });
    const found = await PositionModel.countDocuments({ _id: { $in: unique }, active: true });
    if (found !== unique.length)
      throw validationFailed('Salah satu jabatan penyetuju tidak ditemukan atau tidak aktif.', {
        field,
      });
    if (unique.length === 0)
      throw validationFailed('Tentukan paling sedikit satu pejabat penyetuju.', { field });
    set[field] = unique.map((id) => new mongoose.Types.ObjectId(id));
  }
  if (input.recordsCentreName !== undefined) set.recordsCentreName = input.recordsCentreName;
  if (input.archiveInstitutionName !== undefined)
    set.archiveInstitutionName = input.archiveInstitutionName;
  await ArchiveSettingsModel.updateOne({ _id: SETTINGS_ID }, { $set: set });
  const after = await getSettings();
  await recordAudit({
    actor,
    action: 'archive.settings.update',
    recordType: 'archive-settings',
    recordId: SETTINGS_ID,
    before: settingsSnapshot(before),
    after: settingsSnapshot(after),
    ip: ip ?? null,
  });
  return after;
}

function settingsSnapshot(settings: ArchiveSettings): Record<string, unknown> {
  return {
    transferApprovers: settings.transferApprovers.map(String),
    disposalApprovers: settings.disposalApprovers.map(String),
    handoverApprovers: settings.handoverApprovers.map(String),
    recordsCentreName: settings.recordsCentreName,
    archiveInstitutionName: settings.archiveInstitutionName,
  };
}
