import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Actor } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { addDays, jakartaDate } from '../calendar/dates.ts';
import { getPosition } from '../org/org.service.ts';
import { authorize } from '../policy/policy.ts';
import { AgendaFeedModel, type AgendaFeed } from './agenda.model.ts';
import { agendaResource, entriesOf } from './agenda.service.ts';
import { renderCalendar } from './ical.ts';
import { defaultLeadsOf } from './reminder-settings.ts';

/** The feed shows a month back and half a year ahead: what a phone calendar needs. */
const FEED_PAST_DAYS = 31;
const FEED_AHEAD_DAYS = 183;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function presentFeed(feed: AgendaFeed) {
  return {
    id: String(feed._id),
    positionId: String(feed.positionId),
    createdAt: feed.createdAt.toISOString(),
    revoked: Boolean(feed.revokedAt),
  };
}

export async function listFeeds(actor: Actor, positionId: string) {
  authorize(actor, 'agenda.feed', await agendaResource(positionId));
  const feeds = await AgendaFeedModel.find({
    positionId: new mongoose.Types.ObjectId(positionId),
  }).lean<AgendaFeed[]>();
  return feeds.filter((f) => !f.revokedAt).map(presentFeed);
}

/** A new private feed URL; the token is shown once and kept only as its hash. */
export async function createFeed(actor: Actor, positionId: string) {
  authorize(
    actor,
    'agenda.feed',
    await agendaResource(positionId),
    'Tautan kalender hanya dapat dibuat oleh pemilik agenda.',
  );
  const token = randomBytes(24).toString('base64url');
  const feed = await AgendaFeedModel.create({
    tokenHash: hashToken(token),
    positionId: new mongoose.Types.ObjectId(positionId),
    createdBy: new mongoose.Types.ObjectId(actor.userId),
  });
  return {
    ...presentFeed(feed.toObject() as AgendaFeed),
    token,
    url: `/api/agenda/feed/${token}.ics`,
  };
}

export async function revokeFeed(actor: Actor, id: string): Promise<void> {
  const feed = await AgendaFeedModel.findById(id).lean<AgendaFeed>();
  if (!feed) throw notFound('Tautan kalender');
  authorize(actor, 'agenda.feed', await agendaResource(String(feed.positionId)));
  await AgendaFeedModel.updateOne({ _id: feed._id }, { $set: { revokedAt: now() } });
}

/** The calendar behind a token (no session): 404 for an unknown or revoked token. */
export async function feedCalendar(token: string): Promise<string> {
  const feed = await AgendaFeedModel.findOne({ tokenHash: hashToken(token) }).lean<AgendaFeed>();
  if (!feed || feed.revokedAt) throw notFound('Kalender');
  const position = await getPosition(feed.positionId);
  if (!position) throw notFound('Kalender');
  const today = jakartaDate(now());
  const entries = await entriesOf(
    String(feed.positionId),
    addDays(today, -FEED_PAST_DAYS),
    addDays(today, FEED_AHEAD_DAYS),
  );
  return renderCalendar({
    name: `Agenda ${position.title}`,
    entries,
    generatedAt: now(),
    defaultLeads: await defaultLeadsOf(feed.positionId),
  });
}
