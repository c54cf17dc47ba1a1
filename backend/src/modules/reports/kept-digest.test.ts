import mongoose, { Schema } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness.ts';
import { storeBuiltDigest } from './kept-digest.ts';
import { LetterTallyModel } from './letter-tallies.model.ts';

await createTestContext({ LOG_LEVEL: 'silent' });

/** The letter digests' schema (letter-tallies.model.ts) in a collection of its own, with a
 * unique `data` so that a second builder's insert can be made to lose on a duplicate key
 * without racing anything. */
const DigestModel = mongoose.model(
  'KeptDigestTest',
  LetterTallyModel.schema
    .clone()
    .set('collection', 'kept_digest_test')
    .index({ data: 1 }, { unique: true }),
);
await DigestModel.createIndexes();

describe('storeBuiltDigest', () => {
  it('keeps the rows with the generation they were built at, leaving `gen` to the writes', async () => {
    await DigestModel.create({ _id: 'touched', gen: 5 });
    await storeBuiltDigest(DigestModel, 'touched', { builtGen: 4, version: 2, data: '[1,2]' });
    await storeBuiltDigest(DigestModel, 'new', { builtGen: 0, version: 2, data: '[3]' });
    expect(await DigestModel.find({ _id: { $in: ['touched', 'new'] } }).lean()).toEqual(
      expect.arrayContaining([
        { _id: 'touched', gen: 5, builtGen: 4, version: 2, data: '[1,2]' },
        expect.objectContaining({ _id: 'new', builtGen: 0, version: 2, data: '[3]' }),
      ]),
    );
  });

  it('leaves the digest to the builder that won a duplicate key, and passes other errors on', async () => {
    await DigestModel.create({ _id: 'winner', builtGen: 1, version: 2, data: 'rows' });
    await expect(
      storeBuiltDigest(DigestModel, 'loser', { builtGen: 1, version: 2, data: 'rows' }),
    ).resolves.toBeUndefined();
    expect(await DigestModel.exists({ _id: 'loser' })).toBeNull();

    // Not a duplicate key (a key that is no ObjectId for an ObjectId `_id`): not swallowed.
    const ById = mongoose.model(
      'KeptDigestTestObjectId',
      new Schema({ data: String }, { collection: 'kept_digest_test_oid' }),
    );
    await expect(
      storeBuiltDigest(ById, 'not-an-id', { builtGen: 0, version: 1, data: 'x' }),
    ).rejects.toThrow(/ObjectId/);
  });
});
