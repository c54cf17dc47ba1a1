import { randomBytes } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { retryUpsertOnDuplicate } from '../../lib/upsert.ts';

/** One tiny document whose `stamp` changes on every write to users, assignments, positions
 * and units (hooks in org.model.ts). The auth middleware caches assembled actors for a few
 * seconds and reads this stamp (one `_id` read) on every request: a cached actor built under
 * another stamp is rebuilt, so a change of role, clearance, assignment or acting (Plt/Plh)
 * takes effect on the very next request in every API process.
 *
 * The stamp is a random value, not a counter: `$inc` is not atomic on FerretDB, so two
 * concurrent bumps could both write the same number and a reader that assembled between
 * them would keep a stale actor. Two random stamps never collide. */
const actorEpochSchema = new Schema(
  {
    _id: { type: String, required: true },
    stamp: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'auth_epochs', versionKey: false },
);

export const ActorEpochModel = mongoose.model('ActorEpoch', actorEpochSchema);

const ACTORS = 'actors';

/** Called after every write that can change what an actor looks like. */
export async function bumpActorEpoch(): Promise<void> {
  // The first two org writes ever, at once, race to insert it (lib/upsert.ts).
  await retryUpsertOnDuplicate(() =>
    ActorEpochModel.updateOne(
      { _id: ACTORS },
      { $set: { stamp: randomBytes(9).toString('base64url'), at: new Date() } },
      { upsert: true },
    ),
  );
}

/** The current stamp ('' before the first org write ever). */
export async function readActorEpoch(): Promise<string> {
  const doc = await ActorEpochModel.findById(ACTORS).lean<{ stamp: string }>();
  return doc?.stamp ?? '';
}
