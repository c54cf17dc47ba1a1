import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/harness.ts';
import { createMeeting, uploadScan } from '../../../test/meetings-fixture.ts';
import { todayInJakarta } from '../calendar/calendar.service.ts';
import { addDays } from '../calendar/dates.ts';
import { DispositionModel } from '../dispositions/disposition.model.ts';
import {
  dispositionTestContext,
  loginAs,
  pos,
  reportAs,
  scanPdf,
} from '../dispositions/test-support.ts';
import { MeetingModel } from './meeting.model.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await dispositionTestContext();
});

/** A coordination meeting held yesterday (its minutes may be finalised) from 09:00 to
 * 11:00, chaired by the Sekda, Asisten I and the Karo Umum invited (test/meetings-fixture.ts). */
const chairedBySekda = async () => ({
  kind: 'rapat_koordinasi',
  endTime: '11:00',
  place: 'Ruang Rapat Sekda, Lantai 2',
  chairPositionId: await pos('sekda'),
  invitedPositionIds: [await pos('asisten1'), await pos('karoumum')],
});

describe('coordination meetings', () => {
  it("a meeting's minutes make two follow-up items that reach inbox and monitoring and are completed with reports", async () => {
    const kabagtu = await loginAs(ctx, 'kabagtu');
    const { id, body: created } = await createMeeting(
      kabagtu,
      'Rapat Koordinasi Percepatan Penurunan Stunting',
      await chairedBySekda(),
    );
    expect(created.invited.map((i: { attendance: string }) => i.attendance)).toEqual([
      'belum',
      'belum',
    ]);

    // Attendance: one came, one was represented.
    const attendance = await kabagtu.put(`/api/meetings/${id}/attendance`).send({
      invited: [
        { positionId: await pos('asisten1'), attendance: 'hadir' },
        { positionId: await pos('karoumum'), attendance: 'diwakili', representedBy: 'Kabag TU' },
      ],
      extraAttendees: [{ name: 'dr. Reihana', role: 'Kepala Dinas Kesehatan' }],
    });
    expect(attendance.status, JSON.stringify(attendance.body)).toBe(200);
    expect(attendance.body.invited[1]).toMatchObject({
      attendance: 'diwakili',
      representedBy: 'Kabag TU',
    });
    // "Diwakili" needs the name of who came.
    expect(
      (
        await kabagtu.put(`/api/meetings/${id}/attendance`).send({
          invited: [{ positionId: await pos('asisten1'), attendance: 'diwakili' }],
        })
      ).status,
    ).toBe(400);

    // Minutes cannot be final while empty.
    expect((await kabagtu.post(`/api/meetings/${id}/finalize`).send({})).status).toBe(400);
    const minutes = await kabagtu.put(`/api/meetings/${id}/minutes`).send({
      pembukaan: 'Rapat dibuka oleh Sekretaris Daerah pukul 09.00 WIB.',
      pembahasan: 'Capaian penurunan stunting triwulan III dibahas per kabupaten.',
      keputusan: 'Dua tindak lanjut ditetapkan.',
      penutup: 'Rapat ditutup pukul 11.00 WIB.',
    });
    expect(minutes.status).toBe(200);
    const due = addDays(todayInJakarta(), 7);
    const decisions = await kabagtu.put(`/api/meetings/${id}/decisions`).send({
      decisions: [
        {
          instruction: 'Susun rencana aksi daerah penurunan stunting',
          positionId: await pos('asisten1'),
          dueDate: due,
        },
        {
          instruction: 'Siapkan anggaran rapat evaluasi bulanan',
          positionId: await pos('karoumum'),
          dueDate: due,
        },
      ],
    });
    expect(decisions.status, JSON.stringify(decisions.body)).toBe(200);
    expect(decisions.body.decisions.map((d: { state: string }) => d.state)).toEqual([
      'draf',
      'draf',
    ]);
    // A deadline in the past is refused.
    expect(
      (
        await kabagtu.put(`/api/meetings/${id}/decisions`).send({
          decisions: [
            {
              instruction: 'Terlambat',
              positionId: await pos('asisten1'),
              dueDate: addDays(todayInJakarta(), -1),
            },
          ],
        })
      ).status,
    ).toBe(400);

    const final = await kabagtu.post(`/api/meetings/${id}/finalize`).send({});
    expect(final.status, JSON.stringify(final.body)).toBe(200);
    expect(final.body.status).toBe('selesai');
    expect(final.body.minutes.finalizedAt).not.toBeNull();
    expect(final.body.figures).toEqual({ done: 0, late: 0, open: 2, total: 2 });
    const [toAsisten, toKaro] = final.body.decisions as Array<{ dispositionId: string }>;

    // Finalising again makes nothing twice; the minutes are frozen.
    expect((await kabagtu.post(`/api/meetings/${id}/finalize`).send({})).status).toBe(200);
    expect(await DispositionModel.countDocuments({ letterId: id })).toBe(2);
    expect(
      (await kabagtu.put(`/api/meetings/${id}/minutes`).send({ pembahasan: 'x' })).status,
    ).toBe(409);

    // In the responsible positions' inboxes, sent in the chair's name.
    const asisten1 = await loginAs(ctx, 'asisten1');
    const inbox = (await asisten1.get('/api/dispositions/inbox').query({ status: 'unread' })).body;
    const item = inbox.items.find((i: { id: string }) => i.id === toAsisten!.dispositionId);
    expect(item).toMatchObject({
      instructions: ['Susun rencana aksi daerah penurunan stunting'],
      from: { positionTitle: 'Sekretaris Daerah' },
      dueDate: due,
    });
    expect(item.letter).toMatchObject({
      subject: 'Rapat Koordinasi Percepatan Penurunan Stunting',
      source: 'meeting',
      id,
    });

    // In the Sekda's monitoring, with the letters' items.
    const sekda = await loginAs(ctx, 'sekda');
    const monitoring = (await sekda.get('/api/monitoring')).body;
    const ids = monitoring.items.map((i: { dispositionId: string }) => i.dispositionId);
    expect(ids).toContain(toAsisten!.dispositionId);
    expect(ids).toContain(toKaro!.dispositionId);
    expect(
      monitoring.items.find(
        (i: { dispositionId: string }) => i.dispositionId === toAsisten!.dispositionId,
      ),
    ).toMatchObject({ source: 'meeting', letterId: id, positionTitle: expect.any(String) });

    // Completed with a report, as any disposition.
    const karoumum = await loginAs(ctx, 'karoumum');
    const opened = await karoumum.get(`/api/dispositions/${toKaro!.dispositionId}`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.letter.subject).toBe('Rapat Koordinasi Percepatan Penurunan Stunting');
    expect(opened.body.letter.files).toEqual([]);
    const report = await reportAs(karoumum, toKaro!.dispositionId, {
      text: 'Anggaran rapat evaluasi bulanan telah disiapkan dalam DPA Biro Umum.',
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const done = await karoumum.post(`/api/dispositions/${toKaro!.dispositionId}/complete`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const after = (await sekda.get(`/api/meetings/${id}`)).body;
    expect(after.decisions.map((d: { state: string }) => d.state)).toEqual(['open', 'done']);
    expect(after.figures).toEqual({ done: 1, late: 0, open: 1, total: 2 });
    const monitoringAfter = (await sekda.get('/api/monitoring')).body;
    expect(
      monitoringAfter.items.map((i: { dispositionId: string }) => i.dispositionId),
    ).not.toContain(toKaro!.dispositionId);

    // The Sekda's list of the month: the meeting with its figures.
    const month = addDays(todayInJakarta(), -1).slice(0, 7);
    const list = (await sekda.get('/api/meetings').query({ month })).body;
    const row = list.items.find((m: { id: string }) => m.id === id);
    expect(row).toMatchObject({ minutesFinal: true, figures: { done: 1, open: 1, total: 2 } });

    // The minutes as PDF.
    const pdf = await sekda.get(`/api/meetings/${id}/minutes.pdf`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(pdf.body).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows a meeting to its chain and their heads only, and lets only its keepers change it', async () => {
    const agendaris = await loginAs(ctx, 'agendaris');
    const { id } = await createMeeting(agendaris, 'Rapat Pimpinan Persiapan HUT Provinsi', {
      ...(await chairedBySekda()),
      kind: 'rapat_pimpinan',
      invitedPositionIds: [await pos('karoumum')],
    });

    const karohukum = await loginAs(ctx, 'karohukum');
    expect((await karohukum.get(`/api/meetings/${id}`)).status).toBe(404);
    expect((await karohukum.put(`/api/meetings/${id}/minutes`).send({})).status).toBe(404);
    const month = addDays(todayInJakarta(), -1).slice(0, 7);
    expect(
      (await karohukum.get('/api/meetings').query({ month })).body.items.map(
        (m: { id: string }) => m.id,
      ),
    ).not.toContain(id);

    // Invited: sees it, may not change it.
    const karoumum = await loginAs(ctx, 'karoumum');
    expect((await karoumum.get(`/api/meetings/${id}`)).body.permissions).toEqual({
      canManage: false,
      canFinalize: false,
      canAttachSheet: false,
    });
    expect((await karoumum.put(`/api/meetings/${id}/minutes`).send({})).status).toBe(403);
    // The head of the invited unit's line sees it too.
    const asisten3 = await loginAs(ctx, 'asisten3');
    expect((await asisten3.get(`/api/meetings/${id}`)).status).toBe(200);
    // The chair may change it.
    const sekda = await loginAs(ctx, 'sekda');
    expect((await sekda.get(`/api/meetings/${id}`)).body.permissions.canManage).toBe(true);

    // The signed attendance sheet: a scan of the meeting, read by whoever sees the meeting.
    expect(
      (
        await karoumum
          .post(`/api/meetings/${id}/attendance-sheet`)
          .attach('file', await scanPdf('Daftar hadir', 1), 'hadir.pdf')
      ).status,
    ).toBe(403);
    const sheet = await uploadScan(
      agendaris,
      id,
      'attendance-sheet',
      'Daftar hadir',
      'daftar-hadir.pdf',
    );
    expect(sheet.body.attendanceSheet).toMatchObject({ name: 'daftar-hadir.pdf' });
    const content = sheet.body.attendanceSheet.contentUrl as string;
    expect((await karoumum.get(content)).status).toBe(200);
    expect((await karohukum.get(content)).status).toBe(404);

    // Cancelled: no more changes.
    expect((await agendaris.post(`/api/meetings/${id}/cancel`).send({})).status).toBe(200);
    expect((await agendaris.put(`/api/meetings/${id}/minutes`).send({})).status).toBe(409);
    expect((await MeetingModel.findById(id).lean())?.status).toBe('batal');
  });
});
