import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  ClassificationModel,
  type ClassificationCode,
} from '../classification/classification.model.ts';
import { parentOf, sortKeyOf } from '../classification/classification.service.ts';
import { requireManage } from './archive.policy.ts';
import { RetentionRuleModel, type RetentionRule } from './retention.model.ts';
import {
  loadMappings,
  loadRuleTable,
  resolveRetention,
  type EffectiveRetention,
} from './retention.service.ts';
import { escapeRegex } from '../../lib/regex.ts';

/**
 * The archivists' instruments (issue 8): the classification scheme (stored by
 * modules/classification, edited here by archivists) and the JRA on top of it.
 */
export interface InstrumentRow {
  code: ClassificationCode;
  own: RetentionRule | null;
  effective: EffectiveRetention | null;
}

export async function listInstruments(query: {
  q?: string | undefined;
  scheme?: '2022' | 'legacy' | undefined;
  page: number;
  pageSize: number;
}): Promise<{ items: InstrumentRow[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (query.scheme) filter.scheme = query.scheme;
  const q = query.q?.trim();
  if (q) {
    filter.$or = /^[\d.]+$/.test(q)
      ? [{ code: { $regex: `^${escapeRegex(q)}` } }]
      : [{ title: { $regex: escapeRegex(q), $options: 'i' } }];
  }
  const [codes, total] = await Promise.all([
    ClassificationModel.find(filter)
      .sort({ scheme: 1, sortKey: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<ClassificationCode[]>(),
    ClassificationModel.countDocuments(filter),
  ]);
  const rules = await loadRuleTable();
  const mappings = await loadMappings(codes.map((c) => c.code));
  const own = await RetentionRuleModel.find({ code: { $in: codes.map((c) => c.code) } }).lean<
    RetentionRule[]
  >();
  const ownByCode = new Map(own.map((r) => [r.code, r]));
  return {
    total,
    items: codes.map((code) => ({
      code,
      own: ownByCode.get(code.code) ?? null,
      effective: resolveRetention(code.code, rules, mappings),
    })),
  };
}

export interface CodeInput {
  code: string;
  title: string;
  scheme: '2022' | 'legacy';
  mapsTo?: string[] | undefined;
}

async function checkMappings(mapsTo: string[]): Promise<void> {
  if (mapsTo.length === 0) return;
  const found = await ClassificationModel.countDocuments({ code: { $in: mapsTo }, scheme: '2022' });
  if (found !== new Set(mapsTo).size)
    throw validationFailed('Kode padanan harus kode Permendagri 83/2022 yang sudah ada.', {
      field: 'mapsTo',
    });
}

/** Adds a code to the scheme. A deeper code needs its parent; a legacy code may name the
 * current codes it maps to (search and retention follow the mapping). */
export async function createCode(
  actor: Actor,
  input: CodeInput,
  ip?: string,
): Promise<ClassificationCode> {
  requireManage(actor);
  const parent = parentOf(input.code);
  if (parent && !(await ClassificationModel.exists({ code: parent }))) {
    throw validationFailed(`Kode induk ${parent} belum ada. Tambahkan kode induk lebih dahulu.`, {
      field: 'code',
    });
  }
  if (input.scheme === '2022' && input.mapsTo?.length)
    throw validationFailed('Padanan hanya untuk kode skema lama.', { field: 'mapsTo' });
  await checkMappings(input.mapsTo ?? []);
  try {
    await ClassificationModel.create({
      code: input.code,
      title: input.title,
      scheme: input.scheme,
      parentCode: parent,
      level: input.code.split('.').length,
      sortKey: sortKeyOf(input.code),
      mapsTo: input.mapsTo ?? [],
      active: true,
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw conflict(`Kode ${input.code} sudah ada.`, { field: 'code' });
    throw error;
  }
  const created = (await ClassificationModel.findOne({
    code: input.code,
  }).lean<ClassificationCode>())!;
  await recordAudit({
    actor,
    action: 'archive.classification.create',
    recordType: 'classification-code',
    recordId: input.code,
    after: codeSnapshot(created),
    ip: ip ?? null,
  });
  return created;
}

export async function updateCode(
  actor: Actor,
  code: string,
  input: {
    title?: string | undefined;
    active?: boolean | undefined;
    mapsTo?: string[] | undefined;
  },
  ip?: string,
): Promise<ClassificationCode> {
  requireManage(actor);
  const before = await ClassificationModel.findOne({ code }).lean<ClassificationCode>();
  if (!before) throw notFound(`Kode klasifikasi ${code}`);
  const set: Record<string, unknown> = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.active !== undefined) set.active = input.active;
  if (input.mapsTo !== undefined) {
    if (before.scheme !== 'legacy')
      throw validationFailed('Padanan hanya untuk kode skema lama.', { field: 'mapsTo' });
    await checkMappings(input.mapsTo);
    set.mapsTo = input.mapsTo;
  }
  await ClassificationModel.updateOne({ code }, { $set: set });
  const after = (await ClassificationModel.findOne({ code }).lean<ClassificationCode>())!;
  await recordAudit({
    actor,
    action: 'archive.classification.update',
    recordType: 'classification-code',
    recordId: code,
    before: codeSnapshot(before),
    after: codeSnapshot(after),
    ip: ip ?? null,
  });
  return after;
}

function codeSnapshot(code: ClassificationCode): Record<string, unknown> {
  return {
    title: code.title,
    scheme: code.scheme,
    active: code.active,
    mapsTo: [...(code.mapsTo ?? [])],
  };
}
