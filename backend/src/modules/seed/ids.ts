import mongoose from 'mongoose';

/** What a deterministic id names; one byte of the id, so ids of different kinds never meet. */
export const ID_KIND = {
  letter: 1,
  file: 2,
  ocrPage: 3,
  job: 4,
  disposition: 5,
  batch: 6,
  report: 7,
  searchEvent: 8,
  audit: 9,
} as const;

const MARK = '5eed';

/**
 * The id of the `sub`-th record of a kind for practice letter `index`: the time the record
 * was made (so ids sort and read like the product's own), the kind, the sub-number, a
 * marker and the letter index. A rerun computes the same ids, which is what makes the seed
 * idempotent and resumable.
 */
export function seedObjectId(
  kind: number,
  sub: number,
  index: number,
  at: Date,
): mongoose.Types.ObjectId {
  const seconds = Math.floor(at.getTime() / 1000);
  const hex =
    hex8(seconds) +
    kind.toString(16).padStart(2, '0') +
    (sub & 0xff).toString(16).padStart(2, '0') +
    MARK +
    hex8(index);
  return new mongoose.Types.ObjectId(hex);
}

function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
