import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { now } from '../../lib/clock.ts';
import { addDays, weekday } from '../calendar/dates.ts';
import { contentDisposition } from '../files/file-type.ts';
import { getPosition } from '../org/org.service.ts';
import { authorize, rolesFor } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { notFound } from '../../http/errors.ts';
import { renderAgendaPdf } from './agenda.pdf.ts';
import { presentEntry } from './agenda.presenter.ts';
import {
  agendaListSchema,
  agendaQuerySchema,
  decideBodySchema,
  delegateBodySchema,
  entryIdParams,
  entryRemindersBodySchema,
  entrySchema,
  feedCreateSchema,
  feedCreatedSchema,
  feedSchema,
  keeperBodySchema,
  keeperSchema,
  pdfQuerySchema,
  positionQuerySchema,
  reminderSettingsBodySchema,
  reminderSettingsSchema,
} from './agenda.schema.ts';
import { getReminderSettings, setReminderSettings } from './reminder-settings.service.ts';
import {
  addKeeper,
  agendaPositionsOf,
  agendaResource,
  decideEntry,
  delegateEntry,
  entriesOf,
  getEntry,
  listAgenda,
  listKeepers,
  maskedFor,
  removeKeeper,
  setEntryReminders,
} from './agenda.service.ts';
import { createFeed, feedCalendar, listFeeds, revokeFeed } from './feed.service.ts';

const feedParams = z.object({
  file: z.string().regex(/^[A-Za-z0-9_-]{16,64}\.ics$/, 'Tautan kalender tidak dikenal.'),
});

export function agendaRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/agenda',
      summary:
        'Agenda pimpinan: entri satu jabatan (positionId) atau pimpinan bersama (scope=leadership) dalam rentang tanggal (paling lama 42 hari)',
      tags: ['agenda'],
      query: agendaQuerySchema,
      response: { schema: agendaListSchema },
      async handler(_ctx, { query, actor }) {
        const result = await listAgenda(actor, query);
        return { items: result.items.map(presentEntry), positions: result.positions };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/agenda/positions',
      summary: 'Jabatan yang agendanya dapat dibuka pengguna (sendiri, Plt/Plh, dan yang disimpan)',
      tags: ['agenda'],
      response: {
        schema: z.object({
          items: z.array(z.object({ id: z.string(), title: z.string(), kept: z.boolean() })),
        }),
      },
      async handler(_ctx, { actor }) {
        return { items: await agendaPositionsOf(actor) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/agenda/agenda.pdf',
      summary: 'Agenda harian atau mingguan satu jabatan (PDF untuk ditempel)',
      tags: ['agenda'],
      query: pdfQuerySchema,
      response: { contentType: 'application/pdf', description: 'Agenda A4 mendatar' },
      async handler(ctx, { query, actor }) {
        const position = await getPosition(query.positionId);
        if (!position) throw notFound('Jabatan');
        authorize(actor, 'agenda.view', await agendaResource(query.positionId));
        // A week runs Monday to Sunday around the date.
        const from =
          query.period === 'day'
            ? query.date
            : addDays(query.date, -((weekday(query.date) + 6) % 7));
        const to = query.period === 'day' ? from : addDays(from, 6);
        const entries = (await entriesOf(query.positionId, from, to)).map((e) =>
          maskedFor(actor, e),
        );
        const pdf = await renderAgendaPdf({
          positionTitle: position.title,
          from,
          to,
          entries,
          generatedAt: now(),
          generatedBy: actor.name,
        });
        ctx.set('Content-Type', 'application/pdf');
        ctx.set('Content-Disposition', contentDisposition('inline', `agenda-${from}.pdf`));
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = pdf;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/agenda/feeds',
      summary: 'Tautan kalender (iCalendar) aktif milik jabatan',
      tags: ['agenda'],
      query: positionQuerySchema,
      response: { schema: z.object({ items: z.array(feedSchema) }) },
      async handler(_ctx, { query, actor }) {
        return { items: await listFeeds(actor, query.positionId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/agenda/feeds',
      summary: 'Membuat tautan kalender pribadi (token ditampilkan sekali)',
      tags: ['agenda'],
      body: feedCreateSchema,
      response: { status: 201, schema: feedCreatedSchema },
      async handler(_ctx, { body, actor }) {
        return createFeed(actor, body.positionId);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/agenda/feeds/:id',
      summary: 'Mencabut tautan kalender (tautan lama menjawab 404)',
      tags: ['agenda'],
      params: entryIdParams,
      response: { status: 204 },
      async handler(ctx, { params, actor }) {
        await revokeFeed(actor, params.id);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/agenda/feed/:file',
      summary:
        'Kalender iCalendar (RFC 5545) satu jabatan dari token pribadi `<token>.ics`; tanpa sesi',
      tags: ['agenda'],
      access: 'public',
      params: feedParams,
      response: { contentType: 'text/calendar', description: 'VCALENDAR; 404 bila token dicabut' },
      async handler(ctx, { params }) {
        const token = params.file.replace(/\.ics$/, '');
        const body = await feedCalendar(token);
        ctx.set('Content-Type', 'text/calendar; charset=utf-8');
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = body;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/agenda/keepers',
      summary: 'Staf penyimpan agenda pejabat',
      tags: ['agenda'],
      roles: rolesFor('agenda.keepers'),
      query: z.object({
        positionId: z
          .string()
          .regex(/^[0-9a-f]{24}$/i)
          .optional(),
      }),
      response: { schema: z.object({ items: z.array(keeperSchema) }) },
      async handler(_ctx, { query }) {
        return { items: await listKeepers(query.positionId) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/agenda/keepers',
      summary: 'Menetapkan staf penyimpan agenda pejabat',
      tags: ['agenda'],
      roles: rolesFor('agenda.keepers'),
      body: keeperBodySchema,
      response: { status: 201, schema: keeperSchema },
      async handler(_ctx, { body }) {
        return addKeeper(body.positionId, body.keeperPositionId);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/agenda/keepers/:id',
      summary: 'Mencabut penetapan staf penyimpan agenda',
      tags: ['agenda'],
      roles: rolesFor('agenda.keepers'),
      params: entryIdParams,
      response: { status: 204 },
      async handler(ctx, { params }) {
        await removeKeeper(params.id);
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/agenda/reminders',
      summary: 'Waktu pengingat bawaan agenda satu jabatan (menit sebelum acara)',
      tags: ['agenda'],
      query: positionQuerySchema,
      response: { schema: reminderSettingsSchema },
      async handler(_ctx, { query, actor }) {
        return getReminderSettings(actor, query.positionId);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/agenda/reminders',
      summary:
        'Menetapkan waktu pengingat bawaan agenda satu jabatan (paling banyak tiga; kosong berarti tanpa pengingat)',
      tags: ['agenda'],
      body: reminderSettingsBodySchema,
      response: { schema: reminderSettingsSchema },
      async handler(_ctx, { body, actor }) {
        return setReminderSettings(actor, body.positionId, body.remindBefore);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/agenda/:id',
      summary: 'Satu entri agenda',
      tags: ['agenda'],
      params: entryIdParams,
      response: { schema: entrySchema },
      async handler(_ctx, { params, actor }) {
        return presentEntry(await getEntry(actor, params.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/agenda/:id/decision',
      summary: 'Menerima atau menolak undangan',
      tags: ['agenda'],
      params: entryIdParams,
      body: decideBodySchema,
      response: { schema: entrySchema },
      async handler(_ctx, { params, body, actor }) {
        return presentEntry(await decideEntry(actor, params.id, body.decision));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/agenda/:id/reminders',
      summary:
        'Waktu pengingat satu entri agenda (null: kembali ke bawaan jabatan; kosong: tanpa pengingat)',
      tags: ['agenda'],
      params: entryIdParams,
      body: entryRemindersBodySchema,
      response: { schema: entrySchema },
      async handler(_ctx, { params, body, actor }) {
        return presentEntry(await setEntryReminders(actor, params.id, body.remindBefore));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/agenda/:id/delegate',
      summary: 'Mewakilkan undangan (disposisi "Hadiri/Wakili" ke jabatan wakil)',
      tags: ['agenda'],
      params: entryIdParams,
      body: delegateBodySchema,
      response: { schema: entrySchema.extend({ delegateEntryId: z.string() }) },
      async handler(_ctx, { params, body, actor }) {
        const result = await delegateEntry(actor, params.id, body);
        return { ...presentEntry(result.entry), delegateEntryId: result.delegateEntryId };
      },
    }),
  ];
}
