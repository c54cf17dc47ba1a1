import { z } from 'zod';
import { ROLES, SECURITY_CLASSES } from '../../http/actor.ts';
import { ACTING_KINDS, POSITION_KINDS, UNIT_KINDS } from './org.model.ts';

export const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'Pengenal tidak valid.');
export const idParams = z.object({ id: objectId });

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const unitCreateBody = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Kode unit wajib diisi.')
    .max(30)
    .regex(
      /^[A-Za-z0-9.-]+$/,
      'Kode unit hanya boleh berisi huruf, angka, titik dan tanda hubung.',
    ),
  name: z.string().trim().min(1, 'Nama unit wajib diisi.').max(200),
  kind: z.enum(UNIT_KINDS),
  parentId: objectId.nullable(),
  order: z.number().int().min(0).max(10_000).optional(),
});
export const unitUpdateBody = unitCreateBody.partial().extend({ active: z.boolean().optional() });

export const positionCreateBody = z.object({
  key: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Kunci jabatan hanya huruf kecil, angka, _ dan -.'),
  title: z.string().trim().min(1, 'Nama jabatan wajib diisi.').max(200),
  kind: z.enum(POSITION_KINDS),
  unitId: objectId,
  parentId: objectId.nullable(),
  order: z.number().int().min(0).max(10_000).optional(),
});
export const positionUpdateBody = positionCreateBody
  .partial()
  .extend({ active: z.boolean().optional() });

export const positionListQuery = z.object({
  unitId: objectId.optional(),
  /** With unitId: also the positions of every unit below it. */
  subtree: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Nama pengguna minimal 3 karakter.')
  .max(60)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Nama pengguna hanya huruf kecil, angka, titik, _ dan -.');

const userProfileShape = {
  name: z.string().trim().min(1, 'Nama wajib diisi.').max(200),
  nip: z
    .string()
    .trim()
    .regex(/^\d{18}$/, 'NIP harus 18 angka.')
    .nullable(),
  nik: z
    .string()
    .trim()
    .regex(/^\d{16}$/, 'NIK harus 16 angka.')
    .regex(/^[1-9]\d{5}/, 'NIK tidak valid: enam angka pertamanya adalah kode wilayah.')
    .nullable(),
  email: z.email('Alamat e-mail tidak valid.').nullable(),
  phone: z.string().trim().max(30).nullable(),
  rank: z.string().trim().max(100).nullable(),
  grade: z.string().trim().max(20).nullable(),
  roles: z.array(z.enum(ROLES)).max(4),
  clearance: z.enum(SECURITY_CLASSES),
  /** The user's own (definitive) position; null ends it. */
  positionId: objectId.nullable(),
};

export const userCreateBody = z.object({
  username,
  name: userProfileShape.name,
  nip: userProfileShape.nip.optional(),
  nik: userProfileShape.nik.optional(),
  email: userProfileShape.email.optional(),
  phone: userProfileShape.phone.optional(),
  rank: userProfileShape.rank.optional(),
  grade: userProfileShape.grade.optional(),
  roles: userProfileShape.roles.default([]),
  clearance: userProfileShape.clearance.default('B'),
  /** Initial password; without it the account cannot log in until one is set. */
  password: z.string().max(200).optional(),
  positionId: userProfileShape.positionId.optional(),
});

/** Every field optional and without defaults: a PATCH changes only what it names. */
export const userUpdateBody = z
  .object(userProfileShape)
  .partial()
  .extend({ active: z.boolean().optional() });

export const userListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const passwordResetBody = z.object({ password: z.string().min(1).max(200) });

export const actingCreateBody = z
  .object({
    userId: objectId,
    positionId: objectId,
    kind: z.enum(ACTING_KINDS),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    note: optionalText(500),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), {
    message: 'Tanggal selesai harus sesudah tanggal mulai.',
    path: ['endsAt'],
  });

export const assignmentListQuery = z.object({
  acting: z.enum(['true', 'false']).optional(),
  userId: objectId.optional(),
  positionId: objectId.optional(),
  /** current: in force now; upcoming; past; all (default). */
  status: z.enum(['current', 'upcoming', 'past', 'all']).default('all'),
});

const holder = z.object({
  userId: z.string(),
  name: z.string(),
  acting: z.boolean(),
  actingKind: z.enum(ACTING_KINDS).nullable(),
});

export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  ancestorIds: z.array(z.string()),
  order: z.number(),
  active: z.boolean(),
});

export const positionSchema = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  kind: z.enum(POSITION_KINDS),
  unitId: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  parentId: z.string().nullable(),
  ancestorIds: z.array(z.string()),
  order: z.number(),
  active: z.boolean(),
  holders: z.array(holder),
});

export const assignmentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  positionId: z.string(),
  positionTitle: z.string().nullable(),
  unitName: z.string().nullable(),
  acting: z.boolean(),
  actingKind: z.enum(ACTING_KINDS).nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(['current', 'upcoming', 'past']),
});

export const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  /** NIK (16 digits): admins only, like this whole answer. */
  nik: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  rank: z.string().nullable(),
  grade: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  clearance: z.enum(SECURITY_CLASSES),
  active: z.boolean(),
  passwordSet: z.boolean(),
  demoPassword: z.boolean(),
  createdAt: z.string().nullable(),
  /** Assignments in force now (own position first, then Plt/Plh). */
  assignments: z.array(assignmentSchema),
});
