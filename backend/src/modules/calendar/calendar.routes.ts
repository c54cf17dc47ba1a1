import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { rolesFor } from '../policy/policy.ts';
import type { Services } from '../../services.ts';
import { isCalendarDate } from './dates.ts';
import { HOLIDAY_KINDS, type Holiday } from './holiday.model.ts';
import { createHoliday, deleteHoliday, listHolidays, updateHoliday } from './calendar.service.ts';

const calendarDate = z.string().refine(isCalendarDate, 'Tanggal harus berformat TTTT-BB-HH.');

const holidaySchema = z.object({
  date: z.string(),
  name: z.string(),
  kind: z.enum(HOLIDAY_KINDS),
  estimated: z.boolean(),
  source: z.enum(['seed', 'admin']),
});

export function presentHoliday(holiday: Holiday): z.infer<typeof holidaySchema> {
  return {
    date: holiday.date,
    name: holiday.name,
    kind: holiday.kind as (typeof HOLIDAY_KINDS)[number],
    estimated: holiday.estimated ?? false,
    source: holiday.source as 'seed' | 'admin',
  };
}

const name = z.string().trim().min(3, 'Nama hari libur minimal 3 huruf.').max(160);

export function calendarRoutes(_services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/calendar/holidays',
      summary: 'Kalender hari libur nasional dan cuti bersama satu tahun',
      tags: ['kalender'],
      query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      response: { schema: z.object({ items: z.array(holidaySchema) }) },
      async handler(_ctx, { query }) {
        return { items: (await listHolidays(query.year)).map(presentHoliday) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/holidays',
      summary: 'Menambah hari libur',
      tags: ['kalender'],
      roles: rolesFor('org.manage'),
      body: z.object({ date: calendarDate, name, kind: z.enum(HOLIDAY_KINDS) }),
      response: { status: 201, schema: holidaySchema },
      async handler(_ctx, { body, actor }) {
        return presentHoliday(await createHoliday(body, actor));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/calendar/holidays/:date',
      summary: 'Mengubah hari libur (sekaligus mengonfirmasi tanggal perkiraan)',
      tags: ['kalender'],
      roles: rolesFor('org.manage'),
      params: z.object({ date: calendarDate }),
      body: z.object({ name: name.optional(), kind: z.enum(HOLIDAY_KINDS).optional() }),
      response: { schema: holidaySchema },
      async handler(_ctx, { params, body, actor }) {
        return presentHoliday(await updateHoliday(params.date, body, actor));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/calendar/holidays/:date',
      summary: 'Menghapus hari libur',
      tags: ['kalender'],
      response: { status: 204 },
      roles: rolesFor('org.manage'),
      params: z.object({ date: calendarDate }),
      async handler(ctx, { params, actor }) {
        await deleteHoliday(params.date, actor);
        ctx.status = 204;
      },
    }),
  ];
}
