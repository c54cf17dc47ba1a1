import { z } from 'zod';
import type { StoredFile } from './file.model.ts';

export const storedFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  sha256: z.string(),
  pageCount: z.number().int().nullable(),
  ocrStatus: z.string(),
  contentUrl: z.string(),
});
export type StoredFileJson = z.infer<typeof storedFileSchema>;

export function presentFile(file: StoredFile): StoredFileJson {
  const id = String(file._id);
  return {
    id,
    name: file.name,
    size: file.size,
    mimeType: file.mimeType,
    sha256: file.sha256,
    pageCount: file.pageCount ?? null,
    ocrStatus: file.ocrStatus ?? 'queued',
    contentUrl: `/api/files/${id}/content`,
  };
}
