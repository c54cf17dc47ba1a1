import { z } from 'zod';
import { isCalendarDate } from '../calendar/dates.ts';
import { ATTENDANCE, DECISION_STATUSES, MEETING_KINDS, MEETING_STATUSES } from './meeting.model.ts';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid');
const calendarDate = z.string().refine(isCalendarDate, 'Tanggal harus berformat TTTT-BB-HH.');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat JJ:MM.');
const text = (max: number) => z.string().trim().max(max, `Paling banyak ${max} karakter`);

export const idParams = z.object({ id: objectId });

export const listQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan harus berformat TTTT-BB.')
    .optional(),
  unitId: objectId.optional(),
});

/** Details of a meeting, as created and as changed before its minutes are final. */
export const meetingInput = z
  .object({
    title: text(300).min(3, 'Isi judul rapat.'),
    kind: z.enum(MEETING_KINDS),
    date: calendarDate,
    startTime: clock,
    endTime: clock,
    place: text(300).default(''),
    onlineLink: z
      .string()
      .trim()
      .max(500)
      .regex(/^https?:\/\/\S+$/, 'Tautan harus diawali http:// atau https://')
      .or(z.literal(''))
      .default(''),
    chairPositionId: objectId,
    invitedPositionIds: z.array(objectId).max(100).default([]),
    securityClass: z.enum(['B', 'T', 'R', 'SR']).default('B'),
    invitation: z
      .object({ kind: z.enum(['incoming', 'outgoing']), letterId: objectId })
      .nullable()
      .default(null),
  })
  .strict()
  .refine((m) => m.endTime > m.startTime, {
    message: 'Jam selesai harus setelah jam mulai.',
    path: ['endTime'],
  })
  .refine((m) => Boolean(m.place || m.onlineLink), {
    message: 'Isi tempat rapat atau tautan rapat daring.',
    path: ['place'],
  });
export type MeetingInput = z.infer<typeof meetingInput>;

export const attendanceInput = z
  .object({
    invited: z
      .array(
        z.object({
          positionId: objectId,
          attendance: z.enum(ATTENDANCE),
          representedBy: text(200).default(''),
        }),
      )
      .max(100),
    extraAttendees: z
      .array(z.object({ name: text(200).min(1, 'Isi nama.'), role: text(200).default('') }))
      .max(100)
      .default([]),
  })
  .strict()
  .refine((a) => a.invited.every((i) => i.attendance !== 'diwakili' || i.representedBy), {
    message: 'Tuliskan siapa yang mewakili.',
    path: ['invited'],
  });
export type AttendanceInput = z.infer<typeof attendanceInput>;

export const minutesInput = z
  .object({
    pembukaan: text(20_000).default(''),
    pembahasan: text(50_000).default(''),
    keputusan: text(20_000).default(''),
    penutup: text(10_000).default(''),
  })
  .strict();
export type MinutesInput = z.infer<typeof minutesInput>;

export const decisionsInput = z
  .object({
    decisions: z
      .array(
        z.object({
          id: objectId.optional(),
          instruction: text(2000).min(3, 'Tuliskan keputusan atau arahannya.'),
          positionId: objectId,
          dueDate: calendarDate,
        }),
      )
      .max(50),
  })
  .strict();
export type DecisionsInput = z.infer<typeof decisionsInput>;

const positionJson = z.object({
  positionId: z.string(),
  positionTitle: z.string(),
  unitId: z.string(),
  unitName: z.string(),
});

const fileJson = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  mimeType: z.string(),
  contentUrl: z.string(),
  ocrStatus: z.string().nullable(),
});

export const figuresJson = z.object({
  done: z.number().int(),
  late: z.number().int(),
  open: z.number().int(),
  total: z.number().int(),
});

export const decisionJson = z.object({
  id: z.string(),
  instruction: z.string(),
  ...positionJson.shape,
  dueDate: z.string(),
  dispositionId: z.string().nullable(),
  status: z.enum(DECISION_STATUSES),
  /** draf before the minutes are final; then done, late, open, or cancelled. */
  state: z.enum(['draf', 'open', 'late', 'done', 'cancelled']),
  closedAt: z.string().nullable(),
});

export const meetingRowJson = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(MEETING_KINDS),
  startAt: z.string(),
  endAt: z.string(),
  place: z.string(),
  onlineLink: z.string(),
  chair: positionJson,
  securityClass: z.enum(['B', 'T', 'R', 'SR']),
  status: z.enum(MEETING_STATUSES),
  minutesFinal: z.boolean(),
  figures: figuresJson,
});

export const meetingJson = meetingRowJson.extend({
  invitation: z
    .object({ kind: z.enum(['incoming', 'outgoing']), letterId: z.string(), label: z.string() })
    .nullable(),
  agendaEntryId: z.string().nullable(),
  invited: z.array(
    positionJson.extend({ attendance: z.enum(ATTENDANCE), representedBy: z.string() }),
  ),
  extraAttendees: z.array(z.object({ name: z.string(), role: z.string() })),
  attendanceSheet: fileJson.nullable(),
  minutes: z.object({
    mode: z.enum(['draft', 'scan']),
    pembukaan: z.string(),
    pembahasan: z.string(),
    keputusan: z.string(),
    penutup: z.string(),
    scan: fileJson.nullable(),
    finalizedAt: z.string().nullable(),
    finalizedByName: z.string().nullable(),
  }),
  decisions: z.array(decisionJson),
  createdByName: z.string(),
  permissions: z.object({
    canManage: z.boolean(),
    canFinalize: z.boolean(),
    /** The signed attendance sheet may be attached also after the minutes are final. */
    canAttachSheet: z.boolean(),
  }),
});
export type MeetingJson = z.infer<typeof meetingJson>;

export const meetingListJson = z.object({
  month: z.string(),
  unit: z.object({ unitId: z.string(), name: z.string() }).nullable(),
  items: z.array(meetingRowJson),
  summary: z.object({
    held: z.number().int(),
    decisions: figuresJson,
    byUnit: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        done: z.number().int(),
        late: z.number().int(),
        open: z.number().int(),
      }),
    ),
  }),
  canCreate: z.boolean(),
});
