import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import { senderKeyOf } from '../letters/letters.keys.ts';
import { ClassificationModel, type ClassificationCode } from './classification.model.ts';
import { parentOf } from './classification.service.ts';
import { ruleCandidates, subjectWords } from './classification-rules.ts';
import {
  ClassificationTallyModel,
  decodeCode,
  encodeCode,
  type ClassificationTally,
} from './classification-tally.model.ts';

/**
 * Suggests a classification code from the subject and sender, learned from what clerks
 * chose before (tallies updated at every registration) with rules for a cold start.
 *
 * Score of a code = sender evidence (up to 3: the share of the sender's letters filed under
 * it, scaled down while the sender has fewer than two) + subject-word evidence (up to 2:
 * the mean share over the subject's words that have tallies) + rules (1.5 for the code
 * printed in the letter number, 1 per subject rule). So two letters of a sender filed the
 * same way outweigh what the number and the words say, and a single odd choice does not.
 *
 * Reads: one `_id` equality per key (the sender and at most eight words), in parallel, and
 * one `code` equality per candidate shown; never a scan.
 */
export interface ClassificationSuggestion {
  code: string;
  title: string;
  /** Why, in Bahasa Indonesia: the strongest learned reason ("dipilih 3 kali untuk pengirim
   * ini") when clerks chose it before, else the strongest rule. */
  reason: string;
  /** Learned from clerks' choices (true) or from the cold-start rules only. */
  learned: boolean;
}

const senderTallyKey = (name: string) => `s:${senderKeyOf(name)}`;
const wordTallyKey = (word: string) => `w:${word}`;

/** The tally keys a letter feeds: its sender and its subject's words. */
export function tallyKeysOf(senderName: string, subject: string): string[] {
  return [senderTallyKey(senderName), ...subjectWords(subject).map(wordTallyKey)];
}

/** Rahasia and Sangat Rahasia letters teach nothing: their subject words are not for every
 * clerk to infer from the suggestions. */
export function learnsFrom(letter: { securityClass?: string | null }): boolean {
  return letter.securityClass !== 'R' && letter.securityClass !== 'SR';
}

/** Registration's follow-up step: the clerk's choice becomes evidence for the next letter. */
export async function learnClassification(input: {
  senderName: string;
  subject: string;
  classificationCode: string;
  securityClass?: string | null;
}): Promise<void> {
  if (!learnsFrom(input)) return;
  const keys = tallyKeysOf(input.senderName, input.subject);
  const field = `counts.${encodeCode(input.classificationCode)}`;
  await Promise.all(
    keys.map(async (key) => {
      const update = { $inc: { [field]: 1, total: 1 }, $set: { updatedAt: now() } };
      try {
        await ClassificationTallyModel.updateOne({ _id: key }, update, { upsert: true });
      } catch (error) {
        // Two registrations inserting the same new key: the loser adds to the winner's.
        if (!isDuplicateKey(error)) throw error;
        await ClassificationTallyModel.updateOne({ _id: key }, update);
      }
    }),
  );
}

interface Scored {
  score: number;
  reasons: Array<{ weight: number; text: string; learned: boolean }>;
  learned: boolean;
}

export async function suggestClassification(input: {
  senderName?: string;
  subject?: string;
  letterNumber?: string;
  limit?: number;
}): Promise<ClassificationSuggestion[]> {
  const scores = new Map<string, Scored>();
  const add = (code: string, weight: number, text: string, learned: boolean) => {
    const entry = scores.get(code) ?? { score: 0, reasons: [], learned: false };
    entry.score += weight;
    entry.reasons.push({ weight, text, learned });
    entry.learned ||= learned;
    scores.set(code, entry);
  };

  const words = input.subject ? subjectWords(input.subject) : [];
  const senderKey = input.senderName?.trim() ? senderTallyKey(input.senderName) : null;
  const [senderTally, ...wordTallies] = await Promise.all([
    senderKey ? readTally(senderKey) : Promise.resolve(null),
    ...words.map((word) => readTally(wordTallyKey(word))),
  ]);

  if (senderTally && senderTally.total > 0) {
    const confidence = Math.min(1, senderTally.total / 2);
    for (const [encoded, n] of Object.entries(senderTally.counts)) {
      add(
        decodeCode(encoded),
        3 * (n / senderTally.total) * confidence,
        `dipilih ${n} kali untuk pengirim ini`,
        true,
      );
    }
  }
  const withTallies = wordTallies.filter((t): t is ClassificationTally => !!t && t.total > 0);
  for (const [index, tally] of wordTallies.entries()) {
    if (!tally || tally.total === 0) continue;
    for (const [encoded, n] of Object.entries(tally.counts)) {
      add(
        decodeCode(encoded),
        (2 * (n / tally.total) * Math.min(1, tally.total / 3)) / withTallies.length,
        `kata “${words[index]}” pada hal: dipilih ${n} kali`,
        true,
      );
    }
  }
  for (const rule of ruleCandidates(input)) add(rule.code, rule.weight, rule.reason, false);

  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const out: ClassificationSuggestion[] = [];
  for (const [code, scored] of ranked) {
    if (out.length >= (input.limit ?? 3)) break;
    const known = await knownCode(code);
    if (!known || out.some((o) => o.code === known.code)) continue;
    // What clerks chose before is named first: it is why a code can outrank the one printed
    // in the letter number, and a rule's word alone would not explain that.
    const reason = scored.reasons.sort(
      (a, b) => Number(b.learned) - Number(a.learned) || b.weight - a.weight,
    )[0]!.text;
    out.push({ code: known.code, title: known.title, reason, learned: scored.learned });
  }
  return out;
}

async function readTally(key: string): Promise<ClassificationTally | null> {
  return ClassificationTallyModel.findOne({ _id: key }).lean<ClassificationTally>();
}

/** The code as the picker knows it: itself when active, a legacy code's first current code,
 * or a deeper code (printed on a letter number) under its nearest known ancestor, as the
 * registration accepts it. One `code` equality per level walked. */
async function knownCode(code: string): Promise<{ code: string; title: string } | null> {
  for (let current: string | null = code; current; current = parentOf(current)) {
    const found = await ClassificationModel.findOne({
      code: current,
      active: true,
    }).lean<ClassificationCode>();
    if (!found) continue;
    if (found.scheme === 'legacy') return found.mapsTo[0] ? knownCode(found.mapsTo[0]) : null;
    return current === code ? found : { code, title: found.title };
  }
  return null;
}
