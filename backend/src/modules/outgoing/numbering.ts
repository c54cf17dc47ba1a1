import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import { allocateNumber } from '../numbering/numbering.service.ts';
import { OutgoingNumberModel } from './outgoing.model.ts';
import { jakartaParts, romanMonth } from './templates/dates.ts';

/**
 * Outgoing letter numbers: `{kode}/{urut}/{unit}/{tahun}` by default, `{bulan}` in Roman
 * numerals optional. The sequence runs per issuing unit per calendar year (per kind too
 * when the kind's series says so), gap-free and duplicate-free: the owner of a number is a
 * row in `outgoing_numbers`, unique per (series, year, sequence) and per letter, so a
 * letter can never hold two numbers and a retried signature finds the number it already took.
 */
export interface NumberParts {
  classificationCode: string;
  sequence: number | null;
  unitCode: string;
  date: Date;
}

const TOKENS = ['{kode}', '{urut}', '{unit}', '{tahun}', '{bulan}'];

/** Formats a number; a null sequence leaves the blank a konsep shows. */
export function formatNumber(pattern: string, parts: NumberParts): string {
  const { year, month } = jakartaParts(parts.date);
  return pattern
    .replaceAll('{kode}', parts.classificationCode)
    .replaceAll('{urut}', parts.sequence === null ? '      ' : String(parts.sequence))
    .replaceAll('{unit}', parts.unitCode)
    .replaceAll('{tahun}', String(year))
    .replaceAll('{bulan}', romanMonth(month));
}

/** A pattern must carry the sequence, or two letters would print the same number. */
export function validatePattern(pattern: string): string | null {
  if (!pattern.includes('{urut}')) return 'Pola nomor harus memuat {urut}.';
  const unknown = pattern.match(/\{[^}]*\}/g)?.filter((token) => !TOKENS.includes(token)) ?? [];
  if (unknown.length > 0)
    return `Pola nomor memuat penanda yang tidak dikenal: ${unknown.join(', ')}.`;
  return null;
}

export function seriesFor(unitCode: string, kind: string, perKind: boolean): string {
  return perKind ? `outgoing:${unitCode}:${kind}` : `outgoing:${unitCode}`;
}

/** The sequence of this letter in (series, year): the one it already owns, or the next free one. */
export async function takeSequence(
  letterId: mongoose.Types.ObjectId,
  series: string,
  year: number,
): Promise<number> {
  const owned = await OutgoingNumberModel.findOne({ letterId }).lean<{
    sequence: number;
    series: string;
    year: number;
  }>();
  if (owned && owned.series === series && owned.year === year) return owned.sequence;
  // A number reserved by a signature that failed, and the letter is now signed in another
  // series or year (returned and signed next January, its unit or kind setting changed):
  // that number stays taken, recorded as void, and the letter takes one in its own series.
  if (owned)
    await OutgoingNumberModel.updateOne(
      { series: owned.series, year: owned.year, sequence: owned.sequence, letterId },
      { $set: { letterId: new mongoose.Types.ObjectId(), voidedLetterId: letterId } },
    );
  return allocateNumber({
    series,
    year,
    claim: async (sequence) => {
      try {
        await OutgoingNumberModel.create({ series, year, sequence, letterId, at: now() });
        return 'claimed';
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Refused because this letter already owns a number (a concurrent retry took it):
        // stop probing, the caller reads it back.
        const mine = await OutgoingNumberModel.findOne({ letterId }).lean<{ sequence: number }>();
        if (mine) throw new AlreadyNumbered(mine.sequence);
        return 'taken';
      }
    },
  }).catch((error: unknown) => {
    if (error instanceof AlreadyNumbered) return error.sequence;
    throw error;
  });
}

class AlreadyNumbered extends Error {
  readonly sequence: number;
  constructor(sequence: number) {
    super('letter already numbered');
    this.sequence = sequence;
  }
}
