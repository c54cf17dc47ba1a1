import { z } from 'zod';
import { day, idString, securityClass, timestamp } from '../../http/responses.ts';
import { BERKAS_STATUSES, ITEM_TYPES } from './berkas.model.ts';
import { DUE_CATEGORIES } from './dashboard.service.ts';
import { PROPOSAL_STATUSES } from './proposals.model.ts';
import { FINAL_DISPOSITIONS } from './retention.model.ts';
import { PROPOSAL_KINDS } from './settings.model.ts';

/** What the archive routes answer (archive.presenter.ts and the services' answers). */

const finalDisposition = z.enum(FINAL_DISPOSITIONS);
const itemType = z.enum(ITEM_TYPES);

/** `{ items, total }`: the archive's lists page without echoing the page. */
function listOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), total: z.number().int() }).meta({ id });
}

export const retentionJson = z
  .object({
    sourceCode: z.string(),
    inherited: z.boolean(),
    activeYears: z.number().int(),
    inactiveYears: z.number().int(),
    finalDisposition,
    note: z.string(),
  })
  .meta({ id: 'Retention' });

const codeJson = z.object({
  code: z.string(),
  title: z.string(),
  scheme: z.enum(['2022', 'legacy']),
  parentCode: z.string().nullable(),
  mapsTo: z.array(z.string()),
  active: z.boolean(),
});

export const classificationCodeJson = codeJson.meta({ id: 'ArchiveClassificationCode' });

export const instrumentsJson = listOf(
  codeJson
    .extend({
      level: z.number().int(),
      own: z
        .object({
          activeYears: z.number().int(),
          inactiveYears: z.number().int(),
          finalDisposition,
          note: z.string(),
        })
        .nullable(),
      effective: retentionJson.nullable(),
    })
    .meta({ id: 'InstrumentRow' }),
  'Instruments',
);

export const effectiveRetentionJson = z
  .object({ code: z.string(), effective: retentionJson.nullable() })
  .meta({ id: 'EffectiveRetention' });

export const retentionChangeJson = z
  .object({
    code: z.string(),
    effective: retentionJson.nullable(),
    recomputed: z.number().int(),
  })
  .meta({ id: 'RetentionChange' });

const approver = z.object({ id: idString, title: z.string() });
export const archiveSettingsJson = z
  .object({
    transferApprovers: z.array(approver),
    disposalApprovers: z.array(approver),
    handoverApprovers: z.array(approver),
    recordsCentreName: z.string(),
    archiveInstitutionName: z.string(),
  })
  .meta({ id: 'ArchiveSettings' });

export const berkasJson = z
  .object({
    id: idString,
    number: z.number().int(),
    label: z.string(),
    year: z.number().int(),
    unitId: idString,
    unitCode: z.string(),
    unitName: z.string(),
    classificationCode: z.string(),
    title: z.string(),
    description: z.string(),
    securityClass,
    status: z.enum(BERKAS_STATUSES),
    itemCount: z.number().int(),
    periodStart: day.nullable(),
    periodEnd: day.nullable(),
    media: z.enum(['kertas', 'elektronik', 'campuran']),
    closedOn: day.nullable(),
    closedByName: z.string().nullable(),
    retention: z
      .object({
        sourceCode: z.string(),
        activeYears: z.number().int(),
        inactiveYears: z.number().int(),
        finalDisposition,
      })
      .nullable(),
    activeUntil: day.nullable(),
    inactiveUntil: day.nullable(),
    finalDisposition: finalDisposition.nullable(),
    appraisal: z
      .object({
        decision: z.enum(['musnah', 'permanen']),
        note: z.string(),
        at: timestamp.nullable(),
        byName: z.string(),
      })
      .nullable(),
    legalHold: z
      .object({ reason: z.string(), setAt: timestamp.nullable(), setByName: z.string() })
      .nullable(),
    box: z.object({ id: idString, code: z.string(), location: z.string() }).nullable(),
    folder: z.string().nullable(),
    loanId: idString.nullable(),
    proposalId: idString.nullable(),
    transferredAt: timestamp.nullable(),
    disposedAt: timestamp.nullable(),
    handedOverAt: timestamp.nullable(),
    createdByName: z.string(),
    createdAt: timestamp.nullable(),
    readable: z.boolean(),
    due: z.object({ transfer: z.boolean(), final: z.boolean() }),
    permissions: z.object({
      edit: z.boolean(),
      file: z.boolean(),
      close: z.boolean(),
      reopen: z.boolean(),
      manage: z.boolean(),
    }),
  })
  .meta({ id: 'Berkas' });

export const berkasListJson = listOf(berkasJson, 'BerkasList');

export const dueListJson = berkasListJson.extend({ asOf: day }).meta({ id: 'DueBerkasList' });

export const berkasItemJson = z
  .object({
    id: idString,
    letterType: itemType,
    letterId: idString,
    letterNumber: z.string(),
    letterDate: day.nullable(),
    party: z.string(),
    subject: z.string(),
    classificationCode: z.string(),
    securityClass,
    fileCount: z.number().int(),
    filedAt: timestamp.nullable(),
    filedByName: z.string(),
    dispositions: z.array(
      z.object({
        to: z.string(),
        status: z.string(),
        instructions: z.array(z.string()),
        dueDate: z.string(),
      }),
    ),
    reportCount: z.number().int(),
  })
  .meta({ id: 'BerkasItem' });

export const berkasDetailJson = berkasJson
  .extend({ expectedRetention: retentionJson.nullable(), items: z.array(berkasItemJson) })
  .meta({ id: 'BerkasDetail' });

export const unfiledJson = listOf(
  z
    .object({
      id: idString,
      letterType: itemType,
      letterNumber: z.string(),
      letterDate: day.nullable(),
      party: z.string(),
      subject: z.string(),
      classificationCode: z.string(),
      securityClass,
      letterYear: z.number().int(),
      agendaNumber: z.string(),
      canFile: z.boolean(),
    })
    .meta({ id: 'UnfiledLetter' }),
  'UnfiledLetters',
);

export const fileOutcomeJson = z
  .object({
    filed: z.array(z.object({ type: itemType, id: idString, itemId: idString })),
    refused: z.array(z.object({ type: itemType, id: z.string(), message: z.string() })),
  })
  .meta({ id: 'FileOutcome' });

export const approverPositionsJson = z
  .object({ items: z.array(z.object({ id: idString, title: z.string(), kind: z.string() })) })
  .meta({ id: 'ApproverPositions' });

const dueCounts = z.object(
  Object.fromEntries(DUE_CATEGORIES.map((c) => [c, z.number().int()])) as Record<
    (typeof DUE_CATEGORIES)[number],
    z.ZodNumber
  >,
);

export const dashboardJson = z
  .object({
    asOf: day,
    today: day,
    counts: dueCounts,
    byUnit: z.array(z.object({ unitId: idString, unitName: z.string(), counts: dueCounts })),
    loans: z.object({ out: z.number().int(), overdue: z.number().int() }),
    totals: z.object({
      berkas: z.number().int(),
      closed: z.number().int(),
      inactive: z.number().int(),
      disposed: z.number().int(),
      handedOver: z.number().int(),
    }),
  })
  .meta({ id: 'ArchiveDashboard' });

export const boxJson = z
  .object({
    id: idString,
    code: z.string(),
    building: z.string(),
    room: z.string(),
    cabinet: z.string(),
    shelf: z.string(),
    holder: z.enum(['unit', 'pusat']),
    unitName: z.string(),
    notes: z.string(),
    active: z.boolean(),
    location: z.string(),
    berkasCount: z.number().int().nullable(),
  })
  .meta({ id: 'Box' });

export const boxListJson = listOf(boxJson, 'BoxList');

export const loanJson = z
  .object({
    id: idString,
    number: z.string(),
    status: z.enum(['out', 'returned']),
    overdue: z.boolean(),
    borrowerName: z.string(),
    borrowerNip: z.string(),
    borrowerUnit: z.string(),
    borrowerPhone: z.string(),
    purpose: z.string(),
    items: z.array(
      z.object({
        berkasId: idString,
        label: z.string(),
        classificationCode: z.string(),
        title: z.string(),
        securityClass,
        location: z.string(),
      }),
    ),
    outDate: day,
    dueDate: day,
    lentByName: z.string(),
    returnedOn: day.nullable(),
    returnedByName: z.string().nullable(),
    returnNote: z.string(),
    lastReminderOn: day.nullable(),
    reminderCount: z.number().int(),
    createdAt: timestamp.nullable(),
  })
  .meta({ id: 'Loan' });

export const loanListJson = listOf(loanJson, 'LoanList');

export const proposalJson = z
  .object({
    id: idString,
    kind: z.enum(PROPOSAL_KINDS),
    status: z.enum(PROPOSAL_STATUSES),
    note: z.string(),
    receiverName: z.string(),
    securityClass,
    entries: z.array(
      z.object({
        berkasId: idString,
        label: z.string(),
        unitName: z.string(),
        classificationCode: z.string(),
        title: z.string(),
        periodStart: day.nullable(),
        periodEnd: day.nullable(),
        itemCount: z.number().int(),
        securityClass,
        retention: z.string(),
        finalDisposition: finalDisposition.nullable(),
        location: z.string(),
        done: z.boolean(),
      }),
    ),
    itemCount: z.number().int(),
    approvals: z.array(
      z.object({
        positionId: idString,
        positionTitle: z.string(),
        decision: z.enum(['pending', 'approved', 'rejected']),
        decidedAt: timestamp.nullable(),
        decidedByName: z.string().nullable(),
        acting: z.string().nullable(),
        note: z.string(),
      }),
    ),
    awaiting: z.string().nullable(),
    proposedByName: z.string(),
    createdAt: timestamp.nullable(),
    closedReason: z.string(),
    beritaAcaraNumber: z.string().nullable(),
    executedOn: day.nullable(),
    executedByName: z.string().nullable(),
    disposedFileCount: z.number().int(),
    documents: z.object({
      beritaAcara: z.boolean(),
      daftar: z.boolean(),
      paket: z.object({ size: z.number().int(), sha256: z.string() }).nullable(),
    }),
    permissions: z.object({ decide: z.boolean(), execute: z.boolean(), cancel: z.boolean() }),
  })
  .meta({ id: 'ArchiveProposal' });

export const proposalListJson = listOf(proposalJson, 'ArchiveProposalList');
