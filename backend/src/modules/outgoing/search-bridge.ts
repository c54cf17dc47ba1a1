import { publishSearchDocument } from '../search/publish.ts';
import { STATUS_LABELS } from './chain.ts';
import type { OutgoingLetter, OutgoingStatus } from './outgoing.model.ts';
import { bodyText, type Body } from './templates/body-model.ts';

/** Publishes a signed letter's searchable metadata with the audience of canSee: its
 * participants, and through the search module's own rule the desk (B/T) and cleared
 * archivists. Drafts are not published: the desk must not find what it may not open, and
 * the chain finds its drafts in the outgoing lists. */
export async function publishOutgoing(letter: OutgoingLetter): Promise<void> {
  if (letter.status !== 'signed' && letter.status !== 'sent') return;
  await publishSearchDocument({
    kind: 'outgoing',
    letterId: String(letter._id),
    letterNumber: letter.number ?? null,
    subject: letter.subject,
    recipientName: letter.recipients.map((r) => r.label).join('; '),
    summary: bodyText((letter.body ?? []) as Body).slice(0, 4000),
    date: letter.signedAt ?? null,
    classificationCode: letter.classificationCode,
    status: STATUS_LABELS[letter.status as OutgoingStatus],
    acl: {
      securityClass: letter.securityClass as 'B' | 'T' | 'R' | 'SR',
      unitIds: [],
      positionIds: (letter.participantPositionIds ?? []).map(String),
    },
  });
}
