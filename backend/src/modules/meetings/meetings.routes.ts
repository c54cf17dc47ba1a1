import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { Services } from '../../services.ts';
import { contentDisposition } from '../files/file-type.ts';
import { fileStorage } from '../files/file-storage.ts';
import { getStoredFile, registerFileAccessCheck } from '../files/files.service.ts';
import { MeetingModel } from './meeting.model.ts';
import { canViewMeeting } from './meetings.policy.ts';
import type { Actor } from '../../http/actor.ts';
import type { Meeting } from './meeting.model.ts';
import { finalizeMinutes } from './meetings.decisions.ts';
import { presentMeeting, presentMeetingRow } from './meetings.presenter.ts';
import {
  attendanceInput,
  decisionsInput,
  idParams,
  listQuery,
  meetingInput,
  meetingJson,
  meetingListJson,
  minutesInput,
} from './meetings.schema.ts';
import {
  cancelMeeting,
  createMeeting,
  listMeetings,
  loadVisibleMeeting,
  saveMinutes,
  setAttendance,
  setDecisions,
  updateMeeting,
} from './meetings.service.ts';
import { renderMinutesPdf } from './minutes.pdf.ts';
import { attachMeetingScan, removeMeetingScan } from './meetings.scans.ts';

// A meeting's scans (the signed attendance sheet) are read by whoever may see the meeting.
registerFileAccessCheck('meeting', async (actor, file) => {
  const meeting = await MeetingModel.findById(file.ownerId).lean<Meeting>();
  return !!meeting && canViewMeeting(actor, meeting);
});

/** The meeting with its files, as the meeting page shows it. */
export async function meetingView(actor: Actor, meeting: Meeting) {
  const [attendanceSheet, minutesScan] = await Promise.all([
    meeting.attendanceSheetFileId ? getStoredFile(String(meeting.attendanceSheetFileId)) : null,
    meeting.minutes?.scanFileId ? getStoredFile(String(meeting.minutes.scanFileId)) : null,
  ]);
  return presentMeeting(actor, meeting, { attendanceSheet, minutesScan });
}

export function meetingsRoutes(services: Services) {
  const storage = fileStorage(services.config);
  const change = (
    path: string,
    summary: string,
    body: z.ZodType,
    run: (actor: Actor, id: string, body: never) => Promise<Meeting>,
    method: 'put' | 'post' = 'put',
  ) =>
    defineRoute({
      method,
      path,
      summary,
      tags: ['rapat'],
      params: idParams,
      body,
      response: { schema: meetingJson },
      handler: async (_ctx, { params, body: input, actor }) =>
        meetingView(actor, await run(actor, params.id, input as never)),
    });
  return [
    defineRoute({
      method: 'get',
      path: '/api/meetings',
      summary:
        'Rapat satu bulan yang boleh dilihat, dengan keputusan selesai/terlambat/terbuka per rapat dan per unit',
      tags: ['rapat'],
      query: listQuery,
      response: { schema: meetingListJson },
      handler: async (_ctx, { query, actor }) => {
        const list = await listMeetings(actor, query);
        return { ...list, items: list.items.map((m) => presentMeetingRow(m)) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/meetings',
      summary: 'Buat rapat (dari surat undangan atau baru)',
      tags: ['rapat'],
      body: meetingInput,
      response: { status: 201, schema: meetingJson },
      handler: async (ctx, { body, actor }) => {
        const meeting = await createMeeting(actor, body);
        ctx.status = 201;
        return meetingView(actor, meeting);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/meetings/:id',
      summary: 'Satu rapat: undangan, kehadiran, notulen, keputusan dan statusnya',
      tags: ['rapat'],
      params: idParams,
      response: { schema: meetingJson },
      handler: async (_ctx, { params, actor }) =>
        meetingView(actor, await loadVisibleMeeting(actor, params.id)),
    }),
    change(
      '/api/meetings/:id',
      'Ubah data rapat (sebelum notulen final)',
      meetingInput,
      updateMeeting,
    ),
    change(
      '/api/meetings/:id/attendance',
      'Catat kehadiran: hadir, diwakili (oleh siapa), tidak hadir; peserta lain',
      attendanceInput,
      setAttendance,
    ),
    change(
      '/api/meetings/:id/minutes',
      'Simpan konsep notulen (pembukaan, pembahasan, keputusan/kesimpulan, penutup)',
      minutesInput,
      saveMinutes,
    ),
    change(
      '/api/meetings/:id/decisions',
      'Tetapkan keputusan: arahan, jabatan penanggung jawab, batas waktu (sebelum notulen final)',
      decisionsInput,
      setDecisions,
    ),
    change(
      '/api/meetings/:id/finalize',
      'Finalkan notulen: tiap keputusan menjadi tindak lanjut (disposisi) jabatan penanggung jawab',
      z.object({}).strict(),
      (actor, id) => finalizeMinutes(actor, id),
      'post',
    ),
    change(
      '/api/meetings/:id/cancel',
      'Batalkan rapat (sebelum notulen final)',
      z.object({}).strict(),
      (actor, id) => cancelMeeting(actor, id),
      'post',
    ),
    ...(['attendance', 'minutes'] as const).flatMap((which) => {
      const path =
        which === 'attendance'
          ? '/api/meetings/:id/attendance-sheet'
          : '/api/meetings/:id/minutes-scan';
      const what = which === 'attendance' ? 'daftar hadir bertanda tangan' : 'notulen';
      return [
        defineRoute({
          method: 'post',
          path,
          summary:
            which === 'attendance'
              ? 'Lampirkan pindaian daftar hadir bertanda tangan (satu berkas; menggantikan yang lama; dibaca OCR dan dapat dicari)'
              : 'Unggah pindaian notulen sebagai ganti konsep (satu berkas; menggantikan yang lama; dibaca OCR dan dapat dicari; sebelum notulen final)',
          tags: ['rapat'],
          params: idParams,
          multipart: { description: '`file`: PDF, JPEG, PNG atau TIFF', files: 'file' },
          response: { schema: meetingJson },
          handler: async (ctx, { params, actor }) =>
            meetingView(
              actor,
              await attachMeetingScan(
                ctx,
                {
                  storage,
                  maxFileBytes: services.config.MAX_UPLOAD_BYTES,
                  logger: services.logger,
                },
                actor,
                params.id,
                which,
              ),
            ),
        }),
        defineRoute({
          method: 'delete',
          path,
          summary: `Hapus pindaian ${what} (teksnya keluar dari pencarian)`,
          tags: ['rapat'],
          params: idParams,
          response: { schema: meetingJson },
          handler: async (_ctx, { params, actor }) =>
            meetingView(
              actor,
              await removeMeetingScan(
                { storage, logger: services.logger },
                actor,
                params.id,
                which,
              ),
            ),
        }),
      ];
    }),
    defineRoute({
      method: 'get',
      path: '/api/meetings/:id/minutes.pdf',
      summary: 'Notulen rapat sebagai PDF (kop surat)',
      tags: ['rapat'],
      params: idParams,
      response: { contentType: 'application/pdf', description: 'Notulen rapat A4' },
      async handler(ctx, { params, actor }) {
        const meeting = await loadVisibleMeeting(actor, params.id);
        const pdf = await renderMinutesPdf(meeting, actor.name);
        ctx.set('Content-Type', 'application/pdf');
        ctx.set(
          'Content-Disposition',
          contentDisposition('inline', `notulen-${meeting.title.slice(0, 60)}.pdf`),
        );
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = pdf;
      },
    }),
  ];
}
