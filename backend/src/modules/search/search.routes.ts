import { z } from 'zod';
import { defineRoute, type RouteDefinition } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { searchOptionsSchema, searchQuerySchema, searchResponseSchema } from './search.schema.ts';
import { rebuildSearchIndex, searchLetters, searchOptions } from './search.service.ts';

export function searchRoutes(services: Services): RouteDefinition<any, any, any>[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/search',
      summary: 'Cari surat (teks pindaian, metadata, catatan disposisi) yang boleh dibuka pengguna',
      tags: ['pencarian'],
      query: searchQuerySchema,
      response: { schema: searchResponseSchema },
      handler: (_ctx, { actor, query }) => searchLetters(services, actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/search/options',
      summary:
        'Pilihan filter pencarian bagi pengguna: sifat keamanan yang boleh dilihat, buku agenda',
      tags: ['pencarian'],
      response: { schema: searchOptionsSchema },
      handler: (_ctx, { actor }) => searchOptions(actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/search/rebuild',
      summary: 'Bangun ulang indeks pencarian replika ini dari log kejadian',
      tags: ['pencarian'],
      roles: rolesFor('org.manage'),
      response: {
        schema: z.object({ documents: z.number(), segments: z.number(), ms: z.number() }),
      },
      handler: () => rebuildSearchIndex(services),
    }),
  ];
}
