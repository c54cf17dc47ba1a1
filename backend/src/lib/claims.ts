import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type Model } from 'mongoose';
import { isDuplicateKey } from './upsert.ts';
import { now } from './clock.ts';

/**
 * Contended changes of one small state document (a lease, a throttle counter), exactly once
 * each, without transactions. A conditional findOneAndUpdate is not enough on FerretDB 1.24
 * (it reads, then writes: two updates guarded by the same version both succeed), so each
 * change inserts a claim whose unique `_id` names the version it leaves
 * (`<scope>:<stateId>:<version>`), as the disposition transitions do:
 *
 *   1. read the state at version v (a missing document is created at version 1 by a plain
 *      insert, which its unique `_id` settles);
 *   2. decide the change; insert the claim holding it: one writer wins version v;
 *   3. apply it: `$set` the change, `version: v + 1` and the claim's token (kept among the
 *      state's `recentClaims`) where version is still v; then delete the claim.
 *
 * A loser (duplicate claim) waits a moment and reads again; a claim older than
 * ROLL_FORWARD_AFTER_MS belongs to a writer that died between 2 and 3, and one reader applies
 * it for it (roll forward: the same values). Only one: the reader that inserts the claim's
 * roll-forward marker (`<claim id>:roll-forward`, unique like the claim). Several readers
 * applying the same claim at once could each read version v, and since FerretDB's guarded
 * update is read-then-write, a slow one could land after the next writer's change and put
 * the state back to v + 1, letting a second writer take it (seen: two holders of one lease
 * after a crashed taker, CI under load).
 *
 * The winner of the insert normally applies with matchedCount 1. With 0, either a reader
 * rolled its claim forward (the state then lists its token) or it is a stale writer
 * whose claim id had already been used and deleted: its apply cannot match, since that id
 * is only deleted after the state moved past v. It then deletes its claim and tries again.
 *
 * The state's schema must declare `version` (Number) and `recentClaims` ([String]). Documents of
 * older versions without `version` count as version 0.
 */

const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    set: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'state_claims', versionKey: false, minimize: false },
);
export const StateClaimModel = mongoose.model('StateClaim', claimSchema);

interface StateClaim {
  _id: string;
  token: string;
  set: Record<string, unknown>;
  at: Date;
}

/** A mongoose model whose schema declares `version` and `recentClaims`. Models of different
 * schemas share no useful static type, so it is taken as any model and used as one of
 * `Versioned` documents. */
type AnyModel = { readonly modelName: string };
const asState = (model: AnyModel) => model as unknown as Model<Versioned>;

export interface Versioned {
  _id: string;
  version?: number | null;
  recentClaims?: string[] | null;
}

/** A claim this old was left by a writer that died before applying it. Generous, as for the
 * dispositions' and jobs' claims: a writer stalled on a busy machine between its claim and
 * its update must not be taken for dead while its own update is still on the way. */
export const ROLL_FORWARD_AFTER_MS = 10_000;
const MAX_ROUNDS = 2_000;
/** Tokens of the last changes kept on the state, so a writer can tell that its own change
 * was applied even when others changed the state again before it looked. */
const RECENT_CLAIMS = 16;

export interface TransitionResult<T> {
  /** True when `decide`'s change was made (exactly once). */
  changed: boolean;
  /** The state the decision was made on (before the change). */
  before: T | null;
  /** What was set (with `changed`). */
  set: Record<string, unknown> | null;
}

/**
 * Changes the state document `id` of `model` by what `decide` returns for its current
 * value (null: no change wanted). `decide` may be called several times (once per round);
 * the change it returns last is made exactly once.
 */
export async function transition<T extends Versioned>(
  model: AnyModel,
  scope: string,
  id: string,
  decide: (current: T | null) => Record<string, unknown> | null,
): Promise<TransitionResult<T>> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = await asState(model).findById(id).lean<T>();
    const set = decide(current);
    if (!set) return { changed: false, before: current, set: null };
    const token = randomUUID();

    if (!current) {
      try {
        await asState(model).create({ ...set, _id: id, version: 1, recentClaims: [token] });
        return { changed: true, before: null, set };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        continue; // created by another writer meanwhile: decide again on it
      }
    }

    const version = current.version ?? 0;
    const claimId = `${scope}:${id}:${version}`;
    const change = {
      ...set,
      recentClaims: [...(current.recentClaims ?? []), token].slice(-RECENT_CLAIMS),
    };
    try {
      await StateClaimModel.create({ _id: claimId, token, set: change, at: now() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await settle(model, id, version, claimId);
      continue;
    }
    let mine = await apply(model, id, version, change);
    if (!mine) {
      const after = await asState(model).findById(id, { recentClaims: 1 }).lean<Versioned>();
      mine = Boolean(after?.recentClaims?.includes(token));
    }
    await StateClaimModel.deleteOne({ _id: claimId, token });
    if (mine) return { changed: true, before: current, set };
  }
  throw new Error(`state ${scope}:${id} stays contended after ${MAX_ROUNDS} rounds`);
}

/** Somebody else claimed version `version`: wait for its writer, or finish a dead one's. */
async function settle(
  model: AnyModel,
  id: string,
  version: number,
  claimId: string,
): Promise<void> {
  const claim = await StateClaimModel.findById(claimId).lean<StateClaim>();
  if (!claim) return; // applied and deleted already
  if (now().getTime() - new Date(claim.at).getTime() < ROLL_FORWARD_AFTER_MS) {
    await sleep(2 + Math.random() * 8);
    return;
  }
  // One reader rolls it forward; the others wait and read again, as for a live writer.
  const release = await takeRollForward(claimId);
  if (!release) {
    await sleep(2 + Math.random() * 8);
    return;
  }
  await apply(model, id, version, claim.set);
  // Only a claim that can no longer apply is deleted: its state has moved past `version`.
  // The marker goes after it, so no reader can roll this claim forward a second time.
  await StateClaimModel.deleteOne({ _id: claimId, token: claim.token });
  await release();
}

/**
 * The one-reader rule of every roll-forward (this file's states, the disposition
 * transitions, the job claims): of the readers that find the same dead claim `claimId`,
 * only the one that inserts its marker `<claimId>:roll-forward` (unique, in `state_claims`)
 * applies it. Returns the function that removes the marker, to be awaited once the claim is
 * applied; null when another reader holds it (wait, then read again). The marker must stay
 * for the whole apply: two applies of one claim at once could both read the old version,
 * and FerretDB's guarded update being read-then-write, the later one could undo the next
 * writer's change. An apply that starts after the marker's holder finished reads the new
 * version and matches nothing. A marker as old as a dead claim was left by a reader that
 * died in turn: it is cleared, so that a later round can take it.
 */
export async function takeRollForward(claimId: string): Promise<(() => Promise<void>) | null> {
  const marker = `${claimId}:roll-forward`;
  const token = randomUUID();
  try {
    await StateClaimModel.create({ _id: marker, token, set: {}, at: now() });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const other = await StateClaimModel.findById(marker).lean<StateClaim>();
    if (other && now().getTime() - new Date(other.at).getTime() >= ROLL_FORWARD_AFTER_MS)
      await StateClaimModel.deleteOne({ _id: marker, token: other.token });
    return null;
  }
  return async () => {
    await StateClaimModel.deleteOne({ _id: marker, token });
  };
}

async function apply(
  model: AnyModel,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  const guard = version === 0 ? { version: { $exists: false } } : { version };
  const result = await asState(model).updateOne(
    { _id: id, ...guard } as never,
    {
      $set: { ...set, version: version + 1 },
    } as never,
  );
  return result.matchedCount === 1;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
