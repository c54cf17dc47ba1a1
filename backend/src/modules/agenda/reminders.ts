import { randomBytes } from 'node:crypto';
import os from 'node:os';
import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { NotifyLeaseModel } from '../notify/notification.model.ts';
import { notifyPosition } from '../notify/notify.service.ts';
import { AgendaEntryModel, remindDayOf, type AgendaEntry } from './agenda.model.ts';
import { timeRange } from './agenda.pdf.ts';
import {
  MAX_LEAD_MINUTES,
  defaultLeadsOf,
  effectiveLeads,
  leadLabel,
} from './reminder-settings.ts';

export const AGENDA_SCAN_INTERVAL_MS = 5 * 60_000;
/** A reminder whose time passed less than this ago still goes out: a restart or a skipped
 * window loses none. Older ones are not sent late (an entry made three hours ahead gets its
 * one-hour reminder, not a "one day before" at once). */
export const CATCH_UP_MS = 60 * 60_000;

/**
 * The lead time (minutes) whose reminder is due at `at`, or null: among the lead times whose
 * moment has come within the catch-up, the shortest (after a pause of the pass, the longer
 * ones it has overtaken are not sent as well). Nothing once the entry has started.
 */
export function dueLead(start: Date, leads: readonly number[], at: Date): number | null {
  if (start.getTime() <= at.getTime()) return null;
  let due: number | null = null;
  for (const lead of leads) {
    const moment = start.getTime() - lead * 60_000;
    if (moment > at.getTime() || at.getTime() - moment >= CATCH_UP_MS) continue;
    if (due === null || lead < due) due = lead;
  }
  return due;
}

/** Once per entry, start and lead time: a moved entry (another start) is reminded again, a
 * rerun or a second process is not. The one-hour key is the one older versions used, so
 * an upgrade does not repeat the reminders they sent. */
export function reminderKey(entry: Pick<AgendaEntry, '_id' | 'start'>, lead: number): string {
  const base = `agenda:${String(entry._id)}:${entry.start.toISOString()}`;
  return lead === 60 ? base : `${base}:${lead}`;
}

/** The UTC dates from `at` to the longest lead time ahead: the days whose entries may be due. */
export function scanDays(at: Date): string[] {
  const days = [remindDayOf(at)];
  const last = remindDayOf(new Date(at.getTime() + MAX_LEAD_MINUTES * 60_000));
  for (let t = at.getTime(); days.at(-1)! < last;) {
    t += 86_400_000;
    days.push(remindDayOf(new Date(t)));
  }
  return days;
}

/**
 * Reminds the holders of a position (and any Plt/Plh; e-mail too where the notify module
 * has it configured) at the lead times chosen for each pending or accepted entry (its own,
 * else its position's default). Reads the entries of the few days the longest lead time
 * reaches by `remindDayKey` (equality), never the collection, and each position's default
 * once; the notification's dedupe key makes a rerun harmless.
 */
export async function runAgendaReminders(at: Date = now()): Promise<number> {
  const defaults = new Map<string, Promise<number[]>>();
  const leadsOf = (positionId: unknown) => {
    const key = String(positionId);
    if (!defaults.has(key)) defaults.set(key, defaultLeadsOf(key));
    return defaults.get(key)!;
  };
  let sent = 0;
  for (const day of scanDays(at)) {
    const entries = await AgendaEntryModel.find({ remindDayKey: day }).lean<AgendaEntry[]>();
    for (const entry of entries) {
      if (entry.start.getTime() <= at.getTime()) continue;
      const lead = dueLead(entry.start, effectiveLeads(entry, await leadsOf(entry.positionId)), at);
      if (lead === null) continue;
      sent += await notifyPosition(entry.positionId, {
        kind: 'agenda.reminder',
        title: `Agenda: ${entry.title}`,
        body: `Dimulai ${leadLabel(lead)} lagi: ${timeRange(entry)} di ${entry.place || entry.onlineLink}.`,
        link: `/agenda?entri=${String(entry._id)}`,
        letterId: entry.letterId,
        dedupeKey: reminderKey(entry, lead),
      });
    }
  }
  return sent;
}

/**
 * The pass of the current window, unless another process (API replica or worker) has it:
 * each window is claimed by inserting one document named after it (unique `_id`;
 * conditional updates are not atomic on FerretDB), so one process sends per window. A
 * holder that dies mid-window loses nothing: the next window catches up what came due in
 * the hour before (`CATCH_UP_MS`),
 * and the notifications' dedupe keys keep what was already sent from going out twice.
 * Null when the window was another's.
 */
export async function runLeasedAgendaReminders(
  holder: string,
  intervalMs = AGENDA_SCAN_INTERVAL_MS,
  at: Date = now(),
): Promise<number | null> {
  const windowStart = new Date(Math.floor(at.getTime() / intervalMs) * intervalMs);
  const leaseId = `agenda-reminders:${windowStart.toISOString()}`;
  try {
    await NotifyLeaseModel.create({ _id: leaseId, holder, at });
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
  const sent = await runAgendaReminders(at);
  await NotifyLeaseModel.updateOne(
    { _id: leaseId },
    { $set: { finishedAt: now(), result: { sent } } },
  );
  return sent;
}

/** Runs the leased reminder pass every few minutes in this process; returns its stopper. */
export function startAgendaReminders(
  logger: Logger,
  intervalMs = AGENDA_SCAN_INTERVAL_MS,
): () => void {
  const holder = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let running = false;
  const tick = async () => {
    if (running || mongoose.connection.readyState !== 1) return;
    running = true;
    try {
      const sent = await runLeasedAgendaReminders(holder, intervalMs);
      if (sent) logger.info({ sent, holder }, 'agenda reminders sent');
    } catch (error) {
      logger.warn({ err: error }, 'agenda reminder pass failed; the next one retries');
    } finally {
      running = false;
    }
  };
  // Ticks more often than the window so a window is not skipped by timer drift.
  const timer = setInterval(() => void tick(), Math.min(intervalMs, 60_000));
  timer.unref();
  return () => clearInterval(timer);
}
