import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { now, shiftClock } from '../../lib/clock.ts';
import { startOfJakartaDay } from '../calendar/dates.ts';
import {
  disposeAs,
  dispositionTestContext,
  forwardAs,
  loginAs,
  registerLetter,
  reportAs,
} from '../dispositions/test-support.ts';
import { findUnitByCode } from '../org/org.service.ts';
import { median } from './monitoring.service.ts';

const ctx = await dispositionTestContext();
const unitId = async (code: string) => String((await findUnitByCode(code))!._id);

type Row = {
  code: string;
  open: number;
  overdue: number;
  oldestOpenDays: number | null;
  medianFollowUpHours: number | null;
  followUpSample: number;
  self: boolean;
};
const row = (body: { rows: Row[] }, code: string) =>
  body.rows.find((r) => r.code === code && !r.self);

describe('monitoring per unit', () => {
  it('shows the Sekda every asisten unit with open, overdue and oldest items, and drills down', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const asisten3 = await loginAs(ctx, 'asisten3');
    const first = await registerLetter(ctx, { subject: 'Perbaikan gedung arsip' });
    const { asisten3: top } = await disposeAs(sekda, first, [{ key: 'asisten3' }]);
    await forwardAs(asisten3, top!.id, [{ key: 'karoumum' }]);
    const second = await registerLetter(ctx, { subject: 'Rancangan peraturan gubernur' });
    await disposeAs(sekda, second, [{ key: 'asisten1' }]);

    const overview = (await sekda.get('/api/monitoring')).body;
    expect(overview.unit.code).toBe('SETDA');
    expect(overview.rows.map((r: Row) => r.code)).toEqual(['ASS.I', 'ASS.II', 'ASS.III']);
    expect(row(overview, 'ASS.III')).toMatchObject({ open: 2, overdue: 0, followUpSample: 1 });
    expect(row(overview, 'ASS.I')).toMatchObject({
      open: 1,
      followUpSample: 0,
      medianFollowUpHours: null,
    });
    expect(row(overview, 'ASS.II')).toMatchObject({ open: 0 });
    expect(overview.totals.open).toBe(3);
    expect(overview.items.map((i: { subject: string }) => i.subject)).toContain(
      'Perbaikan gedung arsip',
    );

    // Drill-down into Asisten III: the asisten himself, then each biro.
    const down = (await sekda.get('/api/monitoring').query({ unitId: await unitId('ASS.III') }))
      .body;
    expect(down.breadcrumb.map((b: { name: string }) => b.name)).toEqual([
      'Sekretariat Daerah',
      'Asisten Administrasi Umum',
    ]);
    expect(down.rows.find((r: Row) => r.self)).toMatchObject({ open: 1 });
    expect(row(down, 'B.UM')).toMatchObject({ open: 1 });
    expect(row(down, 'B.ORG')).toMatchObject({ open: 0 });
    const holder = down.items.find(
      (i: { positionTitle: string }) => i.positionTitle === 'Kepala Biro Umum',
    );
    expect(holder.holders).toHaveLength(1);
  });

  it('counts an item overdue once its deadline day is over', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const letterId = await registerLetter(ctx);
    const { asisten2: node } = await disposeAs(sekda, letterId, [{ key: 'asisten2' }], {
      urgency: 'sangat_segera',
    });
    const restore = shiftClock(
      startOfJakartaDay(node!.dueDate as string).getTime() + 3 * 86_400_000 - now().getTime(),
    );
    try {
      const later = await loginAs(ctx, 'sekda');
      const overview = (await later.get('/api/monitoring')).body;
      expect(row(overview, 'ASS.II')).toMatchObject({ open: 1, overdue: 1 });
      expect(row(overview, 'ASS.II')!.oldestOpenDays).toBeGreaterThanOrEqual(2);
      const item = overview.items.find(
        (i: { dispositionId: string }) => i.dispositionId === node!.id,
      );
      // Three days after the deadline day began: three days late.
      expect(item).toMatchObject({ overdue: true, daysLate: 3 });
      // Overdue items come first.
      expect(overview.items[0].overdue).toBe(true);
    } finally {
      restore();
    }
  });

  it('measures the median time to the first follow-up', async () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    const sekda = await loginAs(ctx, 'sekda');
    const asisten2 = await loginAs(ctx, 'asisten2');
    const letterId = await registerLetter(ctx);
    const { asisten2: node } = await disposeAs(sekda, letterId, [{ key: 'asisten2' }]);
    const restore = shiftClock(2 * 3_600_000);
    try {
      const later = await loginAs(ctx, 'asisten2');
      expect(
        (await reportAs(later, node!.id, { text: 'Ditindaklanjuti dua jam kemudian.' })).status,
      ).toBe(201);
      const overview = (await (await loginAs(ctx, 'sekda')).get('/api/monitoring')).body;
      expect(row(overview, 'ASS.II')!.followUpSample).toBe(1);
      expect(row(overview, 'ASS.II')!.medianFollowUpHours).toBeCloseTo(2, 0);
    } finally {
      restore();
    }
    expect(asisten2).toBeDefined();
  });

  it('is for heads of units, within their own subtree', async () => {
    const asisten3 = await loginAs(ctx, 'asisten3');
    expect((await asisten3.get('/api/monitoring')).body.unit.code).toBe('ASS.III');
    const outside = await asisten3.get('/api/monitoring').query({ unitId: await unitId('ASS.I') });
    expect(outside.status).toBe(403);
    expect(
      (await asisten3.get('/api/monitoring').query({ unitId: await unitId('B.UM') })).status,
    ).toBe(200);
    expect((await (await loginAs(ctx, 'staftu')).get('/api/monitoring')).status).toBe(403);
    expect((await (await loginAs(ctx, 'agendaris')).get('/api/monitoring')).status).toBe(403);
    expect((await (await loginAs(ctx, 'admin')).get('/api/monitoring')).body.unit.code).toBe(
      'SETDA',
    );
  });

  it('exports the view as a PDF', async () => {
    const sekda = await loginAs(ctx, 'sekda');
    const response = await sekda.get('/api/monitoring/report.pdf').buffer(true);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const doc = mupdf.Document.openDocument(response.body as Buffer, 'application/pdf');
    let text = '';
    for (let i = 0; i < doc.countPages(); i++)
      text += doc.loadPage(i).toStructuredText('preserve-whitespace').asText();
    expect(text).toContain('PEMANTAUAN DISPOSISI PER UNIT KERJA');
    expect(text).toContain('Asisten Administrasi Umum');
    expect(text).toContain('DISPOSISI YANG BELUM SELESAI');
    expect(text).toContain('Perbaikan gedung arsip');
  });
});
