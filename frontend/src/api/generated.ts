// Generated from the API's OpenAPI document (backend/src/http/openapi.ts) by
// backend/src/cli/api-types.ts: do not edit. Regenerate with `pnpm api:types`;
// `pnpm check` fails when this file is stale.

/** Named schemas (`.meta({ id })` in the backend), by name. */
export interface Schemas {
  ApproverPositions: { items: Array<{ id: string; title: string; kind: string }> };
  ArchiveClassificationCode: {
    code: string;
    title: string;
    scheme: '2022' | 'legacy';
    parentCode: string | null;
    mapsTo: Array<string>;
    active: boolean;
  };
  ArchiveDashboard: {
    asOf: string;
    today: string;
    counts: {
      transfer: number;
      disposal: number;
      handover: number;
      reappraisal: number;
      hold: number;
      open: number;
    };
    byUnit: Array<{
      unitId: string;
      unitName: string;
      counts: {
        transfer: number;
        disposal: number;
        handover: number;
        reappraisal: number;
        hold: number;
        open: number;
      };
    }>;
    loans: { out: number; overdue: number };
    totals: {
      berkas: number;
      closed: number;
      inactive: number;
      disposed: number;
      handedOver: number;
    };
  };
  ArchiveProposal: {
    id: string;
    kind: 'transfer' | 'disposal' | 'handover';
    status: 'proposed' | 'approved' | 'rejected' | 'cancelled' | 'executing' | 'executed';
    note: string;
    receiverName: string;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    entries: Array<{
      berkasId: string;
      label: string;
      unitName: string;
      classificationCode: string;
      title: string;
      periodStart: string | null;
      periodEnd: string | null;
      itemCount: number;
      securityClass: 'B' | 'T' | 'R' | 'SR';
      retention: string;
      finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali' | null;
      location: string;
      done: boolean;
    }>;
    itemCount: number;
    approvals: Array<{
      positionId: string;
      positionTitle: string;
      decision: 'pending' | 'approved' | 'rejected';
      decidedAt: string | null;
      decidedByName: string | null;
      acting: string | null;
      note: string;
    }>;
    awaiting: string | null;
    proposedByName: string;
    createdAt: string | null;
    closedReason: string;
    beritaAcaraNumber: string | null;
    executedOn: string | null;
    executedByName: string | null;
    disposedFileCount: number;
    documents: {
      beritaAcara: boolean;
      daftar: boolean;
      paket: { size: number; sha256: string } | null;
    };
    permissions: { decide: boolean; execute: boolean; cancel: boolean };
  };
  ArchiveProposalList: { items: Array<Schemas['ArchiveProposal']>; total: number };
  ArchiveSettings: {
    transferApprovers: Array<{ id: string; title: string }>;
    disposalApprovers: Array<{ id: string; title: string }>;
    handoverApprovers: Array<{ id: string; title: string }>;
    recordsCentreName: string;
    archiveInstitutionName: string;
  };
  Berkas: {
    id: string;
    number: number;
    label: string;
    year: number;
    unitId: string;
    unitCode: string;
    unitName: string;
    classificationCode: string;
    title: string;
    description: string;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    status: 'open' | 'closed' | 'inactive' | 'disposed' | 'handed_over';
    itemCount: number;
    periodStart: string | null;
    periodEnd: string | null;
    media: 'kertas' | 'elektronik' | 'campuran';
    closedOn: string | null;
    closedByName: string | null;
    retention: {
      sourceCode: string;
      activeYears: number;
      inactiveYears: number;
      finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali';
    } | null;
    activeUntil: string | null;
    inactiveUntil: string | null;
    finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali' | null;
    appraisal: {
      decision: 'musnah' | 'permanen';
      note: string;
      at: string | null;
      byName: string;
    } | null;
    legalHold: { reason: string; setAt: string | null; setByName: string } | null;
    box: { id: string; code: string; location: string } | null;
    folder: string | null;
    loanId: string | null;
    proposalId: string | null;
    transferredAt: string | null;
    disposedAt: string | null;
    handedOverAt: string | null;
    createdByName: string;
    createdAt: string | null;
    readable: boolean;
    due: { transfer: boolean; final: boolean };
    permissions: { edit: boolean; file: boolean; close: boolean; reopen: boolean; manage: boolean };
  };
  BerkasDetail: {
    id: string;
    number: number;
    label: string;
    year: number;
    unitId: string;
    unitCode: string;
    unitName: string;
    classificationCode: string;
    title: string;
    description: string;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    status: 'open' | 'closed' | 'inactive' | 'disposed' | 'handed_over';
    itemCount: number;
    periodStart: string | null;
    periodEnd: string | null;
    media: 'kertas' | 'elektronik' | 'campuran';
    closedOn: string | null;
    closedByName: string | null;
    retention: {
      sourceCode: string;
      activeYears: number;
      inactiveYears: number;
      finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali';
    } | null;
    activeUntil: string | null;
    inactiveUntil: string | null;
    finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali' | null;
    appraisal: {
      decision: 'musnah' | 'permanen';
      note: string;
      at: string | null;
      byName: string;
    } | null;
    legalHold: { reason: string; setAt: string | null; setByName: string } | null;
    box: { id: string; code: string; location: string } | null;
    folder: string | null;
    loanId: string | null;
    proposalId: string | null;
    transferredAt: string | null;
    disposedAt: string | null;
    handedOverAt: string | null;
    createdByName: string;
    createdAt: string | null;
    readable: boolean;
    due: { transfer: boolean; final: boolean };
    permissions: { edit: boolean; file: boolean; close: boolean; reopen: boolean; manage: boolean };
    expectedRetention: Schemas['Retention'] | null;
    items: Array<Schemas['BerkasItem']>;
  };
  BerkasItem: {
    id: string;
    letterType: 'incoming' | 'outgoing' | 'imported';
    letterId: string;
    letterNumber: string;
    letterDate: string | null;
    party: string;
    subject: string;
    classificationCode: string;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    fileCount: number;
    filedAt: string | null;
    filedByName: string;
    dispositions: Array<{
      to: string;
      status: string;
      instructions: Array<string>;
      dueDate: string;
    }>;
    reportCount: number;
  };
  BerkasList: { items: Array<Schemas['Berkas']>; total: number };
  Box: {
    id: string;
    code: string;
    building: string;
    room: string;
    cabinet: string;
    shelf: string;
    holder: 'unit' | 'pusat';
    unitName: string;
    notes: string;
    active: boolean;
    location: string;
    berkasCount: number | null;
  };
  BoxList: { items: Array<Schemas['Box']>; total: number };
  ClassificationSuggestion: { code: string; title: string; reason: string; learned: boolean };
  DueBerkasList: { items: Array<Schemas['Berkas']>; total: number; asOf: string };
  DuplicateCheck: { duplicates: Array<Schemas['DuplicateHit']> };
  DuplicateHit: {
    letterId: string;
    agendaNumber: number | null;
    agendaYear: number;
    register: string;
    receivedDate: string;
    reason: 'same_sender_and_number' | 'same_file';
  };
  EffectiveRetention: { code: string; effective: Schemas['Retention'] | null };
  Error: { error: { code: string; message: string; details?: unknown } };
  FileOutcome: {
    filed: Array<{ type: 'incoming' | 'outgoing' | 'imported'; id: string; itemId: string }>;
    refused: Array<{ type: 'incoming' | 'outgoing' | 'imported'; id: string; message: string }>;
  };
  FileWordHits: {
    read: boolean;
    pages: Array<{
      page: number;
      count: number;
      located: boolean;
      boxes: Array<{ x: number; y: number; w: number; h: number }>;
    }>;
  };
  ImportBatch: {
    id: string;
    name: string;
    source: { kind: 'zip' | 'folder'; folder: string | null; size: number };
    status: 'validating' | 'validated' | 'importing' | 'paused' | 'done' | 'failed' | 'cancelled';
    batchProblems: Array<string>;
    totalRows: number;
    validRows: number;
    invalidRows: number;
    duplicateRows: number;
    problemCount: number;
    imported: number;
    failedRows: number;
    progress: number | null;
    cursor: number;
    pauseRequested: boolean;
    working: boolean;
    error: string | null;
    createdByName: string;
    createdAt: string | null;
    validatedAt: string | null;
    startedAt: string | null;
    finishedAt: string | null;
  };
  ImportBatchList: { items: Array<Schemas['ImportBatch']>; total: number };
  ImportFolders: { items: Array<string> };
  ImportRow: {
    row: number;
    line: number;
    status: 'valid' | 'invalid' | 'duplicate' | 'imported' | 'failed';
    letterNumber: string;
    letterDate: string;
    subject: string;
    direction: string;
    files: Array<string>;
    problems: Array<{ column: string | null; message: string }>;
    letterId: string | null;
  };
  ImportRows: { items: Array<Schemas['ImportRow']>; total: number };
  ImportedLetter: {
    id: string;
    direction: 'incoming' | 'outgoing';
    letterNumber: string;
    letterDate: string;
    agendaNumber: string;
    party: string;
    subject: string;
    summary: string;
    classificationCode: string;
    currentCode: string | null;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    notes: string;
    fileCount: number;
    importedAt: string | null;
    importedByName: string;
    batchId: string;
    row: number;
    files: Array<{
      id: string;
      name: string;
      size: number;
      mimeType: string;
      sha256: string;
      pageCount: number | null;
      ocrStatus: string;
      contentUrl: string;
    }>;
  };
  InstrumentRow: {
    code: string;
    title: string;
    scheme: '2022' | 'legacy';
    parentCode: string | null;
    mapsTo: Array<string>;
    active: boolean;
    level: number;
    own: {
      activeYears: number;
      inactiveYears: number;
      finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali';
      note: string;
    } | null;
    effective: Schemas['Retention'] | null;
  };
  Instruments: { items: Array<Schemas['InstrumentRow']>; total: number };
  InvitationEvent: {
    date: string;
    startTime: string;
    endTime?: string;
    timeZone: 'WIB' | 'WITA' | 'WIT';
    title?: string;
    place?: string;
    onlineLink?: string;
    dressCode?: string;
    notes?: string;
  };
  JourneyNode: {
    id: string;
    letterId: string;
    parentId: string | null;
    batchId: string;
    depth: number;
    from: {
      positionId: string;
      positionTitle: string;
      signedTitle: string;
      unitId: string;
      userName: string | null;
      acting: 'plt' | 'plh' | null;
    };
    to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
    role: 'primary' | 'coordinate';
    instructions: Array<string>;
    note: string | null;
    urgency: 'biasa' | 'segera' | 'sangat_segera';
    dueDate: string;
    status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
    version: number;
    sentAt: string;
    readAt: string | null;
    readByName: string | null;
    processingAt: string | null;
    closedAt: string | null;
    closedBy: {
      positionId: string;
      positionTitle: string;
      signedTitle: string;
      unitId: string;
      userName: string | null;
      acting: 'plt' | 'plh' | null;
    } | null;
    reason: string | null;
    reportCount: number;
    childCount: number;
    overdue: boolean;
    daysLate: number;
    holders: Array<{ name: string; acting: boolean }>;
    reports: Array<{
      id: string;
      dispositionId: string;
      author: {
        positionId: string;
        positionTitle: string;
        signedTitle: string;
        name: string;
        acting: 'plt' | 'plh' | null;
      };
      text: string;
      files: Array<{
        id: string;
        name: string;
        size: number;
        mimeType: string;
        contentUrl: string;
      }>;
      forwardedReportIds: Array<string>;
      createdAt: string;
    }>;
    hiddenReportCount: number;
    waitingOn: Array<{
      dispositionId: string;
      positionId: string;
      positionTitle: string;
      holders: Array<{ name: string; acting: boolean }>;
      status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
      since: string;
      dueDate: string;
      overdue: boolean;
      daysLate: number;
    }>;
    children: Array<Schemas['JourneyNode']>;
  };
  LetterBody: Array<
    | {
        type: 'paragraph';
        runs: Array<{ text: string; bold?: boolean; italic?: boolean; underline?: boolean }>;
        align?: 'left' | 'justify' | 'center' | 'right';
        indent?: boolean;
      }
    | {
        type: 'list';
        style: 'numbered' | 'lettered' | 'bullet';
        items: Array<{
          runs: Array<{ text: string; bold?: boolean; italic?: boolean; underline?: boolean }>;
        }>;
      }
    | {
        type: 'table';
        header?: boolean;
        borders?: boolean;
        rows: Array<{
          cells: Array<{
            runs: Array<{ text: string; bold?: boolean; italic?: boolean; underline?: boolean }>;
          }>;
        }>;
      }
  >;
  Loan: {
    id: string;
    number: string;
    status: 'out' | 'returned';
    overdue: boolean;
    borrowerName: string;
    borrowerNip: string;
    borrowerUnit: string;
    borrowerPhone: string;
    purpose: string;
    items: Array<{
      berkasId: string;
      label: string;
      classificationCode: string;
      title: string;
      securityClass: 'B' | 'T' | 'R' | 'SR';
      location: string;
    }>;
    outDate: string;
    dueDate: string;
    lentByName: string;
    returnedOn: string | null;
    returnedByName: string | null;
    returnNote: string;
    lastReminderOn: string | null;
    reminderCount: number;
    createdAt: string | null;
  };
  LoanList: { items: Array<Schemas['Loan']>; total: number };
  OpenApiDocument: {
    openapi: '3.1.0';
    info: { title: string; version: string; description: string };
    components: Record<string, unknown>;
    paths: Record<string, Record<string, unknown>>;
  } & Record<string, unknown>;
  OutgoingAttachment: { id: string; name: string; size: number; mimeType: string; sha256: string };
  OutgoingAttachments: { items: Array<Schemas['OutgoingAttachment']> };
  OutgoingBodyTemplate: { body: Schemas['LetterBody'] };
  OutgoingDispatch: {
    id: string;
    recipientIndex: number | null;
    type: 'internal' | 'external' | 'copy';
    label: string;
    method: 'internal' | 'kurir' | 'pos' | 'email' | 'langsung';
    sentAt: string | null;
    sentDate: string | null;
    proof: string | null;
    incomingLetterId: string | null;
    status: 'sent' | 'failed';
    recordedByName: string | null;
  };
  OutgoingHistoryItem: {
    action: string;
    sentence: string;
    version: number;
    note: string | null;
    actorName: string | null;
    actorPositionTitle: string | null;
    at: string | null;
  };
  OutgoingHistoryItems: { items: Array<Schemas['OutgoingHistoryItem']> };
  OutgoingKindSetting: {
    kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
    label: string;
    numberPattern: string;
    counterPerKind: boolean;
    customised: boolean;
    updatedAt: string | null;
    updatedByName: string | null;
  };
  OutgoingKindSettings: { items: Array<Schemas['OutgoingKindSetting']> };
  OutgoingLetter: {
    id: string;
    kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
    kindLabel: string;
    status:
      'draft' | 'in_review' | 'returned' | 'awaiting_signature' | 'signing' | 'signed' | 'sent';
    statusLabel: string;
    subject: string;
    number: string | null;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    urgency: 'biasa' | 'segera' | 'sangat_segera';
    recipients: Array<{
      type: 'internal' | 'external';
      positionId: string | null;
      label: string;
      address: string | null;
      email: string | null;
    }>;
    drafterName: string;
    drafterPositionTitle: string;
    awaiting: string | null;
    version: number;
    signedAt: string | null;
    sentAt: string | null;
    updatedAt: string | null;
    code: string;
    revision: number;
    submittedVersion: number | null;
    classificationCode: string;
    attachmentLabel: string | null;
    recipientPlace: string | null;
    carbonCopies: Array<{ positionId: string | null; label: string }>;
    body: Schemas['LetterBody'];
    place: string;
    event: Schemas['InvitationEvent'] | null;
    drafter: { userId: string; name: string; positionId: string; positionTitle: string };
    verifiers: Array<Schemas['OutgoingVerifier']>;
    currentStep: number;
    signer: {
      positionId: string;
      title: string;
      mode: 'direct' | 'an' | 'ub';
      onBehalfOfPositionId: string | null;
      onBehalfOfTitle: string | null;
      throughPositionId: string | null;
      throughTitle: string | null;
    };
    replyTo: {
      incomingLetterId: string;
      dispositionId: string | null;
      label: string | null;
    } | null;
    signature: {
      name: string;
      nip: string | null;
      positionTitle: string;
      headingLines: Array<string>;
    } | null;
    final: { sha256: string; size: number } | null;
    verificationUrl: string | null;
    dispatches: Array<Schemas['OutgoingDispatch']>;
    dispositionCompleted: boolean;
    createdAt: string | null;
    permissions: {
      edit: boolean;
      submit: boolean;
      review: boolean;
      sign: boolean;
      returnAsSigner: boolean;
      dispatch: boolean;
    };
  };
  OutgoingListItem: {
    id: string;
    kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
    kindLabel: string;
    status:
      'draft' | 'in_review' | 'returned' | 'awaiting_signature' | 'signing' | 'signed' | 'sent';
    statusLabel: string;
    subject: string;
    number: string | null;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    urgency: 'biasa' | 'segera' | 'sangat_segera';
    recipients: Array<string>;
    drafterName: string;
    drafterPositionTitle: string;
    awaiting: string | null;
    version: number;
    signedAt: string | null;
    sentAt: string | null;
    updatedAt: string | null;
  };
  OutgoingPage: {
    items: Array<Schemas['OutgoingListItem']>;
    total: number;
    page: number;
    pageSize: number;
  };
  OutgoingProposal: {
    drafterPositionId: string;
    verifiers: Array<{ positionId: string; title: string }>;
    signer: {
      positionId: string;
      mode: 'direct' | 'an' | 'ub';
      onBehalfOfPositionId: string | null;
      throughPositionId: string | null;
      title: string | null;
      onBehalfOfTitle: string | null;
    } | null;
  };
  OutgoingVerifier: {
    positionId: string;
    title: string;
    decision: 'pending' | 'approved' | 'returned';
    decidedAt: string | null;
    decidedByName: string | null;
    note: string | null;
  };
  OutgoingVersion: {
    version: number;
    createdAt: string | null;
    createdByName: string | null;
    content: Schemas['OutgoingVersionContent'];
  };
  OutgoingVersionContent: {
    kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
    subject: string;
    classificationCode: string;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    urgency: 'biasa' | 'segera' | 'sangat_segera';
    attachmentLabel: string | null;
    recipients: Array<{
      type: 'internal' | 'external';
      positionId: string | null;
      label: string;
      address: string | null;
      email: string | null;
    }>;
    recipientPlace: string | null;
    carbonCopies: Array<{ positionId: string | null; label: string }>;
    body: Schemas['LetterBody'];
    place: string;
    signer: {
      title: string;
      mode: 'direct' | 'an' | 'ub';
      onBehalfOfTitle: string | null;
      throughTitle: string | null;
    };
    attachments?: Array<{ name: string; sha256: string }>;
  };
  OutgoingVersions: { items: Array<Schemas['OutgoingVersion']> };
  PeriodReport: {
    period: {
      kind: 'month' | 'year';
      year: number;
      month: number | null;
      label: string;
      from: string;
      to: string;
    };
    unit: { unitId: string; code: string; name: string };
    units: Array<{ unitId: string; code: string; name: string; depth: number }>;
    generatedAt: string;
    letters: {
      received: number;
      sent: number;
      incoming: {
        byRegister: Array<{ key: string; label: string; count: number }>;
        bySenderCategory: Array<{ key: string; label: string; count: number }>;
        byClassification: Array<{ key: string; label: string; count: number }>;
        bySecurityClass: Array<{ key: string; label: string; count: number }>;
        byChannel: Array<{ key: string; label: string; count: number }>;
      };
      outgoing: {
        byRecipientCategory: Array<{ key: string; label: string; count: number }>;
        byClassification: Array<{ key: string; label: string; count: number }>;
        bySecurityClass: Array<{ key: string; label: string; count: number }>;
        byChannel: Array<{ key: string; label: string; count: number }>;
      };
      byUnit: Array<{ unitId: string; name: string; received: number; sent: number }>;
    };
    followUp: {
      totals: {
        received: number;
        doneOnTime: number;
        doneLate: number;
        openOverdue: number;
        openOnTrack: number;
        withdrawn: number;
        medianFollowUpDays: number | null;
        followedUp: number;
      };
      rows: Array<{
        unitId: string;
        name: string;
        self: boolean;
        received: number;
        doneOnTime: number;
        doneLate: number;
        openOverdue: number;
        openOnTrack: number;
        withdrawn: number;
        medianFollowUpDays: number | null;
        followedUp: number;
      }>;
    };
    monitoring: {
      generatedAt: string;
      windowDays: number;
      open: number;
      overdue: number;
      medianFollowUpHours: number | null;
      rows: Array<{
        unitId: string;
        name: string;
        open: number;
        overdue: number;
        medianFollowUpHours: number | null;
      }>;
    };
    meetings: {
      available: boolean;
      held: number;
      decisions: { done: number; late: number; open: number; total: number };
      byUnit: Array<{ unitId: string; unitName: string; done: number; late: number; open: number }>;
    };
    archive: Array<{ key: string; label: string; count: number }>;
    charts: Array<{ id: string; title: string; option: Record<string, unknown> }>;
  };
  PositionChoice: {
    id: string;
    key: string;
    title: string;
    formalTitle: string;
    kind: 'sekda' | 'asisten' | 'kepala_biro' | 'kepala_bagian' | 'staf';
    unitCode: string;
    unitName: string;
    holderName: string | null;
  };
  PositionChoices: { items: Array<Schemas['PositionChoice']> };
  QueueVisit: {
    queue: string;
    newSince: string;
    previousVisitAt: string | null;
    lastVisitAt: string;
  };
  Retention: {
    sourceCode: string;
    inherited: boolean;
    activeYears: number;
    inactiveYears: number;
    finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali';
    note: string;
  };
  RetentionChange: { code: string; effective: Schemas['Retention'] | null; recomputed: number };
  SignatureCheck: {
    /** the file carries a signature dictionary at all */
    signed: boolean;
    valid: boolean;
    signerName: string | null;
    signerPosition: string | null;
    signedAt: string | null;
    certificateStatus:
      | 'valid'
      | 'revoked'
      | 'unknown_issuer'
      | 'expired'
      | 'not_yet_valid'
      | 'none'; /** unchanged since signing, nothing appended */
    documentIntact: boolean; /** revoked AFTER this signature (still valid) */
    revokedAt: string | null;
    issuerName: string | null;
    certificateSerial:
      string | null; /** an RFC 3161 signature time-stamp token (PAdES B-T) covers the signature */
    timestamped: boolean; /** the timestamp authority's certificate common name */
    timestampAuthority: string | null; /** the token's genTime */
    timestampedAt: string | null; /** plain Indonesian sentences, most important first */
    findings: Array<string>;
  };
  UnfiledLetter: {
    id: string;
    letterType: 'incoming' | 'outgoing' | 'imported';
    letterNumber: string;
    letterDate: string | null;
    party: string;
    subject: string;
    classificationCode: string;
    securityClass: 'B' | 'T' | 'R' | 'SR';
    letterYear: number;
    agendaNumber: string;
    canFile: boolean;
  };
  UnfiledLetters: { items: Array<Schemas['UnfiledLetter']>; total: number };
  Verification: {
    code: string;
    confidential: boolean;
    number: string;
    kindLabel: string | null;
    date: string | null;
    subject: string | null;
    signerName: string | null;
    signerPosition: string | null;
    issuingUnit: string | null;
    sha256: string | null;
    signedAt: string | null;
  };
  VerificationAnswer: {
    code: string;
    confidential: boolean;
    number: string;
    kindLabel: string | null;
    date: string | null;
    subject: string | null;
    signerName: string | null;
    signerPosition: string | null;
    issuingUnit: string | null;
    sha256: string | null;
    signedAt: string | null;
    valid: true;
    signature: Schemas['SignatureCheck'];
  };
  VerificationCheck: {
    matches: boolean;
    uploadedSha256: string;
    signature: Schemas['SignatureCheck'];
    verification: Schemas['Verification'];
  };
}

/** Every route: its parameters, query, JSON body and answer (`void` for 204 and
 * non-JSON answers such as PDFs, which the browser opens by URL). */
export interface Api {
  '/api/admin/assignments': {
    /** Penugasan jabatan (definitif dan Plt/Plh) */
    get: {
      params: void;
      query: {
        acting?: 'true' | 'false';
        userId?: string;
        positionId?: string;
        status?: 'current' | 'upcoming' | 'past' | 'all';
      };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          userId: string;
          userName: string | null;
          positionId: string;
          positionTitle: string | null;
          unitName: string | null;
          acting: boolean;
          actingKind: 'plt' | 'plh' | null;
          startsAt: string;
          endsAt: string | null;
          note: string | null;
          status: 'current' | 'upcoming' | 'past';
        }>;
      };
    };
    /** Menugaskan Plt/Plh pada jabatan kedua untuk rentang tanggal */
    post: {
      params: void;
      query: void;
      body: {
        userId: string;
        positionId: string;
        kind: 'plt' | 'plh';
        startsAt: string;
        endsAt: string;
        note?: string | null;
      };
      multipart: void;
      response: {
        id: string;
        userId: string;
        userName: string | null;
        positionId: string;
        positionTitle: string | null;
        unitName: string | null;
        acting: boolean;
        actingKind: 'plt' | 'plh' | null;
        startsAt: string;
        endsAt: string | null;
        note: string | null;
        status: 'current' | 'upcoming' | 'past';
      };
    };
  };
  '/api/admin/assignments/{id}': {
    /** Mengakhiri penugasan sekarang (yang belum mulai dibatalkan) */
    delete: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/admin/audit': {
    /** Jejak audit: telusuri dan saring (terbaru dahulu) */
    get: {
      params: void;
      query: {
        userId?: string;
        action?: string;
        recordType?: string;
        recordId?: string;
        from?: string;
        to?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          seq: number;
          at: string;
          actor: {
            userId: string | null;
            username: string;
            name: string;
            positionId: string | null;
            positionTitle: string | null;
            acting: boolean;
            via: string;
          };
          sentence: string;
          action: string;
          recordType: string;
          recordId: string;
          letterId: string | null;
          changes: Array<{ field: string; before: unknown; after: unknown }>;
          ip: string | null;
          hash: string;
        }>;
        total: number;
        page: number;
        pageSize: number;
      };
    };
  };
  '/api/admin/audit/verify': {
    /** Memeriksa keutuhan rantai hash jejak audit */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        ok: boolean;
        checked: number;
        lastSeq: number;
        lastHash: string;
        problems: Array<{ seq: number; kind: string; message: string }>;
      };
    };
  };
  '/api/admin/pki': {
    /** CA instansi dan sertifikat tanda tangan para pejabat */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        authority: {
          subject: string;
          organization: string;
          source: 'generated' | 'imported';
          fingerprint: string;
          notBefore: string;
          notAfter: string;
          certificatePath: string;
          crlPath: string;
          certificateUrl: string;
          crlUrl: string;
          replacedAt: string | null;
          updatedAt: string;
        };
        previous: Array<{
          subject: string;
          organization: string;
          source: 'generated' | 'imported';
          fingerprint: string;
          notBefore: string;
          notAfter: string;
          certificatePath: string;
          crlPath: string;
          certificateUrl: string;
          crlUrl: string;
          replacedAt: string | null;
        }>;
        items: Array<{
          id: string;
          userId: string;
          userName: string;
          subjectName: string;
          serial: string;
          status: 'active' | 'replaced' | 'revoked';
          issuedAt: string;
          notAfter: string;
          revokedAt: string | null;
          state: 'active' | 'revoked' | 'expired' | 'superseded';
          revocationReason:
            | 'unspecified'
            | 'keyCompromise'
            | 'affiliationChanged'
            | 'superseded'
            | 'cessationOfOperation'
            | 'privilegeWithdrawn'
            | null;
          positionTitle: string | null;
          issuerSubject: string | null;
          caCurrent: boolean;
        }>;
      };
    };
  };
  '/api/admin/pki/certificates/{id}/revoke': {
    /** Mencabut sertifikat tanda tangan seorang pejabat (masuk CRL) */
    post: {
      params: { id: string };
      query: void;
      body: {
        reason?:
          | 'unspecified'
          | 'keyCompromise'
          | 'affiliationChanged'
          | 'superseded'
          | 'cessationOfOperation'
          | 'privilegeWithdrawn';
      };
      multipart: void;
      response: {
        id: string;
        userId: string;
        userName: string;
        subjectName: string;
        serial: string;
        status: 'active' | 'replaced' | 'revoked';
        issuedAt: string;
        notAfter: string;
        revokedAt: string | null;
        state: 'active' | 'revoked' | 'expired' | 'superseded';
        revocationReason:
          | 'unspecified'
          | 'keyCompromise'
          | 'affiliationChanged'
          | 'superseded'
          | 'cessationOfOperation'
          | 'privilegeWithdrawn'
          | null;
        positionTitle: string | null;
        issuerSubject: string | null;
        caCurrent: boolean;
      };
    };
  };
  '/api/admin/pki/import': {
    /** Mengganti CA instansi dengan CA sendiri (PKCS#12 berisi sertifikat dan kunci) */
    post: {
      params: void;
      query: void;
      body: { pkcs12: string; password?: string };
      multipart: void;
      response: {
        authority: {
          subject: string;
          organization: string;
          source: 'generated' | 'imported';
          fingerprint: string;
          notBefore: string;
          notAfter: string;
          certificatePath: string;
          crlPath: string;
          certificateUrl: string;
          crlUrl: string;
          replacedAt: string | null;
          updatedAt: string;
        };
        previous: Array<{
          subject: string;
          organization: string;
          source: 'generated' | 'imported';
          fingerprint: string;
          notBefore: string;
          notAfter: string;
          certificatePath: string;
          crlPath: string;
          certificateUrl: string;
          crlUrl: string;
          replacedAt: string | null;
        }>;
        items: Array<{
          id: string;
          userId: string;
          userName: string;
          subjectName: string;
          serial: string;
          status: 'active' | 'replaced' | 'revoked';
          issuedAt: string;
          notAfter: string;
          revokedAt: string | null;
          state: 'active' | 'revoked' | 'expired' | 'superseded';
          revocationReason:
            | 'unspecified'
            | 'keyCompromise'
            | 'affiliationChanged'
            | 'superseded'
            | 'cessationOfOperation'
            | 'privilegeWithdrawn'
            | null;
          positionTitle: string | null;
          issuerSubject: string | null;
          caCurrent: boolean;
        }>;
      };
    };
  };
  '/api/admin/positions': {
    /** Membuat jabatan */
    post: {
      params: void;
      query: void;
      body: {
        key: string;
        title: string;
        kind: 'sekda' | 'asisten' | 'kepala_biro' | 'kepala_bagian' | 'staf';
        unitId: string;
        parentId: string | null;
        order?: number;
      };
      multipart: void;
      response: {
        id: string;
        key: string;
        title: string;
        kind: 'sekda' | 'asisten' | 'kepala_biro' | 'kepala_bagian' | 'staf';
        unitId: string;
        unitCode: string | null;
        unitName: string | null;
        parentId: string | null;
        ancestorIds: Array<string>;
        order: number;
        active: boolean;
        holders: Array<{
          userId: string;
          name: string;
          acting: boolean;
          actingKind: 'plt' | 'plh' | null;
        }>;
      };
    };
  };
  '/api/admin/positions/{id}': {
    /** Mengubah, memindahkan atau menonaktifkan jabatan */
    patch: {
      params: { id: string };
      query: void;
      body: {
        key?: string;
        title?: string;
        kind?: 'sekda' | 'asisten' | 'kepala_biro' | 'kepala_bagian' | 'staf';
        unitId?: string;
        parentId?: string | null;
        order?: number;
        active?: boolean;
      };
      multipart: void;
      response: {
        id: string;
        key: string;
        title: string;
        kind: 'sekda' | 'asisten' | 'kepala_biro' | 'kepala_bagian' | 'staf';
        unitId: string;
        unitCode: string | null;
        unitName: string | null;
        parentId: string | null;
        ancestorIds: Array<string>;
        order: number;
        active: boolean;
        holders: Array<{
          userId: string;
          name: string;
          acting: boolean;
          actingKind: 'plt' | 'plh' | null;
        }>;
      };
    };
  };
  '/api/admin/units': {
    /** Membuat unit kerja */
    post: {
      params: void;
      query: void;
      body: {
        code: string;
        name: string;
        kind: 'setda' | 'asisten' | 'biro' | 'bagian' | 'lainnya';
        parentId: string | null;
        order?: number;
      };
      multipart: void;
      response: {
        id: string;
        code: string;
        name: string;
        kind: 'setda' | 'asisten' | 'biro' | 'bagian' | 'lainnya';
        parentId: string | null;
        ancestorIds: Array<string>;
        order: number;
        active: boolean;
      };
    };
  };
  '/api/admin/units/{id}': {
    /** Mengubah, memindahkan atau menonaktifkan unit kerja */
    patch: {
      params: { id: string };
      query: void;
      body: {
        code?: string;
        name?: string;
        kind?: 'setda' | 'asisten' | 'biro' | 'bagian' | 'lainnya';
        parentId?: string | null;
        order?: number;
        active?: boolean;
      };
      multipart: void;
      response: {
        id: string;
        code: string;
        name: string;
        kind: 'setda' | 'asisten' | 'biro' | 'bagian' | 'lainnya';
        parentId: string | null;
        ancestorIds: Array<string>;
        order: number;
        active: boolean;
      };
    };
  };
  '/api/admin/users': {
    /** Daftar pengguna (cari nama, nama pengguna atau NIP) */
    get: {
      params: void;
      query: {
        q?: string;
        role?: 'admin' | 'agendaris' | 'pejabat' | 'arsiparis';
        active?: 'true' | 'false';
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          username: string;
          name: string;
          nip: string | null;
          nik: string | null;
          email: string | null;
          phone: string | null;
          rank: string | null;
          grade: string | null;
          roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
          clearance: 'B' | 'T' | 'R' | 'SR';
          active: boolean;
          passwordSet: boolean;
          demoPassword: boolean;
          createdAt: string | null;
          assignments: Array<{
            id: string;
            userId: string;
            userName: string | null;
            positionId: string;
            positionTitle: string | null;
            unitName: string | null;
            acting: boolean;
            actingKind: 'plt' | 'plh' | null;
            startsAt: string;
            endsAt: string | null;
            note: string | null;
            status: 'current' | 'upcoming' | 'past';
          }>;
        }>;
        total: number;
        page: number;
        pageSize: number;
      };
    };
    /** Membuat pengguna (opsional: kata sandi awal dan jabatan) */
    post: {
      params: void;
      query: void;
      body: {
        username: string;
        name: string;
        nip?: string | null;
        nik?: (unknown & unknown) | null;
        email?: string | null;
        phone?: string | null;
        rank?: string | null;
        grade?: string | null;
        roles?: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
        clearance?: 'B' | 'T' | 'R' | 'SR';
        password?: string;
        positionId?: string | null;
      };
      multipart: void;
      response: {
        id: string;
        username: string;
        name: string;
        nip: string | null;
        nik: string | null;
        email: string | null;
        phone: string | null;
        rank: string | null;
        grade: string | null;
        roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
        clearance: 'B' | 'T' | 'R' | 'SR';
        active: boolean;
        passwordSet: boolean;
        demoPassword: boolean;
        createdAt: string | null;
        assignments: Array<{
          id: string;
          userId: string;
          userName: string | null;
          positionId: string;
          positionTitle: string | null;
          unitName: string | null;
          acting: boolean;
          actingKind: 'plt' | 'plh' | null;
          startsAt: string;
          endsAt: string | null;
          note: string | null;
          status: 'current' | 'upcoming' | 'past';
        }>;
      };
    };
  };
  '/api/admin/users/{id}': {
    /** Satu pengguna dengan penugasannya yang berlaku */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        username: string;
        name: string;
        nip: string | null;
        nik: string | null;
        email: string | null;
        phone: string | null;
        rank: string | null;
        grade: string | null;
        roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
        clearance: 'B' | 'T' | 'R' | 'SR';
        active: boolean;
        passwordSet: boolean;
        demoPassword: boolean;
        createdAt: string | null;
        assignments: Array<{
          id: string;
          userId: string;
          userName: string | null;
          positionId: string;
          positionTitle: string | null;
          unitName: string | null;
          acting: boolean;
          actingKind: 'plt' | 'plh' | null;
          startsAt: string;
          endsAt: string | null;
          note: string | null;
          status: 'current' | 'upcoming' | 'past';
        }>;
      };
    };
    /** Mengubah pengguna; active=false menonaktifkan dan mengakhiri semua sesi dan token */
    patch: {
      params: { id: string };
      query: void;
      body: {
        name?: string;
        nip?: string | null;
        nik?: (unknown & unknown) | null;
        email?: string | null;
        phone?: string | null;
        rank?: string | null;
        grade?: string | null;
        roles?: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
        clearance?: 'B' | 'T' | 'R' | 'SR';
        positionId?: string | null;
        active?: boolean;
      };
      multipart: void;
      response: {
        id: string;
        username: string;
        name: string;
        nip: string | null;
        nik: string | null;
        email: string | null;
        phone: string | null;
        rank: string | null;
        grade: string | null;
        roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
        clearance: 'B' | 'T' | 'R' | 'SR';
        active: boolean;
        passwordSet: boolean;
        demoPassword: boolean;
        createdAt: string | null;
        assignments: Array<{
          id: string;
          userId: string;
          userName: string | null;
          positionId: string;
          positionTitle: string | null;
          unitName: string | null;
          acting: boolean;
          actingKind: 'plt' | 'plh' | null;
          startsAt: string;
          endsAt: string | null;
          note: string | null;
          status: 'current' | 'upcoming' | 'past';
        }>;
      };
    };
  };
  '/api/admin/users/{id}/password': {
    /** Menetapkan kata sandi baru untuk pengguna; sesi pengguna itu berakhir */
    post: {
      params: { id: string };
      query: void;
      body: { password: string };
      multipart: void;
      response: void;
    };
  };
  '/api/agenda': {
    /** Agenda pimpinan: entri satu jabatan (positionId) atau pimpinan bersama (scope=leadership) dalam rentang tanggal (paling lama 42 hari) */
    get: {
      params: void;
      query: { positionId?: string; scope?: 'position' | 'leadership'; from: string; to: string };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          title: string;
          start: string;
          end: string;
          endOpen: boolean;
          timeZone: 'WIB' | 'WITA' | 'WIT';
          place: string;
          onlineLink: string;
          dressCode: string;
          notes: string;
          positionId: string;
          positionTitle: string;
          letterId: string | null;
          letterLabel: string;
          letterType: 'incoming' | 'outgoing';
          status: 'pending' | 'accepted' | 'declined' | 'delegated';
          delegatedTo: { positionId: string; positionTitle: string; entryId: string } | null;
          representing: { positionId: string; positionTitle: string; entryId: string } | null;
          dispositionId: string | null;
          remindBefore: Array<number> | null;
          clash: boolean;
          mayDecide: boolean;
          mayDelegate: boolean;
          letterReady: boolean;
        }>;
        positions: Array<{ id: string; title: string }>;
      };
    };
  };
  '/api/agenda/agenda.pdf': {
    /** Agenda harian atau mingguan satu jabatan (PDF untuk ditempel) */
    get: {
      params: void;
      query: { positionId: string; period?: 'day' | 'week'; date: string };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/agenda/feed/{file}': {
    /** Kalender iCalendar (RFC 5545) satu jabatan dari token pribadi `<token>.ics`; tanpa sesi */
    get: {
      params: { file: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/agenda/feeds': {
    /** Tautan kalender (iCalendar) aktif milik jabatan */
    get: {
      params: void;
      query: { positionId: string };
      body: void;
      multipart: void;
      response: {
        items: Array<{ id: string; positionId: string; createdAt: string; revoked: boolean }>;
      };
    };
    /** Membuat tautan kalender pribadi (token ditampilkan sekali) */
    post: {
      params: void;
      query: void;
      body: { positionId: string };
      multipart: void;
      response: {
        id: string;
        positionId: string;
        createdAt: string;
        revoked: boolean;
        token: string;
        url: string;
      };
    };
  };
  '/api/agenda/feeds/{id}': {
    /** Mencabut tautan kalender (tautan lama menjawab 404) */
    delete: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/agenda/keepers': {
    /** Staf penyimpan agenda pejabat */
    get: {
      params: void;
      query: { positionId?: string };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          positionId: string;
          positionTitle: string;
          keeperPositionId: string;
          keeperPositionTitle: string;
        }>;
      };
    };
    /** Menetapkan staf penyimpan agenda pejabat */
    post: {
      params: void;
      query: void;
      body: { positionId: string; keeperPositionId: string };
      multipart: void;
      response: {
        id: string;
        positionId: string;
        positionTitle: string;
        keeperPositionId: string;
        keeperPositionTitle: string;
      };
    };
  };
  '/api/agenda/keepers/{id}': {
    /** Mencabut penetapan staf penyimpan agenda */
    delete: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/agenda/positions': {
    /** Jabatan yang agendanya dapat dibuka pengguna (sendiri, Plt/Plh, dan yang disimpan) */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: { items: Array<{ id: string; title: string; kept: boolean }> };
    };
  };
  '/api/agenda/reminders': {
    /** Waktu pengingat bawaan agenda satu jabatan (menit sebelum acara) */
    get: {
      params: void;
      query: { positionId: string };
      body: void;
      multipart: void;
      response: {
        positionId: string;
        remindBefore: Array<number>;
        isDefault: boolean;
        options: Array<number>;
        maxReminders: number;
      };
    };
    /** Menetapkan waktu pengingat bawaan agenda satu jabatan (paling banyak tiga; kosong berarti tanpa pengingat) */
    put: {
      params: void;
      query: void;
      body: { positionId: string; remindBefore: Array<number> };
      multipart: void;
      response: {
        positionId: string;
        remindBefore: Array<number>;
        isDefault: boolean;
        options: Array<number>;
        maxReminders: number;
      };
    };
  };
  '/api/agenda/{id}': {
    /** Satu entri agenda */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        title: string;
        start: string;
        end: string;
        endOpen: boolean;
        timeZone: 'WIB' | 'WITA' | 'WIT';
        place: string;
        onlineLink: string;
        dressCode: string;
        notes: string;
        positionId: string;
        positionTitle: string;
        letterId: string | null;
        letterLabel: string;
        letterType: 'incoming' | 'outgoing';
        status: 'pending' | 'accepted' | 'declined' | 'delegated';
        delegatedTo: { positionId: string; positionTitle: string; entryId: string } | null;
        representing: { positionId: string; positionTitle: string; entryId: string } | null;
        dispositionId: string | null;
        remindBefore: Array<number> | null;
        clash: boolean;
        mayDecide: boolean;
        mayDelegate: boolean;
        letterReady: boolean;
      };
    };
  };
  '/api/agenda/{id}/decision': {
    /** Menerima atau menolak undangan */
    post: {
      params: { id: string };
      query: void;
      body: { decision: 'accepted' | 'declined' };
      multipart: void;
      response: {
        id: string;
        title: string;
        start: string;
        end: string;
        endOpen: boolean;
        timeZone: 'WIB' | 'WITA' | 'WIT';
        place: string;
        onlineLink: string;
        dressCode: string;
        notes: string;
        positionId: string;
        positionTitle: string;
        letterId: string | null;
        letterLabel: string;
        letterType: 'incoming' | 'outgoing';
        status: 'pending' | 'accepted' | 'declined' | 'delegated';
        delegatedTo: { positionId: string; positionTitle: string; entryId: string } | null;
        representing: { positionId: string; positionTitle: string; entryId: string } | null;
        dispositionId: string | null;
        remindBefore: Array<number> | null;
        clash: boolean;
        mayDecide: boolean;
        mayDelegate: boolean;
        letterReady: boolean;
      };
    };
  };
  '/api/agenda/{id}/delegate': {
    /** Mewakilkan undangan (disposisi "Hadiri/Wakili" ke jabatan wakil) */
    post: {
      params: { id: string };
      query: void;
      body: { positionId: string; note?: string };
      multipart: void;
      response: {
        id: string;
        title: string;
        start: string;
        end: string;
        endOpen: boolean;
        timeZone: 'WIB' | 'WITA' | 'WIT';
        place: string;
        onlineLink: string;
        dressCode: string;
        notes: string;
        positionId: string;
        positionTitle: string;
        letterId: string | null;
        letterLabel: string;
        letterType: 'incoming' | 'outgoing';
        status: 'pending' | 'accepted' | 'declined' | 'delegated';
        delegatedTo: { positionId: string; positionTitle: string; entryId: string } | null;
        representing: { positionId: string; positionTitle: string; entryId: string } | null;
        dispositionId: string | null;
        remindBefore: Array<number> | null;
        clash: boolean;
        mayDecide: boolean;
        mayDelegate: boolean;
        letterReady: boolean;
        delegateEntryId: string;
      };
    };
  };
  '/api/agenda/{id}/reminders': {
    /** Waktu pengingat satu entri agenda (null: kembali ke bawaan jabatan; kosong: tanpa pengingat) */
    put: {
      params: { id: string };
      query: void;
      body: { remindBefore: Array<number> | null };
      multipart: void;
      response: {
        id: string;
        title: string;
        start: string;
        end: string;
        endOpen: boolean;
        timeZone: 'WIB' | 'WITA' | 'WIT';
        place: string;
        onlineLink: string;
        dressCode: string;
        notes: string;
        positionId: string;
        positionTitle: string;
        letterId: string | null;
        letterLabel: string;
        letterType: 'incoming' | 'outgoing';
        status: 'pending' | 'accepted' | 'declined' | 'delegated';
        delegatedTo: { positionId: string; positionTitle: string; entryId: string } | null;
        representing: { positionId: string; positionTitle: string; entryId: string } | null;
        dispositionId: string | null;
        remindBefore: Array<number> | null;
        clash: boolean;
        mayDecide: boolean;
        mayDelegate: boolean;
        letterReady: boolean;
      };
    };
  };
  '/api/archive/approver-positions': {
    /** Jabatan yang dapat dipilih sebagai penyetuju */
    get: {
      params: void;
      query: { q?: string };
      body: void;
      multipart: void;
      response: Schemas['ApproverPositions'];
    };
  };
  '/api/archive/berkas': {
    /** Daftar berkas (arsiparis: semua unit; pejabat: unit kerjanya) */
    get: {
      params: void;
      query: {
        status?: 'open' | 'closed' | 'inactive' | 'disposed' | 'handed_over' | 'active';
        unitId?: string;
        code?: string;
        year?: number;
        q?: string;
        hold?: 'true' | 'false';
        boxId?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['BerkasList'];
    };
    /** Buat berkas baru (nomor berkas per unit per tahun tanpa celah) */
    post: {
      params: void;
      query: void;
      body: {
        unitId?: string;
        classificationCode: string;
        title: string;
        description?: string;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        media?: 'kertas' | 'elektronik' | 'campuran';
      };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/berkas/export': {
    /** Daftar berkas sebagai PDF atau .xlsx */
    get: {
      params: void;
      query: {
        format?: 'pdf' | 'xlsx';
        unitId?: string;
        year?: number;
        status?: 'open' | 'closed' | 'inactive' | 'disposed' | 'handed_over' | 'active';
      };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/archive/berkas/{id}': {
    /** Satu berkas dengan isinya (surat, disposisi, laporan) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['BerkasDetail'];
    };
    /** Ubah uraian, keterangan, media; kode dan klasifikasi selama terbuka */
    patch: {
      params: { id: string };
      query: void;
      body: {
        classificationCode?: string;
        title?: string;
        description?: string;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        media?: 'kertas' | 'elektronik' | 'campuran';
      };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/berkas/{id}/close': {
    /** Tutup berkas: jam retensi mulai berjalan pada tanggal penutupan */
    post: {
      params: { id: string };
      query: void;
      body: { closedOn?: string };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/berkas/{id}/contents': {
    /** Daftar isi berkas sebagai PDF atau .xlsx */
    get: {
      params: { id: string };
      query: { format?: 'pdf' | 'xlsx' };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/archive/berkas/{id}/hold': {
    /** Tahan berkas (legal hold): tidak dapat dimusnahkan atau diserahkan */
    post: {
      params: { id: string };
      query: void;
      body: { reason: string };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/berkas/{id}/items': {
    /** Masukkan surat ke berkas (per surat: masuk atau ditolak dengan alasan) */
    post: {
      params: { id: string };
      query: void;
      body: { letters: Array<{ type: 'incoming' | 'outgoing' | 'imported'; id: string }> };
      multipart: void;
      response: Schemas['FileOutcome'];
    };
  };
  '/api/archive/berkas/{id}/items/{itemId}': {
    /** Keluarkan surat dari berkas yang masih terbuka */
    delete: {
      params: { id: string; itemId: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/archive/berkas/{id}/location': {
    /** Lokasi fisik berkas: boks dan map */
    put: {
      params: { id: string };
      query: void;
      body: { boxId: string | null; folder?: string | null };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/berkas/{id}/reappraise': {
    /** Penilaian kembali berkas berketerangan Dinilai Kembali */
    post: {
      params: { id: string };
      query: void;
      body: { decision: 'musnah' | 'permanen'; note: string };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/berkas/{id}/release': {
    /** Cabut penahanan (legal hold) */
    post: {
      params: { id: string };
      query: void;
      body: { reason: string };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/berkas/{id}/reopen': {
    /** Buka kembali berkas tertutup (arsiparis) */
    post: {
      params: { id: string };
      query: void;
      body: { reason: string };
      multipart: void;
      response: Schemas['Berkas'];
    };
  };
  '/api/archive/boxes': {
    /** Boks arsip dan lokasinya */
    get: {
      params: void;
      query: { q?: string; includeInactive?: 'true' | 'false'; page?: number; pageSize?: number };
      body: void;
      multipart: void;
      response: Schemas['BoxList'];
    };
    /** Tambah boks (kode otomatis bila kosong) */
    post: {
      params: void;
      query: void;
      body: {
        code?: string;
        building: string;
        room: string;
        cabinet?: string;
        shelf?: string;
        holder?: 'unit' | 'pusat';
        unitName?: string;
        notes?: string;
      };
      multipart: void;
      response: Schemas['Box'];
    };
  };
  '/api/archive/boxes/{id}': {
    /** Ubah lokasi atau nonaktifkan boks */
    patch: {
      params: { id: string };
      query: void;
      body: {
        building?: string;
        room?: string;
        cabinet?: string;
        shelf?: string;
        holder?: 'unit' | 'pusat';
        unitName?: string;
        notes?: string;
        active?: boolean;
      };
      multipart: void;
      response: Schemas['Box'];
    };
  };
  '/api/archive/boxes/{id}/label.pdf': {
    /** Label boks dan daftar isinya (PDF) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/archive/classification-codes': {
    /** Tambah kode klasifikasi (skema 2022 atau skema lama dengan padanan) */
    post: {
      params: void;
      query: void;
      body: { code: string; title: string; scheme?: '2022' | 'legacy'; mapsTo?: Array<string> };
      multipart: void;
      response: Schemas['ArchiveClassificationCode'];
    };
  };
  '/api/archive/classification-codes/{code}': {
    /** Ubah uraian, status aktif, atau padanan kode klasifikasi */
    patch: {
      params: { code: string };
      query: void;
      body: { title?: string; active?: boolean; mapsTo?: Array<string> };
      multipart: void;
      response: Schemas['ArchiveClassificationCode'];
    };
  };
  '/api/archive/dashboard': {
    /** Dasbor retensi: jatuh tempo pemindahan, pemusnahan, penyerahan, legal hold; per unit */
    get: {
      params: void;
      query: { asOf?: string; unitId?: string };
      body: void;
      multipart: void;
      response: Schemas['ArchiveDashboard'];
    };
  };
  '/api/archive/due': {
    /** Berkas jatuh tempo menurut kategori (per tanggal `asOf`) */
    get: {
      params: void;
      query: {
        category: 'transfer' | 'disposal' | 'handover' | 'reappraisal' | 'hold' | 'open';
        asOf?: string;
        unitId?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['DueBerkasList'];
    };
  };
  '/api/archive/loans': {
    /** Peminjaman arsip (dipinjam, dikembalikan, terlambat) */
    get: {
      params: void;
      query: {
        status?: 'out' | 'returned' | 'overdue';
        q?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['LoanList'];
    };
    /** Catat peminjaman berkas */
    post: {
      params: void;
      query: void;
      body: {
        berkasIds: Array<string>;
        borrowerName: string;
        borrowerNip?: string;
        borrowerUnit?: string;
        borrowerPhone?: string;
        borrowerUserId?: string;
        purpose: string;
        outDate?: string;
        dueDate: string;
      };
      multipart: void;
      response: Schemas['Loan'];
    };
  };
  '/api/archive/loans/{id}': {
    /** Satu peminjaman */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['Loan'];
    };
  };
  '/api/archive/loans/{id}/receipt.pdf': {
    /** Bukti peminjaman (PDF) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/archive/loans/{id}/return': {
    /** Catat pengembalian */
    post: {
      params: { id: string };
      query: void;
      body: { returnedOn?: string; note?: string };
      multipart: void;
      response: Schemas['Loan'];
    };
  };
  '/api/archive/proposals': {
    /** Usulan pemindahan, pemusnahan, penyerahan */
    get: {
      params: void;
      query: {
        kind?: 'transfer' | 'disposal' | 'handover';
        status?: 'proposed' | 'approved' | 'rejected' | 'cancelled' | 'executing' | 'executed';
        awaitingMe?: 'true' | 'false';
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['ArchiveProposalList'];
    };
    /** Ajukan usulan (berkas harus jatuh tempo, bebas legal hold dan pinjaman) */
    post: {
      params: void;
      query: void;
      body: {
        kind: 'transfer' | 'disposal' | 'handover';
        berkasIds: Array<string>;
        note?: string;
        destinationBoxId?: string;
      };
      multipart: void;
      response: Schemas['ArchiveProposal'];
    };
  };
  '/api/archive/proposals/{id}': {
    /** Satu usulan */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ArchiveProposal'];
    };
  };
  '/api/archive/proposals/{id}/cancel': {
    /** Batalkan usulan yang belum dilaksanakan */
    post: {
      params: { id: string };
      query: void;
      body: { reason: string };
      multipart: void;
      response: Schemas['ArchiveProposal'];
    };
  };
  '/api/archive/proposals/{id}/decision': {
    /** Setujui atau tolak (pejabat penyetuju yang sedang ditunggu) */
    post: {
      params: { id: string };
      query: void;
      body: { decision: 'approve' | 'reject'; note?: string };
      multipart: void;
      response: Schemas['ArchiveProposal'];
    };
  };
  '/api/archive/proposals/{id}/documents/{doc}': {
    /** Berita acara, daftar arsip (PDF) atau paket penyerahan (zip) */
    get: {
      params: { id: string; doc: 'berita-acara' | 'daftar' | 'paket' };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/archive/proposals/{id}/execute': {
    /** Laksanakan usulan yang disetujui; menghasilkan berita acara dan daftar */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ArchiveProposal'];
    };
  };
  '/api/archive/retention': {
    /** Kode klasifikasi dengan jadwal retensi (JRA) miliknya dan yang berlaku (warisan) */
    get: {
      params: void;
      query: { q?: string; scheme?: '2022' | 'legacy'; page?: number; pageSize?: number };
      body: void;
      multipart: void;
      response: Schemas['Instruments'];
    };
  };
  '/api/archive/retention/{code}': {
    /** Retensi yang berlaku untuk satu kode */
    get: {
      params: { code: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['EffectiveRetention'];
    };
    /** Tetapkan retensi khusus kode ini (menimpa warisan induknya) */
    put: {
      params: { code: string };
      query: void;
      body: {
        activeYears: number;
        inactiveYears: number;
        finalDisposition: 'musnah' | 'permanen' | 'dinilai_kembali';
        note?: string;
      };
      multipart: void;
      response: Schemas['RetentionChange'];
    };
    /** Hapus retensi khusus: kode kembali mewarisi induknya */
    delete: {
      params: { code: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['RetentionChange'];
    };
  };
  '/api/archive/settings': {
    /** Pengaturan arsip: pejabat penyetuju dan nama penerima */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ArchiveSettings'];
    };
    /** Ubah pejabat penyetuju pemindahan, pemusnahan, dan penyerahan */
    put: {
      params: void;
      query: void;
      body: {
        transferApprovers?: Array<string>;
        disposalApprovers?: Array<string>;
        handoverApprovers?: Array<string>;
        recordsCentreName?: string;
        archiveInstitutionName?: string;
      };
      multipart: void;
      response: Schemas['ArchiveSettings'];
    };
  };
  '/api/archive/unfiled': {
    /** Surat yang belum diberkaskan (per jenis dan tahun) */
    get: {
      params: void;
      query: {
        type?: 'incoming' | 'outgoing' | 'imported';
        year: number;
        code?: string;
        q?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['UnfiledLetters'];
    };
  };
  '/api/audit/records/{recordType}/{recordId}': {
    /** Riwayat satu data (urut waktu), bagi yang berhak melihat data itu */
    get: {
      params: { recordType: string; recordId: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          seq: number;
          at: string;
          actor: {
            userId: string | null;
            username: string;
            name: string;
            positionId: string | null;
            positionTitle: string | null;
            acting: boolean;
            via: string;
          };
          sentence: string;
          action: string;
          recordType: string;
          recordId: string;
          letterId: string | null;
          changes: Array<{ field: string; before: unknown; after: unknown }>;
          ip: string | null;
          hash: string;
        }>;
      };
    };
  };
  '/api/auth/login': {
    /** Masuk dengan nama pengguna dan kata sandi; membuka sesi (cookie lontar_session) */
    post: {
      params: void;
      query: void;
      body: { username: string; password: string };
      multipart: void;
      response: {
        user: {
          id: string;
          username: string;
          name: string;
          nip: string | null;
          nik: string | null;
          email: string | null;
          phone: string | null;
          rank: string | null;
          grade: string | null;
          roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
          clearance: 'B' | 'T' | 'R' | 'SR';
          positions: Array<{
            id: string;
            key: string;
            title: string;
            displayTitle: string;
            kind: string;
            unitId: string;
            unitCode: string;
            unitName: string;
            acting: boolean;
            actingKind: 'plt' | 'plh' | null;
          }>;
          demoPassword: boolean;
        };
        csrfToken: string | null;
        session?: {
          via: 'session' | 'token';
          idleExpiresAt: string | null;
          expiresAt: string | null;
        };
      };
    };
  };
  '/api/auth/logout': {
    /** Keluar: mengakhiri sesi ini */
    post: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/auth/me': {
    /** Pengguna yang sedang masuk, jabatannya hari ini (termasuk Plt/Plh) dan token CSRF */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        user: {
          id: string;
          username: string;
          name: string;
          nip: string | null;
          nik: string | null;
          email: string | null;
          phone: string | null;
          rank: string | null;
          grade: string | null;
          roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
          clearance: 'B' | 'T' | 'R' | 'SR';
          positions: Array<{
            id: string;
            key: string;
            title: string;
            displayTitle: string;
            kind: string;
            unitId: string;
            unitCode: string;
            unitName: string;
            acting: boolean;
            actingKind: 'plt' | 'plh' | null;
          }>;
          demoPassword: boolean;
        };
        csrfToken: string | null;
        session?: {
          via: 'session' | 'token';
          idleExpiresAt: string | null;
          expiresAt: string | null;
        };
      };
    };
    /** Mengubah data kontak sendiri (e-mail, telepon) */
    patch: {
      params: void;
      query: void;
      body: { email?: string | null; phone?: string | null };
      multipart: void;
      response: {
        user: {
          id: string;
          username: string;
          name: string;
          nip: string | null;
          nik: string | null;
          email: string | null;
          phone: string | null;
          rank: string | null;
          grade: string | null;
          roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
          clearance: 'B' | 'T' | 'R' | 'SR';
          positions: Array<{
            id: string;
            key: string;
            title: string;
            displayTitle: string;
            kind: string;
            unitId: string;
            unitCode: string;
            unitName: string;
            acting: boolean;
            actingKind: 'plt' | 'plh' | null;
          }>;
          demoPassword: boolean;
        };
        csrfToken: string | null;
        session?: {
          via: 'session' | 'token';
          idleExpiresAt: string | null;
          expiresAt: string | null;
        };
      };
    };
  };
  '/api/auth/password': {
    /** Mengganti kata sandi sendiri; sesi lain berakhir, sesi ini diganti yang baru */
    post: {
      params: void;
      query: void;
      body: { currentPassword: string; newPassword: string };
      multipart: void;
      response: {
        user: {
          id: string;
          username: string;
          name: string;
          nip: string | null;
          nik: string | null;
          email: string | null;
          phone: string | null;
          rank: string | null;
          grade: string | null;
          roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
          clearance: 'B' | 'T' | 'R' | 'SR';
          positions: Array<{
            id: string;
            key: string;
            title: string;
            displayTitle: string;
            kind: string;
            unitId: string;
            unitCode: string;
            unitName: string;
            acting: boolean;
            actingKind: 'plt' | 'plh' | null;
          }>;
          demoPassword: boolean;
        };
        csrfToken: string | null;
        session?: {
          via: 'session' | 'token';
          idleExpiresAt: string | null;
          expiresAt: string | null;
        };
      };
    };
  };
  '/api/auth/pin': {
    /** Apakah pengguna sudah memasang PIN tanda tangan */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: { hasPin: boolean; setAt: string | null };
    };
    /** Memasang, mengganti (pin) atau menghapus (pin: null) PIN tanda tangan; perlu kata sandi saat ini */
    put: {
      params: void;
      query: void;
      body: { currentPassword: string; pin: string | null };
      multipart: void;
      response: { hasPin: boolean; setAt: string | null };
    };
  };
  '/api/auth/session': {
    /** Sesi peramban ini bila ada (seperti /api/auth/me), atau current: null bila belum masuk; selalu 200 */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        current: {
          user: {
            id: string;
            username: string;
            name: string;
            nip: string | null;
            nik: string | null;
            email: string | null;
            phone: string | null;
            rank: string | null;
            grade: string | null;
            roles: Array<'admin' | 'agendaris' | 'pejabat' | 'arsiparis'>;
            clearance: 'B' | 'T' | 'R' | 'SR';
            positions: Array<{
              id: string;
              key: string;
              title: string;
              displayTitle: string;
              kind: string;
              unitId: string;
              unitCode: string;
              unitName: string;
              acting: boolean;
              actingKind: 'plt' | 'plh' | null;
            }>;
            demoPassword: boolean;
          };
          csrfToken: string | null;
          session?: {
            via: 'session' | 'token';
            idleExpiresAt: string | null;
            expiresAt: string | null;
          };
        } | null;
      };
    };
  };
  '/api/auth/tokens': {
    /** Token API milik sendiri (admin: milik pengguna lain dengan ?userId=) */
    get: {
      params: void;
      query: { userId?: string };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          userId: string;
          name: string;
          prefix: string;
          createdAt: string;
          expiresAt: string | null;
          lastUsedAt: string | null;
          revokedAt: string | null;
          active: boolean;
        }>;
      };
    };
    /** Membuat token API; rahasianya hanya ditampilkan sekali */
    post: {
      params: void;
      query: void;
      body: { name: string; expiresAt?: string | null; userId?: string };
      multipart: void;
      response: {
        token: {
          id: string;
          userId: string;
          name: string;
          prefix: string;
          createdAt: string;
          expiresAt: string | null;
          lastUsedAt: string | null;
          revokedAt: string | null;
          active: boolean;
        };
        secret: string;
      };
    };
  };
  '/api/auth/tokens/{id}': {
    /** Mencabut token API (pemilik atau admin) */
    delete: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        userId: string;
        name: string;
        prefix: string;
        createdAt: string;
        expiresAt: string | null;
        lastUsedAt: string | null;
        revokedAt: string | null;
        active: boolean;
      };
    };
  };
  '/api/calendar/holidays': {
    /** Kalender hari libur nasional dan cuti bersama satu tahun */
    get: {
      params: void;
      query: { year: number };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          date: string;
          name: string;
          kind: 'libur_nasional' | 'cuti_bersama' | 'libur_daerah';
          estimated: boolean;
          source: 'seed' | 'admin';
        }>;
      };
    };
    /** Menambah hari libur */
    post: {
      params: void;
      query: void;
      body: {
        date: string;
        name: string;
        kind: 'libur_nasional' | 'cuti_bersama' | 'libur_daerah';
      };
      multipart: void;
      response: {
        date: string;
        name: string;
        kind: 'libur_nasional' | 'cuti_bersama' | 'libur_daerah';
        estimated: boolean;
        source: 'seed' | 'admin';
      };
    };
  };
  '/api/calendar/holidays/{date}': {
    /** Mengubah hari libur (sekaligus mengonfirmasi tanggal perkiraan) */
    patch: {
      params: { date: string };
      query: void;
      body: { name?: string; kind?: 'libur_nasional' | 'cuti_bersama' | 'libur_daerah' };
      multipart: void;
      response: {
        date: string;
        name: string;
        kind: 'libur_nasional' | 'cuti_bersama' | 'libur_daerah';
        estimated: boolean;
        source: 'seed' | 'admin';
      };
    };
    /** Menghapus hari libur */
    delete: {
      params: { date: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/classification-codes': {
    /** Cari kode klasifikasi arsip (awal kode atau kata dalam uraian) */
    get: {
      params: void;
      query: { q?: string; limit?: number };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          code: string;
          title: string;
          scheme: '2022' | 'legacy';
          parentCode: string | null;
          level: number;
          mapsTo: Array<string>;
        }>;
      };
    };
  };
  '/api/classification-suggestions': {
    /** Usulan kode klasifikasi untuk surat yang didaftarkan (dari pilihan petugas sebelumnya atas pengirim dan kata pada hal) */
    get: {
      params: void;
      query: { senderName?: string; subject?: string; letterNumber?: string };
      body: void;
      multipart: void;
      response: { items: Array<Schemas['ClassificationSuggestion']> };
    };
  };
  '/api/disposition-routing-rules': {
    /** Perluasan tujuan disposisi per unit (misalnya koordinasi lintas biro) */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        items: Array<{ unitId: string; targetUnitIds: Array<string>; note: string | null }>;
      };
    };
  };
  '/api/disposition-routing-rules/{unitId}': {
    /** Menetapkan unit tujuan tambahan bagi jabatan di unit ini (kosong = hanya ke bawah) */
    put: {
      params: { unitId: string };
      query: void;
      body: { targetUnitIds: Array<string>; note?: string | null };
      multipart: void;
      response: {
        rule: { unitId: string; targetUnitIds: Array<string>; note: string | null } | null;
      };
    };
  };
  '/api/dispositions/awaiting': {
    /** Surat masuk untuk jabatan ini yang menunggu disposisi: paling mendesak dulu, dengan saringan */
    get: {
      params: void;
      query: {
        positionId?: string;
        sort?: 'priority' | 'newest' | 'agenda';
        urgency?: string;
        sender?: string;
        classificationCode?: string;
        q?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          agendaNumber: number | null;
          letterNumber: string;
          subject: string;
          senderName: string;
          letterDate: string;
          receivedDate: string;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          securityClass: 'B' | 'T' | 'R' | 'SR';
          status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
          addresseePositionId: string;
          source: 'letter' | 'meeting';
          unread: boolean;
          register: string;
          agendaYear: number;
          classificationCode: string;
          registeredAt: string | null;
          dueDate: string;
          overdue: boolean;
        }>;
        total: number;
        totalExact: boolean;
        page: number;
        pageSize: number;
        positionId: string;
        sort: 'priority' | 'newest' | 'agenda';
        byUrgency: { sangat_segera: number; segera: number; biasa: number };
        unfilteredTotal: number;
      };
    };
  };
  '/api/dispositions/counters': {
    /** Penghitung dasbor untuk setiap jabatan yang dipegang (termasuk Plt/Plh) */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        positions: Array<{
          positionId: string;
          title: string;
          acting: boolean;
          counters: {
            awaitingDisposition: number;
            unreadLetters: number;
            unreadDispositions: number;
            notFollowedUp: number;
            inProgress: number;
            overdue: number;
            done: number;
            tembusan: number;
          };
        }>;
      };
    };
  };
  '/api/dispositions/due-date': {
    /** Batas waktu bawaan: hari kerja sifatnya, atau untuk penerusan batas waktu disposisi induk */
    get: {
      params: void;
      query: { urgency: 'biasa' | 'segera' | 'sangat_segera'; parentId?: string };
      body: void;
      multipart: void;
      response: { dueDate: string; workingDays: number | null; latest: string | null };
    };
  };
  '/api/dispositions/inbox': {
    /** Kotak disposisi satu jabatan (termasuk jabatan Plt/Plh) dengan penghitung */
    get: {
      params: void;
      query: {
        positionId?: string;
        status?:
          | 'all'
          | 'unread'
          | 'not_followed_up'
          | 'in_progress'
          | 'overdue'
          | 'done'
          | 'sent'
          | 'closed';
        sort?: 'priority' | 'deadline' | 'newest';
        q?: string;
        urgency?: string;
        sender?: string;
        classificationCode?: string;
        dispositionStatus?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
          letter: {
            id: string;
            agendaNumber: number | null;
            letterNumber: string;
            subject: string;
            senderName: string;
            letterDate: string;
            receivedDate: string;
            urgency: 'biasa' | 'segera' | 'sangat_segera';
            securityClass: 'B' | 'T' | 'R' | 'SR';
            status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
            addresseePositionId: string;
            source: 'letter' | 'meeting';
          } | null;
        }>;
        total: number;
        totalExact: boolean;
        sort: 'priority' | 'deadline' | 'newest';
        page: number;
        pageSize: number;
        positionId: string;
        counters: {
          awaitingDisposition: number;
          unreadLetters: number;
          unreadDispositions: number;
          notFollowedUp: number;
          inProgress: number;
          overdue: number;
          done: number;
          tembusan: number;
        };
      };
    };
  };
  '/api/dispositions/recipients': {
    /** Jabatan yang dapat menerima disposisi dari jabatan ini */
    get: {
      params: void;
      query: { positionId: string };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          positionId: string;
          title: string;
          kind: string;
          unitId: string;
          unitName: string;
          direct: boolean;
          widened: boolean;
        }>;
      };
    };
  };
  '/api/dispositions/settings': {
    /** Daftar instruksi disposisi dan batas waktu bawaan per sifat (hari kerja) */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        instructions: Array<string>;
        dueWorkingDays: { biasa: number; segera: number; sangat_segera: number };
      };
    };
    /** Mengubah daftar instruksi dan batas waktu bawaan */
    put: {
      params: void;
      query: void;
      body: {
        instructions: Array<string>;
        dueWorkingDays: { biasa: number; segera: number; sangat_segera: number };
      };
      multipart: void;
      response: {
        instructions: Array<string>;
        dueWorkingDays: { biasa: number; segera: number; sangat_segera: number };
      };
    };
  };
  '/api/dispositions/{id}': {
    /** Satu disposisi; penerimanya membuka = menandai dibaca */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        disposition: {
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        };
        letter: {
          id: string;
          agendaNumber: number | null;
          letterNumber: string;
          subject: string;
          senderName: string;
          letterDate: string;
          receivedDate: string;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          securityClass: 'B' | 'T' | 'R' | 'SR';
          status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
          addresseePositionId: string;
          source: 'letter' | 'meeting';
          files: Array<{
            id: string;
            name: string;
            size: number;
            mimeType: string;
            sha256: string;
            pageCount: number | null;
            ocrStatus: string;
            contentUrl: string;
          }>;
        };
        reports: Array<{
          id: string;
          dispositionId: string;
          author: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            name: string;
            acting: 'plt' | 'plh' | null;
          };
          text: string;
          files: Array<{
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
          }>;
          forwardedReportIds: Array<string>;
          createdAt: string;
        }>;
        childReports: Array<{
          id: string;
          dispositionId: string;
          author: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            name: string;
            acting: 'plt' | 'plh' | null;
          };
          text: string;
          files: Array<{
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
          }>;
          forwardedReportIds: Array<string>;
          createdAt: string;
        }>;
        children: Array<{
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        }>;
        parent: {
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        } | null;
        permissions: {
          canForward: boolean;
          canReport: boolean;
          canComplete: boolean;
          canCancel: boolean;
          canReturn: boolean;
        };
      };
    };
  };
  '/api/dispositions/{id}/cancel': {
    /** Batalkan disposisi yang dikirim (hanya selama belum dibaca) */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        disposition: {
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        };
      };
    };
  };
  '/api/dispositions/{id}/complete': {
    /** Selesaikan disposisi sendiri (perlu laporan sendiri dan semua turunan selesai) */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        disposition: {
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        };
      };
    };
  };
  '/api/dispositions/{id}/forward': {
    /** Teruskan disposisi ke bawah (isi sama dengan membuat disposisi) */
    post: {
      params: { id: string };
      query: void;
      body: {
        recipients: Array<{ positionId: string; role: 'primary' | 'coordinate' }>;
        instructions: Array<string>;
        note?: string | null;
        dueDate?: string | null;
        urgency?: 'biasa' | 'segera' | 'sangat_segera' | null;
      };
      multipart: void;
      response: {
        items: Array<{
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        }>;
      };
    };
  };
  '/api/dispositions/{id}/reports': {
    /** Laporan tindak lanjut: bagian `data` (JSON { text, forwardReportIds? }) dan berkas `files` opsional */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: { data: { text: string; forwardReportIds?: Array<string> }; files: Array<Blob> };
      response: {
        disposition: {
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        };
        report: {
          id: string;
          dispositionId: string;
          author: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            name: string;
            acting: 'plt' | 'plh' | null;
          };
          text: string;
          files: Array<{
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
          }>;
          forwardedReportIds: Array<string>;
          createdAt: string;
        };
      };
    };
  };
  '/api/dispositions/{id}/return': {
    /** Kembalikan disposisi yang salah alamat, dengan alasan */
    post: {
      params: { id: string };
      query: void;
      body: { reason: string };
      multipart: void;
      response: {
        disposition: {
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        };
      };
    };
  };
  '/api/files/{id}': {
    /** Keterangan satu berkas (nama, ukuran, jenis, sha256, jumlah halaman) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        name: string;
        size: number;
        mimeType: string;
        sha256: string;
        pageCount: number | null;
        ocrStatus: string;
        contentUrl: string;
      };
    };
  };
  '/api/files/{id}/content': {
    /** Isi berkas asli (mendukung Range) */
    get: {
      params: { id: string };
      query: { download?: '0' | '1' };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/files/{id}/ocr': {
    /** Status dan hasil OCR satu berkas (per halaman, dengan tanda keyakinan rendah) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        status: 'queued' | 'processing' | 'done' | 'failed';
        progress?: { page: number; pages: number };
        error?: string;
        attempts?: number;
        searchablePdf: boolean;
        pages: Array<{
          number: number;
          text: string;
          confidence: number;
          lowConfidence: boolean;
          source: 'ocr' | 'text-layer';
          corrected: boolean;
        }>;
      };
    };
  };
  '/api/files/{id}/ocr/pages/{n}': {
    /** Koreksi teks satu halaman hasil OCR (langsung diindeks ulang) */
    put: {
      params: { id: string; n: number };
      query: void;
      body: { text: string };
      multipart: void;
      response: {
        number: number;
        text: string;
        confidence: number;
        lowConfidence: boolean;
        source: 'ocr' | 'text-layer';
        corrected: boolean;
      };
    };
  };
  '/api/files/{id}/ocr/retry': {
    /** Ulangi OCR berkas yang gagal */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        status: 'queued' | 'processing' | 'done' | 'failed';
        progress?: { page: number; pages: number };
        error?: string;
        attempts?: number;
        searchablePdf: boolean;
        pages: Array<{
          number: number;
          text: string;
          confidence: number;
          lowConfidence: boolean;
          source: 'ocr' | 'text-layer';
          corrected: boolean;
        }>;
      };
    };
  };
  '/api/files/{id}/pages/{page}': {
    /** Satu halaman berkas sebagai gambar PNG (untuk penampil halaman demi halaman) */
    get: {
      params: { id: string; page: number };
      query: { width?: number };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/files/{id}/searchable.pdf': {
    /** PDF yang dapat dicari (gambar asli + lapisan teks tak terlihat) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/files/{id}/words': {
    /** Letak kata yang dicari pada halaman pindaian (kotak kata hasil OCR, dicocokkan seperti pencarian) */
    get: {
      params: { id: string };
      query: { q: string };
      body: void;
      multipart: void;
      response: Schemas['FileWordHits'];
    };
  };
  '/api/health': {
    /** Status layanan: basis data dan penyimpanan berkas */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        status: 'ok' | 'degraded';
        database: 'ok' | 'unavailable';
        storage: 'ok' | 'unavailable';
        mail: 'ok' | 'disabled';
        version: string;
      };
    };
  };
  '/api/imported-letters/{id}': {
    /** Satu surat lama hasil impor dengan berkas pindaiannya */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ImportedLetter'];
    };
  };
  '/api/imports': {
    /** Daftar impor */
    get: {
      params: void;
      query: { page?: number; pageSize?: number };
      body: void;
      multipart: void;
      response: Schemas['ImportBatchList'];
    };
    /** Unggah zip pindaian lama (+ manifest CSV); uji coba berjalan otomatis */
    post: {
      params: void;
      query: void;
      body: void;
      multipart: Record<string, unknown>;
      response: Schemas['ImportBatch'];
    };
  };
  '/api/imports/folder': {
    /** Impor dari folder di server (folder impor); uji coba berjalan otomatis */
    post: {
      params: void;
      query: void;
      body: { folder: string; name?: string };
      multipart: void;
      response: Schemas['ImportBatch'];
    };
  };
  '/api/imports/folders': {
    /** Folder di folder impor server yang dapat diimpor */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ImportFolders'];
    };
  };
  '/api/imports/template.csv': {
    /** Contoh manifest impor (CSV) */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/imports/{id}': {
    /** Kemajuan dan ringkasan satu impor */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ImportBatch'];
    };
    /** Batalkan impor yang belum dimulai (sumber unggahan dihapus) */
    delete: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ImportBatch'];
    };
  };
  '/api/imports/{id}/pause': {
    /** Hentikan impor setelah surat yang sedang diproses */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ImportBatch'];
    };
  };
  '/api/imports/{id}/report.csv': {
    /** Semua masalah uji coba sebagai CSV */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/imports/{id}/resume': {
    /** Lanjutkan impor yang dihentikan (tidak ada surat yang diimpor dua kali) */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['ImportBatch'];
    };
  };
  '/api/imports/{id}/rows': {
    /** Baris manifest dengan status dan masalahnya */
    get: {
      params: { id: string };
      query: {
        status?: 'valid' | 'invalid' | 'duplicate' | 'imported' | 'failed';
        problems?: 'true' | 'false';
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['ImportRows'];
    };
  };
  '/api/imports/{id}/start': {
    /** Mulai impor setelah uji coba */
    post: {
      params: { id: string };
      query: void;
      body: { skipInvalid?: boolean };
      multipart: void;
      response: Schemas['ImportBatch'];
    };
  };
  '/api/incoming-letters': {
    /** Buku agenda surat masuk: daftar berhalaman dengan filter dan urutan */
    get: {
      params: void;
      query: {
        q?: string;
        from?: string;
        to?: string;
        sender?: string;
        classification?: string;
        urgency?: string | Array<string>;
        securityClass?: string | Array<string>;
        status?: string | Array<string>;
        register?: string;
        year?: number;
        box?: 'inbox' | 'tembusan';
        unread?: 'true' | 'false';
        sort?: 'agenda' | 'receivedDate' | 'letterDate' | 'sender' | 'urgency';
        order?: 'asc' | 'desc';
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          agendaNumber: number | null;
          agendaYear: number;
          register: string;
          status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
          restricted: boolean;
          securityClass: 'B' | 'T' | 'R' | 'SR';
          senderName: string;
          receivedDate: string;
          registeredAt: string | null;
          letterNumber: string | null;
          letterDate: string | null;
          subject: string;
          classificationCode: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera' | null;
          addressee: { id: string; title: string };
          unread: boolean;
          fileCount: number;
        }>;
        total: number;
      };
    };
    /** Daftarkan surat masuk: bagian `data` (JSON) dan satu atau lebih bagian `files` */
    post: {
      params: void;
      query: void;
      body: void;
      multipart: {
        data: {
          senderName: string;
          senderCategory?:
            | 'kementerian-lembaga'
            | 'perangkat-daerah'
            | 'pemprov-lain'
            | 'pemkab-pemkot'
            | 'dprd'
            | 'instansi-vertikal'
            | 'bumn-bumd'
            | 'swasta'
            | 'ormas'
            | 'perorangan'
            | 'lainnya';
          channel?: 'langsung' | 'pos' | 'email' | 'srikandi' | 'faksimile' | 'lainnya';
          letterNumber: string;
          letterDate: string;
          receivedDate?: string;
          subject: string;
          summary?: string;
          attachmentCount?: number;
          attachmentDescription?: string;
          classificationCode: string;
          securityClass: 'B' | 'T' | 'R' | 'SR';
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          kind?:
            | 'Surat Dinas'
            | 'Nota Dinas'
            | 'Memo'
            | 'Surat Undangan'
            | 'Surat Edaran'
            | 'Surat Perintah'
            | 'Surat Tugas'
            | 'Keputusan'
            | 'Instruksi'
            | 'Berita Acara'
            | 'Surat Keterangan'
            | 'Surat Pengantar'
            | 'Pengumuman'
            | 'Laporan'
            | 'Telaahan Staf'
            | 'Notula';
          register?: string;
          addresseePositionId?: string;
          copyPositionIds?: Array<string>;
          notes?: string;
          confirmDuplicate?: boolean;
          event?: {
            date: string;
            startTime: string;
            endTime?: string;
            timeZone?: 'WIB' | 'WITA' | 'WIT';
            title?: string;
            place?: string;
            onlineLink?: string | '';
            dressCode?: string;
            notes?: string;
          };
        };
        files: Array<Blob>;
      };
      response: {
        id: string;
        agendaNumber: number;
        agendaYear: number;
        register: string;
        status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
        files: Array<{ id: string; name: string; size: number; mimeType: string; sha256: string }>;
      };
    };
  };
  '/api/incoming-letters/check-duplicates': {
    /** Periksa dugaan surat ganda sebelum mengunggah (pengirim + nomor surat, atau sha256 berkas) */
    post: {
      params: void;
      query: void;
      body: { senderName?: string; letterNumber?: string; sha256?: Array<string> };
      multipart: void;
      response: Schemas['DuplicateCheck'];
    };
  };
  '/api/incoming-letters/export': {
    /** Ekspor buku agenda (tampilan terfilter, bulanan `month`, atau tahunan `year`) ke PDF, .xlsx atau CSV */
    get: {
      params: void;
      query: {
        q?: string;
        from?: string;
        to?: string;
        sender?: string;
        classification?: string;
        urgency?: string | Array<string>;
        securityClass?: string | Array<string>;
        status?: string | Array<string>;
        register?: string;
        year?: number;
        box?: 'inbox' | 'tembusan';
        unread?: 'true' | 'false';
        sort?: 'agenda' | 'receivedDate' | 'letterDate' | 'sender' | 'urgency';
        order?: 'asc' | 'desc';
        format: 'pdf' | 'xlsx' | 'csv';
        month?: string;
      };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/incoming-letters/{id}': {
    /** Satu surat masuk: keterangan, berkas, hak akses pemanggil */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        agendaNumber: number | null;
        agendaYear: number;
        register: string;
        status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
        restricted: boolean;
        securityClass: 'B' | 'T' | 'R' | 'SR';
        senderName: string;
        receivedDate: string;
        registeredAt: string | null;
        letterNumber: string | null;
        letterDate: string | null;
        subject: string;
        classificationCode: string | null;
        urgency: 'biasa' | 'segera' | 'sangat_segera' | null;
        addressee: { id: string; title: string };
        unread: boolean;
        fileCount: number;
        senderCategory:
          | 'kementerian-lembaga'
          | 'perangkat-daerah'
          | 'pemprov-lain'
          | 'pemkab-pemkot'
          | 'dprd'
          | 'instansi-vertikal'
          | 'bumn-bumd'
          | 'swasta'
          | 'ormas'
          | 'perorangan'
          | 'lainnya'
          | null;
        channel:
          | 'langsung'
          | 'pos'
          | 'email'
          | 'srikandi'
          | 'faksimile'
          | 'lainnya'
          | 'lontar'
          | 'tidak-tercatat'
          | null;
        summary: string | null;
        attachmentCount: number | null;
        attachmentDescription: string | null;
        kind:
          | 'Surat Dinas'
          | 'Nota Dinas'
          | 'Memo'
          | 'Surat Undangan'
          | 'Surat Edaran'
          | 'Surat Perintah'
          | 'Surat Tugas'
          | 'Keputusan'
          | 'Instruksi'
          | 'Berita Acara'
          | 'Surat Keterangan'
          | 'Surat Pengantar'
          | 'Pengumuman'
          | 'Laporan'
          | 'Telaahan Staf'
          | 'Notula'
          | null;
        notes: string | null;
        copies: Array<{ id: string; title: string }>;
        registeredBy: { id: string; name: string };
        correctionCount: number;
        void: { reason: string; at: string | null; by: string | null } | null;
        files: Array<{
          id: string;
          name: string;
          size: number;
          mimeType: string;
          sha256: string;
          pageCount: number | null;
          ocrStatus: string;
          contentUrl: string;
        }>;
        permissions: { readContent: boolean; correct: boolean; void: boolean };
      };
    };
    /** Koreksi keterangan surat (agendaris pencatat) dengan alasan */
    patch: {
      params: { id: string };
      query: void;
      body: {
        senderName?: string;
        senderCategory?:
          | 'kementerian-lembaga'
          | 'perangkat-daerah'
          | 'pemprov-lain'
          | 'pemkab-pemkot'
          | 'dprd'
          | 'instansi-vertikal'
          | 'bumn-bumd'
          | 'swasta'
          | 'ormas'
          | 'perorangan'
          | 'lainnya';
        channel?: 'langsung' | 'pos' | 'email' | 'srikandi' | 'faksimile' | 'lainnya';
        letterNumber?: string;
        letterDate?: string;
        receivedDate?: string;
        subject?: string;
        summary?: string;
        attachmentCount?: number;
        attachmentDescription?: string;
        classificationCode?: string;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        urgency?: 'biasa' | 'segera' | 'sangat_segera';
        kind?:
          | 'Surat Dinas'
          | 'Nota Dinas'
          | 'Memo'
          | 'Surat Undangan'
          | 'Surat Edaran'
          | 'Surat Perintah'
          | 'Surat Tugas'
          | 'Keputusan'
          | 'Instruksi'
          | 'Berita Acara'
          | 'Surat Keterangan'
          | 'Surat Pengantar'
          | 'Pengumuman'
          | 'Laporan'
          | 'Telaahan Staf'
          | 'Notula';
        addresseePositionId?: string;
        copyPositionIds?: Array<string>;
        notes?: string;
        confirmDuplicate?: boolean;
        reason: string;
      };
      multipart: void;
      response: {
        id: string;
        agendaNumber: number | null;
        agendaYear: number;
        register: string;
        status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
        restricted: boolean;
        securityClass: 'B' | 'T' | 'R' | 'SR';
        senderName: string;
        receivedDate: string;
        registeredAt: string | null;
        letterNumber: string | null;
        letterDate: string | null;
        subject: string;
        classificationCode: string | null;
        urgency: 'biasa' | 'segera' | 'sangat_segera' | null;
        addressee: { id: string; title: string };
        unread: boolean;
        fileCount: number;
        senderCategory:
          | 'kementerian-lembaga'
          | 'perangkat-daerah'
          | 'pemprov-lain'
          | 'pemkab-pemkot'
          | 'dprd'
          | 'instansi-vertikal'
          | 'bumn-bumd'
          | 'swasta'
          | 'ormas'
          | 'perorangan'
          | 'lainnya'
          | null;
        channel:
          | 'langsung'
          | 'pos'
          | 'email'
          | 'srikandi'
          | 'faksimile'
          | 'lainnya'
          | 'lontar'
          | 'tidak-tercatat'
          | null;
        summary: string | null;
        attachmentCount: number | null;
        attachmentDescription: string | null;
        kind:
          | 'Surat Dinas'
          | 'Nota Dinas'
          | 'Memo'
          | 'Surat Undangan'
          | 'Surat Edaran'
          | 'Surat Perintah'
          | 'Surat Tugas'
          | 'Keputusan'
          | 'Instruksi'
          | 'Berita Acara'
          | 'Surat Keterangan'
          | 'Surat Pengantar'
          | 'Pengumuman'
          | 'Laporan'
          | 'Telaahan Staf'
          | 'Notula'
          | null;
        notes: string | null;
        copies: Array<{ id: string; title: string }>;
        registeredBy: { id: string; name: string };
        correctionCount: number;
        void: { reason: string; at: string | null; by: string | null } | null;
        files: Array<{
          id: string;
          name: string;
          size: number;
          mimeType: string;
          sha256: string;
          pageCount: number | null;
          ocrStatus: string;
          contentUrl: string;
        }>;
        permissions: { readContent: boolean; correct: boolean; void: boolean };
      };
    };
  };
  '/api/incoming-letters/{id}/disposition-sheet.pdf': {
    /** Lembar disposisi (PDF) dengan satu blok per tahap disposisi */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/incoming-letters/{id}/dispositions': {
    /** Disposisikan surat (oleh penerima surat atau Plt/Plh-nya): satu simpul per penerima */
    post: {
      params: { id: string };
      query: void;
      body: {
        recipients: Array<{ positionId: string; role: 'primary' | 'coordinate' }>;
        instructions: Array<string>;
        note?: string | null;
        dueDate?: string | null;
        urgency?: 'biasa' | 'segera' | 'sangat_segera' | null;
      };
      multipart: void;
      response: {
        items: Array<{
          id: string;
          letterId: string;
          parentId: string | null;
          batchId: string;
          depth: number;
          from: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          };
          to: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          role: 'primary' | 'coordinate';
          instructions: Array<string>;
          note: string | null;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          dueDate: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          version: number;
          sentAt: string;
          readAt: string | null;
          readByName: string | null;
          processingAt: string | null;
          closedAt: string | null;
          closedBy: {
            positionId: string;
            positionTitle: string;
            signedTitle: string;
            unitId: string;
            userName: string | null;
            acting: 'plt' | 'plh' | null;
          } | null;
          reason: string | null;
          reportCount: number;
          childCount: number;
          overdue: boolean;
          daysLate: number;
        }>;
      };
    };
  };
  '/api/incoming-letters/{id}/history': {
    /** Riwayat (jejak audit) surat */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        items: Array<{
          seq: number;
          at: string;
          action: string;
          sentence: string;
          actorName: string;
          actorPositionTitle: string | null;
          details: {
            action: string;
            recordType: string;
            recordId: string;
            changes: Array<{ field: string; before: unknown; after: unknown }>;
          } | null;
        }>;
      };
    };
  };
  '/api/incoming-letters/{id}/journey': {
    /** Perjalanan surat: pohon disposisi, siapa memegang apa sejak kapan, dan menunggu siapa */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        letter: {
          id: string;
          agendaNumber: number | null;
          letterNumber: string;
          subject: string;
          senderName: string;
          letterDate: string;
          receivedDate: string;
          urgency: 'biasa' | 'segera' | 'sangat_segera';
          securityClass: 'B' | 'T' | 'R' | 'SR';
          status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
          addresseePositionId: string;
          source: 'letter' | 'meeting';
        };
        waitingOn: Array<{
          dispositionId: string;
          positionId: string;
          positionTitle: string;
          holders: Array<{ name: string; acting: boolean }>;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          since: string;
          dueDate: string;
          overdue: boolean;
          daysLate: number;
        }>;
        tree: Array<Schemas['JourneyNode']>;
        totals: { nodes: number; open: number; overdue: number; done: number };
      };
    };
  };
  '/api/incoming-letters/{id}/read': {
    /** Tandai surat sudah dibaca untuk jabatan pemanggil */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/incoming-letters/{id}/receipt.pdf': {
    /** Tanda terima surat untuk kurir (PDF) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/incoming-letters/{id}/stamped.pdf': {
    /** Halaman pertama pindaian dengan cap agenda (PDF turunan; berkas asli tidak diubah) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/incoming-letters/{id}/void': {
    /** Batalkan pendaftaran surat dengan alasan (tidak dihapus, nomor agenda tetap) */
    post: {
      params: { id: string };
      query: void;
      body: { reason: string };
      multipart: void;
      response: {
        id: string;
        agendaNumber: number | null;
        agendaYear: number;
        register: string;
        status: 'pending' | 'registered' | 'in_progress' | 'done' | 'void';
        restricted: boolean;
        securityClass: 'B' | 'T' | 'R' | 'SR';
        senderName: string;
        receivedDate: string;
        registeredAt: string | null;
        letterNumber: string | null;
        letterDate: string | null;
        subject: string;
        classificationCode: string | null;
        urgency: 'biasa' | 'segera' | 'sangat_segera' | null;
        addressee: { id: string; title: string };
        unread: boolean;
        fileCount: number;
        senderCategory:
          | 'kementerian-lembaga'
          | 'perangkat-daerah'
          | 'pemprov-lain'
          | 'pemkab-pemkot'
          | 'dprd'
          | 'instansi-vertikal'
          | 'bumn-bumd'
          | 'swasta'
          | 'ormas'
          | 'perorangan'
          | 'lainnya'
          | null;
        channel:
          | 'langsung'
          | 'pos'
          | 'email'
          | 'srikandi'
          | 'faksimile'
          | 'lainnya'
          | 'lontar'
          | 'tidak-tercatat'
          | null;
        summary: string | null;
        attachmentCount: number | null;
        attachmentDescription: string | null;
        kind:
          | 'Surat Dinas'
          | 'Nota Dinas'
          | 'Memo'
          | 'Surat Undangan'
          | 'Surat Edaran'
          | 'Surat Perintah'
          | 'Surat Tugas'
          | 'Keputusan'
          | 'Instruksi'
          | 'Berita Acara'
          | 'Surat Keterangan'
          | 'Surat Pengantar'
          | 'Pengumuman'
          | 'Laporan'
          | 'Telaahan Staf'
          | 'Notula'
          | null;
        notes: string | null;
        copies: Array<{ id: string; title: string }>;
        registeredBy: { id: string; name: string };
        correctionCount: number;
        void: { reason: string; at: string | null; by: string | null } | null;
        files: Array<{
          id: string;
          name: string;
          size: number;
          mimeType: string;
          sha256: string;
          pageCount: number | null;
          ocrStatus: string;
          contentUrl: string;
        }>;
        permissions: { readContent: boolean; correct: boolean; void: boolean };
      };
    };
  };
  '/api/incoming-registers': {
    /** Daftar buku agenda surat masuk */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: { items: Array<{ code: string; name: string; isDefault: boolean }> };
    };
    /** Tambah buku agenda (mis. per meja) */
    post: {
      params: void;
      query: void;
      body: { code: string; name: string };
      multipart: void;
      response: { code: string; name: string; isDefault: boolean };
    };
  };
  '/api/incoming-senders': {
    /** Buku alamat pengirim: pengirim terdahulu yang cocok, paling sering dipakai dulu */
    get: {
      params: void;
      query: { q?: string; limit?: number };
      body: void;
      multipart: void;
      response: { items: Array<{ name: string; useCount: number }> };
    };
  };
  '/api/incoming-senders/category': {
    /** Asal pengirim yang ditawarkan untuk seorang pengirim: pilihan agendaris sebelumnya, atau tebakan dari namanya */
    get: {
      params: void;
      query: { name: string };
      body: void;
      multipart: void;
      response: {
        category:
          | 'kementerian-lembaga'
          | 'perangkat-daerah'
          | 'pemprov-lain'
          | 'pemkab-pemkot'
          | 'dprd'
          | 'instansi-vertikal'
          | 'bumn-bumd'
          | 'swasta'
          | 'ormas'
          | 'perorangan'
          | 'lainnya';
        source: 'address-book' | 'guess';
      };
    };
  };
  '/api/me/queue-visits': {
    /** Kunjungan terakhir pengguna ke tiap antrean kerja (untuk tanda "Baru") */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: { items: Array<Schemas['QueueVisit']> };
    };
  };
  '/api/me/queue-visits/{queue}': {
    /** Catat kunjungan ke antrean kerja (saat layarnya dibuka) dan kembalikan sejak kapan item dianggap baru */
    put: {
      params: { queue: string };
      query: void;
      body: { seen?: boolean };
      multipart: void;
      response: Schemas['QueueVisit'];
    };
  };
  '/api/meetings': {
    /** Rapat satu bulan yang boleh dilihat, dengan keputusan selesai/terlambat/terbuka per rapat dan per unit */
    get: {
      params: void;
      query: { month?: string; unitId?: string };
      body: void;
      multipart: void;
      response: {
        month: string;
        unit: { unitId: string; name: string } | null;
        items: Array<{
          id: string;
          title: string;
          kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
          startAt: string;
          endAt: string;
          place: string;
          onlineLink: string;
          chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
          securityClass: 'B' | 'T' | 'R' | 'SR';
          status: 'dijadwalkan' | 'selesai' | 'batal';
          minutesFinal: boolean;
          figures: { done: number; late: number; open: number; total: number };
        }>;
        summary: {
          held: number;
          decisions: { done: number; late: number; open: number; total: number };
          byUnit: Array<{
            unitId: string;
            unitName: string;
            done: number;
            late: number;
            open: number;
          }>;
        };
        canCreate: boolean;
      };
    };
    /** Buat rapat (dari surat undangan atau baru) */
    post: {
      params: void;
      query: void;
      body: {
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        date: string;
        startTime: string;
        endTime: string;
        place?: string;
        onlineLink?: string | '';
        chairPositionId: string;
        invitedPositionIds?: Array<string>;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        invitation?: { kind: 'incoming' | 'outgoing'; letterId: string } | null;
      };
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}': {
    /** Satu rapat: undangan, kehadiran, notulen, keputusan dan statusnya */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
    /** Ubah data rapat (sebelum notulen final) */
    put: {
      params: { id: string };
      query: void;
      body: {
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        date: string;
        startTime: string;
        endTime: string;
        place?: string;
        onlineLink?: string | '';
        chairPositionId: string;
        invitedPositionIds?: Array<string>;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        invitation?: { kind: 'incoming' | 'outgoing'; letterId: string } | null;
      };
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/attendance': {
    /** Catat kehadiran: hadir, diwakili (oleh siapa), tidak hadir; peserta lain */
    put: {
      params: { id: string };
      query: void;
      body: {
        invited: Array<{
          positionId: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy?: string;
        }>;
        extraAttendees?: Array<{ name: string; role?: string }>;
      };
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/attendance-sheet': {
    /** Lampirkan pindaian daftar hadir bertanda tangan (satu berkas; menggantikan yang lama; dibaca OCR dan dapat dicari) */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: { file: Array<Blob> };
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
    /** Hapus pindaian daftar hadir bertanda tangan (teksnya keluar dari pencarian) */
    delete: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/cancel': {
    /** Batalkan rapat (sebelum notulen final) */
    post: {
      params: { id: string };
      query: void;
      body: Record<string, never>;
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/decisions': {
    /** Tetapkan keputusan: arahan, jabatan penanggung jawab, batas waktu (sebelum notulen final) */
    put: {
      params: { id: string };
      query: void;
      body: {
        decisions: Array<{ id?: string; instruction: string; positionId: string; dueDate: string }>;
      };
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/finalize': {
    /** Finalkan notulen: tiap keputusan menjadi tindak lanjut (disposisi) jabatan penanggung jawab */
    post: {
      params: { id: string };
      query: void;
      body: Record<string, never>;
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/minutes': {
    /** Simpan konsep notulen (pembukaan, pembahasan, keputusan/kesimpulan, penutup) */
    put: {
      params: { id: string };
      query: void;
      body: { pembukaan?: string; pembahasan?: string; keputusan?: string; penutup?: string };
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/minutes-scan': {
    /** Unggah pindaian notulen sebagai ganti konsep (satu berkas; menggantikan yang lama; dibaca OCR dan dapat dicari; sebelum notulen final) */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: { file: Array<Blob> };
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
    /** Hapus pindaian notulen (teksnya keluar dari pencarian) */
    delete: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        title: string;
        kind: 'rapat_koordinasi' | 'rapat_pimpinan' | 'rapat_teknis' | 'rapat_lainnya';
        startAt: string;
        endAt: string;
        place: string;
        onlineLink: string;
        chair: { positionId: string; positionTitle: string; unitId: string; unitName: string };
        securityClass: 'B' | 'T' | 'R' | 'SR';
        status: 'dijadwalkan' | 'selesai' | 'batal';
        minutesFinal: boolean;
        figures: { done: number; late: number; open: number; total: number };
        invitation: { kind: 'incoming' | 'outgoing'; letterId: string; label: string } | null;
        agendaEntryId: string | null;
        invited: Array<{
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          attendance: 'belum' | 'hadir' | 'diwakili' | 'tidak_hadir';
          representedBy: string;
        }>;
        extraAttendees: Array<{ name: string; role: string }>;
        attendanceSheet: {
          id: string;
          name: string;
          size: number;
          mimeType: string;
          contentUrl: string;
          ocrStatus: string | null;
        } | null;
        minutes: {
          mode: 'draft' | 'scan';
          pembukaan: string;
          pembahasan: string;
          keputusan: string;
          penutup: string;
          scan: {
            id: string;
            name: string;
            size: number;
            mimeType: string;
            contentUrl: string;
            ocrStatus: string | null;
          } | null;
          finalizedAt: string | null;
          finalizedByName: string | null;
        };
        decisions: Array<{
          id: string;
          instruction: string;
          positionId: string;
          positionTitle: string;
          unitId: string;
          unitName: string;
          dueDate: string;
          dispositionId: string | null;
          status:
            'draf' | 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          state: 'draf' | 'open' | 'late' | 'done' | 'cancelled';
          closedAt: string | null;
        }>;
        createdByName: string;
        permissions: { canManage: boolean; canFinalize: boolean; canAttachSheet: boolean };
      };
    };
  };
  '/api/meetings/{id}/minutes.pdf': {
    /** Notulen rapat sebagai PDF (kop surat) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/monitoring': {
    /** Pemantauan disposisi per unit di bawah pimpinan: terbuka, terlambat, tertua, median tindak lanjut */
    get: {
      params: void;
      query: { unitId?: string };
      body: void;
      multipart: void;
      response: {
        unit: { unitId: string; code: string; name: string };
        breadcrumb: Array<{ unitId: string; name: string }>;
        scopes: Array<{ unitId: string; name: string }>;
        generatedAt: string;
        windowDays: number;
        totals: {
          unitId: string;
          code: string;
          name: string;
          self: boolean;
          hasChildren: boolean;
          open: number;
          overdue: number;
          oldestOpenSince: string | null;
          oldestOpenDays: number | null;
          medianFollowUpHours: number | null;
          followUpSample: number;
        };
        rows: Array<{
          unitId: string;
          code: string;
          name: string;
          self: boolean;
          hasChildren: boolean;
          open: number;
          overdue: number;
          oldestOpenSince: string | null;
          oldestOpenDays: number | null;
          medianFollowUpHours: number | null;
          followUpSample: number;
        }>;
        items: Array<{
          dispositionId: string;
          letterId: string;
          source: 'letter' | 'meeting';
          agendaNumber: number | null;
          subject: string;
          senderName: string;
          positionTitle: string;
          unitName: string;
          holders: Array<string>;
          fromTitle: string;
          status: 'terkirim' | 'dibaca' | 'diproses' | 'selesai' | 'dibatalkan' | 'dikembalikan';
          sentAt: string;
          ageDays: number;
          dueDate: string;
          overdue: boolean;
          daysLate: number;
        }>;
        itemsTruncated: boolean;
      };
    };
  };
  '/api/monitoring/report.pdf': {
    /** Pemantauan disposisi sebagai PDF */
    get: {
      params: void;
      query: { unitId?: string };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/notifications': {
    /** Pemberitahuan pengguna (terbaru dulu) dan jumlah yang belum dibaca */
    get: {
      params: void;
      query: { unread?: 'true' | 'false'; page?: number; pageSize?: number };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          kind:
            | 'disposition.new'
            | 'disposition.report'
            | 'disposition.completed'
            | 'disposition.returned'
            | 'disposition.cancelled'
            | 'disposition.due_tomorrow'
            | 'disposition.overdue'
            | 'digest'
            | 'agenda.reminder';
          title: string;
          body: string;
          link: string | null;
          letterId: string | null;
          dispositionId: string | null;
          positionId: string | null;
          read: boolean;
          createdAt: string;
        }>;
        total: number;
        unread: number;
      };
    };
  };
  '/api/notifications/read': {
    /** Tandai pemberitahuan sudah dibaca (`ids`, atau `all: true`) */
    post: {
      params: void;
      query: void;
      body: { ids: Array<string> } | { all: true };
      multipart: void;
      response: { updated: number };
    };
  };
  '/api/ocr/jobs': {
    /** Antrean OCR (mis. status=parked: pekerjaan yang berhenti dan perlu diulang) */
    get: {
      params: void;
      query: {
        status?: 'queued' | 'running' | 'done' | 'parked';
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: {
        total: number;
        items: Array<{
          id: string;
          fileId: string;
          fileName: string | null;
          ownerType: string | null;
          ownerId: string | null;
          status: 'queued' | 'running' | 'done' | 'parked';
          attempts: number;
          error: string | null;
          progress: { page: number; pages: number } | null;
          updatedAt: string | null;
        }>;
      };
    };
  };
  '/api/ocr/prefill': {
    /** Usulan isian registrasi (nomor, tanggal, hal, pengirim) dari halaman pertama pindaian */
    post: {
      params: void;
      query: void;
      body: void;
      multipart: Record<string, unknown>;
      response: {
        suggestions: {
          letterNumber?: string;
          letterDate?: string;
          subject?: string;
          senderName?: string;
        };
        fieldConfidence: {
          letterNumber?: number;
          letterDate?: number;
          subject?: number;
          senderName?: number;
        };
        urgency: { value: 'biasa' | 'segera' | 'sangat_segera'; reason: string } | null;
        classification: Array<{ code: string; title: string; reason: string; learned: boolean }>;
        invitation: {
          isInvitation: boolean;
          date?: string;
          startTime?: string;
          endTime?: string;
          timeZone?: 'WIB' | 'WITA' | 'WIT';
          place?: string;
          onlineLink?: string;
          title?: string;
          dressCode?: string;
          notes?: string;
        };
        ocrMs: number;
        text: string;
        confidence: number;
        source: 'ocr' | 'text-layer';
      };
    };
  };
  '/api/ocr/prefill/warm': {
    /** Siapkan pembaca isian sebelum pindaian pertama (dipanggil saat formulir registrasi dibuka) */
    post: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/openapi.json': {
    /** Dokumen OpenAPI 3.1 dari skema zod */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OpenApiDocument'];
    };
  };
  '/api/org/positions': {
    /** Jabatan beserta pemegangnya hari ini (termasuk Plt/Plh) */
    get: {
      params: void;
      query: {
        unitId?: string;
        subtree?: 'true' | 'false';
        q?: string;
        includeInactive?: 'true' | 'false';
      };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          key: string;
          title: string;
          kind: 'sekda' | 'asisten' | 'kepala_biro' | 'kepala_bagian' | 'staf';
          unitId: string;
          unitCode: string | null;
          unitName: string | null;
          parentId: string | null;
          ancestorIds: Array<string>;
          order: number;
          active: boolean;
          holders: Array<{
            userId: string;
            name: string;
            acting: boolean;
            actingKind: 'plt' | 'plh' | null;
          }>;
        }>;
      };
    };
  };
  '/api/org/positions/{id}': {
    /** Satu jabatan dengan pemegangnya */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: {
        id: string;
        key: string;
        title: string;
        kind: 'sekda' | 'asisten' | 'kepala_biro' | 'kepala_bagian' | 'staf';
        unitId: string;
        unitCode: string | null;
        unitName: string | null;
        parentId: string | null;
        ancestorIds: Array<string>;
        order: number;
        active: boolean;
        holders: Array<{
          userId: string;
          name: string;
          acting: boolean;
          actingKind: 'plt' | 'plh' | null;
        }>;
      };
    };
  };
  '/api/org/units': {
    /** Semua unit kerja (pohon: parentId dan ancestorIds) */
    get: {
      params: void;
      query: { includeInactive?: 'true' | 'false' };
      body: void;
      multipart: void;
      response: {
        items: Array<{
          id: string;
          code: string;
          name: string;
          kind: 'setda' | 'asisten' | 'biro' | 'bagian' | 'lainnya';
          parentId: string | null;
          ancestorIds: Array<string>;
          order: number;
          active: boolean;
        }>;
      };
    };
  };
  '/api/outgoing-letters': {
    /** Daftar surat keluar: konsep saya, menunggu paraf, menunggu tanda tangan, siap kirim */
    get: {
      params: void;
      query: {
        box?: 'all' | 'mine' | 'review' | 'sign' | 'dispatch';
        status?:
          'draft' | 'in_review' | 'returned' | 'awaiting_signature' | 'signing' | 'signed' | 'sent';
        q?: string;
        replyTo?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['OutgoingPage'];
    };
    /** Membuat konsep surat keluar */
    post: {
      params: void;
      query: void;
      body: {
        kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
        positionId?: string;
        subject: string;
        classificationCode?: string;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        urgency?: 'biasa' | 'segera' | 'sangat_segera';
        attachmentLabel?: string | null;
        recipients?: Array<
          | { type: 'internal'; positionId: string }
          | { type: 'external'; label: string; address?: string | null; email?: string | null }
        >;
        recipientPlace?: string | null;
        carbonCopies?: Array<{ positionId: string } | { label: string }>;
        body?: Array<
          | {
              type: 'paragraph';
              runs: Array<{ text: string; bold?: boolean; italic?: boolean; underline?: boolean }>;
              align?: 'left' | 'justify' | 'center' | 'right';
              indent?: boolean;
            }
          | {
              type: 'list';
              style: 'numbered' | 'lettered' | 'bullet';
              items: Array<{
                runs: Array<{
                  text: string;
                  bold?: boolean;
                  italic?: boolean;
                  underline?: boolean;
                }>;
              }>;
            }
          | {
              type: 'table';
              header?: boolean;
              borders?: boolean;
              rows: Array<{
                cells: Array<{
                  runs: Array<{
                    text: string;
                    bold?: boolean;
                    italic?: boolean;
                    underline?: boolean;
                  }>;
                }>;
              }>;
            }
        >;
        place?: string;
        event?: {
          date: string;
          startTime: string;
          endTime?: string;
          timeZone?: 'WIB' | 'WITA' | 'WIT';
          title?: string;
          place?: string;
          onlineLink?: string | '';
          dressCode?: string;
          notes?: string;
        } | null;
        verifierPositionIds?: Array<string>;
        signer?: {
          positionId: string;
          mode?: 'direct' | 'an' | 'ub';
          onBehalfOfPositionId?: string | null;
          throughPositionId?: string | null;
        };
        replyTo?: { incomingLetterId: string; dispositionId?: string | null } | null;
      };
      multipart: void;
      response: Schemas['OutgoingLetter'];
    };
  };
  '/api/outgoing-letters/body-template': {
    /** Isi surat dari templat jenis naskah (surat biasa, undangan, nota dinas, surat edaran, surat tugas), diisi dari konsep */
    post: {
      params: void;
      query: void;
      body: {
        kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
        subject?: string;
        recipients?: Array<
          | { type: 'internal'; positionId: string }
          | { type: 'external'; label: string; address?: string | null; email?: string | null }
        >;
        signerPositionId?: string | null;
        event?: {
          date?: string;
          startTime?: string;
          endTime?: string;
          timeZone?: 'WIB' | 'WITA' | 'WIT';
          title?: string;
          place?: string;
          onlineLink?: string;
        } | null;
        replyTo?: { incomingLetterId: string; dispositionId?: string | null } | null;
      };
      multipart: void;
      response: Schemas['OutgoingBodyTemplate'];
    };
  };
  '/api/outgoing-letters/positions': {
    /** Jabatan untuk tujuan, tembusan, verifikator, dan penanda tangan */
    get: {
      params: void;
      query: { q?: string; ids?: string };
      body: void;
      multipart: void;
      response: Schemas['PositionChoices'];
    };
  };
  '/api/outgoing-letters/proposal': {
    /** Usulan verifikator dan penanda tangan menurut jenis naskah */
    get: {
      params: void;
      query: {
        kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
        positionId?: string;
      };
      body: void;
      multipart: void;
      response: Schemas['OutgoingProposal'];
    };
  };
  '/api/outgoing-letters/register': {
    /** Buku agenda surat keluar */
    get: {
      params: void;
      query: {
        from?: string;
        to?: string;
        month?: string;
        year?: number;
        kind?: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
        unit?: string;
        q?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: Schemas['OutgoingPage'];
    };
  };
  '/api/outgoing-letters/register/export': {
    /** Ekspor buku agenda surat keluar (PDF, .xlsx, CSV) */
    get: {
      params: void;
      query: {
        from?: string;
        to?: string;
        month?: string;
        year?: number;
        kind?: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
        unit?: string;
        q?: string;
        format: 'pdf' | 'xlsx' | 'csv';
      };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/outgoing-letters/settings': {
    /** Pola nomor dan penghitung per jenis naskah */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OutgoingKindSettings'];
    };
  };
  '/api/outgoing-letters/settings/{kind}': {
    /** Mengubah pola nomor satu jenis naskah (admin) */
    put: {
      params: {
        kind: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
      };
      query: void;
      body: { numberPattern: string; counterPerKind?: boolean };
      multipart: void;
      response: Schemas['OutgoingKindSetting'];
    };
  };
  '/api/outgoing-letters/{id}': {
    /** Rincian surat keluar */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OutgoingLetter'];
    };
    /** Mengubah konsep (hanya sebelum diajukan atau setelah dikembalikan) */
    patch: {
      params: { id: string };
      query: void;
      body: {
        kind?: 'surat_dinas' | 'nota_dinas' | 'surat_undangan' | 'surat_edaran' | 'surat_tugas';
        subject?: string;
        classificationCode?: string;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        urgency?: 'biasa' | 'segera' | 'sangat_segera';
        attachmentLabel?: string | null;
        recipients?: Array<
          | { type: 'internal'; positionId: string }
          | { type: 'external'; label: string; address?: string | null; email?: string | null }
        >;
        recipientPlace?: string | null;
        carbonCopies?: Array<{ positionId: string } | { label: string }>;
        body?: Array<
          | {
              type: 'paragraph';
              runs: Array<{ text: string; bold?: boolean; italic?: boolean; underline?: boolean }>;
              align?: 'left' | 'justify' | 'center' | 'right';
              indent?: boolean;
            }
          | {
              type: 'list';
              style: 'numbered' | 'lettered' | 'bullet';
              items: Array<{
                runs: Array<{
                  text: string;
                  bold?: boolean;
                  italic?: boolean;
                  underline?: boolean;
                }>;
              }>;
            }
          | {
              type: 'table';
              header?: boolean;
              borders?: boolean;
              rows: Array<{
                cells: Array<{
                  runs: Array<{
                    text: string;
                    bold?: boolean;
                    italic?: boolean;
                    underline?: boolean;
                  }>;
                }>;
              }>;
            }
        >;
        place?: string;
        event?: {
          date: string;
          startTime: string;
          endTime?: string;
          timeZone?: 'WIB' | 'WITA' | 'WIT';
          title?: string;
          place?: string;
          onlineLink?: string | '';
          dressCode?: string;
          notes?: string;
        } | null;
        verifierPositionIds?: Array<string>;
        signer?: {
          positionId: string;
          mode?: 'direct' | 'an' | 'ub';
          onBehalfOfPositionId?: string | null;
          throughPositionId?: string | null;
        };
        replyTo?: { incomingLetterId: string; dispositionId?: string | null } | null;
        revision?: number;
      };
      multipart: void;
      response: Schemas['OutgoingLetter'];
    };
  };
  '/api/outgoing-letters/{id}/attachments': {
    /** Lampiran surat keluar (unduh melalui /api/files/:id/content) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OutgoingAttachments'];
    };
    /** Menambah lampiran konsep (multipart, bagian `files`) */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: { files: Array<Blob> };
      response: Schemas['OutgoingAttachments'];
    };
  };
  '/api/outgoing-letters/{id}/attachments/{fileId}': {
    /** Menghapus lampiran konsep */
    delete: {
      params: { id: string; fileId: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/outgoing-letters/{id}/dispatch': {
    /** Mengirim: tujuan internal ke kotak masuk, tujuan eksternal dicatat */
    post: {
      params: { id: string };
      query: void;
      body: {
        external?: Array<{
          recipientIndex: number;
          method: 'kurir' | 'pos' | 'email' | 'langsung';
          sentDate?: string;
          proof?: string | null;
        }>;
      };
      multipart: void;
      response: Schemas['OutgoingLetter'];
    };
  };
  '/api/outgoing-letters/{id}/final.pdf': {
    /** PDF final yang ditandatangani (tidak pernah berubah) */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/outgoing-letters/{id}/history': {
    /** Riwayat konsep: pengajuan, paraf, pengembalian, tanda tangan, pengiriman */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OutgoingHistoryItems'];
    };
  };
  '/api/outgoing-letters/{id}/pages/{page}': {
    /** Satu halaman pratinjau (atau PDF final) sebagai gambar PNG, untuk penampil di layar */
    get: {
      params: { id: string; page: string };
      query: { source?: 'preview' | 'final'; width?: number };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/outgoing-letters/{id}/preview.pdf': {
    /** Pratinjau PDF konsep dalam tata naskah dinas */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/outgoing-letters/{id}/review': {
    /** Paraf (setujui) atau kembalikan konsep dengan catatan */
    post: {
      params: { id: string };
      query: void;
      body: {
        decision: 'approve' | 'return';
        note?: string | null;
        password?: string;
        pin?: string;
      };
      multipart: void;
      response: Schemas['OutgoingLetter'];
    };
  };
  '/api/outgoing-letters/{id}/sign': {
    /** Menandatangani: nomor dialokasikan, PDF final dibuat dengan kode QR */
    post: {
      params: { id: string };
      query: void;
      body: { passphrase?: string };
      multipart: void;
      response: Schemas['OutgoingLetter'];
    };
  };
  '/api/outgoing-letters/{id}/submit': {
    /** Mengajukan konsep kepada verifikator */
    post: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OutgoingLetter'];
    };
  };
  '/api/outgoing-letters/{id}/versions': {
    /** Versi konsep yang pernah diajukan */
    get: {
      params: { id: string };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OutgoingVersions'];
    };
  };
  '/api/outgoing-letters/{id}/versions/{version}': {
    /** Isi satu versi konsep */
    get: {
      params: { id: string; version: number };
      query: void;
      body: void;
      multipart: void;
      response: Schemas['OutgoingVersion'];
    };
  };
  '/api/profile/signing-certificate': {
    /** Sertifikat tanda tangan elektronik milik sendiri */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        hasCertificate: boolean;
        certificate: {
          id: string;
          userId: string;
          userName: string;
          subjectName: string;
          serial: string;
          status: 'active' | 'replaced' | 'revoked';
          issuedAt: string;
          notAfter: string;
          revokedAt: string | null;
        } | null;
        revoked: boolean;
      };
    };
    /** Mengatur frasa sandi tanda tangan: sertifikat baru diterbitkan CA instansi; perlu kata sandi saat ini */
    put: {
      params: void;
      query: void;
      body: { currentPassword: string; passphrase: string };
      multipart: void;
      response: {
        hasCertificate: boolean;
        certificate: {
          id: string;
          userId: string;
          userName: string;
          subjectName: string;
          serial: string;
          status: 'active' | 'replaced' | 'revoked';
          issuedAt: string;
          notAfter: string;
          revokedAt: string | null;
        } | null;
        revoked: boolean;
      };
    };
  };
  '/api/reports/monthly': {
    /** Laporan bulanan: surat masuk/keluar, tindak lanjut disposisi, rapat, kearsipan, dengan grafik */
    get: {
      params: void;
      query: { year: number; month: number; unitId?: string };
      body: void;
      multipart: void;
      response: Schemas['PeriodReport'];
    };
  };
  '/api/reports/monthly.pdf': {
    /** Laporan bulanan sebagai PDF (kop, grafik, tabel, nomor halaman) */
    get: {
      params: void;
      query: { year: number; month: number; unitId?: string };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/reports/monthly.xlsx': {
    /** Laporan bulanan sebagai lembar kerja XLSX (satu lembar per bagian) */
    get: {
      params: void;
      query: { year: number; month: number; unitId?: string };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/reports/yearly': {
    /** Laporan tahunan: surat masuk/keluar, tindak lanjut disposisi, rapat, kearsipan, dengan grafik */
    get: {
      params: void;
      query: { year: number; unitId?: string };
      body: void;
      multipart: void;
      response: Schemas['PeriodReport'];
    };
  };
  '/api/reports/yearly.pdf': {
    /** Laporan tahunan sebagai PDF (kop, grafik, tabel, nomor halaman) */
    get: {
      params: void;
      query: { year: number; unitId?: string };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/reports/yearly.xlsx': {
    /** Laporan tahunan sebagai lembar kerja XLSX (satu lembar per bagian) */
    get: {
      params: void;
      query: { year: number; unitId?: string };
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/api/search': {
    /** Cari surat (teks pindaian, metadata, catatan disposisi) yang boleh dibuka pengguna */
    get: {
      params: void;
      query: {
        q?: string;
        from?: string;
        to?: string;
        dateField?: 'letter' | 'received';
        register?: string;
        direction?: 'incoming' | 'outgoing' | 'meeting';
        classification?: string;
        sender?: string;
        unitId?: string;
        securityClass?: 'B' | 'T' | 'R' | 'SR';
        status?: string;
        page?: number;
        pageSize?: number;
      };
      body: void;
      multipart: void;
      response: {
        total: number;
        items: Array<{
          /** Id surat; untuk hasil rapat (`direction: meeting`) id rapat, sama dengan meeting.id */
          letterId: string;
          direction: 'incoming' | 'outgoing' | 'meeting';
          agendaNumber?: string;
          letterNumber: string | null;
          subject: string | null;
          senderName?: string;
          recipientName?: string;
          date: string | null;
          classificationCode?: string;
          securityClass: 'B' | 'T' | 'R' | 'SR';
          status?: string; /** HTML: teks yang sudah di-escape dengan <mark> pada kata yang cocok */
          snippet: string; /** Halaman pindaian (mulai 1) tempat kecocokan terbaik */
          page?: number;
          fileId?: string; /** Hasil berupa rapat koordinasi: judul, waktu, dan dokumen tempat kata ditemukan */
          meeting?: {
            id: string;
            title: string; /** Waktu mulai rapat (ISO) */
            startAt: string;
            matchedIn: 'rapat' | 'notulen' | 'tindak_lanjut' | 'pindaian_notulen' | 'daftar_hadir';
          };
        }>; /** "Maksud Anda": ejaan lain yang menemukan lebih banyak surat yang boleh dibuka */
        suggestion?: {
          q: string;
          total: number; /** Lebih banyak surat dari `total` yang cocok */
          more?: boolean;
        }; /** Kata yang diketik tidak menemukan apa pun; hasil ini untuk ejaan `to` */
        corrected?: { from: string; to: string };
      };
    };
  };
  '/api/search/options': {
    /** Pilihan filter pencarian bagi pengguna: sifat keamanan yang boleh dilihat, buku agenda */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: {
        /** Sifat keamanan surat yang boleh dilihat pengguna (pilihan filter) */
        securityClasses: Array<'B' | 'T' | 'R' | 'SR'>;
        registers: Array<{ code: string; name: string; isDefault: boolean }>;
      };
    };
  };
  '/api/search/rebuild': {
    /** Bangun ulang indeks pencarian replika ini dari log kejadian */
    post: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: { documents: number; segments: number; ms: number };
    };
  };
  '/pki/ca.cer': {
    /** Sertifikat CA instansi (DER), untuk dipercaya oleh pembaca PDF */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/pki/ca/{file}': {
    /** Sertifikat CA instansi tertentu (yang sekarang atau yang lama), DER */
    get: {
      params: { file: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/pki/crl.der': {
    /** Daftar sertifikat yang dicabut (CRL, DER), ditandatangani CA instansi */
    get: {
      params: void;
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/pki/crl/{file}': {
    /** CRL (DER) sebuah CA instansi (yang sekarang atau yang lama), alamat yang disebut sertifikatnya */
    get: {
      params: { file: string };
      query: void;
      body: void;
      multipart: void;
      response: void;
    };
  };
  '/v/{code}': {
    /** Verifikasi publik naskah dinas dari kode QR (HTML, atau JSON dengan ?format=json) */
    get: {
      params: { code: string };
      query: { format?: 'html' | 'json' };
      body: void;
      multipart: void;
      response: Schemas['VerificationAnswer'];
    };
  };
  '/v/{code}/check': {
    /** Memeriksa tanda tangan elektronik berkas PDF yang diunggah dan membandingkannya dengan naskah dinas yang ditandatangani (sha256); dibatasi per alamat IP */
    post: {
      params: { code: string };
      query: { format?: 'html' | 'json' };
      body: void;
      multipart: Record<string, unknown>;
      response: Schemas['VerificationCheck'];
    };
  };
}

export type ApiPath = keyof Api;
/** The JSON answer of a route, e.g. `ApiResponse<'/api/archive/berkas/{id}', 'get'>`. */
export type ApiResponse<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends {
  response: infer R;
}
  ? R
  : never;
/** The JSON body a route takes. */
export type ApiBody<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends { body: infer B }
  ? B
  : never;
/** The parts of a multipart route's body: JSON parts as the value to stringify, file parts
 * as Blobs. */
export type ApiMultipart<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends {
  multipart: infer F;
}
  ? F
  : never;
/** The query a route takes. */
export type ApiQuery<P extends ApiPath, M extends keyof Api[P]> = Api[P][M] extends {
  query: infer Q;
}
  ? Q
  : never;
