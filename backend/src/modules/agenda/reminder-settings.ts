import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { isDuplicateKey } from '../../lib/upsert.ts';

/** The lead times a user may choose, in minutes before the start (what phone calendars
 * offer): 5, 15 and 30 minutes, 1 and 2 hours, 1 and 2 days. */
export const REMIND_OPTIONS = [5, 15, 30, 60, 120, 1440, 2880] as const;
/** Several at once, e.g. a day and an hour before. */
export const MAX_REMINDERS = 3;
/** A position that chose nothing is reminded an hour before (the behaviour before lead times
 * could be chosen). */
export const DEFAULT_REMIND_BEFORE: number[] = [60];
export const MAX_LEAD_MINUTES = Math.max(...REMIND_OPTIONS);

/** Sorted, longest first, without repeats: how lead times are kept and shown. */
export function normalizeLeads(leads: readonly number[]): number[] {
  return [...new Set(leads)].sort((a, b) => b - a);
}

/** "1 hari", "2 jam", "30 menit": a lead time in words (notifications, the feed). */
export function leadLabel(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} hari`;
  if (minutes % 60 === 0) return `${minutes / 60} jam`;
  return `${minutes} menit`;
}

/**
 * A position's default lead times, set in the profile by its holder (or Plt/Plh) or by the
 * staff who keep its agenda. One document per position (unique `positionId`: the reminder
 * pass and the feed read it by equality). No document: `DEFAULT_REMIND_BEFORE`.
 */
const settingsSchema = new Schema(
  {
    positionId: { type: Schema.Types.ObjectId, required: true, unique: true },
    remindBefore: { type: [Number], default: [] },
    updatedByName: { type: String, default: '' },
  },
  { timestamps: true, collection: 'agenda_reminder_settings' },
);
export type AgendaReminderSettings = InferSchemaType<typeof settingsSchema> & {
  _id: mongoose.Types.ObjectId;
};
export const AgendaReminderSettingsModel = mongoose.model('AgendaReminderSettings', settingsSchema);

/** The default lead times of one position (one read by `positionId`). */
export async function defaultLeadsOf(positionId: unknown): Promise<number[]> {
  const settings = await AgendaReminderSettingsModel.findOne({
    positionId: new mongoose.Types.ObjectId(String(positionId)),
  }).lean<AgendaReminderSettings>();
  return settings ? normalizeLeads(settings.remindBefore) : DEFAULT_REMIND_BEFORE;
}

/** Sets a position's default lead times (an upsert on the unique `positionId`: of two first
 * saves at once one inserts and the other, refused by the key, updates it). */
export async function saveDefaultLeads(
  positionId: string,
  leads: number[],
  byName: string,
): Promise<number[]> {
  const remindBefore = normalizeLeads(leads);
  const save = () =>
    AgendaReminderSettingsModel.updateOne(
      { positionId: new mongoose.Types.ObjectId(positionId) },
      { $set: { remindBefore, updatedByName: byName } },
      { upsert: true },
    );
  try {
    await save();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await save();
  }
  return remindBefore;
}

/** The lead times that apply to an entry: its own choice, else its position's default. */
export function effectiveLeads(
  entry: { remindBefore?: number[] | null },
  positionDefault: number[],
): number[] {
  return entry.remindBefore ? normalizeLeads(entry.remindBefore) : positionDefault;
}
