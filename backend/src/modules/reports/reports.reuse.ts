import type { Actor } from '../../http/actor.ts';

/**
 * The report a user just opened, kept for its PDF and XLSX downloads. The screen computes
 * the report; the "Unduh PDF"/"Unduh XLSX" buttons on that screen then ask for the same
 * report within seconds, and computing it again cost as much as the screen did (and more
 * under load). A download within REUSE_MS of the screen's computation, by the same user
 * for the same period and unit, prints that computation: the document then shows exactly
 * the figures on the screen, and its "dibuat" time (generatedAt) says when they were taken.
 * The screen itself always computes afresh (and refreshes the kept one); a request already
 * in flight is shared rather than repeated. Kept in the process only, a few entries.
 */
const REUSE_MS = 120_000;
const MAX_KEPT = 50;

interface Kept<T> {
  at: number;
  report: Promise<T>;
}

const kept = new Map<string, Kept<unknown>>();

function keyOf(actor: Actor, parts: unknown[]): string {
  return JSON.stringify([actor.userId, actor.sessionId ?? null, ...parts]);
}

function keep<T>(key: string, report: Promise<T>): Promise<T> {
  kept.delete(key);
  kept.set(key, { at: Date.now(), report });
  while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  // A failed computation is not kept: the next request tries again.
  report.catch(() => {
    if (kept.get(key)?.report === report) kept.delete(key);
  });
  return report;
}

/** The screen: always a fresh computation, kept for the downloads that follow. */
export function computeAndKeep<T>(actor: Actor, parts: unknown[], build: () => Promise<T>) {
  return keep(keyOf(actor, parts), build());
}

/** A download: the screen's computation if it is recent, otherwise a fresh one (kept). */
export function reuseOrCompute<T>(
  actor: Actor,
  parts: unknown[],
  build: () => Promise<T>,
): Promise<T> {
  const key = keyOf(actor, parts);
  const hit = kept.get(key);
  if (hit && Date.now() - hit.at < REUSE_MS) return hit.report as Promise<T>;
  return keep(key, build());
}
