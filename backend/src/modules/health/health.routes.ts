import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { checkHealth } from './health.service.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unavailable']),
  storage: z.enum(['ok', 'unavailable']),
  mail: z.enum(['ok', 'disabled']),
  version: z.string(),
});

export function healthRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: 'Status layanan: basis data dan penyimpanan berkas',
      tags: ['sistem'],
      access: 'public',
      response: {
        schema: healthSchema,
        description: 'Semua bagian berjalan (503 bila ada yang tidak)',
      },
      async handler(ctx) {
        const report = await checkHealth(services);
        ctx.status = report.status === 'ok' ? 200 : 503;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = report;
      },
    }),
  ];
}
