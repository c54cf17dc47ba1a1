import { isDuplicateKey } from '../../lib/upsert.ts';
import { ClassificationModel, type ClassificationCode } from './classification.model.ts';
import { CODES_2022, LEGACY_CODES } from './classification.seed-data.ts';
import { escapeRegex } from '../../lib/regex.ts';

export const CODE_PATTERN = /^\d{3}(\.\d{1,3}){0,5}$/;

export function sortKeyOf(code: string): string {
  return code
    .split('.')
    .map((part) => part.padStart(3, '0'))
    .join('.');
}

export function parentOf(code: string): string | null {
  const cut = code.lastIndexOf('.');
  if (cut > 0) return code.slice(0, cut);
  // 100 → none; the primary codes of both schemes are roots.
  return null;
}

/** Idempotent and safe when several processes start at once: inserts what is missing and
 * leaves existing codes (and fields others added, such as retention) untouched. */
export async function seedClassificationCodes(): Promise<number> {
  const rows = [
    ...CODES_2022.map((c) => ({ ...c, scheme: '2022' as const, mapsTo: [] as string[] })),
    ...LEGACY_CODES.map((c) => ({ ...c, scheme: 'legacy' as const })),
  ];
  let inserted = 0;
  for (const row of rows) {
    try {
      const result = await ClassificationModel.updateOne(
        { code: row.code },
        {
          $setOnInsert: {
            code: row.code,
            title: row.title,
            scheme: row.scheme,
            parentCode: parentOf(row.code),
            level: row.code.split('.').length,
            sortKey: sortKeyOf(row.code),
            mapsTo: row.mapsTo,
            active: true,
          },
        },
        { upsert: true },
      );
      inserted += result.upsertedCount;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return inserted;
}

export interface CodeCheck {
  code: string;
  /** The code itself, or the nearest known ancestor for a deeper code not in the table. */
  known: ClassificationCode | null;
  exact: boolean;
}

/** A code is accepted when it is in the table, or when a code above it is (the regulation
 * has deeper codes than we seed). Unknown roots, e.g. 999, are refused. */
export async function checkClassificationCode(code: string): Promise<CodeCheck | null> {
  if (!CODE_PATTERN.test(code)) return null;
  const candidates: string[] = [];
  for (let current: string | null = code; current; current = parentOf(current))
    candidates.push(current);
  const found = await ClassificationModel.find({ code: { $in: candidates }, active: true }).lean<
    ClassificationCode[]
  >();
  const byCode = new Map(found.map((c) => [c.code, c]));
  for (const candidate of candidates) {
    const hit = byCode.get(candidate);
    if (hit) return { code, known: hit, exact: candidate === code };
  }
  return null;
}

/** The picker's search: a code prefix (`400.1`) or words of the description (`kesehatan`). */
export async function searchClassificationCodes(
  query: string,
  limit: number,
): Promise<ClassificationCode[]> {
  const q = query.trim();
  if (q === '') {
    return ClassificationModel.find({ active: true })
      .sort({ sortKey: 1 })
      .limit(limit)
      .lean<ClassificationCode[]>();
  }
  if (/^[\d.]+$/.test(q)) {
    return ClassificationModel.find({ active: true, code: { $regex: `^${escapeRegex(q)}` } })
      .sort({ sortKey: 1 })
      .limit(limit)
      .lean<ClassificationCode[]>();
  }
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  return ClassificationModel.find({
    active: true,
    $and: words.map((word) => ({ title: { $regex: escapeRegex(word), $options: 'i' } })),
  })
    .sort({ sortKey: 1 })
    .limit(limit)
    .lean<ClassificationCode[]>();
}
