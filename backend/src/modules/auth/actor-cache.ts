import type { Actor } from '../../http/actor.ts';
import type { User } from '../org/org.model.ts';

/** What the auth middleware caches per session or token: the assembled actor (roles,
 * clearance, positions held, acting Plt/Plh) and the user record /api/auth/me presents.
 * Assembling it costs a user read, the user's assignments and a position and unit per held
 * position; caching it leaves one session (or token) read and one epoch read per request. */
export type ActorBase = Omit<Actor, 'via' | 'sessionId' | 'tokenId'>;

export interface CachedActor {
  base: ActorBase;
  /** The user record without its password hash. */
  user: User;
  /** The actor epoch (org/actor-epoch.ts) read before the actor was assembled. */
  epoch: string;
  /** Clock (lib/clock.ts) milliseconds when assembled and when it stops being trusted. */
  builtAt: number;
  expiresAt: number;
}

export interface ActorCacheOptions {
  /** Longest life of an entry. Everything that must end an entry at once goes through the
   * epoch or the session/token read; the lifetime only bounds writes that bypass mongoose. */
  ttlMs: number;
  maxEntries: number;
}

export const DEFAULT_ACTOR_CACHE: ActorCacheOptions = { ttlMs: 5_000, maxEntries: 2_000 };

/**
 * A small in-process LRU of assembled actors, one per API app. Rules that keep it from ever
 * outliving a revocation (all checked on every request, before an entry is used):
 * - the session (or token) document is read on every request; a logged-out, revoked,
 *   password-changed or deactivated session is gone (or its token revoked), so no entry is
 *   reached;
 * - an entry is used only under the actor epoch it was built under, and every write to users,
 *   assignments, positions and units moves that epoch (in every process, since it is read
 *   from the database);
 * - an entry dies at its `expiresAt`: a few seconds after it was built, or earlier when one
 *   of the user's assignments starts or ends (Plt/Plh terms), whichever comes first;
 * - at most `maxEntries` entries, the least recently used evicted first.
 */
export class ActorCache {
  private readonly entries = new Map<string, CachedActor>();
  readonly options: ActorCacheOptions;

  constructor(options: Partial<ActorCacheOptions> = {}) {
    this.options = { ...DEFAULT_ACTOR_CACHE, ...options };
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key` if it was built under `epoch` and is still alive at `at`. */
  get(key: string, epoch: string, at: number): CachedActor | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    // A clock moved back (tests shift it) makes builtAt lie in the future: distrust it too.
    if (entry.epoch !== epoch || at >= entry.expiresAt || at < entry.builtAt) {
      this.entries.delete(key);
      return null;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedActor): void {
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) this.evict(entry.builtAt);
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops dead entries, then the least recently used until there is room for one more. */
  private evict(at: number): void {
    for (const [key, entry] of this.entries) {
      if (at >= entry.expiresAt || at < entry.builtAt) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.options.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
