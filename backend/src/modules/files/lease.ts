import mongoose, { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { keepingLease } from '../../lib/backfill.ts';
import { transition } from '../../lib/claims.ts';
import { now } from '../../lib/clock.ts';

/** A named lease so periodic maintenance runs on one replica at a time (design.md §1:
 * nothing that matters lives in one process), and so one process at a time works on an
 * import batch (import/lease.ts). Every take, renewal and release is a claimed transition
 * (lib/claims.ts): a conditional update alone let two takers both win on FerretDB. Each
 * take has its own token, so two takers in one process exclude each other too. */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    until: { type: Date, required: true },
    version: { type: Number },
    recentClaims: { type: [String], default: undefined },
  },
  { collection: 'maintenance_leases', versionKey: false },
);
export const LeaseModel = mongoose.model('MaintenanceLease', leaseSchema);

interface LeaseState {
  _id: string;
  holder: string;
  until: Date;
  version?: number | null;
  recentClaims?: string[] | null;
}

/** A lease this caller holds: its name and the token of this take. */
export interface HeldLease {
  name: string;
  token: string;
  until: Date;
}

/** Takes the lease `name` for `ttlMs` if nobody holds it now (free, released or expired);
 * null when somebody does, this process included. */
export async function acquireLease(name: string, ttlMs: number): Promise<HeldLease | null> {
  const token = randomUUID();
  let until = new Date(0);
  const result = await transition<LeaseState>(LeaseModel, 'lease', name, (current) => {
    const at = now();
    if (current && new Date(current.until) > at) return null;
    until = new Date(at.getTime() + ttlMs);
    return { holder: token, until };
  });
  return result.changed ? { name, token, until } : null;
}

/** Extends a held lease by `ttlMs` from now; false when it was taken over (it had expired
 * and another took it), in which case the caller must stop its work. */
export async function renewLease(lease: HeldLease, ttlMs: number): Promise<boolean> {
  const result = await transition<LeaseState>(LeaseModel, 'lease', lease.name, (current) => {
    if (current?.holder !== lease.token) return null;
    lease.until = new Date(now().getTime() + ttlMs);
    return { until: lease.until };
  });
  return result.changed;
}

/** Gives a held lease back at once (no-op when it was taken over). */
export async function releaseLease(lease: HeldLease): Promise<void> {
  await transition<LeaseState>(LeaseModel, 'lease', lease.name, (current) =>
    current?.holder === lease.token && new Date(current.until).getTime() > 0
      ? { until: new Date(0) }
      : null,
  );
}

/** Runs `task` if this caller can hold the lease `name` now; false when another holds it. */
export async function runWithLease(
  name: string,
  ttlMs: number,
  task: () => Promise<void>,
): Promise<boolean> {
  const lease = await acquireLease(name, ttlMs);
  if (!lease) return false;
  try {
    await task();
  } finally {
    await releaseLease(lease);
  }
  return true;
}

/** A kept lease was taken over: its runner stalled past the expiry and another took it. */
export class LeaseLostError extends Error {
  constructor(name: string) {
    super(`lease ${name} was taken over`);
    this.name = 'LeaseLostError';
  }
}

/**
 * Runs a long `task` (a start-up pass) under a short lease that it keeps as it goes: `keep`,
 * passed to the task and called by lib/backfill.ts's shared writers before each chunk,
 * renews the lease once a third of it has passed, and throws LeaseLostError when it was
 * taken over, so the task stops before writing again. A runner that dies holds the lease
 * for `ttlMs` at most; the next start takes it and, the task being idempotent, does what is
 * left. False when another holds the lease now.
 */
export async function runWithKeptLease(
  name: string,
  ttlMs: number,
  task: (keep: () => Promise<void>) => Promise<void>,
): Promise<boolean> {
  const lease = await acquireLease(name, ttlMs);
  if (!lease) return false;
  let keptAt = now().getTime();
  const keep = async () => {
    if (now().getTime() - keptAt < ttlMs / 3) return;
    if (!(await renewLease(lease, ttlMs))) throw new LeaseLostError(name);
    keptAt = now().getTime();
  };
  try {
    await keepingLease(keep, () => task(keep));
  } finally {
    await releaseLease(lease);
  }
  return true;
}
