import { randomBytes } from 'node:crypto';
import os from 'node:os';
import mongoose from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';
import { now } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { addWorkingDays, isWorkingDay } from '../calendar/calendar.service.ts';
import { jakartaDate } from '../calendar/dates.ts';
import { formatTanggal } from '../documents/format-id.ts';
import { inboxKeyOf } from '../dispositions/disposition.keys.ts';
import { DispositionModel, type Disposition } from '../dispositions/disposition.model.ts';
import { PositionModel } from '../org/org.model.ts';
import { holdersOfPosition } from '../org/org.service.ts';
import { NotifyLeaseModel } from './notification.model.ts';
import { notifyPosition, notifyUser } from './notify.service.ts';

/**
 * Reminders (deadline tomorrow, overdue) and the daily digest. The scan is idempotent:
 * every notification it makes has a dedupe key naming the node and the day, so running it
 * twice sends nothing twice. On top of that, each scan window is leased by inserting one
 * document named after the window, so of several API replicas one scans per window.
 */

export const SCAN_INTERVAL_MS = 5 * 60_000;
/** The digest goes out from 07.00 WIB on working days. */
export const DIGEST_HOUR = 7;

export interface ScanResult {
  dueSoon: number;
  overdue: number;
  digests: number;
}

export async function runReminderScan(at: Date = now()): Promise<ScanResult> {
  const today = jakartaDate(at);
  const nextWorkingDay = await addWorkingDays(today, 1);
  const result: ScanResult = { dueSoon: 0, overdue: 0, digests: 0 };

  // Every open node, read per position by its open-set key (the inbox's working set): no
  // status list or date range reaches the database, which would scan every node ever sent.
  const open = await openNodes();
  const dueSoon = open.filter((n) => n.dueDate > today && n.dueDate <= nextWorkingDay);
  for (const node of dueSoon) {
    result.dueSoon += await notifyPosition(node.toPositionId, {
      kind: 'disposition.due_tomorrow',
      title: 'Batas waktu disposisi sudah dekat',
      body: `Disposisi dari ${node.from.positionTitle} harus ditindaklanjuti paling lambat ${formatTanggal(node.dueDate)}.`,
      link: `/disposisi/${String(node._id)}`,
      letterId: node.letterId,
      dispositionId: node._id,
      dedupeKey: `due-soon:${String(node._id)}:${node.dueDate}`,
    });
  }

  const overdue = open.filter((n) => n.dueAt.getTime() <= at.getTime());
  for (const node of overdue) {
    result.overdue += await notifyPosition(node.toPositionId, {
      kind: 'disposition.overdue',
      title: 'Disposisi melewati batas waktu',
      body: `Disposisi dari ${node.from.positionTitle} melewati batas waktu ${formatTanggal(node.dueDate)} dan belum selesai.`,
      link: `/disposisi/${String(node._id)}`,
      letterId: node.letterId,
      dispositionId: node._id,
      dedupeKey: `overdue:${String(node._id)}:${node.dueDate}`,
    });
  }

  const hour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Jakarta',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(at),
  );
  if (hour >= DIGEST_HOUR && (await isWorkingDay(today)))
    result.digests = await sendDigests(today, at, open);
  return result;
}

/** What the reminders read of an open node. */
const OPEN_FIELDS = {
  toPositionId: 1,
  status: 1,
  dueAt: 1,
  dueDate: 1,
  letterId: 1,
  'from.positionTitle': 1,
};
/** Positions whose open sets are read at once. */
const PARALLEL = 4;

/** The open nodes of every position (the organisation is small; each read is one
 * `inboxKey` equality). */
async function openNodes(): Promise<Disposition[]> {
  const positions = await PositionModel.find({}, { _id: 1 }).lean<{ _id: unknown }[]>();
  const open: Disposition[] = [];
  for (let i = 0; i < positions.length; i += PARALLEL) {
    const found = await Promise.all(
      positions
        .slice(i, i + PARALLEL)
        .map((p) =>
          DispositionModel.find({ inboxKey: inboxKeyOf(p._id, 'open') }, OPEN_FIELDS).lean<
            Disposition[]
          >(),
        ),
    );
    open.push(...found.flat());
  }
  return open;
}

interface Tally {
  unread: number;
  inProgress: number;
  overdue: number;
}

/** One "ringkasan harian" per official holding a position with open dispositions. */
async function sendDigests(today: string, at: Date, open: Disposition[]): Promise<number> {
  const byPosition = new Map<string, Tally>();
  for (const node of open) {
    const tally = byPosition.get(String(node.toPositionId)) ?? {
      unread: 0,
      inProgress: 0,
      overdue: 0,
    };
    if (node.status === 'terkirim') tally.unread++;
    else tally.inProgress++;
    if (node.dueAt.getTime() <= at.getTime()) tally.overdue++;
    byPosition.set(String(node.toPositionId), tally);
  }
  const byUser = new Map<string, Tally>();
  for (const [positionId, tally] of byPosition) {
    for (const holder of await holdersOfPosition(positionId)) {
      const sum = byUser.get(holder.userId) ?? { unread: 0, inProgress: 0, overdue: 0 };
      sum.unread += tally.unread;
      sum.inProgress += tally.inProgress;
      sum.overdue += tally.overdue;
      byUser.set(holder.userId, sum);
    }
  }
  let sent = 0;
  for (const [userId, tally] of byUser) {
    const lines = [
      `Belum dibaca: ${tally.unread}`,
      `Sedang diproses: ${tally.inProgress}`,
      `Melewati batas waktu: ${tally.overdue}`,
    ];
    const created = await notifyUser(userId, {
      kind: 'digest',
      title: `Ringkasan disposisi ${formatTanggal(today)}`,
      body: lines.join('\n'),
      link: '/disposisi',
      dedupeKey: `digest:${today}`,
    });
    if (created) sent++;
  }
  return sent;
}

/** Runs the scan for the current window unless another process leased it; returns the
 * result, or null when the window was someone else's. */
export async function runLeasedScan(
  holder: string,
  intervalMs = SCAN_INTERVAL_MS,
): Promise<ScanResult | null> {
  const at = now();
  const windowStart = new Date(Math.floor(at.getTime() / intervalMs) * intervalMs);
  const leaseId = `reminders:${windowStart.toISOString()}`;
  try {
    await NotifyLeaseModel.create({ _id: leaseId, holder, at });
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
  const result = await runReminderScan(at);
  await NotifyLeaseModel.updateOne({ _id: leaseId }, { $set: { finishedAt: now(), result } });
  await NotifyLeaseModel.deleteMany({ at: { $lt: new Date(at.getTime() - 7 * 86_400_000) } });
  return result;
}

/** Starts the periodic scan in this API process; returns a function that stops it. */
export function startReminderScheduler(logger: Logger, intervalMs = SCAN_INTERVAL_MS): () => void {
  const holder = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let running = false;
  const tick = async () => {
    if (running || mongoose.connection.readyState !== 1) return;
    running = true;
    try {
      const result = await runLeasedScan(holder, intervalMs);
      if (result && result.dueSoon + result.overdue + result.digests > 0)
        logger.info({ ...result }, 'reminders sent');
    } catch (error) {
      logger.warn({ err: error }, 'reminder scan failed; the next window retries');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 15_000);
  const timer = setInterval(() => void tick(), Math.min(intervalMs, 60_000));
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
