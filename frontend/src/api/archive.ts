import { buildUrl, http } from './http.ts';
import type { ApiBody, ApiQuery, Schemas } from './generated.ts';

/** The archive (berkas, JRA, retention, locations, lending, transfer/disposal/handover) and
 * the bulk import of old scans. Answers come from the API's OpenAPI document (generated.ts;
 * backend/src/modules/archive/archive.responses.ts, modules/import/import.responses.ts). */

export type FinalDisposition = 'musnah' | 'permanen' | 'dinilai_kembali';
export type BerkasStatus = 'open' | 'closed' | 'inactive' | 'disposed' | 'handed_over';
export type ItemType = 'incoming' | 'outgoing' | 'imported';
export type ProposalKind = 'transfer' | 'disposal' | 'handover';
export type ProposalStatus =
  'proposed' | 'approved' | 'rejected' | 'cancelled' | 'executing' | 'executed';
export type DueCategory = 'transfer' | 'disposal' | 'handover' | 'reappraisal' | 'hold' | 'open';
export type Media = 'kertas' | 'elektronik' | 'campuran';

export interface List<T> {
  items: T[];
  total: number;
}

export type Retention = Schemas['Retention'];

export type Berkas = Schemas['Berkas'];

export type BerkasItem = Schemas['BerkasItem'];

export type BerkasDetail = Schemas['BerkasDetail'];

type BerkasListQuery = NonNullable<ApiQuery<'/api/archive/berkas', 'get'>>;
/** The API's berkas filters as the list screen holds them: '' for any status, null for any
 * year, a boolean for `hold`. */
export type BerkasQuery = Omit<BerkasListQuery, 'status' | 'year' | 'hold'> & {
  status?: BerkasListQuery['status'] | '';
  year?: number | null;
  hold?: boolean;
};

export type BerkasInput = ApiBody<'/api/archive/berkas', 'post'>;

export type UnfiledLetter = Schemas['UnfiledLetter'];

export type FileOutcome = Schemas['FileOutcome'];

export type Dashboard = Schemas['ArchiveDashboard'];

export type Box = Schemas['Box'];

export type BoxInput = Partial<
  Pick<Box, 'code' | 'cabinet' | 'shelf' | 'holder' | 'unitName' | 'notes'>
> & { building: string; room: string };

export type Loan = Schemas['Loan'];

export type LoanInput = ApiBody<'/api/archive/loans', 'post'>;

export type Proposal = Schemas['ArchiveProposal'];

export type InstrumentRow = Schemas['InstrumentRow'];

export type ArchiveSettings = Schemas['ArchiveSettings'];

export type ImportStatus =
  'validating' | 'validated' | 'importing' | 'paused' | 'done' | 'failed' | 'cancelled';

export type ImportBatch = Schemas['ImportBatch'];

export type ImportRow = Schemas['ImportRow'];

const B = '/api/archive';

// --- Dashboard and due lists
export const getDashboard = (query: { asOf?: string; unitId?: string } = {}) =>
  http.get<Dashboard>(`${B}/dashboard`, { query });
export const listDue = (query: {
  category: DueCategory;
  asOf?: string;
  unitId?: string;
  page?: number;
  pageSize?: number;
}) => http.get<List<Berkas> & { asOf: string }>(`${B}/due`, { query });

// --- Berkas
export const listBerkas = (query: BerkasQuery) =>
  http.get<List<Berkas>>(`${B}/berkas`, {
    query: {
      ...query,
      status: query.status || undefined,
      year: query.year ?? undefined,
      hold: query.hold ? 'true' : undefined,
    } satisfies BerkasListQuery,
  });
export const getBerkas = (id: string) => http.get<BerkasDetail>(`${B}/berkas/${id}`);
export const createBerkas = (input: BerkasInput) => http.post<Berkas>(`${B}/berkas`, input);
export const updateBerkas = (id: string, input: Partial<BerkasInput>) =>
  http.patch<Berkas>(`${B}/berkas/${id}`, input);
export const fileLetters = (id: string, letters: Array<{ type: ItemType; id: string }>) =>
  http.post<FileOutcome>(`${B}/berkas/${id}/items`, { letters });
export const unfileItem = (id: string, itemId: string) =>
  http.delete<void>(`${B}/berkas/${id}/items/${itemId}`);
export const closeBerkas = (id: string, closedOn?: string) =>
  http.post<Berkas>(`${B}/berkas/${id}/close`, closedOn ? { closedOn } : {});
export const reopenBerkas = (id: string, reason: string) =>
  http.post<Berkas>(`${B}/berkas/${id}/reopen`, { reason });
export const holdBerkas = (id: string, reason: string) =>
  http.post<Berkas>(`${B}/berkas/${id}/hold`, { reason });
export const releaseBerkas = (id: string, reason: string) =>
  http.post<Berkas>(`${B}/berkas/${id}/release`, { reason });
export const reappraiseBerkas = (id: string, decision: 'musnah' | 'permanen', note: string) =>
  http.post<Berkas>(`${B}/berkas/${id}/reappraise`, { decision, note });
export const setBerkasLocation = (id: string, boxId: string | null, folder: string | null) =>
  http.put<Berkas>(`${B}/berkas/${id}/location`, { boxId, folder });
export const daftarIsiUrl = (id: string, format: 'pdf' | 'xlsx') =>
  buildUrl('', `${B}/berkas/${id}/contents`, { format });
export const daftarBerkasUrl = (
  format: 'pdf' | 'xlsx',
  query: { unitId?: string; year?: number | null; status?: string },
) =>
  buildUrl('', `${B}/berkas/export`, {
    format,
    unitId: query.unitId,
    year: query.year ?? undefined,
    status: query.status || undefined,
  });
export const listUnfiled = (query: {
  type: ItemType;
  year: number;
  code?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}) => http.get<List<UnfiledLetter>>(`${B}/unfiled`, { query });

// --- Instruments
export const listInstruments = (query: {
  q?: string;
  scheme?: '2022' | 'legacy' | '';
  page?: number;
  pageSize?: number;
}) =>
  http.get<List<InstrumentRow>>(`${B}/retention`, {
    query: { ...query, scheme: query.scheme || undefined },
  });
export const getRetention = (code: string) =>
  http.get<{ code: string; effective: Retention | null }>(`${B}/retention/${code}`);
export const setRetention = (
  code: string,
  input: {
    activeYears: number;
    inactiveYears: number;
    finalDisposition: FinalDisposition;
    note?: string;
  },
) =>
  http.put<{ code: string; effective: Retention | null; recomputed: number }>(
    `${B}/retention/${code}`,
    input,
  );
export const removeRetention = (code: string) =>
  http.delete<{ code: string; effective: Retention | null; recomputed: number }>(
    `${B}/retention/${code}`,
  );
export const createCode = (input: {
  code: string;
  title: string;
  scheme: '2022' | 'legacy';
  mapsTo?: string[];
}) => http.post<InstrumentRow>(`${B}/classification-codes`, input);
export const updateCode = (
  code: string,
  input: { title?: string; active?: boolean; mapsTo?: string[] },
) => http.patch<InstrumentRow>(`${B}/classification-codes/${code}`, input);
export const getSettings = () => http.get<ArchiveSettings>(`${B}/settings`);
export const updateSettings = (input: {
  transferApprovers?: string[];
  disposalApprovers?: string[];
  handoverApprovers?: string[];
  recordsCentreName?: string;
  archiveInstitutionName?: string;
}) => http.put<ArchiveSettings>(`${B}/settings`, input);
export const approverPositions = (q = '') =>
  http.get<{ items: Array<{ id: string; title: string; kind: string }> }>(
    `${B}/approver-positions`,
    { query: { q } },
  );

// --- Locations
export const listBoxes = (
  query: { q?: string; includeInactive?: boolean; page?: number; pageSize?: number } = {},
) =>
  http.get<List<Box>>(`${B}/boxes`, {
    query: { ...query, includeInactive: query.includeInactive ? 'true' : undefined },
  });
export const createBox = (input: BoxInput) => http.post<Box>(`${B}/boxes`, input);
export const updateBox = (id: string, input: Partial<BoxInput> & { active?: boolean }) =>
  http.patch<Box>(`${B}/boxes/${id}`, input);
export const boxLabelUrl = (id: string) => `${B}/boxes/${id}/label.pdf`;

// --- Lending
export const listLoans = (query: {
  status?: 'out' | 'returned' | 'overdue' | '';
  q?: string;
  page?: number;
  pageSize?: number;
}) =>
  http.get<List<Loan>>(`${B}/loans`, { query: { ...query, status: query.status || undefined } });
export const createLoan = (input: LoanInput) => http.post<Loan>(`${B}/loans`, input);
export const returnLoan = (id: string, input: { returnedOn?: string; note?: string }) =>
  http.post<Loan>(`${B}/loans/${id}/return`, input);
export const loanReceiptUrl = (id: string) => `${B}/loans/${id}/receipt.pdf`;

// --- Proposals
export const listProposals = (query: {
  kind?: ProposalKind | '';
  status?: ProposalStatus | '';
  awaitingMe?: boolean;
  page?: number;
  pageSize?: number;
}) =>
  http.get<List<Proposal>>(`${B}/proposals`, {
    query: {
      ...query,
      kind: query.kind || undefined,
      status: query.status || undefined,
      awaitingMe: query.awaitingMe ? 'true' : undefined,
    },
  });
export const getProposal = (id: string) => http.get<Proposal>(`${B}/proposals/${id}`);
export const createProposal = (input: {
  kind: ProposalKind;
  berkasIds: string[];
  note?: string;
  destinationBoxId?: string;
}) => http.post<Proposal>(`${B}/proposals`, input);
export const decideProposal = (id: string, decision: 'approve' | 'reject', note?: string) =>
  http.post<Proposal>(`${B}/proposals/${id}/decision`, { decision, note });
export const cancelProposal = (id: string, reason: string) =>
  http.post<Proposal>(`${B}/proposals/${id}/cancel`, { reason });
export const executeProposal = (id: string) => http.post<Proposal>(`${B}/proposals/${id}/execute`);
export const proposalDocumentUrl = (id: string, doc: 'berita-acara' | 'daftar' | 'paket') =>
  `${B}/proposals/${id}/documents/${doc}`;

// --- Import of old scans
export const importTemplateUrl = '/api/imports/template.csv';
export const listImports = (query: { page?: number; pageSize?: number } = {}) =>
  http.get<List<ImportBatch>>('/api/imports', { query });
export const getImport = (id: string) => http.get<ImportBatch>(`/api/imports/${id}`);
export const listImportRows = (
  id: string,
  query: {
    status?: ImportRow['status'] | '';
    problems?: boolean;
    page?: number;
    pageSize?: number;
  },
) =>
  http.get<List<ImportRow>>(`/api/imports/${id}/rows`, {
    query: {
      ...query,
      status: query.status || undefined,
      problems: query.problems ? 'true' : undefined,
    },
  });
export const importReportUrl = (id: string) => `/api/imports/${id}/report.csv`;
export const importFolders = () => http.get<{ items: string[] }>('/api/imports/folders');
export function uploadImport(
  zip: File,
  manifest: File | null,
  name: string,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ImportBatch> {
  const form = new FormData();
  if (name) form.append('name', name);
  form.append('archive', zip, zip.name);
  if (manifest) form.append('manifest', manifest, manifest.name);
  return http.upload<ImportBatch>('/api/imports', form, {
    onProgress: (p) => onProgress?.(p.fraction),
    ...(signal ? { signal } : {}),
  });
}
export const importFolder = (folder: string, name?: string) =>
  http.post<ImportBatch>('/api/imports/folder', { folder, name: name || undefined });
export const startImport = (id: string, skipInvalid: boolean) =>
  http.post<ImportBatch>(`/api/imports/${id}/start`, { skipInvalid });
export const pauseImport = (id: string) => http.post<ImportBatch>(`/api/imports/${id}/pause`);
export const resumeImport = (id: string) => http.post<ImportBatch>(`/api/imports/${id}/resume`);
export const cancelImport = (id: string) => http.delete<ImportBatch>(`/api/imports/${id}`);
export type ImportedLetter = Schemas['ImportedLetter'];
export const getImportedLetter = (id: string) =>
  http.get<ImportedLetter>(`/api/imported-letters/${id}`);
