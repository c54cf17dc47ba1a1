import { z } from 'zod';
import { DISPATCH_METHODS, OUTGOING_STATUSES, SIGN_MODES, URGENCIES } from './outgoing.model.ts';
import { bodySchema } from './templates/body-model.ts';
import { OUTGOING_KINDS } from './templates/kinds.ts';
import { reauthFields } from '../auth/auth.schema.ts';
import { invitationEventSchema } from '../agenda/agenda.schema.ts';

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'ID tidak valid');
const text = (max: number) => z.string().trim().max(max, `Paling banyak ${max} karakter`);
const required = (max: number, label: string) => text(max).min(1, `${label} wajib diisi`);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat TTTT-BB-HH');

export const securityClassSchema = z.enum(['B', 'T', 'R', 'SR']);
export const kindSchema = z.enum(OUTGOING_KINDS);

export const recipientInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('internal'), positionId: objectId }).strict(),
  z
    .object({
      type: z.literal('external'),
      label: required(300, 'Nama tujuan'),
      address: text(300).nullish(),
      email: z.email('Alamat pos-el tidak valid').max(200).nullish(),
    })
    .strict(),
]);

export const copyInputSchema = z.union([
  z.object({ positionId: objectId }).strict(),
  z.object({ label: required(300, 'Tembusan') }).strict(),
]);

export const signerInputSchema = z
  .object({
    positionId: objectId,
    mode: z.enum(SIGN_MODES).default('direct'),
    /** a.n.: the official the signer signs for (e.g. the Sekda). */
    onBehalfOfPositionId: objectId.nullish(),
    /** u.b.: the intermediate official ("a.n. Sekda / Asisten / u.b. / Kepala Biro"). */
    throughPositionId: objectId.nullish(),
  })
  .strict();

const draftFields = {
  kind: kindSchema,
  /** The drafter's position (one the actor holds); the first held one by default. */
  positionId: objectId.optional(),
  subject: required(500, 'Hal'),
  classificationCode: z
    .string()
    .trim()
    .regex(/^\d{3}(\.\d{1,3}){0,4}$/, 'Kode klasifikasi tidak valid, contoh: 000.1.5')
    .optional(),
  securityClass: securityClassSchema.default('B'),
  urgency: z.enum(URGENCIES).default('biasa'),
  attachmentLabel: text(200).nullish(),
  recipients: z.array(recipientInputSchema).max(60).default([]),
  recipientPlace: text(200).nullish(),
  carbonCopies: z.array(copyInputSchema).max(40).default([]),
  body: bodySchema.default([]),
  place: text(100).optional(),
  /** Surat undangan: hari/tanggal, pukul, tempat, acara (other kinds make no use of it). */
  event: invitationEventSchema.nullish(),
  /** Ordered verifiers (paraf); the kind's proposal when absent. */
  verifierPositionIds: z.array(objectId).max(10).optional(),
  signer: signerInputSchema.optional(),
  replyTo: z
    .object({ incomingLetterId: objectId, dispositionId: objectId.nullish() })
    .strict()
    .nullish(),
};

export const createDraftSchema = z.object(draftFields).strict();
export type CreateDraftInput = z.infer<typeof createDraftSchema>;

/** PATCH: every field optional; the kind may change while drafting. */
export const updateDraftSchema = z
  .object({
    kind: kindSchema.optional(),
    subject: required(500, 'Hal').optional(),
    classificationCode: draftFields.classificationCode,
    securityClass: securityClassSchema.optional(),
    urgency: z.enum(URGENCIES).optional(),
    attachmentLabel: draftFields.attachmentLabel,
    recipients: z.array(recipientInputSchema).max(60).optional(),
    recipientPlace: draftFields.recipientPlace,
    carbonCopies: z.array(copyInputSchema).max(40).optional(),
    body: bodySchema.optional(),
    place: text(100).optional(),
    event: invitationEventSchema.nullish(),
    verifierPositionIds: z.array(objectId).max(10).optional(),
    signer: signerInputSchema.optional(),
    replyTo: draftFields.replyTo,
    /** The revision the editor loaded: a stale editor gets 409 instead of overwriting. */
    revision: z.number().int().min(0).optional(),
  })
  .strict();
export type UpdateDraftInput = z.infer<typeof updateDraftSchema>;

export const reviewSchema = z
  .object({
    decision: z.enum(['approve', 'return']),
    note: text(2000).nullish(),
    /** A paraf (approve) needs the password or signing PIN again; a return does not. */
    ...reauthFields,
  })
  .strict()
  .refine((value) => value.decision !== 'return' || (value.note ?? '').trim() !== '', {
    message: 'Tuliskan catatan perbaikan saat mengembalikan konsep.',
    path: ['note'],
  });
export type ReviewInput = z.infer<typeof reviewSchema>;

/** The signing passphrase replaces the password/PIN re-authentication for signing: it opens
 * the official's own key (pki/, signing/README.md). Missing or wrong: 403. */
export const signSchema = z.object({ passphrase: z.string().max(200).optional() }).strict();

export const dispatchSchema = z
  .object({
    /** External recipients' dispatch records; internal recipients are delivered by Lontar. */
    external: z
      .array(
        z
          .object({
            recipientIndex: z.number().int().min(0).max(59),
            method: z.enum(
              DISPATCH_METHODS.filter((m) => m !== 'internal') as [
                'kurir',
                'pos',
                'email',
                'langsung',
              ],
            ),
            sentDate: isoDate.optional(),
            proof: text(300).nullish(),
          })
          .strict(),
      )
      .max(60)
      .default([]),
  })
  .strict();
export type DispatchInput = z.infer<typeof dispatchSchema>;

export const idParams = z.object({ id: objectId });
export const kindSettingSchema = z
  .object({
    numberPattern: z.string().trim().min(1, 'Pola nomor wajib diisi').max(100),
    counterPerKind: z.boolean().default(false),
  })
  .strict();

export const attachmentParams = z.object({ id: objectId, fileId: objectId });
export const pageParams = z.object({
  id: objectId,
  page: z
    .string()
    .regex(/^\d{1,3}(\.png)?$/, 'Halaman tidak valid')
    .transform((v) => Number.parseInt(v, 10))
    .pipe(z.number().int().min(1)),
});
export const versionParams = z.object({ id: objectId, version: z.coerce.number().int().min(1) });

export const listQuerySchema = z.object({
  box: z.enum(['all', 'mine', 'review', 'sign', 'dispatch']).default('all'),
  status: z.enum(OUTGOING_STATUSES).optional(),
  q: text(200).optional(),
  /** Replies to this incoming letter (the link back from surat masuk). */
  replyTo: objectId.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const registerQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'Bulan harus berformat TTTT-BB')
    .optional(),
  year: z.coerce.number().int().min(1900).max(3000).optional(),
  kind: kindSchema.optional(),
  unit: text(40).optional(),
  q: text(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type RegisterQuery = z.infer<typeof registerQuerySchema>;

export const exportQuerySchema = registerQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['pdf', 'xlsx', 'csv']),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export const proposalQuerySchema = z.object({ kind: kindSchema, positionId: objectId.optional() });

/** POST /api/outgoing-letters/body-template: the draft as it stands in the editor (saved or
 * not); the answer is the kind's body filled from it (body-template.service.ts). */
/** The event fields as far as typed (the template fills what is there, blanks the rest). */
const invitationEventPartSchema = z
  .object({
    date: isoDate.optional(),
    startTime: z.string().max(5).optional(),
    endTime: z.string().max(5).optional(),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']).optional(),
    title: text(300).optional(),
    place: text(300).optional(),
    onlineLink: text(500).optional(),
  })
  .strict();

export const bodyTemplateSchema = z
  .object({
    kind: kindSchema,
    subject: z.string().trim().max(500).default(''),
    recipients: z.array(recipientInputSchema).max(60).default([]),
    signerPositionId: objectId.nullish(),
    /** Surat undangan: the event as typed so far fills Hari/tanggal, Pukul, Tempat, Acara. */
    event: invitationEventPartSchema.nullish(),
    replyTo: z
      .object({ incomingLetterId: objectId, dispositionId: objectId.nullish() })
      .strict()
      .nullish(),
  })
  .strict();
export type BodyTemplateInput = z.infer<typeof bodyTemplateSchema>;
