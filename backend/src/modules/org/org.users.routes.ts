import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { presentAssignments, presentUsers } from './org.presenter.ts';
import {
  actingCreateBody,
  adminUserSchema,
  assignmentListQuery,
  assignmentSchema,
  idParams,
  passwordResetBody,
  userCreateBody,
  userListQuery,
  userUpdateBody,
} from './org.schema.ts';
import {
  createActingAssignment,
  endAssignment,
  listAssignments,
} from './org.assignments.service.ts';
import {
  createUser,
  getUserForAdmin,
  listUsers,
  resetUserPassword,
  updateUser,
} from './org.users.service.ts';

/** Admin screens for users and assignments (own position and Plt/Plh). */
export function orgUserRoutes(_services: Services) {
  const one = async (user: Parameters<typeof presentUsers>[0][number]) =>
    (await presentUsers([user]))[0];
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/users',
      summary: 'Daftar pengguna (cari nama, nama pengguna atau NIP)',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      query: userListQuery,
      response: {
        schema: z.object({
          items: z.array(adminUserSchema),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
        }),
      },
      async handler(_ctx, { query }) {
        const { items, total } = await listUsers(query);
        return {
          items: await presentUsers(items),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/users/:id',
      summary: 'Satu pengguna dengan penugasannya yang berlaku',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      params: idParams,
      response: { schema: adminUserSchema },
      async handler(_ctx, { params }) {
        return one(await getUserForAdmin(params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users',
      summary: 'Membuat pengguna (opsional: kata sandi awal dan jabatan)',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      body: userCreateBody,
      response: { status: 201, schema: adminUserSchema },
      async handler(ctx, { actor, body }) {
        return one(await createUser(actor, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/admin/users/:id',
      summary: 'Mengubah pengguna; active=false menonaktifkan dan mengakhiri semua sesi dan token',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      params: idParams,
      body: userUpdateBody,
      response: { schema: adminUserSchema },
      async handler(ctx, { actor, params, body }) {
        return one(await updateUser(actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users/:id/password',
      summary: 'Menetapkan kata sandi baru untuk pengguna; sesi pengguna itu berakhir',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      params: idParams,
      body: passwordResetBody,
      response: { status: 204 },
      async handler(ctx, { actor, params, body }) {
        await resetUserPassword(actor, params.id, body.password, ctx.ip);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/assignments',
      summary: 'Penugasan jabatan (definitif dan Plt/Plh)',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      query: assignmentListQuery,
      response: { schema: z.object({ items: z.array(assignmentSchema) }) },
      async handler(_ctx, { query }) {
        return { items: await presentAssignments(await listAssignments(query)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/assignments',
      summary: 'Menugaskan Plt/Plh pada jabatan kedua untuk rentang tanggal',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      body: actingCreateBody,
      response: { status: 201, schema: assignmentSchema },
      async handler(ctx, { actor, body }) {
        const assignment = await createActingAssignment(
          actor,
          { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) },
          ctx.ip,
        );
        return (await presentAssignments([assignment]))[0];
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/admin/assignments/:id',
      summary: 'Mengakhiri penugasan sekarang (yang belum mulai dibatalkan)',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      params: idParams,
      response: { status: 204 },
      async handler(ctx, { actor, params }) {
        await endAssignment(actor, params.id, ctx.ip);
        ctx.status = 204;
      },
    }),
  ];
}
