import { WITHHELD } from '../audit/audit.sentences.ts';
import { z } from 'zod';
import type { Actor } from '../../http/actor.ts';
import type { StoredFile } from '../files/file.model.ts';
import { presentFile, storedFileSchema } from '../files/files.presenter.ts';
import {
  LETTER_KINDS,
  LETTER_STATUSES,
  URGENCIES,
  type IncomingLetter,
  type LetterKind,
} from './letters.model.ts';
import { securityClassSchema } from './letters.schema.ts';
import { CHANNEL_KEYS, SENDER_CATEGORY_KEYS } from './sender-category.ts';
import {
  canCorrectLetter,
  canReadLetterContent,
  canVoidLetter,
  heldPositionIds,
} from './letters.policy.ts';

export const RESTRICTED_SUBJECT = 'RAHASIA';

const positionRef = z.object({ id: z.string(), title: z.string() });

export const letterListItemSchema = z.object({
  id: z.string(),
  agendaNumber: z.number().int().nullable(),
  agendaYear: z.number().int(),
  register: z.string(),
  status: z.enum(LETTER_STATUSES),
  restricted: z.boolean(),
  securityClass: securityClassSchema,
  senderName: z.string(),
  receivedDate: z.string(),
  registeredAt: z.string().nullable(),
  letterNumber: z.string().nullable(),
  letterDate: z.string().nullable(),
  subject: z.string(),
  classificationCode: z.string().nullable(),
  urgency: z.enum(URGENCIES).nullable(),
  addressee: positionRef,
  unread: z.boolean(),
  fileCount: z.number().int(),
});

export const letterDetailSchema = letterListItemSchema.extend({
  /** Null only until the start-up backfill reaches a letter of an older version. */
  senderCategory: z.enum(SENDER_CATEGORY_KEYS).nullable(),
  channel: z.enum(CHANNEL_KEYS).nullable(),
  summary: z.string().nullable(),
  attachmentCount: z.number().int().nullable(),
  attachmentDescription: z.string().nullable(),
  kind: z.enum(LETTER_KINDS).nullable(),
  notes: z.string().nullable(),
  copies: z.array(positionRef),
  registeredBy: z.object({ id: z.string(), name: z.string() }),
  correctionCount: z.number().int(),
  void: z
    .object({ reason: z.string(), at: z.string().nullable(), by: z.string().nullable() })
    .nullable(),
  files: z.array(storedFileSchema),
  permissions: z.object({ readContent: z.boolean(), correct: z.boolean(), void: z.boolean() }),
});

export const registrationResultSchema = z.object({
  id: z.string(),
  agendaNumber: z.number().int(),
  agendaYear: z.number().int(),
  register: z.string(),
  status: z.enum(LETTER_STATUSES),
  files: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      size: z.number().int(),
      mimeType: z.string(),
      sha256: z.string(),
    }),
  ),
});

export type LetterListItem = z.infer<typeof letterListItemSchema>;
export type LetterDetail = z.infer<typeof letterDetailSchema>;

export interface PresentContext {
  titles: Map<string, string>;
  fileCounts?: Map<string, number>;
}

function isUnread(actor: Actor, letter: IncomingLetter): boolean {
  const mine = new Set(heldPositionIds(actor));
  const addressedToMe = [letter.addresseePositionId, ...(letter.copyPositionIds ?? [])].some((id) =>
    mine.has(String(id)),
  );
  if (!addressedToMe) return false;
  return !(letter.readPositionIds ?? []).some((id) => mine.has(String(id)));
}

/** A register row. For R/SR letters the actor may not read, only the agenda number, the
 * dates, the sender and "RAHASIA" leave the server. */
export function presentListItem(
  actor: Actor,
  letter: IncomingLetter,
  context: PresentContext,
): LetterListItem {
  const open = canReadLetterContent(actor, letter);
  const addresseeId = String(letter.addresseePositionId);
  return {
    id: String(letter._id),
    agendaNumber: letter.agendaNumber ?? null,
    agendaYear: letter.agendaYear,
    register: letter.register,
    status: letter.status,
    restricted: !open,
    securityClass: letter.securityClass,
    senderName: letter.senderName,
    receivedDate: letter.receivedDate,
    registeredAt: letter.registeredAt ? letter.registeredAt.toISOString() : null,
    letterNumber: open ? letter.letterNumber : null,
    letterDate: open ? letter.letterDate : null,
    subject: open ? letter.subject : RESTRICTED_SUBJECT,
    classificationCode: open ? letter.classificationCode : null,
    urgency: open ? letter.urgency : null,
    addressee: { id: addresseeId, title: context.titles.get(addresseeId) ?? '' },
    unread: isUnread(actor, letter),
    fileCount: open ? (context.fileCounts?.get(String(letter._id)) ?? 0) : 0,
  };
}

export function presentDetail(
  actor: Actor,
  letter: IncomingLetter,
  files: StoredFile[],
  context: PresentContext,
): LetterDetail {
  const item = presentListItem(actor, letter, {
    ...context,
    fileCounts: new Map([[String(letter._id), files.length]]),
  });
  const open = !item.restricted;
  return {
    ...item,
    senderCategory: (letter.senderCategory ?? null) as LetterDetail['senderCategory'],
    channel: (letter.channel ?? null) as LetterDetail['channel'],
    summary: open ? (letter.summary ?? '') : null,
    attachmentCount: open ? (letter.attachmentCount ?? 0) : null,
    attachmentDescription: open ? (letter.attachmentDescription ?? '') : null,
    // Stored as free text; registration and correction only ever write LETTER_KINDS.
    kind: open ? ((letter.kind ?? null) as LetterKind | null) : null,
    notes: open ? (letter.notes ?? '') : null,
    copies: (letter.copyPositionIds ?? []).map((id) => ({
      id: String(id),
      title: context.titles.get(String(id)) ?? '',
    })),
    registeredBy: { id: String(letter.registeredBy), name: letter.registeredByName },
    correctionCount: letter.correctionCount ?? 0,
    void:
      letter.status === 'void'
        ? {
            // Typed free text: for readers of the content and its author, as in the Riwayat.
            reason:
              open || String(letter.voidedBy) === actor.userId
                ? (letter.voidReason ?? '')
                : WITHHELD,
            at: letter.voidedAt ? letter.voidedAt.toISOString() : null,
            by: letter.voidedByName ?? null,
          }
        : null,
    files: open ? files.map(presentFile) : [],
    permissions: {
      readContent: open,
      correct: canCorrectLetter(actor, letter),
      void: canVoidLetter(actor, letter),
    },
  };
}
