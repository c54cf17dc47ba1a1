import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import { notFound } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import { PositionModel, UnitModel, type Position, type Unit } from './org.model.ts';
import { presentPositions, presentUnit } from './org.presenter.ts';
import { unitSubtreeIds } from './org.service.ts';
import {
  idParams,
  positionCreateBody,
  positionListQuery,
  positionSchema,
  positionUpdateBody,
  unitCreateBody,
  unitSchema,
  unitUpdateBody,
} from './org.schema.ts';
import { createPosition, createUnit, updatePosition, updateUnit } from './org.admin.service.ts';
import { escapeRegex } from '../../lib/regex.ts';

/** The organisation: read by every logged-in user (pickers for dispositions, addressees),
 * changed only by admins. */
export function orgRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/org/units',
      summary: 'Semua unit kerja (pohon: parentId dan ancestorIds)',
      tags: ['organisasi'],
      query: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
      response: { schema: z.object({ items: z.array(unitSchema) }) },
      async handler(_ctx, { query }) {
        const filter = query.includeInactive === 'true' ? {} : { active: { $ne: false } };
        const units = await UnitModel.find(filter).sort({ order: 1, code: 1 }).lean<Unit[]>();
        return { items: units.map(presentUnit) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/org/positions',
      summary: 'Jabatan beserta pemegangnya hari ini (termasuk Plt/Plh)',
      tags: ['organisasi'],
      query: positionListQuery,
      response: { schema: z.object({ items: z.array(positionSchema) }) },
      async handler(_ctx, { query }) {
        const filter: Record<string, unknown> = {};
        if (query.includeInactive !== 'true') filter.active = { $ne: false };
        if (query.unitId) {
          filter.unitId =
            query.subtree === 'true' ? { $in: await unitSubtreeIds(query.unitId) } : query.unitId;
        }
        if (query.q) filter.title = { $regex: escapeRegex(query.q), $options: 'i' };
        const positions = await PositionModel.find(filter)
          .sort({ order: 1, title: 1 })
          .lean<Position[]>();
        return { items: await presentPositions(positions) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/org/positions/:id',
      summary: 'Satu jabatan dengan pemegangnya',
      tags: ['organisasi'],
      params: idParams,
      response: { schema: positionSchema },
      async handler(_ctx, { params }) {
        const position = await PositionModel.findById(params.id).lean<Position>();
        if (!position) throw notFound('Jabatan');
        return (await presentPositions([position]))[0];
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/units',
      summary: 'Membuat unit kerja',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      body: unitCreateBody,
      response: { status: 201, schema: unitSchema },
      async handler(ctx, { actor, body }) {
        return presentUnit(await createUnit(actor, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/admin/units/:id',
      summary: 'Mengubah, memindahkan atau menonaktifkan unit kerja',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      params: idParams,
      body: unitUpdateBody,
      response: { schema: unitSchema },
      async handler(ctx, { actor, params, body }) {
        return presentUnit(await updateUnit(actor, params.id, body, ctx.ip));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/positions',
      summary: 'Membuat jabatan',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      body: positionCreateBody,
      response: { status: 201, schema: positionSchema },
      async handler(ctx, { actor, body }) {
        return (await presentPositions([await createPosition(actor, body, ctx.ip)]))[0];
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/admin/positions/:id',
      summary: 'Mengubah, memindahkan atau menonaktifkan jabatan',
      tags: ['admin'],
      roles: rolesFor('org.manage'),
      params: idParams,
      body: positionUpdateBody,
      response: { schema: positionSchema },
      async handler(ctx, { actor, params, body }) {
        return (await presentPositions([await updatePosition(actor, params.id, body, ctx.ip)]))[0];
      },
    }),
  ];
}
