import { randomBytes } from 'node:crypto';
import os from 'node:os';
import mongoose from 'mongoose';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { NotifyLeaseModel } from '../notify/notification.model.ts';
import { notifyPosition } from '../notify/notify.service.ts';
import { isDuplicateKey } from '../numbering/numbering.service.ts';
import {
  AgendaEntryModel,
  REMIND_BEFORE_MS,
  remindHourOf,
  type AgendaEntry,
} from './agenda.model.ts';
import { timeRange } from './agenda.pdf.ts';

export const AGENDA_SCAN_INTERVAL_MS = 5 * 60_000;

/**
 * Reminds the holders of a position (and any Plt/Plh; e-mail too where the notify module
 * has it configured) about an hour before each entry that is pending or accepted. Reads
 * only the entries whose reminder hour is this hour or the one before, by `remindHourKey`
 * (equality), never the collection; the notification's dedupe key makes a rerun harmless.
 */
export async function runAgendaReminders(at: Date = now()): Promise<number> {
  const hours = [remindHourOf(new Date(at.getTime() - 3_600_000)), remindHourOf(at)];
  let sent = 0;
  for (const hour of hours) {
    const entries = await AgendaEntryModel.find({ remindHourKey: hour }).lean<AgendaEntry[]>();
    for (const entry of entries) {
      const due = entry.start.getTime() - REMIND_BEFORE_MS;
      if (due > at.getTime() || entry.start.getTime() < at.getTime()) continue;
      sent += await notifyPosition(entry.positionId, {
        kind: 'agenda.reminder',
        title: `Agenda: ${entry.title}`,
        body: `${timeRange(entry)} di ${entry.place || entry.onlineLink}.`,
        link: `/agenda?entri=${String(entry._id)}`,
        letterId: entry.letterId,
        dedupeKey: `agenda:${String(entry._id)}:${entry.start.toISOString()}`,
      });
    }
  }
  return sent;
}

/**
 * The pass of the current window, unless another process (API replica or worker) has it:
 * each window is claimed by inserting one document named after it (unique `_id`;
 * conditional updates are not atomic on FerretDB), so one process sends per window. A
 * holder that dies mid-window loses nothing: the next window reads the hour before too,
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
