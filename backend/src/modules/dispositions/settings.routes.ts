import mongoose from 'mongoose';
import { z } from 'zod';
import { forbidden, notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { todayInJakarta } from '../calendar/calendar.service.ts';
import { getPosition } from '../org/org.service.ts';
import { heldPosition } from './acting.ts';
import { countersJson, objectId } from './dispositions.schema.ts';
import { countersForActor } from './inbox.service.ts';
import { dispatchCandidates, listRoutingRules, saveRoutingRule } from './routing.ts';
import { defaultDueDate, forwardDueLimit, getSettings, saveSettings } from './settings.service.ts';
import { URGENCIES } from './state-machine.ts';
import { loadDisposition } from './transitions.ts';

const settingsJson = z.object({
  instructions: z.array(z.string()),
  dueWorkingDays: z.object({
    biasa: z.number().int(),
    segera: z.number().int(),
    sangat_segera: z.number().int(),
  }),
});

const settingsBody = z
  .object({
    instructions: z
      .array(z.string().trim().min(2).max(200))
      .min(1, 'Daftar instruksi tidak boleh kosong.')
      .max(40),
    dueWorkingDays: z
      .object({
        biasa: z.number().int().min(0).max(60),
        segera: z.number().int().min(0).max(60),
        sangat_segera: z.number().int().min(0).max(60),
      })
      .strict(),
  })
  .strict();

const candidateJson = z.object({
  positionId: z.string(),
  title: z.string(),
  kind: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  direct: z.boolean(),
  widened: z.boolean(),
});

const ruleJson = z.object({
  unitId: z.string(),
  targetUnitIds: z.array(z.string()),
  note: z.string().nullable(),
});

/** Routes registered before `/api/dispositions/:id` so their fixed paths win. */
export function dispositionSettingsRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/dispositions/settings',
      summary: 'Daftar instruksi disposisi dan batas waktu bawaan per sifat (hari kerja)',
      tags: ['disposisi'],
      response: { schema: settingsJson },
      handler: () => getSettings(),
    }),
    defineRoute({
      method: 'put',
      path: '/api/dispositions/settings',
      summary: 'Mengubah daftar instruksi dan batas waktu bawaan',
      tags: ['disposisi'],
      roles: rolesFor('org.manage'),
      body: settingsBody,
      response: { schema: settingsJson },
      handler: (_ctx, { body, actor }) => saveSettings(body, actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dispositions/counters',
      summary: 'Penghitung dasbor untuk setiap jabatan yang dipegang (termasuk Plt/Plh)',
      tags: ['disposisi'],
      response: {
        schema: z.object({
          positions: z.array(
            z.object({
              positionId: z.string(),
              title: z.string(),
              acting: z.boolean(),
              counters: countersJson,
            }),
          ),
        }),
      },
      async handler(_ctx, { actor }) {
        return { positions: await countersForActor(actor) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dispositions/recipients',
      summary: 'Jabatan yang dapat menerima disposisi dari jabatan ini',
      tags: ['disposisi'],
      query: z.object({ positionId: objectId }),
      response: { schema: z.object({ items: z.array(candidateJson) }) },
      async handler(_ctx, { query, actor }) {
        if (!heldPosition(actor, query.positionId))
          throw forbidden('Anda tidak memegang jabatan tersebut.');
        const sender = await getPosition(query.positionId);
        if (!sender) throw notFound('Jabatan');
        const items = await dispatchCandidates(sender);
        return {
          items: items.map(({ position, unit, direct, widened }) => ({
            positionId: String(position._id),
            title: position.title,
            kind: position.kind,
            unitId: String(unit._id),
            unitName: unit.name,
            direct,
            widened,
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dispositions/due-date',
      summary:
        'Batas waktu bawaan: hari kerja sifatnya, atau untuk penerusan batas waktu disposisi induk',
      tags: ['disposisi'],
      query: z.object({ urgency: z.enum(URGENCIES), parentId: objectId.optional() }),
      response: {
        schema: z.object({
          dueDate: z.string(),
          /** The urgency's working days (a top-level disposition); null for a forward. */
          workingDays: z.number().int().nullable(),
          /** For a forward: the latest deadline allowed (the parent's, or today if passed). */
          latest: z.string().nullable(),
        }),
      },
      async handler(_ctx, { query, actor }) {
        const today = todayInJakarta();
        if (query.parentId) {
          const parent = await loadDisposition(query.parentId);
          if (!parent || !heldPosition(actor, parent.toPositionId)) throw notFound('Disposisi');
          const latest = forwardDueLimit(parent.dueDate, today);
          return { dueDate: latest, workingDays: null, latest };
        }
        const settings = await getSettings();
        return {
          dueDate: await defaultDueDate(query.urgency, today, settings),
          workingDays: settings.dueWorkingDays[query.urgency],
          latest: null,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/disposition-routing-rules',
      summary: 'Perluasan tujuan disposisi per unit (misalnya koordinasi lintas biro)',
      tags: ['disposisi'],
      roles: rolesFor('org.manage'),
      response: { schema: z.object({ items: z.array(ruleJson) }) },
      async handler() {
        const rules = await listRoutingRules();
        return {
          items: rules.map((r) => ({
            unitId: String(r.unitId),
            targetUnitIds: r.targetUnitIds.map(String),
            note: r.note ?? null,
          })),
        };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/disposition-routing-rules/:unitId',
      summary: 'Menetapkan unit tujuan tambahan bagi jabatan di unit ini (kosong = hanya ke bawah)',
      tags: ['disposisi'],
      roles: rolesFor('org.manage'),
      params: z.object({ unitId: objectId }),
      body: z
        .object({
          targetUnitIds: z.array(objectId).max(100),
          note: z.string().trim().max(500).nullish(),
        })
        .strict(),
      response: { schema: z.object({ rule: ruleJson.nullable() }) },
      async handler(_ctx, { params, body, actor }) {
        const rule = await saveRoutingRule(
          params.unitId,
          body.targetUnitIds,
          body.note ?? null,
          actor,
        );
        return {
          rule: rule
            ? {
                unitId: String(rule.unitId),
                targetUnitIds: rule.targetUnitIds.map((id) =>
                  String(new mongoose.Types.ObjectId(String(id))),
                ),
                note: rule.note ?? null,
              }
            : null,
        };
      },
    }),
  ];
}
