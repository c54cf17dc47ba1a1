import type { Types } from 'mongoose';
import { ROLL_FORWARD_AFTER_MS, takeRollForward } from '../../lib/claims.ts';
import { now } from '../../lib/clock.ts';
import { signalQueued } from './job-signal.ts';
import { JobClaimModel, jobDoneKeys, JobModel, type Job } from './job.model.ts';
import { isDuplicateKey, onlyDuplicateKeys } from '../../lib/upsert.ts';

/** Attempts before a job is parked; a parked job waits for a person to retry it. */
export const MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 10 * 60_000;

export type JobId = Types.ObjectId | string;

/** Wakes workers at once when a job is queued here: those of this process (tests, a worker
 * sharing a process with the API) directly, those of other processes through the job
 * signal (job-signal.ts); without it they find the job on their next short poll. */
const queuedListeners = new Set<(type: string) => void>();

export function onJobQueued(listener: (type: string) => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

function announceQueued(type: string): void {
  for (const listener of queuedListeners) listener(type);
  void signalQueued(type);
}

/** Queues a job unless one with the same key exists already (idempotent for retries). Two
 * processes enqueueing the same key at once race on the unique index: the loser's E11000
 * means "already queued", which is the outcome it wanted. */
export async function enqueueJob(
  type: string,
  dedupeKey: string,
  payload: Record<string, unknown>,
): Promise<void> {
  try {
    const result = await JobModel.updateOne(
      { dedupeKey },
      {
        $setOnInsert: { type, dedupeKey, payload, status: 'queued', runAfter: now(), attempts: 0 },
      },
      { upsert: true },
    );
    if (result.upsertedCount > 0) announceQueued(type);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** Queues many jobs of one type in one insert, each unless its key is queued already (the
 * unique index refuses those). The same outcome as `enqueueJob` per job, without an upsert
 * per job: an upsert looks the key up, which FerretDB's SQLite backend does by reading every
 * job, so a bulk import enqueueing one by one slowed down with every letter. */
export async function enqueueJobs(
  type: string,
  jobs: Array<{ dedupeKey: string; payload: Record<string, unknown> }>,
): Promise<void> {
  if (jobs.length === 0) return;
  const runAfter = now();
  try {
    await JobModel.insertMany(
      jobs.map((job) => ({ ...job, type, status: 'queued', runAfter, attempts: 0 })),
      { ordered: false },
    );
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
  announceQueued(type);
}

/** Backoff after the n-th failed attempt: 5 s, 10 s, 20 s ... capped at 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

type Candidate = Pick<Job, '_id' | 'status' | 'runAfter' | 'leaseUntil' | 'claims' | 'attempts'>;

/** Candidates read by an earlier claim of this process, oldest first, per list of types. A
 * claim takes from here before reading again, so a long queue (a bulk import queues
 * thousands) is read once per CANDIDATES_KEPT claims instead of once per claim. A stale
 * candidate costs one refused claim insert, never a wrong claim (the insert decides). */
const CANDIDATES_KEPT = 50;
const CANDIDATES_MAX_AGE_MS = 10_000;
/** Expired leases (a worker died) are looked for when the queue has nothing due, at most
 * once a second, and at least every 5 s while it has work; a lease is 60 s, so such a job
 * waits a little longer than that at most. Measured on the app clock (tests shift it). */
const EXPIRED_CHECK_IDLE_MS = 1_000;
const EXPIRED_CHECK_BUSY_MS = 5_000;
const candidateCache = new Map<
  string,
  { list: Candidate[]; readAt: number; expiredCheckedAt: number }
>();

const CANDIDATE_FIELDS = { _id: 1, status: 1, runAfter: 1, leaseUntil: 1, claims: 1, attempts: 1 };

/**
 * Due jobs of the given types. Every read is a top-level equality on (type, status), which
 * FerretDB pushes down to an index and MongoDB serves with the { type, status, runAfter } /
 * { type, status, leaseUntil } indexes; the time condition only narrows the rows that
 * equality found, and the order is made here. The queued set is small in steady state; the
 * running set is at most the workers' slots.
 */
async function readCandidates(
  types: string[],
  status: 'queued' | 'running',
  at: Date,
): Promise<Candidate[]> {
  const filter = status === 'queued' ? { runAfter: { $lte: at } } : { leaseUntil: { $lt: at } };
  const found = await Promise.all(
    types.map((type) =>
      JobModel.find({ type, status, ...filter }, CANDIDATE_FIELDS).lean<Candidate[]>(),
    ),
  );
  return found.flat();
}

/** Oldest first; jobs queued in the same millisecond in the order they were created. */
const byRunAfter = (a: Candidate, b: Candidate) =>
  new Date(a.runAfter).getTime() - new Date(b.runAfter).getTime() ||
  a._id.toString().localeCompare(b._id.toString());

function stillDue(candidate: Candidate, at: Date): boolean {
  if (candidate.status === 'queued') return new Date(candidate.runAfter) <= at;
  return Boolean(candidate.leaseUntil && new Date(candidate.leaseUntil) < at);
}

/** Due candidates, oldest first: from the cache while it has some, else read again. */
async function nextCandidates(types: string[], at: Date): Promise<Candidate[]> {
  const key = types.join(',');
  const cached = candidateCache.get(key);
  if (cached && performance.now() - cached.readAt < CANDIDATES_MAX_AGE_MS) {
    const due = cached.list.filter((c) => stillDue(c, at));
    if (due.length > 0) return due;
  }
  const sinceCheck = at.getTime() - (cached?.expiredCheckedAt ?? 0);
  const list = await readCandidates(types, 'queued', at);
  let expiredCheckedAt = cached?.expiredCheckedAt ?? 0;
  const lookForExpired =
    sinceCheck < 0 ||
    sinceCheck >= EXPIRED_CHECK_BUSY_MS ||
    (list.length === 0 && sinceCheck >= EXPIRED_CHECK_IDLE_MS);
  if (lookForExpired) {
    list.push(...(await readCandidates(types, 'running', at)));
    expiredCheckedAt = at.getTime();
  }
  const kept = list.sort(byRunAfter).slice(0, CANDIDATES_KEPT);
  candidateCache.set(key, { list: kept, readAt: performance.now(), expiredCheckedAt });
  return kept;
}

function dropCandidate(types: string[], id: string): void {
  const cached = candidateCache.get(types.join(','));
  if (cached) cached.list = cached.list.filter((c) => c._id.toString() !== id);
}

/** A claim this old whose job was never updated belongs to a worker that died between the
 * two writes: a reader applies it for that worker (roll forward). Younger claims may still be
 * applied by their own worker, whose update would race ours (FerretDB reads, then writes). */
export const CLAIM_ROLL_FORWARD_AFTER_MS = ROLL_FORWARD_AFTER_MS;

/** What the n-th claim of a job sets on it; stored in the claim so that anyone can apply it,
 * and with absolute values so that applying it twice writes the same job. */
type ClaimChange = Pick<Job, 'leasedBy' | 'leaseUntil' | 'startedAt' | 'claims' | 'attempts'> & {
  status: 'running';
};

/**
 * Claims the oldest due job of the given types: a queued job whose time has come, or a
 * running one whose lease expired (its worker died). The claim is won by inserting the
 * unique id `<jobId>:<claims + 1>` into `job_claims`: of two workers that read the same
 * candidate, exactly one insert succeeds (findOneAndUpdate alone is not atomic on FerretDB
 * 1.x; on MongoDB this costs one extra insert). The claim carries the change it makes (the
 * lease), and the winner then applies it to the job. A worker that dies between the two
 * leaves a claim nobody else can win; the next worker to meet it applies it once it is older
 * than CLAIM_ROLL_FORWARD_AFTER_MS, so the job runs under the dead worker's lease and is
 * taken over when that lapses, like any job whose worker died. A job reclaimed too often
 * (it keeps killing its worker) is parked instead of being handed out again.
 */
export async function claimJob(
  types: string[],
  workerId: string,
  leaseMs: number,
): Promise<Job | null> {
  const tried = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const at = now();
    const candidates = (await nextCandidates(types, at)).filter(
      (c) => !tried.has(c._id.toString()),
    );
    if (candidates.length === 0) return null;
    const queue = [...candidates];
    for (let candidate = queue.shift(); candidate; candidate = queue.shift()) {
      // Whatever happens next, this read of the candidate is used up.
      tried.add(candidate._id.toString());
      dropCandidate(types, candidate._id.toString());
      const claimNumber = (candidate.claims ?? 0) + 1;
      const change: ClaimChange = {
        status: 'running',
        leasedBy: workerId,
        leaseUntil: new Date(at.getTime() + leaseMs),
        startedAt: at,
        claims: claimNumber,
        attempts: (candidate.attempts ?? 0) + 1,
      };
      const claimId = `${candidate._id.toString()}:${claimNumber}`;
      try {
        await JobClaimModel.create({ _id: claimId, job: candidate._id, at, change });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another worker won it; if it died before applying its claim, finish it for it,
        // and take the job over at once when the dead worker's lease has lapsed already.
        const rolled = await rollForwardClaim(claimId, candidate._id, claimNumber);
        if (rolled && stillDue(rolled, at)) queue.unshift(rolled);
        continue;
      }
      const job = await applyClaim(candidate._id, claimNumber, change);
      if (!job) continue;
      if (job.attempts <= MAX_ATTEMPTS) return job;
      await parkJob(
        job._id,
        workerId,
        job.lastError ?? 'Pemrosesan terhenti berulang kali sebelum selesai.',
      );
    }
  }
  return null;
}

/** Applies the n-th claim to its job (where the job is still at n - 1 claims); returns the
 * job when it now runs under that claim, whoever applied it. */
async function applyClaim(
  jobId: Types.ObjectId,
  claimNumber: number,
  change: ClaimChange,
): Promise<Job | null> {
  const applied = await JobModel.findOneAndUpdate(
    { _id: jobId, claims: claimNumber - 1 },
    { $set: change },
    { returnDocument: 'after' },
  ).lean<Job>();
  const job = applied ?? (await JobModel.findById(jobId).lean<Job>());
  return job && job.claims === claimNumber && job.leasedBy === change.leasedBy ? job : null;
}

/** The claim `claimId` is someone else's: if it is old and its job still waits for it, the
 * worker that made it died between its two writes; apply the claim as that worker would
 * have. A claim of an older version (no stored change) is applied with an expired lease.
 * Only one of the workers that find the dead claim applies it, the one that takes its
 * roll-forward marker (lib/claims.ts `takeRollForward`); the others leave the job to it. Two
 * applies at once could both read the job at n - 1 claims, and FerretDB's guarded update
 * being read-then-write, a late one could undo the next claim (two workers on one job). */
async function rollForwardClaim(
  claimId: string,
  jobId: Types.ObjectId,
  claimNumber: number,
): Promise<Candidate | null> {
  const claim = await JobClaimModel.findById(claimId).lean<{
    at: Date;
    change?: ClaimChange | null;
  }>();
  if (!claim || now().getTime() - new Date(claim.at).getTime() < CLAIM_ROLL_FORWARD_AFTER_MS)
    return null;
  const release = await takeRollForward(`job:${claimId}`);
  if (!release) return null;
  try {
    // Read under the marker: a worker that held it before may have applied the claim.
    const job = await JobModel.findById(jobId, CANDIDATE_FIELDS).lean<Candidate>();
    if (!job || (job.claims ?? 0) !== claimNumber - 1) return null; // applied already
    const change: ClaimChange = claim.change ?? {
      status: 'running',
      leasedBy: 'claim-rolled-forward',
      leaseUntil: claim.at,
      startedAt: claim.at,
      claims: claimNumber,
      attempts: (job.attempts ?? 0) + 1,
    };
    await JobModel.updateOne({ _id: jobId, claims: claimNumber - 1 }, { $set: change });
    return { ...job, ...change };
  } finally {
    await release();
  }
}

/** Extends the lease; false when the job is no longer ours (reclaimed after expiry). */
export async function renewLease(
  jobId: JobId,
  workerId: string,
  leaseMs: number,
): Promise<boolean> {
  const result = await JobModel.updateOne(
    { _id: jobId, status: 'running', leasedBy: workerId },
    { $set: { leaseUntil: new Date(now().getTime() + leaseMs) } },
  );
  return result.matchedCount === 1;
}

/** Progress for the UI (e.g. { page: 3, pages: 7 }); ignored when the lease was lost. */
export async function setJobProgress(
  jobId: JobId,
  workerId: string,
  progress: Record<string, unknown>,
): Promise<void> {
  await JobModel.updateOne(
    { _id: jobId, status: 'running', leasedBy: workerId },
    { $set: { progress } },
  );
}

export async function completeJob(jobId: JobId, workerId: string): Promise<boolean> {
  const finishedAt = now();
  const result = await JobModel.updateOne(
    { _id: jobId, status: 'running', leasedBy: workerId },
    {
      $set: { status: 'done', finishedAt, ...jobDoneKeys(finishedAt) },
      $unset: { leaseUntil: 1, leasedBy: 1, lastError: 1 },
    },
  );
  return result.matchedCount === 1;
}

/**
 * Records a failed attempt: back to the queue after an exponential backoff, or parked with
 * its error once the attempts are spent or the failure is permanent (bad input will not get
 * better by trying again).
 */
export async function failJob(
  jobId: JobId,
  workerId: string,
  message: string,
  options: { permanent?: boolean } = {},
): Promise<'retrying' | 'parked' | 'lost'> {
  const job = await JobModel.findOne({
    _id: jobId,
    status: 'running',
    leasedBy: workerId,
  }).lean<Job>();
  if (!job) return 'lost';
  if (options.permanent || job.attempts >= MAX_ATTEMPTS) {
    return (await parkJob(jobId, workerId, message)) ? 'parked' : 'lost';
  }
  const result = await JobModel.updateOne(
    { _id: jobId, status: 'running', leasedBy: workerId },
    {
      $set: {
        status: 'queued',
        runAfter: new Date(now().getTime() + backoffMs(job.attempts)),
        lastError: message,
        lastErrorAt: now(),
      },
      $unset: { leaseUntil: 1, leasedBy: 1 },
    },
  );
  return result.matchedCount === 1 ? 'retrying' : 'lost';
}

async function parkJob(jobId: JobId, workerId: string, message: string): Promise<boolean> {
  const result = await JobModel.updateOne(
    { _id: jobId, status: 'running', leasedBy: workerId },
    {
      $set: { status: 'parked', lastError: message, lastErrorAt: now(), finishedAt: now() },
      $unset: { leaseUntil: 1, leasedBy: 1 },
    },
  );
  return result.matchedCount === 1;
}

/** Gives a job back untouched (graceful shutdown): the attempt is not counted. */
export async function releaseJob(jobId: JobId, workerId: string): Promise<boolean> {
  const result = await JobModel.updateOne(
    { _id: jobId, status: 'running', leasedBy: workerId },
    {
      $set: { status: 'queued', runAfter: now() },
      $unset: { leaseUntil: 1, leasedBy: 1 },
      $inc: { attempts: -1 },
    },
  );
  return result.matchedCount === 1;
}

/** A person asks for another try: a parked (or finished) job goes back to the queue with
 * fresh attempts. A queued or running job is left alone. Returns the job after the call. */
export async function retryJob(dedupeKey: string): Promise<Job | null> {
  const retried = await JobModel.findOneAndUpdate(
    { dedupeKey, status: { $in: ['parked', 'done'] } },
    {
      $set: { status: 'queued', runAfter: now(), attempts: 0 },
      $unset: { lastError: 1, lastErrorAt: 1, progress: 1, finishedAt: 1 },
    },
    { returnDocument: 'after' },
  ).lean<Job>();
  if (retried) announceQueued(retried.type);
  return retried ?? JobModel.findOne({ dedupeKey }).lean<Job>();
}

export async function findJobByKey(dedupeKey: string): Promise<Job | null> {
  return JobModel.findOne({ dedupeKey }).lean<Job>();
}
