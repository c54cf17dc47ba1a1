import type { Actor, Role, SecurityClass } from '../../http/actor.ts';
import { conflict, notFound, validationFailed } from '../../http/errors.ts';
import { now } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { setPassword } from '../auth/auth.service.ts';
import { passwordProblem } from '../auth/password.ts';
import { revokeUserSessions } from '../auth/session.service.ts';
import { revokeUserTokens } from '../auth/token.service.ts';
import { UserModel, type User } from './org.model.ts';
import { assignOwnPosition, loadPositionOrFail } from './org.assignments.service.ts';
import { escapeRegex } from '../../lib/regex.ts';
import { isDuplicateKey } from '../../lib/upsert.ts';

/** Admin writes on users. Assignments live in org.assignments.service.ts. */

export interface UserInput {
  username: string;
  name: string;
  nip?: string | null;
  nik?: string | null;
  email?: string | null;
  phone?: string | null;
  rank?: string | null;
  grade?: string | null;
  roles: Role[];
  clearance: SecurityClass;
  password?: string;
  positionId?: string | null;
}

const PROFILE_FIELDS = [
  'name',
  'nip',
  'nik',
  'email',
  'phone',
  'rank',
  'grade',
  'roles',
  'clearance',
  'active',
] as const;
/** The audit trail is kept for years and hash-chained: it records that a NIK changed and
 * its last four digits, never the whole number (personal data). */
const maskNik = (nik: string | null | undefined) => (nik ? `************${nik.slice(-4)}` : null);
const profile = (u: Partial<User>) =>
  Object.fromEntries(PROFILE_FIELDS.map((k) => [k, k === 'nik' ? maskNik(u.nik) : (u[k] ?? null)]));

/** A NIK names one person: refused when another account already carries it. A read before
 * the write (admin edits, not contended); the index on `nik` makes it an equality lookup. */
async function assertNikFree(nik: string | null | undefined, userId?: string): Promise<void> {
  if (!nik) return;
  const holder = await UserModel.findOne({ nik }).select({ _id: 1 }).lean<{ _id: unknown }>();
  if (holder && String(holder._id) !== userId)
    throw conflict('NIK ini sudah tercatat pada pengguna lain.', { field: 'nik' });
}

async function loadUser(id: string): Promise<User> {
  const user = await UserModel.findById(id).lean<User>();
  if (!user) throw notFound('Pengguna');
  return user;
}

export async function listUsers(query: {
  q?: string;
  role?: Role;
  active?: 'true' | 'false';
  page: number;
  pageSize: number;
}) {
  const filter: Record<string, unknown> = {};
  if (query.q) {
    const pattern = { $regex: escapeRegex(query.q), $options: 'i' };
    filter.$or = [{ name: pattern }, { username: pattern }, { nip: pattern }];
  }
  if (query.role) filter.roles = query.role;
  if (query.active) filter.active = query.active === 'true';
  const [items, total] = await Promise.all([
    UserModel.find(filter)
      .sort({ name: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<User[]>(),
    UserModel.countDocuments(filter),
  ]);
  return { items, total };
}

export async function getUserForAdmin(id: string): Promise<User> {
  return loadUser(id);
}

export async function createUser(actor: Actor, input: UserInput, ip: string): Promise<User> {
  if (input.positionId) await loadPositionOrFail(input.positionId);
  if (input.password !== undefined) assertPasswordAcceptable(input.password, input.username);
  await assertNikFree(input.nik);
  let user: User;
  try {
    const created = await UserModel.create({
      username: input.username,
      name: input.name,
      nip: input.nip ?? null,
      nik: input.nik ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      rank: input.rank ?? null,
      grade: input.grade ?? null,
      roles: [...new Set(input.roles)],
      clearance: input.clearance,
      active: true,
      passwordHash: null,
      demoPassword: false,
      deactivatedAt: null,
    });
    user = created.toObject() as User;
  } catch (error) {
    if (isDuplicateKey(error)) {
      throw conflict(`Nama pengguna ${input.username} sudah dipakai.`, { field: 'username' });
    }
    throw error;
  }
  if (input.password !== undefined)
    await setPassword(String(user._id), user.username, input.password);
  await recordAudit({
    actor,
    action: 'org.user.create',
    recordType: 'user',
    recordId: String(user._id),
    after: { username: user.username, ...profile(user) },
    ip,
  });
  if (input.positionId) await assignOwnPosition(actor, user, input.positionId, ip);
  return loadUser(String(user._id));
}

export async function updateUser(
  actor: Actor,
  id: string,
  input: Partial<Omit<UserInput, 'username' | 'password'>> & { active?: boolean },
  ip: string,
): Promise<User> {
  const user = await loadUser(id);
  if (id === actor.userId) {
    // An admin cannot lock themselves out; another admin must do it.
    if (input.active === false)
      throw validationFailed('Anda tidak dapat menonaktifkan akun Anda sendiri.');
    if (input.roles && !input.roles.includes('admin')) {
      throw validationFailed('Anda tidak dapat mencabut peran admin dari akun Anda sendiri.', {
        field: 'roles',
      });
    }
  }
  if (input.positionId) await loadPositionOrFail(input.positionId);
  await assertNikFree(input.nik, id);
  const set: Record<string, unknown> = {};
  for (const key of PROFILE_FIELDS) {
    if (input[key] !== undefined)
      set[key] = key === 'roles' ? [...new Set(input.roles)] : input[key];
  }
  if (input.active === false && user.active !== false) set.deactivatedAt = now();
  if (input.active === true) set.deactivatedAt = null;
  if (Object.keys(set).length) await UserModel.updateOne({ _id: user._id }, { $set: set });
  if (input.active === false && user.active !== false) {
    // Deactivation ends every way in at once.
    await revokeUserSessions(id);
    await revokeUserTokens(id, actor.userId);
  }
  const after = await loadUser(id);
  await recordAudit({
    actor,
    action: 'org.user.update',
    recordType: 'user',
    recordId: id,
    before: profile(user),
    after: profile(after),
    ip,
  });
  if (input.positionId !== undefined) await assignOwnPosition(actor, after, input.positionId, ip);
  return after;
}

export async function resetUserPassword(
  actor: Actor,
  id: string,
  password: string,
  ip: string,
): Promise<void> {
  const user = await loadUser(id);
  await setPassword(id, user.username, password);
  await revokeUserSessions(id);
  await recordAudit({
    actor,
    action: 'org.user.password_reset',
    recordType: 'user',
    recordId: id,
    ip,
  });
}

/** Checked before the user is created, so a weak password never leaves a half-made account. */
function assertPasswordAcceptable(password: string, username: string): void {
  const problem = passwordProblem(password, { username });
  if (problem) throw validationFailed(problem, { field: 'password' });
}
