import {
  ClassificationModel,
  type ClassificationCode,
} from '../classification/classification.model.ts';
import { parentOf } from '../classification/classification.service.ts';

/** The current code an old-scheme code maps to (its own mapping or the nearest ancestor's);
 * the code itself when it is a current code; null when nothing is known. */
export async function mappedCode(code: string): Promise<string | null> {
  const candidates: string[] = [];
  for (let c: string | null = code; c; c = parentOf(c)) candidates.push(c);
  const found = await ClassificationModel.find({ code: { $in: candidates } }).lean<
    ClassificationCode[]
  >();
  const byCode = new Map(found.map((c) => [c.code, c]));
  for (const candidate of candidates) {
    const hit = byCode.get(candidate);
    if (!hit) continue;
    if (hit.scheme === '2022') return hit.code === code ? code : hit.code;
    if ((hit.mapsTo ?? []).length) return hit.mapsTo[0]!;
  }
  return null;
}
