import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { rolesFor, rolesReachingEverything } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { searchSenders } from './letters.service.ts';
import { SENDER_CATEGORY_KEYS } from './sender-category.ts';
import { suggestSenderCategory } from './sender-category.service.ts';
import { createRegister, listRegisters } from './registers.service.ts';

const registerSchema = z.object({ code: z.string(), name: z.string(), isDefault: z.boolean() });

/** The address book of senders and the list of registers, for the registration form. */
export function letterReferenceRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/incoming-senders',
      summary: 'Buku alamat pengirim: pengirim terdahulu yang cocok, paling sering dipakai dulu',
      tags: ['surat masuk'],
      roles: rolesReachingEverything('letter.view'),
      query: z.object({
        q: z.string().max(200).default(''),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
      response: {
        schema: z.object({
          items: z.array(z.object({ name: z.string(), useCount: z.number().int() })),
        }),
      },
      async handler(_ctx, { query }) {
        const senders = await searchSenders(query.q, query.limit);
        return { items: senders.map((s) => ({ name: s.name, useCount: s.useCount ?? 0 })) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-senders/category',
      summary:
        'Asal pengirim yang ditawarkan untuk seorang pengirim: pilihan agendaris sebelumnya, atau tebakan dari namanya',
      tags: ['surat masuk'],
      roles: rolesReachingEverything('letter.view'),
      query: z.object({ name: z.string().trim().min(1, 'Nama pengirim wajib diisi').max(300) }),
      response: {
        schema: z.object({
          category: z.enum(SENDER_CATEGORY_KEYS),
          source: z.enum(['address-book', 'guess']),
        }),
      },
      async handler(_ctx, { query }) {
        return suggestSenderCategory(query.name);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/incoming-registers',
      summary: 'Daftar buku agenda surat masuk',
      tags: ['surat masuk'],
      response: { schema: z.object({ items: z.array(registerSchema) }) },
      async handler() {
        const registers = await listRegisters();
        return {
          items: registers.map((r) => ({
            code: r.code,
            name: r.name,
            isDefault: r.isDefault ?? false,
          })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/incoming-registers',
      summary: 'Tambah buku agenda (mis. per meja)',
      tags: ['surat masuk'],
      roles: rolesFor('org.manage'),
      body: z
        .object({
          code: z
            .string()
            .trim()
            .regex(/^[A-Z0-9.-]{2,20}$/, 'Kode 2-20 huruf besar, angka, titik atau tanda hubung'),
          name: z.string().trim().min(3).max(120),
        })
        .strict(),
      response: { status: 201, schema: registerSchema },
      async handler(ctx, { body }) {
        const created = await createRegister(body.code, body.name);
        ctx.status = 201;
        return { code: created.code, name: created.name, isDefault: false };
      },
    }),
  ];
}
