/** Shapes shared by several API modules. They mirror the backend's zod schemas
 * (backend/src/http/actor.ts and the module schemas); keep them in step. */

export const ROLES = ['admin', 'agendaris', 'pejabat', 'arsiparis'] as const;
export type Role = (typeof ROLES)[number];

export const SECURITY_CLASSES = ['B', 'T', 'R', 'SR'] as const;
export type SecurityClass = (typeof SECURITY_CLASSES)[number];

/** A server-side paginated list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
