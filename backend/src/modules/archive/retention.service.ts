import { isDuplicateKey } from '../../lib/upsert.ts';
import type { Actor } from '../../http/actor.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  ClassificationModel,
  type ClassificationCode,
} from '../classification/classification.model.ts';
import { CODE_PATTERN, parentOf } from '../classification/classification.service.ts';
import { BerkasModel, type Berkas } from './berkas.model.ts';
import { addYears } from './dates.ts';
import {
  RetentionRuleModel,
  type FinalDisposition,
  type RetentionRule,
} from './retention.model.ts';
import { RETENTION_SEED } from './retention.seed-data.ts';

/** The retention in force for a code: its own JRA row or the nearest ancestor's. */
export interface EffectiveRetention {
  sourceCode: string;
  inherited: boolean;
  activeYears: number;
  inactiveYears: number;
  finalDisposition: FinalDisposition;
  note: string;
}

export type RuleTable = Map<
  string,
  Pick<RetentionRule, 'code' | 'activeYears' | 'inactiveYears' | 'finalDisposition' | 'note'>
>;
export type MappingTable = Map<string, string[]>;

export async function loadRuleTable(): Promise<RuleTable> {
  const rules = await RetentionRuleModel.find({}).lean<RetentionRule[]>();
  return new Map(rules.map((rule) => [rule.code, rule]));
}

/** Legacy codes point to current ones (classification mapping); used when a legacy code
 * has no JRA row of its own anywhere up its tree. */
export async function loadMappings(codes: string[]): Promise<MappingTable> {
  const candidates = new Set<string>();
  for (const code of codes) for (let c: string | null = code; c; c = parentOf(c)) candidates.add(c);
  const legacy = await ClassificationModel.find(
    { code: { $in: [...candidates] }, scheme: 'legacy' },
    { code: 1, mapsTo: 1 },
  ).lean<ClassificationCode[]>();
  return new Map(
    legacy.filter((c) => (c.mapsTo ?? []).length > 0).map((c) => [c.code, [...c.mapsTo]]),
  );
}

/**
 * Resolution, pure over the tables: the code's own row, else its parent's, up to the
 * primary code (100.3.3.1 → 100.3.3 → 100.3 → 100). A code of the old scheme with no row
 * on its own tree takes the row of the first current code it maps to. Null when nothing
 * applies (an unknown root), which callers refuse.
 */
export function resolveRetention(
  code: string,
  rules: RuleTable,
  mappings: MappingTable = new Map(),
  depth = 0,
): EffectiveRetention | null {
  for (let current: string | null = code; current; current = parentOf(current)) {
    const rule = rules.get(current);
    if (rule) {
      return {
        sourceCode: rule.code,
        inherited: rule.code !== code,
        activeYears: rule.activeYears,
        inactiveYears: rule.inactiveYears,
        finalDisposition: rule.finalDisposition as FinalDisposition,
        note: rule.note ?? '',
      };
    }
  }
  if (depth > 3) return null;
  for (let current: string | null = code; current; current = parentOf(current)) {
    const target = mappings.get(current)?.[0];
    if (target) {
      const mapped = resolveRetention(target, rules, mappings, depth + 1);
      return mapped ? { ...mapped, inherited: true } : null;
    }
  }
  return null;
}

export async function effectiveRetention(code: string): Promise<EffectiveRetention | null> {
  return resolveRetention(code, await loadRuleTable(), await loadMappings([code]));
}

/** Due dates from the closing date: active retention first, then inactive. */
export function scheduleFrom(
  closedOn: string,
  retention: Pick<EffectiveRetention, 'activeYears' | 'inactiveYears'>,
): { activeUntil: string; inactiveUntil: string } {
  const activeUntil = addYears(closedOn, retention.activeYears);
  return { activeUntil, inactiveUntil: addYears(activeUntil, retention.inactiveYears) };
}

/** Seeds the JRA rows that are missing; never overwrites an archivist's change. */
export async function seedRetentionRules(): Promise<number> {
  let inserted = 0;
  for (const row of RETENTION_SEED) {
    try {
      const result = await RetentionRuleModel.updateOne(
        { code: row.code },
        { $setOnInsert: { ...row, note: row.note ?? '', updatedByName: 'Sistem' } },
        { upsert: true },
      );
      inserted += result.upsertedCount;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return inserted;
}

export interface RuleInput {
  activeYears: number;
  inactiveYears: number;
  finalDisposition: FinalDisposition;
  note?: string | undefined;
}

async function requireKnownCode(code: string): Promise<ClassificationCode> {
  if (!CODE_PATTERN.test(code)) throw validationFailed(`Kode klasifikasi "${code}" tidak valid.`);
  const known = await ClassificationModel.findOne({ code }).lean<ClassificationCode>();
  if (!known) throw notFound(`Kode klasifikasi ${code}`);
  return known;
}

/** Sets the code's own JRA row (an override of what it inherited) and moves the due dates
 * of the closed berkas it governs. */
export async function setRetentionRule(
  actor: Actor,
  code: string,
  input: RuleInput,
  ip?: string,
): Promise<{ rule: RetentionRule; recomputed: number }> {
  await requireKnownCode(code);
  const before = await RetentionRuleModel.findOne({ code }).lean<RetentionRule>();
  const values = {
    activeYears: input.activeYears,
    inactiveYears: input.inactiveYears,
    finalDisposition: input.finalDisposition,
    note: input.note ?? '',
    updatedByName: actor.name,
  };
  try {
    await RetentionRuleModel.updateOne(
      { code },
      { $set: values, $setOnInsert: { code } },
      { upsert: true },
    );
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await RetentionRuleModel.updateOne({ code }, { $set: values });
  }
  const rule = (await RetentionRuleModel.findOne({ code }).lean<RetentionRule>())!;
  await recordAudit({
    actor,
    action: 'archive.retention.set',
    recordType: 'retention-rule',
    recordId: code,
    before: before ? ruleSnapshot(before) : null,
    after: ruleSnapshot(rule),
    ip: ip ?? null,
  });
  return { rule, recomputed: await recomputeSchedules(code) };
}

/** Removes the code's own row so it inherits again. A code with nothing above it to
 * inherit from keeps its row (every code must have a retention). */
export async function removeRetentionRule(
  actor: Actor,
  code: string,
  ip?: string,
): Promise<{ recomputed: number }> {
  await requireKnownCode(code);
  const before = await RetentionRuleModel.findOne({ code }).lean<RetentionRule>();
  if (!before) throw notFound(`Retensi khusus untuk kode ${code}`);
  const rules = await loadRuleTable();
  rules.delete(code);
  if (!resolveRetention(code, rules, await loadMappings([code]))) {
    throw validationFailed(
      `Kode ${code} tidak mempunyai induk untuk diwarisi retensinya; ubah nilainya alih-alih menghapusnya.`,
    );
  }
  await RetentionRuleModel.deleteOne({ code });
  await recordAudit({
    actor,
    action: 'archive.retention.remove',
    recordType: 'retention-rule',
    recordId: code,
    before: ruleSnapshot(before),
    after: null,
    ip: ip ?? null,
  });
  return { recomputed: await recomputeSchedules(code) };
}

/** Closed and inactive berkas under `code` get due dates from the JRA as it now stands. */
export async function recomputeSchedules(code: string): Promise<number> {
  const prefix = code.replace(/\./g, '\\.');
  const affected = await BerkasModel.find(
    {
      status: { $in: ['closed', 'inactive'] },
      classificationCode: { $regex: `^${prefix}(\\.|$)` },
    },
    {
      classificationCode: 1,
      closedOn: 1,
      retention: 1,
      activeUntil: 1,
      inactiveUntil: 1,
      finalDisposition: 1,
      appraisal: 1,
    },
  ).lean<Berkas[]>();
  if (affected.length === 0) return 0;
  const rules = await loadRuleTable();
  const mappings = await loadMappings([...new Set(affected.map((b) => b.classificationCode))]);
  let changed = 0;
  for (const berkas of affected) {
    const retention = resolveRetention(berkas.classificationCode, rules, mappings);
    if (!retention || !berkas.closedOn) continue;
    const schedule = scheduleFrom(berkas.closedOn, retention);
    // A re-appraisal decided what a "Dinilai Kembali" row left open; it stands only while
    // the JRA still says Dinilai Kembali.
    const finalDisposition =
      retention.finalDisposition === 'dinilai_kembali' && berkas.appraisal
        ? berkas.appraisal.decision
        : retention.finalDisposition;
    const same =
      berkas.finalDisposition === finalDisposition &&
      berkas.activeUntil === schedule.activeUntil &&
      berkas.inactiveUntil === schedule.inactiveUntil &&
      berkas.retention?.finalDisposition === retention.finalDisposition &&
      berkas.retention?.sourceCode === retention.sourceCode;
    if (same) continue;
    await BerkasModel.updateOne(
      { _id: berkas._id, status: { $in: ['closed', 'inactive'] } },
      {
        $set: {
          ...schedule,
          retention: retentionSnapshot(retention),
          finalDisposition,
          ...(retention.finalDisposition === 'dinilai_kembali' ? {} : { appraisal: null }),
        },
      },
    );
    changed++;
  }
  return changed;
}

export function retentionSnapshot(retention: EffectiveRetention): Berkas['retention'] {
  return {
    sourceCode: retention.sourceCode,
    activeYears: retention.activeYears,
    inactiveYears: retention.inactiveYears,
    finalDisposition: retention.finalDisposition,
  } as Berkas['retention'];
}

function ruleSnapshot(rule: RetentionRule): Record<string, unknown> {
  return {
    activeYears: rule.activeYears,
    inactiveYears: rule.inactiveYears,
    finalDisposition: rule.finalDisposition,
    note: rule.note,
  };
}
