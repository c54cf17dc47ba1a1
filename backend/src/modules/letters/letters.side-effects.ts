import { publishSearchDocument } from '../search/publish.ts';
import type { IncomingLetter } from './letters.model.ts';

/** What the audit trail keeps of a letter: the fields a clerk can change or that tell its
 * state (ids as strings). */
export function auditSnapshot(letter: IncomingLetter): Record<string, unknown> {
  return {
    status: letter.status,
    register: letter.register,
    agendaYear: letter.agendaYear,
    agendaNumber: letter.agendaNumber,
    senderName: letter.senderName,
    senderCategory: letter.senderCategory ?? null,
    channel: letter.channel ?? null,
    letterNumber: letter.letterNumber,
    letterDate: letter.letterDate,
    receivedDate: letter.receivedDate,
    subject: letter.subject,
    summary: letter.summary,
    attachmentCount: letter.attachmentCount,
    attachmentDescription: letter.attachmentDescription,
    classificationCode: letter.classificationCode,
    securityClass: letter.securityClass,
    urgency: letter.urgency,
    kind: letter.kind,
    notes: letter.notes,
    addresseePositionId: String(letter.addresseePositionId),
    copyPositionIds: (letter.copyPositionIds ?? []).map(String),
    voidReason: letter.voidReason,
  };
}

/** Publishes the letter's metadata to the search index with the same access rule as the
 * letter: by position (readerPositionIds) and security class; no unit-wide access. */
export async function publishLetter(letter: IncomingLetter): Promise<void> {
  await publishSearchDocument({
    kind: 'incoming',
    letterId: String(letter._id),
    agendaNumber:
      letter.agendaNumber === null || letter.agendaNumber === undefined
        ? null
        : `${letter.agendaNumber}/${letter.agendaYear}`,
    letterNumber: letter.letterNumber,
    subject: letter.subject,
    senderName: letter.senderName,
    summary: letter.summary,
    date: letter.letterDate,
    receivedDate: letter.receivedDate,
    register: letter.register,
    classificationCode: letter.classificationCode,
    status: letter.status,
    acl: {
      securityClass: letter.securityClass as 'B' | 'T' | 'R' | 'SR',
      unitIds: [],
      positionIds: (letter.readerPositionIds ?? []).map(String),
    },
  });
}
