import { z } from 'zod';
import { isCalendarDate } from '../calendar/dates.ts';
import { ENTRY_STATUSES } from './agenda.model.ts';
import { TIME_ZONES } from './invitation.ts';
import { MAX_REMINDERS, REMIND_OPTIONS } from './reminder-settings.ts';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid');
const calendarDate = z.string().refine(isCalendarDate, 'Tanggal harus berformat TTTT-BB-HH.');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat JJ:MM.');
const text = (max: number) => z.string().trim().max(max, `Paling banyak ${max} karakter`);

/** The event of an undangan, confirmed by the clerk at registration (the `event` part of
 * the registration data). */
export const invitationEventSchema = z
  .object({
    date: calendarDate,
    startTime: clock,
    endTime: clock.optional(),
    timeZone: z.enum(TIME_ZONES).default('WIB'),
    title: text(300).optional(),
    place: text(300).optional(),
    onlineLink: z
      .string()
      .trim()
      .max(500)
      .regex(/^https?:\/\/\S+$/, 'Tautan harus diawali http:// atau https://')
      .optional()
      .or(z.literal('')),
    dressCode: text(100).optional(),
    notes: text(1000).optional(),
  })
  .strict()
  .refine((e) => !e.endTime || e.endTime > e.startTime, {
    message: 'Jam selesai harus setelah jam mulai.',
    path: ['endTime'],
  })
  .refine((e) => Boolean(e.place?.trim() || e.onlineLink?.trim()), {
    message: 'Isi tempat acara atau tautan rapat daring.',
    path: ['place'],
  });
export type InvitationEvent = z.infer<typeof invitationEventSchema>;

export const agendaQuerySchema = z
  .object({
    positionId: objectId.optional(),
    /** Leadership together: the Gubernur, Wakil, Sekda and Asisten the actor may see. */
    scope: z.enum(['position', 'leadership']).default('position'),
    from: calendarDate,
    to: calendarDate,
  })
  .refine((q) => q.from <= q.to, { message: 'Tanggal akhir sebelum tanggal awal.', path: ['to'] })
  .refine((q) => q.scope === 'leadership' || Boolean(q.positionId), {
    message: 'Pilih jabatan.',
    path: ['positionId'],
  });

export const entryIdParams = z.object({ id: objectId });
export const decideBodySchema = z.object({ decision: z.enum(['accepted', 'declined']) }).strict();
export const delegateBodySchema = z
  .object({ positionId: objectId, note: text(1000).optional() })
  .strict();
export const pdfQuerySchema = z.object({
  positionId: objectId,
  period: z.enum(['day', 'week']).default('day'),
  date: calendarDate,
});
export const feedCreateSchema = z.object({ positionId: objectId }).strict();
export const positionQuerySchema = z.object({ positionId: objectId });
export const keeperBodySchema = z
  .object({ positionId: objectId, keeperPositionId: objectId })
  .strict();

/** Lead times in minutes before the start, each one of `REMIND_OPTIONS`; [] for none. */
const leads = z
  .array(
    z
      .number()
      .int()
      .refine(
        (m) => (REMIND_OPTIONS as readonly number[]).includes(m),
        'Pilihan pengingat tidak dikenal.',
      ),
  )
  .max(MAX_REMINDERS, `Paling banyak ${MAX_REMINDERS} pengingat.`);
export const reminderSettingsBodySchema = z
  .object({ positionId: objectId, remindBefore: leads })
  .strict();
/** null: the entry follows its position's default again. */
export const entryRemindersBodySchema = z.object({ remindBefore: leads.nullable() }).strict();
export const reminderSettingsSchema = z.object({
  positionId: z.string(),
  /** Minutes before the start, longest first; [] reminds not at all. */
  remindBefore: z.array(z.number()),
  /** Nothing was chosen yet: the default of every position (an hour before). */
  isDefault: z.boolean(),
  /** The lead times one may choose, in minutes. */
  options: z.array(z.number()),
  maxReminders: z.number(),
});

const link = z.object({ positionId: z.string(), positionTitle: z.string(), entryId: z.string() });
export const entrySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO 8601 with the offset of the entry's zone (+07:00 WIB, +08:00 WITA, +09:00 WIT). */
  start: z.string(),
  end: z.string(),
  endOpen: z.boolean(),
  timeZone: z.enum(TIME_ZONES),
  place: z.string(),
  onlineLink: z.string(),
  dressCode: z.string(),
  notes: z.string(),
  positionId: z.string(),
  positionTitle: z.string(),
  letterId: z.string().nullable(),
  letterLabel: z.string(),
  /** Which letter screen `letterId` opens: surat masuk, or the inviter's surat keluar. */
  letterType: z.enum(['incoming', 'outgoing']),
  status: z.enum(ENTRY_STATUSES),
  delegatedTo: link.nullable(),
  representing: link.nullable(),
  dispositionId: z.string().nullable(),
  /** Lead times chosen for this entry (minutes before, longest first); null follows the
   * position's default (`GET /api/agenda/reminders`). */
  remindBefore: z.array(z.number()).nullable(),
  /** Overlaps another accepted entry of the same position. */
  clash: z.boolean(),
  /** What the caller may do with it. */
  mayDecide: z.boolean(),
  mayDelegate: z.boolean(),
  /** The caller can open the letter now (a keeper is usually not among its readers; an
   * invitee's copy of an outgoing undangan arrives in their inbox only when it is sent). */
  letterReady: z.boolean(),
});
export const agendaListSchema = z.object({
  items: z.array(entrySchema),
  positions: z.array(z.object({ id: z.string(), title: z.string() })),
});
export const feedSchema = z.object({
  id: z.string(),
  positionId: z.string(),
  createdAt: z.string(),
  revoked: z.boolean(),
});
export const feedCreatedSchema = feedSchema.extend({ token: z.string(), url: z.string() });
export const keeperSchema = z.object({
  id: z.string(),
  positionId: z.string(),
  positionTitle: z.string(),
  keeperPositionId: z.string(),
  keeperPositionTitle: z.string(),
});
