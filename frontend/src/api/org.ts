import { http } from './http.ts';
import type { ApiBody, ApiQuery, ApiResponse } from './generated.ts';
import type { Page } from './types.ts';

export const UNIT_KINDS = ['setda', 'asisten', 'biro', 'bagian', 'lainnya'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const POSITION_KINDS = ['sekda', 'asisten', 'kepala_biro', 'kepala_bagian', 'staf'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];
export const ACTING_KINDS = ['plt', 'plh'] as const;
export type ActingKind = (typeof ACTING_KINDS)[number];

/** A work unit (unit kerja); units form a tree through parentId (backend org.schema.ts). */
export type Unit = ApiResponse<'/api/org/units', 'get'>['items'][number];

/** What the admin sends for a unit (POST /api/admin/units; PATCH takes any part of it). */
export type UnitInput = ApiBody<'/api/admin/units', 'post'> &
  Pick<ApiBody<'/api/admin/units/{id}', 'patch'>, 'active'>;

export type PositionHolder = Position['holders'][number];

/** A position (jabatan) in a unit, reporting to a parent position, with today's holders. */
export type Position = ApiResponse<'/api/org/positions/{id}', 'get'>;

export type PositionInput = ApiBody<'/api/admin/positions', 'post'> &
  Pick<ApiBody<'/api/admin/positions/{id}', 'patch'>, 'active'>;

/** A user holding a position from startsAt to endsAt (exclusive); acting for Plt/Plh. */
export type Assignment = ApiResponse<'/api/admin/assignments', 'get'>['items'][number];

export type User = ApiResponse<'/api/admin/users/{id}', 'get'>;

/** Without `password` the account cannot log in until one is set; `positionId` is the
 * user's own (definitive) position. */
export type UserCreateInput = ApiBody<'/api/admin/users', 'post'>;

/** `active: false` deactivates; `positionId` replaces the own position (null ends it). */
export type UserUpdateInput = ApiBody<'/api/admin/users/{id}', 'patch'>;

/** The user list's filters; empty or null ones are left out of the request. */
export type UserQuery = {
  [K in keyof ApiQuery<'/api/admin/users', 'get'>]?: ApiQuery<'/api/admin/users', 'get'>[K] | null;
};

/** startsAt/endsAt are instants; endsAt is exclusive (midnight WIB after the last day). */
export type ActingInput = ApiBody<'/api/admin/assignments', 'post'>;

export type AssignmentQuery = ApiQuery<'/api/admin/assignments', 'get'>;

// Organisation, readable by every logged-in user.
export async function listUnits(query: { includeInactive?: boolean } = {}): Promise<Unit[]> {
  const answer = await http.get<{ items: Unit[] }>('/api/org/units', {
    query: { includeInactive: query.includeInactive ? 'true' : undefined },
  });
  return answer.items;
}

export async function listPositions(
  query: { unitId?: string; q?: string; includeInactive?: boolean } = {},
): Promise<Position[]> {
  const answer = await http.get<{ items: Position[] }>('/api/org/positions', {
    query: {
      unitId: query.unitId,
      q: query.q,
      includeInactive: query.includeInactive ? 'true' : undefined,
    },
  });
  return answer.items;
}

export function getPosition(id: string): Promise<Position> {
  return http.get<Position>(`/api/org/positions/${encodeURIComponent(id)}`);
}

// Admin: units and positions.
export function createUnit(input: UnitInput): Promise<Unit> {
  return http.post<Unit>('/api/admin/units', input);
}
export function updateUnit(id: string, input: Partial<UnitInput>): Promise<Unit> {
  return http.patch<Unit>(`/api/admin/units/${encodeURIComponent(id)}`, input);
}
export function createPosition(input: PositionInput): Promise<Position> {
  return http.post<Position>('/api/admin/positions', input);
}
export function updatePosition(id: string, input: Partial<PositionInput>): Promise<Position> {
  return http.patch<Position>(`/api/admin/positions/${encodeURIComponent(id)}`, input);
}

// Admin: users.
export function listUsers(query: UserQuery): Promise<Page<User>> {
  return http.get<Page<User>>('/api/admin/users', { query: { ...query } });
}
export function getUser(id: string): Promise<User> {
  return http.get<User>(`/api/admin/users/${encodeURIComponent(id)}`);
}
export function createUser(input: UserCreateInput): Promise<User> {
  return http.post<User>('/api/admin/users', input);
}
/** `active: false` deactivates the account and ends all its sessions and tokens;
 * `positionId` replaces the own position (null ends it). */
export function updateUser(id: string, input: UserUpdateInput): Promise<User> {
  return http.patch<User>(`/api/admin/users/${encodeURIComponent(id)}`, input);
}
/** Sets a new password for the user; their sessions end. */
export function resetUserPassword(id: string, password: string): Promise<void> {
  return http.post<void>(`/api/admin/users/${encodeURIComponent(id)}/password`, { password });
}

// Admin: assignments (own positions and Plt/Plh).
export async function listAssignments(query: AssignmentQuery): Promise<Assignment[]> {
  return (
    await http.get<{ items: Assignment[] }>('/api/admin/assignments', { query: { ...query } })
  ).items;
}
/** Appoints an acting official (Plt/Plh) to a second position for a date range. */
export function createActingAssignment(input: ActingInput): Promise<Assignment> {
  return http.post<Assignment>('/api/admin/assignments', input);
}
/** Ends an assignment now (one that has not started yet is cancelled). */
export function endAssignment(id: string): Promise<void> {
  return http.delete<void>(`/api/admin/assignments/${encodeURIComponent(id)}`);
}
