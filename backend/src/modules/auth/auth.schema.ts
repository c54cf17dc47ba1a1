import { z } from 'zod';
import { ROLES, SECURITY_CLASSES } from '../../http/actor.ts';

export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'Pengenal tidak valid.');

export const loginBody = z.object({
  username: z.string().trim().min(1, 'Nama pengguna wajib diisi.').max(100),
  password: z.string().min(1, 'Kata sandi wajib diisi.').max(200),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Kata sandi saat ini wajib diisi.').max(200),
  newPassword: z.string().min(1, 'Kata sandi baru wajib diisi.').max(200),
});

/** What users may change about themselves; the rest is the admin's. */
export const profileBody = z.object({
  email: z.email('Alamat e-mail tidak valid.').nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() -]{6,30}$/, 'Nomor telepon tidak valid.')
    .nullable()
    .optional(),
});

export const heldPositionSchema = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  /** "Plh. Kepala Biro Umum" while acting; the title otherwise. */
  displayTitle: z.string(),
  kind: z.string(),
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  acting: z.boolean(),
  actingKind: z.enum(['plt', 'plh']).nullable(),
});

export const meUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  /** The user's own NIK (personal data: this answer is the user's own). */
  nik: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  rank: z.string().nullable(),
  grade: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  clearance: z.enum(SECURITY_CLASSES),
  positions: z.array(heldPositionSchema),
  /** True while the account still has the seeded demo password. */
  demoPassword: z.boolean(),
});

export const sessionAnswer = z.object({
  user: meUserSchema,
  /** Send back in X-CSRF-Token on every POST/PUT/PATCH/DELETE; null for bearer callers. */
  csrfToken: z.string().nullable(),
  session: z
    .object({
      via: z.enum(['session', 'token']),
      idleExpiresAt: z.string().nullable(),
      expiresAt: z.string().nullable(),
    })
    .optional(),
});

/** GET /api/auth/session: the browser's session if it has one, `current: null` if not
 * (a 200 either way, so a visitor's first page load logs no failed request). */
export const sessionProbeAnswer = z.object({ current: sessionAnswer.nullable() });

export const tokenListQuery = z.object({ userId: objectId.optional() });

export const createTokenBody = z.object({
  name: z.string().trim().min(1, 'Nama token wajib diisi.').max(100),
  /** Omit or null for a token that lasts until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** Admins may create a token for another user; others only for themselves. */
  userId: objectId.optional(),
});

export const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});

export const createdTokenSchema = z.object({
  token: tokenSchema,
  /** The secret, shown this once only. */
  secret: z.string(),
});

export const idParams = z.object({ id: objectId });

/** PUT /api/auth/pin: a new signing PIN, or null to remove it; the password always. */
export const setPinBody = z.object({
  currentPassword: z.string().min(1, 'Kata sandi saat ini wajib diisi.').max(200),
  pin: z
    .string()
    .regex(/^\d{6}$/, 'PIN harus terdiri atas 6 angka.')
    .nullable(),
});

export const pinStatusSchema = z.object({
  hasPin: z.boolean(),
  setAt: z.string().nullable(),
});

/** What a signature or paraf carries besides its own fields: the password or the PIN,
 * checked again on the server (reauth.service.ts). */
export const reauthFields = {
  password: z.string().max(200).optional(),
  pin: z.string().max(20).optional(),
};
