/**
 * Access keys of a disposition node (docs/architecture.md, "access paths"). FerretDB serves
 * only top-level equality from an index, and every document it returns is decoded one by
 * one (about as costly as a row of a table scan), so a request may only read the few nodes
 * it shows: never a position's whole history (40,000 nodes for an Asisten after five years)
 * to count or sort it. The keys are computed here and nowhere else: the model's
 * `pre('validate')` hook applies them to every inserted node (create, insertMany), and
 * transitions.ts sets them again with every status change; the start-up backfill fills
 * nodes stored by older versions.
 *
 * - `inboxKey` `<toPositionId>:open` while the node is open (terkirim, dibaca, diproses),
 *   else `<toPositionId>:<status>`: a position's open nodes are its working set, read whole
 *   for the open tabs and the counters.
 * - `dayKeys`: the day buckets of the node's histories, `<series>:<day>` where the series is
 *   `<toPositionId>:r` (received, by the day it was sent), `<from.positionId>:s` (sent, same
 *   day) and, once closed, `<toPositionId>:<status>` (by the day it was closed). A node
 *   enters each bucket on the day the bucket is named after and never leaves it (a closed
 *   status is final), so the count of a past day never changes: series.ts keeps those
 *   counts, and a history is paged newest first by reading only the days a page needs.
 * - `sentDay`: the day it was sent, for the repair of the last day's dispatches.
 * - `openUnitPath`: the recipient unit's path while the node is open, [] once closed: the
 *   monitoring of a unit's subtree reads only its open items.
 * - `unitWeekKeys` `<unitId>:w<week>` per unit of the path: a subtree's recent nodes (the
 *   follow-up times of the last weeks), a few weeks read newest first.
 * - `openKey` `<toPositionId>:<status>:<dueEnd>:<urgency>` while open, null once closed,
 *   where `dueEnd` is the day its deadline ends (`dayOf(dueAt)`: overdue from that day on):
 *   a page of an open tab reads only the (sifat, deadline day) buckets it shows, most urgent
 *   first (open-state.ts knows how many nodes each (status, day, sifat) holds).
 * - `hourKeys` `<toPositionId>:h:<hour>` for each hour (UTC, since 1970) in which the node
 *   was sent, read, taken up or closed: the changes of a position's open set since its kept
 *   open state (open-state.ts), one hour per equality read.
 *
 * Days and weeks are counted in Jakarta time (UTC+7 all year) since 1970.
 */
import type mongoose from 'mongoose';
import type { Disposition } from './disposition.model.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const JAKARTA_MS = 7 * 3_600_000;
/** 1970-01-01 was a Thursday: +3 days starts weeks on Monday. */
const WEEK_SHIFT_DAYS = 3;
export const OPEN_SERIES = ['terkirim', 'dibaca', 'diproses'] as const;
export type OpenStatus = (typeof OPEN_SERIES)[number];
const OPEN = new Set<string>(OPEN_SERIES);
export const CLOSED_SERIES = ['selesai', 'dibatalkan', 'dikembalikan'] as const;
export type ClosedStatus = (typeof CLOSED_SERIES)[number];

export function dayOf(at: Date | string): number {
  return Math.floor((new Date(at).getTime() + JAKARTA_MS) / DAY_MS);
}

export function hourOf(at: Date | string): number {
  return Math.floor(new Date(at).getTime() / HOUR_MS);
}

export function weekOf(at: Date | string): number {
  return Math.floor((dayOf(at) + WEEK_SHIFT_DAYS) / 7);
}

export type InboxGroup = 'open' | ClosedStatus;

export function inboxKeyOf(positionId: unknown, group: InboxGroup): string {
  return `${String(positionId)}:${group}`;
}

/** A history: what a position received (`r`), sent (`s`) or closed with a status. */
export type SeriesKind = 'r' | 's' | ClosedStatus;

export function seriesOf(positionId: unknown, kind: SeriesKind): string {
  return `${String(positionId)}:${kind}`;
}

export function dayKeyOf(series: string, day: number): string {
  return `${series}:${day}`;
}

export function openKeyOf(
  positionId: unknown,
  status: OpenStatus,
  dueEnd: number,
  urgency: string,
): string {
  return `${String(positionId)}:${status}:${dueEnd}:${urgency}`;
}

export function hourKeyOf(positionId: unknown, hour: number): string {
  return `${String(positionId)}:h:${hour}`;
}

/** The open status a node had at instant `t`, null when it was not sent yet or already
 * closed: its status once `t` is past every change the node records, before that what its
 * timestamps say (each is set once, by the change that made it: read, the first report or
 * forward, closing). */
export function openStatusAt(
  node: Pick<DispositionKeyInputs, 'status' | 'sentAt' | 'readAt' | 'processingAt' | 'closedAt'>,
  t: number,
): OpenStatus | null {
  const at = (value: Date | string | null | undefined) =>
    value === null || value === undefined ? Infinity : new Date(value).getTime();
  const times = [node.sentAt, node.readAt, node.processingAt, node.closedAt].map(at);
  if (times.every((time) => time === Infinity || time <= t))
    return OPEN.has(node.status) ? (node.status as OpenStatus) : null;
  if (at(node.sentAt) > t || at(node.closedAt) <= t) return null;
  if (at(node.processingAt) <= t) return 'diproses';
  if (at(node.readAt) <= t) return 'dibaca';
  return 'terkirim';
}

/** The fields a node's place in its position's open set is computed from (its open status
 * at any instant, `openStatusAt`, its deadline day and urgency): the projection the open
 * state reads (open-state.ts), which the kept open items extend (reports/open-items.model.ts). */
export const OPEN_STATUS_FIELDS = {
  toPositionId: 1,
  status: 1,
  sentAt: 1,
  readAt: 1,
  processingAt: 1,
  closedAt: 1,
  dueAt: 1,
  urgency: 1,
} as const;
export type OpenStatusNode = Pick<Disposition, '_id' | keyof typeof OPEN_STATUS_FIELDS>;

export function unitWeekKeyOf(unitId: unknown, week: number): string {
  return `${String(unitId)}:w${week}`;
}

/** What the keys are computed from (ids may be ObjectIds or strings). */
export interface DispositionKeyInputs {
  toPositionId: unknown;
  from: { positionId: unknown };
  status: string;
  sentAt: Date | string;
  dueAt: Date | string;
  readAt?: Date | string | null;
  processingAt?: Date | string | null;
  closedAt?: Date | string | null;
  toUnitPath?: unknown[] | null;
  /** Sifat (set at dispatch, never changed); part of `openKey`. */
  urgency?: string | null;
}

export interface DispositionKeys {
  inboxKey: string;
  sentDay: number;
  dayKeys: string[];
  openUnitPath: mongoose.Types.ObjectId[];
  unitWeekKeys: string[];
  openKey: string | null;
  hourKeys: string[];
}

/** The one function that derives every access key of a node. */
export function dispositionKeys(node: DispositionKeyInputs): DispositionKeys {
  const open = OPEN.has(node.status);
  const sentDay = dayOf(node.sentAt);
  const path = (node.toUnitPath ?? []) as mongoose.Types.ObjectId[];
  const dayKeys = [
    dayKeyOf(seriesOf(node.toPositionId, 'r'), sentDay),
    dayKeyOf(seriesOf(node.from.positionId, 's'), sentDay),
  ];
  if (!open)
    dayKeys.push(
      dayKeyOf(
        seriesOf(node.toPositionId, node.status as ClosedStatus),
        dayOf(node.closedAt ?? node.sentAt),
      ),
    );
  return {
    inboxKey: inboxKeyOf(node.toPositionId, open ? 'open' : (node.status as ClosedStatus)),
    sentDay,
    dayKeys,
    openUnitPath: open ? [...path] : [],
    unitWeekKeys: path.map((unitId) => unitWeekKeyOf(unitId, weekOf(node.sentAt))),
    openKey: open
      ? openKeyOf(
          node.toPositionId,
          node.status as OpenStatus,
          dayOf(node.dueAt),
          node.urgency ?? 'biasa',
        )
      : null,
    hourKeys: [
      ...new Set(
        [node.sentAt, node.readAt, node.processingAt, node.closedAt]
          .filter((at): at is Date | string => !!at)
          .map((at) => hourKeyOf(node.toPositionId, hourOf(at))),
      ),
    ],
  };
}

/** The day a key names, and its series. */
export function parseDayKey(key: string): { series: string; day: number } {
  const at = key.lastIndexOf(':');
  return { series: key.slice(0, at), day: Number(key.slice(at + 1)) };
}
