import { z } from 'zod';
import { idString, itemsOf, pageOf, securityClass, timestamp } from '../../http/responses.ts';
import { DISPATCH_METHODS, OUTGOING_STATUSES, SIGN_MODES, URGENCIES } from './outgoing.model.ts';
import { POSITION_KINDS } from '../org/org.model.ts';
import { bodySchema } from './templates/body-model.ts';
import { OUTGOING_KINDS } from './templates/kinds.ts';

/** What the outgoing routes answer (outgoing.presenter.ts and the services' answers). */

const kind = z.enum(OUTGOING_KINDS);
const status = z.enum(OUTGOING_STATUSES);
const urgency = z.enum(URGENCIES);
const signMode = z.enum(SIGN_MODES);
const body = bodySchema.meta({ id: 'LetterBody' });

export const outgoingListItemJson = z
  .object({
    id: idString,
    kind,
    kindLabel: z.string(),
    status,
    statusLabel: z.string(),
    subject: z.string(),
    number: z.string().nullable(),
    securityClass,
    urgency,
    recipients: z.array(z.string()),
    drafterName: z.string(),
    drafterPositionTitle: z.string(),
    awaiting: z.string().nullable(),
    version: z.number().int(),
    signedAt: timestamp.nullable(),
    sentAt: timestamp.nullable(),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'OutgoingListItem' });

export const outgoingPageJson = pageOf(outgoingListItemJson, 'OutgoingPage');

/** A surat undangan's event (agenda/agenda.schema.ts invitationEventSchema). */
const invitationEvent = z
  .object({
    date: z.string(),
    startTime: z.string(),
    endTime: z.string().optional(),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']),
    title: z.string().optional(),
    place: z.string().optional(),
    onlineLink: z.string().optional(),
    dressCode: z.string().optional(),
    notes: z.string().optional(),
  })
  .meta({ id: 'InvitationEvent' });

export const outgoingLetterJson = outgoingListItemJson
  .extend({
    code: z.string(),
    revision: z.number().int(),
    submittedVersion: z.number().int().nullable(),
    classificationCode: z.string(),
    attachmentLabel: z.string().nullable(),
    recipients: z.array(
      z.object({
        type: z.enum(['internal', 'external']),
        positionId: idString.nullable(),
        label: z.string(),
        address: z.string().nullable(),
        email: z.string().nullable(),
      }),
    ),
    recipientPlace: z.string().nullable(),
    carbonCopies: z.array(z.object({ positionId: idString.nullable(), label: z.string() })),
    body,
    place: z.string(),
    /** Surat undangan: the event (fills the body; signed, it makes the agenda entries). */
    event: invitationEvent.nullable(),
    drafter: z.object({
      userId: idString,
      name: z.string(),
      positionId: idString,
      positionTitle: z.string(),
    }),
    verifiers: z.array(
      z
        .object({
          positionId: idString,
          title: z.string(),
          decision: z.enum(['pending', 'approved', 'returned']),
          decidedAt: timestamp.nullable(),
          decidedByName: z.string().nullable(),
          note: z.string().nullable(),
        })
        .meta({ id: 'OutgoingVerifier' }),
    ),
    currentStep: z.number().int(),
    signer: z.object({
      positionId: idString,
      title: z.string(),
      mode: signMode,
      onBehalfOfPositionId: idString.nullable(),
      onBehalfOfTitle: z.string().nullable(),
      throughPositionId: idString.nullable(),
      throughTitle: z.string().nullable(),
    }),
    replyTo: z
      .object({
        incomingLetterId: idString,
        dispositionId: idString.nullable(),
        label: z.string().nullable(),
      })
      .nullable(),
    signature: z
      .object({
        name: z.string(),
        nip: z.string().nullable(),
        positionTitle: z.string(),
        headingLines: z.array(z.string()),
      })
      .nullable(),
    final: z.object({ sha256: z.string(), size: z.number().int() }).nullable(),
    verificationUrl: z.string().nullable(),
    dispatches: z.array(
      z
        .object({
          id: z.string(),
          recipientIndex: z.number().int().nullable(),
          type: z.enum(['internal', 'external', 'copy']),
          label: z.string(),
          method: z.enum(DISPATCH_METHODS),
          sentAt: timestamp.nullable(),
          /** Set when only the day of sending is known (recorded by the clerk): show the
           * day, not the time of `sentAt`. */
          sentDate: z.string().nullable(),
          proof: z.string().nullable(),
          incomingLetterId: idString.nullable(),
          status: z.enum(['sent', 'failed']),
          recordedByName: z.string().nullable(),
        })
        .meta({ id: 'OutgoingDispatch' }),
    ),
    dispositionCompleted: z.boolean(),
    createdAt: timestamp.nullable(),
    permissions: z.object({
      edit: z.boolean(),
      submit: z.boolean(),
      review: z.boolean(),
      sign: z.boolean(),
      returnAsSigner: z.boolean(),
      dispatch: z.boolean(),
    }),
  })
  .meta({ id: 'OutgoingLetter' });

/** The content a verifier saw (drafts.service.ts contentOf, plus the attachments). */
const versionContent = z
  .object({
    kind,
    subject: z.string(),
    classificationCode: z.string(),
    securityClass,
    urgency,
    attachmentLabel: z.string().nullable(),
    recipients: z.array(
      z.object({
        type: z.enum(['internal', 'external']),
        positionId: idString.nullable(),
        label: z.string(),
        address: z.string().nullable(),
        email: z.string().nullable(),
      }),
    ),
    recipientPlace: z.string().nullable(),
    carbonCopies: z.array(z.object({ positionId: idString.nullable(), label: z.string() })),
    body,
    place: z.string(),
    signer: z.object({
      title: z.string(),
      mode: signMode,
      onBehalfOfTitle: z.string().nullable(),
      throughTitle: z.string().nullable(),
    }),
    attachments: z.array(z.object({ name: z.string(), sha256: z.string() })).optional(),
  })
  .meta({ id: 'OutgoingVersionContent' });

export const outgoingVersionJson = z
  .object({
    version: z.number().int(),
    createdAt: timestamp.nullable(),
    createdByName: z.string().nullable(),
    content: versionContent,
  })
  .meta({ id: 'OutgoingVersion' });

export const outgoingVersionsJson = itemsOf(outgoingVersionJson, 'OutgoingVersions');

export const positionChoicesJson = itemsOf(
  z
    .object({
      id: idString,
      key: z.string(),
      title: z.string(),
      formalTitle: z.string(),
      kind: z.enum(POSITION_KINDS),
      unitCode: z.string(),
      unitName: z.string(),
      holderName: z.string().nullable(),
    })
    .meta({ id: 'PositionChoice' }),
  'PositionChoices',
);

export const proposalJson = z
  .object({
    drafterPositionId: idString,
    verifiers: z.array(z.object({ positionId: idString, title: z.string() })),
    signer: z
      .object({
        positionId: idString,
        mode: signMode,
        onBehalfOfPositionId: idString.nullable(),
        throughPositionId: idString.nullable(),
        title: z.string().nullable(),
        onBehalfOfTitle: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'OutgoingProposal' });

export const outgoingAttachmentsJson = itemsOf(
  z
    .object({
      id: idString,
      name: z.string(),
      size: z.number().int(),
      mimeType: z.string(),
      sha256: z.string(),
    })
    .meta({ id: 'OutgoingAttachment' }),
  'OutgoingAttachments',
);

export const kindSettingJson = z
  .object({
    kind,
    label: z.string(),
    numberPattern: z.string(),
    counterPerKind: z.boolean(),
    customised: z.boolean(),
    updatedAt: timestamp.nullable(),
    updatedByName: z.string().nullable(),
  })
  .meta({ id: 'OutgoingKindSetting' });

export const kindSettingsJson = itemsOf(kindSettingJson, 'OutgoingKindSettings');

export const bodyTemplateJson = z.object({ body }).meta({ id: 'OutgoingBodyTemplate' });
